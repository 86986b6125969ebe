// Shows the Budget panel beside a stand-in viewer, as the app places it, and optionally saves a
// screenshot: budget_panel_preview [--tab N] [--width W] [--out FILE.png]
// In the user's language as the app shows it (LANG=de_DE.UTF-8 for German), from the catalogues
// built under build/.../translations.
#include <QtQml/qqmlextensionplugin.h>
#include <QApplication>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickWindow>
#include <QTimer>
#include <QTranslator>

#include "BudgetPdf.h"
#include "cost/ProductionFormat.h"

Q_IMPORT_QML_PLUGIN(Rushes_BudgetPlugin)

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    int tab = 0, width = 520;
    QString out;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--tab")) tab = args[i + 1].toInt();
        if (args[i] == QLatin1String("--width")) width = args[i + 1].toInt();
        if (args[i] == QLatin1String("--out")) out = args[i + 1];
    }
    for (int i = 1; i + 1 < args.size(); ++i)
        if (args[i] == QLatin1String("--report")) {  // the PDF report's pages as a PNG
            const rushes::cost::CostModel model(rushes::cost::exampleProduction());
            return rushes::budget::budgetReportImage(model, QLocale(QLocale::English, QLocale::UnitedStates))
                           .save(args[i + 1])
                       ? 0
                       : 1;
        }
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("rushes"), QStringLiteral("_"),
                        QStringLiteral(RUSHES_QM_DIR)))
        QApplication::installTranslator(&translator);
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.rootContext()->setContextProperty(QStringLiteral("startTab"), tab);
    engine.rootContext()->setContextProperty(QStringLiteral("panelWidth"), width);
    engine.loadData(R"(
import QtQuick
import QtQuick.Controls
import Rushes.Budget
ApplicationWindow {
    width: 1280; height: 900; visible: true
    color: "#1d1d1f"
    title: "Rushes - Budget panel preview"
    SplitView {
        anchors.fill: parent
        Rectangle { SplitView.fillWidth: true; color: "#121214"
            Label { anchors.centerIn: parent; text: "viewer"; color: "#555" } }
        BudgetPanel {
            SplitView.preferredWidth: panelWidth
            currentTab: startTab
            sessionShots: [{name: "flower", path: "flower.mp4", frames: 250, width: 960, height: 540, fps: 25}]
        }
    }
})");
    if (engine.rootObjects().isEmpty()) return 1;
    if (!out.isEmpty()) {
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
        QTimer::singleShot(1500, &app, [&] {
            const bool ok = window->grabWindow().save(out);
            app.exit(ok ? 0 : 1);
        });
    }
    return app.exec();
}
