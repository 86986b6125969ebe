#include "processing/internal/DeviceRefine.h"

#include <initializer_list>

#include <opencv2/core/ocl.hpp>

#include "processing/internal/Kernels.h"

namespace rushes::processing::internal {
namespace {

// Every buffer is a stack of planes of w x h floats (rows contiguous, w floats apart): for each
// quantity, plane d belongs to pair d (n pairs; frame `from` d to frame `to` d). The flows
// interleave u and v.
// Derivatives are taken on the mean of the first frame and the second warped by the input flow,
// as central differences with replicated borders; the temporal ones on their difference.
const char* kSource = R"CLC(
#define IX 0
#define IY 1
#define IZ 2
#define IXX 3
#define IXY 4
#define IYY 5
#define IXZ 6
#define IYZ 7
#define PLANE(buf, k, d) ((buf) + ((k) * n + (d)) * (size_t)w * h)

// The second frame warped by the input flow (bilinear, replicated border), the mean of the two
// frames and the temporal difference.
__kernel void vr_prepare(__global const float* from, __global const float* to, __global const float* flow,
                         __global float* avg, __global float* der, int w, int h, int n) {
    int x = get_global_id(0), y = get_global_id(1), d = get_global_id(2);
    if (x >= w || y >= h) return;
    __global const float* i0 = from + (size_t)d * w * h;
    __global const float* i1 = to + (size_t)d * w * h;
    size_t p = (size_t)y * w + x;
    __global const float* f = flow + 2 * ((size_t)d * w * h + p);
    float sx = fmin(fmax(x + f[0], -1.0f), (float)w), sy = fmin(fmax(y + f[1], -1.0f), (float)h);
    float fx0 = floor(sx), fy0 = floor(sy);
    int x0 = (int)fx0, y0 = (int)fy0;
    float ax = sx - fx0, ay = sy - fy0;
    int xa = clamp(x0, 0, w - 1), xb = clamp(x0 + 1, 0, w - 1);
    int ya = clamp(y0, 0, h - 1), yb = clamp(y0 + 1, 0, h - 1);
    float v = mix(mix(i1[ya * w + xa], i1[ya * w + xb], ax), mix(i1[yb * w + xa], i1[yb * w + xb], ax), ay);
    float c = i0[p];
    avg[(size_t)d * w * h + p] = 0.5f * (c + v);
    PLANE(der, IZ, d)[p] = v - c;
}

__kernel void vr_derivatives(__global const float* avg, __global float* der, int w, int h, int n) {
    int x = get_global_id(0), y = get_global_id(1), d = get_global_id(2);
    if (x >= w || y >= h) return;
    int xm = max(x - 1, 0), xp = min(x + 1, w - 1), ym = max(y - 1, 0), yp = min(y + 1, h - 1);
    __global const float* a = avg + (size_t)d * w * h;
    __global const float* z = PLANE(der, IZ, d);
    size_t p = (size_t)y * w + x;
    PLANE(der, IX, d)[p] = a[y * w + xp] - a[y * w + xm];
    PLANE(der, IY, d)[p] = a[yp * w + x] - a[ym * w + x];
    PLANE(der, IXZ, d)[p] = z[y * w + xp] - z[y * w + xm];
    PLANE(der, IYZ, d)[p] = z[yp * w + x] - z[ym * w + x];
}

__kernel void vr_derivatives2(__global float* der, int w, int h, int n) {
    int x = get_global_id(0), y = get_global_id(1), d = get_global_id(2);
    if (x >= w || y >= h) return;
    int xm = max(x - 1, 0), xp = min(x + 1, w - 1), ym = max(y - 1, 0), yp = min(y + 1, h - 1);
    __global const float* ix = PLANE(der, IX, d);
    __global const float* iy = PLANE(der, IY, d);
    size_t p = (size_t)y * w + x;
    PLANE(der, IXX, d)[p] = ix[y * w + xp] - ix[y * w + xm];
    PLANE(der, IXY, d)[p] = ix[yp * w + x] - ix[ym * w + x];
    PLANE(der, IYY, d)[p] = iy[yp * w + x] - iy[ym * w + x];
}

// Smoothness weight of each pixel's right and lower edges, from the current flow (input + increment).
__kernel void vr_smoothness(__global const float* flow, __global const float* du, __global const float* dv,
                            __global float* weight, int w, int h, float alpha2, float eps2) {
    int x = get_global_id(0), y = get_global_id(1), d = get_global_id(2);
    if (x >= w || y >= h) return;
    size_t base = (size_t)d * w * h, p = base + (size_t)y * w + x;
    float u = flow[2 * p] + du[p], v = flow[2 * p + 1] + dv[p];
    float ux = 0.0f, vx = 0.0f, uy = 0.0f, vy = 0.0f;
    if (x + 1 < w) {
        ux = flow[2 * (p + 1)] + du[p + 1] - u;
        vx = flow[2 * (p + 1) + 1] + dv[p + 1] - v;
    }
    if (y + 1 < h) {
        uy = flow[2 * (p + w)] + du[p + w] - u;
        vy = flow[2 * (p + w) + 1] + dv[p + w] - v;
    }
    weight[p] = alpha2 / sqrt(ux * ux + vx * vx + uy * uy + vy * vy + eps2);
}

// The linearised system of each pixel: data terms with their robust weights at the current
// increment, plus the smoothness edges to its neighbours (the input flow's differences on the right).
__kernel void vr_system(__global const float* der, __global const float* flow, __global const float* du,
                        __global const float* dv, __global const float* weight, __global float* sys, int w, int h, int n,
                        float delta2, float gamma2, float zeta2, float eps2) {
    int x = get_global_id(0), y = get_global_id(1), d = get_global_id(2);
    if (x >= w || y >= h) return;
    size_t q = (size_t)y * w + x, base = (size_t)d * w * h, p = base + q;
    float Ix = PLANE(der, IX, d)[q], Iy = PLANE(der, IY, d)[q], Iz = PLANE(der, IZ, d)[q];
    float Ixx = PLANE(der, IXX, d)[q], Ixy = PLANE(der, IXY, d)[q], Iyy = PLANE(der, IYY, d)[q];
    float Ixz = PLANE(der, IXZ, d)[q], Iyz = PLANE(der, IYZ, d)[q];
    float a = du[p], b = dv[p];
    // Brightness constancy.
    float nb = Ix * Ix + Iy * Iy + zeta2;
    float e = Iz + Ix * a + Iy * b;
    float k = delta2 / sqrt(e * e / nb + eps2) / nb;
    float a11 = k * Ix * Ix + zeta2, a12 = k * Ix * Iy, a22 = k * Iy * Iy + zeta2;
    float b1 = -k * Iz * Ix, b2 = -k * Iz * Iy;
    // Gradient constancy.
    float n1 = Ixx * Ixx + Ixy * Ixy + zeta2, n2 = Iyy * Iyy + Ixy * Ixy + zeta2;
    float ex = Ixz + Ixx * a + Ixy * b, ey = Iyz + Ixy * a + Iyy * b;
    k = gamma2 / sqrt(ex * ex / n1 + ey * ey / n2 + eps2);
    a11 += k * (Ixx * Ixx / n1 + Ixy * Ixy / n2);
    a12 += k * (Ixx * Ixy / n1 + Ixy * Iyy / n2);
    a22 += k * (Ixy * Ixy / n1 + Iyy * Iyy / n2);
    b1 -= k * (Ixx * Ixz / n1 + Ixy * Iyz / n2);
    b2 -= k * (Ixy * Ixz / n1 + Iyy * Iyz / n2);
    // Smoothness: one term per edge inside the image.
    float wu = flow[2 * p], wv = flow[2 * p + 1], s;
    if (x + 1 < w) {
        s = weight[p];
        a11 += s; a22 += s;
        b1 += s * (flow[2 * (p + 1)] - wu);
        b2 += s * (flow[2 * (p + 1) + 1] - wv);
    }
    if (x > 0) {
        s = weight[p - 1];
        a11 += s; a22 += s;
        b1 += s * (flow[2 * (p - 1)] - wu);
        b2 += s * (flow[2 * (p - 1) + 1] - wv);
    }
    if (y + 1 < h) {
        s = weight[p];
        a11 += s; a22 += s;
        b1 += s * (flow[2 * (p + w)] - wu);
        b2 += s * (flow[2 * (p + w) + 1] - wv);
    }
    if (y > 0) {
        s = weight[p - w];
        a11 += s; a22 += s;
        b1 += s * (flow[2 * (p - w)] - wu);
        b2 += s * (flow[2 * (p - w) + 1] - wv);
    }
    size_t plane = (size_t)n * w * h;
    sys[p] = a11;
    sys[p + plane] = a12;
    sys[p + 2 * plane] = a22;
    sys[p + 3 * plane] = b1;
    sys[p + 4 * plane] = b2;
}

// One half of a red-black SOR sweep: the pixels with (x + y) % 2 == parity, whose neighbours all
// have the other parity.
__kernel void vr_sor(__global const float* sys, __global const float* weight, __global float* du, __global float* dv,
                     int w, int h, int n, int parity, float omega) {
    int x = get_global_id(0), y = get_global_id(1), d = get_global_id(2);
    if (x >= w || y >= h || ((x + y) & 1) != parity) return;
    size_t p = (size_t)d * w * h + (size_t)y * w + x;
    float su = 0.0f, sv = 0.0f, s;
    if (x + 1 < w) { s = weight[p]; su += s * du[p + 1]; sv += s * dv[p + 1]; }
    if (x > 0) { s = weight[p - 1]; su += s * du[p - 1]; sv += s * dv[p - 1]; }
    if (y + 1 < h) { s = weight[p]; su += s * du[p + w]; sv += s * dv[p + w]; }
    if (y > 0) { s = weight[p - w]; su += s * du[p - w]; sv += s * dv[p - w]; }
    size_t plane = (size_t)n * w * h;
    float a11 = sys[p], a12 = sys[p + plane], a22 = sys[p + 2 * plane], b1 = sys[p + 3 * plane], b2 = sys[p + 4 * plane];
    float u = du[p], v = dv[p];
    u += omega * ((su + b1 - v * a12) / a11 - u);
    v += omega * ((sv + b2 - u * a12) / a22 - v);
    du[p] = u;
    dv[p] = v;
}

__kernel void vr_finish(__global float* flow, __global const float* du, __global const float* dv, int w, int h) {
    int x = get_global_id(0), y = get_global_id(1), d = get_global_id(2);
    if (x >= w || y >= h) return;
    size_t p = (size_t)d * w * h + (size_t)y * w + x;
    flow[2 * p] += du[p];
    flow[2 * p + 1] += dv[p];
}
)CLC";

cv::ocl::Kernel refineKernel(const char* name) {
    static const cv::ocl::ProgramSource source("rushes", "refine", kSource, "");
    return buildKernel(source, name, "", "refining on the CPU");
}

}  // namespace

