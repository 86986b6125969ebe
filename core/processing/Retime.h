#pragma once
// Motion-compensated frame interpolation: bidirectional DIS optical flow, intermediate flows
// for any phase t, occlusion weights from forward/backward consistency, scene cuts detected and
// never cross-faded (the nearer frame is repeated instead).
#include <memory>

#include <opencv2/core.hpp>

#include "processing/Backend.h"
#include "rushes/codecs/Result.h"

namespace rushes::processing {

// The resampling kernel of the final warp. Auto: per pair, whichever of the two predicts each frame
// of the pair from the other better along the flows (Lanczos-3 on sharp, clean footage).
enum class WarpFilter { Auto, CatmullRom, Lanczos3 };
int warpFilterTaps(WarpFilter filter);                  // 4 or 6 (Auto: 6, the most it uses)
double warpFilterWeight(WarpFilter filter, double x);   // weight at distance x >= 0 (before normalisation)

struct InterpolatorSettings {
    Backend backend = Backend::Cpu;  // resolved (not Auto)
    double flowScale = 0;  // optical flow runs at this fraction of the frame size; 0: autoFlowScale()
    int flowPreset = 0;              // cv::DISOpticalFlow preset: 0 ultrafast, 1 fast, 2 medium; the pyramid,
                                     // patches and refinement below override it, which leaves the gradient
                                     // descent iterations (12 / 16 / 25): 12 gives the same PSNR (+0.00..0.01
                                     // dB on the shared clips) for less time than 16
    int finestScale = 0;             // DIS pyramid level the flow stops at (0: the flow resolution)
    int patchSize = 8;
    int patchStride = 4;
    int refineIterations = 2;  // variational refinement (fixed-point) iterations at the finest flow level
                               // only; 0: none. Against DIS's own 5 at every level: the same PSNR on flower,
                               // friday and Dinky (within 0.01 dB), +0.19 dB on PSR63, less flow time.
                               // 2 against 4 on the drop-frame protocol: flower, friday and PSR63 -0.03 dB,
                               // Dinky -0.06, for 15% fewer instructions an in-between at 320x180 (PSR63)
                               // and 9% at 640x480 (friday), counted by callgrind (timings here vary 30%)
    int refineSorSweeps = 3;         // red-black SOR sweeps a fixed-point iteration, and their relaxation:
    double refineOmega = 1.8;        // 4 x 3 at 1.8 against OpenCV's 6 x 5 at 1.6 on the drop-frame protocol:
                                     // PSR63 and friday the same, Dinky -0.02 dB, flower -0.01, for half the
                                     // refinement's time (at 320x180 an in-between 17% faster)
    double cutThreshold = 8.0;       // motion-compensated mean error (8-bit) a cut must exceed
    double cutRatio = 0.6;           // ... while motion removes less than 40% of the plain difference
    bool quadratic = false;          // use the frames either side of a pair when given (no gain measured on the shared clips)
    WarpFilter warpFilter = WarpFilter::Auto;  // Auto against Catmull-Rom always: see the commit log (Dinky +0.4 dB, flower and friday unchanged)
    // OpenCL backend: the whole retime on the device with the project's own kernels (flow images,
    // DIS flows and their refinement, consistency, cut and warp choice, sources and warp), so that
    // only the frames travel: each frame up once, the in-between down. Off (or with `quadratic`
    // neighbours): the flows on the CPU as below, the warp on the device.
    bool devicePipeline = true;
    // The device pipeline waits for the device at each stage, so that stageTimes() holds each
    // stage's own time rather than the time to queue it (for benchmarks; slower).
    bool syncStages = false;
    // The device pipeline: frames go up and in-betweens come down through page-locked host memory,
    // sliced so that the host's copies and the bus's overlap (internal::PinnedTransfers); off: as
    // cv::UMat::copyTo sends them.
    // Only on a device with memory of its own (PinnedTransfers::pay()): not PoCL or integrated GPUs.
    bool pinnedTransfers = true;
    // OpenCL backend without devicePipeline: OpenCV's OpenCL DIS for the flows. Off: its CPU DIS, the same
    // flows as the CPU backend (OpenCV's two DIS differ). On the H100 machine, flower: 39.80 dB off, 39.57
    // on; outputs 65.7 dB from the CPU backend's off, 53.8 on (the closing notes give the time either way).
    bool deviceFlow = false;
    // CPU flows (the CPU backend, and the OpenCL backend's host path): the project's DIS (CpuFlow.h)
    // and variational refinement (CpuRefine.h) instead of OpenCV's cv::DISOpticalFlow and
    // cv::VariationalRefinement: the same algorithms and settings, 2-3x faster at flow resolution, and
    // the same result whatever the thread count. Measured on the drop-frame protocol against OpenCV's:
    // flower +0.03, friday -0.03, PSR63 +0.08, Dinky +0.09 dB.
    bool projectFlow = true;
    // projectFlow: a patch's Gauss-Newton descent stops once its step is shorter than this (px;
    // internal::CpuFlowSettings::minStep). 0.02 against 0 (every iteration, as OpenCV): the same PSNR
    // on the four shared clips, the flow 25% faster at 160x90 (converged patches stop early). 0.1
    // against 0.02 on the drop-frame protocol: flower +0.01 dB, friday and PSR63 the same, Dinky -0.03
    // (4x slow motion: friday -0.03, the others within 0.01), the flows 10-13% faster and an in-between
    // 6-8% (Dinky at 320x180: 2.06-2.07 against 2.21-2.23 ms in two --repeat 3 runs each).
    double flowMinStep = 0.1;
    // OpenCL backend: the variational refinement (refineIterations) by the project's kernels on the
    // device, both directions at once; off: on the CPU (projectFlow says whose). The same model, solved in
    // another order at the borders and with exact bilinear warps, so the flows differ slightly.
    bool deviceRefine = true;
    // OpenCL backend: the frames go to the device on a thread of their own while the motion is
    // estimated (true), or first, on the calling thread (false).
    bool asyncUpload = true;
    // The CPU's AVX2 + FMA loops (flow, sources, warp) where the processor has them; false: the portable
    // ones (for tests: both must agree).
    bool vectorised = true;
    double consistencySigma = 2.0;   // px: forward/backward disagreement scale of a frame's weight (2: +0.01..0.03 dB over 1 on the shared clips)
};

// The flow scale InterpolatorSettings::flowScale = 0 picks for frames `width` pixels wide: 0.5 up to
// 320 px (160 px of flow at least), 0.25 from 640 px to 1536 px, then 384 px of flow down to 0.2 (1920
// px) and 0.2 beyond. On the drop-frame protocol at 1080p (the shared clips scaled up, as
// EVALUATION.md makes its 1080p inputs) 0.2 gives the same PSNR as 0.25 (flower +0.01 dB, friday +0.03)
// for 40% less flow time; at their own size, where flower's detail is finer per pixel, 0.2 costs it
// 0.10 dB, which is why frames up to 1536 px keep 0.25.
double autoFlowScale(int width);

class FrameInterpolator {
public:
    explicit FrameInterpolator(InterpolatorSettings settings = {});
    ~FrameInterpolator();
    FrameInterpolator(const FrameInterpolator&) = delete;
    FrameInterpolator& operator=(const FrameInterpolator&) = delete;

