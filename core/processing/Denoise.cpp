#include "processing/Denoise.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/core/hal/hal.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "processing/internal/Kernels.h"

namespace rushes::processing {

double estimateNoiseSigma(const cv::Mat& rgb) {
    if (rgb.empty()) return 0;
    // Immerkaer's Laplacian difference: cancels smooth structure, noise gain is 6 (its L2 norm).
    const float k[9] = {1, -2, 1, -2, 4, -2, 1, -2, 1};
    cv::Mat kernel(3, 3, CV_32F, const_cast<float*>(k));
    std::vector<cv::Mat> channels;
    cv::Mat f;
    rgb.convertTo(f, CV_32F);
    cv::split(f, channels);
    // Per 8x8 block, the mean |response|; texture inflates busy blocks, so take a low quantile of
    // the block estimates and correct its bias for Gaussian noise.
    std::vector<float> estimates;
    for (const cv::Mat& c : channels) {
        cv::Mat r;
        cv::filter2D(c, r, CV_32F, kernel, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
        r = cv::abs(r);
        const int bs = 8;
        for (int y = 1; y + bs < r.rows; y += bs)
            for (int x = 1; x + bs < r.cols; x += bs) {
                const double m = cv::mean(r(cv::Rect(x, y, bs, bs)))[0];
                estimates.push_back(float(m * std::sqrt(M_PI / 2.0) / 6.0));
            }
    }
    if (estimates.empty()) return 0;
    const size_t q = estimates.size() / 10;  // 10th percentile of block estimates
    std::nth_element(estimates.begin(), estimates.begin() + long(q), estimates.end());
    // Calibrated on pure Gaussian noise (8-bit, sigma 2-25): the 10th percentile of the block
    // estimates sits at 0.795 of sigma (neighbouring responses are correlated, so blocks spread).
    return double(estimates[q]) / 0.795;
}


namespace {

// h = kStrength * (noise sigma of the guide); tuned on the synthetic-noise protocol.
double kStrength = 1.6;

cv::Mat flowGray(const cv::Mat& rgb, double scale) {
    cv::Mat g, s, out;
    cv::cvtColor(rgb, g, cv::COLOR_RGB2GRAY);
    cv::resize(g, s, cv::Size(), scale, scale, cv::INTER_AREA);
    s.convertTo(out, CV_8U);
    return out;
}

// Warps `src` into the geometry of the center frame with a low-resolution flow (center -> src).
// Buffers are kept between frames: fresh multi-megabyte allocations cost page faults each time.
void alignTo(const cv::Mat& src, const cv::Mat& flow, double scale, cv::Mat& full, cv::Mat& map, cv::Mat& out) {
    cv::resize(flow, full, src.size(), 0, 0, cv::INTER_LINEAR);
    const float inv = float(1.0 / scale);
    map.create(src.size(), CV_32FC2);
    cv::parallel_for_(cv::Range(0, src.rows), [&](const cv::Range& r) {
        for (int y = r.start; y < r.end; ++y) {
            const cv::Vec2f* f = full.ptr<cv::Vec2f>(y);
            cv::Vec2f* m = map.ptr<cv::Vec2f>(y);
            for (int x = 0; x < src.cols; ++x) m[x] = cv::Vec2f(float(x) + f[x][0] * inv, float(y) + f[x][1] * inv);
        }
    });
    cv::remap(src, out, map, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
}

// The aligned stack, padded so that every candidate read stays inside the buffers.
struct Stack {
    int pad = 0;
    std::vector<cv::Mat> colour;  // CV_32FC3, padded
    std::vector<cv::Mat> guide;   // CV_32F gray, smoothed, padded
};

// The hot loops, compiled for AVX2+FMA as well where the compiler can dispatch at run time.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define RUSHES_HOT __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define RUSHES_HOT
#endif

// Squared guide differences of one row and their horizontal patch sums.
RUSHES_HOT void rowDistances(const float* c, const float* o, float* d, float* hs, int w, int ps) {
    const int dw = w + ps - 1;
    for (int x = 0; x < dw; ++x) {
        const float v = c[x] - o[x];
        d[x] = v * v;
    }
    if (ps == 3) {
        for (int x = 0; x < w; ++x) hs[x] = d[x] + d[x + 1] + d[x + 2];
    } else {
        for (int x = 0; x < w; ++x) {
            float a = 0;
            for (int i = 0; i < ps; ++i) a += d[x + i];
            hs[x] = a;
        }
    }
}

// Vertical patch sums (rows hs, hs + w, ...) turned into exponent arguments.
RUSHES_HOT void patchWeights(const float* hs, int w, int ps, float invArea, float bias, float invH, float* out) {
    if (ps == 3) {
        const float* r0 = hs;
        const float* r1 = hs + w;
        const float* r2 = hs + 2 * w;
        for (int x = 0; x < w; ++x) out[x] = -std::max((r0[x] + r1[x] + r2[x]) * invArea - bias, 0.0f) * invH;
        return;
    }
    for (int x = 0; x < w; ++x) {
        float a = 0;
        for (int i = 0; i < ps; ++i) a += hs[size_t(i) * size_t(w) + size_t(x)];
        out[x] = -std::max(a * invArea - bias, 0.0f) * invH;
    }
}

RUSHES_HOT void accumulateRow(const float* wt, const float* o, float* s, float* ww, int w) {
    for (int x = 0; x < w; ++x) {
        const float v = wt[x];
        s[3 * x] += v * o[3 * x];
        s[3 * x + 1] += v * o[3 * x + 1];
        s[3 * x + 2] += v * o[3 * x + 2];
        ww[x] += v;
    }
}

// Every pixel becomes the weighted mean of its candidates: each frame of the aligned stack shifted
// by (dx, dy) within the search radius, weighted by exp(-max(d - bias, 0) / h^2), d being the
// mean squared guide difference over the patch. Works on horizontal strips so that the
// per-candidate buffers stay in cache; strips run in parallel.
void nonLocalMean(const Stack& st, int searchRadius, int patchRadius, float bias, float invH, cv::Mat& out) {
    const int w = out.cols, h = out.rows, pad = st.pad, pr = patchRadius, sr = searchRadius;
    const int ps = 2 * pr + 1;
    const float invArea = 1.0f / float(ps * ps);
    constexpr int kStrip = 16;
    const int strips = (h + kStrip - 1) / kStrip;
    cv::parallel_for_(cv::Range(0, strips), [&](const cv::Range& range) {
        const int dw = w + 2 * pr;
        std::vector<float> d(size_t(kStrip + 2 * pr) * size_t(dw));   // squared differences
        std::vector<float> hs(size_t(kStrip + 2 * pr) * size_t(w));   // horizontal patch sums
        std::vector<float> wt(static_cast<size_t>(w));
        std::vector<float> sum(size_t(kStrip) * size_t(w) * 3), weight(size_t(kStrip) * size_t(w));
        for (int strip = range.start; strip < range.end; ++strip) {
            const int y0 = strip * kStrip, rows = std::min(kStrip, h - y0);
            std::fill(sum.begin(), sum.end(), 0.0f);
            std::fill(weight.begin(), weight.end(), 0.0f);
            for (size_t k = 0; k < st.guide.size(); ++k) {
                const cv::Mat& g0 = st.guide[0];
                const cv::Mat& gk = st.guide[k];
                const cv::Mat& ck = st.colour[k];
                for (int dy = -sr; dy <= sr; ++dy) {
                    for (int dx = -sr; dx <= sr; ++dx) {
                        for (int yy = 0; yy < rows + 2 * pr; ++yy) {
                            const int gy = y0 + yy - pr + pad;
                            const float* c = g0.ptr<float>(gy) + (pad - pr);
                            const float* o = gk.ptr<float>(gy + dy) + (pad - pr + dx);
                            float* dr = d.data() + size_t(yy) * size_t(dw);
                            rowDistances(c, o, dr, hs.data() + size_t(yy) * size_t(w), w, ps);
                        }
                        for (int yy = 0; yy < rows; ++yy) {
                            patchWeights(hs.data() + size_t(yy) * size_t(w), w, ps, invArea, bias, invH, wt.data());
                            cv::hal::exp32f(wt.data(), wt.data(), w);
                            accumulateRow(wt.data(), ck.ptr<float>(y0 + yy + pad + dy) + 3 * (pad + dx),
                                          sum.data() + size_t(yy) * size_t(w) * 3, weight.data() + size_t(yy) * size_t(w), w);
                        }
                    }
                }
            }
            for (int yy = 0; yy < rows; ++yy) {
                float* o = out.ptr<float>(y0 + yy);
                const float* s = sum.data() + size_t(yy) * size_t(w) * 3;
                const float* ww = weight.data() + size_t(yy) * size_t(w);
                for (int x = 0; x < w; ++x) {
                    const float inv = 1.0f / ww[x];  // >= 1: the centre candidate has weight 1
                    o[3 * x] = s[3 * x] * inv;
                    o[3 * x + 1] = s[3 * x + 1] * inv;
                    o[3 * x + 2] = s[3 * x + 2] * inv;
                }
            }
        }
    }, double(std::max(1, cv::getNumThreads())));  // one chunk per thread: buffers allocated once
}

// The same mean with the project's OpenCL kernels; false when OpenCL cannot run it.
bool nonLocalMeanOpenCL(const Stack& st, int sr, int pr, float bias, float invH, cv::Mat& out) {
    cv::ocl::Kernel acc = internal::kernel("nlm_accumulate");
    cv::ocl::Kernel norm = internal::kernel("nlm_normalise");
    if (acc.empty() || norm.empty()) return false;
    const int w = out.cols, h = out.rows;
    const int ps = 2 * pr + 1;
    cv::UMat sum(h, w * 3, CV_32F, cv::Scalar(0)), weight(h, w, CV_32F, cv::Scalar(0));
    cv::UMat g0 = st.guide[0].getUMat(cv::ACCESS_READ);
    size_t global[2] = {size_t(w), size_t(h)};
    for (size_t k = 0; k < st.guide.size(); ++k) {
        cv::UMat gk = st.guide[k].getUMat(cv::ACCESS_READ);
        cv::UMat ck = st.colour[k].getUMat(cv::ACCESS_READ);
        cv::ocl::Kernel run = internal::kernel("nlm_accumulate");
        run.args(cv::ocl::KernelArg::PtrReadOnly(g0), cv::ocl::KernelArg::PtrReadOnly(gk), int(g0.step / sizeof(float)),
                 cv::ocl::KernelArg::PtrReadOnly(ck), int(ck.step / sizeof(float)), st.pad, w, h, sr, pr, bias, invH,
                 1.0f / float(ps * ps), cv::ocl::KernelArg::PtrReadWrite(sum), cv::ocl::KernelArg::PtrReadWrite(weight));
        if (!run.run(2, global, nullptr, true)) return false;
    }
    cv::UMat uout(h, w, CV_32FC3);
    norm.args(cv::ocl::KernelArg::PtrReadOnly(sum), cv::ocl::KernelArg::PtrReadOnly(weight),
              cv::ocl::KernelArg::PtrWriteOnly(uout), int(uout.step / sizeof(float)), w, h);
    if (!norm.run(2, global, nullptr, true)) return false;
    uout.copyTo(out);
    return true;
}

}  // namespace

struct Denoiser::Scratch {
    cv::Ptr<cv::DISOpticalFlow> dis;
    cv::Mat flow, fullFlow, map, gray;
    std::vector<cv::Mat> aligned;
    Stack stack;
};

Denoiser::~Denoiser() = default;

Denoiser::Denoiser(DenoiseSettings settings) : m_settings(settings), m_scratch(std::make_unique<Scratch>()) {
    if (m_settings.backend == Backend::Auto) m_settings.backend = resolveBackend(Backend::Auto);
}

codecs::Result<cv::Mat> Denoiser::denoise(const std::vector<cv::Mat>& window, int center, double sigma) {
    if (window.empty() || center < 0 || center >= int(window.size()))
        return codecs::Error{{}, "denoise: no frame to denoise"};
    const cv::Mat& c = window[size_t(center)];
    for (const cv::Mat& m : window) {
        if (m.size() != c.size()) return codecs::Error{{}, "denoise: frame sizes differ inside the window"};
        if (m.type() != CV_32FC3) return codecs::Error{{}, "denoise: frames must be CV_32FC3"};
    }
    if (sigma < 0) sigma = m_settings.sigma;
    if (sigma < 0) sigma = estimateNoiseSigma(c);
    if (!std::isfinite(sigma)) return codecs::Error{{}, "denoise: sigma is not a number"};
    if (sigma < 0.05) return c.clone();
    activateBackend(m_settings.backend);

    // Align the neighbours within the temporal radius.
    // Auto (0): flow about 240 px wide, between a quarter and half of the frame (960x540 at a
    // quarter instead of half: -0.05 to -0.08 dB on flower, about 10 ms less per frame).
    const double wanted = m_settings.flowScale > 0 ? m_settings.flowScale : std::clamp(240.0 / c.cols, 0.25, 0.5);
    const double scale = std::min(c.cols, c.rows) * wanted < 32 ? 1.0 : wanted;
    Scratch& sc = *m_scratch;
    std::vector<const cv::Mat*> stack{&c};
    sc.aligned.resize(size_t(2 * m_settings.radius + 1));
    const int first = std::max(0, center - m_settings.radius);
    const int last = std::min(int(window.size()) - 1, center + m_settings.radius);
    if (first < last) {
        if (!sc.dis) sc.dis = cv::DISOpticalFlow::create(m_settings.flowPreset);
        cv::DISOpticalFlow& dis = *sc.dis;
        const cv::Mat gc = flowGray(c, scale);
        for (int i = first; i <= last; ++i) {
            if (i == center) continue;
            cv::Mat& flow = sc.flow;
            const cv::Mat gi = flowGray(window[size_t(i)], scale);
            if (m_settings.backend == Backend::OpenCL) {
                cv::UMat uflow;
                dis.calc(gc.getUMat(cv::ACCESS_READ), gi.getUMat(cv::ACCESS_READ), uflow);
                uflow.copyTo(flow);
            } else {
                dis.calc(gc, gi, flow);
            }
            cv::Mat& dst = sc.aligned[stack.size()];
            alignTo(window[size_t(i)], flow, scale, sc.fullFlow, sc.map, dst);
            stack.push_back(&dst);
        }
    }

    // Patch distances are measured on gray guides (noise variance sigma^2 / 3), lightly smoothed
    // at high noise levels, where raw patches are too noisy to tell similar from dissimilar.
    const int sr = m_settings.searchRadius, pr = m_settings.patchRadius;
    const double guideSigma = sigma > 10 ? 0.8 : 0.0;
    const double guideVar = (guideSigma > 0 ? 0.35 : 1.0) / 3.0;
    Stack& st = sc.stack;
    st.pad = sr + pr + 1;
    st.guide.resize(stack.size());
    st.colour.resize(stack.size());
    for (size_t i = 0; i < stack.size(); ++i) {
        cv::cvtColor(*stack[i], sc.gray, cv::COLOR_RGB2GRAY);
        if (guideSigma > 0) cv::GaussianBlur(sc.gray, sc.gray, cv::Size(3, 3), guideSigma, guideSigma, cv::BORDER_REFLECT);
        cv::copyMakeBorder(sc.gray, st.guide[i], st.pad, st.pad, st.pad, st.pad, cv::BORDER_REFLECT);
        cv::copyMakeBorder(*stack[i], st.colour[i], st.pad, st.pad, st.pad, st.pad, cv::BORDER_REFLECT);
    }
    const double noiseVar = sigma * sigma * guideVar;
    const float bias = float(2.0 * noiseVar);
    const double k = m_settings.strength * kStrength;
    const float invH = float(1.0 / std::max(1e-6, k * k * noiseVar));

    cv::Mat out(c.size(), CV_32FC3);
    if (m_settings.backend != Backend::OpenCL || !nonLocalMeanOpenCL(st, sr, pr, bias, invH, out))
        nonLocalMean(st, sr, pr, bias, invH, out);
    return out;
}

}  // namespace rushes::processing
