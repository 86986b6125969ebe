// Frame interpolation: a known motion recovered, a cut detected and not cross-faded, frame-rate
// arithmetic, real footage interpolated better than a blend, and the warp kernel chosen by content.
#include <QRect>
#include <QSize>
#include <QTest>

#include "ProcessingTestSupport.h"
#include "processing/Retime.h"

using namespace rushes;
using namespace rushes::processing;

namespace {
// The in-between at t = 0.5 of a pair with the given warp kernel (empty when the pair is refused).
cv::Mat midpoint(const cv::Mat& a, const cv::Mat& b, WarpFilter filter) {
    InterpolatorSettings s;
    s.warpFilter = filter;
    FrameInterpolator interp(s);
    if (!interp.setPair(a, b).ok()) return {};
    return interp.at(0.5);
}

}  // namespace

class RetimeTest : public QObject {
    Q_OBJECT

private slots:
    void recoversKnownMotion() {
        // The camera pans 7 px right and 3 px down between a and b; the in-between at t must be
        // the texture panned by t * (7, 3), sub-pixel positions included.
        const cv::Size size(320, 180);
        const int margin = 32;
        const cv::Mat tex = test::texture(size, margin, 1);
        const cv::Mat a = test::shifted(tex, size, margin, 0, 0), b = test::shifted(tex, size, margin, 7, 3);
        FrameInterpolator interp;
        QVERIFY(interp.setPair(a, b).ok());
        QVERIFY(!interp.isCut());
        for (double t : {0.25, 0.5, 0.75}) {
            const cv::Mat truth = test::shifted(tex, size, margin, 7 * t, 3 * t);
            const cv::Mat mid = interp.at(t);
            cv::Mat blend;
            cv::addWeighted(a, 1 - t, b, t, 0, blend);
            const cv::Rect inner(16, 16, size.width - 32, size.height - 32);  // away from the entering edge
            const double ours = test::psnr(mid(inner), truth(inner)), naive = test::psnr(blend(inner), truth(inner));
            qInfo("t=%.2f: interpolated %.2f dB, blend %.2f dB", t, ours, naive);
            QVERIFY(ours > 38.0);
            QVERIFY(ours > naive + 10.0);
        }
        // The phases at the ends are the input frames themselves.
        QCOMPARE(cv::norm(interp.at(0.0), a, cv::NORM_INF), 0.0);
        QCOMPARE(cv::norm(interp.at(1.0), b, cv::NORM_INF), 0.0);
    }

    // The in-between does not depend on how many threads OpenCV's pool has: one, two (a direction
    // each), or more than there are directions. A render-farm node and a workstation make the same
    // bytes.
    void sameInBetweenWhateverTheThreadCount() {
        const std::vector<cv::Mat> frames = test::sharedFrames("video/friday.mp4", 30, 3, 640, 480);
        if (frames.size() < 3) QSKIP("shared media or ffmpeg missing (../shared/media)");
        const int threads = cv::getNumThreads();
        std::vector<cv::Mat> mids;
        for (int n : {1, 2, 8}) {
            cv::setNumThreads(n);
            FrameInterpolator interp;
            QVERIFY(interp.setPair(frames[0], frames[2]).ok());
            mids.push_back(interp.at(0.5));
        }
        cv::setNumThreads(threads);
        QCOMPARE(cv::norm(mids[0], mids[1], cv::NORM_INF), 0.0);
        QCOMPARE(cv::norm(mids[0], mids[2], cv::NORM_INF), 0.0);
    }

    // Frames too small for the flow's patches (a damaged or hostile file can hold one): an
    // in-between of the right size, and no exception.
    void tinyFramesAreInterpolatedWithoutMotion() {
        for (const cv::Size size : {cv::Size(4, 1), cv::Size(5, 2), cv::Size(10, 7)}) {
            cv::Mat a(size, CV_32FC3), b(size, CV_32FC3);
            cv::randu(a, 0, 255);
            cv::randu(b, 0, 255);
            FrameInterpolator interp;
            QVERIFY(interp.setPair(a, b).ok());
            const cv::Mat mid = interp.at(0.5);
            QCOMPARE(mid.size(), size);
            QCOMPARE(mid.type(), CV_32FC3);
        }
    }

