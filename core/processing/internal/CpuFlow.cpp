#include "processing/internal/CpuFlow.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "processing/internal/Sampling.h"

namespace rushes::processing::internal {
namespace {

struct Plane {
    int w = 0, h = 0;
    std::vector<float> v;
    float* row(int y) { return v.data() + size_t(y) * size_t(w); }
    const float* row(int y) const { return v.data() + size_t(y) * size_t(w); }
    float at(float x, float y) const { return sampleRows(v, w, h, x, y); }  // bilinear, clamped to the plane
};

// The patch's Gauss-Newton system: the mean-normalised structure tensor of its gradients.
struct PatchSystem {
    float hxx, hxy, hyy, det, sx, sy;
};

struct Vec2 {
    float x, y;
};

// A patch's flow with its cost and Gauss-Newton right-hand side there.
struct Fit {
    Vec2 u;
    float cost;
    Vec2 rhs;
};

struct Level {
    Plane i0, i1, gx, gy;          // the two images and the first one's gradients
    Plane i1p;                     // 8 x 8 patches: i1 with a border (padPlane)
    std::vector<cv::Vec2f> dense;  // the level's flow, w x h
    std::vector<Vec2> sparse;      // the patches' flows
    std::vector<Fit> fits;         // and the forward pass's, where the backward pass starts
    std::vector<PatchSystem> systems;  // and their Gauss-Newton systems
    std::vector<float> acc;            // densification sums
};

// An 8 x 8 patch's sums of differences d = I1(p + u) - I0(p) (d, d^2, Ix d, Iy d), with I1 read from
// `i1` (the patch's top-left source pixel) at the bilinear fractions fx, fy; rows `w` floats apart.
struct Sums {
    float sd, sdd, bx, by;
};
// A patch's gradient sums (sx, sy, sxx, sxy, syy), rows `w` floats apart.
struct GradientSums {
    float sx, sy, sxx, sxy, syy;
};
struct ScalarLanes {
    // The densified flow: each pixel's sums divided by their weight, interleaved (u, v).
    static RUSHES_INLINE void normalise(const float* ax, const float* ay, const float* total, float* uv,
                                        size_t n) {
        for (size_t o = 0; o < n; ++o) {
            uv[2 * o] = ax[o] / total[o];
            uv[2 * o + 1] = ay[o] / total[o];
        }
    }
    static RUSHES_INLINE GradientSums gradients(const float* gx, const float* gy, size_t w, int ps) {
        GradientSums g{0, 0, 0, 0, 0};
        for (int dy = 0; dy < ps; ++dy) {
            const float* gxr = gx + size_t(dy) * w;
            const float* gyr = gy + size_t(dy) * w;
            for (int dx = 0; dx < ps; ++dx) {
                g.sx += gxr[dx];
                g.sy += gyr[dx];
                g.sxx += gxr[dx] * gxr[dx];
                g.sxy += gxr[dx] * gyr[dx];
                g.syy += gyr[dx] * gyr[dx];
            }
        }
        return g;
    }
    static RUSHES_INLINE Sums sums(const float* i1, size_t w1, const float* t0, const float* gx,
                                   const float* gy, size_t w, float fx, float fy) {
        float sd[8] = {}, sdd[8] = {}, bx[8] = {}, by[8] = {}, prev[8], cur[8];
        for (int c = 0; c < 8; ++c) prev[c] = i1[c] + (i1[c + 1] - i1[c]) * fx;
        for (int dy = 0; dy < 8; ++dy) {
            const float* r = i1 + size_t(dy + 1) * w1;
            const size_t o = size_t(dy) * w;
            for (int c = 0; c < 8; ++c) {
                cur[c] = r[c] + (r[c + 1] - r[c]) * fx;
                const float d = prev[c] + (cur[c] - prev[c]) * fy - t0[o + size_t(c)];
                sd[c] += d;
                sdd[c] += d * d;
                bx[c] += gx[o + size_t(c)] * d;
                by[c] += gy[o + size_t(c)] * d;
                prev[c] = cur[c];
            }
        }
        Sums t{0, 0, 0, 0};
        for (int c = 0; c < 8; ++c) {
            t.sd += sd[c];
            t.sdd += sdd[c];
            t.bx += bx[c];
            t.by += by[c];
        }
        return t;
    }
    // An 8 x 8 patch's densification: each pixel's weight c = 1 / max(1, |d|) added to `total`, c u to ax,
    // ay.
    static RUSHES_INLINE void densify(const float* i1, size_t w1, const float* t0, size_t w, float fx,
                                      float fy, float ux, float uy, float* ax, float* ay, float* total) {
        for (int dy = 0; dy < 8; ++dy) {
            const float* r0 = i1 + size_t(dy) * w1;
            const float* r1 = r0 + w1;
            const size_t o = size_t(dy) * w;
            for (int c = 0; c < 8; ++c) {
                const float top = r0[c] + (r0[c + 1] - r0[c]) * fx, bottom = r1[c] + (r1[c + 1] - r1[c]) * fx;
                const float d = top + (bottom - top) * fy - t0[o + size_t(c)];
                const float k = 1.0f / std::max(1.0f, std::abs(d));
                ax[o + size_t(c)] += k * ux;
                ay[o + size_t(c)] += k * uy;
                total[o + size_t(c)] += k;
            }
        }
    }
};
#if RUSHES_AVX2
RUSHES_AVX2_FN inline float hsum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}
// The lane sums of four vectors at once, in `out` (3 horizontal adds and one 128-bit add where four
// hsums take 12 shuffles and adds); pairs of neighbouring lanes first, another order than hsum's.
RUSHES_AVX2_FN inline void hsum4(__m256 a, __m256 b, __m256 c, __m256 d, float* out) {
    const __m256 ab = _mm256_hadd_ps(a, b);  // a01 a23 b01 b23 | a45 a67 b45 b67
    const __m256 cd = _mm256_hadd_ps(c, d);
    const __m256 abcd = _mm256_hadd_ps(ab, cd);  // a0123 b0123 c0123 d0123 | the same of lanes 4..7
    _mm_storeu_ps(out, _mm_add_ps(_mm256_castps256_ps128(abcd), _mm256_extractf128_ps(abcd, 1)));
}
// Eight pixels of a row of I1 (`r`) lerped horizontally at fx.
RUSHES_AVX2_FN inline __m256 rowAt(const float* r, __m256 fx) {
    const __m256 a = _mm256_loadu_ps(r);
    return _mm256_fmadd_ps(_mm256_sub_ps(_mm256_loadu_ps(r + 1), a), fx, a);
}
// A patch row's differences I1 - I0: `above` holds I1's row above lerped horizontally (rowAt) and
// becomes the row `below`'s; `t0` is I0's row.
RUSHES_AVX2_FN inline __m256 difference(const float* below, const float* t0, __m256 fx, __m256 fy,
                                        __m256& above) {
    const __m256 cur = rowAt(below, fx);
    const __m256 d =
        _mm256_sub_ps(_mm256_fmadd_ps(_mm256_sub_ps(cur, above), fy, above), _mm256_loadu_ps(t0));
    above = cur;
    return d;
}
struct Avx2Lanes {
    static RUSHES_AVX2_FN inline void normalise(const float* ax, const float* ay, const float* total,
                                                float* uv, size_t n) {
        size_t o = 0;
        for (; o + 8 <= n; o += 8) {
            const __m256 t = _mm256_loadu_ps(total + o);
            const __m256 u = _mm256_div_ps(_mm256_loadu_ps(ax + o), t),
                         v = _mm256_div_ps(_mm256_loadu_ps(ay + o), t);
            const __m256 lo = _mm256_unpacklo_ps(u, v),
                         hi = _mm256_unpackhi_ps(u, v);  // u0 v0 u1 v1 u4 v4 u5 v5, ...
            _mm256_storeu_ps(uv + 2 * o, _mm256_permute2f128_ps(lo, hi, 0x20));
            _mm256_storeu_ps(uv + 2 * o + 8, _mm256_permute2f128_ps(lo, hi, 0x31));
        }
        ScalarLanes::normalise(ax + o, ay + o, total + o, uv + 2 * o, n - o);
    }
    // Eight lanes a row, then each sum's lanes added (hsum): another order than the scalar loop's.
    static RUSHES_AVX2_FN inline GradientSums gradients(const float* gx, const float* gy, size_t w, int) {
        __m256 sx = _mm256_setzero_ps(), sy = sx, sxx = sx, sxy = sx, syy = sx;
        for (int dy = 0; dy < 8; ++dy) {
            const __m256 x = _mm256_loadu_ps(gx + size_t(dy) * w), y = _mm256_loadu_ps(gy + size_t(dy) * w);
            sx = _mm256_add_ps(sx, x);
            sy = _mm256_add_ps(sy, y);
            sxx = _mm256_fmadd_ps(x, x, sxx);
            sxy = _mm256_fmadd_ps(x, y, sxy);
            syy = _mm256_fmadd_ps(y, y, syy);
        }
        alignas(16) float t[4];
        hsum4(sx, sy, sxx, sxy, t);
        return {t[0], t[1], t[2], t[3], hsum(syy)};
    }
    static RUSHES_AVX2_FN inline Sums sums(const float* i1, size_t w1, const float* t0, const float* gx,
                                           const float* gy, size_t w, float fx, float fy) {
        const __m256 vfx = _mm256_set1_ps(fx), vfy = _mm256_set1_ps(fy);
        __m256 prev = rowAt(i1, vfx);
        __m256 sd = _mm256_setzero_ps(), sdd = sd, bx = sd, by = sd;
        for (int dy = 0; dy < 8; ++dy) {
            const size_t o = size_t(dy) * w;
            const __m256 d = difference(i1 + size_t(dy + 1) * w1, t0 + o, vfx, vfy, prev);
            sd = _mm256_add_ps(sd, d);
            sdd = _mm256_fmadd_ps(d, d, sdd);
            bx = _mm256_fmadd_ps(_mm256_loadu_ps(gx + o), d, bx);
            by = _mm256_fmadd_ps(_mm256_loadu_ps(gy + o), d, by);
        }
        alignas(16) float t[4];
        hsum4(sd, sdd, bx, by, t);
        return {t[0], t[1], t[2], t[3]};
    }
    static RUSHES_AVX2_FN inline void densify(const float* i1, size_t w1, const float* t0, size_t w, float fx,
                                              float fy, float ux, float uy, float* ax, float* ay,
                                              float* total) {
        const __m256 vfx = _mm256_set1_ps(fx), vfy = _mm256_set1_ps(fy), vux = _mm256_set1_ps(ux);
        const __m256 vuy = _mm256_set1_ps(uy), one = _mm256_set1_ps(1.0f);
        const __m256 sign = _mm256_set1_ps(-0.0f);
        __m256 prev = rowAt(i1, vfx);
        for (int dy = 0; dy < 8; ++dy) {
            const size_t o = size_t(dy) * w;
            const __m256 d = difference(i1 + size_t(dy + 1) * w1, t0 + o, vfx, vfy, prev);
            const __m256 k = _mm256_div_ps(one, _mm256_max_ps(one, _mm256_andnot_ps(sign, d)));
            _mm256_storeu_ps(ax + o, _mm256_fmadd_ps(k, vux, _mm256_loadu_ps(ax + o)));
            _mm256_storeu_ps(ay + o, _mm256_fmadd_ps(k, vuy, _mm256_loadu_ps(ay + o)));
            _mm256_storeu_ps(total + o, _mm256_add_ps(k, _mm256_loadu_ps(total + o)));
        }
    }
};
#endif

// The second image with a border of kPad pixels all round, each the nearest edge pixel: the 9 x 9
// source pixels of an 8 x 8 patch then lie in it wherever its flow moves it (sourceBlock), and give
// the samples that clamping each sample's position to the image gives (Plane::at): a tap outside
// repeats the edge pixel, and a sample between two equal taps is that pixel. Patches pushed past an
// edge then cost what the others do (they took a scalar bilinear sample per pixel: at 160 x 90, 8% of
// the evaluations and most of the search's time).
constexpr int kPad = 16;
void padPlane(const Plane& src, Plane& dst) {
    const int w = src.w, h = src.h;
    dst.w = w + 2 * kPad;
    dst.h = h + 2 * kPad;
    dst.v.resize(size_t(dst.w) * size_t(dst.h));
    cv::Mat out(dst.h, dst.w, CV_32F, dst.v.data());
    cv::copyMakeBorder(cv::Mat(h, w, CV_32F, const_cast<float*>(src.v.data())), out, kPad, kPad, kPad, kPad,
                       cv::BORDER_REPLICATE);
}
// Where the patch's source pixels start in the padded image (row stride padded.w): from (flx, fly),
// each clamped to the border (further out, every tap is the edge pixel anyway).
inline const float* sourceBlock(const Plane& padded, float flx, float fly) {
    const float hiX = float(padded.w - kPad - 9), hiY = float(padded.h - kPad - 9);
    const int x0 = int(std::clamp(flx, -float(kPad), hiX)), y0 = int(std::clamp(fly, -float(kPad), hiY));
    return padded.row(y0 + kPad) + (x0 + kPad);
}

// The mean-normalised sum of squared differences of the patch at (px, py) moved by u, and the
// Gauss-Newton right-hand side (gradient-weighted differences less their means).
template <int PS, class Lanes>
RUSHES_INLINE float patchCostFixed(const Level& L, int px, int py, int ps, Vec2 u, const PatchSystem& S,
                                   Vec2& rhs) {
    const float x = float(px) + u.x, y = float(py) + u.y;
    if constexpr (PS == 8) {
        // The whole patch shares one pair of bilinear weights (its source pixels: sourceBlock).
        const float flx = std::floor(x), fly = std::floor(y);
        const size_t w = size_t(L.i0.w), o = size_t(py) * w + size_t(px);
        Sums t = Lanes::sums(sourceBlock(L.i1p, flx, fly), size_t(L.i1p.w), L.i0.v.data() + o,
                             L.gx.v.data() + o, L.gy.v.data() + o, w, x - flx, y - fly);
        const float nn = float(PS * PS);
        rhs = {t.bx - S.sx * t.sd / nn, t.by - S.sy * t.sd / nn};
        return t.sdd - t.sd * t.sd / nn;
    } else {
        float sd = 0, sdd = 0, bx = 0, by = 0;
        for (int dy = 0; dy < ps; ++dy) {
            const float* t0 = L.i0.row(py + dy) + px;
            const float* gxr = L.gx.row(py + dy) + px;
            const float* gyr = L.gy.row(py + dy) + px;
            for (int dx = 0; dx < ps; ++dx) {
                const float d = L.i1.at(x + float(dx), y + float(dy)) - t0[dx];
                sd += d;
                sdd += d * d;
                bx += gxr[dx] * d;
                by += gyr[dx] * d;
            }
        }
        const float nn = float(ps * ps);
        rhs = {bx - S.sx * sd / nn, by - S.sy * sd / nn};
        return sdd - sd * sd / nn;
    }
}

template <int PS, class Lanes>
RUSHES_INLINE PatchSystem patchSystem(const Level& L, int px, int py, int ps) {
    const size_t o = size_t(py) * size_t(L.gx.w) + size_t(px);
    const GradientSums g =
        PS == 8 ? Lanes::gradients(L.gx.v.data() + o, L.gy.v.data() + o, size_t(L.gx.w), ps)
                : ScalarLanes::gradients(L.gx.v.data() + o, L.gy.v.data() + o, size_t(L.gx.w), ps);
    const float sx = g.sx, sy = g.sy, sxx = g.sxx, sxy = g.sxy, syy = g.syy;
    const float n = float(ps * ps);
    PatchSystem S;
    S.hxx = sxx - sx * sx / n;
    S.hxy = sxy - sx * sy / n;
    S.hyy = syy - sy * sy / n;
    S.det = S.hxx * S.hyy - S.hxy * S.hxy;
    if (std::abs(S.det) < 1e-3f) S.det = 1e-3f;
    S.sx = sx;
    S.sy = sy;
    return S;
}

template <int PS, class Lanes>
RUSHES_INLINE Fit fitAt(const Level& L, int px, int py, int ps, const PatchSystem& S, Vec2 u) {
    Fit f{u, 0, {0, 0}};
    f.cost = patchCostFixed<PS, Lanes>(L, px, py, ps, u, S, f.rhs);
    return f;
}

// Gauss-Newton steps from `from`; a step that does not lower the cost is halved from the best point so
// far. `iterations` counts the costs evaluated, from's included. A result further than a patch size
// from `from` is dropped. The result keeps its cost, so the next pass need not evaluate it again.
template <int PS, class Lanes>
RUSHES_INLINE Fit descend(const Level& L, int px, int py, int ps, const PatchSystem& S, const Fit& from,
                          int iterations, float minStep2) {
    Vec2 u = from.u, rhs = from.rhs, step{0, 0};
    Fit best = from;
    float bestCost = std::numeric_limits<float>::infinity();
    for (int it = 0; it < iterations; ++it) {
        const float c = it == 0 ? from.cost : patchCostFixed<PS, Lanes>(L, px, py, ps, u, S, rhs);
        if (!(c < bestCost)) {
            step.x *= 0.5f;
            step.y *= 0.5f;
            if (step.x * step.x + step.y * step.y < minStep2) break;
            u = {best.u.x - step.x, best.u.y - step.y};
            continue;
        }
        bestCost = c;
        best = {u, c, rhs};
        step = {(S.hyy * rhs.x - S.hxy * rhs.y) / S.det, (S.hxx * rhs.y - S.hxy * rhs.x) / S.det};
        if (step.x * step.x + step.y * step.y < minStep2) break;
        u = {best.u.x - step.x, best.u.y - step.y};
    }
    const float dx = best.u.x - from.u.x, dy = best.u.y - from.u.y;
    return std::sqrt(dx * dx + dy * dy) > float(ps) ? from : best;
}

// Descends from whichever of `start` and the candidates fits the patch best.
template <int PS, class Lanes>
RUSHES_INLINE Fit bestThenDescend(const Level& L, int px, int py, int ps, const PatchSystem& S, Fit start,
                                  const Vec2* candidates, int n, int iterations, float minStep2) {
    for (int i = 0; i < n; ++i) {
        const Fit c = fitAt<PS, Lanes>(L, px, py, ps, S, candidates[i]);
        if (c.cost < start.cost) start = c;
    }
    return descend<PS, Lanes>(L, px, py, ps, S, start, iterations, minStep2);
}

// Sobel gradients of rows above (rm), at (r) and below (rp) at columns xm, x, xp.
RUSHES_INLINE void sobel(const float* rm, const float* r, const float* rp, int xm, int x, int xp, float* ox,
                         float* oy) {
    *ox = ((rm[xp] - rm[xm]) + 2.0f * (r[xp] - r[xm]) + (rp[xp] - rp[xm])) * 0.125f;
    *oy = ((rp[xm] - rm[xm]) + 2.0f * (rp[x] - rm[x]) + (rp[xp] - rm[xp])) * 0.125f;
}

// Sobel gradients divided by 8 (derivatives per pixel), borders reflected (BORDER_REFLECT_101); the
// columns inside the borders in one plain loop, which the compiler vectorises (the products by 2 are
// exact, so fused multiply-adds give the same values).
RUSHES_HOT void gradients(const Plane& img, Plane& gx, Plane& gy) {
    const int w = img.w, h = img.h;
    gx.w = gy.w = w;
    gx.h = gy.h = h;
    gx.v.resize(size_t(w) * size_t(h));
    gy.v.resize(size_t(w) * size_t(h));
    auto reflect = [](int i, int n) { return i < 0 ? std::min(1, n - 1) : i >= n ? std::max(n - 2, 0) : i; };
    for (int y = 0; y < h; ++y) {
        const float* rm = img.row(reflect(y - 1, h));
        const float* r = img.row(y);
        const float* rp = img.row(reflect(y + 1, h));
        float* __restrict ox = gx.row(y);
        float* __restrict oy = gy.row(y);
        for (int x = 1; x + 1 < w; ++x) sobel(rm, r, rp, x - 1, x, x + 1, ox + x, oy + x);
        for (const int x : {0, w - 1})
            sobel(rm, r, rp, reflect(x - 1, w), x, reflect(x + 1, w), ox + x, oy + x);
    }
}

// One level's inverse search and densification. `coarse` is the level above (null at the top).
template <int PS, class Lanes>
RUSHES_INLINE void searchLevelT(Level& L, const Level* coarse, int ps, int stride, int iterations,
                                float minStep2) {
    const int w = L.i0.w, h = L.i0.h;
    const int ws = patchCount(w, ps, stride), hs = patchCount(h, ps, stride);
    std::vector<PatchSystem>& systems = L.systems;
    systems.resize(size_t(ws) * size_t(hs));
    std::vector<Vec2>& sparse = L.sparse;
    sparse.resize(systems.size());
    std::vector<Fit>& fits = L.fits;
    fits.resize(systems.size());
    const int forward = std::max(1, iterations / 2), backward = std::max(1, iterations - forward);
    // Forward pass, in scan order: the coarser level's flow at the patch's centre, or the left or
    // upper neighbour's, whichever fits best.
    for (int j = 0; j < hs; ++j) {
        for (int i = 0; i < ws; ++i) {
            const int px = patchAt(i, w, ps, stride), py = patchAt(j, h, ps, stride);
            const size_t k = size_t(j) * size_t(ws) + size_t(i);
            const PatchSystem S = systems[k] = patchSystem<PS, Lanes>(L, px, py, ps);
            Vec2 u{0, 0};
            if (coarse) {
                const int cw = coarse->i0.w, ch = coarse->i0.h;
                const float rx = float(cw) / float(w), ry = float(ch) / float(h);
                const float cx = float(px) + 0.5f * float(ps), cy = float(py) + 0.5f * float(ps);
                const cv::Vec2f v = sampleRows(coarse->dense, cw, ch, cx * rx - 0.5f, cy * ry - 0.5f);
                u = {v[0] / rx, v[1] / ry};
            }
            Vec2 candidates[2];
            int n = 0;
            if (i > 0) candidates[n++] = sparse[k - 1];
            if (j > 0) candidates[n++] = sparse[k - size_t(ws)];
            const Fit f = bestThenDescend<PS, Lanes>(L, px, py, ps, S, fitAt<PS, Lanes>(L, px, py, ps, S, u),
                                                     candidates, n, forward, minStep2);
            sparse[k] = f.u;
            fits[k] = f;
        }
    }
    // Backward pass: its own flow, or the right or lower neighbour's.
    for (int j = hs - 1; j >= 0; --j) {
        for (int i = ws - 1; i >= 0; --i) {
            const int px = patchAt(i, w, ps, stride), py = patchAt(j, h, ps, stride);
            const size_t k = size_t(j) * size_t(ws) + size_t(i);
            const PatchSystem& S = systems[k];
            Vec2 candidates[2];
            int n = 0;
            if (i + 1 < ws) candidates[n++] = sparse[k + 1];
            if (j + 1 < hs) candidates[n++] = sparse[k + size_t(ws)];
            sparse[k] =
                bestThenDescend<PS, Lanes>(L, px, py, ps, S, fits[k], candidates, n, backward, minStep2).u;
        }
    }
    // Densification: each patch adds its flow to the pixels it covers (patchAt's grid covers every
    // pixel), weighted by how well it explains each; 8 x 8 patches 8 lanes wide.
    const size_t np = size_t(w) * size_t(h);
    std::vector<float>& acc = L.acc;
    acc.assign(3 * np, 0.0f);
    float *ax = acc.data(), *ay = ax + np, *total = ay + np;
    for (int j = 0; j < hs; ++j) {
        for (int i = 0; i < ws; ++i) {
            const Vec2 u = sparse[size_t(j) * size_t(ws) + size_t(i)];
            const int px = patchAt(i, w, ps, stride), py = patchAt(j, h, ps, stride);
            if constexpr (PS == 8) {
                const float x = float(px) + u.x, y = float(py) + u.y, flx = std::floor(x),
                            fly = std::floor(y);
                const size_t o = size_t(py) * size_t(w) + size_t(px);
                Lanes::densify(sourceBlock(L.i1p, flx, fly), size_t(L.i1p.w), L.i0.v.data() + o, size_t(w),
                               x - flx, y - fly, u.x, u.y, ax + o, ay + o, total + o);
                continue;
            }
            for (int y = py; y < py + ps; ++y) {
                const float* t0 = L.i0.row(y);
                for (int x = px; x < px + ps; ++x) {
                    const float d = L.i1.at(float(x) + u.x, float(y) + u.y) - t0[x];
                    const float c = 1.0f / std::max(1.0f, std::abs(d));
                    const size_t o = size_t(y) * size_t(w) + size_t(x);
                    ax[o] += c * u.x;
                    ay[o] += c * u.y;
                    total[o] += c;
                }
            }
        }
    }
    L.dense.resize(np);
    Lanes::normalise(ax, ay, total, reinterpret_cast<float*>(L.dense.data()), np);
}

#if RUSHES_AVX2
RUSHES_AVX2_FN void searchLevel8Avx2(Level& L, const Level* coarse, int stride, int iterations,
                                     float minStep2) {
    searchLevelT<8, Avx2Lanes>(L, coarse, 8, stride, iterations, minStep2);
}
#endif
void searchLevel8(Level& L, const Level* coarse, int stride, int iterations, float minStep2,
                  bool vectorised) {
#if RUSHES_AVX2
    if (cpuHasAvx2Fma() && vectorised) return searchLevel8Avx2(L, coarse, stride, iterations, minStep2);
#else
    (void)vectorised;
#endif
    searchLevelT<8, ScalarLanes>(L, coarse, 8, stride, iterations, minStep2);
}
void searchLevelAny(Level& L, const Level* coarse, int ps, int stride, int iterations, float minStep2) {
    searchLevelT<0, ScalarLanes>(L, coarse, ps, stride, iterations, minStep2);
}

void toPlane(const cv::Mat& m, Plane& p) {
    p.w = m.cols;
    p.h = m.rows;
    p.v.resize(m.total());
    cv::Mat wrap(m.rows, m.cols, CV_32F, p.v.data());
    m.convertTo(wrap, CV_32F);
}

void halve(const Plane& src, Plane& dst) {  // 2x2 means (cv::resize INTER_AREA at exactly half)
    dst.w = src.w / 2;
    dst.h = src.h / 2;
    dst.v.resize(size_t(dst.w) * size_t(dst.h));
    for (int y = 0; y < dst.h; ++y) {
        const float* a = src.row(2 * y);
        const float* b = src.row(2 * y + 1);
        float* o = dst.row(y);
        for (int x = 0; x < dst.w; ++x) o[x] = 0.25f * (a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1]);
    }
}

}  // namespace

