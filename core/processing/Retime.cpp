#include "processing/Retime.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <future>
#include <initializer_list>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "processing/internal/CpuFlow.h"
#include "processing/internal/CpuRefine.h"
#include "processing/internal/DeviceFlow.h"
#include "processing/internal/DeviceRefine.h"
#include "processing/internal/Kernels.h"
#include "processing/internal/Messages.h"
#include "processing/internal/Sampling.h"

namespace rushes::processing {

using internal::sample1;
using internal::sample2;
using internal::sample3;
#if RUSHES_AVX2
using internal::bilinear8x1;
using internal::bilinear8x2;
using internal::deinterleave8;
using internal::Gather8;
using internal::gather8;
#endif

namespace {
// The Gauss-Newton iterations of OpenCV's DIS presets (ultrafast, fast, medium): the one setting of
// the preset that the retime's own pyramid, patch and refinement settings leave to it.
int descentIterations(const InterpolatorSettings& s) {
    return internal::disPreset(s.flowPreset).iterations;
}

// Edge pixels repeated round the vector warp's frames (EdgeStrips): a source position is clamped to
// the frame, so a 6-tap sample's taps lie at most 2 pixels before and 3 after it.
constexpr int kWarpPad = 3;

// A frame's edges for the vector warp's samples whose taps leave it: four strips of the frame with
// kWarpPad edge pixels repeated round them, which give the values that clamping each tap to the frame
// (warpSample) gives. top: rows -3..5 and bottom: rows h-6..h+2, each of columns -3..w+2; left:
// columns -3..5 and right: columns w-6..w+2, each of rows -3..h+2. (A whole padded copy of the frame
// would do the same at the cost of copying it: 2 ms a frame at 1080p.)
struct EdgeStrips {
    static constexpr int kSpan = 2 * kWarpPad;  // frame rows (columns) in a strip
    cv::Mat top, bottom, left, right;
    int w = 0, h = 0;
    static bool fits(const cv::Mat& f) { return f.cols >= kSpan && f.rows >= kSpan; }
    // Makes the strips of `f` unless they are made (a pair's strips serve all its in-betweens).
    void ensure(const cv::Mat& f) {
        if (!top.empty()) return;
        constexpr int P = kWarpPad;
        w = f.cols;
        h = f.rows;
        cv::copyMakeBorder(f.rowRange(0, kSpan), top, P, 0, P, P, cv::BORDER_REPLICATE);
        cv::copyMakeBorder(f.rowRange(h - kSpan, h), bottom, 0, P, P, P, cv::BORDER_REPLICATE);
        cv::copyMakeBorder(f.colRange(0, kSpan), left, P, P, P, 0, cv::BORDER_REPLICATE);
        cv::copyMakeBorder(f.colRange(w - kSpan, w), right, P, P, 0, P, cv::BORDER_REPLICATE);
    }
    // The first float of an N x N sample whose first tap is (x, y), one of its taps outside the frame
    // and none more than kWarpPad pixels outside; `st` gets the strip's row stride in floats.
    template <int N>
    const float* sample(int x, int y, size_t& st) const {
        const cv::Mat* m = &right;
        int ox = w - kSpan, oy = -kWarpPad;  // the strip's first pixel in frame coordinates
        if (y < 0) {
            m = &top;
            ox = -kWarpPad;
        } else if (y + N > h) {
            m = &bottom;
            ox = -kWarpPad;
            oy = h - kSpan;
        } else if (x < 0) {
            m = &left;
            ox = -kWarpPad;
        }
        st = m->step1();
        return m->ptr<float>(y - oy) + 3 * (x - ox);
    }
    // The first float of the N x N sample whose first tap is (x, y): in the frame (base, its row stride
    // st) where all its taps are, else in a strip; `sst` gets the row stride of whichever it is.
    template <int N>
    const float* at(const float* base, size_t st, int x, int y, size_t& sst) const {
        sst = st;
        if (x >= 0 && y >= 0 && x + N <= w && y + N <= h) return base + size_t(y) * st + size_t(3 * x);
        return sample<N>(x, y, sst);
    }
};

}  // namespace

struct FrameInterpolator::State {
    InterpolatorSettings s;
    cv::Ptr<cv::DISOpticalFlow> dis, dis2;  // dis2: the second direction's, run beside the first
    cv::Ptr<cv::VariationalRefinement> vr, vr2;  // finest-level refinement of each (null: none)
    cv::Mat a, b;            // working frames (CPU path)
    cv::UMat ua, ub;         // working frames (OpenCL path)
    cv::Mat f01, f10, e0, e1;  // flows and consistency errors at flow resolution
    cv::Mat g0, g1;            // gray flow images as float
    cv::Mat f0m, f12;          // flows to the frames before a and after b (empty: linear motion)
    cv::UMat ue0, ue1;
    cv::Mat fields, wideFields;  // at() buffers, kept between frames
    // The vector warp's edge strips of a and b, made by the pair's first at().
    EdgeStrips edgeA, edgeB;
    double flowScale = 1;    // actual flow width / frame width
    double error = 0;
    bool cut = false;
    WarpFilter warp = WarpFilter::CatmullRom;  // the pair's warp kernel (settings' choice, or Auto's)
    std::future<bool> upload;  // OpenCL: the pair's frames going to the device while the motion is estimated
    bool onDevice = false;     // ... and arrived there (ua, ub)
    uint64_t printB = 0;       // fingerprint of b (the frame in ub, or whose flow image is kept)
    // internal::sparseFingerprint: with the same buffer, it tells a frame handed again from one
    // rewritten in place since.
    static uint64_t fingerprint(const cv::Mat& m) { return internal::sparseFingerprint(m); }
    // The host path's flow image of b, kept for the next pair when frames are large, and its scale.
    cv::Mat grayB;
    double grayBScale = 0;
    StageTimes times;

    // The device pipeline's buffers (InterpolatorSettings::devicePipeline). Frames are ua and ub.
    struct Device {
        bool valid = false;         // the last setPair ran here: ua, ub and gray[] hold its frames
        int fw = 0, fh = 0;         // flow resolution
        cv::UMat gray[2];           // flow images of a and b (fw x fh, 8-bit values as floats)
        cv::UMat from, to, flows;   // stacks of two planes: (a, b), (b, a), flows a -> b and b -> a
        cv::UMat cutRows, predict;  // per-row sums for the cut test, per-pixel errors for the warp choice
        cv::UMat c1, c2, err, d0, d1, out;
        cv::UMat stage[2], outStage;  // native frames on their way up, 8/16-bit in-betweens on their way down
        internal::PinnedTransfers pinned;  // the host end of the frames' transfers (pinnedTransfers)
    } dev;
    bool setPairOnDevice(const cv::Mat& a, const cv::Mat& b, double scale, internal::StageClock& clock);
    cv::Mat atOnDevice(float t, int depth, internal::StageClock& clock);
    void hostFields();  // the device pair's motion on the host (hostMotion), and its frames as working floats
    void hostMotion();  // the device pair's flows, errors and flow images copied to the host fields
    // The in-between of `A` and `B` (CV_32FC3, the pair's size) at t along the pair's motion, on the
    // host (or, with `device`, the pair's own frames warped on the device by the host pipeline).
    // On the CPU's vector path, `depth` (an output depth, see internal::isOutputDepth) is made row by
    // row as the rows are warped; elsewhere the result is working floats.
    cv::Mat warpHost(const cv::Mat& A, const cv::Mat& B, float t, bool device, internal::StageClock& clock,
                     int depth = CV_32F);
    void lap(internal::StageClock& clock, const char* name) const {
        if (s.syncStages) cv::ocl::finish();
        clock.lap(name);
    }

