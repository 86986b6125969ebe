#pragma once
// Motion-compensated spatio-temporal denoising: neighbours are aligned to the frame with optical
// flow, then every pixel is a weighted mean of similar patches in the aligned stack (non-local
// means restricted to a small window around the motion path), so moving detail is not smeared.
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "processing/Backend.h"
#include "rushes/codecs/Result.h"

namespace rushes::processing {

struct DenoiseSettings {
    Backend backend = Backend::Cpu;  // resolved (not Auto)
    double sigma = -1;               // noise sigma on the 8-bit scale; < 0: estimate from the footage
    int radius = 2;                  // temporal neighbours on each side
    int searchRadius = 1;            // spatial search around the motion path: candidates each side
    // Pixels between the search's candidates: 1, every pixel; 2, every second one (offsets -2, 0, 2 for
    // a radius of 1), and so on; "auto" takes 2 to 4 for grain (estimateNoise). Grain's neighbouring
    // pixels share their noise, so candidates next to each other add little that is independent: with
    // grain blurred by 1 px, the 3x3 search 2 px apart beat the 5x5 search at every deviation (friday
    // 40.67 / 33.30 / 29.44 dB against 40.32 / 33.04 / 29.15 at 5 / 15 / 25, PSR63 38.87 / 30.56 / 26.99
    // against 38.59 / 29.98 / 26.56, SSIM higher too) for 9 candidates a frame instead of 25. On white
    // noise it is worse than every pixel (friday 37.58 against 37.96 dB at sigma 15).
    int searchStep = 1;
    int patchRadius = 1;             // patch half-size for similarity
    double strength = 1.0;           // multiplies the filtering parameter h
    double flowScale = 0;            // optical flow resolution; 0: auto (0.25 of the frame, at least 160 px wide up to 0.5)
    int flowPreset = 0;              // cv::DISOpticalFlow preset (0 ultrafast)
    // OpenCL backend: the whole denoise on the device with the project's own kernels (flows to the
    // neighbours, alignment, guides, weighted mean); frames stay on the device between calls (by
    // buffer and content), so a clip denoised in order uploads each frame once. Off: the flows and
    // alignment on the CPU as below, the weighted mean on the device.
    bool devicePipeline = true;
    // The device pipeline waits for the device at each stage, so that stageTimes() holds each
    // stage's own time rather than the time to queue it (for benchmarks; slower).
    bool syncStages = false;
    // The device pipeline: frames go up and come down through page-locked host memory, sliced so that
    // the host's copies and the bus's overlap (internal::PinnedTransfers); off: as cv::UMat::copyTo.
    // Only on a device with memory of its own (PinnedTransfers::pay()): not PoCL or integrated GPUs.
    bool pinnedTransfers = true;
    // OpenCL backend without devicePipeline: OpenCV's OpenCL DIS for the flows; off: its CPU DIS, the same
    // flows as the CPU backend (see InterpolatorSettings::deviceFlow).
    bool deviceFlow = false;
    // CPU flows with the ultrafast preset (flowPreset 0): the project's DIS (CpuFlow.h) instead of
    // OpenCV's cv::DISOpticalFlow, the same algorithm and settings (InterpolatorSettings::projectFlow).
    bool projectFlow = true;
    // Noise that grows with brightness, as a sensor's photon (shot) noise does: its variance
    // proportional to I + shotOffset at level I (8-bit scale). >= 0: the frames are denoised through the
    // transform that makes such noise uniform (stabilise(): a generalised Anscombe transform that keeps
    // 0 and 255 in place) and back, `sigma` being the noise's sigma there; < 0 (the default): noise of one
    // strength at every level. "auto" (estimateNoise) sets it where the footage's noise grows so.
    double shotOffset = -1;
};

// The transform DenoiseSettings::shotOffset denoises through, on working frames (CV_32FC3, 8-bit scale):
// T(I) = b (sqrt(I + offset) - sqrt(offset)) with b such that T(255) = 255, which turns noise of
// variance a (I + offset) into noise of variance a b^2 / 4 at every level; and its inverse, which adds
// `bias` (the mean the square root takes from noisy values: a / 4 for noise of that variance).
void stabilise(const cv::Mat& working, double offset, cv::Mat& out);
void unstabilise(const cv::Mat& stable, double offset, double bias, cv::Mat& out);
// The sigma at `level` (8-bit scale) of noise whose sigma is `sigma` after stabilise() with `shotOffset`;
// `sigma` itself when shotOffset < 0 (uniform noise).
double noiseSigmaAt(double level, double sigma, double shotOffset);

// Estimates the noise of a frame (working or native, see Denoiser::denoise) as the sigma Denoiser
// takes (8-bit scale): Immerkaer's high-pass on the flattest blocks, at the frame's scale and, on
// frames wide enough, on 2x2 and 4x4 block means. For white noise that is its standard deviation;
// for grain correlated over a pixel or more it is larger than the per-pixel deviation (twice it for a
// 1-pixel blur), as the patch distances it sets are then less averaged (see the .cpp). Frames under
// 960 pixels wide stop at 2x2 (texture), and read strong grain short: the window's estimate below
// does better where neighbours are there.
double estimateNoiseSigma(const cv::Mat& rgb);

// "3x3 search", or with the candidates apart "3x3 search 2 px apart": what the CLI and the benchmark print.
std::string describeSearch(int searchRadius, int searchStep);

// What "auto" gives a clip: the strength, and the spatial search it goes with.
struct NoiseEstimate {
    double sigma = 0;      // Denoiser's sigma (8-bit scale)
    int searchStep = 1;    // DenoiseSettings::searchStep: the settings' own, or up to 3 more (grain)
    bool grain = false;    // read as grain (stronger on block means than pixel by pixel), and the spaced
                           // search taken for it
    double shotOffset = -1;  // DenoiseSettings::shotOffset: >= 0 where the noise grows with brightness (sigma
                             // is then the noise's after stabilise(); noiseSigmaAt gives it at a level)
};
// Estimates it from a window of a clip's frames (as Denoiser::denoise takes them) around `center`: the
// estimate above, and where a neighbour of the same size is there, the noise in the difference with
// that neighbour aligned (free of texture, so grain is read at coarser scales on small frames too).
// Where the two disagree by more than 25%, or the noise is grain or 10 or more, strengths around them
// are tried on a crop of at most 640x400 pixels - with the search's candidates 1, 2 or 3 pixels
// further apart too, while further apart wins - denoised with `settings` on the CPU from the window
// without the neighbour, and the one whose result is closest to the aligned neighbour where the alignment
// holds, by a significant margin, is taken. Deterministic: the same window gives the same result on
// any machine and backend. Costs 0.05-0.45 s on 2 cores (a flow and up to 29 denoise calls of the
// crop); Denoiser::denoise calls it for each frame when no sigma is given, so clips estimate once and
// pass the result (as Pipeline does).
// With settings.shotOffset < 0, the noise is first read against brightness in the difference with the
// aligned neighbour (the median variance of each channel's 8x8 blocks against the channel's level, per
// band of 16 levels clear of clipping); where it grows clearly (variance at level 192 at least 1.75
// times that at 64, on a fitted line, and a sigma of 2.25 or more at mid-grey), the estimate above is
// made on the stabilised window and shotOffset is the line's offset. With settings.shotOffset >= 0, on
// the window stabilised with it. The difference's noise is read where the channels are not clipped (at 0
// or 255 in half a block or more): a saturated colour's flat patches have no noise left to read.
NoiseEstimate estimateNoise(const std::vector<cv::Mat>& window, int center, const DenoiseSettings& settings);

class Denoiser {
public:
    explicit Denoiser(DenoiseSettings settings = {});
    ~Denoiser();
    Denoiser(const Denoiser&) = delete;
    Denoiser& operator=(const Denoiser&) = delete;

