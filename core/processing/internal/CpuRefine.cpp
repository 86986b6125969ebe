#include "processing/internal/CpuRefine.h"

#include "processing/internal/Sampling.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace rushes::processing::internal {
namespace {

// A plane with a one-pixel border of zeros all round; row(y)[x] for y in -1..h, x in -1..w.
// Only its pixels are written, so a plane of the same size keeps its zero border from call to call:
// create() clears it only when the size changes, clear() all of it.
struct Padded {
    int w = 0, h = 0;
    size_t stride = 0;
    std::vector<float> v;
    void create(int width, int height) {
        if (width == w && height == h && !v.empty()) return;
        w = width;
        h = height;
        stride = size_t(w) + 2;
        v.assign(stride * size_t(h + 2), 0.0f);
    }
    void clear() { std::fill(v.begin(), v.end(), 0.0f); }
    float* row(int y) { return v.data() + size_t(y + 1) * stride + 1; }
    const float* row(int y) const { return v.data() + size_t(y + 1) * stride + 1; }
};

// The red (parity 0) and black (parity 1) pixels of a plane kept apart: pixel (x, y) has parity
// (x + y) % 2 and sits at column x / 2 of its parity's row y. A pixel's left and right neighbours are in
// the other parity's row y, at columns i - 1 and i (x even) or i and i + 1 (x odd); its upper and lower
// ones at column i of the other parity's rows y - 1 and y + 1. The zero border stands for the missing
// neighbours at the frame's edges, whose smoothness weights are zero.
struct Split {
    Padded p[2];
    void create(int w, int h) {
        p[0].create((w + 1) / 2, h);
        p[1].create((w + 1) / 2, h);
    }
    void clear() {
        p[0].clear();
        p[1].clear();
    }
};

// Row y of a plane (w floats at src) into its parities' rows.
RUSHES_HOT void splitRow(const float* __restrict s, int w, int y, Split& out) {
    float* __restrict e = out.p[y & 1].row(y);        // even x
    float* __restrict o = out.p[(y + 1) & 1].row(y);  // odd x
    for (int i = 0; i < w / 2; ++i) {
        e[i] = s[2 * i];
        o[i] = s[2 * i + 1];
    }
    if (w & 1) e[w / 2] = s[w - 1];
}

RUSHES_HOT void mergeRow(const Split& in, int w, int y, Padded& out) {
    float* __restrict d = out.row(y);
    const float* __restrict e = in.p[y & 1].row(y);
    const float* __restrict o = in.p[(y + 1) & 1].row(y);
    for (int i = 0; i < w / 2; ++i) {
        d[2 * i] = e[i];
        d[2 * i + 1] = o[i];
    }
    if (w & 1) d[w - 1] = e[w / 2];
}

// Smoothness weights of each pixel's right and lower edges from the current flow (input + increment),
// zero where the edge leaves the frame: row y, into r and d.
RUSHES_HOT void smoothness(const Padded& U, const Padded& V, const Padded& DU, const Padded& DV, float alpha2,
                           float eps2, int y, float* __restrict r, float* __restrict d) {
    const int w = U.w, h = U.h;
    const float* u0 = U.row(y);
    const float* v0 = V.row(y);
    const float* du = DU.row(y);
    const float* dv = DV.row(y);
    const float* u1 = U.row(y + 1);
    const float* v1 = V.row(y + 1);
    const float* du1 = DU.row(y + 1);
    const float* dv1 = DV.row(y + 1);
    const float down = y + 1 < h ? 1.0f : 0.0f;
    for (int x = 0; x < w; ++x) {
        const float u = u0[x] + du[x], v = v0[x] + dv[x];
        const float right = x + 1 < w ? 1.0f : 0.0f;
        const float ux = right * (u0[x + 1] + du[x + 1] - u), vx = right * (v0[x + 1] + dv[x + 1] - v);
        const float uy = down * (u1[x] + du1[x] - u), vy = down * (v1[x] + dv1[x] - v);
        const float weight = alpha2 / std::sqrt(ux * ux + vx * vx + uy * uy + vy * vy + eps2);
        r[x] = right * weight;
        d[x] = down * weight;
    }
}

// Central differences with replicated borders: dx = src(x + 1) - src(x - 1), dy likewise (either may be
// null).
RUSHES_HOT void centralDifferences(const float* src, int w, int h, float* __restrict dx,
                                   float* __restrict dy) {
    for (int y = 0; y < h; ++y) {
        const float* r = src + size_t(y) * size_t(w);
        const float* up = src + size_t(std::max(y - 1, 0)) * size_t(w);
        const float* dn = src + size_t(std::min(y + 1, h - 1)) * size_t(w);
        if (dx) {
            float* o = dx + size_t(y) * size_t(w);
            o[0] = r[std::min(1, w - 1)] - r[0];
            for (int x = 1; x + 1 < w; ++x) o[x] = r[x + 1] - r[x - 1];
            if (w > 1) o[w - 1] = r[w - 1] - r[w - 2];
        }
        if (dy) {
            float* o = dy + size_t(y) * size_t(w);
            for (int x = 0; x < w; ++x) o[x] = dn[x] - up[x];
        }
    }
}

struct Derivatives {
    std::vector<float> ix, iy, iz, ixx, ixy, iyy, ixz, iyz;
    // What the system takes from them at every fixed-point iteration: the data terms' normalisations
    // (1 / nb, 1 / n1, 1 / n2) and the gradient constancy's normalised products.
    std::vector<float> inb, in1, in2, g11, g12, g22, gb1, gb2;
};

// (Plain pointer arguments: GCC 12 does not vectorise this loop with the pointers taken from D's
// vectors inside the function.)
RUSHES_HOT void normalisationsOf(const float* __restrict Ix, const float* __restrict Iy,
                                 const float* __restrict Ixx, const float* __restrict Ixy,
                                 const float* __restrict Iyy, const float* __restrict Ixz,
                                 const float* __restrict Iyz, float* __restrict inb, float* __restrict in1,
                                 float* __restrict in2, float* __restrict g11, float* __restrict g12,
                                 float* __restrict g22, float* __restrict gb1, float* __restrict gb2,
                                 size_t n, float zeta2) {
    for (size_t p = 0; p < n; ++p) {
        inb[p] = 1.0f / (Ix[p] * Ix[p] + Iy[p] * Iy[p] + zeta2);
        const float i1 = 1.0f / (Ixx[p] * Ixx[p] + Ixy[p] * Ixy[p] + zeta2);
        const float i2 = 1.0f / (Iyy[p] * Iyy[p] + Ixy[p] * Ixy[p] + zeta2);
        in1[p] = i1;
        in2[p] = i2;
        g11[p] = Ixx[p] * Ixx[p] * i1 + Ixy[p] * Ixy[p] * i2;
        g12[p] = Ixx[p] * Ixy[p] * i1 + Ixy[p] * Iyy[p] * i2;
        g22[p] = Ixy[p] * Ixy[p] * i1 + Iyy[p] * Iyy[p] * i2;
        gb1[p] = Ixx[p] * Ixz[p] * i1 + Ixy[p] * Iyz[p] * i2;
        gb2[p] = Ixy[p] * Ixz[p] * i1 + Iyy[p] * Iyz[p] * i2;
    }
}
void normalisations(Derivatives& D, size_t n, float zeta2) {
    normalisationsOf(D.ix.data(), D.iy.data(), D.ixx.data(), D.ixy.data(), D.iyy.data(), D.ixz.data(),
                     D.iyz.data(), D.inb.data(), D.in1.data(), D.in2.data(), D.g11.data(), D.g12.data(),
                     D.g22.data(), D.gb1.data(), D.gb2.data(), n, zeta2);
}

// The linearised system of each pixel: the data terms with their robust weights at the current
// increment, and the smoothness edges to its neighbours (the input flow's differences on the right).
// Out, rows y0 .. y1 - 1 (WR and WD made up to row y1 - 1): 1 / a11, 1 / a22, a12, b1, b2.
RUSHES_HOT void system(const Derivatives& D, const Padded& U, const Padded& V, const Padded& DU,
                       const Padded& DV, const Padded& WR, const Padded& WD, float delta2, float gamma2,
                       float zeta2, float eps2, int y0, int y1, float* __restrict i11, float* __restrict i22,
                       float* __restrict a12o, float* __restrict b1o, float* __restrict b2o) {
    const int w = U.w;
    for (int y = y0; y < y1; ++y) {
        const size_t o = size_t(y) * size_t(w);
        const float *Ix = D.ix.data() + o, *Iy = D.iy.data() + o, *Iz = D.iz.data() + o;
        const float *Ixx = D.ixx.data() + o, *Ixy = D.ixy.data() + o, *Iyy = D.iyy.data() + o;
        const float *Ixz = D.ixz.data() + o, *Iyz = D.iyz.data() + o;
        const float *inb = D.inb.data() + o, *in1 = D.in1.data() + o, *in2 = D.in2.data() + o;
        const float *g11 = D.g11.data() + o, *g12 = D.g12.data() + o, *g22 = D.g22.data() + o;
        const float *gb1 = D.gb1.data() + o, *gb2 = D.gb2.data() + o;
        const float *u = U.row(y), *v = V.row(y), *du = DU.row(y), *dv = DV.row(y);
        const float *uUp = U.row(y - 1), *vUp = V.row(y - 1), *uDn = U.row(y + 1), *vDn = V.row(y + 1);
        const float *wr = WR.row(y), *wd = WD.row(y), *wdUp = WD.row(y - 1);
        for (int x = 0; x < w; ++x) {
            const float a = du[x], b = dv[x];
            // Brightness constancy.
            const float e = Iz[x] + Ix[x] * a + Iy[x] * b;
            const float k = delta2 * inb[x] / std::sqrt(e * e * inb[x] + eps2);
            float a11 = k * Ix[x] * Ix[x] + zeta2, a12 = k * Ix[x] * Iy[x], a22 = k * Iy[x] * Iy[x] + zeta2;
            float b1 = -k * Iz[x] * Ix[x], b2 = -k * Iz[x] * Iy[x];
            // Gradient constancy.
            const float ex = Ixz[x] + Ixx[x] * a + Ixy[x] * b, ey = Iyz[x] + Ixy[x] * a + Iyy[x] * b;
            const float kg = gamma2 / std::sqrt(ex * ex * in1[x] + ey * ey * in2[x] + eps2);
            a11 += kg * g11[x];
            a12 += kg * g12[x];
            a22 += kg * g22[x];
            b1 -= kg * gb1[x];
            b2 -= kg * gb2[x];
            // Smoothness: one term per edge (zero weight where the edge leaves the frame).
            const float sr = wr[x], sl = wr[x - 1], sd = wd[x], su = wdUp[x];
            const float s = sr + sl + sd + su;
            a11 += s;
            a22 += s;
            b1 +=
                sr * (u[x + 1] - u[x]) + sl * (u[x - 1] - u[x]) + sd * (uDn[x] - u[x]) + su * (uUp[x] - u[x]);
            b2 +=
                sr * (v[x + 1] - v[x]) + sl * (v[x - 1] - v[x]) + sd * (vDn[x] - v[x]) + su * (vUp[x] - v[x]);
            i11[o + size_t(x)] = 1.0f / a11;
            i22[o + size_t(x)] = 1.0f / a22;
            a12o[o + size_t(x)] = a12;
            b1o[o + size_t(x)] = b1;
            b2o[o + size_t(x)] = b2;
        }
    }
}

struct SorPlanes {
    Split du, dv, wr, wd, i11, i22, a12, b1, b2;
};

// One row of a red-black SOR half-sweep: the pixels of one parity, whose left (L), right (R), upper
// and lower neighbours all have the other parity; `w*` are the smoothness weights of the edges.
struct SorRow {
    float *u, *v;
    const float *wr, *wd, *i11, *i22, *a12, *b1, *b2;  // the pixel's own: right and lower edges, system
    const float *uL, *vL, *wL, *uR, *vR, *uUp, *vUp, *wUp, *uDn, *vDn;
    int n;
};

inline void sorRowScalar(const SorRow& r, int from, float omega) {
    for (int i = from; i < r.n; ++i) {
        const float su = r.wr[i] * r.uR[i] + r.wL[i] * r.uL[i] + r.wd[i] * r.uDn[i] + r.wUp[i] * r.uUp[i];
        const float sv = r.wr[i] * r.vR[i] + r.wL[i] * r.vL[i] + r.wd[i] * r.vDn[i] + r.wUp[i] * r.vUp[i];
        const float u = r.u[i] + omega * ((su + r.b1[i] - r.v[i] * r.a12[i]) * r.i11[i] - r.u[i]);
        r.v[i] += omega * ((sv + r.b2[i] - u * r.a12[i]) * r.i22[i] - r.v[i]);
        r.u[i] = u;
    }
}

#if RUSHES_AVX2
RUSHES_AVX2_FN void sorRowAvx2(const SorRow& r, float omega) {
    const __m256 om = _mm256_set1_ps(omega);
    int i = 0;
    for (; i + 8 <= r.n; i += 8) {
        const __m256 wr = _mm256_loadu_ps(r.wr + i), wl = _mm256_loadu_ps(r.wL + i);
        const __m256 wd = _mm256_loadu_ps(r.wd + i), wu = _mm256_loadu_ps(r.wUp + i);
        __m256 su = _mm256_mul_ps(wr, _mm256_loadu_ps(r.uR + i));
        su = _mm256_fmadd_ps(wl, _mm256_loadu_ps(r.uL + i), su);
        su = _mm256_fmadd_ps(wd, _mm256_loadu_ps(r.uDn + i), su);
        su = _mm256_fmadd_ps(wu, _mm256_loadu_ps(r.uUp + i), su);
        __m256 sv = _mm256_mul_ps(wr, _mm256_loadu_ps(r.vR + i));
        sv = _mm256_fmadd_ps(wl, _mm256_loadu_ps(r.vL + i), sv);
        sv = _mm256_fmadd_ps(wd, _mm256_loadu_ps(r.vDn + i), sv);
        sv = _mm256_fmadd_ps(wu, _mm256_loadu_ps(r.vUp + i), sv);
        const __m256 a12 = _mm256_loadu_ps(r.a12 + i);
        __m256 u = _mm256_loadu_ps(r.u + i), v = _mm256_loadu_ps(r.v + i);
        // u += omega ((su + b1 - v a12) / a11 - u); then v with the new u.
        __m256 t = _mm256_fnmadd_ps(v, a12, _mm256_add_ps(su, _mm256_loadu_ps(r.b1 + i)));
        u = _mm256_fmadd_ps(om, _mm256_fmsub_ps(t, _mm256_loadu_ps(r.i11 + i), u), u);
        t = _mm256_fnmadd_ps(u, a12, _mm256_add_ps(sv, _mm256_loadu_ps(r.b2 + i)));
        v = _mm256_fmadd_ps(om, _mm256_fmsub_ps(t, _mm256_loadu_ps(r.i22 + i), v), v);
        _mm256_storeu_ps(r.u + i, u);
        _mm256_storeu_ps(r.v + i, v);
    }
    sorRowScalar(r, i, omega);
}

// The input flow's row y split into its planes (ur, vr), `to` warped along it (bilinear, the
// position clamped to one pixel outside the frame and the taps to its edge), and from it the mean
// of the two frames and their difference: the scalar loop's arithmetic, eight pixels at a time
// (no fused multiply-adds, so the same values). Returns where the scalar loop takes over.
RUSHES_AVX2_FN int setupRowAvx2(const cv::Vec2f* f, const float* c, const cv::Mat& to, int y, float* ur,
                                float* vr, float* avg, float* iz) {
    const int w = to.cols, h = to.rows;
    const float* base = to.ptr<float>();
    const __m256i step = _mm256_set1_epi32(int(to.step1())), zeroI = _mm256_setzero_si256();
    const __m256i maxX2 = _mm256_set1_epi32(w - 2), maxY = _mm256_set1_epi32(h - 1),
                  one = _mm256_set1_epi32(1);
    const __m256 lo = _mm256_set1_ps(-1.0f), hiX = _mm256_set1_ps(float(w)), hiY = _mm256_set1_ps(float(h));
    const __m256 iota = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7), fy = _mm256_set1_ps(float(y));
    const __m256 half = _mm256_set1_ps(0.5f);
    int x = 0;
    for (; x + 8 <= w; x += 8) {
        __m256 u, v;
        deinterleave8(reinterpret_cast<const float*>(f + x), u, v);
        _mm256_storeu_ps(ur + x, u);
        _mm256_storeu_ps(vr + x, v);
        const __m256 sx = _mm256_min_ps(
            _mm256_max_ps(_mm256_add_ps(_mm256_add_ps(_mm256_set1_ps(float(x)), iota), u), lo), hiX);
        const __m256 sy = _mm256_min_ps(_mm256_max_ps(_mm256_add_ps(fy, v), lo), hiY);
        const __m256 fx0 = _mm256_floor_ps(sx), fy0 = _mm256_floor_ps(sy);
        const __m256i x0 = _mm256_cvttps_epi32(fx0), y0 = _mm256_cvttps_epi32(fy0);
        const __m256 ax = _mm256_sub_ps(sx, fx0), ay = _mm256_sub_ps(sy, fy0);
        // Each lane's two taps are neighbouring floats, loaded as one 64-bit element (gathers are slow)
        // from column min(max(x0, 0), w - 2): a lane left of the frame (x0 = -1) takes the pair's left
        // pixel for both taps, one at or past its right edge (x0 >= w - 1) the right pixel, as the
        // clamped taps xa and xb are.
        const __m256i ya = _mm256_mullo_epi32(_mm256_min_epi32(_mm256_max_epi32(y0, zeroI), maxY), step);
        const __m256i yb = _mm256_mullo_epi32(
            _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(y0, one), zeroI), maxY), step);
        const __m256i col = _mm256_min_epi32(_mm256_max_epi32(x0, zeroI), maxX2);
        const __m256 leftOut = _mm256_castsi256_ps(_mm256_cmpgt_epi32(zeroI, x0));
        const __m256 rightOut = _mm256_castsi256_ps(_mm256_cmpgt_epi32(x0, maxX2));
        alignas(32) int o[2][8];
        _mm256_store_si256(reinterpret_cast<__m256i*>(o[0]), _mm256_add_epi32(ya, col));
        _mm256_store_si256(reinterpret_cast<__m256i*>(o[1]), _mm256_add_epi32(yb, col));
        __m256 l[2], r[2];
        for (int k = 0; k < 2; ++k) {
            __m256 pl, pr;
            loadPairs8(base, o[k], pl, pr);
            l[k] = _mm256_blendv_ps(pl, pr, rightOut);
            r[k] = _mm256_blendv_ps(pr, pl, leftOut);
        }
        const __m256 raa = l[0], rab = r[0], rba = l[1], rbb = r[1];
        const __m256 top = _mm256_add_ps(raa, _mm256_mul_ps(_mm256_sub_ps(rab, raa), ax));
        const __m256 bottom = _mm256_add_ps(rba, _mm256_mul_ps(_mm256_sub_ps(rbb, rba), ax));
        const __m256 warped = _mm256_add_ps(top, _mm256_mul_ps(_mm256_sub_ps(bottom, top), ay));
        const __m256 cx = _mm256_loadu_ps(c + x);
        _mm256_storeu_ps(avg + x, _mm256_mul_ps(half, _mm256_add_ps(cx, warped)));
        _mm256_storeu_ps(iz + x, _mm256_sub_ps(warped, cx));
    }
    return x;
}
#endif