    // Flows between gray images, remembered by content: consecutive pairs share frames, so
    // the flows to the neighbours (for acceleration) are mostly computed once.
    struct CachedFlow {
        uint64_t from, to;
        cv::Mat flow;
    };
    std::vector<CachedFlow> cache;
    // Eight bytes a step in two independent chains (a byte a step in one chain took 30 us a pair at
    // 160x90, on the calling thread before the flows).
    static uint64_t digest(const cv::Mat& g) {
        constexpr uint64_t k = 0x9E3779B97F4A7C15ull;
        uint64_t h[2] = {1469598103934665603ull ^ uint64_t(g.cols) ^ (uint64_t(g.rows) << 32), k};
        const size_t n = size_t(g.cols) * g.elemSize();
        for (int y = 0; y < g.rows; ++y) {
            const uint8_t* p = g.ptr<uint8_t>(y);
            size_t x = 0;
            for (; x + 8 <= n; x += 8) {
                uint64_t w;
                std::memcpy(&w, p + x, 8);
                uint64_t& c = h[(x >> 3) & 1];
                c = (c ^ w) * k;
                c ^= c >> 29;
            }
            for (; x < n; ++x) h[0] = (h[0] ^ p[x]) * 1099511628211ull;
        }
        return (h[0] ^ (h[1] * 0xC2B2AE3D27D4EB4Full)) * k;
    }
    cv::Mat cached(uint64_t kf, uint64_t kt) const {
        for (const CachedFlow& c : cache)
            if (c.from == kf && c.to == kt) return c.flow;
        return {};
    }
    void remember(uint64_t kf, uint64_t kt, const cv::Mat& f) {
        cache.push_back({kf, kt, f});
        if (cache.size() > 8) cache.erase(cache.begin());
    }
    // DIS without its own refinement, then variational refinement at the finest level only (DIS
    // refines every pyramid level; the coarse ones cost time and, measured on the drop-frame
    // protocol, add nothing). `refine` belongs to the same direction as `engine`.
    void calc(cv::DISOpticalFlow& engine, cv::VariationalRefinement* refine, const cv::Mat& from, const cv::Mat& to,
              cv::Mat& f) {
        if (s.backend == Backend::OpenCL && s.deviceFlow) {
            cv::UMat uf;
            engine.calc(from.getUMat(cv::ACCESS_READ), to.getUMat(cv::ACCESS_READ), uf);
            uf.copyTo(f);
        } else if (s.projectFlow) {
            internal::CpuFlowSettings cs;
            cs.patchSize = s.patchSize;
            cs.patchStride = s.patchStride;
            cs.iterations = descentIterations(s);
            cs.finestLevel = s.finestScale;
            cs.minStep = s.flowMinStep;
            cs.vectorised = s.vectorised;
            internal::cpuFlow(from, to, f, cs);
        } else {
            engine.calc(from, to, f);
        }
        if (refine) refineHost(*refine, from, to, f);
    }
    // The finest level's refinement on the CPU: the project's (CpuRefine.h) or OpenCV's (`refine`).
    void refineHost(cv::VariationalRefinement& refine, const cv::Mat& from, const cv::Mat& to,
                    cv::Mat& f) const {
        if (s.projectFlow) {
            internal::cpuRefine(from, to, f, refineSettings(s));
        } else {
            refine.calc(from, to, f);
        }
    }
    cv::Mat flow(const cv::Mat& from, const cv::Mat& to) {
        const uint64_t kf = digest(from), kt = digest(to);
        cv::Mat f = cached(kf, kt);
        if (!f.empty()) return f;
        calc(*dis, vr.get(), from, to, f);
        remember(kf, kt, f);
        return f;
    }
    // Both directions between two gray images. The project's flow and refinement (projectFlow) run on
    // the calling thread: one thread each whenever there are two. OpenCV's: with as many threads as
    // directions (2 cores), one thread each, since at flow resolution one run parallelises poorly and
    // two independent ones do not; with more, one after the other, each using them all, as a run
    // inside a task of OpenCV's pool gets one thread (on 16 cores the split took 61 ms a pair at
    // 1080p, the refinement running serially, against about 20 ms).
    // On the OpenCL backend both directions are refined together on the device (own kernels),
    // unless the kernels cannot run there; then as on the CPU.
    void flows(const cv::Mat& ga, const cv::Mat& gb, cv::Mat& fwd, cv::Mat& bwd,
               internal::StageClock& clock) {
        const uint64_t ka = digest(ga), kb = digest(gb);
        fwd = cached(ka, kb);
        bwd = cached(kb, ka);
        if (!fwd.empty() && !bwd.empty()) return;
        const bool onDevice =
            s.backend == Backend::OpenCL && s.deviceRefine && vr && fwd.empty() && bwd.empty();
        cv::VariationalRefinement* r1 = onDevice ? nullptr : vr.get();
        const bool ownThread = s.projectFlow && !(s.backend == Backend::OpenCL && s.deviceFlow);
        const bool split = ownThread ? cv::getNumThreads() > 1 : internal::splitIntoTasks(2);
        if (fwd.empty() && bwd.empty() && split) {
            if (!dis2) {
                dis2 = makeDis(s);
                vr2 = makeRefinement(s);
            }
            cv::VariationalRefinement* r2 = onDevice ? nullptr : vr2.get();
            cv::parallel_for_(cv::Range(0, 2), [&](const cv::Range& r) {
                for (int i = r.start; i < r.end; ++i) {
                    if (i == 0)
                        calc(*dis, r1, ga, gb, fwd);
                    else
                        calc(*dis2, r2, gb, ga, bwd);
                }
            }, 2);
        } else {
            const bool fwdNew = fwd.empty(), bwdNew = bwd.empty();
            if (fwdNew) calc(*dis, r1, ga, gb, fwd);
            if (bwdNew) calc(*dis, r1, gb, ga, bwd);
            if (!fwdNew) {
                remember(kb, ka, bwd);
                return;
            }
            if (!bwdNew) {
                remember(ka, kb, fwd);
                return;
            }
        }
        if (onDevice) {
            clock.lap("flow: DIS (both directions)");
            if (!internal::refineFlowsOnDevice(ga, gb, fwd, bwd, refineSettings(s))) {
                refineHost(*vr, ga, gb, fwd);
                refineHost(*vr, gb, ga, bwd);
            }
        }
        remember(ka, kb, fwd);
        remember(kb, ka, bwd);
    }
    static cv::Ptr<cv::DISOpticalFlow> makeDis(const InterpolatorSettings& settings) {
        cv::Ptr<cv::DISOpticalFlow> dis = cv::DISOpticalFlow::create(settings.flowPreset);
        dis->setFinestScale(settings.finestScale);
        dis->setPatchSize(settings.patchSize);
        dis->setPatchStride(settings.patchStride);
        dis->setVariationalRefinementIterations(0);  // see calc()
        return dis;
    }
    // DIS's own refinement settings (OpenCV 4.6), applied at the finest level; null for none.
    static cv::Ptr<cv::VariationalRefinement> makeRefinement(const InterpolatorSettings& settings) {
        if (settings.refineIterations <= 0) return {};
        cv::Ptr<cv::VariationalRefinement> vr = cv::VariationalRefinement::create();
        const internal::RefineSettings rs = refineSettings(settings);
        vr->setFixedPointIterations(rs.fixedPointIterations);
        vr->setSorIterations(rs.sorIterations);
        vr->setOmega(rs.omega);
        vr->setAlpha(rs.alpha);
        vr->setDelta(rs.delta);
        vr->setGamma(rs.gamma);
        return vr;
    }
    // The finest level's refinement, the same on the CPU (the project's or OpenCV's) and the device.
    static internal::RefineSettings refineSettings(const InterpolatorSettings& settings) {
        internal::RefineSettings rs;
        rs.fixedPointIterations = std::max(0, settings.refineIterations);
        rs.sorIterations = std::max(1, settings.refineSorSweeps);
        rs.omega = float(settings.refineOmega);
        return rs;
    }
};

FrameInterpolator::FrameInterpolator(InterpolatorSettings settings) : d(std::make_unique<State>()) {
    d->s = settings;
    if (d->s.backend == Backend::Auto) d->s.backend = resolveBackend(Backend::Auto);
    d->dis = State::makeDis(settings);
    d->vr = State::makeRefinement(settings);
}

FrameInterpolator::~FrameInterpolator() = default;

const InterpolatorSettings& FrameInterpolator::settings() const { return d->s; }
const StageTimes& FrameInterpolator::stageTimes() const {
    return d->times;
}
bool FrameInterpolator::isCut() const { return d->cut; }
double FrameInterpolator::motionError() const { return d->error; }

namespace {

template <class M>
void flowGray(const M& rgb, double scale, M& gray) {
    M g, g8;
    cv::cvtColor(rgb, g, cv::COLOR_RGB2GRAY);
    if (scale != 1.0) {
        M small;
        cv::resize(g, small, cv::Size(), scale, scale, cv::INTER_AREA);
        g = small;
    }
    g.convertTo(gray, CV_8U);
}

// |F01(p) + F10(p + F01(p))|: how far a round trip lands from where it started, in pixels.
#if RUSHES_AVX2
// Row y from 0 in blocks of eight, the scalar loop's arithmetic; returns where that loop takes over.
RUSHES_AVX2_FN int consistencyRowAvx2(const cv::Mat& fwd, const cv::Mat& bwd, int y, float* e) {
    const Gather8 B = gather8(bwd);
    const float* f = fwd.ptr<float>(y);
    const __m256 iota = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7), fy = _mm256_set1_ps(float(y));
    int x = 0;
    for (; x + 8 <= fwd.cols; x += 8) {
        __m256 u, v, w[2];
        deinterleave8(f + 2 * x, u, v);
        const __m256 fx = _mm256_add_ps(_mm256_set1_ps(float(x)), iota);
        bilinear8x2(B, _mm256_add_ps(fx, u), _mm256_add_ps(fy, v), w);
        const __m256 a = _mm256_add_ps(u, w[0]), b = _mm256_add_ps(v, w[1]);
        _mm256_storeu_ps(e + x, _mm256_sqrt_ps(_mm256_add_ps(_mm256_mul_ps(a, a), _mm256_mul_ps(b, b))));
    }
    return x;
}
#endif
void consistencyRow(const cv::Mat& fwd, const cv::Mat& bwd, int y, bool vectorised, float* e) {
    const cv::Vec2f* f = fwd.ptr<cv::Vec2f>(y);
    int x = 0;
#if RUSHES_AVX2
    if (vectorised) x = consistencyRowAvx2(fwd, bwd, y, e);
#endif
    for (; x < fwd.cols; ++x) {
        const cv::Vec2f v = f[x];
        const cv::Vec2f w = sample2(bwd, x + v[0], y + v[1]);
        e[x] = std::sqrt((v[0] + w[0]) * (v[0] + w[0]) + (v[1] + w[1]) * (v[1] + w[1]));
    }
}
// Both flows' round trips in one pass over the rows: e0 of f01 (through f10), e1 of f10.
void consistency(const cv::Mat& f01, const cv::Mat& f10, cv::Mat& e0, cv::Mat& e1, bool vectorised) {
    e0.create(f01.size(), CV_32F);
    e1.create(f10.size(), CV_32F);
#if RUSHES_AVX2
    vectorised = vectorised && internal::cpuHasAvx2Fma();
#endif
    cv::parallel_for_(cv::Range(0, f01.rows), [&](const cv::Range& r) {
        for (int y = r.start; y < r.end; ++y) {
            consistencyRow(f01, f10, y, vectorised, e0.ptr<float>(y));
            consistencyRow(f10, f01, y, vectorised, e1.ptr<float>(y));
        }
    });
}

// Mean |b(p + F01(p)) - a(p)| on the gray flow images (as floats): small for moving footage, large at
// cuts.
double compensatedError(const cv::Mat& fa, const cv::Mat& fb, const cv::Mat& fwd) {
    double total = 0;
    for (int y = 0; y < fa.rows; y += 2) {
        const cv::Vec2f* f = fwd.ptr<cv::Vec2f>(y);
        const float* pa = fa.ptr<float>(y);
        for (int x = 0; x < fa.cols; x += 2) total += std::abs(sample1(fb, x + f[x][0], y + f[x][1]) - pa[x]);
    }
    return total / (double((fa.rows + 1) / 2) * double((fa.cols + 1) / 2));
}

// The warp's resampling kernel, tabulated: for a fraction f of a pixel, the weights of the `taps`
// source pixels floor(x) - taps/2 + 1 ... floor(x) + taps/2, at 1/256 pixel steps, each row
// normalised to sum 1 (rows padded to 8 floats).
constexpr int kWarpSteps = 256;
struct WarpKernel {
    int taps = 4;
    std::vector<float> w;  // kWarpSteps + 1 phases, 8 floats each (taps used)
    // The same weights for the vector samples' horizontal sums (horizontalSum): per phase, 8-lane rows
    // holding taps 0 and 1 in lanes 0-2 and 3-5, taps 2 and 3 in lanes 2-4 and 5-7 and (6 taps)
    // taps 4 and 5 likewise, each repeated for a pixel's three channels; 4 * taps floats a phase.
    std::vector<float> ex;
    static int step(float f) { return int(f * float(kWarpSteps) + 0.5f); }
    const float* at(float f) const { return w.data() + 8 * step(f); }
    const float* expanded(int s) const { return ex.data() + size_t(4 * taps) * size_t(s); }
};

const WarpKernel& warpKernel(WarpFilter filter) {
    static const std::array<WarpKernel, 2> kernels = [] {
        std::array<WarpKernel, 2> k;
        for (size_t i = 0; i < k.size(); ++i) {
            const WarpFilter f = i == 0 ? WarpFilter::CatmullRom : WarpFilter::Lanczos3;
            k[i].taps = warpFilterTaps(f);
            k[i].w.assign(size_t(kWarpSteps + 1) * 8, 0.0f);
            for (int s = 0; s <= kWarpSteps; ++s) {
                const double frac = double(s) / kWarpSteps;
                double sum = 0, v[8];
                for (int j = 0; j < k[i].taps; ++j)
                    sum += v[j] = warpFilterWeight(f, std::abs(double(j - k[i].taps / 2 + 1) - frac));
                for (int j = 0; j < k[i].taps; ++j) k[i].w[size_t(s) * 8 + size_t(j)] = float(v[j] / sum);
            }
            const int taps = k[i].taps;
            k[i].ex.assign(size_t(kWarpSteps + 1) * size_t(4 * taps), 0.0f);
            for (int s = 0; s <= kWarpSteps; ++s) {
                float* e = k[i].ex.data() + size_t(4 * taps) * size_t(s);
                for (int j = 0; j < taps; ++j) {
                    const int lane = j < 2 ? 3 * j : 8 * (j / 2) + 2 + 3 * (j % 2);
                    for (int c = 0; c < 3; ++c) e[lane + c] = k[i].w[size_t(s) * 8 + size_t(j)];
                }
            }
        }
        return k;
    }();
    return kernels[filter == WarpFilter::Lanczos3 ? 1 : 0];
}

// N-tap sample of a CV_32FC3 image at (sx, sy), clamped to the frame. Inside the frame the taps of
// the three channels are 3N contiguous floats per source row, which the compiler turns into
// vector multiply-adds; near the edges taps clamp.
template <int N>
RUSHES_INLINE void warpSample(const cv::Mat& m, const WarpKernel& kernel, float sx, float sy, float* out) {
    constexpr int lo = N / 2 - 1;  // taps before floor(x)
    const int w = m.cols, h = m.rows;
    sx = std::clamp(sx, 0.0f, float(w - 1));
    sy = std::clamp(sy, 0.0f, float(h - 1));
    const int ix = int(sx), iy = int(sy);
    const float* kx = kernel.at(sx - float(ix));
    const float* ky = kernel.at(sy - float(iy));
    if (ix >= lo && iy >= lo && ix + N / 2 < w && iy + N / 2 < h) {
        // Vertical pass over the N rows (3N contiguous floats each), then horizontal.
        const size_t st = m.step1();
        const float* r = m.ptr<float>(iy - lo) + 3 * (ix - lo);
        float v[3 * N];
        for (int i = 0; i < 3 * N; ++i) v[i] = r[i] * ky[0];
        for (int j = 1; j < N; ++j)
            for (int i = 0; i < 3 * N; ++i) v[i] += r[size_t(j) * st + size_t(i)] * ky[j];
        float a0 = 0, a1 = 0, a2 = 0;
        for (int i = 0; i < N; ++i) {
            a0 += v[3 * i] * kx[i];
            a1 += v[3 * i + 1] * kx[i];
            a2 += v[3 * i + 2] * kx[i];
        }
        out[0] = a0;
        out[1] = a1;
        out[2] = a2;
        return;
    }
    int xs[N];
    for (int i = 0; i < N; ++i) xs[i] = std::clamp(ix - lo + i, 0, w - 1);
    float a0 = 0, a1 = 0, a2 = 0;
    for (int j = 0; j < N; ++j) {
        const float* row = m.ptr<float>(std::clamp(iy - lo + j, 0, h - 1));
        for (int i = 0; i < N; ++i) {
            const float k = kx[i] * ky[j];
            a0 += row[3 * xs[i]] * k;
            a1 += row[3 * xs[i] + 1] * k;
            a2 += row[3 * xs[i] + 2] * k;
        }
    }
    out[0] = a0;
    out[1] = a1;
    out[2] = a2;
}

// One output row of the in-between, where warpRowAvx2 cannot run: `line` holds the low-resolution
// fields (dx0, dy0, dx1, dy1, alpha per pixel) already interpolated to this row; `xi`/`xf` are the
// horizontal taps.
template <int N>
RUSHES_HOT void interpolateRowT(const cv::Mat& a, const cv::Mat& b, const WarpKernel& kernel,
                                const float* line, const int* xi, const float* xf, int y, float* out, int n) {
    for (int x = 0; x < n; ++x) {
        const float* f0 = line + 5 * xi[2 * x];
        const float* f1 = line + 5 * xi[2 * x + 1];
        const float k = xf[x];
        float f[5];
        for (int i = 0; i < 5; ++i) f[i] = f0[i] + (f1[i] - f0[i]) * k;
        float p0[3], p1[3];
        warpSample<N>(a, kernel, float(x) + f[0], float(y) + f[1], p0);
        warpSample<N>(b, kernel, float(x) + f[2], float(y) + f[3], p1);
        const float al = f[4];
        out[3 * x] = p0[0] + al * (p1[0] - p0[0]);
        out[3 * x + 1] = p0[1] + al * (p1[1] - p0[1]);
        out[3 * x + 2] = p0[2] + al * (p1[2] - p0[2]);
    }
}

#if RUSHES_AVX2

// The horizontal half of an inside sample: `a` holds the vertically weighted floats of pixels 0 and 1
// in lanes 0-5, `b` those of pixels 2 and 3 in lanes 2-7, `c` (6 taps) those of pixels 4 and 5 in
// lanes 2-7. Each is weighted by the kernel's expanded row (WarpKernel::expanded: a pixel's weight in
// its channels' lanes); b's and c's products are moved to lanes 0-5 and added to a's, and lanes 3-5
// are folded onto 0-2, which then hold the three channels.
template <int N>
RUSHES_AVX2_FN inline __m128 horizontalSum(__m256 a, __m256 b, __m256 c, const float* ex) {
    const __m256i shift2 = _mm256_setr_epi32(2, 3, 4, 5, 6, 7, 6, 7);
    const __m256i fold = _mm256_setr_epi32(3, 4, 5, 3, 3, 4, 5, 3);
    __m256 bc = _mm256_mul_ps(b, _mm256_loadu_ps(ex + 8));
    if constexpr (N == 6)
        bc = _mm256_fmadd_ps(c, _mm256_loadu_ps(ex + 16), bc);
    else
        (void)c;
    const __m256 v = _mm256_fmadd_ps(a, _mm256_loadu_ps(ex), _mm256_permutevar8x32_ps(bc, shift2));
    return _mm256_castps256_ps128(_mm256_add_ps(v, _mm256_permutevar8x32_ps(v, fold)));
}

template <int N>
RUSHES_AVX2_FN inline __m128 sampleInside(const float* r, size_t st, const float* ex, const float* kys) {
    __m256 k = _mm256_broadcast_ss(kys);
    __m256 A = _mm256_mul_ps(_mm256_loadu_ps(r), k), B = _mm256_mul_ps(_mm256_loadu_ps(r + 4), k);
    __m256 C = N == 6 ? _mm256_mul_ps(_mm256_loadu_ps(r + 10), k) : _mm256_setzero_ps();
    for (int j = 1; j < N; ++j) {
        r += st;
        k = _mm256_broadcast_ss(kys + j);
        A = _mm256_fmadd_ps(_mm256_loadu_ps(r), k, A);
        B = _mm256_fmadd_ps(_mm256_loadu_ps(r + 4), k, B);
        if constexpr (N == 6) C = _mm256_fmadd_ps(_mm256_loadu_ps(r + 10), k, C);
    }
    return horizontalSum<N>(A, B, C, ex);
}

RUSHES_AVX2_FN inline __m256 lerp8(const float* lo, const float* hi, __m256 t) {
    const __m256 l = _mm256_loadu_ps(lo);
    return _mm256_fmadd_ps(_mm256_sub_ps(_mm256_loadu_ps(hi), l), t, l);
}

// One output row of the in-between from fields already upsampled to the frame's width: `lo` and `hi`
// are the two low-resolution rows around this one (five planes each: dx0, dy0, dx1, dy1, alpha, in
// full-resolution pixels), `fy` the weight of `hi`. Eight pixels at a time, their source positions,
// kernel rows and offsets are found in vector lanes; then each pixel's two samples are blended, those
// whose taps leave the frame taken from its edge strips (ea, eb).
template <int N>
RUSHES_AVX2_FN void warpRowAvx2(const cv::Mat& a, const cv::Mat& b, const EdgeStrips& ea,
                                const EdgeStrips& eb, const WarpKernel& kernel, const float* const* lo,
                                const float* const* hi, float fy, int y, float* out) {
    static_assert(N / 2 <= kWarpPad, "the taps must stay within the edge strips");
    constexpr int before = N / 2 - 1;  // taps before floor(x)
    const int w = a.cols, h = a.rows;
    const size_t st = a.step1();
    const float* pa = a.ptr<float>();
    const float* pb = b.ptr<float>();
    const float* table = kernel.w.data();
    alignas(32) float al[8];
    alignas(32) int off[2][8], kx[2][8], ky[2][8], ix[2][8], iy[2][8];
    const __m256 vfy = _mm256_set1_ps(fy), vy = _mm256_set1_ps(float(y)), zero = _mm256_setzero_ps();
    const __m256 maxX = _mm256_set1_ps(float(w - 1)), maxY = _mm256_set1_ps(float(h - 1));
    const __m256 steps = _mm256_set1_ps(float(kWarpSteps)), half = _mm256_set1_ps(0.5f);
    const __m256 iota = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i first = _mm256_set1_epi32(before - 1), lastX = _mm256_set1_epi32(w - N / 2);
    const __m256i lastY = _mm256_set1_epi32(h - N / 2), vst = _mm256_set1_epi32(int(st));
    const __m256i three = _mm256_set1_epi32(3), vbefore = _mm256_set1_epi32(before);
    for (int x0 = 0; x0 < w; x0 += 8) {
        const int m = std::min(8, w - x0);
        bool allInside = false;  // all eight pixels' samples of both frames away from the edges
        if (m == 8) {
            const __m256 vx = _mm256_add_ps(_mm256_set1_ps(float(x0)), iota);
            __m256i both = _mm256_set1_epi32(-1);
            for (int s = 0; s < 2; ++s) {
                // As max and min take them, a position that is not a number becomes 0.
                const __m256 SX = _mm256_min_ps(
                    _mm256_max_ps(_mm256_add_ps(vx, lerp8(lo[2 * s] + x0, hi[2 * s] + x0, vfy)), zero), maxX);
                const __m256 SY = _mm256_min_ps(
                    _mm256_max_ps(_mm256_add_ps(vy, lerp8(lo[2 * s + 1] + x0, hi[2 * s + 1] + x0, vfy)),
                                  zero),
                    maxY);
                const __m256i IX = _mm256_cvttps_epi32(SX), IY = _mm256_cvttps_epi32(SY);
                const __m256 FX = _mm256_sub_ps(SX, _mm256_cvtepi32_ps(IX)),
                             FY = _mm256_sub_ps(SY, _mm256_cvtepi32_ps(IY));
                const __m256i in = _mm256_and_si256(
                    _mm256_and_si256(_mm256_cmpgt_epi32(IX, first), _mm256_cmpgt_epi32(IY, first)),
                    _mm256_and_si256(_mm256_cmpgt_epi32(lastX, IX), _mm256_cmpgt_epi32(lastY, IY)));
                const __m256i OFF =
                    _mm256_add_epi32(_mm256_mullo_epi32(_mm256_sub_epi32(IY, vbefore), vst),
                                     _mm256_mullo_epi32(_mm256_sub_epi32(IX, vbefore), three));
                _mm256_store_si256(reinterpret_cast<__m256i*>(ix[s]), IX);
                _mm256_store_si256(reinterpret_cast<__m256i*>(iy[s]), IY);
                _mm256_store_si256(reinterpret_cast<__m256i*>(off[s]), OFF);
                both = _mm256_and_si256(both, in);
                _mm256_store_si256(reinterpret_cast<__m256i*>(kx[s]),
                                   _mm256_cvttps_epi32(_mm256_fmadd_ps(FX, steps, half)));
                _mm256_store_si256(reinterpret_cast<__m256i*>(ky[s]),
                                   _mm256_cvttps_epi32(_mm256_fmadd_ps(FY, steps, half)));
            }
            _mm256_store_ps(al, lerp8(lo[4] + x0, hi[4] + x0, vfy));
            allInside = _mm256_movemask_ps(_mm256_castsi256_ps(both)) == 0xFF && x0 + 8 < w;
        } else {  // the row's last few pixels: the same arithmetic, one at a time
            for (int i = 0; i < m; ++i) {
                const int x = x0 + i;
                for (int s = 0; s < 2; ++s) {
                    const float l0 = lo[2 * s][x], l1 = lo[2 * s + 1][x];
                    const float dx = std::fma(hi[2 * s][x] - l0, fy, l0),
                                dy = std::fma(hi[2 * s + 1][x] - l1, fy, l1);
                    const float SX = std::min(std::max(0.0f, float(x) + dx), float(w - 1));
                    const float SY = std::min(std::max(0.0f, float(y) + dy), float(h - 1));
                    const int IX = int(SX), IY = int(SY);
                    ix[s][i] = IX;
                    iy[s][i] = IY;
                    kx[s][i] = int(std::fma(SX - float(IX), float(kWarpSteps), 0.5f));
                    ky[s][i] = int(std::fma(SY - float(IY), float(kWarpSteps), 0.5f));
                }
                al[i] = std::fma(hi[4][x] - lo[4][x], fy, lo[4][x]);
            }
        }
        if (allInside) {  // the common case, without the per-sample tests
            for (int i = 0; i < 8; ++i) {
                const __m128 v0 =
                    sampleInside<N>(pa + off[0][i], st, kernel.expanded(kx[0][i]), table + 8 * ky[0][i]);
                const __m128 v1 =
                    sampleInside<N>(pb + off[1][i], st, kernel.expanded(kx[1][i]), table + 8 * ky[1][i]);
                _mm_storeu_ps(out + 3 * (x0 + i), _mm_fmadd_ps(_mm_set1_ps(al[i]), _mm_sub_ps(v1, v0), v0));
            }
            continue;
        }
        for (int i = 0; i < m; ++i) {
            __m128 v[2];
            for (int s = 0; s < 2; ++s) {
                size_t sst;
                const float* p =
                    (s ? eb : ea).at<N>(s ? pb : pa, st, ix[s][i] - before, iy[s][i] - before, sst);
                v[s] = sampleInside<N>(p, sst, kernel.expanded(kx[s][i]), table + 8 * ky[s][i]);
            }
            const __m128 r = _mm_fmadd_ps(_mm_set1_ps(al[i]), _mm_sub_ps(v[1], v[0]), v[0]);
            float* o = out + 3 * (x0 + i);
            if (x0 + i + 1 < w) {
                _mm_storeu_ps(o, r);  // the fourth lane is the next pixel's first channel, written over next
            } else {
                alignas(16) float t[4];
                _mm_store_ps(t, r);
                o[0] = t[0];
                o[1] = t[1];
                o[2] = t[2];
            }
        }
    }
}
#endif

// What the warp's fields are made from, at flow resolution: where each pixel of the in-between comes
// from in a and in b (sourcesAt's d0 and d1), the forward/backward disagreement of each flow
// (consistency), the phase, 1 / (2 sigma^2) of the consistency weight, and full-resolution pixels per
// flow pixel.
struct FieldsRow {
    const cv::Mat &src0, &src1, &e0, &e1;
    float t, invSigma2, invScale;
};

// Row y's fields from pixel `from` on, as five planes: the two displacements in full-resolution
// pixels (dx0, dy0, dx1, dy1) and the weight of frame b. A frame's weight falls with the
// disagreement of the flows where the pixel comes from in the other frame and with the distance in
// time, and almost to nothing where its source lies outside the frame.
void fieldsScalar(const FieldsRow& f, int y, int from, float* const* p) {
    const int fw = f.src0.cols, fh = f.src0.rows;
    const cv::Vec2f* r0 = f.src0.ptr<cv::Vec2f>(y);
    const cv::Vec2f* r1 = f.src1.ptr<cv::Vec2f>(y);
    for (int x = from; x < fw; ++x) {
        const float x0 = float(x) + r0[x][0], y0 = float(y) + r0[x][1];
        const float x1 = float(x) + r1[x][0], y1 = float(y) + r1[x][1];
        const float c0 = sample1(f.e0, x0, y0);
        const float c1 = sample1(f.e1, x1, y1);
        float w0 = (1.0f - f.t) * std::exp(-(c1 * c1) * f.invSigma2) + 1e-4f;
        float w1 = f.t * std::exp(-(c0 * c0) * f.invSigma2) + 1e-4f;
        if (x0 < -0.5f || y0 < -0.5f || x0 > float(fw) - 0.5f || y0 > float(fh) - 0.5f) w0 *= 0.01f;
        if (x1 < -0.5f || y1 < -0.5f || x1 > float(fw) - 0.5f || y1 > float(fh) - 0.5f) w1 *= 0.01f;
        p[0][x] = r0[x][0] * f.invScale;
        p[1][x] = r0[x][1] * f.invScale;
        p[2][x] = r1[x][0] * f.invScale;
        p[3][x] = r1[x][1] * f.invScale;
        p[4][x] = w1 / (w0 + w1);
    }
}

#if RUSHES_AVX2
// e^x for x <= 0 in eight lanes (Cephes' expf: within 1 ulp of std::exp over [-87, 0], measured on every
// 256th float there); below -87 it gives e^-87.
RUSHES_AVX2_FN inline __m256 expNonPositive8(__m256 x) {
    x = _mm256_max_ps(x, _mm256_set1_ps(-87.0f));
    const __m256 n =
        _mm256_floor_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504088896341f), _mm256_set1_ps(0.5f)));
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 y = _mm256_set1_ps(1.9875691500e-4f);
    for (const float c :
         {1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f})
        y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(c));
    y = _mm256_add_ps(_mm256_fmadd_ps(y, _mm256_mul_ps(r, r), r), _mm256_set1_ps(1.0f));
    const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(e));
}

