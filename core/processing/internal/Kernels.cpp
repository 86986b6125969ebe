#include "processing/internal/Kernels.h"

#include <cstdio>
#include <mutex>
#include <set>
#include <string>

namespace rushes::processing::internal {
namespace {

// Bilinear sampling with clamped coordinates, float images stored as row-major arrays.
// Helpers every program of the project starts with (commonKernelSource()): bilinear sampling with
// clamped coordinates of float images stored as row-major arrays.
const char* kCommon = R"CLC(
inline float3 load3(__global const float* img, int step, int x, int y) {
    __global const float* p = img + y * step + x * 3;
    return (float3)(p[0], p[1], p[2]);
}
// The four taps and weights of a bilinear sample at (x, y), clamped to the image.
typedef struct { int x0, y0, x1, y1; float fx, fy; } BilinearTaps;
inline BilinearTaps bilinearTaps(int w, int h, float x, float y) {
    x = clamp(x, 0.0f, (float)(w - 1));
    y = clamp(y, 0.0f, (float)(h - 1));
    BilinearTaps t;
    t.x0 = (int)floor(x);
    t.y0 = (int)floor(y);
    t.x1 = min(t.x0 + 1, w - 1);
    t.y1 = min(t.y0 + 1, h - 1);
    t.fx = x - t.x0;
    t.fy = y - t.y0;
    return t;
}
inline float2 sample2(__global const float* img, int step, int w, int h, float x, float y) {
    BilinearTaps t = bilinearTaps(w, h, x, y);
    __global const float* r0 = img + t.y0 * step;
    __global const float* r1 = img + t.y1 * step;
    float2 a = (float2)(r0[t.x0 * 2], r0[t.x0 * 2 + 1]), b = (float2)(r0[t.x1 * 2], r0[t.x1 * 2 + 1]);
    float2 c = (float2)(r1[t.x0 * 2], r1[t.x0 * 2 + 1]), d = (float2)(r1[t.x1 * 2], r1[t.x1 * 2 + 1]);
    return mix(mix(a, b, t.fx), mix(c, d, t.fx), t.fy);
}
inline float sample1(__global const float* img, int step, int w, int h, float x, float y) {
    BilinearTaps t = bilinearTaps(w, h, x, y);
    __global const float* r0 = img + t.y0 * step;
    __global const float* r1 = img + t.y1 * step;
    return mix(mix(r0[t.x0], r0[t.x1], t.fx), mix(r1[t.x0], r1[t.x1], t.fx), t.fy);
}
)CLC";

const char* kSource = R"CLC(
// The warp's kernels, as the CPU path tabulates them: Catmull-Rom (4 taps) or Lanczos-3 (6 taps),
// weights normalised to sum 1.
inline float warpWeight(int lanczos3, float x) {
    if (lanczos3) {
        if (x < 1e-6f) return 1.0f;
        if (x >= 3.0f) return 0.0f;
        float px = M_PI_F * x;
        return 3.0f * sin(px) * sin(px / 3.0f) / (px * px);
    }
    return x < 1.0f ? (1.5f * x - 2.5f) * x * x + 1.0f : x < 2.0f ? ((-0.5f * x + 2.5f) * x - 4.0f) * x + 2.0f : 0.0f;
}
inline float3 sampleWarp3(__global const float* img, int step, int w, int h, float x, float y, int lanczos3) {
    x = clamp(x, 0.0f, (float)(w - 1));
    y = clamp(y, 0.0f, (float)(h - 1));
    int ix = (int)x, iy = (int)y;
    float fx = x - ix, fy = y - iy;
    int n = lanczos3 ? 6 : 4, lo = n / 2 - 1;
    float kx[6], ky[6], sx = 0.0f, sy = 0.0f;
    for (int i = 0; i < n; ++i) {
        kx[i] = warpWeight(lanczos3, fabs((float)(i - lo) - fx));
        ky[i] = warpWeight(lanczos3, fabs((float)(i - lo) - fy));
        sx += kx[i];
        sy += ky[i];
    }
    float3 acc = (float3)(0.0f, 0.0f, 0.0f);
    for (int j = 0; j < n; ++j) {
        int yy = clamp(iy - lo + j, 0, h - 1);
        float3 r = (float3)(0.0f, 0.0f, 0.0f);
        for (int i = 0; i < n; ++i) r += kx[i] * load3(img, step, clamp(ix - lo + i, 0, w - 1), yy);
        acc += ky[j] * r;
    }
    return acc / (sx * sy);
}

// One in-between frame: each pixel's source positions in a and b (fields at flow resolution,
// computed on the host), weights from the phase and the forward/backward consistency there.
__kernel void interpolate_pair(__global const float* a, __global const float* b, int imgStep,
                               __global const float* d0, __global const float* d1,
                               __global const float* e0, __global const float* e1,
                               int flowStep, int errStep, int fw, int fh,
                               __global float* out, int w, int h, float t, float scale, float invSigma2,
                               int lanczos3) {
    int x = get_global_id(0), y = get_global_id(1);
    if (x >= w || y >= h) return;
    float sx = (x + 0.5f) * scale - 0.5f, sy = (y + 0.5f) * scale - 0.5f;
    float2 s0 = sample2(d0, flowStep, fw, fh, sx, sy) / scale;
    float2 s1 = sample2(d1, flowStep, fw, fh, sx, sy) / scale;
    float x0 = x + s0.x, y0 = y + s0.y, x1 = x + s1.x, y1 = y + s1.y;
    float c0 = sample1(e0, errStep, fw, fh, (x0 + 0.5f) * scale - 0.5f, (y0 + 0.5f) * scale - 0.5f);
    float c1 = sample1(e1, errStep, fw, fh, (x1 + 0.5f) * scale - 0.5f, (y1 + 0.5f) * scale - 0.5f);
    float w0 = (1.0f - t) * exp(-c1 * c1 * invSigma2) + 1e-4f;
    float w1 = t * exp(-c0 * c0 * invSigma2) + 1e-4f;
    if (x0 < -0.5f || y0 < -0.5f || x0 > w - 0.5f || y0 > h - 0.5f) w0 *= 0.01f;
    if (x1 < -0.5f || y1 < -0.5f || x1 > w - 0.5f || y1 > h - 0.5f) w1 *= 0.01f;
    float3 p0 = sampleWarp3(a, imgStep, w, h, x0, y0, lanczos3);
    float3 p1 = sampleWarp3(b, imgStep, w, h, x1, y1, lanczos3);
    float3 r = (w0 * p0 + w1 * p1) / (w0 + w1);
    __global float* o = out + y * imgStep + x * 3;
    o[0] = r.x; o[1] = r.y; o[2] = r.z;
}
// The device retime (FrameInterpolator with the OpenCL backend): the flows of a pair are a stack of
// two planes (fw x fh float2: plane 0 a -> b, plane 1 b -> a), the gray flow images likewise.
// |F(p) + F'(p + F(p))| for each direction: how far a round trip lands from where it started.
__kernel void rt_consistency(__global const float* flows, int fw, int fh, __global float* e0, __global float* e1) {
    int x = get_global_id(0), y = get_global_id(1), d = get_global_id(2);
    if (x >= fw || y >= fh) return;
    int step = 2 * fw;
    __global const float* f = flows + (size_t)d * fw * fh * 2;
    __global const float* g = flows + (size_t)(1 - d) * fw * fh * 2;
    float2 v = (float2)(f[y * step + 2 * x], f[y * step + 2 * x + 1]);
    float2 r = v + sample2(g, step, fw, fh, x + v.x, y + v.y);
    (d == 0 ? e0 : e1)[y * fw + x] = length(r);
}
// Per row of the gray flow images: the motion-compensated difference |b(p + F01(p)) - a(p)| summed
// over every second pixel of every second row (0 elsewhere), and the plain difference |b - a|.
__kernel void rt_cut_rows(__global const float* gray, __global const float* flows, int fw, int fh,
                          __global float* sums) {
    int y = get_global_id(0);
    if (y >= fh) return;
    __global const float* g0 = gray;
    __global const float* g1 = gray + (size_t)fw * fh;
    float comp = 0.0f, plain = 0.0f;
    for (int x = 0; x < fw; ++x) {
        plain += fabs(g1[y * fw + x] - g0[y * fw + x]);
        if (((x | y) & 1) == 0) {
            float2 v = (float2)(flows[y * 2 * fw + 2 * x], flows[y * 2 * fw + 2 * x + 1]);
            comp += fabs(sample1(g1, fw, fw, fh, x + v.x, y + v.y) - g0[y * fw + x]);
        }
    }
    sums[2 * y] = comp;
    sums[2 * y + 1] = plain;
}
// The warp kernel's choice: squared errors of predicting b from a and a from b along the flows, on
// every `rowStep`-th row, with Catmull-Rom (variants 0, 1) and Lanczos-3 (2, 3).
__kernel void rt_predict(__global const float* a, __global const float* b, int imgStep, __global const float* flows,
                         int fw, int fh, float scale, int rowStep, int rows, int w, int h, __global float* err) {
    int x = get_global_id(0), r = get_global_id(1), i = get_global_id(2);
    if (x >= w || r >= rows) return;
    int y = rowStep / 2 + r * rowStep;
    int ab = (i % 2) == 0;
    __global const float* from = ab ? a : b;
    __global const float* to = ab ? b : a;
    __global const float* flow = flows + (ab ? (size_t)fw * fh * 2 : 0);
    float2 v = sample2(flow, 2 * fw, fw, fh, (x + 0.5f) * scale - 0.5f, (y + 0.5f) * scale - 0.5f) / scale;
    float3 p = clamp(sampleWarp3(from, imgStep, w, h, x + v.x, y + v.y, i >= 2), 0.0f, 255.0f);
    float3 e = p - load3(to, imgStep, x, y);
    err[((size_t)i * rows + r) * w + x] = dot(e, e);
}
// Where each pixel of the in-between at phase t comes from (FrameInterpolator's sourcesAt, linear
// motion): the trajectories through the pixel that start in frame 0 and in frame 1, found by
// fixed-point iteration, with how much their ends disagree in brightness and the inversion missed.
__kernel void rt_sources(__global const float* flows, __global const float* gray, int fw, int fh, float t,
                         float residualWeight, __global float4* c1, __global float4* c2, __global float* err) {
    int x = get_global_id(0), y = get_global_id(1);
    if (x >= fw || y >= fh) return;
    int step = 2 * fw;
    __global const float* f01 = flows;
    __global const float* f10 = flows + (size_t)fw * fh * 2;
    __global const float* g0 = gray;
    __global const float* g1 = gray + (size_t)fw * fh;
    float s = 1.0f - t;
    float2 o = (float2)(x, y);
    float2 p = o - sample2(f01, step, fw, fh, o.x, o.y) * t;
    float2 q = o - sample2(f10, step, fw, fh, o.x, o.y) * s;
    for (int it = 0; it < 2; ++it) {
        p = o - sample2(f01, step, fw, fh, p.x, p.y) * t;
        q = o - sample2(f10, step, fw, fh, q.x, q.y) * s;
    }
    float2 q1 = p + sample2(f01, step, fw, fh, p.x, p.y);
    float2 p2 = q + sample2(f10, step, fw, fh, q.x, q.y);
    size_t i = (size_t)y * fw + x;
    c1[i] = (float4)(p.x - x, p.y - y, q1.x - x, q1.y - y);
    c2[i] = (float4)(p2.x - x, p2.y - y, q.x - x, q.y - y);
    // ... plus residualWeight levels for each flow pixel by which the inversion missed the pixel
    // (Retime.cpp's kResidualWeight).
    err[i] = fabs(sample1(g0, fw, fw, fh, p.x, p.y) - sample1(g1, fw, fw, fh, q1.x, q1.y)) +
             residualWeight * length(o - p - (q1 - p) * t);
    err[(size_t)fw * fh + i] = fabs(sample1(g0, fw, fw, fh, p2.x, p2.y) - sample1(g1, fw, fw, fh, q.x, q.y)) +
                               residualWeight * length(o - q - (p2 - q) * s);
    err[(size_t)2 * fw * fh + i] = fabs(g0[i] - g1[i]);  // no motion
}
inline int reflect101(int i, int n) {
    if (n == 1) return 0;
    i = i < 0 ? -i : i;
    return i >= n ? max(2 * n - 2 - i, 0) : i;
}
// Of the two candidates and no motion, the one whose ends agree best over a 5 x 5 box (cv::boxFilter's,
// BORDER_REFLECT_101; a trajectory on a tie): the source displacements d0 (in a) and d1 (in b).
__kernel void rt_select(__global const float4* c1, __global const float4* c2, __global const float* err, int fw,
                        int fh, __global float2* d0, __global float2* d1) {
    int x = get_global_id(0), y = get_global_id(1);
    if (x >= fw || y >= fh) return;
    __global const float* e2 = err + (size_t)fw * fh;
    __global const float* ez = err + (size_t)2 * fw * fh;
    float s1 = 0.0f, s2 = 0.0f, sz = 0.0f;
    for (int dy = -2; dy <= 2; ++dy) {
        int yy = reflect101(y + dy, fh);
        for (int dx = -2; dx <= 2; ++dx) {
            int xx = reflect101(x + dx, fw);
            s1 += err[yy * fw + xx];
            s2 += e2[yy * fw + xx];
            sz += ez[yy * fw + xx];
        }
    }
    size_t i = (size_t)y * fw + x;
    float4 c = sz < min(s1, s2) ? (float4)(0.0f) : s1 <= s2 ? c1[i] : c2[i];
    d0[i] = c.xy;
    d1[i] = c.zw;
}
// The device denoiser (Denoiser with the OpenCL backend). Colour stacks are planar and padded:
// plane c of a slot holds rows c * (h + 2 pad) ..., each w + 2 pad floats; guides likewise, one plane.
// A frame into a slot's interior: warped along its flow to the centre frame (fw x fh, upsampled as
// cv::resize INTER_LINEAR does, then bilinear with edges repeated), or copied (`warp` 0).
__kernel void dn_align(__global const float* src, int w, int h, __global const float* flows, int plane, int fw,
                       int fh, int warp, int pad, __global float* dst) {
    int x = get_global_id(0), y = get_global_id(1);
    if (x >= w || y >= h) return;
    __global const float* flow = flows + (size_t)plane * fw * fh * 2;
    float3 v;
    if (warp) {
        float sx = (x + 0.5f) * fw / (float)w - 0.5f, sy = (y + 0.5f) * fh / (float)h - 0.5f;
        float2 f = sample2(flow, 2 * fw, fw, fh, sx, sy) * ((float)w / fw);
        float px = clamp(x + f.x, 0.0f, (float)(w - 1)), py = clamp(y + f.y, 0.0f, (float)(h - 1));
        int ix = (int)px, iy = (int)py;
        int ix1 = min(ix + 1, w - 1), iy1 = min(iy + 1, h - 1);
        float ax = px - ix, ay = py - iy;
        float3 a = load3(src, 3 * w, ix, iy), b = load3(src, 3 * w, ix1, iy);
        float3 c = load3(src, 3 * w, ix, iy1), d = load3(src, 3 * w, ix1, iy1);
        v = mix(mix(a, b, ax), mix(c, d, ax), ay);
    } else {
        v = load3(src, 3 * w, x, y);
    }
    int pw = w + 2 * pad, rows = h + 2 * pad;
    size_t at = (size_t)(y + pad) * pw + x + pad, size = (size_t)rows * pw;
    dst[at] = v.x;
    dst[at + size] = v.y;
    dst[at + 2 * size] = v.z;
}
// The gray guide of a slot (cv::COLOR_RGB2GRAY's weights), smoothed by a 3 x 3 Gaussian (weights
// side, centre) with BORDER_REFLECT when `blur`, into the guide's interior.
inline float grayAt(__global const float* c, int pw, size_t plane, int pad, int x, int y) {
    size_t at = (size_t)(y + pad) * pw + x + pad;
    return 0.299f * c[at] + 0.587f * c[at + plane] + 0.114f * c[at + 2 * plane];
}
__kernel void dn_guide(__global const float* colour, int w, int h, int pad, int blur, float side, float centre,
                       __global float* guide) {
    int x = get_global_id(0), y = get_global_id(1);
    if (x >= w || y >= h) return;
    int pw = w + 2 * pad;
    size_t plane = (size_t)(h + 2 * pad) * pw;
    float g;
    if (blur) {
        g = 0.0f;
        for (int dy = -1; dy <= 1; ++dy) {
            int yy = y + dy < 0 ? 0 : (y + dy >= h ? h - 1 : y + dy);  // BORDER_REFLECT at one pixel
            float ky = dy == 0 ? centre : side;
            for (int dx = -1; dx <= 1; ++dx) {
                int xx = x + dx < 0 ? 0 : (x + dx >= w ? w - 1 : x + dx);
                g += ky * (dx == 0 ? centre : side) * grayAt(colour, pw, plane, pad, xx, yy);
            }
        }
    } else {
        g = grayAt(colour, pw, plane, pad, x, y);
    }
    guide[(size_t)(y + pad) * pw + x + pad] = g;
}
// The padding of `planes` padded planes from their interiors, as cv::BORDER_REFLECT ("fedcba|abcdef").
__kernel void dn_reflect(__global float* buf, int w, int h, int pad) {
    int x = get_global_id(0), y = get_global_id(1), p = get_global_id(2);
    int pw = w + 2 * pad, ph = h + 2 * pad;
    if (x >= pw || y >= ph) return;
    int ix = x - pad, iy = y - pad;
    if (ix >= 0 && ix < w && iy >= 0 && iy < h) return;
    ix = ix < 0 ? -ix - 1 : (ix >= w ? 2 * w - ix - 1 : ix);
    iy = iy < 0 ? -iy - 1 : (iy >= h ? 2 * h - iy - 1 : iy);
    ix = clamp(ix, 0, w - 1);
    iy = clamp(iy, 0, h - 1);
    __global float* b = buf + (size_t)p * ph * pw;
    b[(size_t)y * pw + x] = b[(size_t)(iy + pad) * pw + ix + pad];
}
// Non-local means over one frame of the aligned stack: every pixel adds the candidates of frame k
// within the search window (sr candidates each side, `step` pixels apart), weighted by the patch
// distance between the padded gray guides.
__kernel void nlm_accumulate(__global const float* g0, __global const float* gk, int gstep,
                             __global const float* ck, int cstep, int cplane, int pad, int w, int h, int sr,
                             int step, int pr,
                             float bias, float invH, float invArea,
                             __global float* sum, __global float* weight, int first) {
    int x = get_global_id(0), y = get_global_id(1);
    if (x >= w || y >= h) return;
    float3 acc = (float3)(0.0f, 0.0f, 0.0f);
    float wacc = 0.0f;
    for (int sy = -sr; sy <= sr; ++sy) {
        for (int sx = -sr; sx <= sr; ++sx) {
            int dx = sx * step, dy = sy * step;
            float d = 0.0f;
            for (int py = -pr; py <= pr; ++py) {
                __global const float* r0 = g0 + (y + pad + py) * gstep + x + pad;
                __global const float* rk = gk + (y + pad + py + dy) * gstep + x + pad + dx;
                for (int px = -pr; px <= pr; ++px) {
                    float v = r0[px] - rk[px];
                    d += v * v;
                }
            }
            float wv = exp(-max(d * invArea - bias, 0.0f) * invH);
            __global const float* c = ck + (y + pad + dy) * cstep + x + pad + dx;  // planar: planes cplane apart
            acc += wv * (float3)(c[0], c[cplane], c[2 * cplane]);
            wacc += wv;
        }
    }
    __global float* s = sum + (y * w + x) * 3;
    if (first) {  // the first frame of the stack starts the sums
        s[0] = acc.x; s[1] = acc.y; s[2] = acc.z;
        weight[y * w + x] = wacc;
    } else {
        s[0] += acc.x; s[1] += acc.y; s[2] += acc.z;
        weight[y * w + x] += wacc;
    }
}

__kernel void nlm_normalise(__global const float* sum, __global const float* weight, __global float* out,
                            int ostep, int w, int h) {
    int x = get_global_id(0), y = get_global_id(1);
    if (x >= w || y >= h) return;
    float inv = 1.0f / weight[y * w + x];
    __global const float* s = sum + (y * w + x) * 3;
    __global float* o = out + y * ostep + x * 3;
    o[0] = s[0] * inv; o[1] = s[1] * inv; o[2] = s[2] * inv;
}
// A native RGB frame (depth 0: 8-bit, 2: 16-bit, 7: half; `step` bytes a row) to working floats.
__kernel void to_working(__global const uchar* src, int step, int depth, float scale, int w, int h,
                         __global float* dst, int dstStep) {
    int x = get_global_id(0), y = get_global_id(1);
    if (x >= w || y >= h) return;
    __global const uchar* row = src + (size_t)y * step;
    __global float* o = dst + (size_t)y * dstStep + 3 * x;
    for (int c = 0; c < 3; ++c) {
        int i = 3 * x + c;
        float v = depth == 0 ? (float)row[i]
                : depth == 2 ? (float)((__global const ushort*)row)[i]
                             : vload_half(i, (__global const half*)row);
        o[c] = v * scale;
    }
}
// Working floats to 8-bit (depth 0) or 16-bit (2) RGB, scaled, rounded to nearest even and
// saturated, or to half floats (7), scaled and rounded to nearest even.
__kernel void from_working(__global const float* src, int srcStep, int depth, float scale, int w, int h,
                           __global uchar* dst, int step) {
    int x = get_global_id(0), y = get_global_id(1);
    if (x >= w || y >= h) return;
    __global const float* s = src + (size_t)y * srcStep + 3 * x;
    __global uchar* row = dst + (size_t)y * step;
    for (int c = 0; c < 3; ++c) {
        float v = s[c] * scale;
        if (depth == 0) row[3 * x + c] = convert_uchar_sat_rte(v);
        else if (depth == 2) ((__global ushort*)row)[3 * x + c] = convert_ushort_sat_rte(v);
        else vstore_half_rte(v, 3 * x + c, (__global half*)row);
    }
}
)CLC";

}  // namespace

