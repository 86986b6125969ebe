// End to end, the real `rushes` binary: the window's first size fits the screen it opens on (1600x900
// where there is room, never larger than a small screen), the view and transport bars show every
// control whole there, in English and German, and a damaged settings file is kept aside and named
// in the window's message bar.
#include <QtTest>

#include "AppProcess.h"

#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace {

const QString kApp = QStringLiteral(RUSHES_BINARY_DIR "/app/rushes");

struct Run {
    int code = -1;
    QString out;
    QString message;  // the message bar's text, as `--screenshot` prints it
    QSize shot;       // the screenshot's size: the window's
    QString sidePanel;  // "shown" or "hidden", as `--screenshot` prints it
    QString language;   // the catalogue's language ("en" without one)
    QString cut;        // the bars' controls the window cuts, or "none" (Main.qml's cutControls)
};

// Runs `program args...` (the app, or xvfb-run with the app) with the app's folders under `home`,
// taking a screenshot, without --size: the window keeps the size it opened at.
Run screenshotRun(const QString& program, const QStringList& args, const QProcessEnvironment& env,
                  const QTemporaryDir& home) {
    const QString out = home.filePath(QStringLiteral("shot.png"));
    QFile::remove(out);
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.setProcessEnvironment(env);
    p.start(program, args + QStringList{QStringLiteral("--screenshot"), out});
    Run r;
    r.code = e2e::waitForApp(p, r.out);
    if (r.code == -1) return r;
    for (const QString& line : r.out.split(QLatin1Char('\n')))
        if (line.startsWith(QLatin1String("message: ")))
            r.message = line.mid(9);
        else if (line.startsWith(QLatin1String("side panel: ")))
            r.sidePanel = line.mid(12);
        else if (line.startsWith(QLatin1String("language: ")))
            r.language = line.mid(10);
        else if (line.startsWith(QLatin1String("cut controls: ")))
            r.cut = line.mid(14);
    r.shot = QImage(out).size();
    return r;
}

QProcessEnvironment appEnvironment(const QTemporaryDir& home) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

// The offscreen platform with one screen of this size.
QProcessEnvironment offscreenWithScreen(const QTemporaryDir& home, QSize screen) {
    const QString config = home.filePath(QStringLiteral("screen.json"));
    QFile f(config);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(QStringLiteral(R"({"screens": [{"name": "test", "x": 0, "y": 0, "width": %1, "height": %2,
                              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                .arg(screen.width())
                .arg(screen.height())
                .toUtf8());
    f.close();
    QProcessEnvironment env = appEnvironment(home);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen:configfile=") + config);
    return env;
}

// The app in German, as a German desktop starts it.
QProcessEnvironment inGerman(QProcessEnvironment env) {
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LC_MESSAGES"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("de_DE.UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("de"));
    return env;
}

}  // namespace

