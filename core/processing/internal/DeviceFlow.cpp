#include "processing/internal/DeviceFlow.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/core/ocl.hpp>

#include "processing/internal/CpuFlow.h"
#include "processing/internal/Kernels.h"

namespace rushes::processing::internal {
namespace {

// Stacks of n planes (plane z at z * w * h); flows are float2 per pixel.
const char* kSource = R"CLC(
// sample1 and sample2 (bilinear, clamped) come from commonKernelSource().
inline float bilinear(__global const float* img, int w, int h, float x, float y) {
    return sample1(img, w, w, h, x, y);
}
inline float2 bilinear2(__global const float2* img, int w, int h, float x, float y) {
    return sample2((__global const float*)img, 2 * w, w, h, x, y);
}

// The next pyramid level: means of 2 x 2 pixels (cv::resize INTER_AREA at exactly half).
__kernel void fl_down(__global const float* src, int w, int h, __global float* dst, int w2, int h2) {
    int x = get_global_id(0), y = get_global_id(1), z = get_global_id(2);
    if (x >= w2 || y >= h2) return;
    __global const float* s = src + (size_t)z * w * h;
    int xa = min(2 * x, w - 1), xb = min(2 * x + 1, w - 1), ya = min(2 * y, h - 1), yb = min(2 * y + 1, h - 1);
    dst[(size_t)z * w2 * h2 + y * w2 + x] = 0.25f * (s[ya * w + xa] + s[ya * w + xb] + s[yb * w + xa] + s[yb * w + xb]);
}

// Sobel gradients divided by 8 (derivatives per pixel), borders reflected as BORDER_REFLECT_101.
__kernel void fl_gradient(__global const float* img, int w, int h, __global float2* grad) {
    int x = get_global_id(0), y = get_global_id(1), z = get_global_id(2);
    if (x >= w || y >= h) return;
    __global const float* s = img + (size_t)z * w * h;
    int xm = x > 0 ? x - 1 : min(1, w - 1), xp = x + 1 < w ? x + 1 : max(w - 2, 0);
    int ym = y > 0 ? y - 1 : min(1, h - 1), yp = y + 1 < h ? y + 1 : max(h - 2, 0);
    float gx = (s[ym * w + xp] - s[ym * w + xm]) + 2.0f * (s[y * w + xp] - s[y * w + xm]) + (s[yp * w + xp] - s[yp * w + xm]);
    float gy = (s[yp * w + xm] - s[ym * w + xm]) + 2.0f * (s[yp * w + x] - s[ym * w + x]) + (s[yp * w + xp] - s[ym * w + xp]);
    grad[(size_t)z * w * h + y * w + x] = (float2)(gx, gy) * 0.125f;
}

// The mean-normalised sum of squared differences of a patch at (px, py) moved by u, and the
// Gauss-Newton right-hand side (gradient-weighted differences less their means).
inline float patchCost(__global const float* I0, __global const float* I1, __global const float2* grad, int w, int h,
                       int px, int py, int ps, float2 u, float2 gsum, float2* rhs) {
    float sd = 0.0f, sdd = 0.0f, bx = 0.0f, by = 0.0f;
    for (int dy = 0; dy < ps; ++dy) {
        for (int dx = 0; dx < ps; ++dx) {
            int p = (py + dy) * w + px + dx;
            float diff = bilinear(I1, w, h, px + dx + u.x, py + dy + u.y) - I0[p];
            float2 g = grad[p];
            sd += diff;
            sdd += diff * diff;
            bx += g.x * diff;
            by += g.y * diff;
        }
    }
    float n = (float)(ps * ps);
    *rhs = (float2)(bx - gsum.x * sd / n, by - gsum.y * sd / n);
    return sdd - sd * sd / n;
}

// The patch's Gauss-Newton system: the mean-normalised structure tensor of its gradients.
typedef struct { float hxx, hxy, hyy, det; float2 gsum; } PatchSystem;
inline PatchSystem patchSystem(__global const float2* grad, int w, int px, int py, int ps) {
    float sx = 0.0f, sy = 0.0f, sxx = 0.0f, sxy = 0.0f, syy = 0.0f;
    for (int dy = 0; dy < ps; ++dy) {
        for (int dx = 0; dx < ps; ++dx) {
            float2 g = grad[(py + dy) * w + px + dx];
            sx += g.x;
            sy += g.y;
            sxx += g.x * g.x;
            sxy += g.x * g.y;
            syy += g.y * g.y;
        }
    }
    float n = (float)(ps * ps);
    PatchSystem S;
    S.hxx = sxx - sx * sx / n;
    S.hxy = sxy - sx * sy / n;
    S.hyy = syy - sy * sy / n;
    S.det = S.hxx * S.hyy - S.hxy * S.hxy;
    if (fabs(S.det) < 1e-3f) S.det = 1e-3f;
    S.gsum = (float2)(sx, sy);
    return S;
}

// Gauss-Newton steps from u; a step that does not lower the cost is halved, from the best point so
// far (on coarse, aliased levels the linearisation overshoots). A result further than a patch size
// from its start is dropped, as in OpenCV.
inline float2 descend(__global const float* I0, __global const float* I1, __global const float2* grad, int w, int h,
                      int px, int py, int ps, PatchSystem S, float2 u, int iterations) {
    float2 start = u, best = u, step = (float2)(0.0f, 0.0f), rhs;
    float bestCost = INFINITY;
    for (int it = 0; it < iterations; ++it) {
        float c = patchCost(I0, I1, grad, w, h, px, py, ps, u, S.gsum, &rhs);
        if (c >= bestCost) {
            step *= 0.5f;
            u = best - step;
            continue;
        }
        bestCost = c;
        best = u;
        step = (float2)(S.hyy * rhs.x - S.hxy * rhs.y, S.hxx * rhs.y - S.hxy * rhs.x) / S.det;
        u = best - step;
    }
    return length(best - start) > (float)ps ? start : best;
}

// One patch of the inverse search. `coarse` is the dense flow of the level above (cw x ch), or
// none (cw == 0: the search starts from zero).
__kernel void fl_search(__global const float* I0s, __global const float* I1s, __global const float2* grads,
                        __global const float2* coarses, int cw, int ch, __global float2* sparse, int w, int h,
                        int ws, int hs, int ps, int stride, int iterations) {
    int i = get_global_id(0), j = get_global_id(1), z = get_global_id(2);
    if (i >= ws || j >= hs) return;
    __global const float* I0 = I0s + (size_t)z * w * h;
    __global const float* I1 = I1s + (size_t)z * w * h;
    __global const float2* grad = grads + (size_t)z * w * h;
    int px = min(i * stride, w - ps), py = min(j * stride, h - ps);  // patchAt (CpuFlow.h)
    PatchSystem S = patchSystem(grad, w, px, py, ps);
    // Start: the coarser level's flow at this patch's centre or a neighbour's, whichever fits best.
    float2 u = (float2)(0.0f, 0.0f), rhs;
    float cost = INFINITY;
    if (cw > 0) {
        __global const float2* coarse = coarses + (size_t)z * cw * ch;
        float rx = (float)cw / w, ry = (float)ch / h;
        const int2 offsets[5] = {(int2)(0, 0), (int2)(-1, 0), (int2)(1, 0), (int2)(0, -1), (int2)(0, 1)};
        for (int k = 0; k < 5; ++k) {
            float cx = px + 0.5f * ps + offsets[k].x * stride, cy = py + 0.5f * ps + offsets[k].y * stride;
            float2 v = bilinear2(coarse, cw, ch, cx * rx - 0.5f, cy * ry - 0.5f);
            v = (float2)(v.x / rx, v.y / ry);
            float c = patchCost(I0, I1, grad, w, h, px, py, ps, v, S.gsum, &rhs);
            if (c < cost) {
                cost = c;
                u = v;
            }
        }
    }
    sparse[(size_t)z * ws * hs + j * ws + i] = descend(I0, I1, grad, w, h, px, py, ps, S, u, iterations);
}

// Propagation, in parallel: each patch starts again from the best of its own result and its four
// neighbours' (`in`), and descends from there (`out`). OpenCV's DIS propagates in scan order,
// forwards then backwards, which a GPU cannot; each such sweep lets a patch that went astray take a
// neighbour's better flow, and a few sweeps carry it across a moving object.
__kernel void fl_propagate(__global const float* I0s, __global const float* I1s, __global const float2* grads,
                           __global const float2* in, __global float2* out, int w, int h, int ws, int hs, int ps,
                           int stride, int iterations) {
    int i = get_global_id(0), j = get_global_id(1), z = get_global_id(2);
    if (i >= ws || j >= hs) return;
    __global const float* I0 = I0s + (size_t)z * w * h;
    __global const float* I1 = I1s + (size_t)z * w * h;
    __global const float2* grad = grads + (size_t)z * w * h;
    __global const float2* s = in + (size_t)z * ws * hs;
    int px = min(i * stride, w - ps), py = min(j * stride, h - ps);  // patchAt (CpuFlow.h)
    PatchSystem S = patchSystem(grad, w, px, py, ps);
    float2 rhs, u = s[j * ws + i];
    float cost = patchCost(I0, I1, grad, w, h, px, py, ps, u, S.gsum, &rhs);
    const int2 offsets[4] = {(int2)(-1, 0), (int2)(0, -1), (int2)(1, 0), (int2)(0, 1)};
    for (int k = 0; k < 4; ++k) {
        int ni = i + offsets[k].x, nj = j + offsets[k].y;
        if (ni < 0 || nj < 0 || ni >= ws || nj >= hs) continue;
        float2 v = s[nj * ws + ni];
        float c = patchCost(I0, I1, grad, w, h, px, py, ps, v, S.gsum, &rhs);
        if (c < cost) {
            cost = c;
            u = v;
        }
    }
    out[(size_t)z * ws * hs + j * ws + i] = descend(I0, I1, grad, w, h, px, py, ps, S, u, iterations);
}

// A flow of the finest level computed (sw x sh) brought to the frame's size (dw x dh), as
// cv::resize INTER_LINEAR does, its vectors scaled with it.
__kernel void fl_upsample(__global const float2* src, int sw, int sh, __global float2* dst, int dw, int dh) {
    int x = get_global_id(0), y = get_global_id(1), z = get_global_id(2);
    if (x >= dw || y >= dh) return;
    float rx = (float)sw / dw, ry = (float)sh / dh;
    float2 v = bilinear2(src + (size_t)z * sw * sh, sw, sh, (x + 0.5f) * rx - 0.5f, (y + 0.5f) * ry - 0.5f);
    dst[(size_t)z * dw * dh + y * dw + x] = (float2)(v.x / rx, v.y / ry);
}

// Each pixel: the patches covering it, weighted by how well each explains the pixel.
__kernel void fl_densify(__global const float* I0s, __global const float* I1s, __global const float2* sparse,
                         int w, int h, int ws, int hs, int ps, int stride, __global float2* dense) {
    int x = get_global_id(0), y = get_global_id(1), z = get_global_id(2);
    if (x >= w || y >= h) return;
    __global const float* I0 = I0s + (size_t)z * w * h;
    __global const float* I1 = I1s + (size_t)z * w * h;
    __global const float2* s = sparse + (size_t)z * ws * hs;
    // The last patch of a row or column lies against the far edge (patchAt).
    int iu = y >= h - ps ? hs - 1 : min(y / stride, hs - 1), il = min(max(y - ps + stride, 0) / stride, iu);
    int ju = x >= w - ps ? ws - 1 : min(x / stride, ws - 1), jl = min(max(x - ps + stride, 0) / stride, ju);
    float i0 = I0[y * w + x];
    float2 acc = (float2)(0.0f, 0.0f);
    float total = 0.0f;
    for (int i = il; i <= iu; ++i) {
        for (int j = jl; j <= ju; ++j) {
            float2 u = s[i * ws + j];
            float d = bilinear(I1, w, h, x + u.x, y + u.y) - i0;
            float c = 1.0f / fmax(1.0f, fabs(d));
            acc += c * u;
            total += c;
        }
    }
    dense[(size_t)z * w * h + y * w + x] = acc / total;
}
)CLC";

cv::ocl::Kernel flowKernel(const char* name) {
    static const cv::ocl::ProgramSource source("rushes", "flow", commonKernelSource() + kSource, "");
    return buildKernel(source, name, "", "using OpenCV's DIS");
}

}  // namespace