cv::ocl::Kernel buildKernel(const cv::ocl::ProgramSource& source, const char* name, const char* options,
                            const char* fallback) {
    static std::mutex mutex;
    static std::set<const cv::ocl::ProgramSource*> warned;  // the programs already reported
    std::lock_guard<std::mutex> lock(mutex);
    cv::String errors;
    cv::ocl::Kernel k(name, source, options, &errors);
    if (k.empty() && warned.insert(&source).second)
        std::fprintf(stderr, "rushes: OpenCL kernel %s unavailable on %s, %s instead: %s\n", name,
                     cv::ocl::Device::getDefault().name().c_str(), fallback,
                     errors.empty() ? "no build log" : errors.c_str());
    return k;
}

const std::string& commonKernelSource() {
    static const std::string text = kCommon;
    return text;
}

cv::ocl::Kernel kernel(const char* name) {
    static const cv::ocl::ProgramSource source("rushes", "processing", commonKernelSource() + kSource, "");
    return buildKernel(source, name, "-cl-fast-relaxed-math", "using the CPU code");
}

bool isFrameType(int type) {
    return type == CV_32FC3 || type == CV_8UC3 || type == CV_16UC3 || type == CV_16FC3;
}

bool isOutputDepth(int depth) {
    return depth == CV_32F || depth == CV_8U || depth == CV_16U || depth == CV_16F;
}

