// CPU and OpenCL (PoCL in CI) give the same pictures within a stated tolerance, and the backend
// that ran is always known.
#include <QTest>

#include "ProcessingTestSupport.h"
#include "processing/Backend.h"
#include "processing/Denoise.h"
#include "processing/Retime.h"
#include "processing/internal/DeviceFlow.h"
#include "processing/internal/DeviceRefine.h"
#include "processing/internal/Kernels.h"

#include <opencv2/video/tracking.hpp>

using namespace rushes;
using namespace rushes::processing;

namespace {

// OpenCV's DIS with the retime's settings, then its variational refinement with the retime's
// settings (the CPU path's flow between two 8-bit gray images).
cv::Mat openCvRetimeFlow(const cv::Mat& from, const cv::Mat& to) {
    const InterpolatorSettings rs;
    cv::Ptr<cv::DISOpticalFlow> dis = cv::DISOpticalFlow::create(rs.flowPreset);
    dis->setFinestScale(rs.finestScale);
    dis->setPatchSize(rs.patchSize);
    dis->setPatchStride(rs.patchStride);
    dis->setVariationalRefinementIterations(0);
    cv::Ptr<cv::VariationalRefinement> vr = cv::VariationalRefinement::create();
    vr->setFixedPointIterations(rs.refineIterations);
    vr->setSorIterations(5);
    vr->setAlpha(20.0f);
    vr->setDelta(5.0f);
    vr->setGamma(10.0f);
    cv::Mat flow;
    dis->calc(from, to, flow);
    vr->calc(from, to, flow);
    return flow;
}

}  // namespace

class BackendsTest : public QObject {
    Q_OBJECT

private slots:
    void resolvesAndReports() {
        std::string note;
        QCOMPARE(resolveBackend(Backend::Cpu, &note), Backend::Cpu);
        const Backend automatic = resolveBackend(Backend::Auto, &note);
        QVERIFY(automatic == Backend::Cpu || automatic == Backend::OpenCL);
        if (automatic == Backend::Cpu) QVERIFY(!note.empty());  // says why not OpenCL
        QCOMPARE(parseBackend("opencl"), std::optional<Backend>(Backend::OpenCL));
        QVERIFY(!parseBackend("cuda").has_value());
        qInfo("OpenCL device: '%s', auto resolves to %s", openclDeviceName().c_str(), backendName(automatic));
    }

    void retimeAgrees_data() {
        QTest::addColumn<int>("filter");
        QTest::addColumn<bool>("devicePipeline");
        QTest::addColumn<bool>("deviceFlow");
        QTest::newRow("device pipeline, auto") << int(WarpFilter::Auto) << true << false;
        QTest::newRow("device pipeline, lanczos3") << int(WarpFilter::Lanczos3) << true << false;
        QTest::newRow("host flows, auto") << int(WarpFilter::Auto) << false << false;
        QTest::newRow("host flows, catmull-rom") << int(WarpFilter::CatmullRom) << false << false;
        QTest::newRow("host flows, lanczos3") << int(WarpFilter::Lanczos3) << false << false;
        QTest::newRow("OpenCV's OpenCL DIS, auto") << int(WarpFilter::Auto) << false << true;
    }
    void retimeAgrees() {
        QFETCH(int, filter);
        QFETCH(bool, devicePipeline);
        QFETCH(bool, deviceFlow);
        if (!openclAvailable()) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        QVERIFY(!internal::kernel("interpolate_pair").empty());
        const cv::Size size(256, 144);
        const cv::Mat tex = test::texture(size, 24, 12);
        const cv::Mat a = test::shifted(tex, size, 24, 0, 0), b = test::shifted(tex, size, 24, 6, -3);
        cv::Mat out[2];
        int i = 0;
        for (Backend be : {Backend::Cpu, Backend::OpenCL}) {
            InterpolatorSettings s;
            s.backend = be;
            s.warpFilter = WarpFilter(filter);
            s.devicePipeline = devicePipeline;
            s.deviceFlow = deviceFlow;
            FrameInterpolator interp(s);
            QVERIFY(interp.setPair(a, b).ok());
            out[i++] = interp.at(0.5);
            QVERIFY(!interp.isCut());
            // The stages say where the work ran: the device pipeline's flows are the project's kernels.
            bool deviceFlows = false;
            for (const StageTime& t : interp.stageTimes())
                deviceFlows |= std::string(t.name) == "flow: DIS and refinement (device)";
            QCOMPARE(deviceFlows, be == Backend::OpenCL && devicePipeline);
        }
        activateBackend(Backend::Cpu);
        // Stated tolerance: both close to the truth, and the two outputs within 55 dB of each other
        // when they share the flows (the warp differs: the CPU upsamples the blend weights, the
        // kernel makes them per pixel), 40 dB with other flows on the OpenCL side: OpenCV's OpenCL
        // DIS, or the device pipeline's own DIS (no scan-order propagation, see DeviceFlow.h).
        const cv::Mat truth = test::shifted(tex, size, 24, 3, -1.5);
        const double agree = test::psnr(out[0], out[1]);
        qInfo("retime cpu vs opencl: %.2f dB; vs truth %.2f / %.2f dB", agree, test::psnr(out[0], truth), test::psnr(out[1], truth));
        QVERIFY(agree > (deviceFlow || devicePipeline ? 40.0 : 55.0));
        QVERIFY(test::psnr(out[1], truth) > 36.0);
    }