bool refineOnDevice(const cv::UMat& from, const cv::UMat& to, int n, int w, int h, cv::UMat& flow,
                    const RefineSettings& s) {
    if (n <= 0 || w <= 0 || h <= 0 || from.rows != n * h || from.cols != w || to.size() != from.size() ||
        from.type() != CV_32F || to.type() != CV_32F || flow.size() != from.size() || flow.type() != CV_32FC2)
        return false;
    const cv::ocl::Kernel prepare = refineKernel("vr_prepare"), derivatives = refineKernel("vr_derivatives"),
                          derivatives2 = refineKernel("vr_derivatives2"),
                          smoothness = refineKernel("vr_smoothness"), system = refineKernel("vr_system"),
                          sor = refineKernel("vr_sor"), finish = refineKernel("vr_finish");
    try {
        cv::UMat avg(n * h, w, CV_32F), der(8 * n * h, w, CV_32F), weight(n * h, w, CV_32F);
        cv::UMat du(n * h, w, CV_32F, cv::Scalar(0)), dv(n * h, w, CV_32F, cv::Scalar(0)),
            sys(5 * n * h, w, CV_32F);
        for (const cv::UMat* m :
             std::initializer_list<const cv::UMat*>{&from, &to, &flow, &avg, &der, &weight, &du, &dv, &sys})
            if (!m->isContinuous() || m->offset != 0) return false;
        const float eps2 = s.epsilon * s.epsilon;
        DeviceQueue q;
        const size_t W = size_t(w), H = size_t(h), N = size_t(n);
        q.run(prepare, W, H, N, from, to, flow, avg, der, w, h, n);
        q.run(derivatives, W, H, N, avg, der, w, h, n);
        q.run(derivatives2, W, H, N, der, w, h, n);
        for (int it = 0; it < s.fixedPointIterations; ++it) {
            q.run(smoothness, W, H, N, flow, du, dv, weight, w, h, s.alpha / 2, eps2);
            q.run(system, W, H, N, der, flow, du, dv, weight, sys, w, h, n, s.delta / 2, s.gamma / 2,
                  s.zeta * s.zeta, eps2);
            for (int j = 0; j < s.sorIterations; ++j) {
                q.run(sor, W, H, N, sys, weight, du, dv, w, h, n, 0, s.omega);
                q.run(sor, W, H, N, sys, weight, du, dv, w, h, n, 1, s.omega);
            }
        }
        q.run(finish, W, H, N, flow, du, dv, w, h);
        return q.ok();
    } catch (const cv::Exception&) {  // out of device memory, lost device
        return false;
    }
}