double workingScale(int depth) {
    switch (depth) {
        case CV_16U:
            return 255.0 / 65535.0;
        case CV_16F:
            return 255.0;
        default:
            return 1.0;
    }
}

cv::Mat toWorking(const cv::Mat& frame) {
    if (frame.type() == CV_32FC3 || frame.empty()) return frame;
    cv::Mat f;
    if (frame.depth() == CV_16F) {
        frame.convertTo(f, CV_32F);
        f *= 255.0;
    } else {
        frame.convertTo(f, CV_32F, workingScale(frame.depth()));
    }
    return f;
}

cv::Mat toDepth(const cv::Mat& frame, int depth) {
    if (frame.depth() == depth) return frame.clone();
    const cv::Mat w = toWorking(frame);
    if (depth == CV_32F) return w.data == frame.data ? w.clone() : w;
    cv::Mat out(frame.size(), CV_MAKETYPE(depth, frame.channels()));
    workingTo(w, depth, out);
    return out;
}

void workingTo(const cv::Mat& working, int depth, cv::Mat& out) {
    if (depth == CV_32F) {
        working.copyTo(out);
    } else if (depth == CV_16F) {
        // Scaled in float, then rounded to half (to nearest even), as from_working does.
        cv::Mat f;
        working.convertTo(f, CV_32F, 1.0 / workingScale(depth));
        f.convertTo(out, CV_16F);
    } else {
        working.convertTo(out, depth, 1.0 / workingScale(depth));
    }
}