// Lanes whose (x, y) lies below lo or above (hiX, hiY).
RUSHES_AVX2_FN inline __m256 outsideMask(__m256 x, __m256 y, __m256 lo, __m256 hiX, __m256 hiY) {
    return _mm256_or_ps(_mm256_or_ps(_mm256_cmp_ps(x, lo, _CMP_LT_OQ), _mm256_cmp_ps(y, lo, _CMP_LT_OQ)),
                        _mm256_or_ps(_mm256_cmp_ps(x, hiX, _CMP_GT_OQ), _mm256_cmp_ps(y, hiY, _CMP_GT_OQ)));
}

// fieldsScalar's arithmetic for the pixels of row y from 0 in blocks of eight; returns where the
// scalar loop takes over.
RUSHES_AVX2_FN int fieldsRowAvx2(const FieldsRow& f, int y, float* const* p) {
    const int fw = f.src0.cols, fh = f.src0.rows;
    const Gather8 E0 = gather8(f.e0), E1 = gather8(f.e1);
    const float* r0 = f.src0.ptr<float>(y);
    const float* r1 = f.src1.ptr<float>(y);
    const __m256 fy = _mm256_set1_ps(float(y)), iota = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256 ta = _mm256_set1_ps(1.0f - f.t), tb = _mm256_set1_ps(f.t), k = _mm256_set1_ps(-f.invSigma2);
    const __m256 floor = _mm256_set1_ps(1e-4f), outside = _mm256_set1_ps(0.01f), lo = _mm256_set1_ps(-0.5f);
    const __m256 hiX = _mm256_set1_ps(float(fw) - 0.5f), hiY = _mm256_set1_ps(float(fh) - 0.5f);
    const __m256 is = _mm256_set1_ps(f.invScale);
    int x = 0;
    for (; x + 8 <= fw; x += 8) {
        __m256 u0, v0, u1, v1;
        deinterleave8(r0 + 2 * x, u0, v0);
        deinterleave8(r1 + 2 * x, u1, v1);
        const __m256 fx = _mm256_add_ps(_mm256_set1_ps(float(x)), iota);
        const __m256 x0 = _mm256_add_ps(fx, u0), y0 = _mm256_add_ps(fy, v0);
        const __m256 x1 = _mm256_add_ps(fx, u1), y1 = _mm256_add_ps(fy, v1);
        const __m256 c0 = bilinear8x1(E0, x0, y0), c1 = bilinear8x1(E1, x1, y1);
        __m256 w0 = _mm256_fmadd_ps(ta, expNonPositive8(_mm256_mul_ps(_mm256_mul_ps(c1, c1), k)), floor);
        __m256 w1 = _mm256_fmadd_ps(tb, expNonPositive8(_mm256_mul_ps(_mm256_mul_ps(c0, c0), k)), floor);
        w0 = _mm256_blendv_ps(w0, _mm256_mul_ps(w0, outside), outsideMask(x0, y0, lo, hiX, hiY));
        w1 = _mm256_blendv_ps(w1, _mm256_mul_ps(w1, outside), outsideMask(x1, y1, lo, hiX, hiY));
        _mm256_storeu_ps(p[0] + x, _mm256_mul_ps(u0, is));
        _mm256_storeu_ps(p[1] + x, _mm256_mul_ps(v0, is));
        _mm256_storeu_ps(p[2] + x, _mm256_mul_ps(u1, is));
        _mm256_storeu_ps(p[3] + x, _mm256_mul_ps(v1, is));
        _mm256_storeu_ps(p[4] + x, _mm256_div_ps(w1, _mm256_add_ps(w0, w1)));
    }
    return x;
}
#endif

