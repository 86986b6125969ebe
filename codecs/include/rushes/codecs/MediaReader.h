#pragma once
#include <atomic>
#include <memory>
#include <string>
#include <utility>

#include "rushes/codecs/Media.h"
#include "rushes/codecs/Result.h"

namespace rushes::codecs {

struct OpenOptions {
    // "none" (default), "auto", or a device type: "cuda", "vaapi", "videotoolbox", "d3d11va".
    std::string hardware = "none";
    int threads = 0;   // 0: FFmpeg/OIIO choose
    std::string view;  // EXR view to read ("left", "right"); empty: the default view
};

// One open clip: a movie or an image sequence. Not thread-safe: give each thread its own reader
// (open() is cheap after the first probe).
class MediaReader {
public:
    virtual ~MediaReader() = default;
    virtual const MediaInfo& info() const = 0;

    // Frame-accurate random access by 0-based index; any order gives the same pixels.
    virtual Result<Frame> readFrame(int64_t index) = 0;

    // Decoded and converted to interleaved RGBA with the right matrix and range.
    virtual Result<Image> readImage(int64_t index, ImageFormat format) = 0;

    // The same as readFrame/readImage, written into `reuse`, whose buffers are kept and reused when
    // large enough: a caller that reads frame after frame into one Frame or Image allocates (and
    // page-faults in) no new memory per frame. On error `reuse` holds no valid frame.
    virtual Status readFrameInto(int64_t index, Frame& reuse) {
        auto r = readFrame(index);
        if (!r) return r.error();
        reuse = std::move(*r);
        return Ok{};
    }
    virtual Status readImageInto(int64_t index, ImageFormat format, Image& reuse) {
        auto r = readImage(index, format);
        if (!r) return r.error();
        reuse = std::move(*r);
        return Ok{};
    }

    // Audio from `startSample` (at `sampleRate`) for `count` sample frames, interleaved float.
    // The stream is info().audio[stream]. Position 0 is the time of frame 0.
    virtual Result<AudioBuffer> readAudio(int stream, int64_t startSample, int64_t count, int sampleRate) = 0;

    // Why hardware decoding was not used, when it was asked for; empty otherwise.
    virtual std::string hardwareNote() const { return {}; }
};

// Opens a movie, an image file, a sequence pattern ("a.####.exr", "a.%04d.exr",
// "a.1001-1100#.exr") or one file of a sequence (the sequence around it is detected).
Result<std::unique_ptr<MediaReader>> openMedia(const std::string& path, const OpenOptions& options = {});

// The 0-based index of the frame shown at `tc` (from info.startTimecode at info.frameRate);
// -1 when it falls outside the clip.
int64_t indexForTimecode(const MediaInfo& info, const Timecode& tc);

// Converts a native frame to RGBA (the same conversion readImage uses).
Result<Image> convertFrame(const Frame& frame, const MediaInfo& info, ImageFormat format);
// The same into `reuse`, whose buffer is kept when it is large enough (no fresh pages per frame).
// `size` scales the result (a viewer's picture smaller than the frame): FFmpeg's bilinear scaler,
// chroma upsampled by that scaler instead of the separate full-resolution interpolation. Frames
// in the float layouts of image sequences keep their own size.
Status convertFrameInto(const Frame& frame, const MediaInfo& info, ImageFormat format, Image& reuse,
                        const ConvertSize& size = {});

}  // namespace rushes::codecs
