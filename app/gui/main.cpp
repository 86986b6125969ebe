// rushes: the Qt Quick review app.
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(RushesPlugin)
Q_IMPORT_QML_PLUGIN(Rushes_BudgetPlugin)

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0) {
            std::printf("rushes %s\n", RUSHES_VERSION);
            return 0;
        }
    }
    QGuiApplication app(argc, argv);
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Rushes/Main.qml")));
    if (engine.rootObjects().isEmpty()) return 1;
    return app.exec();
}