// A low-resolution row of n samples brought to the frame's width `w` along the upsampling's taps (xi:
// the two source columns of each pixel, xf: the second's weight), as cv::resize INTER_LINEAR does; eight
// pixels at a time where AVX2 runs (no fused multiply-adds: the same values as the scalar loop).
#if RUSHES_AVX2
RUSHES_AVX2_FN int widenRowAvx2(const float* f, int n, const int* xi, const float* xf, int w, float* o) {
    int x = 0;
    for (; x + 8 <= w; x += 8) {
        __m256 i0, i1;
        deinterleave8(reinterpret_cast<const float*>(xi + 2 * x), i0, i1);
        __m256i j0 = _mm256_castps_si256(i0), j1 = _mm256_castps_si256(i1);
        __m256 f0, f1;
        // Upsampling, eight pixels read at most eight neighbouring samples: one load and two in-register
        // permutes instead of two gathers, where the load stays inside the row.
        const int base = xi[2 * x];
        if (base + 8 <= n && xi[2 * (x + 7) + 1] - base < 8) {
            const __m256 v = _mm256_loadu_ps(f + base), b = _mm256_castsi256_ps(_mm256_set1_epi32(base));
            j0 = _mm256_sub_epi32(j0, _mm256_castps_si256(b));
            j1 = _mm256_sub_epi32(j1, _mm256_castps_si256(b));
            f0 = _mm256_permutevar8x32_ps(v, j0);
            f1 = _mm256_permutevar8x32_ps(v, j1);
        } else {
            f0 = _mm256_i32gather_ps(f, j0, 4);
            f1 = _mm256_i32gather_ps(f, j1, 4);
        }
        _mm256_storeu_ps(o + x,
                         _mm256_add_ps(f0, _mm256_mul_ps(_mm256_sub_ps(f1, f0), _mm256_loadu_ps(xf + x))));
    }
    return x;
}
#endif
void widenRow(const float* f, int n, const int* xi, const float* xf, int w, float* o) {
    int x = 0;
#if RUSHES_AVX2
    if (internal::cpuHasAvx2Fma()) x = widenRowAvx2(f, n, xi, xf, w, o);
#endif
    for (; x < w; ++x) {
        const float f0 = f[xi[2 * size_t(x)]], f1 = f[xi[2 * size_t(x) + 1]];
        o[x] = f0 + (f1 - f0) * xf[size_t(x)];
    }
}

// A working buffer of this thread's (one of two, `which`) of at least n floats: the row loops'
// scratch, kept between calls instead of allocated and cleared for every range of rows.
std::vector<float>& scratch(int which, size_t n) {
    thread_local std::vector<float> buffers[2];
    std::vector<float>& b = buffers[which];
    if (b.size() < n) b.resize(n);
    return b;
}

void fieldsRow(const FieldsRow& f, int y, bool vectorised, float* const* p) {
    int x = 0;
#if RUSHES_AVX2
    if (vectorised && internal::cpuHasAvx2Fma()) x = fieldsRowAvx2(f, y, p);
#endif
    fieldsScalar(f, y, x, p);
}

void interpolateRow(const cv::Mat& a, const cv::Mat& b, const WarpKernel& kernel, const float* line,
                    const int* xi, const float* xf, int y, float* out, int n) {
    if (kernel.taps == 6) return interpolateRowT<6>(a, b, kernel, line, xi, xf, y, out, n);
    interpolateRowT<4>(a, b, kernel, line, xi, xf, y, out, n);
}

