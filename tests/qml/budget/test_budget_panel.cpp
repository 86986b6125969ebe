// Qt Quick Test of the Budget panel. Qt Charts in QML needs a QApplication. Debian's QtQuickTest
// is built without widgets and would make a QGuiApplication, so main() makes the QApplication first
// (quick_test_main uses an existing application).
//
// Built a second time as test_budget_panel_fits (RUSHES_QM_FILE defined): the tests under fits/,
// in the language RUSHES_TEST_LANGUAGE names, "de" (the German catalogue and locale) or "en".
#include <QtQml/qqmlextensionplugin.h>
#include <QApplication>
#include <QDir>
#include <QLocale>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Rushes_BudgetPlugin)

class Setup : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QTranslator translator_;

public slots:
    void applicationAvailable() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("RUSHES_STORE", QDir(dir_.path()).filePath(QStringLiteral("project.sqlite")).toUtf8());
#ifdef RUSHES_QM_FILE
        if (qgetenv("RUSHES_TEST_LANGUAGE") == "de") {
            QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
            if (!translator_.load(QStringLiteral(RUSHES_QM_FILE))) qFatal("cannot load %s", RUSHES_QM_FILE);
            QCoreApplication::installTranslator(&translator_);
        } else {
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        }
#endif
    }
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "budget_panel", QUICK_TEST_SOURCE_DIR, &setup);
}
#include "test_budget_panel.moc"