// Row y's pixels of `parity` in a red-black SOR sweep; their neighbours all have the other parity.
void sorRow(SorPlanes& S, int w, int y, int parity, float omega) {
    const int q = 1 - parity;
    const int odd = (y + parity) & 1;  // this row's pixels of `parity` sit at odd x
    SorRow r;
    r.n = (w - odd + 1) / 2;
    r.u = S.du.p[parity].row(y);
    r.v = S.dv.p[parity].row(y);
    r.wr = S.wr.p[parity].row(y);
    r.wd = S.wd.p[parity].row(y);
    r.i11 = S.i11.p[parity].row(y);
    r.i22 = S.i22.p[parity].row(y);
    r.a12 = S.a12.p[parity].row(y);
    r.b1 = S.b1.p[parity].row(y);
    r.b2 = S.b2.p[parity].row(y);
    const float* uq = S.du.p[q].row(y);
    const float* vq = S.dv.p[q].row(y);
    const float* wrq = S.wr.p[q].row(y);
    r.uL = uq + odd - 1;
    r.vL = vq + odd - 1;
    r.wL = wrq + odd - 1;
    r.uR = uq + odd;
    r.vR = vq + odd;
    r.uUp = S.du.p[q].row(y - 1);
    r.vUp = S.dv.p[q].row(y - 1);
    r.wUp = S.wd.p[q].row(y - 1);
    r.uDn = S.du.p[q].row(y + 1);
    r.vDn = S.dv.p[q].row(y + 1);
#if RUSHES_AVX2
    if (cpuHasAvx2Fma()) return sorRowAvx2(r, omega);
#endif
    sorRowScalar(r, 0, omega);
}

