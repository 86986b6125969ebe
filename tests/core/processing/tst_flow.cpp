// The project's CPU optical flow (internal::cpuFlow, DIS): a known sub-pixel motion recovered, in the
// frame and where the patches' sources leave it; on real footage, a flow that explains the second
// frame at least as well as OpenCV's cv::DISOpticalFlow with the same settings, the flow it replaces;
// the AVX2 loops and the plain ones agreeing. Its variational refinement (internal::cpuRefine): the
// same flows as OpenCV's cv::VariationalRefinement to a hundredth of a pixel, a flow off by a
// fraction of a pixel brought back to the known motion.
#include <QTest>

#include <array>

#include <opencv2/video/tracking.hpp>

#include "ProcessingTestSupport.h"
#include "processing/Retime.h"
#include "processing/internal/CpuFlow.h"
#include "processing/internal/CpuRefine.h"

using namespace rushes;
using namespace rushes::processing;

namespace {
cv::Mat gray8(const cv::Mat& rgb, cv::Size size) {
    cv::Mat g, small, out;
    cv::cvtColor(rgb, g, cv::COLOR_RGB2GRAY);
    cv::resize(g, small, size, 0, 0, cv::INTER_AREA);
    small.convertTo(out, CV_8U);
    return out;
}

// Mean |to(x + flow(x)) - from(x)|: how well the flow explains `to` from `from`.
double compensatedError(const cv::Mat& from, const cv::Mat& to, const cv::Mat& flow) {
    cv::Mat map(flow.size(), CV_32FC2), warped, f, diff;
    for (int y = 0; y < flow.rows; ++y)
        for (int x = 0; x < flow.cols; ++x)
            map.at<cv::Vec2f>(y, x) = flow.at<cv::Vec2f>(y, x) + cv::Vec2f(float(x), float(y));
    cv::remap(to, warped, map, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    warped.convertTo(warped, CV_32F);
    from.convertTo(f, CV_32F);
    cv::absdiff(warped, f, diff);
    return cv::mean(diff)[0];
}

// OpenCV's refinement with the settings the retime gives the project's (RefineSettings' defaults).
cv::Ptr<cv::VariationalRefinement> openCvRefinement() {
    cv::Ptr<cv::VariationalRefinement> vr = cv::VariationalRefinement::create();
    vr->setFixedPointIterations(6);
    vr->setSorIterations(5);
    vr->setAlpha(20);
    vr->setDelta(5);
    vr->setGamma(10);
    return vr;
}

cv::Mat openCvDis(const cv::Mat& from, const cv::Mat& to) {
    cv::Ptr<cv::DISOpticalFlow> dis = cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_ULTRAFAST);
    dis->setFinestScale(0);
    dis->setPatchSize(8);
    dis->setPatchStride(4);
    dis->setVariationalRefinementIterations(0);
    cv::Mat flow;
    dis->calc(from, to, flow);
    return flow;
}

// The gray flow images of four pairs two frames apart (as a 2x retime sees them) from frames 20-28
// of a shared clip at width x height, each brought to flowSize; empty when the clip or ffmpeg is
// missing. The data rows' columns: clip, width, height.
std::vector<std::array<cv::Mat, 2>> grayPairs(const QString& clip, int width, int height, cv::Size flowSize) {
    const std::vector<cv::Mat> frames = test::sharedFrames(clip.toUtf8().constData(), 20, 9, width, height);
    std::vector<std::array<cv::Mat, 2>> pairs;
    for (size_t k = 0; frames.size() == 9 && k + 2 < frames.size(); k += 2)
        pairs.push_back({gray8(frames[k], flowSize), gray8(frames[k + 2], flowSize)});
    return pairs;
}
void clipColumns() {
    QTest::addColumn<QString>("clip");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
}
}  // namespace

