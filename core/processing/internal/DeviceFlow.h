#pragma once
// Dense optical flow on the OpenCL device with the project's own kernels, for a batch of pairs at
// once, so that a GPU pipeline keeps its frames on the device: DIS (Kroeger et al. 2016), the
// algorithm of OpenCV's cv::DISOpticalFlow that the CPU path uses, then the variational refinement
// of DeviceRefine at the finest level.
//  - Pyramid: 2x2 area averages, as many levels as OpenCV's DIS makes for the patch size.
//  - Inverse search: one work item per patch (patch size and stride as on the CPU), Gauss-Newton
//    on the mean-normalised patch difference with the template's gradients (Sobel / 8). OpenCV
//    propagates each patch's flow to the next in scan order, which a GPU cannot do; here each
//    patch starts from the best (smallest patch difference) of the coarser level's flow at its own
//    centre and at its four neighbours' centres, and after the search, sweeps in parallel let each
//    patch take a neighbour's flow where it fits better (DeviceFlowSettings::propagationSweeps). A
//    result further than a patch size from its start is dropped, as in OpenCV.
//  - Densification: each pixel averages the flows of the patches that cover it, weighted by
//    1 / max(1, |I1(x + u) - I0(x)|), as in OpenCV.
#include <opencv2/core.hpp>

#include "processing/internal/DeviceRefine.h"

namespace rushes::processing::internal {

struct DeviceFlowSettings {
    int patchSize = 8;
    int patchStride = 4;
    int iterations = 12;  // Gauss-Newton iterations a patch, the search's and the sweeps' together
    // Propagation sweeps after the search, on each level: every patch takes the best of its own and
    // its four neighbours' flows and descends sweepIterations more from there (the search keeps the
    // rest of `iterations`, at least one). Measured on 17 frames (drop-frame, device retime): flower
    // 39.70 -> 39.84 dB, PSR63 35.01 -> 35.91, Dinky 38.62 -> 38.63, friday 37.66 (CPU backend: 39.81,
    // 35.84, 38.58, 37.73); about 1.5x the DIS kernels' work (PoCL).
    int propagationSweeps = 4;
    int sweepIterations = 2;
    int finestLevel =
        0;  // pyramid level the search stops at; the flow is then upsampled (DIS's finest scale)
    RefineSettings refine;  // fixedPointIterations 0: no refinement
};

// Flows of n pairs: pair d from plane d of `from` to plane d of `to`; stacks of n planes of w x h
// gray values (CV_32F, 0..255, n * h rows, continuous, whole buffers). `flow` becomes CV_32FC2 of the
// same layout. Queues the work and returns; false when OpenCL cannot run it.
bool flowsOnDevice(const cv::UMat& from, const cv::UMat& to, int n, int w, int h, cv::UMat& flow,
                   const DeviceFlowSettings& settings);

}  // namespace rushes::processing::internal