// The squared error of an N-tap sample of `from` at (sx, sy) against the pixel t, added to sse.
template <int N, bool Avx2>
RUSHES_INLINE void addError(const cv::Mat& from, const WarpKernel& k, float sx, float sy, const float* t,
                            double& sse) {
    constexpr int lo = N / 2 - 1;
    const int w = from.cols, h = from.rows;
    float p[4];
#if RUSHES_AVX2
    const int ix = int(sx), iy = int(sy);
    if (Avx2 && ix >= lo && iy >= lo && ix + N / 2 < w && iy + N / 2 < h)
        _mm_storeu_ps(p, sampleInside<N>(from.ptr<float>(iy - lo) + 3 * (ix - lo), from.step1(),
                                         k.expanded(WarpKernel::step(sx - float(ix))), k.at(sy - float(iy))));
    else
#endif
        warpSample<N>(from, k, sx, sy, p);
    for (int c = 0; c < 3; ++c) {
        const float e = std::clamp(p[c], 0.0f, 255.0f) - t[c];
        sse += double(e * e);
    }
}
// Row y's squared errors from column `from` on (see predictionErrorsT), added to sse4 and sse6.
template <bool Avx2>
RUSHES_INLINE void rowErrors(const cv::Mat& from, const cv::Mat& to, const cv::Mat& flow, float scale,
                             const WarpKernel& k4, const WarpKernel& k6, int y, int fromX, double& sse4,
                             double& sse6) {
    const float maxX = float(from.cols - 1), maxY = float(from.rows - 1), inv = 1.0f / scale;
    const float* t = to.ptr<float>(y);
    for (int x = fromX; x < to.cols; ++x) {
        const cv::Vec2f v = sample2(flow, (x + 0.5f) * scale - 0.5f, (y + 0.5f) * scale - 0.5f);
        const float sx = std::clamp(float(x) + v[0] * inv, 0.0f, maxX),
                    sy = std::clamp(float(y) + v[1] * inv, 0.0f, maxY);
        addError<4, Avx2>(from, k4, sx, sy, t + 3 * x, sse4);
        addError<6, Avx2>(from, k6, sx, sy, t + 3 * x, sse6);
    }
}
// Sums of squared errors of predicting `to` from `from` along `flow` (to's pixels into from, at flow
// resolution `scale`) on every `rowStep`-th row, with the 4-tap kernel k4 (e[0]) and the 6-tap k6
// (e[1]) at the same positions; AVX2 when `Avx2`.
template <bool Avx2>
RUSHES_INLINE void predictionErrorsT(const cv::Mat& from, const cv::Mat& to, const cv::Mat& flow, float scale,
                                     const WarpKernel& k4, const WarpKernel& k6, int rowStep, double* e) {
    double sse4 = 0, sse6 = 0;
    for (int y = rowStep / 2; y < to.rows; y += rowStep)
        rowErrors<Avx2>(from, to, flow, scale, k4, k6, y, 0, sse4, sse6);
    e[0] = sse4;
    e[1] = sse6;
}
#if RUSHES_AVX2
// The squared error per channel (lanes 0-2, as doubles; lane 3 zero) of an N-tap sample of a frame
// (base, st; its edge strips) at (ix + phase kx, iy + phase ky) clamped to 0..255 against `target`.
template <int N>
RUSHES_AVX2_FN inline __m256d squaredError(const float* base, size_t st, const EdgeStrips& edges,
                                           const WarpKernel& k, int ix, int iy, int kx, int ky,
                                           __m128 target) {
    constexpr int before = N / 2 - 1;
    const int x = ix - before, y = iy - before;
    size_t sst;
    const float* p = edges.at<N>(base, st, x, y, sst);
    const __m128 v = sampleInside<N>(p, sst, k.expanded(kx), k.w.data() + 8 * ky);
    const __m128 d = _mm_sub_ps(_mm_min_ps(_mm_max_ps(v, _mm_setzero_ps()), _mm_set1_ps(255.0f)), target);
    const __m128 rgb = _mm_castsi128_ps(_mm_setr_epi32(-1, -1, -1, 0));
    return _mm256_cvtps_pd(_mm_and_ps(_mm_mul_ps(d, d), rgb));
}
// predictionErrorsT's sums eight pixels at a time: the flow sampled and the source positions, kernel
// phases and offsets found in vector lanes, then each pixel's two samples (those whose taps leave the
// frame from its edge strips) and their squared errors, added up per channel in double lanes. The
// row's last block (whose pixel loads would pass the row's end) goes the scalar way.
RUSHES_AVX2_FN void predictionErrorsAvx2(const cv::Mat& from, const EdgeStrips& edges, const cv::Mat& to,
                                         const cv::Mat& flow, float scale, const WarpKernel& k4,
                                         const WarpKernel& k6, int rowStep, double* e) {
    const int w = from.cols, h = from.rows;
    const size_t st = from.step1();
    const float* base = from.ptr<float>();
    const Gather8 F = gather8(flow);
    const __m256 vscale = _mm256_set1_ps(scale), inv = _mm256_set1_ps(1.0f / scale);
    const __m256 half = _mm256_set1_ps(0.5f), zero = _mm256_setzero_ps();
    const __m256 maxX = _mm256_set1_ps(float(w - 1)), maxY = _mm256_set1_ps(float(h - 1));
    const __m256 steps = _mm256_set1_ps(float(kWarpSteps)), iota = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7);
    __m256d sse4 = _mm256_setzero_pd(), sse6 = _mm256_setzero_pd();
    double tail4 = 0, tail6 = 0;
    alignas(32) int ix[8], iy[8], kx[8], ky[8];
    for (int y = rowStep / 2; y < to.rows; y += rowStep) {
        const float* t = to.ptr<float>(y);
        const __m256 fy = _mm256_set1_ps(float(y));
        const __m256 py = _mm256_set1_ps((float(y) + 0.5f) * scale - 0.5f);
        int x0 = 0;
        for (; x0 + 8 < w; x0 += 8) {
            const __m256 vx = _mm256_add_ps(_mm256_set1_ps(float(x0)), iota);
            __m256 v[2];
            bilinear8x2(F, _mm256_sub_ps(_mm256_mul_ps(_mm256_add_ps(vx, half), vscale), half), py, v);
            // As max and min take them, a position that is not a number becomes 0.
            const __m256 SX = _mm256_min_ps(_mm256_max_ps(_mm256_fmadd_ps(v[0], inv, vx), zero), maxX);
            const __m256 SY = _mm256_min_ps(_mm256_max_ps(_mm256_fmadd_ps(v[1], inv, fy), zero), maxY);
            const __m256i IX = _mm256_cvttps_epi32(SX), IY = _mm256_cvttps_epi32(SY);
            const __m256 FX = _mm256_sub_ps(SX, _mm256_cvtepi32_ps(IX)),
                         FY = _mm256_sub_ps(SY, _mm256_cvtepi32_ps(IY));
            _mm256_store_si256(reinterpret_cast<__m256i*>(ix), IX);
            _mm256_store_si256(reinterpret_cast<__m256i*>(iy), IY);
            _mm256_store_si256(reinterpret_cast<__m256i*>(kx),
                               _mm256_cvttps_epi32(_mm256_fmadd_ps(FX, steps, half)));
            _mm256_store_si256(reinterpret_cast<__m256i*>(ky),
                               _mm256_cvttps_epi32(_mm256_fmadd_ps(FY, steps, half)));
            for (int i = 0; i < 8; ++i) {
                const __m128 target = _mm_loadu_ps(t + 3 * (x0 + i));
                sse4 = _mm256_add_pd(
                    sse4, squaredError<4>(base, st, edges, k4, ix[i], iy[i], kx[i], ky[i], target));
                sse6 = _mm256_add_pd(
                    sse6, squaredError<6>(base, st, edges, k6, ix[i], iy[i], kx[i], ky[i], target));
            }
        }
        rowErrors<true>(from, to, flow, scale, k4, k6, y, x0, tail4, tail6);
    }
    alignas(32) double s4[4], s6[4];
    _mm256_store_pd(s4, sse4);
    _mm256_store_pd(s6, sse6);
    e[0] = s4[0] + s4[1] + s4[2] + tail4;
    e[1] = s6[0] + s6[1] + s6[2] + tail6;
}
#endif
// `edges`: from's edge strips (the vector path makes them when they are empty).
void predictionErrors(const cv::Mat& from, EdgeStrips& edges, const cv::Mat& to, const cv::Mat& flow,
                      float scale, const WarpKernel& k4, const WarpKernel& k6, int rowStep, bool vectorised,
                      double* e) {
#if RUSHES_AVX2
    if (internal::cpuHasAvx2Fma() && vectorised && from.channels() == 3 && EdgeStrips::fits(from)) {
        edges.ensure(from);
        return predictionErrorsAvx2(from, edges, to, flow, scale, k4, k6, rowStep, e);
    }
#else
    (void)edges;
#endif
    predictionErrorsT<false>(from, to, flow, scale, k4, k6, rowStep, e);
}

// What a trajectory's ends disagreeing in brightness (8-bit levels) adds for each flow pixel by which its
// fixed-point inversion missed the in-between's pixel (|x - p - t F01(p)|). Where the flow jumps (a
// textureless patch given a wild vector next to a still one), the iteration can settle on a still
// point a long way off whose two ends agree perfectly: both sources then lie there, and a copy of
// that place is drawn over the pixel (friday frame 99 from 98 and 100: a white band from the paper
// 26 px above drawn across the black desk, 28.7 dB against minterpolate's 38.6). Measured on the
// drop-frame protocol over 15 stretches of the shared clips (from frame 0 and 2-4 later frames of each,
// processing_bench --start): 2 lifts that pair to 38.5 dB and changes no other stretch by more than 0.02 dB;
// 1 and 8 the same.
constexpr float kResidualWeight = 2.0f;
inline float trajectoryMiss(cv::Vec2f r) {
    return std::sqrt(std::fma(r[0], r[0], r[1] * r[1]));
}
#if RUSHES_AVX2
// Four planes of eight lanes stored as eight pixels of four interleaved channels (32 floats at o).
RUSHES_AVX2_FN inline void store4x8(__m256 a, __m256 b, __m256 c, __m256 d, float* o) {
    const __m256 ab0 = _mm256_unpacklo_ps(a, b), ab1 = _mm256_unpackhi_ps(a, b);  // a0 b0 a1 b1 | a4 b4 a5 b5
    const __m256 cd0 = _mm256_unpacklo_ps(c, d), cd1 = _mm256_unpackhi_ps(c, d);
    const __m256 p0 = _mm256_shuffle_ps(ab0, cd0, _MM_SHUFFLE(1, 0, 1, 0));  // pixels 0 | 4
    const __m256 p1 = _mm256_shuffle_ps(ab0, cd0, _MM_SHUFFLE(3, 2, 3, 2));  // 1 | 5
    const __m256 p2 = _mm256_shuffle_ps(ab1, cd1, _MM_SHUFFLE(1, 0, 1, 0));  // 2 | 6
    const __m256 p3 = _mm256_shuffle_ps(ab1, cd1, _MM_SHUFFLE(3, 2, 3, 2));  // 3 | 7
    _mm256_storeu_ps(o, _mm256_permute2f128_ps(p0, p1, 0x20));
    _mm256_storeu_ps(o + 8, _mm256_permute2f128_ps(p2, p3, 0x20));
    _mm256_storeu_ps(o + 16, _mm256_permute2f128_ps(p0, p1, 0x31));
    _mm256_storeu_ps(o + 24, _mm256_permute2f128_ps(p2, p3, 0x31));
}
// The length of (x, y), as trajectoryMiss computes it.
RUSHES_AVX2_FN inline __m256 residual8(__m256 x, __m256 y) {
    return _mm256_sqrt_ps(_mm256_fmadd_ps(x, x, _mm256_mul_ps(y, y)));
}
// sourcesAt's linear trajectories for the pixels of row y from 0 in blocks of eight, in vector lanes:
// the same values as its scalar loop. Returns where the scalar loop takes over (the last partial
// block).
RUSHES_AVX2_FN int sourcesRowAvx2(const cv::Mat& f01, const cv::Mat& f10, const cv::Mat& g0,
                                  const cv::Mat& g1, float t, float s, int y, cv::Vec4f* c1, cv::Vec4f* c2,
                                  float* e1, float* e2) {
    const Gather8 F01 = gather8(f01), F10 = gather8(f10), G0 = gather8(g0), G1 = gather8(g1);
    const int w = f01.cols;
    const __m256 vt = _mm256_set1_ps(t), vs = _mm256_set1_ps(s), fy = _mm256_set1_ps(float(y));
    const __m256 iota = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7), sign = _mm256_set1_ps(-0.0f);
    int x0 = 0;
    for (; x0 + 8 <= w; x0 += 8) {
        const __m256 fx = _mm256_add_ps(_mm256_set1_ps(float(x0)), iota);
        // p = x - G0(p), q = x - G1(q), from p = q = x: the first evaluation is at the pixels themselves,
        // where the bilinear samples are the flows' own values (read as they are).
        __m256 v[2], px, py, qx, qy;
        deinterleave8(f01.ptr<float>(y) + 2 * x0, v[0], v[1]);
        px = _mm256_sub_ps(fx, _mm256_mul_ps(v[0], vt));
        py = _mm256_sub_ps(fy, _mm256_mul_ps(v[1], vt));
        deinterleave8(f10.ptr<float>(y) + 2 * x0, v[0], v[1]);
        qx = _mm256_sub_ps(fx, _mm256_mul_ps(v[0], vs));
        qy = _mm256_sub_ps(fy, _mm256_mul_ps(v[1], vs));
        for (int it = 1; it < 3; ++it) {
            bilinear8x2(F01, px, py, v);
            const __m256 npx = _mm256_sub_ps(fx, _mm256_mul_ps(v[0], vt)),
                         npy = _mm256_sub_ps(fy, _mm256_mul_ps(v[1], vt));
            bilinear8x2(F10, qx, qy, v);
            qx = _mm256_sub_ps(fx, _mm256_mul_ps(v[0], vs));
            qy = _mm256_sub_ps(fy, _mm256_mul_ps(v[1], vs));
            px = npx;
            py = npy;
        }
        // Each trajectory's end in the other frame, and by how much its inversion misses x (residual).
        bilinear8x2(F01, px, py, v);
        const __m256 q1x = _mm256_add_ps(px, v[0]), q1y = _mm256_add_ps(py, v[1]);
        const __m256 m1 = residual8(_mm256_sub_ps(_mm256_sub_ps(fx, px), _mm256_mul_ps(v[0], vt)),
                                    _mm256_sub_ps(_mm256_sub_ps(fy, py), _mm256_mul_ps(v[1], vt)));
        bilinear8x2(F10, qx, qy, v);
        const __m256 p2x = _mm256_add_ps(qx, v[0]), p2y = _mm256_add_ps(qy, v[1]);
        const __m256 m2 = residual8(_mm256_sub_ps(_mm256_sub_ps(fx, qx), _mm256_mul_ps(v[0], vs)),
                                    _mm256_sub_ps(_mm256_sub_ps(fy, qy), _mm256_mul_ps(v[1], vs)));
        const __m256 lam = _mm256_set1_ps(kResidualWeight);
        _mm256_storeu_ps(e1 + x0,
                         _mm256_fmadd_ps(lam, m1,
                                         _mm256_andnot_ps(sign, _mm256_sub_ps(bilinear8x1(G0, px, py),
                                                                              bilinear8x1(G1, q1x, q1y)))));
        _mm256_storeu_ps(e2 + x0,
                         _mm256_fmadd_ps(lam, m2,
                                         _mm256_andnot_ps(sign, _mm256_sub_ps(bilinear8x1(G0, p2x, p2y),
                                                                              bilinear8x1(G1, qx, qy)))));
        store4x8(_mm256_sub_ps(px, fx), _mm256_sub_ps(py, fy), _mm256_sub_ps(q1x, fx), _mm256_sub_ps(q1y, fy),
                 reinterpret_cast<float*>(c1 + x0));
        store4x8(_mm256_sub_ps(p2x, fx), _mm256_sub_ps(p2y, fy), _mm256_sub_ps(qx, fx), _mm256_sub_ps(qy, fy),
                 reinterpret_cast<float*>(c2 + x0));
    }
    return x0;
}
#endif