class FlowTest : public QObject {
    Q_OBJECT

private slots:
    void recoversAKnownPan_data() {
        QTest::addColumn<int>("patchSize");
        QTest::addColumn<bool>("vectorised");
        QTest::addColumn<int>("finest");
        QTest::addColumn<double>("minStep");
        QTest::newRow("8 px patches, AVX2 where present") << 8 << true << 0 << 0.0;
        QTest::newRow("8 px patches, plain loops") << 8 << false << 0 << 0.0;
        QTest::newRow("6 px patches (plain loops)") << 6 << true << 0 << 0.0;
        QTest::newRow("stopping at level 2, upsampled (the denoiser's)") << 8 << true << 2 << 0.0;
        QTest::newRow("descents stopped early (the retime's 0.1 px)") << 8 << true << 0 << 0.1;
        QTest::newRow("descents stopped early, plain loops") << 8 << false << 0 << 0.1;
    }
    void recoversAKnownPan() {
        QFETCH(int, patchSize);
        QFETCH(bool, vectorised);
        QFETCH(int, finest);
        QFETCH(double, minStep);
        // The window onto the texture moves (5.3, -2.6) px between the frames, so the picture moves
        // (-5.3, 2.6): the flow from a to b is that everywhere, to a twelfth of a pixel on average and half a
        // pixel at worst inside the frame (OpenCV's DIS: 0.14 px at worst); along the borders, where patches
        // read outside the frame, it still points the right way.
        const cv::Size size(200, 120);
        const int margin = 24;
        const cv::Mat tex = test::texture(size, margin, 11);
        const cv::Mat a = gray8(test::shifted(tex, size, margin, 0, 0), size);
        const cv::Mat b = gray8(test::shifted(tex, size, margin, 5.3, -2.6), size);
        internal::CpuFlowSettings s;
        s.patchSize = patchSize;
        s.vectorised = vectorised;
        s.finestLevel = finest;
        s.minStep = minStep;
        cv::Mat flow;
        internal::cpuFlow(a, b, flow, s);
        QCOMPARE(flow.type(), CV_32FC2);
        QCOMPARE(flow.size(), size);
        std::vector<cv::Mat> uv;
        cv::split(flow, uv);
        const cv::Rect inner(12, 12, size.width - 24, size.height - 24);
        const cv::Scalar mu = cv::mean(uv[0](inner)), mv = cv::mean(uv[1](inner));
        double worst = 0;
        cv::minMaxLoc(cv::abs(uv[0](inner) + 5.3) + cv::abs(uv[1](inner) - 2.6), nullptr, &worst);
        qInfo("patch %d: mean flow (%.3f, %.3f), worst inner endpoint error %.3f px", patchSize, mu[0], mv[0],
              worst);
        QVERIFY(std::abs(mu[0] + 5.3) < 0.08);
        QVERIFY(std::abs(mv[0] - 2.6) < 0.08);
        QVERIFY(worst < 0.5);
        const cv::Scalar all = cv::mean(flow);
        QVERIFY(std::abs(all[0] + 5.3) < 0.5);
        QVERIFY(std::abs(all[1] - 2.6) < 0.5);
    }

    void explainsRealFootageAsWellAsOpenCv_data() {
        clipColumns();
        QTest::newRow("friday (640x480, flow 160x120)") << QStringLiteral("video/friday.mp4") << 640 << 480;
        QTest::newRow("PSR63 (320x180, fast motion, flow 160x90)")
            << QStringLiteral("video/PSR63_2012-06-02.mov") << 320 << 180;
        QTest::newRow("flower (960x540, flow 240x135)") << QStringLiteral("video/flower.mp4") << 960 << 540;
    }
    void explainsRealFootageAsWellAsOpenCv() {
        QFETCH(QString, clip);
        QFETCH(int, width);
        QFETCH(int, height);
        const int fw = std::max(160, width / 4);
        const auto pairs =
            grayPairs(clip, width, height, {fw, int(std::lround(double(height) * fw / width))});
        if (pairs.empty()) QSKIP("shared media or ffmpeg missing (../shared/media)");
        double ours = 0, theirs = 0;
        for (const auto& [a, b] : pairs) {
            cv::Mat f;
            internal::cpuFlow(a, b, f);
            ours += compensatedError(a, b, f);
            theirs += compensatedError(a, b, openCvDis(a, b));
        }
        ours /= double(pairs.size());
        theirs /= double(pairs.size());
        qInfo("mean compensated error: project %.3f, OpenCV DIS %.3f (8-bit levels)", ours, theirs);
        QVERIFY(ours <= theirs * 1.05);
    }

