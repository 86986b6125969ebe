// Qt Quick Test of the Budget panel. Qt Charts in QML needs a QApplication: linking Qt6::Widgets
// makes QUICK_TEST_MAIN create one.
#include <QDir>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Rushes_BudgetPlugin)

class Setup : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

public slots:
    void applicationAvailable() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("RUSHES_STORE", QDir(dir_.path()).filePath(QStringLiteral("project.sqlite")).toUtf8());
    }
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }
};

QUICK_TEST_MAIN_WITH_SETUP(budget_panel, Setup)
#include "test_budget_panel.moc"