    // The project's DIS kernels recover a known motion: a real frame moved by a sub-pixel amount,
    // in both directions at once, and agree with OpenCV's CPU DIS (plus refinement) on real motion.
    void deviceFlowRecoversMotion() {
        if (!openclAvailable()) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        auto f = test::sharedFrames("video/flower.mp4", 10, 3, 480, 270);
        if (f.size() < 3) QSKIP("shared media (video/flower.mp4) or ffmpeg not available");
        auto gray = [](const cv::Mat& rgb) {
            cv::Mat g, g8;
            cv::cvtColor(rgb, g, cv::COLOR_RGB2GRAY);
            g.convertTo(g8, CV_8U);
            return g8;
        };
        const cv::Mat g0 = gray(f[0]), g2 = gray(f[2]);
        // A known motion: frame 0 seen through a window moved by (3.25, -1.5) pixels.
        cv::Mat moved;
        const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, 3.25, 0, 1, -1.5);
        cv::warpAffine(g0, moved, shift, g0.size(), cv::INTER_CUBIC | cv::WARP_INVERSE_MAP,
                       cv::BORDER_REFLECT);
        activateBackend(Backend::OpenCL);
        auto deviceFlows = [](const cv::Mat& a, const cv::Mat& b, cv::Mat& fwd, cv::Mat& bwd) {
            const int w = a.cols, h = a.rows;
            cv::Mat from(2 * h, w, CV_32F), to(2 * h, w, CV_32F);
            cv::Mat f0 = from.rowRange(0, h), f1 = from.rowRange(h, 2 * h), t0 = to.rowRange(0, h),
                    t1 = to.rowRange(h, 2 * h);
            a.convertTo(f0, CV_32F);
            b.convertTo(f1, CV_32F);
            b.convertTo(t0, CV_32F);
            a.convertTo(t1, CV_32F);
            cv::UMat uf, ut, flows;
            from.copyTo(uf);
            to.copyTo(ut);
            if (!internal::flowsOnDevice(uf, ut, 2, w, h, flows, {})) return false;
            cv::Mat host;
            flows.copyTo(host);
            fwd = host.rowRange(0, h).clone();
            bwd = host.rowRange(h, 2 * h).clone();
            return true;
        };
        cv::Mat fwd, bwd;
        QVERIFY(deviceFlows(g0, moved, fwd, bwd));
        const cv::Rect inner(16, 16, g0.cols - 32, g0.rows - 32);
        const cv::Scalar mf = cv::mean(fwd(inner)), mb = cv::mean(bwd(inner));
        qInfo("known motion (3.25, -1.5): forward (%.3f, %.3f), backward (%.3f, %.3f)", mf[0], mf[1], mb[0],
              mb[1]);
        QVERIFY(std::abs(mf[0] + 3.25) < 0.05 &&
                std::abs(mf[1] - 1.5) < 0.05);  // frame 0 at x is at x - (3.25, -1.5) in the moved one
        QVERIFY(std::abs(mb[0] - 3.25) < 0.05 && std::abs(mb[1] + 1.5) < 0.05);
        // Real motion against OpenCV's DIS with the retime's settings and the same refinement.
        QVERIFY(deviceFlows(g0, g2, fwd, bwd));
        activateBackend(Backend::Cpu);
        const cv::Mat cpu = openCvRetimeFlow(g0, g2);
        cv::Mat d = fwd - cpu, ch[2], len;
        cv::split(d.mul(d), ch);
        cv::sqrt(ch[0] + ch[1], len);
        cv::Mat cpuLen;
        cv::split(cpu.mul(cpu), ch);
        cv::sqrt(ch[0] + ch[1], cpuLen);
        const double apart = cv::mean(len(inner))[0], motion = cv::mean(cpuLen(inner))[0];
        qInfo("flower 0 -> 2 at 480x270: mean motion %.3f px, device flow %.3f px from OpenCV's on average",
              motion, apart);
        // Stated tolerance: the two DIS differ in propagation and step (DeviceFlow.h); on average
        // within a fifth of the motion itself.
        QVERIFY(apart < 0.2 * motion);
    }

    // The project's refinement kernels against OpenCV's CPU VariationalRefinement on the same DIS
    // flows of real frames: close to it, and far closer to it than the unrefined flows are.
    // The device DIS cannot propagate flows in scan order as OpenCV's does; its parallel sweeps
    // (DeviceFlowSettings::propagationSweeps) let patches that went astray take a neighbour's flow.
    // On real footage with large motion (PSR63, 320x180, frame pairs two apart) they make fewer
    // pixels whose motion-compensated difference is gross (1.77% -> 1.53% here; OpenCV 1.63%).
    void devicePropagationSweepsHelp() {
        if (!openclAvailable()) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        auto f = test::sharedFrames("video/PSR63_2012-06-02.mov", 0, 17, 320, 180);
        if (f.size() < 17) QSKIP("shared media (video/PSR63_2012-06-02.mov) or ffmpeg not available");
        const int w = 160, h = 90, n = 8;  // the retime's flow size, both directions of 4 pairs
        std::vector<cv::Mat> g;
        for (const cv::Mat& m : f) {
            cv::Mat gray, small, g8;
            cv::cvtColor(m, gray, cv::COLOR_RGB2GRAY);
            cv::resize(gray, small, cv::Size(w, h), 0, 0, cv::INTER_AREA);
            small.convertTo(g8, CV_8U);
            g.push_back(g8);
        }
        cv::Mat from(n * h, w, CV_32F), to(n * h, w, CV_32F);
        for (int k = 0; k < n / 2; ++k) {  // pairs (0, 2), (4, 6), (8, 10), (12, 14), each both ways
            const cv::Mat &a = g[size_t(4 * k)], &b = g[size_t(4 * k + 2)];
            cv::Mat f0 = from.rowRange(2 * k * h, (2 * k + 1) * h),
                    f1 = from.rowRange((2 * k + 1) * h, (2 * k + 2) * h);
            cv::Mat t0 = to.rowRange(2 * k * h, (2 * k + 1) * h),
                    t1 = to.rowRange((2 * k + 1) * h, (2 * k + 2) * h);
            a.convertTo(f0, CV_32F);
            b.convertTo(f1, CV_32F);
            b.convertTo(t0, CV_32F);
            a.convertTo(t1, CV_32F);
        }
        // The share of pixels (inside a margin) whose motion-compensated difference |to(x + u) - from(x)|
        // is gross, above 20 on the 8-bit scale: where a patch went astray.
        auto error = [&](const cv::Mat& flows) {
            double sum = 0;
            long count = 0;
            for (int z = 0; z < n; ++z)
                for (int y = 4; y < h - 4; ++y)
                    for (int x = 4; x < w - 4; ++x) {
                        const cv::Vec2f u = flows.at<cv::Vec2f>(z * h + y, x);
                        cv::Mat plane = to.rowRange(z * h, (z + 1) * h);
                        cv::Mat px;
                        cv::getRectSubPix(plane, cv::Size(1, 1), cv::Point2f(x + u[0], y + u[1]), px);
                        sum += std::abs(px.at<float>(0) - from.at<float>(z * h + y, x)) > 20.0f;
                        ++count;
                    }
            return sum / double(count);
        };
        activateBackend(Backend::OpenCL);
        cv::UMat uf, ut;
        from.copyTo(uf);
        to.copyTo(ut);
        auto run = [&](int sweeps) {
            internal::DeviceFlowSettings s;
            s.propagationSweeps = sweeps;
            s.refine.fixedPointIterations = InterpolatorSettings().refineIterations;
            cv::UMat flows;
            cv::Mat host;
            if (internal::flowsOnDevice(uf, ut, n, w, h, flows, s)) flows.copyTo(host);
            return host;
        };
        const cv::Mat none = run(0), swept = run(internal::DeviceFlowSettings().propagationSweeps);
        activateBackend(Backend::Cpu);
        QVERIFY(!none.empty() && !swept.empty());
        // OpenCV's DIS with the retime's settings and refinement, on the same planes.
        cv::Mat cpu(n * h, w, CV_32FC2);
        for (int z = 0; z < n; ++z) {
            cv::Mat a8, b8;
            from.rowRange(z * h, (z + 1) * h).convertTo(a8, CV_8U);
            to.rowRange(z * h, (z + 1) * h).convertTo(b8, CV_8U);
            openCvRetimeFlow(a8, b8).copyTo(cpu.rowRange(z * h, (z + 1) * h));
        }
        const double eNone = error(none), eSwept = error(swept), eCpu = error(cpu);
        qInfo(
            "PSR63, pixels with a gross motion-compensated error: device without sweeps %.2f%%, with %.2f%%; "
            "OpenCV %.2f%%",
            100 * eNone, 100 * eSwept, 100 * eCpu);
        QVERIFY(eSwept < 0.95 * eNone);
        QVERIFY(eSwept < 1.02 * eCpu);
    }

    void deviceRefinementMatchesOpenCV() {
        if (!openclAvailable()) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        auto f = test::sharedFrames("video/flower.mp4", 10, 3, 480, 270);
        if (f.size() < 3) QSKIP("shared media (video/flower.mp4) or ffmpeg not available");
        cv::Mat ga, gb;
        cv::Mat f0 = f[0], f2 = f[2];
        cv::cvtColor(f0, ga, cv::COLOR_RGB2GRAY);
        cv::cvtColor(f2, gb, cv::COLOR_RGB2GRAY);
        ga.convertTo(ga, CV_8U);
        gb.convertTo(gb, CV_8U);
        activateBackend(Backend::Cpu);
        cv::Ptr<cv::DISOpticalFlow> dis = cv::DISOpticalFlow::create(0);
        dis->setVariationalRefinementIterations(0);
        cv::Mat fwd, bwd;
        dis->calc(ga, gb, fwd);
        dis->calc(gb, ga, bwd);
        internal::RefineSettings rs;
        cv::Ptr<cv::VariationalRefinement> vr = cv::VariationalRefinement::create();
        vr->setFixedPointIterations(rs.fixedPointIterations);
        vr->setSorIterations(rs.sorIterations);
        vr->setAlpha(rs.alpha);
        vr->setDelta(rs.delta);
        vr->setGamma(rs.gamma);
        vr->setOmega(rs.omega);
        cv::Mat cpuF = fwd.clone(), cpuB = bwd.clone(), devF = fwd.clone(), devB = bwd.clone();
        vr->calc(ga, gb, cpuF);
        vr->calc(gb, ga, cpuB);
        activateBackend(Backend::OpenCL);
        QVERIFY(internal::refineFlowsOnDevice(ga, gb, devF, devB, rs));
        activateBackend(Backend::Cpu);
        auto meanEndpoint = [](const cv::Mat& a, const cv::Mat& b) {
            cv::Mat d = a - b, sq;
            cv::multiply(d, d, sq);
            cv::Mat ch[2];
            cv::split(sq, ch);
            cv::Mat len;
            cv::sqrt(ch[0] + ch[1], len);
            return cv::mean(len)[0];
        };
        const double devCpu = std::max(meanEndpoint(devF, cpuF), meanEndpoint(devB, cpuB));
        const double refined = std::min(meanEndpoint(cpuF, fwd), meanEndpoint(cpuB, bwd));
        qInfo(
            "mean endpoint distance: device vs OpenCV refinement %.4f px; OpenCV's refinement moved the "
            "flows %.4f px",
            devCpu, refined);
        // Stated tolerance: within 0.01 px on average (the borders and the warp's interpolation
        // differ; 0.002 measured), at most a fifth of what the refinement itself changes.
        QVERIFY(devCpu < 0.01);
        QVERIFY(devCpu < 0.2 * refined);
    }

    // Consecutive pairs sharing a frame upload it once; a frame rewritten in place in the same
    // buffer is uploaded again. Either way the in-between equals a fresh interpolator's.
    void deviceFramesReused() {
        if (!openclAvailable()) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        const cv::Size size(192, 108);
        const cv::Mat tex = test::texture(size, 24, 21);
        cv::Mat f0 = test::shifted(tex, size, 24, 0, 0), f1 = test::shifted(tex, size, 24, 4, 1);
        cv::Mat f2 = test::shifted(tex, size, 24, 8, 2), f3 = test::shifted(tex, size, 24, 11, 2.5);
        const cv::Mat other = test::shifted(tex, size, 24, -5, 3);
        InterpolatorSettings s;
        s.backend = Backend::OpenCL;
        auto fresh = [&s](const cv::Mat& a, const cv::Mat& b) {
            FrameInterpolator i(s);
            if (!i.setPair(a.clone(), b.clone()).ok()) return cv::Mat();
            return i.at(0.5);
        };
        FrameInterpolator chain(s);
        QVERIFY(chain.setPair(f0, f1).ok());
        chain.at(0.5);
        QVERIFY(chain.setPair(f1, f2).ok());  // f1 is on the device already
        const cv::Mat reused = chain.at(0.5);
        QCOMPARE(cv::norm(reused, fresh(f1, f2), cv::NORM_INF), 0.0);
        other.copyTo(f2);  // the same buffer, another picture
        QVERIFY(chain.setPair(f2, f3).ok());
        const cv::Mat rewritten = chain.at(0.5);
        activateBackend(Backend::Cpu);
        QCOMPARE(cv::norm(rewritten, fresh(other, f3), cv::NORM_INF), 0.0);
    }

    // Frames through page-locked memory (internal::PinnedTransfers, the device pipelines' transfers on
    // a GPU with memory of its own; PoCL here) arrive and come back byte for byte: every frame type,
    // a frame whose rows do not split evenly into the slices, one with fewer rows than slices, and a
    // source that is a view into a larger image (rows not packed). The buffer grows for a larger frame.
    void pinnedTransfersCarryFramesExactly() {
        if (!openclAvailable()) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        activateBackend(Backend::OpenCL);
        internal::PinnedTransfers pinned;
        cv::RNG rng(5);
        cv::Mat big(200, 300, CV_32FC3);
        rng.fill(big, cv::RNG::UNIFORM, 0, 255);
        for (const cv::Size size : {cv::Size(37, 3), cv::Size(101, 59), cv::Size(300, 200)}) {
            for (int type : {CV_8UC3, CV_16UC3, CV_16FC3, CV_32FC3}) {
                cv::Mat frame;
                const int depth = CV_MAT_DEPTH(type);
                big(cv::Rect(0, 0, size.width, size.height))
                    .convertTo(frame, depth, depth == CV_16U ? 200.0 : 1.0);
                QCOMPARE(frame.type(), type);
                cv::UMat onDevice;
                QVERIFY(pinned.upload(frame, onDevice));
                cv::Mat plain;
                onDevice.copyTo(plain);  // read back the ordinary way
                QCOMPARE(cv::norm(plain, frame, cv::NORM_INF), 0.0);
                cv::Mat back;
                QVERIFY(pinned.download(onDevice, back));
                QCOMPARE(back.type(), type);
                QCOMPARE(cv::norm(back, frame, cv::NORM_INF), 0.0);
            }
        }
        const cv::Mat view = big(cv::Rect(10, 20, 64, 48));  // rows 300 pixels apart
        QVERIFY(!view.isContinuous());
        cv::UMat onDevice;
        QVERIFY(pinned.upload(view, onDevice));
        cv::Mat back;
        QVERIFY(pinned.download(onDevice, back));
        QCOMPARE(cv::norm(back, view, cv::NORM_INF), 0.0);
        activateBackend(Backend::Cpu);
    }

    void denoiseAgrees_data() {
        QTest::addColumn<bool>("devicePipeline");
        QTest::addColumn<bool>("deviceFlow");
        QTest::addColumn<int>("searchRadius");
        QTest::addColumn<int>("searchStep");  // 2: the search "auto" takes for grain
        QTest::addColumn<double>("shotOffset");  // >= 0: through the transform for photon noise
        QTest::newRow("device pipeline") << true << false << 1 << 1 << -1.0;
        QTest::newRow("host flows") << false << false << 1 << 1 << -1.0;
        QTest::newRow("OpenCV's OpenCL DIS") << false << true << 1 << 1 << -1.0;
        QTest::newRow("device pipeline, 5x5 search") << true << false << 2 << 1 << -1.0;
        QTest::newRow("device pipeline, 3x3 search 2 px apart") << true << false << 1 << 2 << -1.0;
        QTest::newRow("host flows, 3x3 search 2 px apart") << false << false << 1 << 2 << -1.0;
        QTest::newRow("device pipeline, photon noise") << true << false << 1 << 1 << 4.0;
        QTest::newRow("host flows, photon noise") << false << false << 1 << 1 << 4.0;
    }
    void denoiseAgrees() {
        QFETCH(bool, devicePipeline);
        QFETCH(bool, deviceFlow);
        QFETCH(int, searchRadius);
        QFETCH(int, searchStep);
        QFETCH(double, shotOffset);
        if (!openclAvailable()) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        QVERIFY(!internal::kernel("nlm_accumulate").empty());
        const cv::Size size(192, 108);
        const cv::Mat tex = test::texture(size, 16, 13);
        const std::vector<cv::Mat> noisy = test::noisyPan(tex, size, 16, 5, 1, 0, 10, 3);
        const cv::Mat clean = test::shifted(tex, size, 16, 2, 0);
        cv::Mat out[2];
        int i = 0;
        for (Backend be : {Backend::Cpu, Backend::OpenCL}) {
            DenoiseSettings s;
            s.backend = be;
            s.devicePipeline = devicePipeline;
            s.deviceFlow = deviceFlow;
            s.searchRadius = searchRadius;
            s.searchStep = searchStep;
            s.shotOffset = shotOffset;
            Denoiser d(s);
            out[i++] = d.denoise(noisy, 2, 10).value();
        }
        activateBackend(Backend::Cpu);
        const double agree = test::psnr(out[0], out[1]);
        const double cpu = test::psnr(out[0], clean), ocl = test::psnr(out[1], clean);
        qInfo("denoise cpu vs opencl: %.2f dB; against the clean frame %.2f / %.2f dB (noisy %.2f dB)", agree,
              cpu, ocl, test::psnr(noisy[2], clean));
        // The same flows and warps: only the weighted mean's summation order differs. Other flows
        // (OpenCV's OpenCL DIS, the project's device DIS): 40 dB, and as close to the clean frame
        // within 0.3 dB.
        QVERIFY(agree > (deviceFlow || devicePipeline ? 40.0 : 70.0));
        QVERIFY(ocl > cpu - 0.3);
    }

    // The device denoiser keeps frames on the device between calls, known by buffer and content:
    // a frame rewritten in place is uploaded again, and every result equals a fresh denoiser's.
    void deviceDenoiseFramesReused() {
        if (!openclAvailable()) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        const cv::Size size(160, 96);
        const cv::Mat tex = test::texture(size, 16, 29);
        std::vector<cv::Mat> clip = test::noisyPan(tex, size, 16, 7, 0.7, 0.3, 8, 5);
        DenoiseSettings s;
        s.backend = Backend::OpenCL;
        auto fresh = [&s](const std::vector<cv::Mat>& window, int c) {
            std::vector<cv::Mat> copy;
            for (const cv::Mat& m : window) copy.push_back(m.clone());
            Denoiser d(s);
            return d.denoise(copy, c, 8).value();
        };
        Denoiser chain(s);
        for (int c = 2; c <= 4; ++c) {  // a sliding window, as a clip is denoised in order
            const std::vector<cv::Mat> window(clip.begin() + (c - 2), clip.begin() + (c + 3));
            const cv::Mat got = chain.denoise(window, 2, 8).value();
            QCOMPARE(cv::norm(got, fresh(window, 2), cv::NORM_INF), 0.0);
        }
        // Frame 4 rewritten in place (same buffer): the next call must not use its old device copy.
        test::shifted(tex, size, 16, -3, 2).copyTo(clip[4]);
        const std::vector<cv::Mat> window(clip.begin() + 2, clip.begin() + 7);
        const cv::Mat got = chain.denoise(window, 2, 8).value();
        activateBackend(Backend::Cpu);
        QCOMPARE(cv::norm(got, fresh(window, 2), cv::NORM_INF), 0.0);
    }

    // Frames at a decoder's depth (8-bit, 16-bit, half) give what the same frames as working floats
    // give, on both backends: the device pipelines upload them as they are and convert them there.
    // 8-bit, 16-bit and half results asked of the device (rounded there) equal the working result
    // rounded on the host, to the last bit.
    void nativeFramesGiveTheSameResult_data() {
        QTest::addColumn<bool>("opencl");
        QTest::addColumn<int>("depth");
        for (bool opencl : {false, true})
            for (int depth : {CV_8U, CV_16U, CV_16F}) {
                const char* d = depth == CV_8U ? "8-bit" : depth == CV_16U ? "16-bit" : "half";
                QTest::newRow(qPrintable(QStringLiteral("%1, %2").arg(opencl ? "opencl" : "cpu", d)))
                    << opencl << depth;
            }
    }
    void nativeFramesGiveTheSameResult() {
        QFETCH(bool, opencl);
        QFETCH(int, depth);
        if (opencl && !openclAvailable()) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        const Backend backend = opencl ? Backend::OpenCL : Backend::Cpu;
        const cv::Size size(192, 108);
        const cv::Mat tex = test::texture(size, 16, 41);
        std::vector<cv::Mat> native, working;
        for (const cv::Mat& f : test::noisyPan(tex, size, 16, 5, 1.3, -0.6, 6, 7)) {
            cv::Mat m;
            if (depth == CV_16F) {
                cv::Mat unit = f / 255.0;
                unit.convertTo(m, CV_16F);
            } else {
                f.convertTo(m, CV_MAKETYPE(depth, 3), depth == CV_16U ? 257.0 : 1.0);
            }
            native.push_back(m);
            working.push_back(internal::toWorking(m));
            QCOMPARE(working.back().type(), CV_32FC3);
        }
        const int outDepth = depth;
        // cv::norm has no CV_16F case: half frames are compared as their bits (equal bits, equal halves).
        const auto bits = [](const cv::Mat& m) {
            return m.depth() == CV_16F ? cv::Mat(m.size(), CV_16UC(m.channels()), m.data, m.step) : m;
        };

        InterpolatorSettings rs;
        rs.backend = backend;
        FrameInterpolator ref(rs), got(rs);
        QVERIFY(ref.setPair(working[0], working[1]).ok());
        QVERIFY(got.setPair(native[0], native[1]).ok());
        const cv::Mat r = ref.at(0.4), g = got.at(0.4);
        QCOMPARE(g.type(), CV_32FC3);
        const double retimeDiff = cv::norm(r, g, cv::NORM_INF);
        const cv::Mat rounded = got.at(0.4, outDepth);
        QCOMPARE(rounded.type(), CV_MAKETYPE(outDepth, 3));
        const double retimeRounding =
            cv::norm(bits(rounded), bits(internal::toDepth(g, outDepth)), cv::NORM_INF);
        const cv::Mat first = got.at(0.0, outDepth);  // the pair's own frame, at the asked depth
        const double firstDiff =
            cv::norm(bits(first), bits(internal::toDepth(working[0], outDepth)), cv::NORM_INF);
        // A pair whose first frame is the last pair's second (the device keeps it).
        QVERIFY(got.setPair(native[1], native[2]).ok());
        QVERIFY(ref.setPair(working[1], working[2]).ok());
        const double chainDiff = cv::norm(ref.at(0.5), got.at(0.5), cv::NORM_INF);

        DenoiseSettings ds;
        ds.backend = backend;
        Denoiser dref(ds), dgot(ds);
        const cv::Mat dr = dref.denoise(working, 2, 6).value(), dg = dgot.denoise(native, 2, 6).value();
        QCOMPARE(dg.type(), CV_32FC3);
        const double denoiseDiff = cv::norm(dr, dg, cv::NORM_INF);
        const cv::Mat dRounded = dgot.denoise(native, 2, 6, outDepth).value();
        const double denoiseRounding =
            cv::norm(bits(dRounded), bits(internal::toDepth(dg, outDepth)), cv::NORM_INF);
        const double sigmaDiff = std::abs(estimateNoiseSigma(native[2]) - estimateNoiseSigma(working[2]));
        activateBackend(Backend::Cpu);
        qInfo("retime %g (chained %g), denoise %g; rounded on the device against the host: %g, %g; sigma %g",
              retimeDiff, chainDiff, denoiseDiff, retimeRounding, denoiseRounding, sigmaDiff);
        QVERIFY(retimeDiff <= 1e-3);
        QVERIFY(chainDiff <= 1e-3);
        QVERIFY(denoiseDiff <= 1e-3);
        QCOMPARE(retimeRounding, 0.0);
        QCOMPARE(denoiseRounding, 0.0);
        QCOMPARE(firstDiff, 0.0);
        QVERIFY(sigmaDiff < 1e-6);

        // Mixed types are an error that says so.
        FrameInterpolator mixed(rs);
        const auto st = mixed.setPair(native[0], working[1]);
        QVERIFY(!st.ok());
        QVERIFY(QString::fromStdString(st.error().message).contains(QLatin1String("one type")));
        std::vector<cv::Mat> mixedWindow = {native[0], working[1], native[2]};
        QVERIFY(!Denoiser(ds).denoise(mixedWindow, 1, 6).ok());
        activateBackend(Backend::Cpu);
    }
};

QTEST_GUILESS_MAIN(BackendsTest)
#include "tst_backends.moc"
