#pragma once
// PSNR and SSIM computed the way FFmpeg's psnr and ssim filters compute them, so figures agree
// with `ffmpeg -lavfi psnr/ssim` on the same planes: per-plane MSE and x264's 8x8 SSIM on a
// 4-pixel grid, combined with weights proportional to each plane's pixel count.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "rushes/codecs/Media.h"
#include "rushes/codecs/Result.h"

namespace rushes::processing {

struct PlaneScore {
    std::string name;  // "r", "g", "b" or "y", "u", "v"
    double mse = 0;
    double psnr = 0;   // +inf when identical
    double ssim = 1;
};

struct FrameScore {
    std::vector<PlaneScore> planes;
    double mse = 0;    // weighted by plane size, as FFmpeg's mse_avg
    double psnr = 0;   // from that mse; +inf when identical
    double ssim = 1;   // FFmpeg's "All"
};

// One plane (CV_8U, CV_16U or CV_32F single channel) against another of the same size.
// `maxValue` is the peak: 255 for 8-bit, 1023 for 10-bit, ...
PlaneScore scorePlane(const cv::Mat& a, const cv::Mat& b, double maxValue, std::string name = {});

// A set of planes (e.g. Y, U, V of a yuv420p frame) combined as FFmpeg does.
codecs::Result<FrameScore> scorePlanes(const std::vector<cv::Mat>& a, const std::vector<cv::Mat>& b,
                                       double maxValue, const std::vector<std::string>& names);

// Interleaved RGB(A) images (alpha ignored): R, G, B with equal weights - equal to FFmpeg's
// filters on gbrp input and to cv::PSNR for 8-bit RGB.
codecs::Result<FrameScore> scoreImages(const codecs::Image& a, const codecs::Image& b);
codecs::Result<FrameScore> scoreRgb(const cv::Mat& a, const cv::Mat& b, double maxValue = 255.0);

// Native frames (any planar/packed layout the codecs layer decodes) in their own pixel format.
codecs::Result<FrameScore> scoreFrames(const codecs::Frame& a, const codecs::Frame& b, int bitDepth);

// |a - b| * gain, clipped: the difference image viewers show. Same type as the inputs.
cv::Mat differenceImage(const cv::Mat& a, const cv::Mat& b, double gain);

double psnrFromMse(double mse, double maxValue);

}  // namespace rushes::processing