bool refineFlowsOnDevice(const cv::Mat& ga, const cv::Mat& gb, cv::Mat& fwd, cv::Mat& bwd,
                         const RefineSettings& s) {
    if (!cv::ocl::useOpenCL() || ga.empty() || ga.size() != gb.size() || ga.channels() != 1 ||
        gb.channels() != 1 || fwd.size() != ga.size() || bwd.size() != ga.size() || fwd.type() != CV_32FC2 ||
        bwd.type() != CV_32FC2)
        return false;
    const int w = ga.cols, h = ga.rows;
    try {
        // Both directions' frames and flows, each a stack of two planes, go up in one copy each.
        cv::Mat hostFrom(2 * h, w, CV_32F), hostTo(2 * h, w, CV_32F), hostFlow(2 * h, w, CV_32FC2);
        cv::Mat from0 = hostFrom.rowRange(0, h), from1 = hostFrom.rowRange(h, 2 * h);
        cv::Mat to0 = hostTo.rowRange(0, h), to1 = hostTo.rowRange(h, 2 * h);
        cv::Mat flow0 = hostFlow.rowRange(0, h), flow1 = hostFlow.rowRange(h, 2 * h);
        ga.convertTo(from0, CV_32F);
        gb.convertTo(from1, CV_32F);
        from1.copyTo(to0);
        from0.copyTo(to1);
        fwd.copyTo(flow0);
        bwd.copyTo(flow1);
        cv::UMat from, to, flow;
        hostFrom.copyTo(from);
        hostTo.copyTo(to);
        hostFlow.copyTo(flow);
        if (!refineOnDevice(from, to, 2, w, h, flow, s)) {
            cv::ocl::finish();
            return false;
        }
        flow.copyTo(hostFlow);
        hostFlow.rowRange(0, h).copyTo(fwd);
        hostFlow.rowRange(h, 2 * h).copyTo(bwd);
        return true;
    } catch (const cv::Exception&) {  // out of device memory, lost device: the caller refines on the CPU
        return false;
    }
}

}  // namespace rushes::processing::internal
