#include "processing/Metrics.h"

#include <cmath>
#include <limits>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include "processing/internal/Messages.h"

namespace rushes::processing {
namespace {

template <class T>
double sumSquaredDiff(const cv::Mat& a, const cv::Mat& b) {
    double total = 0;
    for (int y = 0; y < a.rows; ++y) {
        const T* pa = a.ptr<T>(y);
        const T* pb = b.ptr<T>(y);
        double row = 0;
        for (int x = 0; x < a.cols; ++x) {
            const double d = double(pa[x]) - double(pb[x]);
            row += d * d;
        }
        total += row;
    }
    return total;
}

// x264's SSIM as FFmpeg's vf_ssim computes it: sums over 4x4 blocks, 8x8 windows (2x2 blocks)
// every 4 pixels, mean over (w/4 - 1) * (h/4 - 1) windows.
template <class T>
double ssimPlane(const cv::Mat& a, const cv::Mat& b, double maxValue) {
    const int bw = a.cols / 4, bh = a.rows / 4;
    if (bw < 2 || bh < 2) return 1.0;
    struct Sums { double s1, s2, ss, s12; };
    std::vector<Sums> blocks(size_t(bw) * size_t(bh));
    cv::parallel_for_(cv::Range(0, bh), [&](const cv::Range& r) {
        for (int by = r.start; by < r.end; ++by) {
            for (int bx = 0; bx < bw; ++bx) {
                Sums s{0, 0, 0, 0};
                for (int y = 0; y < 4; ++y) {
                    const T* pa = a.ptr<T>(by * 4 + y) + bx * 4;
                    const T* pb = b.ptr<T>(by * 4 + y) + bx * 4;
                    for (int x = 0; x < 4; ++x) {
                        const double va = pa[x], vb = pb[x];
                        s.s1 += va;
                        s.s2 += vb;
                        s.ss += va * va + vb * vb;
                        s.s12 += va * vb;
                    }
                }
                blocks[size_t(by) * bw + bx] = s;
            }
        }
    });
    double c1, c2;
    if (maxValue == 255.0) {  // FFmpeg rounds the 8-bit constants to integers
        c1 = std::floor(.01 * .01 * 255 * 255 * 64 + .5);
        c2 = std::floor(.03 * .03 * 255 * 255 * 64 * 63 + .5);
    } else {
        c1 = .01 * .01 * maxValue * maxValue * 64;
        c2 = .03 * .03 * maxValue * maxValue * 64 * 63;
    }
    std::vector<double> rows(size_t(bh - 1), 0.0);
    cv::parallel_for_(cv::Range(0, bh - 1), [&](const cv::Range& r) {
        for (int y = r.start; y < r.end; ++y) {
            double acc = 0;
            for (int x = 0; x < bw - 1; ++x) {
                const Sums& p = blocks[size_t(y) * bw + x];
                const Sums& q = blocks[size_t(y) * bw + x + 1];
                const Sums& u = blocks[size_t(y + 1) * bw + x];
                const Sums& v = blocks[size_t(y + 1) * bw + x + 1];
                const double s1 = p.s1 + q.s1 + u.s1 + v.s1;
                const double s2 = p.s2 + q.s2 + u.s2 + v.s2;
                const double ss = p.ss + q.ss + u.ss + v.ss;
                const double s12 = p.s12 + q.s12 + u.s12 + v.s12;
                const double vars = ss * 64 - s1 * s1 - s2 * s2;
                const double covar = s12 * 64 - s1 * s2;
                acc += (2 * s1 * s2 + c1) * (2 * covar + c2) / ((s1 * s1 + s2 * s2 + c1) * (vars + c2));
            }
            rows[size_t(y)] = acc;
        }
    });
    double total = 0;
    for (double v : rows) total += v;
    return total / (double(bh - 1) * double(bw - 1));
}

}  // namespace

double psnrFromMse(double mse, double maxValue) {
    if (mse <= 0) return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(maxValue * maxValue / mse);
}

PlaneScore scorePlane(const cv::Mat& a, const cv::Mat& b, double maxValue, std::string name) {
    PlaneScore s;
    s.name = std::move(name);
    CV_Assert(a.size() == b.size() && a.type() == b.type() && a.channels() == 1);
    double ssd = 0;
    switch (a.depth()) {
    case CV_8U: ssd = sumSquaredDiff<uint8_t>(a, b); s.ssim = ssimPlane<uint8_t>(a, b, maxValue); break;
    case CV_16U: ssd = sumSquaredDiff<uint16_t>(a, b); s.ssim = ssimPlane<uint16_t>(a, b, maxValue); break;
    default: {
        cv::Mat fa, fb;
        a.convertTo(fa, CV_32F);
        b.convertTo(fb, CV_32F);
        ssd = sumSquaredDiff<float>(fa, fb);
        s.ssim = ssimPlane<float>(fa, fb, maxValue);
    }
    }
    s.mse = ssd / double(a.total());
    s.psnr = psnrFromMse(s.mse, maxValue);
    return s;
}

codecs::Result<FrameScore> scorePlanes(const std::vector<cv::Mat>& a, const std::vector<cv::Mat>& b,
                                       double maxValue, const std::vector<std::string>& names) {
    if (a.size() != b.size() || a.empty())
        return internal::makeError(
            {},
            QT_TRANSLATE_NOOP("rushes::processing::Messages",
                              "the two frames have different plane counts (%1 and %2)"),
            a.size(), b.size());
    FrameScore f;
    double totalPixels = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].size() != b[i].size() || a[i].type() != b[i].type())
            return internal::makeError(
                {}, QT_TRANSLATE_NOOP("rushes::processing::Messages", "sizes differ: %1x%2 and %3x%4"),
                a[i].cols, a[i].rows, b[i].cols, b[i].rows);
        totalPixels += double(a[i].total());
    }
    f.mse = 0;
    f.ssim = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        PlaneScore p = scorePlane(a[i], b[i], maxValue, i < names.size() ? names[i] : std::to_string(i));
        const double w = double(a[i].total()) / totalPixels;
        f.mse += p.mse * w;
        f.ssim += p.ssim * w;
        f.planes.push_back(std::move(p));
    }
    f.psnr = psnrFromMse(f.mse, maxValue);
    return f;
}

