#pragma once
// Between the codecs' interleaved RGBA images and the processing core's working frames:
// CV_32FC3 RGB on an 8-bit scale (1.0 in half/float images is 255), so that strengths such as
// a noise sigma mean the same thing for 8-bit, 16-bit and half-float footage. NaN values of half and
// float images come in as 0 and infinities as the largest half-float value (65504) of their sign, so
// that no filter spreads them.
#include <opencv2/core.hpp>

#include "rushes/codecs/Media.h"

namespace rushes::processing {

cv::Mat toWorkingRgb(const codecs::Image& image);
cv::Mat alphaOf(const codecs::Image& image);  // CV_32FC1 on the same scale
// The image's RGB at its own depth (CV_8UC3, CV_16UC3 or CV_16FC3), alpha dropped.
cv::Mat nativeRgb(const codecs::Image& image);
// Back to `format`, rounding to nearest; `alpha` may be empty (opaque). `rgb` is a working frame, or
// RGB at a native depth (as nativeRgb gives, or 8/16-bit from the operations).
codecs::Image fromWorkingRgb(const cv::Mat& rgb, codecs::ImageFormat format, const cv::Mat& alpha = {});

// Wraps raw interleaved 8-bit RGB (as `ffmpeg -pix_fmt rgb24` writes) as an RGBA8 image.
codecs::Image imageFromRgb24(const uint8_t* data, int width, int height);

}  // namespace rushes::processing
