// Runs the tst_*.qml files here with the Rushes.Viewer and Rushes.Timeline modules, and a
// 48-frame 24 fps clip rendered with ffmpeg's lavfi source (the repository carries no media).
#include <QtQml/qqmlextensionplugin.h>
#include <QDir>
#include <QFileInfo>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtQuickTest>

#include <cstdio>

#include "RunFfmpeg.h"

Q_IMPORT_QML_PLUGIN(Rushes_ViewerPlugin)
Q_IMPORT_QML_PLUGIN(Rushes_TimelinePlugin)

class Setup : public QObject {
    Q_OBJECT
public slots:
    void applicationAvailable() {
        // tst_qml_viewer_de: the German catalogue too (the locale comes from LANG).
        if (qgetenv("RUSHES_TEST_LANGUAGE") == "de") {
            if (!m_german.load(QStringLiteral(RUSHES_QM_FILE))) qFatal("cannot load %s", RUSHES_QM_FILE);
            QCoreApplication::installTranslator(&m_german);
        }
        QCoreApplication::setOrganizationName(QStringLiteral("RushesTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_qml_viewer"));
        m_clip = m_dir.filePath(QStringLiteral("clip24.mov"));
        if (!rushes::tests::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                       QStringLiteral("testsrc2=size=320x180:rate=24:duration=2"),
                                       QStringLiteral("-c:v"), QStringLiteral("libx264"),
                                       QStringLiteral("-g"), QStringLiteral("12"), QStringLiteral("-pix_fmt"),
                                       QStringLiteral("yuv420p"), m_clip}))
            m_clip.clear();
    }
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->rootContext()->setContextProperty(QStringLiteral("testClip"), m_clip);
        // A shared EXR sequence whose data window moves from frame to frame (empty without the media).
        const QString beachball = QStringLiteral(RUSHES_MEDIA_DIR "/exr/Beachball/singlepart.0001.exr");
        engine->rootContext()->setContextProperty(QStringLiteral("movingWindowSequence"),
                                                  QFileInfo::exists(beachball) ? beachball : QString());
    }

private:
    QTemporaryDir m_dir;
    QString m_clip;
    QTranslator m_german;
};

// RUSHES_TEST_GL=1 runs the tests on the X display's OpenGL (Mesa under Xvfb) instead of the
// software scene graph, so the viewer's shader variants draw what the tests grab; CTest runs both
// (see CMakeLists.txt). Without a display it says so and stays on the software scene graph.
int main(int argc, char** argv) {
    if (qEnvironmentVariableIsSet("RUSHES_TEST_GL")) {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            std::fprintf(stderr, "RUSHES_TEST_GL: no X display, so the software scene graph draws\n");
        else
            qputenv("QT_QPA_PLATFORM", "xcb");
    }
    QTEST_SET_MAIN_SOURCE_PATH
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "viewer", QUICK_TEST_SOURCE_DIR, &setup);
}
#include "tst_qml_viewer.moc"
