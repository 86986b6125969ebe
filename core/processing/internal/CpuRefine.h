#pragma once
// Variational refinement of an optical flow on the CPU: the model of OpenCV's
// cv::VariationalRefinement and of the device's kernels (DeviceRefine.h) - brightness and gradient
// constancy with robust penalties, a robust smoothness term, lagged fixed-point iterations around the
// input flow, red-black SOR on the linearised system - with the red and black pixels stored apart, so
// that each half-sweep runs in whole vector lanes.
#include <opencv2/core.hpp>

#include "processing/internal/DeviceRefine.h"

namespace rushes::processing::internal {

// Refines `flow` (CV_32FC2, from -> to) in place; `from` and `to` are gray images of the flow's size
// (CV_8U or CV_32F). Runs on the calling thread.
void cpuRefine(const cv::Mat& from, const cv::Mat& to, cv::Mat& flow, const RefineSettings& settings = {});

}  // namespace rushes::processing::internal