class TestE2EWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (!QFile::exists(kApp)) QSKIP("the rushes binary is not built");
    }

    void firstSizeFitsTheScreen_data() {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<QSize>("window");
        QTest::addColumn<QString>("sidePanel");  // a window under 1000 px starts without it
        QTest::newRow("660x500") << QSize(660, 500) << QSize(660, 500) << QStringLiteral("hidden");
        QTest::newRow("800x600") << QSize(800, 600) << QSize(800, 600) << QStringLiteral("hidden");
        QTest::newRow("1366x768") << QSize(1366, 768) << QSize(1366, 768) << QStringLiteral("shown");
        QTest::newRow("1600x1200") << QSize(1600, 1200) << QSize(1600, 900) << QStringLiteral("shown");
        QTest::newRow("1920x1080") << QSize(1920, 1080) << QSize(1600, 900) << QStringLiteral("shown");
    }
    void firstSizeFitsTheScreen() {
        QFETCH(QSize, screen);
        QFETCH(QSize, window);
        QFETCH(QString, sidePanel);
        QTemporaryDir home;
        const Run r = screenshotRun(kApp, {}, offscreenWithScreen(home, screen), home);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QCOMPARE(r.shot, window);
        QCOMPARE(r.sidePanel, sidePanel);
        // On an 800 px screen the view bar ran past the window (the colour menus and HUD off it,
        // the show-the-panel button over a menu) and the transport lost its frame and timecode; on
        // a 660 px one the transport's frame box and its "⋯" ran past the window's end.
        QCOMPARE(r.cut, QStringLiteral("none"));
    }

    // The same in German, whose labels are longer: on 660x500 and 800x600 (the side panel hidden),
    // 1366x768, and at 1600x900 beside the budget panel ('Frame oder Timeco...' in the go-to field).
    void barsFitInGerman_data() {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("660x500") << QSize(660, 500) << QStringList{};
        QTest::newRow("800x600") << QSize(800, 600) << QStringList{};
        QTest::newRow("1366x768") << QSize(1366, 768) << QStringList{};
        QTest::newRow("1600x900 budget")
            << QSize(1600, 1200) << QStringList{QStringLiteral("--panel"), QStringLiteral("budget")};
    }
    void barsFitInGerman() {
        QFETCH(QSize, screen);
        QFETCH(QStringList, args);
        QTemporaryDir home;
        const Run r = screenshotRun(kApp, args, inGerman(offscreenWithScreen(home, screen)), home);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QVERIFY2(r.language.startsWith(QLatin1String("de")), qPrintable(r.out));
        QCOMPARE(r.cut, QStringLiteral("none"));
    }

    // A 660 px window with a real clip open (its frame numbers, in/out numbers and sound) shows the
    // transport whole too, in English and German.
    void barsFitWithAClipOnASmallScreen_data() {
        QTest::addColumn<bool>("german");
        QTest::newRow("en") << false;
        QTest::newRow("de") << true;
    }
    void barsFitWithAClipOnASmallScreen() {
        QFETCH(bool, german);
        const QString clip =
            QStringLiteral(RUSHES_MEDIA_DIR "/movie-masters/friday_3s_prores422hq_pcm24.mov");
        if (!QFile::exists(clip))
            QSKIP("../shared/media/movie-masters/friday_3s_prores422hq_pcm24.mov absent");
        QTemporaryDir home;
        const QProcessEnvironment env = offscreenWithScreen(home, QSize(660, 500));
        const Run r = screenshotRun(kApp, {clip}, german ? inGerman(env) : env, home);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QCOMPARE(r.shot, QSize(660, 500));
        QVERIFY2(r.language.startsWith(german ? QLatin1String("de") : QLatin1String("en")),
                 qPrintable(r.out));
        QCOMPARE(r.cut, QStringLiteral("none"));
    }

    // --panel shows the side panel on a small screen too.
    void panelOptionShowsItOnASmallScreen() {
        QTemporaryDir home;
        const Run r = screenshotRun(kApp, {QStringLiteral("--panel"), QStringLiteral("info")},
                                    offscreenWithScreen(home, QSize(800, 600)), home);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QCOMPARE(r.shot, QSize(800, 600));
        QCOMPARE(r.sidePanel, QStringLiteral("shown"));
    }

    // The same on a real X server: Xvfb with an 800x600 screen (as a small laptop or projector).
    void firstSizeFitsAnXvfbScreen() {
        const QString xvfbRun = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
        if (xvfbRun.isEmpty()) QSKIP("xvfb-run is not installed");
        QTemporaryDir home;
        QProcessEnvironment env = appEnvironment(home);
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));  // xcb, on the Xvfb display
        const Run r = screenshotRun(
            xvfbRun,
            {QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 800x600x24 -noreset"), kApp}, env,
            home);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QVERIFY2(r.shot.width() <= 800 && r.shot.height() <= 600 && !r.shot.isEmpty(),
                 qPrintable(QStringLiteral("%1x%2").arg(r.shot.width()).arg(r.shot.height())));
        QCOMPARE(r.cut, QStringLiteral("none"));
    }

    // A damaged rushes.conf: the app keeps it aside, byte for byte, says so in the window, and runs.
    void damagedSettingsAreKeptAndNamed() {
        QTemporaryDir home;
        const QString conf = home.filePath(QStringLiteral("config/Rushes/rushes.conf"));
        QVERIFY(QDir().mkpath(QFileInfo(conf).absolutePath()));
        const QByteArray damaged("\x00\x01\x02\xff\xfe\xfd not settings\x00\x00", 20);
        {
            QFile f(conf);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(damaged);
        }
        const Run r = screenshotRun(kApp, {}, appEnvironment(home), home);
        QVERIFY2(r.code == 0, qPrintable(r.out));
        const QStringList kept = QDir(QFileInfo(conf).absolutePath())
                                     .entryList({QStringLiteral("rushes.conf.damaged-*")}, QDir::Files);
        QCOMPARE(kept.size(), 1);
        QFile copy(QFileInfo(conf).absoluteDir().filePath(kept.first()));
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), damaged);
        QVERIFY2(r.message.contains(conf) && r.message.contains(kept.first()), qPrintable(r.out));

        // The next start finds nothing wrong.
        const Run again = screenshotRun(kApp, {}, appEnvironment(home), home);
        QVERIFY2(again.code == 0, qPrintable(again.out));
        QCOMPARE(again.message, QString());
    }
};

QTEST_MAIN(TestE2EWindow)
#include "tst_e2e_window.moc"