// `sweeps` red-black SOR sweeps (each the red pixels of every row, then the black ones) in one pass down
// the rows: at step t, sweep s's red row t - 2s and then its black row t - 2s - 1, for s = 0, 1, ...
// Each half-row then reads exactly the values it reads when the sweeps run one after the other (red
// row r needs sweep s - 1's black rows r - 1 .. r + 1, the last updated just before it in the same
// step; black row b needs sweep s's red rows b - 1 .. b + 1, the last just before it, and runs before
// sweep s + 1 changes any of them), so the result is the same to the bit, while the rows being worked
// on stay in the cache: at 160 x 90 the planes (about 0.5 MB a direction) were read 2 x sweeps times.
void sor(SorPlanes& S, int w, int h, int sweeps, float omega) {
    for (int t = 0; t < h + 2 * sweeps - 1; ++t) {
        for (int s = 0; s < sweeps; ++s) {
            const int red = t - 2 * s, black = red - 1;
            if (red >= 0 && red < h) sorRow(S, w, red, 0, omega);
            if (black >= 0 && black < h) sorRow(S, w, black, 1, omega);
        }
    }
}

struct Buffers {
    cv::Mat i0, i1;
    Padded U, V, DU, DV, WR, WD;
    std::vector<float> avg, i11, i22, a12, b1, b2;
    Derivatives D;
    SorPlanes S;
};

}  // namespace

