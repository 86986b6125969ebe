#include "processing/Denoise.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>

#include <opencv2/core/hal/hal.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "processing/internal/CpuFlow.h"
#include "processing/internal/CpuRefine.h"
#include "processing/internal/DeviceFlow.h"
#include "processing/internal/Kernels.h"
#include "processing/internal/Messages.h"
#include "processing/internal/Sampling.h"

namespace rushes::processing {

namespace {

// Where a working frame's channels are clipped (CV_8UC3, 255 where the channel sits at 0 or at 255
// exactly): noise is gone there, and a saturated colour's flat areas would be the flattest blocks of
// all. testsrc2's full-range colours with photon noise of 29 at mid-grey read 7.2 with them.
cv::Mat clippedMask(const cv::Mat& working) {
    cv::Mat low, high;
    cv::inRange(working.reshape(1), 0.0, 0.001, low);
    cv::inRange(working.reshape(1), 254.999, 255.001, high);
    const cv::Mat mask = low | high;
    return mask.reshape(3);
}

// The mask above at a coarser scale (block means of `size`): 255 where half of the block's pixels or more
// are clipped, as immerkaerSigma leaves a block out.
cv::Mat coarserMask(const cv::Mat& mask, cv::Size size) {
    if (mask.empty()) return {};
    cv::Mat coarse;
    cv::resize(mask, coarse, size, 0, 0, cv::INTER_AREA);
    return coarse >= 128;
}

// Immerkaer's estimate of white noise in working floats: the Laplacian difference cancels smooth
// structure, and its noise gain is 6 (its L2 norm). Blocks with half of their pixels or more
// clipped (`clipped`, where given: a channel's own, or for one channel of three any channel's) are left out.
double immerkaerSigma(const cv::Mat& f, const cv::Mat& clipped = {}) {
    const float k[9] = {1, -2, 1, -2, 4, -2, 1, -2, 1};
    cv::Mat kernel(3, 3, CV_32F, const_cast<float*>(k));
    std::vector<cv::Mat> channels;
    cv::split(f, channels);
    // Per 8x8 block, the mean |response|; texture inflates busy blocks, so take a low quantile of
    // the block estimates and correct its bias for Gaussian noise.
    std::vector<float> estimates;
    const int bs = 8;
    std::vector<cv::Mat> masks;  // each channel's
    if (!clipped.empty()) {
        cv::split(clipped, masks);
        if (channels.size() == 1) masks = {masks[0] | masks[1] | masks[2]};
    }
    for (size_t c = 0; c < channels.size(); ++c) {
        cv::Mat r;
        cv::filter2D(channels[c], r, CV_32F, kernel, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
        r = cv::abs(r);
        for (int y = 1; y + bs < r.rows; y += bs)
            for (int x = 1; x + bs < r.cols; x += bs) {
                const cv::Rect block(x, y, bs, bs);
                if (!masks.empty() && cv::countNonZero(masks[c](block)) * 2 >= bs * bs) continue;
                const double m = cv::mean(r(block))[0];
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

// The estimate at one scale: of each colour channel, and of the gray image the denoiser's patch
// distances are measured on (cv::COLOR_RGB2GRAY's weights), as the channels' sigma that gives the gray
// image that much noise when they are independent (0.668 of it). Noise shared by the channels (luma
// noise, monochrome grain) reads 1.5 times higher there, and the denoiser needs that strength: on
// flower with such noise of deviation 8 and 15, +1.3 and +1.2 dB over the channels' estimate.
double scaleEstimate(const cv::Mat& f, const cv::Mat& clipped = {}) {
    cv::Mat gray;
    cv::transform(f, gray, cv::Matx13f(0.299f, 0.587f, 0.114f));
    return std::max(immerkaerSigma(f, clipped), immerkaerSigma(gray, clipped) / 0.668);
}

// `sigma` (the estimate of `f` at its own scale) followed to coarser scales: on 2x2, 4x4 ... block means up
// to `maxBlock`, each estimate times its block size, taken where it is clearly (25%) above the finer
// one's, scale after scale, while `fits(k, width, height)` holds for the block means' image.
template <class Fits>
double followToCoarserScales(const cv::Mat& f, const cv::Mat& clipped, double sigma, int maxBlock,
                             Fits fits) {
    for (int k = 2; k <= maxBlock; k *= 2) {
        if (!fits(k, f.cols / k, f.rows / k)) break;
        cv::Mat coarse;
        const cv::Size size(f.cols / k, f.rows / k);
        cv::resize(f, coarse, size, 0, 0, cv::INTER_AREA);
        const double e = k * scaleEstimate(coarse, coarserMask(clipped, size));
        if (e <= 1.25 * sigma) break;  // no sign of grain at this scale: a coarser one would read texture
        sigma = e;
    }
    return sigma;
}

}  // namespace

double estimateNoiseSigma(const cv::Mat& rgb) {
    if (rgb.empty()) return 0;
    const cv::Mat f = internal::toWorking(rgb);
    // Grain is correlated over a pixel or more (film grain, demosaicing, a scan's optics), and a 3x3
    // high-pass sees only its finest part: noise blurred by a Gaussian of 1 px reads as an eighth of
    // its deviation. Averaged over 2x2 and 4x4 blocks, white noise's estimate times the block size
    // stays at sigma, while correlated noise's grows towards the deviation the filter has to
    // answer. A coarser scale's estimate is taken where it is clearly (25%) above the finer one's,
    // scale after scale, and only while the coarser image keeps 160 pixels of width at 2x2 and 240 at
    // 4x4: in smaller ones texture fills the flattest blocks. Measured: the shared 320x180 clips, clean,
    // read 2.4 and 4.2 at 4x4 (80 pixels wide) and 1.0 and 1.8 at 2x2, which "auto" turns into changes
    // 54 and 49 dB under the picture; the clean HDR photograph Cannon.exr (780x566, with B44's 4x4
    // blocks) read 22 at 4x4 (195 wide) after 6.6 at 2x2, and "auto" blurred it. So 640x480 frames stop
    // at 2x2, where grain blurred by 1 px reads about 0.7 of what the filter needs (friday with grain
    // of deviation 15 and 25: 11 and 17, against 30 and 43 at 4x4); a window's estimate (below) reads
    // the coarser scales from the difference with a neighbour instead.
    return followToCoarserScales(f, {}, scaleEstimate(f), 4,
                                 [](int k, int w, int h) { return w >= (k == 2 ? 160 : 240) && h >= 64; });
}

namespace {
// stabilise()'s scale b and sqrt(offset).
struct Stabiliser {
    double c, root, b;
    explicit Stabiliser(double offset)
        : c(std::max(offset, 0.0)), root(std::sqrt(c)), b(255.0 / (std::sqrt(255.0 + c) - root)) {}
};
}  // namespace

void stabilise(const cv::Mat& working, double offset, cv::Mat& out) {
    const Stabiliser st(offset);
    cv::Mat t;
    cv::add(working, cv::Scalar::all(st.c), t);
    cv::max(t, 0.0, t);
    cv::sqrt(t, t);
    t.convertTo(out, CV_32F, st.b, -st.b * st.root);
}

void unstabilise(const cv::Mat& stable, double offset, double bias, cv::Mat& out) {
    const Stabiliser st(offset);
    cv::Mat t;
    stable.convertTo(t, CV_32F, 1.0 / st.b, st.root);
    cv::max(t, 0.0, t);
    cv::multiply(t, t, out);
    out -= cv::Scalar::all(st.c - bias);
}

double noiseSigmaAt(double level, double sigma, double shotOffset) {
    if (shotOffset < 0) return sigma;
    const Stabiliser st(shotOffset);
    // T'(I) = b / (2 sqrt(I + c)): a sigma s there is s / T'(I) at level I.
    return sigma * 2.0 * std::sqrt(std::max(level + st.c, 0.0)) / st.b;
}

namespace {

// h = kStrength * (noise sigma of the guide); tuned on the synthetic-noise protocol.
double kStrength = 1.6;

// Gray image for the flow at `scale`: the colour frame is shrunk first (area averaging), then
// converted, which is the same linear operation at a fraction of the cost.
// The same steps on the host (cv::Mat) and on the device (cv::UMat, the device pipeline).
template <class M>
void flowGray(const M& rgb, double scale, M& small, M& gray, M& out) {
    cv::resize(rgb, small, cv::Size(), scale, scale, cv::INTER_AREA);
    cv::cvtColor(small, gray, cv::COLOR_RGB2GRAY);
    gray.convertTo(out, CV_8U);
}

// Reflects the `pad` outer rows and columns of a padded image from its interior, as
// cv::BORDER_REFLECT does ("fedcba|abcdef"); `cn` floats per pixel.
void reflectBorder(cv::Mat& m, int pad, int cn) {
    const int w = m.cols - 2 * pad, h = m.rows - 2 * pad;
    for (int y = pad; y < pad + h; ++y) {
        float* r = m.ptr<float>(y);
        for (int i = 0; i < pad; ++i)
            for (int c = 0; c < cn; ++c) {
                r[(pad - 1 - i) * cn + c] = r[(pad + i) * cn + c];
                r[(pad + w + i) * cn + c] = r[(pad + w - 1 - i) * cn + c];
            }
    }
    for (int i = 0; i < pad; ++i) {
        m.row(pad + i).copyTo(m.row(pad - 1 - i));
        m.row(pad + h - 1 - i).copyTo(m.row(pad + h + i));
    }
}

// One row of a bilinear warp of a CV_32FC3 image (at least 2x2, `step` floats per row) along
// absolute source positions `map` (x, y per pixel), clamped to the frame as BORDER_REPLICATE
// would, into three planar rows. Branch-free, so that the compiler vectorises it with gathers.
RUSHES_HOT void warpRowBilinear(const float* __restrict src, int step, int w, int h, const float* __restrict map,
                                float* __restrict out0, float* __restrict out1, float* __restrict out2, int n) {
    const float maxX = float(w - 1), maxY = float(h - 1);
    for (int x = 0; x < n; ++x) {
        float sx = map[2 * x], sy = map[2 * x + 1];
        sx = sx < 0.0f ? 0.0f : (sx > maxX ? maxX : sx);
        sy = sy < 0.0f ? 0.0f : (sy > maxY ? maxY : sy);
        int ix = int(sx), iy = int(sy);
        ix = ix > w - 2 ? w - 2 : ix;
        iy = iy > h - 2 ? h - 2 : iy;
        const float fx = sx - float(ix), fy = sy - float(iy);
        const int o = iy * step + 3 * ix;
        float v[3];
        for (int c = 0; c < 3; ++c) {
            const float top = src[o + c] + (src[o + c + 3] - src[o + c]) * fx;
            const float bottom = src[o + step + c] + (src[o + step + c + 3] - src[o + step + c]) * fx;
            v[c] = top + (bottom - top) * fy;
        }
        out0[x] = v[0];
        out1[x] = v[1];
        out2[x] = v[2];
    }
}

#if RUSHES_AVX2
// warpRowBilinear four pixels at a time with 128-bit loads: each tap row's two pixels are six
// contiguous floats (read as two overlapping groups of four), blended per pixel, and four pixels'
// channels are transposed into the three planar rows. Pixels whose taps reach the last column
// (where the second group of four would read past the row) go through warpRowBilinear.
RUSHES_AVX2_FN void warpRowBilinearAvx2(const float* __restrict src, int step, int w, int h,
                                        const float* __restrict map, float* __restrict out0,
                                        float* __restrict out1, float* __restrict out2, int n) {
    const float maxX = float(w - 1), maxY = float(h - 1);
    int x = 0;
    for (; x + 4 <= n; x += 4) {
        __m128 v[4];
        bool edge = false;
        for (int i = 0; i < 4; ++i) {
            float sx = map[2 * (x + i)], sy = map[2 * (x + i) + 1];
            sx = sx < 0.0f ? 0.0f : (sx > maxX ? maxX : sx);
            sy = sy < 0.0f ? 0.0f : (sy > maxY ? maxY : sy);
            int ix = int(sx), iy = int(sy);
            iy = iy > h - 2 ? h - 2 : iy;
            if (ix > w - 3) {
                edge = true;
                break;
            }
            const float fx = sx - float(ix), fy = sy - float(iy);
            const float* p = src + iy * step + 3 * ix;
            const __m128 a0 = _mm_loadu_ps(p), a1 = _mm_loadu_ps(p + 3);
            const __m128 b0 = _mm_loadu_ps(p + step), b1 = _mm_loadu_ps(p + step + 3);
            const __m128 kx = _mm_set1_ps(fx);
            const __m128 top = _mm_fmadd_ps(_mm_sub_ps(a1, a0), kx, a0);
            const __m128 bottom = _mm_fmadd_ps(_mm_sub_ps(b1, b0), kx, b0);
            v[i] = _mm_fmadd_ps(_mm_sub_ps(bottom, top), _mm_set1_ps(fy), top);
        }
        if (edge) {
            warpRowBilinear(src, step, w, h, map + 2 * x, out0 + x, out1 + x, out2 + x, 4);
            continue;
        }
        _MM_TRANSPOSE4_PS(v[0], v[1], v[2], v[3]);
        _mm_storeu_ps(out0 + x, v[0]);
        _mm_storeu_ps(out1 + x, v[1]);
        _mm_storeu_ps(out2 + x, v[2]);
    }
    if (x < n) warpRowBilinear(src, step, w, h, map + 2 * x, out0 + x, out1 + x, out2 + x, n - x);
}
#endif

// A padded planar colour buffer: three planes of (h + 2 pad) rows stacked in one CV_32F matrix.
inline float* planeRow(cv::Mat& m, int plane, int rowsPerPlane, int y) { return m.ptr<float>(plane * rowsPerPlane + y); }
inline const float* planeRow(const cv::Mat& m, int plane, int rowsPerPlane, int y) {
    return m.ptr<float>(plane * rowsPerPlane + y);
}

// Warps `src` into the geometry of the center frame with a low-resolution flow (center -> src),
// writing the interior of the padded planar colour buffer `dst` (bilinear, edges repeated). The flow is
// upsampled as cv::resize (INTER_LINEAR) would, one row at a time: no full-size intermediate.
void alignTo(const cv::Mat& src, const cv::Mat& flow, double scale, int pad, cv::Mat& dst) {
    const int w = src.cols, h = src.rows, fw = flow.cols, fh = flow.rows;
    if (w < 2 || h < 2) {  // nothing to interpolate between
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                for (int c = 0; c < 3; ++c) planeRow(dst, c, h + 2 * pad, y + pad)[pad + x] = src.ptr<float>(y)[3 * x + c];
        return;
    }
    const float inv = float(1.0 / scale);
    std::vector<int> xi;
    std::vector<float> xf;
    internal::upsampleRowTaps(fw, w, 2, xi, xf);
    const double syScale = double(fh) / double(h);
    const int step = int(src.step1());  // offsets fit an int: frames are far below 2^31 floats
    auto warpRow = warpRowBilinear;
#if RUSHES_AVX2
    if (internal::cpuHasAvx2Fma() && w >= 3) warpRow = warpRowBilinearAvx2;
#endif
    cv::parallel_for_(cv::Range(0, h), [&](const cv::Range& r) {
        std::vector<float> line(size_t(fw) * 2), map(size_t(w) * 2);
        for (int y = r.start; y < r.end; ++y) {
            const internal::UpTap ty = internal::upsampleTap(y, syScale, fh);
            const float fy = ty.f;
            const float* l0 = flow.ptr<float>(ty.i0);
            const float* l1 = flow.ptr<float>(ty.i1);
            for (int i = 0; i < fw * 2; ++i) line[size_t(i)] = (l0[i] + (l1[i] - l0[i]) * fy) * inv;
            float* m = map.data();
            const float fyy = float(y);
            for (int x = 0; x < w; ++x) {
                const float* f0 = line.data() + xi[2 * size_t(x)];
                const float* f1 = line.data() + xi[2 * size_t(x) + 1];
                const float k = xf[size_t(x)];
                m[2 * x] = float(x) + f0[0] + (f1[0] - f0[0]) * k;
                m[2 * x + 1] = fyy + f0[1] + (f1[1] - f0[1]) * k;
            }
            const int rows = h + 2 * pad;
            warpRow(src.ptr<float>(), step, w, h, m, planeRow(dst, 0, rows, y + pad) + pad,
                            planeRow(dst, 1, rows, y + pad) + pad, planeRow(dst, 2, rows, y + pad) + pad, w);
        }
    });
}

// The border of the aligned stack's buffers (host and device): every candidate read stays inside.
int stackPad(const DenoiseSettings& s) {
    return s.searchRadius * s.searchStep + s.patchRadius + 1;
}

// The aligned stack, padded so that every candidate read stays inside the buffers.
struct Stack {
    int pad = 0;
    std::vector<cv::Mat> colour;  // planar (see planeRow), padded
    std::vector<cv::Mat> guide;   // CV_32F gray, smoothed, padded
};

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

// exp(x) for x in [-87, 0] (lower values give exp(-87), about 1.6e-38): 2^n * 2^f with n the
// nearest integer to x / ln 2 and a degree-5 polynomial for 2^f on [-0.5, 0.5] (relative error
// below 6e-6). Written so that the compiler vectorises the loops it sits in.
inline float maxf(float a, float b) { return a > b ? a : b; }
inline float expNegative(float x) {
    const float t = maxf(x, -87.0f) * 1.44269504f;
    const float m = t + 12582912.0f;  // 1.5 * 2^23: t rounded to an integer lands in the low mantissa bits
    int32_t mi;
    std::memcpy(&mi, &m, sizeof mi);
    const float f = t - (m - 12582912.0f);
    const float p =
        1.0f + f * (0.693147182f + f * (0.240226507f + f * (0.0555041087f + f * (0.00961812911f + f * 0.00133335581f))));
    const int32_t bits = (mi - 0x4B400000 + 127) * (1 << 23);  // 2^round(t)
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

// Vertical patch sums (rows hs, hs + w, ...) turned into candidate weights.
RUSHES_HOT void patchWeights(const float* hs, int w, int ps, float invArea, float bias, float invH, float* out) {
    if (ps == 3) {
        const float* r0 = hs;
        const float* r1 = hs + w;
        const float* r2 = hs + 2 * w;
        for (int x = 0; x < w; ++x) out[x] = expNegative(-maxf((r0[x] + r1[x] + r2[x]) * invArea - bias, 0.0f) * invH);
        return;
    }
    for (int x = 0; x < w; ++x) {
        float a = 0;
        for (int i = 0; i < ps; ++i) a += hs[size_t(i) * size_t(w) + size_t(x)];
        out[x] = expNegative(-maxf(a * invArea - bias, 0.0f) * invH);
    }
}

// Adds one candidate's weighted colours (three planar rows) to the running sums.
RUSHES_HOT void accumulateRow(const float* __restrict wt, const float* __restrict c0, const float* __restrict c1,
                              const float* __restrict c2, float* __restrict s0, float* __restrict s1,
                              float* __restrict s2, float* __restrict ww, int w) {
    for (int x = 0; x < w; ++x) {
        const float v = wt[x];
        s0[x] += v * c0[x];
        s1[x] += v * c1[x];
        s2[x] += v * c2[x];
        ww[x] += v;
    }
}

// The 3x3-patch case of patchWeights and accumulateRow in one pass: the weights stay in registers.
RUSHES_HOT void weighAccumulate3(const float* __restrict hs, int w, float invArea, float bias, float invH,
                                 const float* __restrict c0, const float* __restrict c1, const float* __restrict c2,
                                 float* __restrict s0, float* __restrict s1, float* __restrict s2, float* __restrict ww) {
    const float* r0 = hs;
    const float* r1 = hs + w;
    const float* r2 = hs + 2 * w;
    for (int x = 0; x < w; ++x) {
        const float v = expNegative(-maxf((r0[x] + r1[x] + r2[x]) * invArea - bias, 0.0f) * invH);
        s0[x] += v * c0[x];
        s1[x] += v * c1[x];
        s2[x] += v * c2[x];
        ww[x] += v;
    }
}

// Every pixel becomes the weighted mean of its candidates: each frame of the aligned stack shifted
// by (dx, dy) step within the search radius, weighted by exp(-max(d - bias, 0) / h^2), d being the
// mean squared guide difference over the patch. Works on horizontal strips so that the
// per-candidate buffers stay in cache; strips run in parallel.
void nonLocalMean(const Stack& st, int searchRadius, int searchStep, int patchRadius, float bias, float invH,
                  cv::Mat& out) {
    const int w = out.cols, h = out.rows, pad = st.pad, pr = patchRadius, sr = searchRadius;
    const int rowsPerPlane = h + 2 * pad;
    const int ps = 2 * pr + 1;
    const float invArea = 1.0f / float(ps * ps);
    constexpr int kStrip = 16;
    const int strips = (h + kStrip - 1) / kStrip;
    cv::parallel_for_(cv::Range(0, strips), [&](const cv::Range& range) {
        const int dw = w + 2 * pr;
        const size_t plane = size_t(kStrip) * size_t(w);
        std::vector<float> d(size_t(kStrip + 2 * pr) * size_t(dw));   // squared differences
        std::vector<float> hs(size_t(kStrip + 2 * pr) * size_t(w));   // horizontal patch sums
        std::vector<float> wt(static_cast<size_t>(w));
        std::vector<float> sum(plane * 3), weight(plane);  // planar sums of the strip
        for (int strip = range.start; strip < range.end; ++strip) {
            const int y0 = strip * kStrip, rows = std::min(kStrip, h - y0);
            std::fill(sum.begin(), sum.end(), 0.0f);
            std::fill(weight.begin(), weight.end(), 0.0f);
            for (size_t k = 0; k < st.guide.size(); ++k) {
                const cv::Mat& g0 = st.guide[0];
                const cv::Mat& gk = st.guide[k];
                const cv::Mat& ck = st.colour[k];
                for (int sy = -sr; sy <= sr; ++sy) {
                    for (int sx = -sr; sx <= sr; ++sx) {
                        const int dx = sx * searchStep, dy = sy * searchStep;
                        for (int yy = 0; yy < rows + 2 * pr; ++yy) {
                            const int gy = y0 + yy - pr + pad;
                            const float* c = g0.ptr<float>(gy) + (pad - pr);
                            const float* o = gk.ptr<float>(gy + dy) + (pad - pr + dx);
                            float* dr = d.data() + size_t(yy) * size_t(dw);
                            rowDistances(c, o, dr, hs.data() + size_t(yy) * size_t(w), w, ps);
                        }
                        for (int yy = 0; yy < rows; ++yy) {
                            const float* h0 = hs.data() + size_t(yy) * size_t(w);
                            const int cy = y0 + yy + pad + dy, cx = pad + dx;
                            const float* c0 = planeRow(ck, 0, rowsPerPlane, cy) + cx;
                            const float* c1 = planeRow(ck, 1, rowsPerPlane, cy) + cx;
                            const float* c2 = planeRow(ck, 2, rowsPerPlane, cy) + cx;
                            const size_t at = size_t(yy) * size_t(w);
                            float* s0 = sum.data() + at;
                            float* s1 = sum.data() + plane + at;
                            float* s2 = sum.data() + 2 * plane + at;
                            if (ps == 3) {
                                weighAccumulate3(h0, w, invArea, bias, invH, c0, c1, c2, s0, s1, s2, weight.data() + at);
                            } else {
                                patchWeights(h0, w, ps, invArea, bias, invH, wt.data());
                                accumulateRow(wt.data(), c0, c1, c2, s0, s1, s2, weight.data() + at, w);
                            }
                        }
                    }
                }
            }
            for (int yy = 0; yy < rows; ++yy) {
                float* o = out.ptr<float>(y0 + yy);
                const size_t at = size_t(yy) * size_t(w);
                const float* s0 = sum.data() + at;
                const float* s1 = sum.data() + plane + at;
                const float* s2 = sum.data() + 2 * plane + at;
                const float* ww = weight.data() + at;
                for (int x = 0; x < w; ++x) {
                    const float inv = 1.0f / ww[x];  // >= 1: the centre candidate has weight 1
                    o[3 * x] = s0[x] * inv;
                    o[3 * x + 1] = s1[x] * inv;
                    o[3 * x + 2] = s2[x] * inv;
                }
            }
        }
    }, double(4 * std::max(1, cv::getNumThreads())));
    // Four chunks per thread (buffers are allocated per chunk): with one chunk per thread, a thread
    // held up by other work on the machine held up the whole frame; now the others take its share.
}

// The same mean with the project's OpenCL kernels; false when OpenCL cannot run it.
bool nonLocalMeanOpenCL(const Stack& st, int sr, int step, int pr, float bias, float invH, cv::Mat& out) {
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
        const int cstep = int(ck.step / sizeof(float));
        run.args(cv::ocl::KernelArg::PtrReadOnly(g0), cv::ocl::KernelArg::PtrReadOnly(gk),
                 int(g0.step / sizeof(float)), cv::ocl::KernelArg::PtrReadOnly(ck), cstep,
                 cstep * (h + 2 * st.pad), st.pad, w, h, sr, step, pr, bias, invH, 1.0f / float(ps * ps),
                 cv::ocl::KernelArg::PtrReadWrite(sum), cv::ocl::KernelArg::PtrReadWrite(weight),
                 int(k == 0));
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

namespace {
constexpr int kEstimateWidth = 640, kEstimateHeight = 400;
}  // namespace

std::string describeSearch(int searchRadius, int searchStep) {
    const int side = 2 * searchRadius + 1;
    char text[64];
    if (searchStep > 1)
        std::snprintf(text, sizeof text, "%dx%d search %d px apart", side, side, searchStep);
    else
        std::snprintf(text, sizeof text, "%dx%d search", side, side);
    return text;
}

// The spatial estimate reads grain at 2x2 and 4x4 block means only where the frame is wide enough
// that texture does not fill the flattest blocks, and how much strength grain needs depends on the
// picture as well as on the grain: blurred by 1 px, the best fixed strength was 1.0-1.5 times its
// deviation at 5 and 1.5-3 times at 25, across the four shared clips. A neighbour, aligned, tells
// both: their difference is noise without texture (so its block means can be read at any frame
// size), and it is an independent noisy look at the same picture, against which candidate strengths
// can be scored (as Noise2Noise trains on pairs of noisy images). See Denoise.h.
namespace {

// The centre frame's centred crop (working floats) and its neighbour - the next frame, else the one
// before - aligned onto it by whole pixels.
struct AlignedNeighbour {
    int target = -1;
    cv::Rect crop;
    cv::Mat f0, aligned;
};

// False (target -1) where the window has no neighbour to align, or frames of another size or type.
bool alignNeighbour(const std::vector<cv::Mat>& window, int center, AlignedNeighbour& al) {
    const cv::Mat& c = window[size_t(center)];
    int target = -1;  // the next frame, else the one before
    for (int t : {center + 1, center - 1})
        if (t >= 0 && t < int(window.size()) && window[size_t(t)].size() == c.size() &&
            window[size_t(t)].type() == c.type()) {
            target = t;
            break;
        }
    if (target < 0 || c.cols < 48 || c.rows < 32) return false;
    for (const cv::Mat& m : window)
        if (m.size() != c.size() || m.type() != c.type()) return false;
    // A centred crop of at most kEstimateWidth x kEstimateHeight keeps the cost of large frames down
    // (grain is a property of pixels, so a crop at full resolution reads it as the whole frame does).
    const int cw = std::min(c.cols, kEstimateWidth), ch = std::min(c.rows, kEstimateHeight);
    const cv::Rect crop((c.cols - cw) / 2, (c.rows - ch) / 2, cw, ch);
    const cv::Mat f0 = internal::toWorking(c(crop)), f1 = internal::toWorking(window[size_t(target)]);
    // The motion from the crop to the neighbour at full resolution (DIS with patches every 3 pixels and
    // 25 iterations, then the variational refinement): the strengths' scores below are biased towards
    // blurring by misalignment (a target shifted by random fractions of a pixel is a blurred picture on
    // average), and with the denoiser's own coarser flow (half resolution at 320x180) they chose twice
    // the best strength on PSR63 with grain of deviation 5.
    cv::Mat small, gray, g0, g1, flow;
    flowGray(f0, 1.0, small, gray, g0);
    flowGray(f1(crop), 1.0, small, gray, g1);
    internal::CpuFlowSettings fs;
    fs.patchStride = 3;
    fs.iterations = 25;
    internal::cpuFlow(g0, g1, flow, fs);
    internal::cpuRefine(g0, g1, flow);
    // The neighbour warped onto the crop by whole pixels: interpolation would low-pass its noise and
    // its picture (against the whole frame, so that motion may bring in what lies outside the crop).
    cv::Mat map(f0.size(), CV_32FC2), aligned;
    for (int y = 0; y < f0.rows; ++y) {
        const cv::Vec2f* v = flow.ptr<cv::Vec2f>(y);
        cv::Vec2f* m = map.ptr<cv::Vec2f>(y);
        for (int x = 0; x < f0.cols; ++x)
            m[x] =
                cv::Vec2f(std::round(float(crop.x + x) + v[x][0]), std::round(float(crop.y + y) + v[x][1]));
    }
    cv::remap(f1, aligned, map, cv::noArray(), cv::INTER_NEAREST, cv::BORDER_REPLICATE);
    al.target = target;
    al.crop = crop;
    al.f0 = f0;
    al.aligned = aligned;
    return true;
}

// Noise that grows with brightness, read from the crop's difference with its aligned neighbour: the
// offset c of a variance proportional to I + c (DenoiseSettings::shotOffset), or -1 where it does not
// grow clearly. Each channel's difference's variance per 8x8 block (texture-free where the alignment
// holds) against the channel's level in the block, all three channels together in bands of 16 levels;
// each band's median (robust to the blocks where the alignment fails), where it has 12 blocks or more
// and lies 2 sigma clear of 0 and 255 (clipping takes noise away near both ends: white noise of sigma
// 25 reads lower in a dark picture's shadows; a channel's levels reach further than the gray image's,
// and with 3 sigma the tests' photon noise of 29 at mid-grey kept too few bands). Channel by channel, as a
// sensor's photon noise grows with each channel's own level and stabilise() transforms each channel so: read
// on the gray image, a saturated colour's clipped channels sat at a level of their own (pure red is at 76 in
// gray), and testsrc2's full-range colours with photon noise of 29 at mid-grey read as uniform noise of 7.2.
// A line through the bands, weighted by their relative precision, gives the slope and the offset.
double shotNoiseOffset(const AlignedNeighbour& al) {
    constexpr int kBands = 16, bs = 8;
    std::vector<double> bandVar[kBands], bandLevel[kBands];
    for (int y = 0; y + bs <= al.f0.rows; y += bs)
        for (int x = 0; x + bs <= al.f0.cols; x += bs)
            for (int c = 0; c < 3; ++c) {
                double sum = 0, sumD = 0, sumD2 = 0;
                for (int j = 0; j < bs; ++j) {
                    const float* a = al.f0.ptr<float>(y + j) + 3 * x + c;
                    const float* b = al.aligned.ptr<float>(y + j) + 3 * x + c;
                    for (int i = 0; i < 3 * bs; i += 3) {
                        const double d = (double(a[i]) - double(b[i])) * M_SQRT1_2;
                        sum += double(a[i]) + double(b[i]);
                        sumD += d;
                        sumD2 += d * d;
                    }
                }
                const double n = bs * bs, level = sum / (2 * n);
                const double var = (sumD2 - sumD * sumD / n) / (n - 1);
                if (!std::isfinite(var) || !std::isfinite(level))
                    continue;  // NaN or infinity in a float frame
                const int band = std::clamp(int(level / 16), 0, kBands - 1);
                bandVar[band].push_back(var);
                bandLevel[band].push_back(level);
            }
    double sw = 0, swx = 0, swy = 0, swxx = 0, swxy = 0, lo = 1e9, hi = -1e9;
    int used = 0;
    for (int k = 0; k < kBands; ++k) {
        std::vector<double>& v = bandVar[k];
        if (v.size() < 12) continue;
        std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
        const double var = v[v.size() / 2], sd = std::sqrt(std::max(var, 0.0));
        double level = 0;
        for (double l : bandLevel[k]) level += l;
        level /= double(bandLevel[k].size());
        if (var <= 0 || level - 2 * sd < 0 || level + 2 * sd > 255) continue;
        const double w = double(v.size()) / (var * var);
        sw += w;
        swx += w * level;
        swy += w * var;
        swxx += w * level * level;
        swxy += w * level * var;
        lo = std::min(lo, level);
        hi = std::max(hi, level);
        ++used;
    }
    if (used < 3 || hi - lo < 64) return -1;
    const double det = sw * swxx - swx * swx;
    if (det <= 0) return -1;
    const double slope = (sw * swxy - swx * swy) / det, at0 = (swy - slope * swx) / sw;
    const auto varAt = [&](double level) { return at0 + slope * level; };
    // A sigma of 2.25 at mid-grey (1.5 in the gray image for independent channels, scaleEstimate), where
    // the shared clips' compression reads 0.6 to 2.3 by the frame's estimate; by this line, clean, their
    // first frames' channels read 0.3 to 1.4 (Dinky, its variance growing 3.2 times from 64 to 192).
    if (slope <= 0 || varAt(128) < 2.25 * 2.25 || varAt(192) < 1.75 * varAt(64)) return -1;
    return std::clamp(at0 / slope, 1.0, 512.0);
}

// estimateNoise for noise of one strength at every level (`settings.shotOffset` is not read): the
// frame's own estimate, then the neighbour's (`given`: the alignment made already, else made here).
NoiseEstimate uniformEstimate(const std::vector<cv::Mat>& window, int center, const DenoiseSettings& settings,
                              const AlignedNeighbour* given) {
    NoiseEstimate result;
    result.searchStep = settings.searchStep;
    const cv::Mat& c = window[size_t(center)];
    const double spatial = estimateNoiseSigma(c);
    result.sigma = spatial;
    AlignedNeighbour made;
    if (!given) {
        if (!alignNeighbour(window, center, made)) return result;
        given = &made;
    }
    const int target = given->target;
    const cv::Rect crop = given->crop;
    const cv::Mat &f0 = given->f0, &aligned = given->aligned;
    const int cw = crop.width, ch = crop.height;
    // The noise in the difference, at the scales the spatial estimate uses and 8x8 (scaled by the block
    // size, taken scale after scale while clearly above the finer one's, as there).
    const cv::Mat d = (f0 - aligned) * (1.0 / std::sqrt(2.0));
    const cv::Mat clipped = clippedMask(f0) | clippedMask(aligned);
    const double fine = scaleEstimate(d, clipped);
    const double temporal =
        followToCoarserScales(d, clipped, fine, 8, [](int, int w, int h) { return w >= 40 && h >= 24; });
    // Grain: the noise reads clearly stronger on block means than pixel by pixel (white noise reads
    // the same at every scale). Reported as grain only where the spaced search is taken for it below:
    // clean compressed footage reads so too (PSR63 at a sigma of 0.6: its blocks' artefacts).
    const bool grain = temporal > 1.25 * fine;
    // Strengths from 0.8 of the lower of the two estimates to the higher (1.25 times it where they
    // agree), each with the denoiser's search and with its candidates further apart
    // (DenoiseSettings::searchStep: grain's neighbouring pixels share their noise, so candidates two
    // pixels apart are more independent samples), denoise the crop from the window without the
    // neighbour. The result closest to the aligned neighbour (mean squared difference, away from the
    // crop's edges) wins: the neighbour's noise is independent of the result, so the closest result is
    // the one closest to the clean picture, up to the alignment's bias above.
    // Where the two agree on white noise under 10 (clean and lightly noisy footage), the spatial estimate
    // stands: scored, the tests' frames at sigma 2 and 5 lost 0.46 and 0.17 dB (the scores lean towards
    // more smoothing, the crop's window being a frame short). From 10 up, white noise is scored too: on
    // the synthetic-noise protocol at sigma 15 and 25 "auto" gained up to 0.52 dB (PSR63 at 15 took 11.6
    // instead of 15.4: 34.56 against 34.04 dB; flower at 25 the search 2 px apart: 35.13 against 34.71;
    // friday +0.04 and +0.09, Dinky +0.50 and +0.18), for 40-250 ms instead of 17-130 once a clip.
    const double lo = std::max(std::min(spatial, temporal), 0.05), hi = std::max(spatial, temporal);
    const bool disagree = hi > 1.25 * lo;
    if (temporal < 0.05 || (!disagree && !grain && spatial < 10)) return result;
    std::vector<cv::Mat> rest;
    int restCenter = 0;
    for (int i = 0; i < int(window.size()); ++i) {
        if (i == target) continue;
        if (i == center) restCenter = int(rest.size());
        rest.push_back(window[size_t(i)](crop));
    }
    const int band = std::min({8, cw / 8, ch / 8});
    const cv::Rect inner(band, band, cw - 2 * band, ch - 2 * band);
    const int bs = 16, bx = inner.width / bs, by = inner.height / bs;
    if (bx * by < 8) return result;
    // Each candidate's squared error per 16x16 block, so that a move away from the spatial estimate
    // and the denoiser's search needs a significant improvement: its mean block difference more than
    // two standard errors below zero (grain makes neighbouring errors alike, so whole blocks are the
    // samples). Measured: without it, friday with grain of deviation 5 blurred by 0.6 px moved from
    // 5.8 to 7.7 on a mean improvement of 0.04%, and lost 0.2 dB.
    auto blockErrors = [&](const cv::Mat& out) {
        cv::Mat diff = out(inner) - aligned(inner), sq, sum;
        cv::multiply(diff, diff, sq);
        cv::transform(sq, sum, cv::Matx13f(1, 1, 1));
        std::vector<double> e(size_t(bx * by));
        for (int j = 0; j < by; ++j)
            for (int i = 0; i < bx; ++i)
                e[size_t(j * bx + i)] = cv::mean(sum(cv::Rect(i * bs, j * bs, bs, bs)))[0];
        return e;
    };
    // Only blocks where the alignment holds are scored: there the crop itself differs from the aligned
    // neighbour by noise alone, alike from block to block (within 1.5 times the median block); where
    // motion was not followed it differs by more, and a blurred result scores better there. Measured:
    // on ffmpeg's testsrc2 pattern with moving detail and grain of deviation 14, all blocks chose
    // 14.6 and 27.4 dB; the aligned ones 9.4 and 29.0 dB (the grainy frames: 25.4; both with the 5x5
    // search that grain took before DenoiseSettings::searchStep).
    const std::vector<double> raw = blockErrors(f0);
    std::vector<double> sorted = raw;
    std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
    const double keepBelow = 1.5 * sorted[sorted.size() / 2];
    std::vector<char> keep(raw.size());
    for (size_t b = 0; b < raw.size(); ++b) keep[b] = raw[b] <= keepBelow;
    if (std::count(keep.begin(), keep.end(), 1) < 8) return result;
    // At most 7 strengths, evenly spaced in ratio (at most 25% apart while they fit), both ends included.
    const double from = 0.8 * lo, to = disagree ? hi : 1.25 * hi;
    const int steps = std::clamp(int(std::ceil(std::log(to / from) / std::log(1.25))), 1, 6);
    DenoiseSettings vs = settings;
    vs.backend = Backend::Cpu;  // the same strength whichever backend then runs
    std::vector<double> base;   // the spatial estimate's, with the settings' search
    // The mean over the aligned blocks of e - ref, and its standard error.
    auto change = [&keep](const std::vector<double>& e, const std::vector<double>& ref, double& se) {
        double sum = 0, sum2 = 0, n = 0;
        for (size_t b = 0; b < e.size(); ++b) {
            if (!keep[b]) continue;
            const double dv = e[b] - ref[b];
            sum += dv;
            sum2 += dv * dv;
            ++n;
        }
        const double mean = sum / n;
        se = std::sqrt(std::max(0.0, sum2 / n - mean * mean) / (n - 1));
        return mean;
    };
    std::vector<double> chosen;  // the errors of the result so far (empty: the spatial estimate's)
    // The search's candidates further apart, a pixel at a time while the last step won (at
    // most 3 more: 2, 3 and 4 px from the settings' 1), each step's best strength taken only where it
    // improves on the result so far by more than three standard errors. Coarser grain wants them
    // further apart: with grain blurred by 1 px, friday at deviation 15 and 25 gave 33.30 and 29.44 dB
    // at 2 px, 33.63 and 29.85 at 3 (SSIM 0.885 and 0.776 against 0.904 and 0.812); blurred by 2 px,
    // 31.13, 31.59 and 31.87 dB at 2, 3 and 4 px at deviation 15. Three, not two: the crop is denoised
    // without the neighbour, one frame short of the real window, which favours spatial averaging; flower
    // at 960x540 with grain of deviation 8 blurred by 1 px moved from 2 px to 3 at 2.8 standard errors
    // and lost 0.34 dB (37.51 against 37.85). On the shared clips' grain (1 px, at 5, 15 and 25) every
    // move that gained 0.1 dB or more cleared 4; Dinky at 5 (2 px at 2.0, +0.04 dB) now stays at 1.
    const int lastStep = settings.searchStep + 3;
    for (int step = settings.searchStep; step <= lastStep; ++step) {
        if (step > settings.searchStep + 1 && result.searchStep != step - 1) break;
        vs.searchStep = step;
        Denoiser den(vs);  // its buffers serve every strength tried with this search
        auto errorsAt = [&](double sigma, std::vector<double>& e) {
            auto r = den.denoise(rest, restCenter, sigma);
            if (!r.ok()) return false;
            e = blockErrors(r.value());
            return true;
        };
        if (base.empty() && !errorsAt(spatial, base)) return result;
        double best = 0, bestSigma = -1;  // this step's largest significant mean improvement over base
        std::vector<double> bestErrors;
        for (int k = 0; k <= steps; ++k) {
            const double sigma = from * std::pow(to / from, double(k) / steps);
            std::vector<double> e;
            if (!errorsAt(sigma, e)) return result;
            double se = 0;
            const double mean = change(e, base, se);
            if (mean < -2 * se && mean < best) {
                best = mean;
                bestSigma = sigma;
                bestErrors = std::move(e);
            }
        }
        if (bestSigma < 0) continue;
        if (step > settings.searchStep) {
            double se = 0;
            const double mean = change(bestErrors, chosen.empty() ? base : chosen, se);
            if (!(mean < -3 * se)) continue;
        }
        result.sigma = bestSigma;
        result.searchStep = step;
        chosen = std::move(bestErrors);
    }
    result.grain = grain && result.searchStep > settings.searchStep;
    return result;
}

}  // namespace

NoiseEstimate estimateNoise(const std::vector<cv::Mat>& window, int center, const DenoiseSettings& settings) {
    if (center < 0 || center >= int(window.size()) || window[size_t(center)].empty()) {
        NoiseEstimate none;
        none.searchStep = settings.searchStep;
        return none;
    }
    DenoiseSettings uniform = settings;
    uniform.shotOffset = -1;
    double offset = settings.shotOffset;
    if (offset < 0) {
        AlignedNeighbour al;
        const bool aligned = alignNeighbour(window, center, al);
        if (aligned) offset = shotNoiseOffset(al);
        if (offset < 0) return uniformEstimate(window, center, uniform, aligned ? &al : nullptr);
    }
    std::vector<cv::Mat> stable(window.size());
    for (size_t i = 0; i < window.size(); ++i)
        if (!window[i].empty()) stabilise(internal::toWorking(window[i]), offset, stable[i]);
    NoiseEstimate result = uniformEstimate(stable, center, uniform, nullptr);
    result.shotOffset = offset;
    return result;
}

struct Denoiser::Scratch {
    struct Slot {  // per neighbour, so that neighbours can be aligned in parallel
        cv::Ptr<cv::DISOpticalFlow> dis;
        cv::Mat small, gray, target, flow;
    };
    std::vector<Slot> slots;
    std::vector<cv::Mat> gray;  // per stack frame
    Stack stack;
    StageTimes times;

    // A frame known by its buffer, shape and content (a sparse fingerprint): the same buffer rewritten
    // in place is another frame.
    struct FrameKey {
        const uchar* data = nullptr;
        size_t step = 0;
        cv::Size size;
        int type = 0;
        uint64_t print = 0;
        static FrameKey of(const cv::Mat& m) {
            return {m.data, m.step, m.size(), m.type(), internal::sparseFingerprint(m)};
        }
        bool operator==(const FrameKey&) const = default;
    };
    // The device pipeline (DenoiseSettings::devicePipeline): frames kept on the device, known by
    // their FrameKey, the least recently used replaced.
    struct DeviceFrame {
        FrameKey key;  // data null: none
        double scale = 0;
        uint64_t used = 0;
        cv::UMat rgb, gray;  // the frame (working floats), and its flow image (8-bit values as floats)
        cv::UMat staging;    // a native frame on its way up
    };
    std::vector<DeviceFrame> deviceFrames;
    uint64_t uses = 0;
    // The window's frames stabilised (DenoiseSettings::shotOffset), known by their FrameKey as the
    // device's are: a clip denoised in order transforms each frame once, and the device pipeline finds
    // the same buffers again.
    struct StableFrame {
        FrameKey key;
        double offset = 0;
        cv::Mat stable;
    };
    std::vector<StableFrame> stableFrames;
    std::vector<cv::Mat> stableWindow(const std::vector<cv::Mat>& window, double offset);
    std::vector<cv::UMat> colour, guide;  // per stack frame, planar and padded as Stack's
    cv::UMat from, to, flows, sum, weight, out, outStage;
    internal::PinnedTransfers pinned;  // the host end of the frames' transfers
    bool hostOnly = false;  // denoise() on native frames converted after the device pipeline failed
    // One denoiseOnDevice call's frames: how they go up (DenoiseSettings::pinnedTransfers), whether
    // each step is waited for (syncStages), and where the time went - checking the window's frames
    // against those on the device, uploading the new ones, making their flow images.
    struct WindowFrames {
        internal::PinnedTransfers* transfers = nullptr;
        bool syncStages = false;
        double checkMs = 0, uploadMs = 0, grayMs = 0;
    };
    DeviceFrame* deviceFrame(const cv::Mat& m, double scale, size_t capacity, WindowFrames& call);
    cv::Mat denoiseOnDevice(const DenoiseSettings& settings, const std::vector<cv::Mat>& window, int center,
                            int first, int last, double scale, double sigma, int depth);
};

Denoiser::Scratch::DeviceFrame* Denoiser::Scratch::deviceFrame(const cv::Mat& m, double scale,
                                                               size_t capacity, WindowFrames& call) {
    // Grown only before a call takes pointers into it (the first frame of a window); shorter windows
    // at a clip's ends keep the frames already there.
    if (deviceFrames.size() < capacity) deviceFrames.resize(capacity);
    using Clock = std::chrono::steady_clock;
    auto since = [&call](Clock::time_point& t0) {  // ms since t0, the device waited for with syncStages
        if (call.syncStages) cv::ocl::finish();
        const Clock::time_point now = Clock::now();
        const double ms = std::chrono::duration<double, std::milli>(now - t0).count();
        t0 = now;
        return ms;
    };
    Clock::time_point t0 = Clock::now();
    const FrameKey key = FrameKey::of(m);
    for (DeviceFrame& f : deviceFrames)
        if (f.key == key && f.scale == scale) {
            f.used = ++uses;
            call.checkMs += since(t0);
            return &f;
        }
    DeviceFrame& f =
        *std::min_element(deviceFrames.begin(), deviceFrames.end(),
                          [](const DeviceFrame& x, const DeviceFrame& y) { return x.used < y.used; });
    f.key = {};
    call.checkMs += since(t0);
    if (!internal::uploadWorking(m, f.staging, f.rgb, call.transfers)) return nullptr;
    call.uploadMs += since(t0);
    cv::UMat small, gray, g8;
    flowGray(f.rgb, scale, small, gray, g8);  // as the host path makes them; floats for the kernels
    g8.convertTo(f.gray, CV_32F);
    call.grayMs += since(t0);
    f.key = key;
    f.scale = scale;
    f.used = ++uses;
    return &f;
}

cv::Mat Denoiser::Scratch::denoiseOnDevice(const DenoiseSettings& ds, const std::vector<cv::Mat>& window,
                                           int center, int first, int last, double scale, double sigma,
                                           int depth) {
    internal::StageClock clock(times);
    auto lap = [&](const char* name) {
        if (ds.syncStages) cv::ocl::finish();
        clock.lap(name);
    };
    WindowFrames call;
    call.transfers = pinned.ifWanted(ds.pinnedTransfers);
    call.syncStages = ds.syncStages;
    try {
        const size_t frames = size_t(last - first + 1);
        std::vector<DeviceFrame*> f(frames);
        for (int i = first; i <= last; ++i) {
            f[size_t(i - first)] = deviceFrame(window[size_t(i)], scale, frames + 1, call);
            if (!f[size_t(i - first)] || f[size_t(i - first)]->rgb.offset != 0) return {};
        }
        times.push_back({"frames checked (host)", call.checkMs});
        times.push_back({"upload (new frames)", call.uploadMs});
        times.push_back({"flow images (device)", call.grayMs});
        DeviceFrame* c = f[size_t(center - first)];
        std::vector<DeviceFrame*> order = {c};  // the stack: the centre frame first, then its neighbours
        for (DeviceFrame* p : f)
            if (p != c) order.push_back(p);
        const int n = int(order.size()) - 1;
        const int w = c->key.size.width, h = c->key.size.height, fw = c->gray.cols, fh = c->gray.rows;
        clock.restart();  // the stage's time is in the three entries above
        internal::DeviceQueue q;
        if (n > 0) {
            from.create(n * fh, fw, CV_32F);
            to.create(n * fh, fw, CV_32F);
            for (int k = 0; k < n; ++k) {
                cv::UMat a = from.rowRange(k * fh, (k + 1) * fh), b = to.rowRange(k * fh, (k + 1) * fh);
                c->gray.copyTo(a);
                order[size_t(k) + 1]->gray.copyTo(b);
            }
            // cv::DISOpticalFlow's presets (internal::disPreset, as the CPU path uses them) with two
            // changes. The search goes down to the flow resolution itself (ultrafast stops two levels
            // above it and upsamples): on the device that costs little, and on flower's synthetic-noise
            // frames (sigma 15, 17 frames) it gives 37.92 dB against 37.80 stopping where the CPU does
            // (CPU path 37.83); on tiny frames the coarse levels alone misjudge the motion. And
            // ultrafast places its patches 6 px apart instead of 4: with the flow at full resolution
            // that keeps the search's work near the CPU path's; 4 gave 37.99 dB on the same frames
            // (PoCL) for 2.25 times the patches. The refinement runs at the finest level only.
            internal::DeviceFlowSettings fs;
            const internal::DisPreset preset = internal::disPreset(ds.flowPreset);
            fs.patchSize = preset.patchSize;
            fs.patchStride = ds.flowPreset <= 0 ? 6 : preset.patchStride;
            fs.iterations = preset.iterations;
            fs.finestLevel = 0;
            fs.refine.fixedPointIterations = preset.refineIterations;
            // No propagation sweeps: on the synthetic-noise frames (sigma 15, 17 frames of each shared
            // clip) they moved the result -0.04 (flower) to +0.04 dB (Dinky) for 1.5x the flow work.
            fs.propagationSweeps = 0;
            if (!internal::flowsOnDevice(from, to, n, fw, fh, flows, fs)) return {};
        }
        lap("flows (device)");
        const int sr = ds.searchRadius, step = ds.searchStep, pr = ds.patchRadius, pad = stackPad(ds);
        const int pw = w + 2 * pad, ph = h + 2 * pad;
        colour.resize(order.size());
        guide.resize(order.size());
        const double guideSigma = sigma > 10 ? 0.8 : 0.0;  // as on the CPU path
        const cv::Mat gk = cv::getGaussianKernel(3, guideSigma > 0 ? guideSigma : 1.0, CV_32F);
        const float side = gk.at<float>(0), middle = gk.at<float>(1);
        const cv::ocl::Kernel align = internal::kernel("dn_align"), makeGuide = internal::kernel("dn_guide"),
                              reflect = internal::kernel("dn_reflect");
        for (size_t k = 0; k < order.size(); ++k) {
            colour[k].create(3 * ph, pw, CV_32F);
            guide[k].create(ph, pw, CV_32F);
            q.run(align, size_t(w), size_t(h), 1, order[k]->rgb, w, h, k == 0 ? order[k]->rgb : flows,
                  std::max(0, int(k) - 1), fw, fh, int(k > 0), pad, colour[k]);
            q.run(makeGuide, size_t(w), size_t(h), 1, colour[k], w, h, pad, int(guideSigma > 0), side, middle,
                  guide[k]);
            q.run(reflect, size_t(pw), size_t(ph), 3, colour[k], w, h, pad);
            q.run(reflect, size_t(pw), size_t(ph), 1, guide[k], w, h, pad);
        }
        lap("alignment, guides (device)");
        const double guideVar = (guideSigma > 0 ? 0.35 : 1.0) / 3.0;
        const double noiseVar = sigma * sigma * guideVar;
        const float bias = float(2.0 * noiseVar);
        const double kh = ds.strength * kStrength;
        const float invH = float(1.0 / std::max(1e-6, kh * kh * noiseVar));
        sum.create(h, 3 * w, CV_32F);
        weight.create(h, w, CV_32F);
        out.create(h, w, CV_32FC3);
        const cv::ocl::Kernel accumulate = internal::kernel("nlm_accumulate"),
                              normalise = internal::kernel("nlm_normalise");
        const int ps = 2 * pr + 1;
        for (size_t k = 0; k < order.size(); ++k)
            q.run(accumulate, size_t(w), size_t(h), 1, guide[0], guide[k], pw, colour[k], pw, pw * ph, pad, w,
                  h, sr, step, pr, bias, invH, 1.0f / float(ps * ps), sum, weight, int(k == 0));
        q.run(normalise, size_t(w), size_t(h), 1, sum, weight, out, 3 * w, w, h);
        if (!q.ok()) return {};
        lap("weighted mean (device)");
        cv::Mat result;
        if (!internal::downloadWorking(out, depth, outStage, result, call.transfers)) return {};
        clock.lap("download");
        return result;
    } catch (const cv::Exception&) {  // out of device memory, lost device: the host path
        return {};
    }
}

Denoiser::~Denoiser() = default;

const StageTimes& Denoiser::stageTimes() const {
    return m_scratch->times;
}

Denoiser::Denoiser(DenoiseSettings settings) : m_settings(settings), m_scratch(std::make_unique<Scratch>()) {
    if (m_settings.backend == Backend::Auto) m_settings.backend = resolveBackend(Backend::Auto);
    m_settings.searchRadius = std::max(0, m_settings.searchRadius);  // the buffers' border follows them
    m_settings.searchStep = std::max(1, m_settings.searchStep);
    m_settings.patchRadius = std::max(0, m_settings.patchRadius);
}

codecs::Result<cv::Mat> Denoiser::denoise(const std::vector<cv::Mat>& window, int center, double sigma,
                                          int depth) {
    if (window.empty() || center < 0 || center >= int(window.size()))
        return internal::makeError(
            {}, QT_TRANSLATE_NOOP("rushes::processing::Messages", "denoise: no frame to denoise"));
    const cv::Mat& c = window[size_t(center)];
    for (const cv::Mat& m : window) {
        if (m.size() != c.size())
            return internal::makeError({},
                                       QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                         "denoise: frame sizes differ inside the window"));
        if (!internal::isFrameType(m.type()) || m.type() != c.type())
            return internal::makeError(
                {}, QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                      "denoise: frames must be RGB of one type: 8-bit, 16-bit, "
                                      "half or float"));
    }
    if (sigma < 0) sigma = m_settings.sigma;
    DenoiseSettings run = m_settings;  // with an estimate's search and noise model
    if (sigma < 0) {
        const NoiseEstimate e = estimateNoise(window, center, m_settings);
        sigma = e.sigma;
        run.searchStep = e.searchStep;
        run.shotOffset = e.shotOffset;
    }
    if (!std::isfinite(sigma))
        return internal::makeError(
            {}, QT_TRANSLATE_NOOP("rushes::processing::Messages", "denoise: sigma is not a number"));
    if (!std::isfinite(run.shotOffset))
        return internal::makeError({}, QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                         "denoise: the shot noise offset is not a number"));
    if (!internal::isOutputDepth(depth)) depth = CV_32F;
    if (run.shotOffset < 0 || sigma < 0.05) return denoiseUniform(window, center, sigma, depth, run);
    // Noise that grows with brightness: denoised where it is uniform, then brought back, the square
    // root's bias added back (a / 4 for noise of variance a (I + c): sigma^2 / b^2 in stabilise()'s terms).
    // Only the frames the temporal radius reaches.
    const int first = std::max(0, center - m_settings.radius);
    const int last = std::min(int(window.size()) - 1, center + m_settings.radius);
    const std::vector<cv::Mat> reached(window.begin() + first, window.begin() + last + 1);
    const std::vector<cv::Mat> stable = m_scratch->stableWindow(reached, run.shotOffset);
    const double offset = run.shotOffset;
    run.shotOffset = -1;
    auto r = denoiseUniform(stable, center - first, sigma, CV_32F, run);
    if (!r.ok()) return r;
    const double b = Stabiliser(offset).b;
    cv::Mat out;
    unstabilise(r.value(), offset, sigma * sigma / (b * b), out);
    return internal::asDepth(out, depth);
}

std::vector<cv::Mat> Denoiser::Scratch::stableWindow(const std::vector<cv::Mat>& window, double offset) {
    std::vector<StableFrame> kept;
    std::vector<cv::Mat> out;
    for (const cv::Mat& m : window) {
        const FrameKey key = FrameKey::of(m);
        auto it = std::find_if(stableFrames.begin(), stableFrames.end(),
                               [&](const StableFrame& f) { return f.key == key && f.offset == offset; });
        StableFrame f;
        if (it != stableFrames.end()) {
            f = *it;
        } else {
            f = {key, offset, {}};
            stabilise(internal::toWorking(m), offset, f.stable);
        }
        out.push_back(f.stable);
        kept.push_back(std::move(f));
    }
    stableFrames = std::move(kept);  // the next window shares all but one
    return out;
}

codecs::Result<cv::Mat> Denoiser::denoiseUniform(const std::vector<cv::Mat>& window, int center, double sigma,
                                                 int depth, const DenoiseSettings& run) {
    const cv::Mat& c = window[size_t(center)];
    m_scratch->times.clear();
    internal::StageClock clock(m_scratch->times);
    if (sigma < 0.05) return internal::toDepth(c, depth);
    activateBackend(m_settings.backend);

    // Align the neighbours within the temporal radius.
    // Auto (0): a quarter of the frame, but at least 160 px wide up to half of it (960x540 at a
    // quarter instead of half: -0.05 to -0.08 dB on flower, about 10 ms less per frame; 640x480 at a
    // quarter instead of 0.375: -0.08/-0.05/-0.01 dB at sigma 5/15/25, about 10% less processor time).
    const double wanted = m_settings.flowScale > 0 ? m_settings.flowScale : std::clamp(160.0 / c.cols, 0.25, 0.5);
    const double scale = std::min(c.cols, c.rows) * wanted < 32 ? 1.0 : wanted;
    Scratch& sc = *m_scratch;
    // The stack lives in padded buffers (every candidate read stays inside them): the neighbours
    // are warped straight into their interiors, the centre frame is copied in.
    const int sr = run.searchRadius, step = run.searchStep, pr = run.patchRadius;
    Stack& st = sc.stack;
    st.pad = stackPad(run);
    const cv::Size padded(c.cols + 2 * st.pad, c.rows + 2 * st.pad);
    const cv::Rect interior(st.pad, st.pad, c.cols, c.rows);
    const int first = std::max(0, center - m_settings.radius);
    const int last = std::min(int(window.size()) - 1, center + m_settings.radius);
    if (m_settings.backend == Backend::OpenCL && m_settings.devicePipeline && !sc.hostOnly) {
        cv::Mat out = sc.denoiseOnDevice(run, window, center, first, last, scale, sigma, depth);
        if (!out.empty()) return out;
        sc.deviceFrames.clear();  // the kernels cannot run: the host path
    }
    if (c.type() != CV_32FC3) {  // the host path works on working frames
        std::vector<cv::Mat> working;
        for (const cv::Mat& m : window) working.push_back(internal::toWorking(m));
        struct HostOnly {
            bool& flag;
            ~HostOnly() { flag = false; }
        } hostOnly{sc.hostOnly = true};
        return denoiseUniform(working, center, sigma, depth, run);
    }
    st.colour.resize(size_t(last - first + 1));
    st.guide.resize(st.colour.size());
    const int rowsPerPlane = padded.height;
    for (cv::Mat& m : st.colour) m.create(3 * rowsPerPlane, padded.width, CV_32F);
    {
        cv::Mat planes[3];
        for (int p = 0; p < 3; ++p) planes[p] = st.colour[0].rowRange(p * rowsPerPlane, (p + 1) * rowsPerPlane)(interior);
        cv::split(c, planes);
    }
    if (first < last) {
        cv::Mat gc, graySmall, grayFloat;
        flowGray(c, scale, graySmall, grayFloat, gc);
        std::vector<int> neighbours;
        for (int i = first; i <= last; ++i)
            if (i != center) neighbours.push_back(i);
        sc.slots.resize(neighbours.size());
        // Flow and warp of one neighbour into stack slot j + 1.
        auto align = [&](size_t j) {
            Scratch::Slot& slot = sc.slots[j];
            if (!slot.dis) slot.dis = cv::DISOpticalFlow::create(m_settings.flowPreset);
            const cv::Mat& src = window[size_t(neighbours[j])];
            flowGray(src, scale, slot.small, slot.gray, slot.target);
            // DIS starts from the flow it is handed when that has the right size and type: the
            // previous call's flow (another pair of frames) would make each result depend on
            // which frame was denoised before.
            slot.flow.release();
            if (m_settings.projectFlow && m_settings.flowPreset <= 0 &&
                !(m_settings.backend == Backend::OpenCL && m_settings.deviceFlow)) {
                // The project's DIS (CpuFlow.h) with the ultrafast preset's settings.
                const internal::DisPreset preset = internal::disPreset(0);
                internal::CpuFlowSettings fs;
                fs.finestLevel = preset.finestLevel;
                fs.patchSize = preset.patchSize;
                fs.patchStride = preset.patchStride;
                fs.iterations = preset.iterations;
                internal::cpuFlow(gc, slot.target, slot.flow, fs);
            } else if (m_settings.backend == Backend::OpenCL && m_settings.deviceFlow) {
                cv::UMat uflow;
                slot.dis->calc(gc.getUMat(cv::ACCESS_READ), slot.target.getUMat(cv::ACCESS_READ), uflow);
                uflow.copyTo(slot.flow);
            } else {
                slot.dis->calc(gc, slot.target, slot.flow);
            }
            alignTo(src, slot.flow, scale, st.pad, st.colour[j + 1]);
        };
        // With no more threads than neighbours (2 cores), one neighbour per task: the small flows and
        // warps run whole on a thread instead of splitting each into many short parallel regions
        // (each a synchronisation, costly on a loaded machine); with deviceFlow, one neighbour's warp
        // (on the CPU) runs while another's flow runs on the device. With more threads, one neighbour
        // after the other, each using them all (a region nested in a task runs on one thread). Every
        // slot has its own DIS instance, so the result is the same either way.
        if (internal::splitIntoTasks(int(neighbours.size()))) {
            cv::parallel_for_(
                cv::Range(0, int(neighbours.size())),
                [&](const cv::Range& r) {
                    if (m_settings.backend == Backend::OpenCL)
                        activateBackend(Backend::OpenCL);  // per thread in OpenCV
                    for (int j = r.start; j < r.end; ++j) align(size_t(j));
                },
                double(neighbours.size()));
        } else {
            for (size_t j = 0; j < neighbours.size(); ++j) align(j);
        }
    }
    clock.lap("align neighbours");

    // Patch distances are measured on gray guides (noise variance sigma^2 / 3), lightly smoothed
    // at high noise levels, where raw patches are too noisy to tell similar from dissimilar.
    const double guideSigma = sigma > 10 ? 0.8 : 0.0;
    const double guideVar = (guideSigma > 0 ? 0.35 : 1.0) / 3.0;
    sc.gray.resize(st.colour.size());
    // One stack frame per task (each its own gray buffer).
    cv::parallel_for_(
        cv::Range(0, int(st.colour.size())),
        [&](const cv::Range& range) {
            for (int i = range.start; i < range.end; ++i) {
                cv::Mat& m = st.colour[size_t(i)];
                cv::Mat& gray = sc.gray[size_t(i)];
                gray.create(c.size(), CV_32F);
                // The gray guide with cv::COLOR_RGB2GRAY's weights, from the planes' interiors.
                for (int y = 0; y < c.rows; ++y) {
                    const float* r = planeRow(m, 0, rowsPerPlane, y + st.pad) + st.pad;
                    const float* g = planeRow(m, 1, rowsPerPlane, y + st.pad) + st.pad;
                    const float* b = planeRow(m, 2, rowsPerPlane, y + st.pad) + st.pad;
                    float* o = gray.ptr<float>(y);
                    for (int x = 0; x < c.cols; ++x) o[x] = 0.299f * r[x] + 0.587f * g[x] + 0.114f * b[x];
                }
                if (guideSigma > 0)
                    cv::GaussianBlur(gray, gray, cv::Size(3, 3), guideSigma, guideSigma, cv::BORDER_REFLECT);
                cv::copyMakeBorder(gray, st.guide[size_t(i)], st.pad, st.pad, st.pad, st.pad,
                                   cv::BORDER_REFLECT);
                for (int p = 0; p < 3; ++p) {
                    cv::Mat view = m.rowRange(p * rowsPerPlane, (p + 1) * rowsPerPlane);
                    if (c.cols >= st.pad && c.rows >= st.pad) {
                        reflectBorder(view, st.pad, 1);
                    } else {  // tinier than the border: let OpenCV reflect repeatedly
                        const cv::Mat inner = view(interior).clone();
                        cv::copyMakeBorder(inner, view, st.pad, st.pad, st.pad, st.pad, cv::BORDER_REFLECT);
                    }
                }
            }
        },
        double(st.colour.size()));
    clock.lap("guides, borders");
    const double noiseVar = sigma * sigma * guideVar;
    const float bias = float(2.0 * noiseVar);
    const double k = m_settings.strength * kStrength;
    const float invH = float(1.0 / std::max(1e-6, k * k * noiseVar));

    cv::Mat out(c.size(), CV_32FC3);
    if (m_settings.backend != Backend::OpenCL || !nonLocalMeanOpenCL(st, sr, step, pr, bias, invH, out))
        nonLocalMean(st, sr, step, pr, bias, invH, out);
    clock.lap(m_settings.backend == Backend::OpenCL ? "weighted mean (device, with transfers)"
                                                    : "weighted mean");
    return internal::asDepth(out, depth);
}

}  // namespace rushes::processing