    void vectorisedAndPlainLoopsAgree() {
        const std::vector<cv::Mat> frames = test::sharedFrames("video/friday.mp4", 40, 3, 640, 480);
        if (frames.size() < 3) QSKIP("shared media or ffmpeg missing (../shared/media)");
        const cv::Mat a = gray8(frames[0], {160, 120}), b = gray8(frames[2], {160, 120});
        internal::CpuFlowSettings s;
        cv::Mat fast, plain;
        internal::cpuFlow(a, b, fast, s);
        s.vectorised = false;
        internal::cpuFlow(a, b, plain, s);
        // The same arithmetic in another order (fused multiply-adds, lane sums): the descent may end a
        // few hundredths of a pixel apart.
        const double mean = cv::norm(fast, plain, cv::NORM_L1) / double(2 * fast.total());
        qInfo("mean |AVX2 - plain| %.6f px, largest %.4f px", mean, cv::norm(fast, plain, cv::NORM_INF));
        QVERIFY(mean < 0.02);
    }

    // Stopping a patch's descent once its step is under the retime's setting (0.1 px) moves the flow
    // by hundredths of a pixel on average, under the stop itself (friday 0.068, PSR63 0.027 before
    // refinement; at 0.02 px 0.025 and 0.007), and explains the next frame as well (within 0.1%): on
    // fast motion (PSR63) and on a slow pan (friday).
    void earlyStopsChangeTheFlowLittle_data() {
        clipColumns();
        QTest::newRow("friday") << QStringLiteral("video/friday.mp4") << 640 << 480;
        QTest::newRow("PSR63") << QStringLiteral("video/PSR63_2012-06-02.mov") << 320 << 180;
    }
    void earlyStopsChangeTheFlowLittle() {
        QFETCH(QString, clip);
        QFETCH(int, width);
        QFETCH(int, height);
        const auto pairs = grayPairs(clip, width, height, {160, int(std::lround(160.0 * height / width))});
        if (pairs.empty()) QSKIP("shared media or ffmpeg missing (../shared/media)");
        double moved = 0, full = 0, early = 0;
        for (const auto& [a, b] : pairs) {
            internal::CpuFlowSettings s;
            cv::Mat f0, f1;
            internal::cpuFlow(a, b, f0, s);
            s.minStep = InterpolatorSettings{}.flowMinStep;
            internal::cpuFlow(a, b, f1, s);
            const double n = double(pairs.size());
            moved += cv::norm(f0, f1, cv::NORM_L1) / double(2 * f0.total()) / n;
            full += compensatedError(a, b, f0) / n;
            early += compensatedError(a, b, f1) / n;
        }
        qInfo("mean |full - early| %.4f px; compensated error %.4f (every iteration), %.4f (early stops)",
              moved, full, early);
        QVERIFY(moved > 0);  // the stops happen
        QVERIFY(moved < InterpolatorSettings{}.flowMinStep);
        QVERIFY(early < full * 1.01);
    }

    void refinesAsOpenCvDoes() {
        const std::vector<cv::Mat> frames = test::sharedFrames("video/friday.mp4", 60, 3, 640, 480);
        if (frames.size() < 3) QSKIP("shared media or ffmpeg missing (../shared/media)");
        const cv::Mat a = gray8(frames[0], {160, 120}), b = gray8(frames[2], {160, 120});
        cv::Mat start;
        internal::cpuFlow(a, b, start);
        cv::Ptr<cv::VariationalRefinement> vr = openCvRefinement();
        cv::Mat theirs = start.clone(), ours = start.clone();
        vr->calc(a, b, theirs);
        internal::RefineSettings rs;
        rs.fixedPointIterations = 6;
        internal::cpuRefine(a, b, ours, rs);
        const double change = cv::norm(theirs, start, cv::NORM_L1) / double(2 * start.total());
        const double apart = cv::norm(theirs, ours, cv::NORM_L1) / double(2 * start.total());
        qInfo("mean change by OpenCV's refinement %.4f px; project's against OpenCV's %.4f px", change,
              apart);
        QVERIFY(change > 0.02);  // the refinement does something here
        QVERIFY(apart < 0.01);
        QVERIFY(apart < change / 5);
    }

