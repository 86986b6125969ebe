#pragma once
// 8-bit RGB frames to the processing core's working frames (CV_32FC3, 8-bit scale) and back, as
// both processing benchmarks use them.
#include <opencv2/core.hpp>

namespace rushes::bench {

inline cv::Mat toWorking(const cv::Mat& rgb8) {
    cv::Mat f;
    rgb8.convertTo(f, CV_32F);
    return f;
}

inline cv::Mat to8(const cv::Mat& f) {
    cv::Mat o;
    f.convertTo(o, CV_8U);
    return o;
}

}  // namespace rushes::bench