    // The AVX2 loops (flow, sources, warp choice, warp) against the portable ones on real footage with
    // fast motion, at a width that leaves a partial block of eight at the end of each row: the sources
    // are the same arithmetic in lanes; the flow and the warp sum in another order with fused
    // multiply-adds, so the in-betweens differ by rounding alone.
    void vectorisedAndPortablePathsAgree_data() {
        QTest::addColumn<int>("filter");
        QTest::newRow("Catmull-Rom") << int(WarpFilter::CatmullRom);
        QTest::newRow("Lanczos-3") << int(WarpFilter::Lanczos3);
    }
    void vectorisedAndPortablePathsAgree() {
        QFETCH(int, filter);
        const std::vector<cv::Mat> frames = test::sharedFrames("video/PSR63_2012-06-02.mov", 30, 3, 315, 177);
        if (frames.size() < 3) QSKIP("shared media or ffmpeg missing (../shared/media)");
        cv::Mat out[2];  // the in-betweens at 0.3 and 0.5, side by side
        for (int v = 0; v < 2; ++v) {
            InterpolatorSettings s;
            s.vectorised = v == 0;
            s.warpFilter = WarpFilter(filter);
            FrameInterpolator interp(s);
            QVERIFY(interp.setPair(frames[0], frames[2]).ok());
            cv::hconcat(interp.at(0.3), interp.at(0.5), out[v]);
        }
        const double apart = test::psnr(out[0], out[1]), worst = cv::norm(out[0], out[1], cv::NORM_INF);
        qInfo("AVX2 against portable: %.1f dB, largest difference %.4f (8-bit levels)", apart, worst);
        QVERIFY(apart > 60.0);
        QVERIFY(worst < 1.0);
    }

