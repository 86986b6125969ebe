// CPU and OpenCL (PoCL in CI) give the same pictures within a stated tolerance, and the backend
// that ran is always known.
#include <QTest>

#include "ProcessingTestSupport.h"
#include "processing/Backend.h"
#include "processing/Denoise.h"
#include "processing/Retime.h"
#include "processing/internal/Kernels.h"

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