// Where each pixel of the in-between at phase t comes from in each frame, at flow resolution:
// d0 = p - x and d1 = q - x. Each frame's trajectories (linear, or quadratic when the frames
// before and after are known, to follow acceleration) are inverted by fixed-point iteration,
// p = x - G0(p) (three evaluations: the same PSNR to 0.01 dB on the shared clips as five). Of the two
// candidate trajectories through x - the one starting in frame 0 and the one starting in frame 1 - and
// no motion at all, the one whose ends agree best in brightness over 5 x 5 flow pixels (a trajectory's
// with what its inversion missed x by, kResidualWeight) is kept, a trajectory where they tie.
// No motion is the candidate where the flows of a still area are pulled by what moves beside it or by
// the noise of a flat patch. Measured on the drop-frame protocol over 15 stretches of the shared clips
// (from frame 0 and 2-4 later frames of each, processing_bench --start): +0.15 and +0.17 dB on Dinky and
// PSR63 from frame 0, up to +0.11 on the other stretches, none lower; 4x slow motion +0.05 to +0.20 (flower
// the same). Giving the still candidate an edge (its error times 0.7 or 0.85 against the best trajectory's)
// or a handicap (1.2, 1.5, 2.5) did worse, and a fourth candidate moving with the flow's median added
// nothing.
void sourcesAt(const cv::Mat& f01, const cv::Mat& f10, const cv::Mat& f0m, const cv::Mat& f12,
               const cv::Mat& g0, const cv::Mat& g1, float t, bool vectorised, cv::Mat& d0, cv::Mat& d1) {
    const int w = f01.cols, h = f01.rows;
    const float s = 1.0f - t;
    const bool quad0 = !f0m.empty(), quad1 = !f12.empty();
    // Displacement of a frame-0 pixel at phase t, and of a frame-1 pixel at phase t (backwards).
    auto g0At = [&](float x, float y) {
        const cv::Vec2f v = sample2(f01, x, y);
        if (!quad0) return cv::Vec2f(v * t);
        const cv::Vec2f m = sample2(f0m, x, y);
        return cv::Vec2f((v - m) * (0.5f * t) + (v + m) * (0.5f * t * t));
    };
    auto g1At = [&](float x, float y) {
        const cv::Vec2f v = sample2(f10, x, y);
        if (!quad1) return cv::Vec2f(v * s);
        const cv::Vec2f m = sample2(f12, x, y);
        return cv::Vec2f((v - m) * (0.5f * s) + (v + m) * (0.5f * s * s));
    };
    cv::Mat c1(f01.size(), CV_32FC4), c2(f01.size(), CV_32FC4), e1(f01.size(), CV_32F), e2(f01.size(), CV_32F);
    cv::parallel_for_(cv::Range(0, h), [&](const cv::Range& r) {
        // Eight pixels at a time, each step for all of them before the next: the fixed-point
        // iterations are chains of dependent samples, and eight independent chains keep the processor
        // busy where one would wait on each sample.
        constexpr int kBlock = 8;
        for (int y = r.start; y < r.end; ++y) {
            const float fy = float(y);
            int start = 0;
#if RUSHES_AVX2
            if (internal::cpuHasAvx2Fma() && vectorised && !quad0 && !quad1)
                start = sourcesRowAvx2(f01, f10, g0, g1, t, s, y, c1.ptr<cv::Vec4f>(y), c2.ptr<cv::Vec4f>(y),
                                       e1.ptr<float>(y), e2.ptr<float>(y));
#endif
            for (int x0 = start; x0 < w; x0 += kBlock) {
                const int m = std::min(kBlock, w - x0);
                cv::Vec2f p[kBlock], q[kBlock];
                for (int i = 0; i < m; ++i) {
                    const float fx = float(x0 + i);
                    p[i] = cv::Vec2f(fx, fy) - g0At(fx, fy);
                    q[i] = cv::Vec2f(fx, fy) - g1At(fx, fy);
                }
                for (int it = 0; it < 2; ++it) {
                    for (int i = 0; i < m; ++i) p[i] = cv::Vec2f(float(x0 + i), fy) - g0At(p[i][0], p[i][1]);
                    for (int i = 0; i < m; ++i) q[i] = cv::Vec2f(float(x0 + i), fy) - g1At(q[i][0], q[i][1]);
                }
                for (int i = 0; i < m; ++i) {
                    const int x = x0 + i;
                    const float fx = float(x);
                    const cv::Vec2f q1 =
                        p[i] + sample2(f01, p[i][0], p[i][1]);  // the same trajectory's end in frame 1
                    const cv::Vec2f p2 =
                        q[i] + sample2(f10, q[i][0], q[i][1]);  // ... and its start in frame 0
                    c1.at<cv::Vec4f>(y, x) = cv::Vec4f(p[i][0] - fx, p[i][1] - fy, q1[0] - fx, q1[1] - fy);
                    c2.at<cv::Vec4f>(y, x) = cv::Vec4f(p2[0] - fx, p2[1] - fy, q[i][0] - fx, q[i][1] - fy);
                    const float m1 = trajectoryMiss(cv::Vec2f(fx, fy) - p[i] - g0At(p[i][0], p[i][1]));
                    const float m2 = trajectoryMiss(cv::Vec2f(fx, fy) - q[i] - g1At(q[i][0], q[i][1]));
                    e1.at<float>(y, x) =
                        std::fma(kResidualWeight, m1,
                                 std::abs(sample1(g0, p[i][0], p[i][1]) - sample1(g1, q1[0], q1[1])));
                    e2.at<float>(y, x) =
                        std::fma(kResidualWeight, m2,
                                 std::abs(sample1(g0, p2[0], p2[1]) - sample1(g1, q[i][0], q[i][1])));
                }
            }
        }
    });
    cv::boxFilter(e1, e1, -1, cv::Size(5, 5));
    cv::boxFilter(e2, e2, -1, cv::Size(5, 5));
    // The third candidate, no motion: its ends are the pixel itself in each frame.
    cv::Mat ez;
    cv::absdiff(g0, g1, ez);
    cv::boxFilter(ez, ez, -1, cv::Size(5, 5));
    d0.create(f01.size(), CV_32FC2);
    d1.create(f01.size(), CV_32FC2);
    for (int y = 0; y < h; ++y) {
        const float *a = e1.ptr<float>(y), *b = e2.ptr<float>(y), *z = ez.ptr<float>(y);
        const cv::Vec4f *r1 = c1.ptr<cv::Vec4f>(y), *r2 = c2.ptr<cv::Vec4f>(y);
        cv::Vec2f *o0 = d0.ptr<cv::Vec2f>(y), *o1 = d1.ptr<cv::Vec2f>(y);
        for (int x = 0; x < w; ++x) {
            if (z[x] < std::min(a[x], b[x])) {
                o0[x] = o1[x] = cv::Vec2f(0, 0);
                continue;
            }
            const cv::Vec4f& c = a[x] <= b[x] ? r1[x] : r2[x];
            o0[x] = cv::Vec2f(c[0], c[1]);
            o1[x] = cv::Vec2f(c[2], c[3]);
        }
    }
}

// The rows the warp choice reads: every rowStep-th, about 2048 pixels (see setPair).
int warpChoiceRowStep(const cv::Mat& frame) {
    return std::max(1, int(double(frame.total()) / 2048.0));
}

}  // namespace

bool FrameInterpolator::State::setPairOnDevice(const cv::Mat& fa, const cv::Mat& fb, double scale,
                                               internal::StageClock& clock) {
    const bool reuse = dev.valid && !b.empty() && fa.data == b.data && fa.size() == b.size() &&
                       fa.step == b.step && fingerprint(fa) == printB;
    dev.valid = false;
    try {
        if (reuse) {
            std::swap(ua, ub);
            std::swap(dev.gray[0], dev.gray[1]);
        } else if (!internal::uploadWorking(fa, dev.stage[0], ua, dev.pinned.ifWanted(s.pinnedTransfers))) {
            return false;
        }
        if (!internal::uploadWorking(fb, dev.stage[1], ub, dev.pinned.ifWanted(s.pinnedTransfers)))
            return false;
        printB = fingerprint(fb);
        a = fa;
        b = fb;
        lap(clock, reuse ? "upload (one frame)" : "upload (two frames)");
        // The flow images as on the CPU path (flowGray), as floats for the kernels.
        auto gray = [scale](const cv::UMat& rgb, cv::UMat& out) {
            cv::UMat g8;
            flowGray(rgb, scale, g8);
            g8.convertTo(out, CV_32F);
        };
        if (!reuse) gray(ua, dev.gray[0]);
        gray(ub, dev.gray[1]);
        const int fw = dev.gray[0].cols, fh = dev.gray[0].rows;
        dev.fw = fw;
        dev.fh = fh;
        dev.from.create(2 * fh, fw, CV_32F);
        dev.to.create(2 * fh, fw, CV_32F);
        cv::UMat from0 = dev.from.rowRange(0, fh), from1 = dev.from.rowRange(fh, 2 * fh);
        cv::UMat to0 = dev.to.rowRange(0, fh), to1 = dev.to.rowRange(fh, 2 * fh);
        dev.gray[0].copyTo(from0);
        dev.gray[1].copyTo(from1);
        dev.gray[1].copyTo(to0);
        dev.gray[0].copyTo(to1);
        lap(clock, "flow images (device)");
        internal::DeviceFlowSettings fs;
        fs.patchSize = s.patchSize;
        fs.patchStride = s.patchStride;
        fs.iterations = descentIterations(s);
        fs.refine = refineSettings(s);
        if (!internal::flowsOnDevice(dev.from, dev.to, 2, fw, fh, dev.flows, fs)) return false;
        lap(clock, "flow: DIS and refinement (device)");
        flowScale = double(fw) / double(fa.cols);
        internal::DeviceQueue q;
        ue0.create(fh, fw, CV_32F);
        ue1.create(fh, fw, CV_32F);
        dev.cutRows.create(1, 2 * fh, CV_32F);
        q.run(internal::kernel("rt_consistency"), size_t(fw), size_t(fh), 2, dev.flows, fw, fh, ue0, ue1);
        q.run(internal::kernel("rt_cut_rows"), size_t(fh), 1, 1, dev.from, dev.flows, fw, fh, dev.cutRows);
        const int w = fa.cols, h = fa.rows;
        const int rowStep = warpChoiceRowStep(fa);  // as on the CPU
        const int rows = (h - rowStep / 2 + rowStep - 1) / rowStep;
        const bool choose = s.warpFilter == WarpFilter::Auto && rows > 0;
        if (choose) {
            dev.predict.create(4 * rows, w, CV_32F);
            q.run(internal::kernel("rt_predict"), size_t(w), size_t(rows), 4, ua, ub,
                  int(ua.step / sizeof(float)), dev.flows, fw, fh, float(flowScale), rowStep, rows, w, h,
                  dev.predict);
        }
        if (!q.ok()) return false;
        cv::Mat sums, errs;
        dev.cutRows.copyTo(sums);  // waits for the queue
        if (choose) dev.predict.copyTo(errs);
        double comp = 0, plain = 0;
        for (int y = 0; y < fh; ++y) {
            comp += double(sums.at<float>(2 * y));
            plain += double(sums.at<float>(2 * y + 1));
        }
        error = comp / (double((fh + 1) / 2) * double((fw + 1) / 2));
        cut = error > s.cutThreshold && error > s.cutRatio * plain / double(fw * fh);
        lap(clock, "consistency, cut (device)");
        warp = s.warpFilter == WarpFilter::Auto ? WarpFilter::CatmullRom : s.warpFilter;
        if (choose && !cut) {
            double e[4];
            for (int i = 0; i < 4; ++i) e[i] = cv::sum(errs.rowRange(i * rows, (i + 1) * rows))[0];
            warp = e[2] + e[3] < e[0] + e[1] ? WarpFilter::Lanczos3 : WarpFilter::CatmullRom;
        }
        lap(clock, "warp choice (device)");
        f01.release();
        f10.release();
        dev.valid = true;
        onDevice = true;
        return true;
    } catch (const cv::Exception&) {  // out of device memory, lost device: the host path
        return false;
    }
}

