#pragma once
// Variational refinement of optical flow on the OpenCL device, both directions of a pair at once:
// the project's own kernels for the model OpenCV's cv::VariationalRefinement solves on the CPU
// (brightness and gradient constancy with robust penalties, a robust smoothness term, lagged
// fixed-point iterations around the input flow, red-black SOR on the linearised system).
#include <opencv2/core.hpp>

namespace rushes::processing::internal {

struct RefineSettings {
    int fixedPointIterations = 6;
    int sorIterations = 5;
    float alpha = 20.0f;  // smoothness
    float delta = 5.0f;   // brightness constancy
    float gamma = 10.0f;  // gradient constancy
    float omega = 1.6f;   // SOR relaxation
    float zeta = 0.1f;    // normalisation of the data terms
    float epsilon = 0.001f;
};

// Refines n flows on the device, in place: pair d takes plane d of `from` to plane d of `to`. The
// images are stacks of n planes of w x h (CV_32F, n * h rows), the flows likewise (CV_32FC2); all
// continuous and whole buffers. Queues the work and returns: the caller's next read waits for it.
// False when OpenCL cannot run it.
bool refineOnDevice(const cv::UMat& from, const cv::UMat& to, int n, int w, int h, cv::UMat& flow,
                    const RefineSettings& s);

// Refines `fwd` (ga -> gb) and `bwd` (gb -> ga), CV_32FC2 at the gray images' size (CV_8U or
// CV_32F, one channel). Returns false, leaving the flows as they were, when OpenCL cannot run it.
bool refineFlowsOnDevice(const cv::Mat& ga, const cv::Mat& gb, cv::Mat& fwd, cv::Mat& bwd,
                         const RefineSettings& s);

}  // namespace rushes::processing::internal