    // Not thread-safe (buffers are reused between calls): one Denoiser per thread.
    // `window` holds consecutive frames of one size and type: working frames (CV_32FC3) or RGB at a
    // decoder's depth (CV_8UC3, CV_16UC3, CV_16FC3), which the OpenCL device pipeline uploads as they
    // are and converts there. `center` is the one to denoise. The window may be shorter at clip ends.
    // `sigma` < 0 uses settings().sigma, then the estimate (estimateNoise: its search too). The result is
    // working floats, or with `depth` CV_8U, CV_16U or CV_16F rounded to it (see internal::toDepth; on the
    // device pipeline, there).
    codecs::Result<cv::Mat> denoise(const std::vector<cv::Mat>& window, int center, double sigma = -1,
                                    int depth = CV_32F);

    const DenoiseSettings& settings() const { return m_settings; }
    const StageTimes& stageTimes() const;  // the last denoise()'s

private:
    // denoise() once the sigma and the search are known, on noise of one strength (`run`: m_settings with
    // the search an estimate chose).
    codecs::Result<cv::Mat> denoiseUniform(const std::vector<cv::Mat>& window, int center, double sigma,
                                           int depth, const DenoiseSettings& run);
    struct Scratch;
    DenoiseSettings m_settings;
    std::unique_ptr<Scratch> m_scratch;
};

}  // namespace rushes::processing
