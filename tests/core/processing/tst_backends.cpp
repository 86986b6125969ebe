// CPU and OpenCL (PoCL in CI) give the same pictures within a stated tolerance, and the backend
// that ran is always known.
#include <QTest>

#include "ProcessingTestSupport.h"
#include "processing/Backend.h"
#include "processing/Denoise.h"
#include "processing/Retime.h"
#include "processing/internal/DeviceRefine.h"
#include "processing/internal/Kernels.h"

#include <opencv2/video/tracking.hpp>

using namespace rushes;
using namespace rushes::processing;

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
        QTest::addColumn<bool>("deviceFlow");
        QTest::newRow("auto") << int(WarpFilter::Auto) << false;
        QTest::newRow("catmull-rom") << int(WarpFilter::CatmullRom) << false;
        QTest::newRow("lanczos3") << int(WarpFilter::Lanczos3) << false;
        QTest::newRow("auto, OpenCL DIS") << int(WarpFilter::Auto) << true;
    }
    void retimeAgrees() {
        QFETCH(int, filter);
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
            s.deviceFlow = deviceFlow;
            FrameInterpolator interp(s);
            QVERIFY(interp.setPair(a, b).ok());
            out[i++] = interp.at(0.5);
        }
        activateBackend(Backend::Cpu);
        // Stated tolerance: both close to the truth, and the two outputs within 55 dB of each other
        // when they share the flows (the warp differs: the CPU upsamples the blend weights, the
        // kernel makes them per pixel), 40 dB with OpenCV's OpenCL DIS on the OpenCL side (its
        // DIS differs slightly between its CPU and OpenCL code).
        const cv::Mat truth = test::shifted(tex, size, 24, 3, -1.5);
        const double agree = test::psnr(out[0], out[1]);
        qInfo("retime cpu vs opencl: %.2f dB; vs truth %.2f / %.2f dB", agree, test::psnr(out[0], truth), test::psnr(out[1], truth));
        QVERIFY(agree > (deviceFlow ? 40.0 : 55.0));
        QVERIFY(test::psnr(out[1], truth) > 36.0);
    }

    // The project's refinement kernels against OpenCV's CPU VariationalRefinement on the same DIS
    // flows of real frames: close to it, and far closer to it than the unrefined flows are.
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

    void denoiseAgrees_data() {
        QTest::addColumn<bool>("deviceFlow");
        QTest::newRow("shared flows") << false;
        QTest::newRow("OpenCL DIS") << true;
    }
    void denoiseAgrees() {
        QFETCH(bool, deviceFlow);
        if (!openclAvailable()) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        QVERIFY(!internal::kernel("nlm_accumulate").empty());
        const cv::Size size(192, 108);
        const cv::Mat tex = test::texture(size, 16, 13);
        std::vector<cv::Mat> noisy;
        cv::RNG rng(3);
        for (int k = 0; k < 5; ++k) {
            cv::Mat n(size, CV_32FC3);
            rng.fill(n, cv::RNG::NORMAL, 0, 10);
            noisy.push_back(test::shifted(tex, size, 16, k, 0) + n);
        }
        cv::Mat out[2];
        int i = 0;
        for (Backend be : {Backend::Cpu, Backend::OpenCL}) {
            DenoiseSettings s;
            s.backend = be;
            s.deviceFlow = deviceFlow;
            Denoiser d(s);
            out[i++] = d.denoise(noisy, 2, 10).value();
        }
        activateBackend(Backend::Cpu);
        const double agree = test::psnr(out[0], out[1]);
        qInfo("denoise cpu vs opencl: %.2f dB", agree);
        // The same flows and warps: only the weighted mean's summation order differs.
        QVERIFY(agree > (deviceFlow ? 40.0 : 70.0));
    }
};

QTEST_GUILESS_MAIN(BackendsTest)
#include "tst_backends.moc"
