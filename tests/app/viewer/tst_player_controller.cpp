// The Player controller: opening (good, bad, folders), stepping, timecode, in/out and loop
// modes, Once finishing, the budget's session shots, the colour pipeline's defaults.
#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "viewer/PlayerController.h"

using rushes::viewer::PlayerController;

class TestPlayerController : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_clip;

    bool makeClip(const QString& path, const QString& source) {
        QProcess ff;
        ff.start(QStringLiteral("ffmpeg"), {QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                                             QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                             source, QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), path});
        return ff.waitForFinished(60000) && ff.exitCode() == 0;
    }

private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("RushesTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_player_controller"));
        m_clip = m_dir.filePath(QStringLiteral("clip2997.mp4"));
        if (!makeClip(m_clip, QStringLiteral("testsrc2=size=320x180:rate=30000/1001:duration=2")))
            QSKIP("the ffmpeg program is not available");
    }

    void openStepAndTimecode() {
        PlayerController player;
        QAbstractItemModelTester tester(player.playlist(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shot(&player, &PlayerController::shotChanged);
        QSignalSpy frame(&player, &PlayerController::frameChanged);
        QCOMPARE(player.openPaths({m_clip}), 0);
        QVERIFY(shot.count() >= 1);
        QCOMPARE(player.frameCount(), qint64(60));
        QCOMPARE(player.rateText(), QStringLiteral("29.97"));
        player.step(1);
        QCOMPARE(player.frame(), qint64(1));
        QVERIFY(frame.count() >= 1);
        player.step(-10);
        QCOMPARE(player.frame(), qint64(0));  // clamped at the start
        // 29.97 is drop-frame: 00:00:01;00 is frame 30.
        QVERIFY(player.seekTimecode(QStringLiteral("00:00:01;00")));
        QCOMPARE(player.frame(), qint64(30));
        QCOMPARE(player.timecode(), QStringLiteral("00:00:01;00"));
        QVERIFY(!player.seekTimecode(QStringLiteral("nonsense")));
        QVERIFY(!player.message().isEmpty());
        QVERIFY(player.waitForFrame(30, 10000));
        QCOMPARE(player.displayedFrame()->index, qint64(30));
        const QVariantMap px = player.inspect(10, 10);
        QVERIFY(px.contains(QStringLiteral("r")));
        QCOMPARE(px[QStringLiteral("float")].toBool(), false);
    }

    void inOutAndOnceFinishes() {
        PlayerController player;
        player.openPaths({m_clip});
        player.seek(50);
        player.setInPoint();
        player.seek(55);
        player.setOutPoint();
        QCOMPARE(player.inPoint(), qint64(50));
        QCOMPARE(player.outPoint(), qint64(55));
        player.setLoopMode(2);  // once
        player.seek(50);
        QSignalSpy finished(&player, &PlayerController::playbackFinished);
        player.play();
        QVERIFY(player.playing());
        QVERIFY(finished.wait(5000));
        QVERIFY(!player.playing());
        QCOMPARE(player.frame(), qint64(55));
        player.clearInOut();
        QCOMPARE(player.outPoint(), qint64(59));
    }

    void badInputKeepsTheSessionWorking() {
        PlayerController player;
        QSignalSpy message(&player, &PlayerController::messageChanged);
        const QString broken = m_dir.filePath(QStringLiteral("broken.mov"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a movie");
        f.close();
        player.openPaths({broken, m_clip});
        QVERIFY(message.count() >= 1);
        QVERIFY(player.message().contains(broken));
        QCOMPARE(player.currentShot(), 0);
        QVERIFY(player.slateText().contains(broken));
        player.selectShot(1);
        QCOMPARE(player.frameCount(), qint64(60));
        QVERIFY(player.slateText().isEmpty());
        // Only playable shots go to the budget panel.
        const QVariantList shots = player.sessionShots();
        QCOMPARE(shots.size(), 1);
        QCOMPARE(shots[0].toMap()[QStringLiteral("frames")].toLongLong(), 60);
        QCOMPARE(shots[0].toMap()[QStringLiteral("width")].toInt(), 320);
    }

    void folderOpensItsMoviesAndSequences() {
        QTemporaryDir dir;
        QVERIFY(makeClip(dir.filePath(QStringLiteral("a.mov")), QStringLiteral("testsrc=size=64x64:rate=24:duration=0.5")));
        QVERIFY(makeClip(dir.filePath(QStringLiteral("seq.%04d.png")), QStringLiteral("testsrc=size=64x64:rate=24:duration=0.25")));
        PlayerController player;
        player.openPaths({dir.path()});
        QCOMPARE(player.playlist()->count(), 2);  // the movie and one entry for the 6 PNGs
        player.selectShot(1);
        QCOMPARE(player.frameCount(), qint64(6));
    }

    void colourDefaults() {
        PlayerController player;
        QVERIFY(player.displays().contains(QStringLiteral("sRGB")));
        QCOMPARE(player.display(), QStringLiteral("sRGB"));
        QCOMPARE(player.view(), QStringLiteral("Standard"));
        player.openPaths({m_clip});
        QCOMPARE(player.inputSpace(), QStringLiteral("sRGB - Texture"));
        QVERIFY(player.displayLut().noOp);  // video on an sRGB display: nothing to do
        QSignalSpy colour(&player, &PlayerController::colourChanged);
        player.setInputSpace(QStringLiteral("Linear Rec.709"));
        QCOMPARE(colour.count(), 1);
        QVERIFY(!player.displayLut().noOp);
        QCOMPARE(player.displayLut().mode, 2);  // scene-linear: behind a log2 shaper
        // Middle grey (0.18) through the sRGB view: the lattice point nearest log2(0.18) encodes to ~0.46.
        const auto& lut = player.displayLut();
        const double t = (std::log2(0.18) - lut.shaperMin) / (lut.shaperMax - lut.shaperMin) * (lut.size - 1);
        const int i = int(std::lround(t));
        const double x = std::exp2(lut.shaperMin + double(i) / (lut.size - 1) * (lut.shaperMax - lut.shaperMin));
        const double expected = x <= 0.0031308 ? 12.92 * x : 1.055 * std::pow(x, 1 / 2.4) - 0.055;
        const float got = lut.rgba[((size_t(i) * lut.size + i) * lut.size + i) * 4];
        QVERIFY2(std::abs(got - expected) < 1e-3, qPrintable(QString::number(got) + " vs " + QString::number(expected)));
    }
};

QTEST_MAIN(TestPlayerController)
#include "tst_player_controller.moc"