    void refinementPullsAnOffsetFlowBack() {
        // The picture moves (-3.4, 1.8) px; the flow handed in has it right but for a 24 x 24 block
        // that is 0.6 px off in each direction. The refinement pulls the block towards the motion (data
        // and smoothness agree there), as far as OpenCV's does: a fifth of the way in its six
        // fixed-point iterations of five SOR sweeps.
        const cv::Size size(160, 120);
        const int margin = 16;
        const cv::Mat tex = test::texture(size, margin, 9);
        const cv::Mat a = gray8(test::shifted(tex, size, margin, 0, 0), size);
        const cv::Mat b = gray8(test::shifted(tex, size, margin, 3.4, -1.8), size);
        cv::Mat flow(size, CV_32FC2, cv::Scalar(-3.4, 1.8));
        const cv::Rect block(60, 48, 24, 24);
        flow(block).setTo(cv::Scalar(-3.4 + 0.6, 1.8 - 0.6));
        cv::Mat theirs = flow.clone();
        internal::cpuRefine(a, b, flow);
        cv::Ptr<cv::VariationalRefinement> vr = openCvRefinement();
        vr->calc(a, b, theirs);
        auto blockError = [&](const cv::Mat& f) {
            const cv::Scalar m = cv::mean(f(block));
            return std::abs(m[0] + 3.4) + std::abs(m[1] - 1.8);
        };
        qInfo("block's mean error 1.2 px -> project %.3f px, OpenCV %.3f px", blockError(flow),
              blockError(theirs));
        QVERIFY(blockError(flow) < 1.05);
        QVERIFY(std::abs(blockError(flow) - blockError(theirs)) < 0.05);
        // No iterations: the flow is left as it was.
        cv::Mat same(size, CV_32FC2, cv::Scalar(1, 2)), copy = same.clone();
        internal::RefineSettings none;
        none.fixedPointIterations = 0;
        internal::cpuRefine(a, b, same, none);
        QCOMPARE(cv::norm(same, copy, cv::NORM_INF), 0.0);
    }

    // The preset table the retime and the denoiser read (both backends) is OpenCV's own.
    void presetsAreOpenCvs() {
        for (int p = 0; p < 3; ++p) {
            const cv::Ptr<cv::DISOpticalFlow> dis = cv::DISOpticalFlow::create(p);
            const internal::DisPreset ours = internal::disPreset(p);
            QCOMPARE(ours.finestLevel, dis->getFinestScale());
            QCOMPARE(ours.patchSize, dis->getPatchSize());
            QCOMPARE(ours.patchStride, dis->getPatchStride());
            QCOMPARE(ours.iterations, dis->getGradientDescentIterations());
            QCOMPARE(ours.refineIterations, dis->getVariationalRefinementIterations());
        }
        QCOMPARE(internal::disPreset(-1).iterations, internal::disPreset(0).iterations);
        QCOMPARE(internal::disPreset(7).iterations, internal::disPreset(2).iterations);
    }

    void imagesSmallerThanAPatchGetNoMotion() {
        for (const cv::Size size : {cv::Size(4, 1), cv::Size(7, 30), cv::Size(30, 7)}) {
            cv::Mat a(size, CV_8U), b(size, CV_8U), flow;
            cv::randu(a, 0, 255);
            cv::randu(b, 0, 255);
            internal::cpuFlow(a, b, flow);
            QCOMPARE(flow.size(), size);
            QCOMPARE(flow.type(), CV_32FC2);
            QCOMPARE(cv::norm(flow, cv::NORM_INF), 0.0);
            internal::cpuRefine(a, b, flow);  // refining it is safe too
            QCOMPARE(flow.size(), size);
        }
    }

    void isDeterministic() {
        const cv::Size size(160, 90);
        const cv::Mat tex = test::texture(size, 16, 5);
        const cv::Mat a = gray8(test::shifted(tex, size, 16, 0, 0), size);
        const cv::Mat b = gray8(test::shifted(tex, size, 16, -3.7, 1.2), size);
        cv::Mat f1, f2;
        internal::cpuFlow(a, b, f1);
        internal::cpuFlow(a, b, f2);
        QCOMPARE(cv::norm(f1, f2, cv::NORM_INF), 0.0);
    }
};

QTEST_GUILESS_MAIN(FlowTest)
#include "tst_flow.moc"
