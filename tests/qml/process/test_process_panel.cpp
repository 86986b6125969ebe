// Qt Quick Test of the Process panel, on a real clip made by FFmpeg (context property testClip,
// and testDir for outputs).
#include <QtQml/qqmlextensionplugin.h>
#include <QDir>
#include <QGuiApplication>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQuickTest>

#include "ProcessTestClip.h"

Q_IMPORT_QML_PLUGIN(Rushes_ProcessPlugin)

class Setup : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        const QString clip = m_dir.filePath(QStringLiteral("shot.mov"));
        engine->rootContext()->setContextProperty(QStringLiteral("testClip"),
                                                  rushes::tests::makeProresClip(clip, 8) ? clip : QString());
        engine->rootContext()->setContextProperty(QStringLiteral("testDir"), m_dir.path());
    }
};

QUICK_TEST_MAIN_WITH_SETUP(process_panel, Setup)
#include "test_process_panel.moc"