DisPreset disPreset(int preset) {
    static constexpr DisPreset presets[3] = {{2, 8, 4, 12, 0}, {2, 8, 4, 16, 5}, {1, 8, 3, 25, 5}};
    return presets[std::clamp(preset, 0, 2)];
}

int disCoarsestLevel(int w, int h, int patchSize) {
    const double ps = patchSize;
    return std::max(0, std::min(int(std::log(std::max(w, h) / (4.0 * ps)) / std::log(2.0) + 0.5),
                                int(std::log(double(std::min(w, h)) / ps) / std::log(2.0))));
}

void cpuFlow(const cv::Mat& from, const cv::Mat& to, cv::Mat& flow, const CpuFlowSettings& s) {
    const int ps = std::max(2, s.patchSize), stride = std::max(1, s.patchStride);
    const int w = from.cols, h = from.rows;
    CV_Assert(from.channels() == 1 && to.channels() == 1 && to.size() == from.size());
    if (w < ps || h < ps) {  // not one patch fits: no motion to find
        flow.create(h, w, CV_32FC2);
        flow.setTo(cv::Scalar::all(0));
        return;
    }
    const int coarsest = disCoarsestLevel(w, h, ps);
    // Each thread keeps its pyramid's buffers between calls (a retime calls this for every pair).
    static thread_local std::vector<Level> levels;
    levels.resize(size_t(coarsest) + 1);
    toPlane(from, levels[0].i0);
    toPlane(to, levels[0].i1);
    for (size_t l = 1; l < levels.size(); ++l) {
        if (levels[l - 1].i0.w / 2 < ps || levels[l - 1].i0.h / 2 < ps) {
            levels.resize(l);
            break;
        }
        halve(levels[l - 1].i0, levels[l].i0);
        halve(levels[l - 1].i1, levels[l].i1);
    }
    const int finest = std::clamp(s.finestLevel, 0, int(levels.size()) - 1);
    const float minStep2 = float(s.minStep * s.minStep);
    for (int l = int(levels.size()) - 1; l >= finest; --l) {
        Level& L = levels[size_t(l)];
        gradients(L.i0, L.gx, L.gy);
        if (ps == 8) padPlane(L.i1, L.i1p);
        const Level* coarse = size_t(l) + 1 < levels.size() ? &levels[size_t(l) + 1] : nullptr;
        if (ps == 8)
            searchLevel8(L, coarse, stride, s.iterations, minStep2, s.vectorised);
        else
            searchLevelAny(L, coarse, ps, stride, s.iterations, minStep2);
    }
    const Level& top = levels[size_t(finest)];
    const cv::Mat dense(top.i0.h, top.i0.w, CV_32FC2, const_cast<cv::Vec2f*>(top.dense.data()));
    if (finest == 0) {
        dense.copyTo(flow);
        return;
    }
    cv::Mat up;
    cv::resize(dense, up, cv::Size(w, h), 0, 0, cv::INTER_LINEAR);
    const float sx = float(w) / float(top.i0.w), sy = float(h) / float(top.i0.h);
    for (int y = 0; y < h; ++y) {
        cv::Vec2f* r = up.ptr<cv::Vec2f>(y);
        for (int x = 0; x < w; ++x) r[x] = cv::Vec2f(r[x][0] * sx, r[x][1] * sy);
    }
    flow = up;
}

}  // namespace rushes::processing::internal