codecs::Result<FrameScore> scoreRgb(const cv::Mat& a, const cv::Mat& b, double maxValue) {
    if (a.size() != b.size())
        return internal::makeError(
            {}, QT_TRANSLATE_NOOP("rushes::processing::Messages", "sizes differ: %1x%2 and %3x%4"), a.cols,
            a.rows, b.cols, b.rows);
    if (a.type() != b.type())
        return internal::makeError({},
                                   QT_TRANSLATE_NOOP("rushes::processing::Messages", "pixel types differ"));
    std::vector<cv::Mat> pa, pb;
    cv::split(a, pa);
    cv::split(b, pb);
    pa.resize(3);
    pb.resize(3);
    return scorePlanes(pa, pb, maxValue, {"r", "g", "b"});
}

codecs::Result<FrameScore> scoreImages(const codecs::Image& a, const codecs::Image& b) {
    if (a.width != b.width || a.height != b.height)
        return internal::makeError(
            {}, QT_TRANSLATE_NOOP("rushes::processing::Messages", "sizes differ: %1x%2 and %3x%4"), a.width,
            a.height, b.width, b.height);
    if (a.format != b.format)
        return internal::makeError({},
                                   QT_TRANSLATE_NOOP("rushes::processing::Messages", "image formats differ"));
    auto wrap = [](const codecs::Image& im) {
        int depth = im.format == codecs::ImageFormat::RGBA8    ? CV_8U
                    : im.format == codecs::ImageFormat::RGBA16 ? CV_16U
                    : im.format == codecs::ImageFormat::RGBAHalf ? CV_16F
                                                                 : CV_32F;
        cv::Mat m(im.height, im.width, CV_MAKETYPE(depth, 4), const_cast<uint8_t*>(im.data.data()), im.rowBytes());
        if (depth == CV_16F) m.convertTo(m, CV_32F);
        return m;
    };
    const double maxValue = a.format == codecs::ImageFormat::RGBA8 ? 255.0 : a.format == codecs::ImageFormat::RGBA16 ? 65535.0 : 1.0;
    return scoreRgb(wrap(a), wrap(b), maxValue);
}

codecs::Result<FrameScore> scoreFrames(const codecs::Frame& a, const codecs::Frame& b, int bitDepth) {
    if (a.width != b.width || a.height != b.height)
        return internal::makeError(
            {}, QT_TRANSLATE_NOOP("rushes::processing::Messages", "sizes differ: %1x%2 and %3x%4"), a.width,
            a.height, b.width, b.height);
    if (a.pixelFormat != b.pixelFormat)
        return internal::makeError(
            {}, QT_TRANSLATE_NOOP("rushes::processing::Messages", "pixel formats differ: %1 and %2"),
            a.pixelFormat, b.pixelFormat);
    std::vector<cv::Mat> pa, pb;
    std::vector<std::string> names;
    const bool rgbLike = a.pixelFormat.rfind("gbr", 0) == 0 || a.pixelFormat.rfind("rgb", 0) == 0 ||
                         a.pixelFormat.rfind("bgr", 0) == 0;
    for (size_t i = 0; i < a.planes.size() && i < b.planes.size(); ++i) {
        const codecs::Plane& p = a.planes[i];
        const codecs::Plane& q = b.planes[i];
        const int depth = p.bytesPerSample == 1 ? CV_8U : p.bytesPerSample == 2 ? CV_16U : CV_32F;
        cv::Mat ma(p.height, p.width, CV_MAKETYPE(depth, p.samplesPerPixel), const_cast<uint8_t*>(p.data.data()));
        cv::Mat mb(q.height, q.width, CV_MAKETYPE(depth, q.samplesPerPixel), const_cast<uint8_t*>(q.data.data()));
        std::vector<cv::Mat> ca, cb;
        cv::split(ma, ca);
        cv::split(mb, cb);
        for (size_t c = 0; c < ca.size() && c < 3; ++c) {
            pa.push_back(ca[c]);
            pb.push_back(cb[c]);
        }
    }
    static const char* yuv[] = {"y", "u", "v"};
    static const char* gbr[] = {"g", "b", "r"};
    for (size_t i = 0; i < pa.size() && i < 3; ++i) names.emplace_back(rgbLike ? gbr[i] : yuv[i]);
    pa.resize(std::min<size_t>(pa.size(), 3));
    pb.resize(std::min<size_t>(pb.size(), 3));
    return scorePlanes(pa, pb, double((1 << bitDepth) - 1), names);
}

cv::Mat differenceImage(const cv::Mat& a, const cv::Mat& b, double gain) {
    cv::Mat d;
    cv::absdiff(a, b, d);
    d.convertTo(d, d.type(), gain);
    return d;
}

}  // namespace rushes::processing