    // Estimates the motion between two frames of the same size and type: working frames (CV_32FC3)
    // or RGB at a decoder's depth (CV_8UC3, CV_16UC3, CV_16FC3; see internal::isFrameType), which the
    // OpenCL device pipeline uploads as they are and converts there. Any number of phases can then be
    // made from them.
    // `before` and `after` (optional: the frames either side of the pair) let the motion model
    // follow acceleration (quadratic trajectories) instead of assuming constant velocity.
    codecs::Status setPair(const cv::Mat& a, const cv::Mat& b, const cv::Mat& before = {}, const cv::Mat& after = {});
    // The frame at phase t in [0, 1] between a (t = 0) and b (t = 1): working floats (CV_32FC3), or
    // with `depth` CV_8U, CV_16U or CV_16F rounded to it (see internal::toDepth; on the device
    // pipeline, there, so that only those bytes come back).
    cv::Mat at(double t, int depth = CV_32F) const;
    // Two other images of the pair's size (CV_32FC1 or CV_32FC3: alpha, mattes) blended along the
    // same motion as at(t) blends the pair: each pixel from where it comes from in `a` and `b`, with
    // the same occlusion weights and kernel; at a cut, the nearer one. Made on the host. Empty when
    // the sizes or types do not fit.
    cv::Mat warpAlong(const cv::Mat& a, const cv::Mat& b, double t) const;
    bool isCut() const;
    double motionError() const;  // the mean motion-compensated error of the pair, 8-bit scale

    const InterpolatorSettings& settings() const;
    // The last setPair's stages, then those of the at() calls since.
    const StageTimes& stageTimes() const;

private:
    struct State;
    std::unique_ptr<State> d;
};

// The source position of output frame `j` when retiming `inRate` to `outRate`: frame index
// and phase. Output frame count for `inFrames` frames is retimedFrameCount().
struct SourcePosition {
    int64_t index = 0;
    double phase = 0;
};
SourcePosition retimeSource(int64_t j, double inRate, double outRate);
int64_t retimedFrameCount(int64_t inFrames, double inRate, double outRate);

}  // namespace rushes::processing