uint64_t sparseFingerprint(const cv::Mat& m) {
    constexpr int kGrid = 128;
    const size_t bytes = std::min<size_t>(m.elemSize(), 12);
    std::array<uint64_t, kGrid> rows;
    auto hashRows = [&](const cv::Range& range) {
        for (int i = range.start; i < range.end; ++i) {
            const uchar* r = m.ptr(int((int64_t(m.rows) * (2 * i + 1)) / (2 * kGrid)));
            uint64_t h = 1469598103934665603ull;
            for (int j = 0; j < kGrid; ++j) {
                uint32_t v[3] = {0, 0, 0};
                std::memcpy(v, r + bytes * size_t((int64_t(m.cols) * (2 * j + 1)) / (2 * kGrid)), bytes);
                h = (h ^ v[0] ^ (uint64_t(v[1]) << 21) ^ (uint64_t(v[2]) << 42)) * 1099511628211ull;
            }
            rows[size_t(i)] = h;
        }
    };
    if (m.total() >= 1000000)
        cv::parallel_for_(cv::Range(0, kGrid), hashRows, 16);
    else
        hashRows(cv::Range(0, kGrid));
    uint64_t h = (1469598103934665603ull ^ uint64_t(m.type())) * 1099511628211ull;
    for (uint64_t r : rows) h = (h ^ r) * 1099511628211ull;
    return h;
}

