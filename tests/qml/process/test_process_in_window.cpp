// The real main window (Main.qml with every panel). The Process tab: the user picks the tab, sets a
// retime, presses Process; the pass is written, joins the session beside its shot and is shown.
// Closing with budget edits not saved asks first, and Save saves them before the window goes.
#include <QApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "ProcessTestClip.h"
#include "gui/PanelPlugins.h"
#include "viewer/PlayerController.h"

using rushes::viewer::PlayerController;

class TestProcessInWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static QQuickItem* find(QObject* root, const char* name) {
        return root->findChild<QQuickItem*>(QLatin1String(name));
    }
    static void click(QQuickWindow* w, QQuickItem* item) {
        const QPointF c = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(w, Qt::LeftButton, Qt::NoModifier, c.toPoint());
    }

    // Main.qml loaded by `engine`, shown at 1400x800; null when it does not load or show.
    static QQuickWindow* showMainWindow(QQmlApplicationEngine& engine) {
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Rushes/Main.qml")));
        if (engine.rootObjects().isEmpty()) return nullptr;
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
        if (!window) return nullptr;
        window->resize(1400, 800);
        window->show();
        return QTest::qWaitForWindowExposed(window) ? window : nullptr;
    }

private slots:
    void passJoinsTheSession() {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("ffmpeg binary not found");
        QStandardPaths::setTestModeEnabled(true);
        const QString clip = m_dir.filePath(QStringLiteral("shot.mov"));
        QVERIFY(rushes::tests::makeProresClip(clip, 6));

        QQmlApplicationEngine engine;
        QQuickWindow* window = showMainWindow(engine);
        QVERIFY(window);
        auto* player = window->findChild<PlayerController*>();
        QVERIFY(player);
        QCOMPARE(player->openPaths({clip}), 0);
        QTRY_COMPARE(player->frameCount(), qint64(6));

        click(window, find(window, "processTab"));
        QQuickItem* panel = find(window, "processPanel");
        QVERIFY(panel);
        QTRY_VERIFY(panel->isVisible());
        QCOMPARE(panel->property("source").toString(), clip);
        QQuickItem* output = find(panel, "output");
        QCOMPARE(output->property("text").toString(), m_dir.filePath(QStringLiteral("shot_rushes.mov")));
        find(panel, "backend")->setProperty("currentIndex", 1);  // CPU
        click(window, find(panel, "startButton"));
        // The pass (11 frames at 48 fps) joins the session as the second shot and is shown.
        QTRY_COMPARE_WITH_TIMEOUT(player->sessionShots().size(), 2, 60000);
        QTRY_COMPARE(player->currentShot(), 1);
        QCOMPARE(player->shotInfo().value(QStringLiteral("path")).toString(),
                 m_dir.filePath(QStringLiteral("shot_rushes.mov")));
        QTRY_COMPARE(player->frameCount(), qint64(11));
        QVERIFY2(find(panel, "message")
                     ->property("text")
                     .toString()
                     .contains(QStringLiteral("6 frames in, 11 out")),
                 qPrintable(find(panel, "message")->property("text").toString()));
    }

    void unsavedBudgetAsksBeforeClosing() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("RUSHES_STORE", m_dir.filePath(QStringLiteral("closing.sqlite")).toUtf8());
        QQmlApplicationEngine engine;
        QQuickWindow* window = showMainWindow(engine);
        QVERIFY(window);
        QObject* budget = find(window, "budgetPanel")->property("controller").value<QObject*>();
        QVERIFY(budget);
        QObject* dialog = window->findChild<QObject*>(QStringLiteral("unsavedBudgetDialog"));
        QVERIFY(dialog);
        QVERIFY(!budget->property("modified").toBool());
        QVERIFY(QMetaObject::invokeMethod(budget, "setText", Q_ARG(QString, QStringLiteral("name")),
                                          Q_ARG(QString, QStringLiteral("Night Ferry"))));
        QVERIFY(budget->property("modified").toBool());
        window->close();  // asks instead of closing
        QTRY_VERIFY(dialog->property("visible").toBool());
        QVERIFY(window->isVisible());
        QVERIFY(QMetaObject::invokeMethod(dialog, "reject"));  // Cancel: the window stays, the edit too
        QTRY_VERIFY(!dialog->property("visible").toBool());
        QVERIFY(window->isVisible() && budget->property("modified").toBool());
        window->close();
        QTRY_VERIFY(dialog->property("visible").toBool());
        QVERIFY(QMetaObject::invokeMethod(dialog, "accept"));  // Save: saved, then closed
        QTRY_VERIFY(!window->isVisible());
        QVERIFY(!budget->property("modified").toBool());
        QVERIFY2(budget->property("status").toString().contains(QStringLiteral("Saved 'Night Ferry'")),
                 qPrintable(budget->property("status").toString()));
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);  // Qt Charts in the budget panel
    app.setQuitOnLastWindowClosed(false);  // the closing test closes the window
    TestProcessInWindow t;
    return QTest::qExec(&t, argc, argv);
}
#include "test_process_in_window.moc"