void FrameInterpolator::State::hostFields() {
    if (!dev.valid) return;
    hostMotion();
    a = internal::toWorking(a);  // the host path warps working frames
    b = internal::toWorking(b);
}

void FrameInterpolator::State::hostMotion() {
    if (!dev.valid || !f01.empty()) return;
    const int fh = dev.fh;
    cv::Mat flows, gray;
    dev.flows.copyTo(flows);
    dev.from.copyTo(gray);
    f01 = flows.rowRange(0, fh).clone();
    f10 = flows.rowRange(fh, 2 * fh).clone();
    g0 = gray.rowRange(0, fh).clone();
    g1 = gray.rowRange(fh, 2 * fh).clone();
    ue0.copyTo(e0);
    ue1.copyTo(e1);
}

cv::Mat FrameInterpolator::State::atOnDevice(float t, int depth, internal::StageClock& clock) {
    try {
        const int fw = dev.fw, fh = dev.fh, w = a.cols, h = a.rows;
        dev.c1.create(fh, fw, CV_32FC4);
        dev.c2.create(fh, fw, CV_32FC4);
        dev.err.create(3 * fh, fw, CV_32F);
        dev.d0.create(fh, fw, CV_32FC2);
        dev.d1.create(fh, fw, CV_32FC2);
        dev.out.create(h, w, CV_32FC3);
        if (dev.out.step != ua.step) return {};
        const float invSigma2 = float(1.0 / (2.0 * s.consistencySigma * s.consistencySigma));
        internal::DeviceQueue q;
        q.run(internal::kernel("rt_sources"), size_t(fw), size_t(fh), 1, dev.flows, dev.from, fw, fh, t,
              kResidualWeight, dev.c1, dev.c2, dev.err);
        q.run(internal::kernel("rt_select"), size_t(fw), size_t(fh), 1, dev.c1, dev.c2, dev.err, fw, fh,
              dev.d0, dev.d1);
        lap(clock, "sources (device)");
        q.run(internal::kernel("interpolate_pair"), size_t(w), size_t(h), 1, ua, ub,
              int(ua.step / sizeof(float)), dev.d0, dev.d1, ue0, ue1, 2 * fw, fw, fw, fh, dev.out, w, h, t,
              float(flowScale), invSigma2, int(warp == WarpFilter::Lanczos3));
        if (!q.ok()) return {};
        lap(clock, "warp (device)");
        cv::Mat result;
        if (!internal::downloadWorking(dev.out, depth, dev.outStage, result,
                                       dev.pinned.ifWanted(s.pinnedTransfers)))
            return {};
        lap(clock, "download");
        return result;
    } catch (const cv::Exception&) {
        return {};
    }
}

codecs::Status FrameInterpolator::setPair(const cv::Mat& frameA, const cv::Mat& frameB, const cv::Mat& before,
                                          const cv::Mat& after) {
    cv::Mat a = frameA, b = frameB;  // native frames become working ones for the host paths below
    // The vector warp's edge strips belong to the last pair's frames; the next warp makes them again
    // (from this pair's frames, or the device pair's once brought to the host: hostFields).
    d->edgeA = {};
    d->edgeB = {};
    if (a.empty() || b.empty())
        return internal::makeError({},
                                   QT_TRANSLATE_NOOP("rushes::processing::Messages", "retime: empty frame"));
    if (a.size() != b.size())
        return internal::makeError(
            {},
            QT_TRANSLATE_NOOP("rushes::processing::Messages", "retime: frame sizes differ (%1x%2 and %3x%4)"),
            a.cols, a.rows, b.cols, b.rows);
    if (!internal::isFrameType(a.type()) || a.type() != b.type())
        return internal::makeError({},
                                   QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                     "retime: frames must be RGB of one type: 8-bit, 16-bit, "
                                                     "half or float"));
    // Auto (autoFlowScale): up to 1536 px wide, a quarter of the frame, but at least 160 px wide up
    // to half of it; wider frames, see autoFlowScale. Measured on the drop-frame protocol: friday (640x480)
    // at 0.25 instead of 0.375 +0.03 dB at less than half the flow cost; the 320x180 clips at 0.5 instead of
    // 0.75 -0.15 dB (PSR63) and -0.17 dB (Dinky) at less than half the flow cost; flower (960x540) stays at
    // 0.25.
    double scale = d->s.flowScale > 0 ? d->s.flowScale : autoFlowScale(a.cols);
    if (std::min(a.cols, a.rows) * scale < 32) scale = 1.0;  // DIS needs some pixels
    const bool lastOnDevice = d->upload.valid() ? d->upload.get() : d->onDevice;  // at() may not have waited
    d->onDevice = false;
    d->times.clear();
    internal::StageClock clock(d->times);
    cv::Mat ga, gb;
    activateBackend(d->s.backend);
    if (d->s.backend == Backend::OpenCL && d->s.devicePipeline && !d->s.quadratic) {
        if (!lastOnDevice) d->dev.valid = false;
        if (d->setPairOnDevice(a, b, scale, clock)) {
            d->grayB.release();  // b is now the device pair's; its flow image lives there
            return codecs::Ok{};
        }
        d->onDevice = false;  // the kernels cannot run: the host path below, which uploads again
        d->dev.valid = false;
        d->b.release();
    }
    d->dev.valid = false;
    a = internal::toWorking(a);
    b = internal::toWorking(b);
    // In a run of pairs each frame is the second of one pair and the first of the next. When this pair
    // starts with the last pair's second frame (the same buffer, unchanged since; d->b still holds it,
    // a reference that keeps its memory), that frame is on the device already (OpenCL), and a large
    // frame's flow image is made already. The two fingerprints cost about what the flow image of a
    // 640x480 frame does, so on the CPU only frames of 1M pixels and more keep it (1080p: 1 ms a pair).
    const bool ocl = d->s.backend == Backend::OpenCL, keepGray = a.total() >= 1000000;
    const bool startsWithLast = (ocl || keepGray) && !d->b.empty() && a.data == d->b.data &&
                                a.size() == d->b.size() && a.step == d->b.step &&
                                State::fingerprint(a) == d->printB;
    if (ocl || keepGray) d->printB = State::fingerprint(b);
    if (ocl) {
        // The full frames go to the device on their own thread while the motion is estimated;
        // at() waits for them. The flow images are made on the CPU, as on the CPU path. A 2x retime
        // uploads one frame a pair, not two.
        const bool reuse = lastOnDevice && startsWithLast;
        if (reuse) std::swap(d->ua, d->ub);
        d->upload = std::async(
            d->s.asyncUpload ? std::launch::async : std::launch::deferred, [st = d.get(), a, b, reuse] {
                try {
                    activateBackend(Backend::OpenCL);
                    if (!reuse) a.copyTo(st->ua);
                    b.copyTo(st->ub);
                    cv::ocl::finish();
                    return true;
                } catch (const cv::Exception&) {  // out of device memory, lost device: at() warps on the CPU
                    return false;
                }
            });
    }
    if (d->upload.valid() && !d->s.asyncUpload) {
        d->onDevice = d->upload.get();  // deferred: runs here
        clock.lap("upload");
    }
    d->a = a;
    d->b = b;
    if (keepGray && startsWithLast && !d->grayB.empty() && d->grayBScale == scale) {
        ga = d->grayB;
        flowGray(b, scale, gb);
    } else {  // the two frames' flow images side by side
        cv::parallel_for_(
            cv::Range(0, 2),
            [&](const cv::Range& r) {
                for (int i = r.start; i < r.end; ++i) flowGray(i == 0 ? a : b, scale, i == 0 ? ga : gb);
            },
            2);
    }
    d->grayB = keepGray ? gb : cv::Mat();
    d->grayBScale = scale;
    clock.lap("flow images");
    d->flows(ga, gb, d->f01, d->f10, clock);
    clock.lap(d->s.backend == Backend::OpenCL && d->s.deviceRefine ? "flow: refinement (device)"
                                                                   : "flow (both directions)");
    d->flowScale = double(ga.cols) / double(a.cols);
    // Acceleration from the neighbours (skipped across sizes; a cut there makes it useless).
    d->f0m.release();
    d->f12.release();
    if (d->s.quadratic) {
        auto extraFlow = [&](const cv::Mat& gFrom, const cv::Mat& to, cv::Mat& flow) {
            if (to.empty() || to.size() != a.size() || !internal::isFrameType(to.type())) return;
            cv::Mat gTo;
            flowGray(internal::toWorking(to), scale, gTo);
            flow = d->flow(gFrom, gTo);
        };
        extraFlow(ga, before, d->f0m);
        extraFlow(gb, after, d->f12);
        clock.lap("flow (neighbours)");
    }
    consistency(d->f01, d->f10, d->e0, d->e1, d->s.vectorised);
    if (d->s.backend == Backend::OpenCL) {
        d->e0.copyTo(d->ue0);
        d->e1.copyTo(d->ue1);
    }
    ga.convertTo(d->g0, CV_32F);
    gb.convertTo(d->g1, CV_32F);
    d->error = compensatedError(d->g0, d->g1, d->f01);
    // A cut: motion explains little of the difference (the compensated error stays close to the
    // plain frame difference) and what is left is well above noise and compression levels.
    cv::Mat raw;
    cv::absdiff(ga, gb, raw);
    const double rawError = cv::mean(raw)[0];
    d->cut = d->error > d->s.cutThreshold && d->error > d->s.cutRatio * rawError;
    clock.lap("consistency, cut");
    // The warp's kernel (Auto): the sharper Lanczos-3 where it predicts each frame of the pair from
    // the other better than Catmull-Rom does, along the same flows, on evenly spaced rows (about
    // 2048 pixels a direction: against 4096, 11 of the drop-frame protocol's 120 pairs chose the
    // other kernel, each where the two predicted within 3% of each other on 4096; the four clips'
    // PSNRs stayed the same to 0.01 dB, and the choice takes 0.11 ms instead of 0.23). Sharp, clean
    // footage gains from it; on noisy or soft footage its wider pass band carries noise, and the
    // smoother kernel predicts better. One choice per pair, from its own frames only, so the output
    // does not depend on which pairs came before.
    d->warp = d->s.warpFilter == WarpFilter::Auto ? WarpFilter::CatmullRom : d->s.warpFilter;
    if (d->s.warpFilter == WarpFilter::Auto && !d->cut) {
        const float sc = float(d->flowScale);
        const WarpKernel &cr = warpKernel(WarpFilter::CatmullRom), &l3 = warpKernel(WarpFilter::Lanczos3);
        const int rowStep = warpChoiceRowStep(a);
        // b from a, a from b (a task each): Catmull-Rom's and Lanczos-3's errors at the same positions.
        double e[2][2];
        cv::parallel_for_(
            cv::Range(0, 2),
            [&](const cv::Range& r) {
                for (int i = r.start; i < r.end; ++i) {
                    const bool ab = i == 0;
                    const cv::Mat &from = ab ? a : b, &to = ab ? b : a, &flow = ab ? d->f10 : d->f01;
                    predictionErrors(from, ab ? d->edgeA : d->edgeB, to, flow, sc, cr, l3, rowStep,
                                     d->s.vectorised, e[i]);
                }
            },
            2);
        d->warp = e[0][1] + e[1][1] < e[0][0] + e[1][0] ? WarpFilter::Lanczos3 : WarpFilter::CatmullRom;
    }
    clock.lap("warp choice");
    return codecs::Ok{};
}