namespace {
// Slices of a frame in flight at once: while the device moves one, the threads copy the next.
constexpr size_t kSlices = 4;

// Rows [r.start, r.end) of a packed copy between `src` and `dst`, spread over the threads.
void copyRows(const uchar* src, size_t srcStep, uchar* dst, size_t dstStep, size_t rowBytes, cv::Range rows) {
    cv::parallel_for_(rows, [&](const cv::Range& r) {
        for (int y = r.start; y < r.end; ++y)
            std::memcpy(dst + size_t(y) * dstStep, src + size_t(y) * srcStep, rowBytes);
    });
}
}  // namespace

PinnedTransfers::~PinnedTransfers() {
    release();
}

bool PinnedTransfers::pay() {
    const cv::ocl::Device& d = cv::ocl::Device::getDefault();
    return d.available() && !d.hostUnifiedMemory();
}

void PinnedTransfers::release() {
    if (m_buffer) {
        if (m_host && m_queue) {
            clEnqueueUnmapMemObject(m_queue, m_buffer, m_host, 0, nullptr, nullptr);
            clFinish(m_queue);
        }
        clReleaseMemObject(m_buffer);
    }
    if (m_queue) clReleaseCommandQueue(m_queue);
    m_buffer = nullptr;
    m_host = nullptr;
    m_queue = nullptr;
    m_context = nullptr;
    m_bytes = 0;
}

