// End to end: start the real `rushes` binary on a shared clip, go to a frame, take a
// screenshot, and compare the pixels in the image area with the frame the codecs layer decodes.
// Then bad input: a damaged file and a sequence with a hole must give clear messages or a
// "missing frame" slate, never a crash.
#include <QtTest>

#include "AppProcess.h"
#include "RunFfmpeg.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

#include "rushes/codecs/MediaReader.h"

#include <OpenColorIO/OpenColorIO.h>
namespace OCIO = OCIO_NAMESPACE;

namespace {

const QString kApp = QStringLiteral(RUSHES_BINARY_DIR "/app/rushes");
const QString kMedia = QStringLiteral(RUSHES_MEDIA_DIR);

struct Run {
    int code = -1;
    QString out;
    QRect imageRect;
    QString slate, message, sceneGraph;
    QImage shot;  // screenshotRun(): the screenshot as RGB32 (null if none was written)
};

// `viewerYuv`: RUSHES_VIEWER_YUV for the run ("cpu" or "gpu": OpenGL with native YUV converted on
// the CPU or in the shader), "software" for Qt's software scene graph; empty: the app decides.
Run runApp(const QStringList& args, const QString& viewerYuv = {}, const QString& size = QStringLiteral("1600x900")) {
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Under xvfb-run DISPLAY is set and the app uses it; otherwise it renders offscreen.
    if (env.contains(QStringLiteral("DISPLAY")))
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    else
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), QDir::tempPath() + QStringLiteral("/rushes-e2e-data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir::tempPath() + QStringLiteral("/rushes-e2e-config"));
    if (viewerYuv == QLatin1String("software"))
        env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
    else if (!viewerYuv.isEmpty())
        env.insert(QStringLiteral("RUSHES_VIEWER_YUV"), viewerYuv);
    p.setProcessEnvironment(env);
    p.start(kApp, args + QStringList{QStringLiteral("--size"), size});
    Run r;
    r.code = e2e::waitForApp(p, r.out);
    if (r.code == -1) return r;
    for (const QString& line : r.out.split(QLatin1Char('\n'))) {
        const int at = line.indexOf(QLatin1String("image-rect "));
        if (line.startsWith(QLatin1String("screenshot ")) && at > 0) {
            const QStringList v = line.mid(at + 11).split(QLatin1Char(' '));
            if (v.size() == 4) r.imageRect = QRect(v[0].toInt(), v[1].toInt(), v[2].toInt(), v[3].toInt());
        }
        if (line.startsWith(QLatin1String("slate: "))) r.slate = line.mid(7);
        if (line.startsWith(QLatin1String("message: "))) r.message = line.mid(9);
        if (line.startsWith(QLatin1String("scene graph: "))) r.sceneGraph = line.mid(13);
    }
    return r;
}

// runApp with `--screenshot` to a temporary file, read back into r.shot.
Run screenshotRun(const QStringList& args, const QString& viewerYuv = {},
                  const QString& size = QStringLiteral("1600x900")) {
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("shot.png"));
    Run r = runApp(args + QStringList{QStringLiteral("--screenshot"), out}, viewerYuv, size);
    if (r.code == 0) r.shot = QImage(out).convertToFormat(QImage::Format_RGB32);
    return r;
}

// Mean absolute difference (8-bit levels) between block averages of the screenshot's image area
// and of the decoded frame, on a grid coarse enough that the viewer's filtering does not matter.
double blockDifference(const QImage& shot, const QRect& area, const rushes::codecs::Image& frame,
                       double* worst) {
    const int gx = 24, gy = 14;
    double total = 0;
    *worst = 0;
    for (int by = 0; by < gy; ++by)
        for (int bx = 0; bx < gx; ++bx) {
            double a[3] = {0, 0, 0}, b[3] = {0, 0, 0};
            int na = 0, nb = 0;
            // Inner 60% of each block: away from edges where filtering blends neighbours.
            for (int y = 0; y < 10; ++y)
                for (int x = 0; x < 10; ++x) {
                    const double u = (bx + 0.2 + 0.06 * x) / gx, v = (by + 0.2 + 0.06 * y) / gy;
                    const QRgb s =
                        shot.pixel(area.x() + int(u * area.width()), area.y() + int(v * area.height()));
                    a[0] += qRed(s);
                    a[1] += qGreen(s);
                    a[2] += qBlue(s);
                    ++na;
                    const int fx = int(u * frame.width), fy = int(v * frame.height);
                    const uint8_t* p = frame.data.data() + (size_t(fy) * frame.width + fx) * 4;
                    b[0] += p[0];
                    b[1] += p[1];
                    b[2] += p[2];
                    ++nb;
                }
            for (int c = 0; c < 3; ++c) {
                const double d = std::abs(a[c] / na - b[c] / nb);
                total += d;
                *worst = std::max(*worst, d);
            }
        }
    return total / (gx * gy * 3);
}

}  // namespace

