#pragma once
// Applying a recipe to a clip, in-process (the app) or from rushes-cli: frames stream through a
// chain of stages, each pulling what it needs from the one before (a few frames cached), so
// memory stays bounded on long clips. Progress is reported per output frame; a cancel flag is
// checked between frames, and image sequences are written to a temporary name then renamed, so
// a stopped run leaves no half-written frame.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "processing/Backend.h"
#include "processing/Recipe.h"
#include "rushes/codecs/Media.h"
#include "rushes/codecs/Result.h"

namespace rushes::processing {

// What a chain's denoising used.
struct DenoiseUse {
    double sigma = -1;  // the noise sigma; -1: nothing denoised (or an "auto" one before its first frame)
    bool estimated = false;  // "auto": estimated from the footage
    int searchRadius = 0;    // the spatial search, candidates each side
    int searchStep = 1;      // ... and pixels between them (auto: 2 to 4 for grain)
    bool grain = false;      // auto: the noise read as grain, and the spaced search taken for it
    double shotOffset = -1;  // auto: >= 0 where the noise grows with brightness (DenoiseSettings::shotOffset;
                             // sigma is then the noise's after the stabilising transform)
    double midGreySigma() const;  // the noise's sigma at level 128 (sigma itself for uniform noise)
};

// A clip as the processing core sees it, by index: working frames (CV_32FC3, 8-bit scale), or on
// the OpenCL backend RGB at the decoder's depth (CV_8UC3, CV_16UC3, CV_16FC3), which the device
// pipelines upload as they are (a quarter of the bytes for 8-bit) and convert there.
class FrameSource {
public:
    virtual ~FrameSource() = default;
    virtual int64_t count() const = 0;
    virtual double rate() const = 0;
    virtual codecs::Result<cv::Mat> frame(int64_t index) = 0;
    // The frame's alpha, CV_32FC1 on the working scale (255 opaque), or an empty Mat when the clip
    // has none (opaque). Asked after frame(index); the RGB of clips with alpha is premultiplied, as
    // in EXR, so the operations treat both alike.
    virtual codecs::Result<cv::Mat> alpha(int64_t index) {
        (void)index;
        return cv::Mat();
    }
    // What the chain's (outermost) denoising uses: an "auto" one's estimate once a frame was made.
    virtual DenoiseUse denoiseUse() const { return {}; }
};

// The frame every frame of a clip is placed on by the pipeline (and compared on by `rushes-cli
// compare`): the display window and the first frame's data window together, in display-window
// coordinates. An EXR's data windows may move and change size from frame to frame; the operations
// need frames of one size whose pixels line up. Elsewhere the frame itself.
codecs::Rect frameCanvas(const codecs::MediaInfo& info);
// `m`'s pixels, which sit at `window` (display-window coordinates), at their place in a frame
// covering `canvas`: zero (transparent black, as outside an EXR data window) around them, and what
// lies outside the canvas cropped.
cv::Mat onCanvas(const cv::Mat& m, const codecs::Rect& window, const codecs::Rect& canvas);

// Frames held in memory (tests, the app's cache).
std::unique_ptr<FrameSource> memorySource(std::vector<cv::Mat> frames, double rate);
// The recipe's operations stacked on `source`, in order. `backend` must be resolved. Each operation
// hands out working frames, except the last with `lastDepth` CV_8U, CV_16U or CV_16F: its frames
// rounded to that depth (on the device pipelines, there, so that only those bytes come back).
codecs::Result<std::unique_ptr<FrameSource>> applyRecipe(std::unique_ptr<FrameSource> source,
                                                         const Recipe& recipe, Backend backend,
                                                         int lastDepth = CV_32F);

// Where processed frames go: a movie through the codecs writer or an image sequence.
class FrameSink {
public:
    virtual ~FrameSink() = default;
    virtual codecs::Status write(const codecs::Image& image) = 0;
    // Sound, in order, beside the pictures; an error for sinks without a sound track.
    virtual codecs::Status writeAudio(const codecs::AudioBuffer& audio);
    virtual codecs::Status finish() = 0;
    // The files `count` frames (and their sound) are written to.
    virtual std::vector<std::string> files(int64_t count) const = 0;
};

// The channels an image sequence sink writes: the source's, where the file format carries them.
enum class SinkChannels { Rgb, Rgba, Gray };
// An image sequence written with OpenCV (png, tif): `pattern` holds %0Nd or a run of #.
// Each frame is written to a temporary name and renamed into place, with `channels` (Gray: the frames'
// first channel, which a gray source's processing leaves equal to the other two).
codecs::Result<std::unique_ptr<FrameSink>> imageSequenceSink(const std::string& pattern, int64_t firstNumber,
                                                             SinkChannels channels = SinkChannels::Rgb);
// One PNG or TIFF image (a name without a pattern: codecs::isSequencePattern), written as
// imageSequenceSink writes a frame; processClip uses it for such a name when the pass makes one frame.
codecs::Result<std::unique_ptr<FrameSink>> singleImageSink(const std::string& file,
                                                           SinkChannels channels = SinkChannels::Rgb);

struct ProcessOptions {
    std::string input;
    std::string output;
    Recipe recipe;
    Backend backend = Backend::Auto;
    int64_t firstFrame = 0;   // source indices, inclusive
    int64_t lastFrame = -1;   // -1: to the end
};

struct ProcessReport {
    Backend backend = Backend::Cpu;
    std::string backendNote;
    int64_t framesIn = 0;
    int64_t framesOut = 0;
    double outputRate = 0;
    bool cancelled = false;
    double seconds = 0;
    DenoiseUse denoise;  // what denoising used (FrameSource::denoiseUse); sigma -1: none
};

using ProgressFn = std::function<void(int64_t done, int64_t total)>;

// Reads `input` with the codecs layer, applies the recipe and writes `output`. Movie, EXR and DPX
// outputs keep the input's first sound track (a sequence's as a WAV beside it) and its start
// timecode, both cut to the frame range, when the recipe keeps the clip's duration (denoise, retime
// by factor or rate; not one in-between per pair); at a new rate the timecode keeps its label, the
// frame field counted at that rate.
codecs::Result<ProcessReport> processClip(const ProcessOptions& options, const ProgressFn& progress = {},
                                          const std::atomic<bool>* cancel = nullptr);

}  // namespace rushes::processing
