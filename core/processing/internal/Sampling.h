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
// cpuHasAvx2Fma says whether the processor runs such code, and bilinear8x1 / bilinear8x2 below serve
// them.
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

// A map for the eight-lane bilinear samples below: rows of `w` pixels of `ch` interleaved floats.
struct Gather8 {
    const float* base;
    int step, ch, w, h;  // floats per row, channels, size
};
// The clamped positions of eight lanes, their bilinear fractions, and the offsets (in floats) of each
// lane's left pair of pixels in the two rows: from column min(x0, w - 2), so that both pixels of the
// pair lie in the row; `edge` marks the lanes at the right edge (x0 = w - 1), whose two taps are both
// the pair's right pixel, as the clamped x1 of internal::taps() is.
struct Taps8 {
    __m256 fx, fy;
    __m256 edge;
    alignas(32) int o[2][8];
};
RUSHES_AVX2_FN inline void taps8(const Gather8& g, __m256 x, __m256 y, Taps8& t) {
    const __m256 zero = _mm256_setzero_ps();
    // max(x, 0) first: a position that is not a number becomes 0.
    x = _mm256_min_ps(_mm256_max_ps(x, zero), _mm256_set1_ps(float(g.w - 1)));
    y = _mm256_min_ps(_mm256_max_ps(y, zero), _mm256_set1_ps(float(g.h - 1)));
    const __m256i ix = _mm256_cvttps_epi32(x), iy = _mm256_cvttps_epi32(y), one = _mm256_set1_epi32(1);
    t.fx = _mm256_sub_ps(x, _mm256_cvtepi32_ps(ix));
    t.fy = _mm256_sub_ps(y, _mm256_cvtepi32_ps(iy));
    const __m256i iy1 = _mm256_min_epi32(_mm256_add_epi32(iy, one), _mm256_set1_epi32(g.h - 1));
    const __m256i step = _mm256_set1_epi32(g.step), wm2 = _mm256_set1_epi32(g.w - 2);
    t.edge = _mm256_castsi256_ps(_mm256_cmpgt_epi32(ix, wm2));
    const __m256i col = _mm256_mullo_epi32(_mm256_min_epi32(ix, wm2), _mm256_set1_epi32(g.ch));
    _mm256_store_si256(reinterpret_cast<__m256i*>(t.o[0]),
                       _mm256_add_epi32(_mm256_mullo_epi32(iy, step), col));
    _mm256_store_si256(reinterpret_cast<__m256i*>(t.o[1]),
                       _mm256_add_epi32(_mm256_mullo_epi32(iy1, step), col));
}
// Two 128-bit loads (4 floats each: the pixels at lo and at hi) as one vector's two halves.
RUSHES_AVX2_FN inline __m256 loadHalves(const float* lo, const float* hi) {
    return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(lo)), _mm_loadu_ps(hi), 1);
}
// Bilinear samples of a two-channel map (a flow) at eight positions, clamped to the image as
// internal::taps() clamps them and with the same arithmetic (no fused multiply-adds), so each lane
// holds exactly what sample2 returns. Each lane's pair of pixels is four neighbouring floats in a row,
// loaded as one (gathers are slow). Needs a map at least 2 pixels wide.
RUSHES_AVX2_FN inline void bilinear8x2(const Gather8& g, __m256 x, __m256 y, __m256* out) {
    Taps8 t;
    taps8(g, x, y, t);
    __m256 left[2][2], right[2][2];  // [row][channel]
    for (int r = 0; r < 2; ++r) {
        const float* b = g.base;
        const int* k = t.o[r];
        // Each half of t_i: lane i's (or i + 4's) left u, v, right u, v.
        const __m256 t0 = loadHalves(b + k[0], b + k[4]), t1 = loadHalves(b + k[1], b + k[5]);
        const __m256 t2 = loadHalves(b + k[2], b + k[6]), t3 = loadHalves(b + k[3], b + k[7]);
        const __m256 s0 = _mm256_unpacklo_ps(t0, t1), s1 = _mm256_unpackhi_ps(t0, t1);  // uL0 uL1 vL0 vL1 ..
        const __m256 s2 = _mm256_unpacklo_ps(t2, t3), s3 = _mm256_unpackhi_ps(t2, t3);
        right[r][0] = _mm256_shuffle_ps(s1, s3, _MM_SHUFFLE(1, 0, 1, 0));
        right[r][1] = _mm256_shuffle_ps(s1, s3, _MM_SHUFFLE(3, 2, 3, 2));
        left[r][0] =
            _mm256_blendv_ps(_mm256_shuffle_ps(s0, s2, _MM_SHUFFLE(1, 0, 1, 0)), right[r][0], t.edge);
        left[r][1] =
            _mm256_blendv_ps(_mm256_shuffle_ps(s0, s2, _MM_SHUFFLE(3, 2, 3, 2)), right[r][1], t.edge);
    }
    for (int c = 0; c < 2; ++c) {
        const __m256 top =
            _mm256_add_ps(left[0][c], _mm256_mul_ps(_mm256_sub_ps(right[0][c], left[0][c]), t.fx));
        const __m256 bottom =
            _mm256_add_ps(left[1][c], _mm256_mul_ps(_mm256_sub_ps(right[1][c], left[1][c]), t.fx));
        out[c] = _mm256_add_ps(top, _mm256_mul_ps(_mm256_sub_ps(bottom, top), t.fy));
    }
}
// Two floats at f + i and two at f + j (64 bits each) as one 128-bit vector.
RUSHES_AVX2_FN inline __m128 loadTwoPairs(const float* f, int i, int j) {
    return _mm_castpd_ps(_mm_loadh_pd(_mm_load_sd(reinterpret_cast<const double*>(f + i)),
                                      reinterpret_cast<const double*>(f + j)));
}
// Eight lanes' pairs of neighbouring floats, lane i's from f + o[i], split into the left and the right
// float of each pair.
RUSHES_AVX2_FN inline void loadPairs8(const float* f, const int* o, __m256& left, __m256& right) {
    // Lanes 0 1 | 4 5 and 2 3 | 6 7, each lane's left and right floats side by side.
    const __m256 t0 = _mm256_insertf128_ps(_mm256_castps128_ps256(loadTwoPairs(f, o[0], o[1])),
                                           loadTwoPairs(f, o[4], o[5]), 1);
    const __m256 t1 = _mm256_insertf128_ps(_mm256_castps128_ps256(loadTwoPairs(f, o[2], o[3])),
                                           loadTwoPairs(f, o[6], o[7]), 1);
    left = _mm256_shuffle_ps(t0, t1, _MM_SHUFFLE(2, 0, 2, 0));
    right = _mm256_shuffle_ps(t0, t1, _MM_SHUFFLE(3, 1, 3, 1));
}
// The same for a one-channel map: each lane's pair is two neighbouring floats, loaded as one 64-bit
// element; what sample1 returns.
RUSHES_AVX2_FN inline __m256 bilinear8x1(const Gather8& g, __m256 x, __m256 y) {
    Taps8 t;
    taps8(g, x, y, t);
    __m256 rows[2];
    for (int r = 0; r < 2; ++r) {
        __m256 left, right;
        loadPairs8(g.base, t.o[r], left, right);
        left = _mm256_blendv_ps(left, right, t.edge);
        rows[r] = _mm256_add_ps(left, _mm256_mul_ps(_mm256_sub_ps(right, left), t.fx));
    }
    return _mm256_add_ps(rows[0], _mm256_mul_ps(_mm256_sub_ps(rows[1], rows[0]), t.fy));
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
