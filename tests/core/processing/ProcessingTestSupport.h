#pragma once
// Shared helpers for the processing tests: real frames through the ffmpeg binary, synthetic motion.
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QString>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "FfmpegPipe.h"
#include "processing/Backend.h"

namespace rushes::test {

// A test's data rows for both backends: an int column "backend" (a processing::Backend), rows "cpu"
// and "opencl".
inline void backendRows() {
    QTest::addColumn<int>("backend");
    QTest::newRow("cpu") << int(processing::Backend::Cpu);
    QTest::newRow("opencl") << int(processing::Backend::OpenCL);
}

// Whether `backend` cannot run here: OpenCL without a device.
inline bool backendMissing(processing::Backend backend) {
    return backend == processing::Backend::OpenCL &&
           processing::resolveBackend(processing::Backend::OpenCL) != processing::Backend::OpenCL;
}

inline bool haveFfmpeg() { return !QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty(); }

inline QString mediaFile(const char* rel) { return QStringLiteral(RUSHES_MEDIA_DIR) + QLatin1Char('/') + QLatin1String(rel); }

// Working frames (CV_32FC3) of a shared clip, scaled down for speed; empty when unavailable.
inline std::vector<cv::Mat> sharedFrames(const char* rel, int first, int count, int width, int height) {
    std::vector<cv::Mat> out;
    if (!haveFfmpeg() || !QFileInfo::exists(mediaFile(rel))) return out;
    bench::Clip c = bench::readFrames(mediaFile(rel), first, count, width, height, true);
    for (const cv::Mat& m : c.frames) {
        cv::Mat f;
        m.convertTo(f, CV_32F);
        out.push_back(f);
    }
    return out;
}

// A smooth random texture (CV_32FC3, 8-bit scale), larger than `size` by `margin` on each side.
inline cv::Mat texture(cv::Size size, int margin, uint64_t seed) {
    cv::RNG rng(seed);
    cv::Mat t(size.height + 2 * margin, size.width + 2 * margin, CV_32FC3);
    rng.fill(t, cv::RNG::UNIFORM, 0, 255);
    cv::GaussianBlur(t, t, cv::Size(0, 0), 2.0);
    cv::normalize(t, t, 10, 245, cv::NORM_MINMAX);
    return t;
}

// The texture seen through a window moved by (dx, dy) (sub-pixel, bilinear).
inline cv::Mat shifted(const cv::Mat& tex, cv::Size size, int margin, double dx, double dy) {
    cv::Mat m = (cv::Mat_<double>(2, 3) << 1, 0, -(margin + dx), 0, 1, -(margin + dy));
    cv::Mat out;
    cv::warpAffine(tex, out, m, size, cv::INTER_CUBIC, cv::BORDER_REFLECT);
    return out;
}

// `count` frames of the texture panned by (dx, dy) pixels a frame, each with seeded Gaussian noise of
// `sigma` (8-bit scale, not clipped): CV_32FC3.
inline std::vector<cv::Mat> noisyPan(const cv::Mat& tex, cv::Size size, int margin, int count, double dx,
                                     double dy, double sigma, uint64_t seed) {
    cv::RNG rng(seed);
    std::vector<cv::Mat> frames;
    for (int k = 0; k < count; ++k) {
        cv::Mat n(size, CV_32FC3);
        rng.fill(n, cv::RNG::NORMAL, 0, sigma);
        frames.push_back(shifted(tex, size, margin, dx * k, dy * k) + n);
    }
    return frames;
}

inline double psnr(const cv::Mat& a, const cv::Mat& b) {
    cv::Mat a8, b8;
    a.convertTo(a8, CV_8U);
    b.convertTo(b8, CV_8U);
    return cv::PSNR(a8, b8);
}

}  // namespace rushes::test
