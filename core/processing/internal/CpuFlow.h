#pragma once
// Dense optical flow on the CPU: DIS (Kroeger et al. 2016), the algorithm of OpenCV's
// cv::DISOpticalFlow, written for the sizes the retime and the denoiser use (flow images of 80 to
// 400 px wide), where OpenCV's implementation spends most of its time outside the patch search.
//  - Pyramid: 2x2 area averages; as many levels as the device flow (DeviceFlow.h) and OpenCV make
//    for the patch size.
//  - Inverse search in scan order, as OpenCV: a forward pass in which each patch starts from the best
//    (smallest mean-normalised patch difference) of the coarser level's flow at its centre and its
//    left and upper neighbours' new flows, then a backward pass from the best of its own, its right
//    and its lower neighbours'; each pass takes half the Gauss-Newton iterations, on the
//    mean-normalised difference with the template's gradients (Sobel / 8). A step that does not
//    lower the difference is halved from the best point so far, and a result further than a patch
//    size from where the pass started is dropped, as in the device flow.
//  - Patches every `patchStride` pixels, and against the right and bottom edges (patchAt).
//  - Densification: each pixel averages the flows of the patches that cover it, weighted by
//    1 / max(1, |I1(x + u) - I0(x)|), as OpenCV.
// The patches of 8 x 8 pixels (the default) run 8 lanes wide. One call runs on the calling thread,
// so the flow does not depend on the thread count.
#include <algorithm>

#include <opencv2/core.hpp>

namespace rushes::processing::internal {

struct CpuFlowSettings {
    int patchSize = 8;
    int patchStride = 4;
    int iterations = 12;     // Gauss-Newton iterations a patch and level, half in each pass
    // Pyramid level the search stops at (DIS's finest scale); its flow is then brought to the frame's
    // size as cv::resize INTER_LINEAR does, its vectors scaled with it.
    int finestLevel = 0;
    // px: a patch's descent stops once its Gauss-Newton step (or, after a failed step, the halved
    // one) is shorter than this; 0 runs every iteration, as OpenCV does. Converged patches then cost
    // two or three patch differences instead of `iterations`.
    double minStep = 0;
    bool vectorised = true;  // the AVX2 + FMA patch loops where the processor has them (false: for tests)
};

// The settings of cv::DISOpticalFlow::create's presets in OpenCV 4.6 (0 ultrafast, 1 fast, 2 medium;
// others clamped to them), which tst_processing_flow checks against the library: the pyramid level
// the search stops at, the patches, the Gauss-Newton iterations a patch, and the variational
// refinement's iterations (OpenCV refines every level; 0: none).
struct DisPreset {
    int finestLevel, patchSize, patchStride, iterations, refineIterations;
};
DisPreset disPreset(int preset);
// The coarsest pyramid level of OpenCV's DIS for a w x h image and patches of `patchSize` (both flows
// make as many levels): the coarsest moves a quarter of the image's larger side, and its smaller side
// still holds a patch.
int disCoarsestLevel(int w, int h, int patchSize);

// The patch grid along a side of n >= ps pixels, the same in both flows: a patch every `stride` pixels
// from 0, and one more against the far edge where the stride does not land there, so that every pixel
// lies in a patch. (OpenCV's DIS stops at the last whole stride and gives the pixels beyond it the last
// patches' flow: at flow images 50-63 px high, with motion at the bottom edge, that cost PSR63 up to
// 1.6 dB on the drop-frame protocol.)
inline int patchCount(int n, int ps, int stride) {
    return 1 + (n - ps + stride - 1) / stride;
}
inline int patchAt(int i, int n, int ps, int stride) {
    return std::min(i * stride, n - ps);
}

// The flow from `from` to `to` (gray, CV_8U or CV_32F, of one size) as CV_32FC2 of that size:
// to(x + flow(x)) matches from(x). Images smaller than a patch either way get a zero flow.
void cpuFlow(const cv::Mat& from, const cv::Mat& to, cv::Mat& flow, const CpuFlowSettings& settings = {});

}  // namespace rushes::processing::internal