    // Frames as small as the vector warp takes (6 x 6) and a little larger: every sample near an edge
    // reads the frames' edge strips, and gives what the portable warp's clamped taps give.
    void vectorisedAndPortableAgreeOnTinyFrames() {
        cv::RNG rng(5);
        for (const cv::Size size : {cv::Size(6, 6), cv::Size(7, 9), cv::Size(13, 6), cv::Size(17, 11)}) {
            // A smooth random picture and the same moved by (1.5, -1) px: motion, not a cut.
            cv::Mat a(size, CV_32FC3), b;
            rng.fill(a, cv::RNG::UNIFORM, 0, 255);
            cv::GaussianBlur(a, a, cv::Size(3, 3), 0.8);
            const cv::Mat move = (cv::Mat_<double>(2, 3) << 1, 0, 1.5, 0, 1, -1);
            cv::warpAffine(a, b, move, size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
            for (const WarpFilter f : {WarpFilter::CatmullRom, WarpFilter::Lanczos3}) {
                cv::Mat out[2];
                for (int v = 0; v < 2; ++v) {
                    InterpolatorSettings s;
                    s.vectorised = v == 0;
                    s.warpFilter = f;
                    s.cutThreshold = 1e9;  // frames this small find no motion: never call them a cut
                    // The two paths' flows differ by rounding (FMA); four refinement iterations bring
                    // them to the same flow here (two leave 0.14 levels apart at 17 x 11), so what is
                    // compared is the warp's edge handling.
                    s.refineIterations = 4;
                    FrameInterpolator interp(s);
                    QVERIFY(interp.setPair(a, b).ok());
                    QVERIFY(!interp.isCut());
                    out[v] = interp.at(0.4);
                }
                QVERIFY(cv::norm(out[0], a, cv::NORM_INF) > 1.0 && cv::norm(out[0], b, cv::NORM_INF) > 1.0);
                const double worst = cv::norm(out[0], out[1], cv::NORM_INF);
                QVERIFY2(worst < 1e-2,
                         qPrintable(QStringLiteral("%1x%2: %3").arg(size.width).arg(size.height).arg(worst)));
            }
        }
    }

    // Frame widths that are not a multiple of the warp's eight-pixel steps: the last pixels of each
    // row (warped one at a time) match the motion as the rest do, up to the last column.
    void warpsOddSizesToTheLastColumn() {
        const cv::Size size(203, 117);
        const int margin = 24;
        const cv::Mat tex = test::texture(size, margin, 17);
        const cv::Mat a = test::shifted(tex, size, margin, 0, 0), b = test::shifted(tex, size, margin, -5, 3);
        FrameInterpolator interp;
        QVERIFY(interp.setPair(a, b).ok());
        const cv::Mat mid = interp.at(0.5), truth = test::shifted(tex, size, margin, -2.5, 1.5);
        QCOMPARE(mid.size(), size);
        const cv::Rect inner(8, 8, size.width - 16, size.height - 16);
        const cv::Rect lastColumns(size.width - 3, 8, 3, size.height - 16);  // where the picture leaves
        const double all = test::psnr(mid(inner), truth(inner)),
                     last = test::psnr(mid(lastColumns), truth(lastColumns));
        qInfo("inner %.2f dB, last three columns %.2f dB", all, last);
        QVERIFY(all > 38.0);
        QVERIFY(last > 30.0);
    }

    // A run of large pairs reuses the flow image of each pair's second frame for the next pair's
    // first (the same buffer, the same content); a buffer rewritten in place with another frame is
    // not mistaken for it. Either way the in-between is the one a fresh interpolator makes.
    void reusesAFramesFlowImageOnlyWhenItIsTheSameFrame() {
        const cv::Size size(1280, 800);  // large enough for the reuse (1M pixels)
        const int margin = 24;
        const cv::Mat tex = test::texture(size, margin, 21);
        const cv::Mat a = test::shifted(tex, size, margin, 0, 0), c = test::shifted(tex, size, margin, 8, 4);
        const cv::Mat d = test::shifted(tex, size, margin, -6, 3);
        cv::Mat x = test::shifted(tex, size, margin, 4, 2);  // b, then rewritten in place with d
        auto fresh = [](const cv::Mat& p, const cv::Mat& q) {
            FrameInterpolator f;
            return f.setPair(p, q).ok() ? f.at(0.5) : cv::Mat();
        };
        FrameInterpolator run;
        QVERIFY(run.setPair(a, x).ok());
        QVERIFY(run.setPair(x, c).ok());  // x unchanged: its flow image is reused
        QCOMPARE(cv::norm(run.at(0.5), fresh(x.clone(), c), cv::NORM_INF), 0.0);
        QVERIFY(run.setPair(a, x).ok());
        const uchar* buffer = x.data;
        d.copyTo(x);  // the same buffer, another frame
        QCOMPARE(static_cast<const void*>(x.data), static_cast<const void*>(buffer));
        QVERIFY(run.setPair(x, c).ok());
        const cv::Mat mid = run.at(0.5);
        QCOMPARE(cv::norm(mid, fresh(d, c), cv::NORM_INF), 0.0);
        QVERIFY(cv::norm(mid, fresh(test::shifted(tex, size, margin, 4, 2), c), cv::NORM_INF) > 1.0);
    }

    // A matte (alpha) that moves with the picture is moved by warpAlong as the picture is by at():
    // the texture's pan carries a soft disc's alpha along with it, on both backends.
    void warpAlongMovesAMatteWithThePicture_data() { test::backendRows(); }
    void warpAlongMovesAMatteWithThePicture() {
        QFETCH(int, backend);
        if (test::backendMissing(Backend(backend))) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        const cv::Size size(320, 180);
        const int margin = 32;
        const cv::Mat tex = test::texture(size, margin, 3);
        // A soft disc drawn at the texture's own coordinates, then seen through the same moving window.
        cv::Mat disc(tex.size(), CV_32FC1, cv::Scalar(0));
        cv::circle(disc, cv::Point(margin + 150, margin + 90), 40, cv::Scalar(255), cv::FILLED, cv::LINE_AA);
        cv::GaussianBlur(disc, disc, cv::Size(0, 0), 3.0);
        auto alphaAt = [&](double dx, double dy) {
            cv::Mat d3, out;
            cv::merge(std::vector<cv::Mat>{disc, disc, disc}, d3);
            cv::extractChannel(test::shifted(d3, size, margin, dx, dy), out, 0);
            return out;
        };
        InterpolatorSettings s;
        s.backend = Backend(backend);
        FrameInterpolator interp(s);
        QVERIFY(interp.setPair(test::shifted(tex, size, margin, 0, 0), test::shifted(tex, size, margin, 7, 3))
                    .ok());
        const cv::Mat a = alphaAt(0, 0), b = alphaAt(7, 3);
        for (double t : {0.25, 0.5}) {
            const cv::Mat moved = interp.warpAlong(a, b, t);
            QCOMPARE(moved.type(), CV_32FC1);
            const cv::Mat truth = alphaAt(7 * t, 3 * t);
            cv::Mat blend;
            cv::addWeighted(a, 1 - t, b, t, 0, blend);
            const double ours = test::psnr(moved, truth), naive = test::psnr(blend, truth);
            qInfo("t=%.2f: matte moved %.2f dB, blend %.2f dB", t, ours, naive);
            QVERIFY(ours > 40.0);
            QVERIFY(ours > naive + 10.0);
        }
        QCOMPARE(cv::norm(interp.warpAlong(a, b, 0.0), a, cv::NORM_INF), 0.0);
        QVERIFY(interp.warpAlong(a, cv::Mat(10, 10, CV_32FC1), 0.5).empty());  // sizes that do not fit
        activateBackend(Backend::Cpu);
    }

    void detectsCutAndRepeatsNearerFrame() {
        const cv::Size size(320, 180);
        const cv::Mat a = test::shifted(test::texture(size, 8, 2), size, 8, 0, 0);
        const cv::Mat b = test::shifted(test::texture(size, 8, 3), size, 8, 0, 0);  // unrelated picture
        FrameInterpolator interp;
        QVERIFY(interp.setPair(a, b).ok());
        qInfo("motion-compensated error across the cut: %.2f", interp.motionError());
        QVERIFY(interp.isCut());
        QCOMPARE(cv::norm(interp.at(0.3), a, cv::NORM_INF), 0.0);  // no ghosted cross-fade
        QCOMPARE(cv::norm(interp.at(0.7), b, cv::NORM_INF), 0.0);
    }

    void sharpFootageGetsTheSharperWarp() {
        // Sharp detail (a fine random texture averaged down 4x, as a camera would) moving by
        // fractions of a pixel: Auto must pick the sharper kernel itself (its output equals
        // Lanczos-3's) and come closer to the truth than Catmull-Rom.
        const cv::Size size(320, 180);
        const int margin = 16, f = 4;
        cv::RNG rng(5);
        cv::Mat hi((size.height + 2 * margin) * f, (size.width + 2 * margin) * f, CV_32FC3);
        rng.fill(hi, cv::RNG::UNIFORM, 0, 255);
        cv::GaussianBlur(hi, hi, cv::Size(0, 0), 1.5);
        cv::normalize(hi, hi, 10, 245, cv::NORM_MINMAX);
        auto view = [&](int qx, int qy) {  // the picture moved by (qx, qy) / 4 px
            cv::Mat out;
            cv::resize(hi(cv::Rect(margin * f + qx, margin * f + qy, size.width * f, size.height * f)), out, size, 0, 0,
                       cv::INTER_AREA);
            return out;
        };
        const cv::Mat a = view(0, 0), b = view(22, -10), truth = view(11, -5);  // (5.5, -2.5) px; t = 0.5
        const cv::Mat out[3] = {midpoint(a, b, WarpFilter::Auto), midpoint(a, b, WarpFilter::CatmullRom),
                                midpoint(a, b, WarpFilter::Lanczos3)};
        for (const cv::Mat& m : out) QVERIFY(!m.empty());
        const cv::Rect inner(16, 16, size.width - 32, size.height - 32);
        qInfo("auto %.2f dB, catmull-rom %.2f dB, lanczos-3 %.2f dB", test::psnr(out[0](inner), truth(inner)),
              test::psnr(out[1](inner), truth(inner)), test::psnr(out[2](inner), truth(inner)));
        QCOMPARE(cv::norm(out[0], out[2], cv::NORM_INF), 0.0);
        QVERIFY(test::psnr(out[0](inner), truth(inner)) > test::psnr(out[1](inner), truth(inner)));
    }

    void noisySoftFootageKeepsCatmullRom() {
        // The opposite: soft detail under strong noise (grain), where Lanczos-3's wider pass band
        // mostly carries noise. Auto keeps Catmull-Rom (its output equals Catmull-Rom's).
        const cv::Size size(320, 180);
        const int margin = 16;
        const cv::Mat tex = test::texture(size, margin, 6);
        cv::Mat a = test::shifted(tex, size, margin, 0, 0), b = test::shifted(tex, size, margin, 5.5, -2.5);
        cv::RNG rng(7);
        for (cv::Mat* m : {&a, &b}) {
            cv::Mat n(size, CV_32FC3);
            rng.fill(n, cv::RNG::NORMAL, 0, 12);
            *m += n;
        }
        const cv::Mat out[2] = {midpoint(a, b, WarpFilter::Auto), midpoint(a, b, WarpFilter::CatmullRom)};
        for (const cv::Mat& m : out) QVERIFY(!m.empty());
        QCOMPARE(cv::norm(out[0], out[1], cv::NORM_INF), 0.0);
    }

    void detectsRealCut() {
        auto a = test::sharedFrames("video/flower.mp4", 20, 1, 320, 240);
        auto b = test::sharedFrames("video/friday.mp4", 20, 1, 320, 240);
        auto c = test::sharedFrames("video/friday.mp4", 22, 1, 320, 240);
        if (a.empty() || b.empty() || c.empty()) QSKIP("shared media or ffmpeg not available");
        FrameInterpolator interp;
        QVERIFY(interp.setPair(a[0], b[0]).ok());
        QVERIFY(interp.isCut());
        QVERIFY(interp.setPair(b[0], c[0]).ok());  // same shot two frames apart: not a cut
        QVERIFY(!interp.isCut());
    }

    void realFootageBeatsBlend() {
        auto f = test::sharedFrames("video/flower.mp4", 10, 3, 480, 270);
        if (f.size() < 3) QSKIP("shared media (video/flower.mp4) or ffmpeg not available");
        FrameInterpolator interp;
        QVERIFY(interp.setPair(f[0], f[2]).ok());
        QVERIFY(!interp.isCut());
        cv::Mat blend;
        cv::addWeighted(f[0], 0.5, f[2], 0.5, 0, blend);
        const double ours = test::psnr(interp.at(0.5), f[1]), naive = test::psnr(blend, f[1]);
        qInfo("flower frame 11 from 10 and 12: %.2f dB (blend %.2f dB)", ours, naive);
        QVERIFY(ours > naive + 0.5);
    }

    // Real in-betweens that went wrong, each made again and scored over the frame and where it went wrong:
    // - friday frame 99 from 98 and 100: the flow gives the black, textureless desk a wild vector beside
    //   the still paper on it. Inverting that motion for a pixel of the desk settled on a still point of
    //   the paper 26 px above, whose two ends agree perfectly, and a white band of the paper was drawn
    //   across the desk (28.7 dB, under the paper 13.0; minterpolate 38.6). A trajectory that misses the
    //   pixel now counts against it (38.5, 43.5).
    // - PSR63 frame 13 from 12 and 14: a tram passes behind still grass and a fence at the bottom left.
    //   The flows there are pulled along with the tram, and the grass was drawn moving with it (35.39 dB,
    //   the grass 27.2). No motion is now a candidate beside the two trajectories, kept where its ends
    //   agree better (36.7, the grass 29.7).
    void realInBetweensThatWentWrong_data() {
        QTest::addColumn<int>("backend");
        QTest::addColumn<QString>("clip");
        QTest::addColumn<int>("first");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QRect>("region");
        QTest::addColumn<double>("minWhole");
        QTest::addColumn<double>("minRegion");
        for (const Backend b : {Backend::Cpu, Backend::OpenCL}) {
            const char* name = backendName(b);
            QTest::addRow("friday desk, %s", name)
                << int(b) << QStringLiteral("video/friday.mp4") << 98 << QSize(640, 480)
                << QRect(480, 300, 160, 45) << 37.0 << 40.0;
            QTest::addRow("PSR63 grass, %s", name)
                << int(b) << QStringLiteral("video/PSR63_2012-06-02.mov") << 12 << QSize(320, 180)
                << QRect(0, 125, 95, 55) << 36.2 << 28.7;
        }
    }
    void realInBetweensThatWentWrong() {
        QFETCH(int, backend);
        QFETCH(QString, clip);
        QFETCH(int, first);
        QFETCH(QSize, size);
        QFETCH(QRect, region);
        QFETCH(double, minWhole);
        QFETCH(double, minRegion);
        if (test::backendMissing(Backend(backend))) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        const std::vector<cv::Mat> f =
            test::sharedFrames(clip.toUtf8().constData(), first, 3, size.width(), size.height());
        if (f.size() < 3) QSKIP("shared media or ffmpeg not available");
        InterpolatorSettings s;
        s.backend = Backend(backend);
        FrameInterpolator interp(s);
        QVERIFY(interp.setPair(f[0], f[2]).ok());
        QVERIFY(!interp.isCut());
        const cv::Mat mid = interp.at(0.5, CV_8U);
        const cv::Rect r(region.x(), region.y(), region.width(), region.height());
        cv::Mat blend;
        cv::addWeighted(f[0], 0.5, f[2], 0.5, 0, blend);
        const double whole = test::psnr(mid, f[1]), inRegion = test::psnr(mid(r), f[1](r));
        qInfo("%s frame %d from %d and %d: %.2f dB, there %.2f dB (blend %.2f, %.2f)", qPrintable(clip),
              first + 1, first, first + 2, whole, inRegion, test::psnr(blend, f[1]),
              test::psnr(blend(r), f[1](r)));
        QVERIFY(whole > minWhole);
        QVERIFY(inRegion > minRegion);
    }

    void mismatchedSizesAreAnError() {
        FrameInterpolator interp;
        auto s = interp.setPair(cv::Mat(10, 20, CV_32FC3, cv::Scalar(0)), cv::Mat(12, 20, CV_32FC3, cv::Scalar(0)));
        QVERIFY(!s.ok());
        QVERIFY(QString::fromStdString(s.error().message).contains(QStringLiteral("20x10")));
    }

    void rateArithmetic() {
        // 2x: 31 frames -> 61, every other output is an input frame.
        QCOMPARE(retimedFrameCount(31, 15, 30), int64_t(61));
        QCOMPARE(retimeSource(3, 15, 30).index, int64_t(1));
        QCOMPARE(retimeSource(3, 15, 30).phase, 0.5);
        QCOMPARE(retimeSource(4, 15, 30).phase, 0.0);
        // 24 -> 60: output 1 sits at 0.4 of the first pair, output 5 is input 2.
        QCOMPARE(retimedFrameCount(25, 24, 60), int64_t(61));
        QVERIFY(std::abs(retimeSource(1, 24, 60).phase - 0.4) < 1e-9);
        QCOMPARE(retimeSource(5, 24, 60).index, int64_t(2));
        QCOMPARE(retimeSource(5, 24, 60).phase, 0.0);
        // 25 -> 24: output 12 is at source 12.5; 100 frames give 96 outputs.
        QCOMPARE(retimeSource(12, 25, 24).index, int64_t(12));
        QVERIFY(std::abs(retimeSource(12, 25, 24).phase - 0.5) < 1e-9);
        QCOMPARE(retimedFrameCount(100, 25, 24), int64_t(96));
        // 8x slow motion of 3 frames: 17 outputs at phases k/8.
        QCOMPARE(retimedFrameCount(3, 24, 192), int64_t(17));
        QVERIFY(std::abs(retimeSource(11, 24, 192).phase - 0.375) < 1e-9);
    }

    // The automatic flow resolution: at least 160 px of flow for small frames, a quarter of the frame
    // up to 1536 px, 384 px of flow up to 1920 and a fifth beyond.
    void autoFlowScaleBySize() {
        QCOMPARE(autoFlowScale(160), 0.5);
        QCOMPARE(autoFlowScale(320), 0.5);
        QCOMPARE(autoFlowScale(480), 1.0 / 3.0);
        QCOMPARE(autoFlowScale(640), 0.25);
        QCOMPARE(autoFlowScale(960), 0.25);
        QCOMPARE(autoFlowScale(1536), 0.25);
        QCOMPARE(autoFlowScale(1600), 0.24);
        QCOMPARE(autoFlowScale(1920), 0.2);
        QCOMPARE(autoFlowScale(3840), 0.2);
    }
};

QTEST_GUILESS_MAIN(RetimeTest)
#include "tst_retime.moc"