void cpuRefine(const cv::Mat& from, const cv::Mat& to, cv::Mat& flow, const RefineSettings& s) {
    const int w = flow.cols, h = flow.rows;
    CV_Assert(flow.type() == CV_32FC2 && from.size() == flow.size() && to.size() == flow.size() &&
              from.channels() == 1 && to.channels() == 1);
    if (s.fixedPointIterations <= 0 || w < 2 || h < 2) return;
    // Each thread keeps the buffers between calls (a retime refines two flows for every pair).
    static thread_local Buffers buffers;
    Buffers& B = buffers;
    cv::Mat &i0 = B.i0, &i1 = B.i1;
    from.convertTo(i0, CV_32F);
    to.convertTo(i1, CV_32F);
    const size_t n = size_t(w) * size_t(h);
    // The input flow, padded; the second frame warped by it, the mean of the two frames and their
    // difference; derivatives as central differences with replicated borders.
    Padded &U = B.U, &V = B.V, &DU = B.DU, &DV = B.DV, &WR = B.WR, &WD = B.WD;
    U.create(w, h);
    V.create(w, h);
    DU.create(w, h);  // the increments start from zero
    DU.clear();
    DV.create(w, h);
    DV.clear();
    WR.create(w, h);
    WD.create(w, h);
    std::vector<float>& avg = B.avg;
    avg.resize(n);
    Derivatives& D = B.D;
    for (std::vector<float>* p : {&D.ix, &D.iy, &D.iz, &D.ixx, &D.ixy, &D.iyy, &D.ixz, &D.iyz, &D.inb, &D.in1,
                                  &D.in2, &D.g11, &D.g12, &D.g22, &D.gb1, &D.gb2})
        p->resize(n);
    for (int y = 0; y < h; ++y) {
        const cv::Vec2f* f = flow.ptr<cv::Vec2f>(y);
        const float* c = i0.ptr<float>(y);
        float* ur = U.row(y);
        float* vr = V.row(y);
        const size_t o = size_t(y) * size_t(w);
        int start = 0;
#if RUSHES_AVX2
        if (cpuHasAvx2Fma()) start = setupRowAvx2(f, c, i1, y, ur, vr, avg.data() + o, D.iz.data() + o);
#endif
        for (int x = start; x < w; ++x) {
            ur[x] = f[x][0];
            vr[x] = f[x][1];
            const float sx = std::clamp(float(x) + f[x][0], -1.0f, float(w)),
                        sy = std::clamp(float(y) + f[x][1], -1.0f, float(h));
            const float fx0 = std::floor(sx), fy0 = std::floor(sy);
            const int x0 = int(fx0), y0 = int(fy0);
            const float ax = sx - fx0, ay = sy - fy0;
            const int xa = std::clamp(x0, 0, w - 1), xb = std::clamp(x0 + 1, 0, w - 1);
            const int ya = std::clamp(y0, 0, h - 1), yb = std::clamp(y0 + 1, 0, h - 1);
            const float* ra = i1.ptr<float>(ya);
            const float* rb = i1.ptr<float>(yb);
            const float top = ra[xa] + (ra[xb] - ra[xa]) * ax, bottom = rb[xa] + (rb[xb] - rb[xa]) * ax;
            const float warped = top + (bottom - top) * ay;
            const size_t p = size_t(y) * size_t(w) + size_t(x);
            avg[p] = 0.5f * (c[x] + warped);
            D.iz[p] = warped - c[x];
        }
    }
    auto central = [w, h](const std::vector<float>& src, std::vector<float>* dx, std::vector<float>* dy) {
        centralDifferences(src.data(), w, h, dx ? dx->data() : nullptr, dy ? dy->data() : nullptr);
    };
    central(avg, &D.ix, &D.iy);
    central(D.iz, &D.ixz, &D.iyz);
    central(D.ix, &D.ixx, &D.ixy);
    central(D.iy, nullptr, &D.iyy);
    normalisations(D, n, s.zeta * s.zeta);

    SorPlanes& S = B.S;
    for (Split* p : {&S.du, &S.dv, &S.wr, &S.wd, &S.i11, &S.i22, &S.a12, &S.b1, &S.b2}) p->create(w, h);
    S.du.clear();
    S.dv.clear();
    std::vector<float>&i11 = B.i11, &i22 = B.i22, &a12 = B.a12, &b1 = B.b1, &b2 = B.b2;
    for (std::vector<float>* p : {&i11, &i22, &a12, &b1, &b2}) p->resize(n);
    const float eps2 = s.epsilon * s.epsilon;
    // Each fixed-point iteration: its systems in one pass down the rows (the increments of rows y and
    // y + 1 brought back from their parities, row y's smoothness weights and system, and those split
    // into parities), then the SOR sweeps in another (sor). The same arithmetic as whole-plane passes,
    // with the rows worked on in the cache.
    for (int it = 0; it < s.fixedPointIterations; ++it) {
        for (int y = 0; y < h; ++y) {
            if (it > 0) {
                for (int r = y == 0 ? 0 : y + 1; r <= std::min(y + 1, h - 1); ++r) {
                    mergeRow(S.du, w, r, DU);
                    mergeRow(S.dv, w, r, DV);
                }
            }
            smoothness(U, V, DU, DV, s.alpha / 2, eps2, y, WR.row(y), WD.row(y));
            system(D, U, V, DU, DV, WR, WD, s.delta / 2, s.gamma / 2, s.zeta * s.zeta, eps2, y, y + 1,
                   i11.data(), i22.data(), a12.data(), b1.data(), b2.data());
            const size_t o = size_t(y) * size_t(w);
            splitRow(WR.row(y), w, y, S.wr);
            splitRow(WD.row(y), w, y, S.wd);
            splitRow(i11.data() + o, w, y, S.i11);
            splitRow(i22.data() + o, w, y, S.i22);
            splitRow(a12.data() + o, w, y, S.a12);
            splitRow(b1.data() + o, w, y, S.b1);
            splitRow(b2.data() + o, w, y, S.b2);
        }
        sor(S, w, h, s.sorIterations, s.omega);
    }
    for (int y = 0; y < h; ++y) {
        mergeRow(S.du, w, y, DU);
        mergeRow(S.dv, w, y, DV);
    }
    for (int y = 0; y < h; ++y) {
        cv::Vec2f* f = flow.ptr<cv::Vec2f>(y);
        const float* du = DU.row(y);
        const float* dv = DV.row(y);
        for (int x = 0; x < w; ++x) f[x] += cv::Vec2f(du[x], dv[x]);
    }
}

}  // namespace rushes::processing::internal
