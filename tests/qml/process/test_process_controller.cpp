// The Process panel's controller on real clips: a pass runs on a worker thread with progress and
// writes what processClip writes; cancel stops it between frames; wrong settings and unreadable
// shots give a message naming the cause, and nothing runs.
#include <QtQml/qqmlextensionplugin.h>
#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "PhotonNoiseSequence.h"
#include "ProcessController.h"
#include "ProcessTestClip.h"
#include "rushes/codecs/MediaReader.h"

Q_IMPORT_QML_PLUGIN(Rushes_ProcessPlugin)

class TestProcessController : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_clip;

    // A short ProRes clip in the test's folder; empty when ffmpeg could not make it.
    QString makeClip(const QString& name, int frames) {
        const QString path = m_dir.filePath(name);
        return rushes::tests::makeProresClip(path, frames) ? path : QString();
    }

private slots:
    void initTestCase() {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("ffmpeg binary not found");
        m_clip = makeClip(QStringLiteral("shot.mov"), 12);
        QVERIFY(!m_clip.isEmpty());
    }

    void suggestsAnOutputBesideTheShot() {
        const QString d = m_dir.path();
        QCOMPARE(ProcessController::suggestedOutput(d + "/shot.mov"), d + "/shot_rushes.mov");
        QCOMPARE(ProcessController::suggestedOutput(d + "/plate.%04d.exr"), d + "/plate_rushes.%04d.exr");
        QCOMPARE(ProcessController::suggestedOutput(d + "/plate.####.dpx"), d + "/plate_rushes.%04d.exr");
        QCOMPARE(ProcessController::suggestedOutput(d + "/BART_2021-02-07.0001.png"),
                 d + "/BART_2021-02-07_rushes.%04d.exr");
        QCOMPARE(ProcessController::suggestedOutput(QString()), QString());
        // A folder that takes no files: the user's movies folder instead.
        QStandardPaths::setTestModeEnabled(true);
        const QString movies = QStandardPaths::writableLocation(QStandardPaths::MoviesLocation);
        QVERIFY(!movies.isEmpty());
        QCOMPARE(ProcessController::suggestedOutput(QStringLiteral("/nonexistent/media/shot.mov")),
                 QDir(movies).filePath(QStringLiteral("Rushes/shot_rushes.mov")));
    }

    // An earlier pass is never written over: the next suggestion is a new version, and start()
    // refuses a name that is taken (the session may be playing that file).
    void neverOverAnEarlierPass() {
        QTemporaryDir d;
        auto touch = [&d](const char* name) {
            QFile f(d.filePath(QLatin1String(name)));
            return f.open(QIODevice::WriteOnly);
        };
        QVERIFY(touch("shot_rushes.mov") && touch("plate_rushes.0001.exr"));
        QCOMPARE(ProcessController::suggestedOutput(d.filePath(QStringLiteral("shot.mov"))),
                 d.filePath(QStringLiteral("shot_rushes_v2.mov")));
        QCOMPARE(ProcessController::suggestedOutput(d.filePath(QStringLiteral("plate.%04d.exr"))),
                 d.filePath(QStringLiteral("plate_rushes_v2.%04d.exr")));
        QVERIFY(ProcessController::outputExists(d.filePath(QStringLiteral("plate_rushes.####.exr"))));
        QVERIFY(
            ProcessController::outputExists(d.filePath(QStringLiteral("plate_rushes.#.exr"))));  // 4 digits
        QVERIFY(!ProcessController::outputExists(d.filePath(QStringLiteral("plate_rushes_v2.%04d.exr"))));
        ProcessController c;
        QVERIFY(!c.start(m_clip, d.filePath(QStringLiteral("shot_rushes.mov")), QStringLiteral("auto"), 2, 0,
                         QStringLiteral("cpu")));
        QVERIFY(!c.running());
        QVERIFY2(c.message().contains(QStringLiteral("exists already")), qPrintable(c.message()));
    }

    void runsAPassWithProgress() {
        ProcessController c;
        QSignalSpy done(&c, &ProcessController::finished), progress(&c, &ProcessController::progressChanged);
        const QString out = m_dir.filePath(QStringLiteral("new/folder/pass.mov"));  // made by start()
        QVERIFY(c.start(m_clip, out, QStringLiteral("auto"), 2, 0, QStringLiteral("cpu")));
        QVERIFY(c.running());
        QVERIFY(!c.start(m_clip, out, QStringLiteral("auto"), 2, 0, QStringLiteral("cpu")));  // one at a time
        QVERIFY(c.message().contains(QStringLiteral("running")));
        QVERIFY(done.wait(60000));
        QCOMPARE(done.takeFirst().at(0).toString(), out);
        QVERIFY(!c.running());
        QVERIFY(!c.failed());
        QCOMPARE(c.lastOutput(), out);
        QVERIFY(progress.count() >= 23);  // once per output frame at least
        QCOMPARE(c.progress(), 1.0);
        QVERIFY2(c.message().contains(QStringLiteral("12 frames in, 23 out")), qPrintable(c.message()));
        QVERIFY2(c.message().contains(QStringLiteral("estimated from the footage")), qPrintable(c.message()));
        auto r = rushes::codecs::openMedia(out.toStdString());
        QVERIFY(r.ok());
        QCOMPARE(r.value()->info().frameCount, int64_t(23));
        QCOMPARE(r.value()->info().frameRate.toDouble(), 48.0);
    }

    // "auto" on photon noise (PhotonNoiseSequence.h, as tst_processing_cli uses it): the panel's message
    // gives the sigma at mid-grey and says the noise grows with brightness.
    void reportsNoiseGrowingWithBrightness() {
        const QString clean = m_dir.filePath(QStringLiteral("pc.%04d.png")),
                      noisy = m_dir.filePath(QStringLiteral("pn.%04d.png"));
        QVERIFY(rushes::tests::makePhotonNoiseSequence(clean, noisy));
        ProcessController c;
        QSignalSpy done(&c, &ProcessController::finished);
        QVERIFY(c.start(noisy, m_dir.filePath(QStringLiteral("pd.%04d.png")), QStringLiteral("auto"), 1, 0,
                        QStringLiteral("cpu")));
        QVERIFY(done.wait(60000));
        QVERIFY2(c.message().contains(
                     QStringLiteral("at mid-grey, growing with brightness, estimated from the footage")),
                 qPrintable(c.message()));
    }

    void cancelStopsBetweenFrames() {
        const QString longer = makeClip(QStringLiteral("long.mov"), 96);
        QVERIFY(!longer.isEmpty());
        ProcessController c;
        QSignalSpy stopped(&c, &ProcessController::stopped), done(&c, &ProcessController::finished);
        QVERIFY(c.start(longer, m_dir.filePath(QStringLiteral("cancelled.mov")), QStringLiteral("6"), 4, 0,
                        QStringLiteral("cpu")));
        QTRY_VERIFY_WITH_TIMEOUT(c.progress() > 0, 30000);
        c.cancel();
        QVERIFY(stopped.wait(60000));
        QCOMPARE(done.count(), 0);
        QVERIFY(!c.running());
        QVERIFY(c.failed());
        QVERIFY2(c.message().startsWith(QStringLiteral("Cancelled")), qPrintable(c.message()));
    }

    void wrongSettingsAreNamed_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("denoise");
        QTest::addColumn<double>("retime");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nothing to do") << "clip"
                                       << "x.mov"
                                       << "off" << 0.0 << "Choose a denoise or a retime";
        QTest::newRow("negative sigma") << "clip"
                                        << "x.mov"
                                        << "-3" << 0.0 << "'-3' must be a number, 0 or more";
        QTest::newRow("not a number") << "clip"
                                      << "x.mov"
                                      << "strong" << 0.0 << "'strong' must be a number";
        QTest::newRow("no output") << "clip"
                                   << ""
                                   << "auto" << 0.0 << "Name the output";
        QTest::newRow("over the shot") << "clip"
                                       << "clip"
                                       << "auto" << 0.0 << "overwrite the shot";
        QTest::newRow("no shot") << ""
                                 << "x.mov"
                                 << "auto" << 0.0 << "Open a shot";
    }
    void wrongSettingsAreNamed() {
        QFETCH(QString, source);
        QFETCH(QString, output);
        QFETCH(QString, denoise);
        QFETCH(double, retime);
        QFETCH(QString, expected);
        if (source == QLatin1String("clip")) source = m_clip;
        if (output == QLatin1String("clip"))
            output = m_clip;
        else if (!output.isEmpty())
            output = m_dir.filePath(output);
        ProcessController c;
        QVERIFY(!c.start(source, output, denoise, retime, 0, QStringLiteral("cpu")));
        QVERIFY(!c.running());
        QVERIFY(c.failed());
        QVERIFY2(c.message().contains(expected), qPrintable(c.message()));
    }

    void unreadableShotIsNamed() {
        const QString bad = m_dir.filePath(QStringLiteral("broken.mov"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a movie at all");
        f.close();
        ProcessController c;
        QSignalSpy stopped(&c, &ProcessController::stopped);
        QVERIFY(c.start(bad, m_dir.filePath(QStringLiteral("never.mov")), QStringLiteral("auto"), 2, 0,
                        QStringLiteral("cpu")));
        QVERIFY(stopped.wait(30000));
        QVERIFY(c.failed());
        QVERIFY2(c.message().contains(QStringLiteral("broken.mov")), qPrintable(c.message()));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("never.mov"))));
    }
};

QTEST_MAIN(TestProcessController)
#include "test_process_controller.moc"
