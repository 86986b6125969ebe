#pragma once
// The project's own OpenCL kernels (source text), compiled once per context by cv::ocl.
#include <opencv2/core/ocl.hpp>

namespace rushes::processing::internal {

// Returns a compiled kernel from the project's program, or an empty kernel when OpenCL fails.
cv::ocl::Kernel kernel(const char* name);

}  // namespace rushes::processing::internal