bool PinnedTransfers::reserve(size_t bytes) {
    void* context = cv::ocl::Context::getDefault(false).ptr();
    auto queue = static_cast<cl_command_queue>(cv::ocl::Queue::getDefault().ptr());
    if (!context || !queue) return false;
    if (m_buffer && context == m_context && bytes <= m_bytes) return true;
    release();
    cl_int err = CL_SUCCESS;
    cl_mem buffer = clCreateBuffer(static_cast<cl_context>(context),
                                   CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, bytes, nullptr, &err);
    if (err != CL_SUCCESS || !buffer) return false;
    void* host = clEnqueueMapBuffer(queue, buffer, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, 0, bytes, 0, nullptr,
                                    nullptr, &err);
    if (err != CL_SUCCESS || !host) {
        clReleaseMemObject(buffer);
        return false;
    }
    clRetainCommandQueue(queue);
    m_context = context;
    m_queue = queue;
    m_buffer = buffer;
    m_host = static_cast<uchar*>(host);
    m_bytes = bytes;
    return true;
}

bool PinnedTransfers::upload(const cv::Mat& frame, cv::UMat& out) {
    out.create(frame.size(), frame.type());
    const size_t rowBytes = size_t(frame.cols) * frame.elemSize(), bytes = rowBytes * size_t(frame.rows);
    if (frame.empty() || out.offset != 0 || out.step != rowBytes || !reserve(bytes)) return false;
    auto queue = static_cast<cl_command_queue>(cv::ocl::Queue::getDefault().ptr());
    auto dst = static_cast<cl_mem>(out.handle(cv::ACCESS_WRITE));
    // Slice k is copied in while slice k - 1 goes up; the writes queue in order and return at once.
    bool ok = true;
    for (size_t k = 0; k < kSlices && ok; ++k) {
        const int y0 = int(size_t(frame.rows) * k / kSlices),
                  y1 = int(size_t(frame.rows) * (k + 1) / kSlices);
        if (y1 <= y0) continue;
        copyRows(frame.data, frame.step, m_host, rowBytes, rowBytes, cv::Range(y0, y1));
        ok = clEnqueueWriteBuffer(queue, dst, CL_FALSE, size_t(y0) * rowBytes, size_t(y1 - y0) * rowBytes,
                                  m_host + size_t(y0) * rowBytes, 0, nullptr, nullptr) == CL_SUCCESS;
    }
    // The pinned memory is reused by the next call: the writes must have read it.
    return clFinish(queue) == CL_SUCCESS && ok;
}

