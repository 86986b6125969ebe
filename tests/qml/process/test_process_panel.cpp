// Qt Quick Test of the Process panel, on a real clip made by FFmpeg (context property testClip,
// and testDir for outputs).
#include <QtQml/qqmlextensionplugin.h>
#include <QDir>
#include <QGuiApplication>
#include <QProcess>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Rushes_ProcessPlugin)

class Setup : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        const QString clip = m_dir.filePath(QStringLiteral("shot.mov"));
        QProcess p;
        p.start(QStringLiteral("ffmpeg"),
                {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-nostdin"),
                 QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                 QStringLiteral("testsrc2=size=192x108:rate=24"), QStringLiteral("-frames:v"),
                 QStringLiteral("8"), QStringLiteral("-c:v"), QStringLiteral("prores_ks"), clip});
        p.waitForFinished(60000);
        engine->rootContext()->setContextProperty(QStringLiteral("testClip"),
                                                  p.exitCode() == 0 ? clip : QString());
        engine->rootContext()->setContextProperty(QStringLiteral("testDir"), m_dir.path());
    }
};

QUICK_TEST_MAIN_WITH_SETUP(process_panel, Setup)
#include "test_process_panel.moc"
