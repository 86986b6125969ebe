#pragma once
// Bilinear sampling with coordinates clamped to the image (edge pixels repeat).
#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/core.hpp>

namespace rushes::processing::internal {

struct Taps {
    int x0, x1, y0, y1;
    float fx, fy;
};

inline Taps taps(int w, int h, float x, float y) {
    x = std::clamp(x, 0.0f, float(w - 1));
    y = std::clamp(y, 0.0f, float(h - 1));
    Taps t;
    t.x0 = int(x);
    t.y0 = int(y);
    t.x1 = std::min(t.x0 + 1, w - 1);
    t.y1 = std::min(t.y0 + 1, h - 1);
    t.fx = x - float(t.x0);
    t.fy = y - float(t.y0);
    return t;
}

// Where output sample i of a line upsampled from n samples reads (scale = n / outputs), with
// pixel centres aligned as in cv::resize's INTER_LINEAR: samples i0 and i1, and i1's weight.
struct UpTap {
    int i0, i1;
    float f;
};
inline UpTap upsampleTap(int i, double scale, int n) {
    const double s = std::clamp((i + 0.5) * scale - 0.5, 0.0, double(n - 1));
    const int i0 = int(s);
    return {i0, std::min(i0 + 1, n - 1), float(s - i0)};
}
// The taps of a whole row, shared by all rows: two source offsets per output sample (sample
// index times `stride`, the values per source sample) and the second one's weight.
inline void upsampleRowTaps(int n, int outputs, int stride, std::vector<int>& offsets, std::vector<float>& weights) {
    offsets.resize(size_t(outputs) * 2);
    weights.resize(size_t(outputs));
    const double scale = double(n) / double(outputs);
    for (int x = 0; x < outputs; ++x) {
        const UpTap t = upsampleTap(x, scale, n);
        offsets[2 * size_t(x)] = stride * t.i0;
        offsets[2 * size_t(x) + 1] = stride * t.i1;
        weights[size_t(x)] = t.f;
    }
}

// Bilinear sample of a w x h image of V (float, cv::Vec2f ...) whose rows start `stepBytes` apart from
// `base`.
template <class V>
inline V sampleRows(const uchar* base, size_t stepBytes, int w, int h, float x, float y) {
    const Taps t = taps(w, h, x, y);
    const V* r0 = reinterpret_cast<const V*>(base + size_t(t.y0) * stepBytes);
    const V* r1 = reinterpret_cast<const V*>(base + size_t(t.y1) * stepBytes);
    const V top = r0[t.x0] + (r0[t.x1] - r0[t.x0]) * t.fx;
    const V bottom = r1[t.x0] + (r1[t.x1] - r1[t.x0]) * t.fx;
    return top + (bottom - top) * t.fy;
}
// The same on a packed buffer of w x h values.
template <class V>
inline V sampleRows(const std::vector<V>& packed, int w, int h, float x, float y) {
    return sampleRows<V>(reinterpret_cast<const uchar*>(packed.data()), size_t(w) * sizeof(V), w, h, x, y);
}

template <class V>
inline V sampleT(const cv::Mat& m, float x, float y) {
    return sampleRows<V>(m.data, m.step, m.cols, m.rows, x, y);
}

inline float sample1(const cv::Mat& m, float x, float y) { return sampleT<float>(m, x, y); }
inline cv::Vec2f sample2(const cv::Mat& m, float x, float y) { return sampleT<cv::Vec2f>(m, x, y); }
inline cv::Vec3f sample3(const cv::Mat& m, float x, float y) { return sampleT<cv::Vec3f>(m, x, y); }

}  // namespace rushes::processing::internal

namespace rushes::processing::internal {

// Catmull-Rom bicubic sample of a CV_32FC3 image: sharper than bilinear at half-pixel shifts,
// which is what interpolated frames mostly need.
inline cv::Vec3f sampleCubic3(const cv::Mat& m, float x, float y) {
    const int w = m.cols, h = m.rows;
    x = std::clamp(x, 0.0f, float(w - 1));
    y = std::clamp(y, 0.0f, float(h - 1));
    const int ix = int(x), iy = int(y);
    const float fx = x - float(ix), fy = y - float(iy);
    auto weights = [](float f, float* k) {
        const float f2 = f * f, f3 = f2 * f;
        k[0] = -0.5f * f3 + f2 - 0.5f * f;
        k[1] = 1.5f * f3 - 2.5f * f2 + 1.0f;
        k[2] = -1.5f * f3 + 2.0f * f2 + 0.5f * f;
        k[3] = 0.5f * f3 - 0.5f * f2;
    };
    float kx[4], ky[4];
    weights(fx, kx);
    weights(fy, ky);
    if (ix >= 1 && iy >= 1 && ix + 2 < w && iy + 2 < h) {  // inside: no clamping per tap
        cv::Vec3f acc(0, 0, 0);
        for (int j = 0; j < 4; ++j) {
            const float* row = m.ptr<float>(iy - 1 + j) + 3 * (ix - 1);
            float r0 = 0, r1 = 0, r2 = 0;
            for (int i = 0; i < 4; ++i) {
                r0 += row[3 * i] * kx[i];
                r1 += row[3 * i + 1] * kx[i];
                r2 += row[3 * i + 2] * kx[i];
            }
            acc[0] += r0 * ky[j];
            acc[1] += r1 * ky[j];
            acc[2] += r2 * ky[j];
        }
        return acc;
    }
    int xs[4];
    for (int i = 0; i < 4; ++i) xs[i] = std::clamp(ix - 1 + i, 0, w - 1);
    cv::Vec3f acc(0, 0, 0);
    for (int j = 0; j < 4; ++j) {
        const cv::Vec3f* row = m.ptr<cv::Vec3f>(std::clamp(iy - 1 + j, 0, h - 1));
        const cv::Vec3f r = row[xs[0]] * kx[0] + row[xs[1]] * kx[1] + row[xs[2]] * kx[2] + row[xs[3]] * kx[3];
        acc += r * ky[j];
    }
    return acc;
}

}  // namespace rushes::processing::internal