bool PinnedTransfers::download(const cv::UMat& frame, cv::Mat& out) {
    const size_t rowBytes = size_t(frame.cols) * frame.elemSize(), bytes = rowBytes * size_t(frame.rows);
    if (frame.empty() || frame.offset != 0 || frame.step != rowBytes || !reserve(bytes)) return false;
    auto queue = static_cast<cl_command_queue>(cv::ocl::Queue::getDefault().ptr());
    auto src = static_cast<cl_mem>(frame.handle(cv::ACCESS_READ));
    // All slices queued, each with an event; the threads copy slice k out once it has arrived, while
    // the device sends the next ones.
    std::array<cl_event, kSlices> done{};
    std::array<cv::Range, kSlices> rows{};
    bool ok = true;
    for (size_t k = 0; k < kSlices && ok; ++k) {
        rows[k] =
            cv::Range(int(size_t(frame.rows) * k / kSlices), int(size_t(frame.rows) * (k + 1) / kSlices));
        if (rows[k].empty()) continue;
        ok = clEnqueueReadBuffer(queue, src, CL_FALSE, size_t(rows[k].start) * rowBytes,
                                 size_t(rows[k].size()) * rowBytes, m_host + size_t(rows[k].start) * rowBytes,
                                 0, nullptr, &done[k]) == CL_SUCCESS;
    }
    clFlush(queue);
    if (ok) out.create(frame.size(), frame.type());
    for (size_t k = 0; k < kSlices; ++k) {
        if (!done[k]) continue;
        ok = ok && clWaitForEvents(1, &done[k]) == CL_SUCCESS;
        if (ok) copyRows(m_host, rowBytes, out.data, out.step, rowBytes, rows[k]);
        clReleaseEvent(done[k]);
    }
    return clFinish(queue) == CL_SUCCESS && ok;
}

