// rushes: the Qt Quick review app.
//   rushes [FILE...] [--frame N] [--screenshot OUT.png] [--demo]
//   rushes --benchmark-playback FILE [--seconds N] [--json] [--scrub] [--all-frames]
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QScreen>
#include <QTimer>
#include <QTranslator>

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <memory>

#include <cstdio>

#include "gui/PanelPlugins.h"
#include "gui/RendererChoice.h"
#include "viewer/DemoProduction.h"
#include "viewer/PlaybackBenchmark.h"
#include "viewer/PlayerController.h"
#include "viewer/SettingsFile.h"

using namespace rushes::viewer;

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0) {
            std::printf("rushes %s\n", RUSHES_VERSION);
            return 0;
        }
        // The help needs no screen: without a display the windowing plugin would end the program
        // before it is printed.
        if ((qstrcmp(argv[i], "--help") == 0 || qstrcmp(argv[i], "-h") == 0 ||
             qstrcmp(argv[i], "--help-all") == 0) &&
            !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);  // QtCharts in the budget panel needs a QApplication
    // Glyphs from the platform's rasteriser, drawn as plain alpha masks: crisp at desktop sizes
    // (nothing here scales text), and cheaper to draw than distance fields, which a software
    // rasteriser pays for at every text pixel of every frame (~6 ms a frame under llvmpipe).
    QQuickWindow::setTextRenderType(QQuickWindow::NativeTextRendering);
    QApplication::setOrganizationName(QStringLiteral("Rushes"));
    QApplication::setApplicationName(QStringLiteral("rushes"));
    QApplication::setApplicationVersion(QStringLiteral(RUSHES_VERSION));

    // The user's language, from the catalogues compiled in under :/i18n (translations/).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("rushes"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    const QString uiLanguage = translator.isEmpty() ? QStringLiteral("en") : translator.language();

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Rushes: review dailies."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QApplication::translate("main", "Movies, image sequences or folders to open."));
    QCommandLineOption frameOpt(QStringLiteral("frame"),
                                QApplication::translate("main", "Go to frame number N."),
                                QStringLiteral("N"));
    QCommandLineOption shotOpt(QStringLiteral("screenshot"),
                               QApplication::translate("main", "Render the window to OUT.png and exit."),
                               QStringLiteral("OUT"));
    QCommandLineOption benchOpt(QStringLiteral("benchmark-playback"),
                                QApplication::translate("main", "Play FILE and print playback figures."),
                                QStringLiteral("FILE"));
    QCommandLineOption secondsOpt(QStringLiteral("seconds"),
                                  QApplication::translate("main", "Benchmark length."), QStringLiteral("N"),
                                  QStringLiteral("10"));
    QCommandLineOption jsonOpt(QStringLiteral("json"),
                               QApplication::translate("main", "Benchmark figures as JSON."));
    QCommandLineOption scrubOpt(
        QStringLiteral("scrub"),
        QApplication::translate("main", "Benchmark scrubbing to random frames instead of playing."));
    QCommandLineOption allFramesOpt(
        QStringLiteral("all-frames"),
        QApplication::translate("main", "Benchmark playing every frame (slower rather than skipping)."));
    QCommandLineOption noAnchorOpt(QStringLiteral("no-anchor"),
                                   QApplication::translate("main", "Skip the ffmpeg anchor."));
    QCommandLineOption probeOpt(
        QStringLiteral("stall-probe"),
        QApplication::translate("main",
                                "Run the stall_probe executable PROBE beside the benchmark as a witness."),
        QStringLiteral("PROBE"));
    QCommandLineOption demoOpt(
        QStringLiteral("demo"),
        QApplication::translate("main", "Make (on first run) and open the demo production."));
    QCommandLineOption sizeOpt(QStringLiteral("size"), QApplication::translate("main", "Window size WxH."),
                               QStringLiteral("WxH"));
    QCommandLineOption exposureOpt(QStringLiteral("exposure"),
                                   QApplication::translate("main", "Exposure in stops."),
                                   QStringLiteral("EV"));
    QCommandLineOption noHudOpt(QStringLiteral("no-hud"),
                                QApplication::translate("main", "Hide the heads-up display."));
    QCommandLineOption channelOpt(QStringLiteral("channel"),
                                  QApplication::translate("main", "Channel: rgb, r, g, b, a, luma."),
                                  QStringLiteral("C"));
    QCommandLineOption panelOpt(
        QStringLiteral("panel"),
        QApplication::translate("main", "Side panel to show: budget, info or process."),
        QStringLiteral("NAME"));
    parser.addOptions({frameOpt, shotOpt, benchOpt, secondsOpt, jsonOpt, scrubOpt, allFramesOpt, noAnchorOpt,
                       probeOpt, demoOpt, sizeOpt, exposureOpt, channelOpt, noHudOpt, panelOpt});
    parser.process(app);

    const rushes::gui::RendererChoice renderer = rushes::gui::chooseRenderer();
    if (qEnvironmentVariableIsSet("RUSHES_PROFILE"))
        std::fprintf(stderr, "[profile] scene graph: %s, %s\n", renderer.software ? "software" : "default",
                     qPrintable(renderer.reason));

    // A settings file that cannot be read is kept aside before anything writes over it (the
    // message goes in the window once it is up).
    const SettingsFile::Check settingsCheck = SettingsFile::check();
    if (!settingsCheck.message.isEmpty())
        std::fprintf(stderr, "rushes: %s\n", qPrintable(settingsCheck.message));

    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    // The window's first size is Main.qml's, capped to the room the screen has (an 800x600 screen);
    // --size below still sets any size.
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        const QSize room = screen->availableGeometry().size();
        if (!room.isEmpty()) engine.setInitialProperties({{QStringLiteral("screenRoom"), room}});
    }
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Rushes/Main.qml")));
    if (engine.rootObjects().isEmpty()) return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    auto* player = window ? window->findChild<PlayerController*>() : nullptr;
    if (!window || !player) {
        std::fprintf(stderr, "rushes: the main window has no player\n");
        return 1;
    }
    if (parser.isSet(sizeOpt)) {
        const QStringList wh = parser.value(sizeOpt).split(QLatin1Char('x'));
        if (wh.size() == 2) window->resize(wh[0].toInt(), wh[1].toInt());
    }
    if (parser.isSet(noHudOpt)) window->setProperty("hudVisible", false);
    if (parser.isSet(panelOpt)) {
        const QStringList panels{QStringLiteral("budget"), QStringLiteral("info"), QStringLiteral("process")};
        const int tab = int(panels.indexOf(parser.value(panelOpt).toLower()));
        if (tab < 0) {
            std::fprintf(stderr, "rushes: --panel %s: not a panel (budget, info, process)\n",
                         qPrintable(parser.value(panelOpt)));
            return 2;
        }
        window->setProperty("sideTab", tab);
    }
    // A narrow window (a small screen) starts with the side panel hidden, so that the picture, its
    // toolbar and the transport keep their room (at 800 px the panel took half of it and cut both);
    // Tab or the button at the right edge shows it. --panel shows it at any size.
    if (!parser.isSet(panelOpt) && window->width() < 1000) window->setProperty("sidePanelShown", false);
    if (parser.isSet(exposureOpt)) player->setExposure(parser.value(exposureOpt).toDouble());
    if (parser.isSet(channelOpt)) {
        const QStringList names{QStringLiteral("rgb"), QStringLiteral("r"), QStringLiteral("g"),
                                QStringLiteral("b"),   QStringLiteral("a"), QStringLiteral("luma")};
        player->setChannel(std::max<int>(0, int(names.indexOf(parser.value(channelOpt).toLower()))));
    }

    if (parser.isSet(benchOpt)) {
        BenchmarkOptions options;
        options.file = parser.value(benchOpt);
        options.seconds = parser.value(secondsOpt).toDouble();
        options.json = parser.isSet(jsonOpt);
        options.anchor = !parser.isSet(noAnchorOpt);
        options.scrub = parser.isSet(scrubOpt);
        options.allFrames = parser.isSet(allFramesOpt);
        options.stallProbe = parser.value(probeOpt);
        auto* bench = new PlaybackBenchmark(window, player, options, &app);
        QObject::connect(bench, &PlaybackBenchmark::finished, &app,
                         [](int code) { QApplication::exit(code); });
        QTimer::singleShot(0, bench, &PlaybackBenchmark::start);
        return app.exec();
    }

    QStringList files = parser.positionalArguments();
    QString demoError;
    if (parser.isSet(demoOpt)) {
        std::printf("rushes: preparing the demo production in %s\n", qPrintable(defaultDemoDirectory()));
        std::fflush(stdout);
        const DemoResult demo = makeDemoProduction(defaultDemoDirectory());
        demoError = demo.error;
        if (!demo.error.isEmpty()) std::fprintf(stderr, "rushes: demo: %s\n", qPrintable(demo.error));
        files = demo.shots + files;
    }
    if (!files.isEmpty()) {
        QStringList absolute;
        for (const QString& f : files) absolute << QDir::cleanPath(QDir::current().absoluteFilePath(f));
        player->openPaths(absolute);
    }
    if (!demoError.isEmpty()) player->showMessage(demoError);  // in the window too, not only on stderr
    if (!settingsCheck.message.isEmpty()) {
        // Before what opening the files said, if anything: both stay in the window.
        const QString earlier = player->message();
        player->showMessage(earlier.isEmpty() ? settingsCheck.message
                                              : settingsCheck.message + QStringLiteral("  ") + earlier);
    }

    if (parser.isSet(shotOpt)) {
        const QString out = parser.value(shotOpt);
        const qint64 number =
            parser.isSet(frameOpt) ? parser.value(frameOpt).toLongLong() : player->firstFrameNumber();
        QTimer::singleShot(50, &app, [&app, window, player, out, number, uiLanguage] {
            if (player->frameCount() > 0 && !player->waitForFrame(number - player->firstFrameNumber(), 20000))
                std::fprintf(stderr, "rushes: frame %lld was not decoded in 20 s\n", qlonglong(number));
            // Wait until the viewer has put that frame on screen once (the layout has settled by
            // then), then render synchronously.
            auto* wait = new QTimer(&app);
            auto started = std::make_shared<QElapsedTimer>();
            started->start();
            wait->start(50);
            window->update();
            QObject::connect(
                wait, &QTimer::timeout, &app,
                [wait, started, window, player, out, number, uiLanguage]() mutable {
                    const qint64 target = number - player->firstFrameNumber();
                    const auto displayed = player->displayedFrame();
                    const bool onTarget =
                        player->frameCount() == 0 || (displayed && displayed->index == target);
                    if (!onTarget && started->elapsed() < 10000) {
                        // Something moved the playhead after the first wait (the shot finished loading,
                        // the session strip selected it again): go back to the frame asked for.
                        player->waitForFrame(target, 5000);
                        window->update();
                        return;
                    }
                    const bool shown = player->frameCount() == 0 || !displayed ||
                                       player->lastPresented() == displayed->index;
                    if ((!shown || started->elapsed() < 300) && started->elapsed() < 10000) {
                        window->update();
                        return;
                    }
                    wait->stop();
                    wait->deleteLater();
                    const QImage image = window->grabWindow();
                    if (image.isNull() || !image.save(out)) {
                        std::fprintf(stderr, "rushes: %s: cannot write the screenshot\n", qPrintable(out));
                        QApplication::exit(1);
                        return;
                    }
                    std::printf("screenshot %s frame %lld image-rect %s\n", qPrintable(out),
                                qlonglong(player->frameNumber()),
                                qPrintable(window->property("imageRectText").toString()));
                    // What the viewer says about the frame and the session, for tests and bug reports.
                    std::printf("slate: %s\nmessage: %s\nscene graph: %s\nside panel: %s\n",
                                qPrintable(player->slateText().replace(QLatin1Char('\n'), QLatin1Char(' '))),
                                qPrintable(player->message()), qPrintable(sceneGraphName(window)),
                                window->property("sidePanelShown").toBool() ? "shown" : "hidden");
                    // The catalogue's language, and the view and transport bars' controls the window
                    // cuts (Main.qml's cutControls).
                    QVariant cut;
                    QMetaObject::invokeMethod(window, "cutControls", Q_RETURN_ARG(QVariant, cut));
                    const QStringList cutList = cut.toStringList();
                    std::printf("language: %s\ncut controls: %s\n", qPrintable(uiLanguage),
                                cutList.isEmpty() ? "none" : qPrintable(cutList.join(QStringLiteral("; "))));
                    std::fflush(stdout);
                    QApplication::exit(0);
                });
        });
    } else if (parser.isSet(frameOpt)) {
        const qint64 number = parser.value(frameOpt).toLongLong();
        QTimer::singleShot(0, &app, [player, number] { player->seek(number - player->firstFrameNumber()); });
    }
    return app.exec();
}
