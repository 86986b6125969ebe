#include "processing/Retime.h"

#include <cmath>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "processing/internal/Kernels.h"
#include "processing/internal/Sampling.h"

namespace rushes::processing {

using internal::sample1;
using internal::sample2;
using internal::sample3;

struct FrameInterpolator::State {
    InterpolatorSettings s;
    cv::Ptr<cv::DISOpticalFlow> dis;
    cv::Mat a, b;            // working frames (CPU path)
    cv::UMat ua, ub;         // working frames (OpenCL path)
    cv::Mat f01, f10, e0, e1;  // flows and consistency errors at flow resolution
    cv::Mat g0, g1;            // gray flow images as float
    cv::UMat uf01, uf10, ue0, ue1;
    double flowScale = 1;    // actual flow width / frame width
    double error = 0;
    bool cut = false;
};

FrameInterpolator::FrameInterpolator(InterpolatorSettings settings) : d(std::make_unique<State>()) {
    d->s = settings;
    if (d->s.backend == Backend::Auto) d->s.backend = resolveBackend(Backend::Auto);
    d->dis = cv::DISOpticalFlow::create(settings.flowPreset);
    d->dis->setFinestScale(settings.finestScale);
    d->dis->setPatchSize(settings.patchSize);
    d->dis->setPatchStride(settings.patchStride);
    d->dis->setVariationalRefinementIterations(settings.refineIterations);
}

FrameInterpolator::~FrameInterpolator() = default;

const InterpolatorSettings& FrameInterpolator::settings() const { return d->s; }
bool FrameInterpolator::isCut() const { return d->cut; }
double FrameInterpolator::motionError() const { return d->error; }

namespace {

template <class M>
void flowGray(const M& rgb, double scale, M& gray) {
    M g, g8;
    cv::cvtColor(rgb, g, cv::COLOR_RGB2GRAY);
    if (scale != 1.0) {
        M small;
        cv::resize(g, small, cv::Size(), scale, scale, cv::INTER_AREA);
        g = small;
    }
    g.convertTo(gray, CV_8U);
}

// |F01(p) + F10(p + F01(p))|: how far a round trip lands from where it started, in pixels.
void consistency(const cv::Mat& fwd, const cv::Mat& bwd, cv::Mat& err) {
    err.create(fwd.size(), CV_32F);
    cv::parallel_for_(cv::Range(0, fwd.rows), [&](const cv::Range& r) {
        for (int y = r.start; y < r.end; ++y) {
            const cv::Vec2f* f = fwd.ptr<cv::Vec2f>(y);
            float* e = err.ptr<float>(y);
            for (int x = 0; x < fwd.cols; ++x) {
                const cv::Vec2f v = f[x];
                const cv::Vec2f w = sample2(bwd, x + v[0], y + v[1]);
                e[x] = std::sqrt((v[0] + w[0]) * (v[0] + w[0]) + (v[1] + w[1]) * (v[1] + w[1]));
            }
        }
    });
}

// Mean |b(p + F01(p)) - a(p)| on the gray flow images: small for moving footage, large at cuts.
double compensatedError(const cv::Mat& ga, const cv::Mat& gb, const cv::Mat& fwd) {
    cv::Mat fa, fb;
    ga.convertTo(fa, CV_32F);
    gb.convertTo(fb, CV_32F);
    double total = 0;
    for (int y = 0; y < fa.rows; y += 2) {
        const cv::Vec2f* f = fwd.ptr<cv::Vec2f>(y);
        const float* pa = fa.ptr<float>(y);
        for (int x = 0; x < fa.cols; x += 2) total += std::abs(sample1(fb, x + f[x][0], y + f[x][1]) - pa[x]);
    }
    return total / (double((fa.rows + 1) / 2) * double((fa.cols + 1) / 2));
}


// The motion through each pixel at phase t, at flow resolution: the fixed point of
// v = F01(x - t v) (and of the backward flow), choosing per pixel the candidate whose two
// ends agree best in brightness. Handles large motion where F01(x) itself is the motion of
// some other object.
cv::Mat motionAt(const cv::Mat& f01, const cv::Mat& f10, const cv::Mat& g0, const cv::Mat& g1, float t) {
    const int w = f01.cols, h = f01.rows;
    cv::Mat v(f01.size(), CV_32FC2), u(f01.size(), CV_32FC2), ev(f01.size(), CV_32F), eu(f01.size(), CV_32F);
    cv::parallel_for_(cv::Range(0, h), [&](const cv::Range& r) {
        for (int y = r.start; y < r.end; ++y) {
            for (int x = 0; x < w; ++x) {
                cv::Vec2f a = f01.at<cv::Vec2f>(y, x);
                cv::Vec2f b = -f10.at<cv::Vec2f>(y, x);
                for (int it = 0; it < 4; ++it) {
                    a = sample2(f01, x - t * a[0], y - t * a[1]);
                    b = -sample2(f10, x + (1 - t) * b[0], y + (1 - t) * b[1]);
                }
                v.at<cv::Vec2f>(y, x) = a;
                u.at<cv::Vec2f>(y, x) = b;
                ev.at<float>(y, x) = std::abs(sample1(g0, x - t * a[0], y - t * a[1]) - sample1(g1, x + (1 - t) * a[0], y + (1 - t) * a[1]));
                eu.at<float>(y, x) = std::abs(sample1(g0, x - t * b[0], y - t * b[1]) - sample1(g1, x + (1 - t) * b[0], y + (1 - t) * b[1]));
            }
        }
    });
    cv::boxFilter(ev, ev, -1, cv::Size(5, 5));
    cv::boxFilter(eu, eu, -1, cv::Size(5, 5));
    cv::Mat m(f01.size(), CV_32FC2);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            m.at<cv::Vec2f>(y, x) = ev.at<float>(y, x) <= eu.at<float>(y, x) ? v.at<cv::Vec2f>(y, x) : u.at<cv::Vec2f>(y, x);
    return m;
}

}  // namespace

codecs::Status FrameInterpolator::setPair(const cv::Mat& a, const cv::Mat& b) {
    if (a.empty() || b.empty()) return codecs::Error{{}, "retime: empty frame"};
    if (a.size() != b.size())
        return codecs::Error{{}, "retime: frame sizes differ (" + std::to_string(a.cols) + "x" + std::to_string(a.rows) +
                                     " and " + std::to_string(b.cols) + "x" + std::to_string(b.rows) + ")"};
    if (a.type() != CV_32FC3 || b.type() != CV_32FC3) return codecs::Error{{}, "retime: frames must be CV_32FC3"};
    double scale = d->s.flowScale;
    if (std::min(a.cols, a.rows) * scale < 32) scale = 1.0;  // DIS needs some pixels
    cv::Mat ga, gb;
    if (d->s.backend == Backend::OpenCL) {
        activateBackend(Backend::OpenCL);
        a.copyTo(d->ua);
        b.copyTo(d->ub);
        cv::UMat uga, ugb;
        flowGray(d->ua, scale, uga);
        flowGray(d->ub, scale, ugb);
        d->dis->calc(uga, ugb, d->uf01);
        d->dis->calc(ugb, uga, d->uf10);
        d->uf01.copyTo(d->f01);
        d->uf10.copyTo(d->f10);
        uga.copyTo(ga);
        ugb.copyTo(gb);
    } else {
        activateBackend(Backend::Cpu);
        d->a = a;
        d->b = b;
        flowGray(a, scale, ga);
        flowGray(b, scale, gb);
        d->dis->calc(ga, gb, d->f01);
        d->dis->calc(gb, ga, d->f10);
    }
    d->flowScale = double(ga.cols) / double(a.cols);
    consistency(d->f01, d->f10, d->e0);
    consistency(d->f10, d->f01, d->e1);
    if (d->s.backend == Backend::OpenCL) {
        d->e0.copyTo(d->ue0);
        d->e1.copyTo(d->ue1);
    }
    ga.convertTo(d->g0, CV_32F);
    gb.convertTo(d->g1, CV_32F);
    d->error = compensatedError(ga, gb, d->f01);
    // A cut: motion explains little of the difference (the compensated error stays close to the
    // plain frame difference) and what is left is well above noise and compression levels.
    cv::Mat raw;
    cv::absdiff(ga, gb, raw);
    const double rawError = cv::mean(raw)[0];
    d->cut = d->error > d->s.cutThreshold && d->error > d->s.cutRatio * rawError;
    return codecs::Ok{};
}

cv::Mat FrameInterpolator::at(double t) const {
    const bool ocl = d->s.backend == Backend::OpenCL;
    const cv::Size size = ocl ? d->ua.size() : d->a.size();
    if (t <= 0) return ocl ? d->ua.getMat(cv::ACCESS_READ).clone() : d->a.clone();
    if (t >= 1) return ocl ? d->ub.getMat(cv::ACCESS_READ).clone() : d->b.clone();
    if (d->cut) {  // never cross-fade a cut: repeat the nearer frame
        const bool first = t < 0.5;
        if (ocl) return (first ? d->ua : d->ub).getMat(cv::ACCESS_READ).clone();
        return (first ? d->a : d->b).clone();
    }
    const float ft = float(t);
    const float scale = float(d->flowScale);
    const float invSigma2 = float(1.0 / (2.0 * d->s.consistencySigma * d->s.consistencySigma));
    if (ocl) {
        cv::ocl::Kernel k = internal::kernel("interpolate_pair");
        if (!k.empty()) {
            cv::UMat out(size, CV_32FC3);
            auto step = [](const cv::UMat& m) { return int(m.step / sizeof(float)); };
            k.args(cv::ocl::KernelArg::PtrReadOnly(d->ua), cv::ocl::KernelArg::PtrReadOnly(d->ub), step(d->ua),
                   cv::ocl::KernelArg::PtrReadOnly(d->uf01), cv::ocl::KernelArg::PtrReadOnly(d->uf10),
                   cv::ocl::KernelArg::PtrReadOnly(d->ue0), cv::ocl::KernelArg::PtrReadOnly(d->ue1),
                   step(d->uf01), step(d->ue0), d->uf01.cols, d->uf01.rows, cv::ocl::KernelArg::PtrWriteOnly(out),
                   size.width, size.height, ft, scale, invSigma2);
            size_t global[2] = {size_t(size.width), size_t(size.height)};
            if (k.run(2, global, nullptr, true)) return out.getMat(cv::ACCESS_READ).clone();
        }
        // Kernel unavailable: fall through to the CPU path on the same data.
        d->ua.copyTo(d->a);
        d->ub.copyTo(d->b);
    }
    const cv::Mat motion = motionAt(d->f01, d->f10, d->g0, d->g1, ft);
    cv::Mat out(size, CV_32FC3);
    const cv::Mat& A = d->a;
    const cv::Mat& B = d->b;
    const int w = size.width, h = size.height;
    cv::parallel_for_(cv::Range(0, h), [&](const cv::Range& r) {
        for (int y = r.start; y < r.end; ++y) {
            cv::Vec3f* o = out.ptr<cv::Vec3f>(y);
            for (int x = 0; x < w; ++x) {
                const float sx = (x + 0.5f) * scale - 0.5f, sy = (y + 0.5f) * scale - 0.5f;
                const cv::Vec2f mv = sample2(motion, sx, sy) / scale;
                const cv::Vec2f ft0 = -ft * mv;
                const cv::Vec2f ft1 = (1.0f - ft) * mv;
                const float x0 = x + ft0[0], y0 = y + ft0[1], x1 = x + ft1[0], y1 = y + ft1[1];
                const float c0 = sample1(d->e0, (x0 + 0.5f) * scale - 0.5f, (y0 + 0.5f) * scale - 0.5f);
                const float c1 = sample1(d->e1, (x1 + 0.5f) * scale - 0.5f, (y1 + 0.5f) * scale - 0.5f);
                float w0 = (1.0f - ft) * std::exp(-c1 * c1 * invSigma2) + 1e-4f;
                float w1 = ft * std::exp(-c0 * c0 * invSigma2) + 1e-4f;
                if (x0 < -0.5f || y0 < -0.5f || x0 > w - 0.5f || y0 > h - 0.5f) w0 *= 0.01f;
                if (x1 < -0.5f || y1 < -0.5f || x1 > w - 0.5f || y1 > h - 0.5f) w1 *= 0.01f;
                const cv::Vec3f p0 = internal::sampleCubic3(A, x0, y0);
                const cv::Vec3f p1 = internal::sampleCubic3(B, x1, y1);
                o[x] = (w0 * p0 + w1 * p1) / (w0 + w1);
            }
        }
    });
    return out;
}

SourcePosition retimeSource(int64_t j, double inRate, double outRate) {
    const double p = double(j) * inRate / outRate;
    SourcePosition s;
    s.index = int64_t(std::floor(p + 1e-9));
    s.phase = p - double(s.index);
    if (s.phase < 1e-9) s.phase = 0;
    return s;
}

int64_t retimedFrameCount(int64_t inFrames, double inRate, double outRate) {
    if (inFrames <= 0 || inRate <= 0 || outRate <= 0) return 0;
    return int64_t(std::floor(double(inFrames - 1) * outRate / inRate + 1e-9)) + 1;
}

}  // namespace rushes::processing