bool uploadWorking(const cv::Mat& frame, cv::UMat& staging, cv::UMat& out, PinnedTransfers* pinned) {
    if (frame.type() == CV_32FC3) {
        if (!pinned || !pinned->upload(frame, out)) frame.copyTo(out);
        return true;
    }
    if (!pinned || !pinned->upload(frame, staging)) frame.copyTo(staging);
    out.create(frame.size(), CV_32FC3);
    DeviceQueue q;
    q.run(kernel("to_working"), size_t(frame.cols), size_t(frame.rows), 1, staging, int(staging.step),
          frame.depth(), float(workingScale(frame.depth())), frame.cols, frame.rows, out,
          int(out.step / sizeof(float)));
    return q.ok();
}

bool downloadWorking(const cv::UMat& working, int depth, cv::UMat& staging, cv::Mat& out,
                     PinnedTransfers* pinned) {
    if (depth == CV_32F) {
        if (!pinned || !pinned->download(working, out)) working.copyTo(out);
        return true;
    }
    if (!isOutputDepth(depth)) return false;
    staging.create(working.size(), CV_MAKETYPE(depth, 3));
    DeviceQueue q;
    q.run(kernel("from_working"), size_t(working.cols), size_t(working.rows), 1, working,
          int(working.step / sizeof(float)), depth, float(1.0 / workingScale(depth)), working.cols,
          working.rows, staging, int(staging.step));
    if (!q.ok()) return false;
    if (!pinned || !pinned->download(staging, out)) staging.copyTo(out);
    return true;
}

}  // namespace rushes::processing::internal
