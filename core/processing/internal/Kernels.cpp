#include "processing/internal/Kernels.h"

#include <cstdio>
#include <mutex>
#include <set>

namespace rushes::processing::internal {
namespace {

// Bilinear sampling with clamped coordinates, float images stored as row-major arrays.
const char* kSource = R"CLC(
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
// Non-local means over one frame of the aligned stack: every pixel adds the candidates of frame k
// within the search window, weighted by the patch distance between the padded gray guides.
__kernel void nlm_accumulate(__global const float* g0, __global const float* gk, int gstep,
                             __global const float* ck, int cstep, int cplane, int pad, int w, int h, int sr, int pr,
                             float bias, float invH, float invArea,
                             __global float* sum, __global float* weight) {
    int x = get_global_id(0), y = get_global_id(1);
    if (x >= w || y >= h) return;
    float3 acc = (float3)(0.0f, 0.0f, 0.0f);
    float wacc = 0.0f;
    for (int dy = -sr; dy <= sr; ++dy) {
        for (int dx = -sr; dx <= sr; ++dx) {
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
    s[0] += acc.x; s[1] += acc.y; s[2] += acc.z;
    weight[y * w + x] += wacc;
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

cv::ocl::Kernel kernel(const char* name) {
    static const cv::ocl::ProgramSource source("rushes", "processing", kSource, "");
    return buildKernel(source, name, "-cl-fast-relaxed-math", "using the CPU code");
}

}  // namespace rushes::processing::internal