cv::Mat FrameInterpolator::at(double t, int depth) const {
    if (!internal::isOutputDepth(depth)) depth = CV_32F;
    const bool ocl = d->s.backend == Backend::OpenCL;
    if (t <= 0) return internal::toDepth(d->a, depth);
    if (t >= 1) return internal::toDepth(d->b, depth);
    if (d->cut)
        return internal::toDepth(t < 0.5 ? d->a : d->b, depth);  // never cross-fade a cut: the nearer frame
    internal::StageClock clock(d->times);
    const float ft = float(t);
    if (d->dev.valid) {
        cv::Mat result = d->atOnDevice(ft, depth, clock);
        if (!result.empty()) return result;
        d->hostFields();  // the kernels failed: the host path below on the device's motion
    }
    return internal::asDepth(d->warpHost(d->a, d->b, ft, ocl, clock, depth), depth);
}

cv::Mat FrameInterpolator::warpAlong(const cv::Mat& a, const cv::Mat& b, double t) const {
    if (d->a.empty() || a.size() != d->a.size() || b.size() != a.size() || a.type() != b.type() ||
        (a.type() != CV_32FC1 && a.type() != CV_32FC3))
        return {};
    if (t <= 0) return a.clone();
    if (t >= 1) return b.clone();
    if (d->cut) return (t < 0.5 ? a : b).clone();
    d->hostMotion();
    internal::StageClock clock(d->times);
    if (a.channels() == 3) return d->warpHost(a, b, float(t), false, clock);
    cv::Mat a3, b3, out;
    cv::merge(std::vector<cv::Mat>{a, a, a}, a3);
    cv::merge(std::vector<cv::Mat>{b, b, b}, b3);
    cv::extractChannel(d->warpHost(a3, b3, float(t), false, clock), out, 0);
    return out;
}

cv::Mat FrameInterpolator::State::warpHost(const cv::Mat& A, const cv::Mat& B, float ft, bool device,
                                           internal::StageClock& clock, int depth) {
    State* d = this;
    const bool ocl = device;
    const cv::Size size = A.size();
    const float scale = float(d->flowScale);
    const float invSigma2 = float(1.0 / (2.0 * d->s.consistencySigma * d->s.consistencySigma));
    cv::Mat src0, src1;  // where each pixel comes from in a and in b, at flow resolution
    sourcesAt(d->f01, d->f10, d->f0m, d->f12, d->g0, d->g1, ft, d->s.vectorised, src0, src1);
    clock.lap("sources");
    if (ocl) {
        cv::ocl::Kernel k = internal::kernel("interpolate_pair");
        if (d->upload.valid()) d->onDevice = d->upload.get();
        if (d->onDevice && !k.empty()) {
            cv::UMat out(size, CV_32FC3), u0, u1;
            src0.copyTo(u0);
            src1.copyTo(u1);
            auto step = [](const cv::UMat& m) { return int(m.step / sizeof(float)); };
            k.args(cv::ocl::KernelArg::PtrReadOnly(d->ua), cv::ocl::KernelArg::PtrReadOnly(d->ub), step(d->ua),
                   cv::ocl::KernelArg::PtrReadOnly(u0), cv::ocl::KernelArg::PtrReadOnly(u1),
                   cv::ocl::KernelArg::PtrReadOnly(d->ue0), cv::ocl::KernelArg::PtrReadOnly(d->ue1),
                   step(u0), step(d->ue0), u0.cols, u0.rows, cv::ocl::KernelArg::PtrWriteOnly(out),
                   size.width, size.height, ft, scale, invSigma2, int(d->warp == WarpFilter::Lanczos3));
            size_t global[2] = {size_t(size.width), size_t(size.height)};
            if (k.run(2, global, nullptr, true)) {
                cv::Mat result;
                out.copyTo(result);
                clock.lap("warp (device, with download)");
                return result;
            }
        }
        // Kernel unavailable: the CPU path below, on the same data.
    }
    // CPU: the blend weights are smooth, so they are made at flow resolution and upsampled; the
    // two frames are resampled (the pair's kernel, interpolateRow) along maps built from the upsampled
    // source fields, and the blend is a plain vectorisable loop. The weights differ from the
    // OpenCL kernel's per-pixel ones only by that upsampling (tst_processing_backends checks both).
    // One pass over the low-resolution rows makes each row's fields (both displacements, scaled to
    // full-resolution pixels, and the weight of frame b) and, for the vector warp, brings them to the
    // frame's width.
    const int fw = src0.cols, fh = src0.rows;
    const int w = size.width, h = size.height;
    const FieldsRow fr{src0, src1, d->e0, d->e1, ft, invSigma2, 1.0f / scale};
    std::vector<int> xi;  // horizontal taps of the upsampling, shared by all rows
    std::vector<float> xf;
    internal::upsampleRowTaps(fw, w, 1, xi, xf);
    bool vectorWarp = false;
#if RUSHES_AVX2
    vectorWarp = internal::cpuHasAvx2Fma() && d->s.vectorised && A.step1() == B.step1() &&
                 A.channels() == 3 && EdgeStrips::fits(A);
#endif
    cv::Mat& fields = d->fields;    // portable warp: per low-res pixel dx0, dy0, dx1, dy1, alpha
    cv::Mat& wide = d->wideFields;  // vector warp: five planes of w floats per low-res row
    if (vectorWarp)
        wide.create(5 * fh, w, CV_32F);
    else
        fields.create(fh, fw * 5, CV_32F);
    cv::parallel_for_(cv::Range(0, fh), [&](const cv::Range& r) {
        std::vector<float>& planes = scratch(0, 5 * size_t(fw));
        float* p[5];
        for (int c = 0; c < 5; ++c) p[c] = planes.data() + size_t(c) * size_t(fw);
        for (int y = r.start; y < r.end; ++y) {
            fieldsRow(fr, y, d->s.vectorised, p);
            if (vectorWarp) {
                for (int c = 0; c < 5; ++c)
                    widenRow(p[c], fw, xi.data(), xf.data(), w, wide.ptr<float>(5 * y + c));
            } else {
                float* f = fields.ptr<float>(y);
                for (int x = 0; x < fw; ++x)
                    for (int c = 0; c < 5; ++c) f[5 * x + c] = p[c][x];
            }
        }
    });
    // Full resolution, one pass per row: the fields are upsampled bilinearly as cv::resize does, both
    // frames are resampled along them and blended, with no full-size intermediate.
    const double syScale = double(fh) / double(h);
    const WarpKernel& kernel = warpKernel(d->warp);
#if RUSHES_AVX2
    if (vectorWarp) {
        // Horizontally first (above): each low-resolution row's fields brought to the frame's width
        // once, a fifth of the work of doing it for every output row; each output row then lerps two
        // of them in vector lanes (warpRowAvx2).
        // An output depth is made a row at a time from the warped row (the same rounding as toDepth),
        // so no working frame is written and read again.
        const bool direct = !internal::isOutputDepth(depth) || depth == CV_32F;
        cv::Mat result(size, CV_MAKETYPE(direct ? CV_32F : depth, 3));
        // The frames' edge strips (kept for the pair's later in-betweens when they are its own).
        EdgeStrips ownA, ownB;
        EdgeStrips& EA = &A == &d->a ? d->edgeA : ownA;
        EdgeStrips& EB = &B == &d->b ? d->edgeB : ownB;
        EA.ensure(A);
        EB.ensure(B);
        cv::parallel_for_(cv::Range(0, h), [&](const cv::Range& r) {
            std::vector<float>& row = scratch(1, direct ? 0 : 3 * size_t(w));
            for (int y = r.start; y < r.end; ++y) {
                const internal::UpTap ty = internal::upsampleTap(y, syScale, fh);
                const float* lo[5];
                const float* hi[5];
                for (int c = 0; c < 5; ++c) {
                    lo[c] = wide.ptr<float>(5 * ty.i0 + c);
                    hi[c] = wide.ptr<float>(5 * ty.i1 + c);
                }
                float* dst = direct ? result.ptr<float>(y) : row.data();
                if (kernel.taps == 6)
                    warpRowAvx2<6>(A, B, EA, EB, kernel, lo, hi, ty.f, y, dst);
                else
                    warpRowAvx2<4>(A, B, EA, EB, kernel, lo, hi, ty.f, y, dst);
                if (!direct) {
                    cv::Mat target = result.row(y);
                    internal::workingTo(cv::Mat(1, w, CV_32FC3, dst), depth, target);
                }
            }
        });
        clock.lap("warp");
        return result;
    }
#endif
    cv::Mat out(size, CV_32FC3);
    cv::parallel_for_(cv::Range(0, h), [&](const cv::Range& r) {
        std::vector<float>& line = scratch(1, size_t(fw) * 5);
        for (int y = r.start; y < r.end; ++y) {
            const internal::UpTap ty = internal::upsampleTap(y, syScale, fh);
            const float fy = ty.f;
            const float* l0 = fields.ptr<float>(ty.i0);
            const float* l1 = fields.ptr<float>(ty.i1);
            for (int i = 0; i < fw * 5; ++i) line[size_t(i)] = l0[i] + (l1[i] - l0[i]) * fy;
            interpolateRow(A, B, kernel, line.data(), xi.data(), xf.data(), y, out.ptr<float>(y), w);
        }
    });
    clock.lap("warp");
    return out;
}

double autoFlowScale(int width) {
    const double w = std::max(1, width);
    return std::clamp(160.0 / w, std::clamp(384.0 / w, 0.2, 0.25), 0.5);
}

int warpFilterTaps(WarpFilter filter) { return filter == WarpFilter::CatmullRom ? 4 : 6; }

double warpFilterWeight(WarpFilter filter, double x) {
    auto lanczos = [x](double n) {
        if (x < 1e-9) return 1.0;
        if (x >= n) return 0.0;
        const double px = CV_PI * x;
        return n * std::sin(px) * std::sin(px / n) / (px * px);
    };
    switch (filter) {
    case WarpFilter::CatmullRom:
        return x < 1 ? 1.5 * x * x * x - 2.5 * x * x + 1 : x < 2 ? -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2 : 0.0;
    case WarpFilter::Lanczos3: return lanczos(3);
    case WarpFilter::Auto: break;
    }
    return 0;
}

SourcePosition retimeSource(int64_t j, double inRate, double outRate) {
    const double p = double(j) * inRate / outRate;
    SourcePosition s;
    s.index = int64_t(std::floor(p + 1e-9));
    s.phase = p - double(s.index);
    if (s.phase < 1e-9) s.phase = 0;
    return s;
}

int64_t retimedFrameCount(int64_t inFrames, double inRate, double outRate) {
    if (inFrames <= 0 || inRate <= 0 || outRate <= 0) return 0;
    return int64_t(std::floor(double(inFrames - 1) * outRate / inRate + 1e-9)) + 1;
}

}  // namespace rushes::processing