// Loops written for the vectoriser, compiled for AVX2 + FMA as well where GCC can pick the clone at
// load time (RUSHES_HOT), and helpers inlined into them so that they are compiled for each target too
// (RUSHES_INLINE).
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define RUSHES_HOT __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define RUSHES_HOT
#endif
#if defined(__GNUC__)
#define RUSHES_INLINE inline __attribute__((always_inline))
#else
#define RUSHES_INLINE inline
#endif

// AVX2 + FMA builds (x86-64 with GCC or Clang): RUSHES_AVX2 says a build has them, and every vector
// path of the operations (retime, flow, refinement, denoise) is compiled for them with RUSHES_AVX2_FN;
// cpuHasAvx2Fma says whether the processor runs such code, and bilinear8 below serves them.
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define RUSHES_AVX2 1
#define RUSHES_AVX2_FN __attribute__((target("avx2,fma")))

namespace rushes::processing::internal {

// Whether this processor has AVX2 and FMA, which every vector path of the operations needs (asked once).
inline bool cpuHasAvx2Fma() {
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}

// Bilinear samples of `ch` interleaved channels at eight positions, clamped to the image as
// internal::taps() clamps them and with the same arithmetic (no fused multiply-adds), so each lane
// holds exactly what sample1 / sample2 return.
struct Gather8 {
    const float* base;
    int step, ch, w, h;  // floats per row, channels, size
};
RUSHES_AVX2_FN inline void bilinear8(const Gather8& g, __m256 x, __m256 y, __m256* out) {
    const __m256 zero = _mm256_setzero_ps();
    // max(x, 0) first: a position that is not a number becomes 0.
    x = _mm256_min_ps(_mm256_max_ps(x, zero), _mm256_set1_ps(float(g.w - 1)));
    y = _mm256_min_ps(_mm256_max_ps(y, zero), _mm256_set1_ps(float(g.h - 1)));
    const __m256i ix = _mm256_cvttps_epi32(x), iy = _mm256_cvttps_epi32(y), one = _mm256_set1_epi32(1);
    const __m256 fx = _mm256_sub_ps(x, _mm256_cvtepi32_ps(ix)), fy = _mm256_sub_ps(y, _mm256_cvtepi32_ps(iy));
    const __m256i ix1 = _mm256_min_epi32(_mm256_add_epi32(ix, one), _mm256_set1_epi32(g.w - 1));
    const __m256i iy1 = _mm256_min_epi32(_mm256_add_epi32(iy, one), _mm256_set1_epi32(g.h - 1));
    const __m256i step = _mm256_set1_epi32(g.step), ch = _mm256_set1_epi32(g.ch);
    const __m256i r0 = _mm256_mullo_epi32(iy, step), r1 = _mm256_mullo_epi32(iy1, step);
    const __m256i c0 = _mm256_mullo_epi32(ix, ch), c1 = _mm256_mullo_epi32(ix1, ch);
    const __m256i i00 = _mm256_add_epi32(r0, c0), i01 = _mm256_add_epi32(r0, c1);
    const __m256i i10 = _mm256_add_epi32(r1, c0), i11 = _mm256_add_epi32(r1, c1);
    for (int c = 0; c < g.ch; ++c) {
        const float* b = g.base + c;
        const __m256 a = _mm256_i32gather_ps(b, i00, 4), bb = _mm256_i32gather_ps(b, i01, 4);
        const __m256 cc = _mm256_i32gather_ps(b, i10, 4), d = _mm256_i32gather_ps(b, i11, 4);
        const __m256 top = _mm256_add_ps(a, _mm256_mul_ps(_mm256_sub_ps(bb, a), fx));
        const __m256 bottom = _mm256_add_ps(cc, _mm256_mul_ps(_mm256_sub_ps(d, cc), fx));
        out[c] = _mm256_add_ps(top, _mm256_mul_ps(_mm256_sub_ps(bottom, top), fy));
    }
}
// Eight two-channel pixels (16 floats from p) split into their channels.
RUSHES_AVX2_FN inline void deinterleave8(const float* p, __m256& x, __m256& y) {
    const __m256 a = _mm256_loadu_ps(p), b = _mm256_loadu_ps(p + 8);
    // Per 128-bit half: x0 x1 x4 x5 | x2 x3 x6 x7, then the 64-bit pairs put in order.
    x = _mm256_castpd_ps(
        _mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0))), 0xD8));
    y = _mm256_castpd_ps(
        _mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1))), 0xD8));
}
inline Gather8 gather8(const cv::Mat& m) {
    return {m.ptr<float>(), int(m.step1()), m.channels(), m.cols, m.rows};
}

}  // namespace rushes::processing::internal
#endif