bool flowsOnDevice(const cv::UMat& from, const cv::UMat& to, int n, int w, int h, cv::UMat& flow,
                   const DeviceFlowSettings& s) {
    const int ps = s.patchSize, stride = s.patchStride;
    if (n <= 0 || w < ps || h < ps || ps < 2 || stride < 1 || from.rows != n * h || from.cols != w ||
        to.size() != from.size() || from.type() != CV_32F || to.type() != CV_32F || !from.isContinuous() ||
        !to.isContinuous())
        return false;
    const cv::ocl::Kernel down = flowKernel("fl_down"), gradient = flowKernel("fl_gradient"),
                          search = flowKernel("fl_search"), densify = flowKernel("fl_densify"),
                          propagate = flowKernel("fl_propagate"), upsample = flowKernel("fl_upsample");
    const int coarsest = disCoarsestLevel(w, h, ps);
    try {
        struct Level {
            int w, h;
            cv::UMat i0, i1, grad, dense;
        };
        std::vector<Level> levels(size_t(coarsest) + 1);
        levels[0] = {w, h, from, to, {}, {}};
        DeviceQueue q;
        for (size_t l = 1; l < levels.size(); ++l) {
            Level &up = levels[l - 1], &lv = levels[l];
            lv.w = up.w / 2;
            lv.h = up.h / 2;
            if (lv.w < ps || lv.h < ps) {
                levels.resize(l);
                break;
            }
            lv.i0.create(n * lv.h, lv.w, CV_32F);
            lv.i1.create(n * lv.h, lv.w, CV_32F);
            q.run(down, size_t(lv.w), size_t(lv.h), size_t(n), up.i0, up.w, up.h, lv.i0, lv.w, lv.h);
            q.run(down, size_t(lv.w), size_t(lv.h), size_t(n), up.i1, up.w, up.h, lv.i1, lv.w, lv.h);
        }
        const int finest = std::min(std::max(0, s.finestLevel), int(levels.size()) - 1);
        cv::UMat sparse, swept;
        for (int l = int(levels.size()) - 1; l >= finest; --l) {
            Level& lv = levels[size_t(l)];
            const int ws = patchCount(lv.w, ps, stride), hs = patchCount(lv.h, ps, stride);
            lv.grad.create(n * lv.h, lv.w, CV_32FC2);
            sparse.create(n * hs, ws, CV_32FC2);
            swept.create(n * hs, ws, CV_32FC2);
            if (l == 0) {
                flow.create(n * h, w, CV_32FC2);
                lv.dense = flow;
            } else {
                lv.dense.create(n * lv.h, lv.w, CV_32FC2);
            }
            q.run(gradient, size_t(lv.w), size_t(lv.h), size_t(n), lv.i0, lv.w, lv.h, lv.grad);
            const bool top = size_t(l) + 1 == levels.size();
            const Level& above = top ? lv : levels[size_t(l) + 1];
            const int sweeps = std::max(0, s.propagationSweeps), rest = std::max(0, s.sweepIterations);
            const int first = std::max(1, s.iterations - sweeps * rest);
            q.run(search, size_t(ws), size_t(hs), size_t(n), lv.i0, lv.i1, lv.grad,
                  top ? lv.grad : above.dense, top ? 0 : above.w, top ? 0 : above.h, sparse, lv.w, lv.h, ws,
                  hs, ps, stride, first);
            for (int k = 0; k < sweeps; ++k) {
                q.run(propagate, size_t(ws), size_t(hs), size_t(n), lv.i0, lv.i1, lv.grad, sparse, swept,
                      lv.w, lv.h, ws, hs, ps, stride, rest);
                std::swap(sparse, swept);
            }
            q.run(densify, size_t(lv.w), size_t(lv.h), size_t(n), lv.i0, lv.i1, sparse, lv.w, lv.h, ws, hs,
                  ps, stride, lv.dense);
        }
        if (finest > 0) {
            const Level& lv = levels[size_t(finest)];
            flow.create(n * h, w, CV_32FC2);
            q.run(upsample, size_t(w), size_t(h), size_t(n), lv.dense, lv.w, lv.h, flow, w, h);
        }
        if (!q.ok()) return false;
        if (s.refine.fixedPointIterations > 0) return refineOnDevice(from, to, n, w, h, flow, s.refine);
        return true;
    } catch (const cv::Exception&) {  // out of device memory, lost device
        return false;
    }
}

}  // namespace rushes::processing::internal