class TestE2EViewer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (!QFile::exists(kApp)) QSKIP("the rushes binary is not built");
    }

    void screenshotMatchesTheDecodedFrame_data() {
        QTest::addColumn<QString>("clip");
        QTest::addColumn<int>("frame");
        QTest::addColumn<int>("otherFrame");
        QTest::addColumn<QString>("viewerYuv");
        QTest::addColumn<QString>("windowSize");
        // Native YUV reaches the screen three ways: converted by the viewer's shader (OpenGL on a
        // GPU), by swscale for the frame shown into an OpenGL texture, or by swscale into the image
        // Qt's software scene graph blits (the app's choice on software rasterisers such as
        // llvmpipe). All are checked, with the picture enlarged (1600x900 window) and shrunk
        // (800x500: the CPU paths convert straight to the size shown).
        for (const QString& size : {QStringLiteral("1600x900"), QStringLiteral("800x500")})
            for (const QString& yuv :
                 {QStringLiteral("gpu"), QStringLiteral("cpu"), QStringLiteral("software")}) {
                const QString how =
                    (yuv == QLatin1String("gpu")   ? QStringLiteral(", YUV in the shader, ")
                     : yuv == QLatin1String("cpu") ? QStringLiteral(", YUV on the CPU, ")
                                                   : QStringLiteral(", software scene graph, ")) +
                    size;
                QTest::newRow(qPrintable(QStringLiteral("flower h264 frame 40") + how))
                    << QStringLiteral("video/flower.mp4") << 40 << 110 << yuv << size;
                QTest::newRow(qPrintable(QStringLiteral("friday prores frame 45") + how))
                    << QStringLiteral("movie-masters/friday_3s_prores422hq_pcm24.mov") << 45 << 5 << yuv << size;
            }
    }
    void screenshotMatchesTheDecodedFrame() {
        QFETCH(QString, clip);
        QFETCH(int, frame);
        QFETCH(int, otherFrame);
        QFETCH(QString, viewerYuv);
        QFETCH(QString, windowSize);
        const QString path = kMedia + QLatin1Char('/') + clip;
        if (!QFile::exists(path)) QSKIP(qPrintable(QStringLiteral("%1 is absent (shared media)").arg(path)));
        const Run r = screenshotRun(
            {path, QStringLiteral("--frame"), QString::number(frame), QStringLiteral("--no-hud")}, viewerYuv,
            windowSize);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QVERIFY2(r.imageRect.width() > 100 && r.imageRect.height() > 100, qPrintable(r.out));
        QVERIFY2(r.slate.isEmpty(), qPrintable(r.slate));
        if (viewerYuv == QLatin1String("software")) QCOMPARE(r.sceneGraph, QStringLiteral("software"));
        const QImage& shot = r.shot;
        QVERIFY(!shot.isNull());
        QVERIFY(QRect(QPoint(0, 0), shot.size()).contains(r.imageRect.adjusted(0, 0, -1, -1)));

        auto reader = rushes::codecs::openMedia(path.toStdString());
        QVERIFY2(reader, reader ? "" : reader.error().toString().c_str());
        auto expected = reader.value()->readImage(frame, rushes::codecs::ImageFormat::RGBA8);
        auto other = reader.value()->readImage(otherFrame, rushes::codecs::ImageFormat::RGBA8);
        QVERIFY(expected && other);
        double worst = 0, worstOther = 0;
        const double diff = blockDifference(shot, r.imageRect, expected.value(), &worst);
        const double diffOther = blockDifference(shot, r.imageRect, other.value(), &worstOther);
        qInfo("%s: mean block difference %.2f (worst %.1f) levels; against frame %d: %.2f", qPrintable(clip),
              diff, worst, otherFrame, diffOther);
        // Tolerance: the viewer scales with linear filtering and the display path is 8-bit.
        QVERIFY2(diff < 2.5, qPrintable(QString::number(diff)));
        QVERIFY2(worst < 16, qPrintable(QString::number(worst)));
        QVERIFY2(diffOther > diff * 2, "the test must tell frames apart");
    }

    // Exposure on a 10-bit source, through each path: the picture is the decoded frame (16 bits a
    // channel) times 2^EV, clipped, in 8 bits. On the software scene graph this is the CPU view
    // transform's per-code table over 16-bit values; in the shader, the same sum.
    void exposureOnADeepSource_data() {
        QTest::addColumn<QString>("viewerYuv");
        QTest::addColumn<double>("ev");
        for (const QString& yuv : {QStringLiteral("software"), QStringLiteral("gpu")})
            for (double ev : {1.0, -1.0})
                QTest::newRow(qPrintable(QStringLiteral("%1, %2 stop").arg(yuv).arg(ev))) << yuv << ev;
    }
    void exposureOnADeepSource() {
        QFETCH(QString, viewerYuv);
        QFETCH(double, ev);
        const QString path = kMedia + QStringLiteral("/movie-masters/friday_3s_prores422hq_pcm24.mov");
        if (!QFile::exists(path)) QSKIP(qPrintable(QStringLiteral("%1 is absent (shared media)").arg(path)));
        const Run r =
            screenshotRun({path, QStringLiteral("--frame"), QStringLiteral("45"), QStringLiteral("--no-hud"),
                           QStringLiteral("--exposure"), QString::number(ev)},
                          viewerYuv);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        if (viewerYuv == QLatin1String("software")) QCOMPARE(r.sceneGraph, QStringLiteral("software"));
        const QImage& shot = r.shot;
        QVERIFY(!shot.isNull());
        auto reader = rushes::codecs::openMedia(path.toStdString());
        QVERIFY(reader);
        auto deep = reader.value()->readImage(45, rushes::codecs::ImageFormat::RGBA16);
        QVERIFY(deep);
        // The expected picture, and the plain frame (which the exposed picture must not match).
        rushes::codecs::Image expected = deep.value(), plain = deep.value();
        expected.format = plain.format = rushes::codecs::ImageFormat::RGBA8;
        const size_t n = size_t(deep->width) * size_t(deep->height) * 4;
        expected.data.assign(n, 0);
        plain.data.assign(n, 0);
        const double gain = std::exp2(ev);
        for (size_t i = 0; i < n; ++i) {
            uint16_t v;
            std::memcpy(&v, deep->data.data() + 2 * i, 2);
            expected.data[i] = uint8_t(std::clamp(v / 65535.0 * gain, 0.0, 1.0) * 255 + 0.5);
            plain.data[i] = uint8_t(v / 65535.0 * 255 + 0.5);
        }
        double worst = 0, worstPlain = 0;
        const double diff = blockDifference(shot, r.imageRect, expected, &worst);
        const double diffPlain = blockDifference(shot, r.imageRect, plain, &worstPlain);
        qInfo("exposure %+.0f: mean block difference %.2f (worst %.1f) levels; against the plain frame %.2f",
              ev, diff, worst, diffPlain);
        QVERIFY2(diff < 2.5, qPrintable(QString::number(diff)));
        QVERIFY2(worst < 16, qPrintable(QString::number(worst)));
        QVERIFY2(diffPlain > diff * 4, "the exposure must show");
    }

    // A scene-linear EXR through the default display transform (Linear Rec.709 to sRGB, as a log2
    // shaper and a 3D LUT in the viewer): the picture is what OpenColorIO's own CPU processor makes
    // of the stored values, on both paths, and not the values as stored. Highlights above 1.0 are
    // in this file (up to 234), so a path that clipped them first would fail.
    // Carrots.exr carries ACES (AP0) chromaticities: ACES2065-1 input, whose view mixes the
    // channels (a matrix to Rec.709 primaries), so the software path samples the 3D LUT, where
    // Desk's per-channel view takes one table a channel.
    void exrDisplayTransformMatchesOpenColorIO_data() {
        QTest::addColumn<QString>("viewerYuv");
        QTest::addColumn<double>("ev");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("space");
        QTest::addColumn<double>("worstBound");
        for (const QString& way : {QStringLiteral("software"), QStringLiteral("gpu")}) {
            for (double ev : {0.0, -3.0})
                QTest::newRow(qPrintable(QStringLiteral("Desk, %1, %2 stops").arg(way).arg(ev)))
                    << way << ev << QStringLiteral("Desk.exr") << QStringLiteral("Linear Rec.709") << 24.0;
            QTest::newRow(qPrintable(QStringLiteral("Carrots, %1, 0 stops").arg(way)))
                << way << 0.0 << QStringLiteral("Carrots.exr") << QStringLiteral("ACES2065-1") << 28.0;
        }
    }
    void exrDisplayTransformMatchesOpenColorIO() {
        QFETCH(QString, viewerYuv);
        QFETCH(double, ev);
        QFETCH(QString, file);
        QFETCH(QString, space);
        QFETCH(double, worstBound);
        const QString path = kMedia + QStringLiteral("/exr/") + file;
        if (!QFile::exists(path)) QSKIP(qPrintable(QStringLiteral("%1 is absent (shared media)").arg(path)));
        const Run r = screenshotRun(
            {path, QStringLiteral("--no-hud"), QStringLiteral("--exposure"), QString::number(ev)}, viewerYuv);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QVERIFY2(r.imageRect.width() > 100, qPrintable(r.out));
        const QImage& shot = r.shot;
        QVERIFY(!shot.isNull());
        auto reader = rushes::codecs::openMedia(path.toStdString());
        QVERIFY(reader);
        auto linear = reader.value()->readImage(0, rushes::codecs::ImageFormat::RGBAFloat);
        QVERIFY(linear);
        auto config = OCIO::Config::CreateFromFile(RUSHES_OCIO_CONFIG);
        auto transform = OCIO::DisplayViewTransform::Create();
        transform->setSrc(space.toUtf8().constData());
        transform->setDisplay("sRGB");
        transform->setView("Standard");
        auto cpu = config->getProcessor(transform)->getDefaultCPUProcessor();
        rushes::codecs::Image expected, stored;
        expected.width = stored.width = linear->width;
        expected.height = stored.height = linear->height;
        const size_t n = size_t(linear->width) * size_t(linear->height);
        expected.data.resize(n * 4);
        stored.data.resize(n * 4);
        const float gain = float(std::exp2(ev));
        for (size_t i = 0; i < n; ++i) {
            float v[4];
            std::memcpy(v, linear->data.data() + i * 16, 16);
            for (int c = 0; c < 3; ++c)
                stored.data[i * 4 + size_t(c)] = uint8_t(std::clamp(v[c], 0.0f, 1.0f) * 255 + 0.5f);
            for (int c = 0; c < 3; ++c) v[c] *= gain;
            cpu->applyRGB(v);
            for (int c = 0; c < 3; ++c)
                expected.data[i * 4 + size_t(c)] = uint8_t(std::clamp(v[c], 0.0f, 1.0f) * 255 + 0.5f);
        }
        double worst = 0, worstStored = 0;
        const double diff = blockDifference(shot, r.imageRect, expected, &worst);
        const double diffStored = blockDifference(shot, r.imageRect, stored, &worstStored);
        qInfo("%s: against OpenColorIO's processor %.2f (worst %.1f) levels; against the stored values %.2f",
              qPrintable(r.sceneGraph), diff, worst, diffStored);
        QVERIFY2(diff < 2.5, qPrintable(QString::number(diff)));
        // The worst block is where the scaled picture's filtering and the LUT's linear steps differ
        // most from a per-pixel processor: Desk's clipped window edges (14-20 levels); Carrots 24.9
        // levels, the same on both paths, so the LUT's lattice, not either path's sampling.
        QVERIFY2(worst < worstBound, qPrintable(QString::number(worst)));
        QVERIFY2(diffStored > 4 * diff, "the display transform must show");
    }

    // Left to itself the app renders with Qt's software scene graph exactly when OpenGL is a
    // software rasteriser (llvmpipe under Xvfb in CI), and says which it chose.
    void softwareRasteriserGetsTheSoftwareSceneGraph() {
        const QString clip = kMedia + QStringLiteral("/video/flower.mp4");
        if (!QFile::exists(clip)) QSKIP("the shared media are absent");
        if (!qEnvironmentVariableIsSet("DISPLAY")) QSKIP("needs an X display (xvfb-run) for OpenGL");
        QTemporaryDir tmp;
        qputenv("RUSHES_PROFILE", "1");
        const Run r =
            runApp({clip, QStringLiteral("--screenshot"), tmp.filePath(QStringLiteral("auto.png"))});
        qunsetenv("RUSHES_PROFILE");
        QVERIFY2(r.code == 0, qPrintable(r.out));
        const int at = r.out.indexOf(QLatin1String("[profile] scene graph: "));
        QVERIFY2(at >= 0, qPrintable(r.out));
        const QString choice = r.out.mid(at, r.out.indexOf(QLatin1Char('\n'), at) - at);
        qInfo("%s; screenshot: %s", qPrintable(choice), qPrintable(r.sceneGraph));
        const bool softwareGl =
            choice.contains(QLatin1String("llvmpipe")) || choice.contains(QLatin1String("softpipe"));
        QCOMPARE(r.sceneGraph, softwareGl ? QStringLiteral("software") : QStringLiteral("opengl"));
    }

    // The Process side panel in the real app: it loads without a QML error, names the shot and
    // suggests an output; a panel name the app does not know is refused with a message.
    void processPanelLoadsInTheApp() {
        const QString clip = kMedia + QStringLiteral("/video/flower.mp4");
        if (!QFile::exists(clip)) QSKIP("../shared/media/video/flower.mp4 absent");
        const Run r = screenshotRun({clip, QStringLiteral("--panel"), QStringLiteral("process")});
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QVERIFY(!r.shot.isNull());
        for (const char* error : {"TypeError", "ReferenceError", "ProcessPanel.qml", "Main.qml"})
            QVERIFY2(!r.out.contains(QLatin1String(error)), qPrintable(r.out));
        // The side panel (right of the picture) is drawn: more than one colour there.
        const QRect side(r.imageRect.right() + 20, 40, r.shot.width() - r.imageRect.right() - 30, 200);
        QVERIFY(side.width() > 50);
        QSet<QRgb> colours;
        for (int y = side.top(); y < side.bottom(); y += 3)
            for (int x = side.left(); x < side.right(); x += 3) colours.insert(r.shot.pixel(x, y));
        QVERIFY2(colours.size() > 8, "the Process panel's controls are on screen");
        const Run bad = runApp({clip, QStringLiteral("--panel"), QStringLiteral("nonsense")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.out.contains(QStringLiteral("not a panel")), qPrintable(bad.out));
    }

    void damagedFileGivesAClearMessage() {
        const QDir damaged(kMedia + QStringLiteral("/damaged"));
        const QStringList files = damaged.entryList(QDir::Files, QDir::Name);
        if (files.isEmpty()) QSKIP("no damaged files in the shared media");
        const QString bad = damaged.filePath(files.first());
        const QString good = kMedia + QStringLiteral("/video/flower.mp4");
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("bad.png"));
        // The damaged file first: the session opens it, says why it cannot play, and goes on.
        const Run r = runApp({bad, good, QStringLiteral("--screenshot"), out});
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QVERIFY(QFile::exists(out));
        const QString said = r.slate + QLatin1Char(' ') + r.message;
        QVERIFY2(said.contains(files.first()), qPrintable(said));
    }

    void sequenceHoleShowsAMissingFrameSlate() {
        QTemporaryDir tmp;
        if (!rushes::tests::runFfmpeg(
                {QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                 QStringLiteral("testsrc=size=320x180:rate=24:duration=0.5"), QStringLiteral("-start_number"),
                 QStringLiteral("1001"), tmp.filePath(QStringLiteral("hole.%04d.png"))},
                30000))
            QSKIP("the ffmpeg program is not available");
        QVERIFY(QFile::remove(tmp.filePath(QStringLiteral("hole.1005.png"))));
        const QString first = tmp.filePath(QStringLiteral("hole.1001.png"));
        const Run missing =
            runApp({first, QStringLiteral("--frame"), QStringLiteral("1005"), QStringLiteral("--screenshot"),
                    tmp.filePath(QStringLiteral("missing.png"))});
        QVERIFY2(missing.code == 0, qPrintable(missing.out));
        QVERIFY2(missing.slate.contains(QLatin1String("MISSING FRAME 1005")), qPrintable(missing.out));
        const Run present =
            runApp({first, QStringLiteral("--frame"), QStringLiteral("1006"), QStringLiteral("--screenshot"),
                    tmp.filePath(QStringLiteral("present.png"))});
        QVERIFY2(present.code == 0, qPrintable(present.out));
        QVERIFY2(present.slate.isEmpty(), qPrintable(present.out));
    }
};

QTEST_GUILESS_MAIN(TestE2EViewer)
#include "tst_e2e_viewer.moc"
