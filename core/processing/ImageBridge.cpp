#include "processing/ImageBridge.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include <opencv2/imgproc.hpp>

#include "processing/internal/Kernels.h"

namespace rushes::processing {
namespace {

int cvDepth(codecs::ImageFormat f) {
    switch (f) {
    case codecs::ImageFormat::RGBA8: return CV_8U;
    case codecs::ImageFormat::RGBA16: return CV_16U;
    case codecs::ImageFormat::RGBAHalf: return CV_16F;
    case codecs::ImageFormat::RGBAFloat: return CV_32F;
    }
    return CV_8U;
}

double toWorkingScale(codecs::ImageFormat f) {
    switch (f) {
    case codecs::ImageFormat::RGBA8: return 1.0;
    case codecs::ImageFormat::RGBA16: return 255.0 / 65535.0;
    default: return 255.0;
    }
}

cv::Mat wrap(const codecs::Image& image) {
    return cv::Mat(image.height, image.width, CV_MAKETYPE(cvDepth(image.format), 4),
                   const_cast<uint8_t*>(image.data.data()), image.rowBytes());
}

// NaN and infinite values of half and float images would spread through every filter tap that reads
// them (the retime's warp turned each into a blot of about 30 non-finite pixels), so they are replaced as
// they enter the processing core: NaN by 0, an infinity by the largest half-float value (65504) of its
// sign, on the frame's scale (`scale`: 255 on the working scale).
constexpr float kLargestHalf = 65504.0f;
void makeFinite(cv::Mat& m, float scale) {
    const int n = m.cols * m.channels();
    if (m.depth() == CV_16F) {
        for (int y = 0; y < m.rows; ++y) {
            uint16_t* r = m.ptr<uint16_t>(y);
            for (int i = 0; i < n; ++i)
                if ((r[i] & 0x7c00) == 0x7c00) r[i] = (r[i] & 0x3ff) ? 0 : uint16_t((r[i] & 0x8000) | 0x7bff);
        }
    } else if (m.depth() == CV_32F) {
        for (int y = 0; y < m.rows; ++y) {
            float* r = m.ptr<float>(y);
            for (int i = 0; i < n; ++i)
                if (!std::isfinite(r[i]))
                    r[i] = std::isnan(r[i]) ? 0.0f : std::copysign(kLargestHalf * scale, r[i]);
        }
    }
}

bool isFloatFormat(codecs::ImageFormat f) {
    return f == codecs::ImageFormat::RGBAHalf || f == codecs::ImageFormat::RGBAFloat;
}

}  // namespace

cv::Mat toWorkingRgb(const codecs::Image& image) {
    if (image.width <= 0 || image.height <= 0 || image.data.size() < image.rowBytes() * size_t(image.height))
        return {};
    cv::Mat rgba = wrap(image), rgb;
    if (rgba.depth() == CV_16F) rgba.convertTo(rgba, CV_32F);
    cv::cvtColor(rgba, rgb, cv::COLOR_RGBA2RGB);
    cv::Mat out;
    rgb.convertTo(out, CV_32F, toWorkingScale(image.format));
    if (isFloatFormat(image.format)) makeFinite(out, float(toWorkingScale(image.format)));
    return out;
}

cv::Mat nativeRgb(const codecs::Image& image) {
    if (image.width <= 0 || image.height <= 0 || image.data.size() < image.rowBytes() * size_t(image.height))
        return {};
    const cv::Mat rgba = wrap(image);
    cv::Mat rgb(rgba.size(), CV_MAKETYPE(rgba.depth(), 3));
    // cv::mixChannels has no CV_16F case (OpenCV 4.6 crashes on one): the channels are moved as
    // integers of the same size.
    const int bits = rgba.depth() == CV_16F ? CV_16U : rgba.depth() == CV_32F ? CV_32S : rgba.depth();
    const cv::Mat from(rgba.size(), CV_MAKETYPE(bits, 4), rgba.data, rgba.step);
    cv::Mat to(rgb.size(), CV_MAKETYPE(bits, 3), rgb.data, rgb.step);
    const int fromTo[] = {0, 0, 1, 1, 2, 2};
    cv::mixChannels(&from, 1, &to, 1, fromTo, 3);
    makeFinite(rgb, 1.0f);
    return rgb;
}

cv::Mat alphaOf(const codecs::Image& image) {
    cv::Mat rgba = wrap(image), a;
    if (rgba.depth() == CV_16F) rgba.convertTo(rgba, CV_32F);  // cv::extractChannel has no CV_16F case
    cv::extractChannel(rgba, a, 3);
    cv::Mat out;
    a.convertTo(out, CV_32F, toWorkingScale(image.format));
    if (isFloatFormat(image.format)) makeFinite(out, float(toWorkingScale(image.format)));
    return out;
}

codecs::Image fromWorkingRgb(const cv::Mat& frame, codecs::ImageFormat format, const cv::Mat& alpha) {
    codecs::Image image;
    image.format = format;
    image.width = frame.cols;
    image.height = frame.rows;
    image.data.resize(image.rowBytes() * size_t(image.height));
    if (alpha.empty() && frame.depth() == cvDepth(format) &&
        (frame.depth() == CV_8U || frame.depth() == CV_16U)) {
        cv::Mat dst = wrap(image);
        cv::cvtColor(frame, dst, cv::COLOR_RGB2RGBA);  // opaque: alpha at the depth's maximum
        return image;
    }
    if (alpha.empty() && frame.type() == CV_16FC3 && format == codecs::ImageFormat::RGBAHalf) {
        // Half RGB as it is, alpha 1.0 (0x3c00); moved as 16-bit integers (no CV_16F in cvtColor or
        // mixChannels).
        const cv::Mat parts[] = {cv::Mat(frame.size(), CV_16UC3, frame.data, frame.step),
                                 cv::Mat(frame.size(), CV_16UC1, cv::Scalar(0x3c00))};
        cv::Mat dst(image.height, image.width, CV_16UC4, image.data.data(), image.rowBytes());
        const int fromTo[] = {0, 0, 1, 1, 2, 2, 3, 3};
        cv::mixChannels(parts, 2, &dst, 1, fromTo, 4);
        return image;
    }
    const cv::Mat rgb = internal::toWorking(frame);
    cv::Mat a = alpha;
    if (a.empty()) a = cv::Mat(rgb.size(), CV_32F, cv::Scalar(255.0));  // opaque on the working scale
    cv::Mat rgba;
    cv::Mat parts[] = {rgb, a};
    int fromTo[] = {0, 0, 1, 1, 2, 2, 3, 3};
    rgba.create(rgb.size(), CV_32FC4);
    cv::mixChannels(parts, 2, &rgba, 1, fromTo, 4);
    cv::Mat dst = wrap(image);
    const double scale = 1.0 / toWorkingScale(format);
    if (format == codecs::ImageFormat::RGBAHalf) {
        cv::Mat f;
        rgba.convertTo(f, CV_32F, scale);
        f.convertTo(dst, CV_16F);
    } else {
        rgba.convertTo(dst, dst.type(), scale);  // saturating, round to nearest
    }
    return image;
}

codecs::Image imageFromRgb24(const uint8_t* data, int width, int height) {
    codecs::Image image;
    image.format = codecs::ImageFormat::RGBA8;
    image.width = width;
    image.height = height;
    image.data.resize(image.rowBytes() * size_t(height));
    cv::Mat src(height, width, CV_8UC3, const_cast<uint8_t*>(data));
    cv::Mat dst = wrap(image);
    cv::cvtColor(src, dst, cv::COLOR_RGB2RGBA);
    return image;
}

}  // namespace rushes::processing
