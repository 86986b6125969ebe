// The project store on SQLite, and the same suite on PostgreSQL when RUSHES_TEST_PG names a server.
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include "store/ProjectStore.h"

using rushes::store::ProjectStore;
using rushes::store::StoreLocation;

class TestProjectStore : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    // The location for a backend row, or an empty string after QSKIP.
    QString location(const QString& backend) {
        if (backend == QLatin1String("sqlite")) return dir_.filePath(QStringLiteral("project.sqlite"));
        return qEnvironmentVariable("RUSHES_TEST_PG");
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void roundTrip_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
    void roundTrip() {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql") && qEnvironmentVariableIsEmpty("RUSHES_TEST_PG"))
            QSKIP(
                "RUSHES_TEST_PG is not set: no PostgreSQL server for this run (tests/run-all.sh starts one)");
        const QString production =
            QStringLiteral("show-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QString error;
        {
            auto store = ProjectStore::open(location(backend), &error);
            QVERIFY2(store, qPrintable(error));
            QCOMPARE(store->schemaVersion(), ProjectStore::kSchemaVersion);
            for (int i = 1; i <= 3; ++i) {
                const int rev =
                    store->saveDocument(production, QStringLiteral("budget"), QStringLiteral("main"),
                                        QJsonObject{{QStringLiteral("total"), i * 100}},
                                        QStringLiteral("edit %1").arg(i), &error);
                QVERIFY2(rev == i, qPrintable(error));
            }
            QVERIFY(store->saveDocument(production, QStringLiteral("budget"), QStringLiteral("alt"),
                                        QJsonObject{}, {}, &error));
            QVERIFY(store->productions().contains(production));
        }
        // A fresh connection sees everything, every revision kept.
        auto store = ProjectStore::open(location(backend), &error);
        QVERIFY2(store, qPrintable(error));
        const auto latest =
            store->loadDocument(production, QStringLiteral("budget"), QStringLiteral("main"), 0, &error);
        QVERIFY2(latest, qPrintable(error));
        QCOMPARE(latest->value(QStringLiteral("total")).toInt(), 300);
        const auto first =
            store->loadDocument(production, QStringLiteral("budget"), QStringLiteral("main"), 1, &error);
        QVERIFY2(first, qPrintable(error));
        QCOMPARE(first->value(QStringLiteral("total")).toInt(), 100);
        const auto revs = store->revisions(production, QStringLiteral("budget"), QStringLiteral("main"));
        QCOMPARE(revs.size(), 3);
        QCOMPARE(revs[1].comment, QStringLiteral("edit 2"));
        QVERIFY(revs[2].savedAt.isValid());
        QCOMPARE(store->documents(production, QStringLiteral("budget")),
                 (QStringList{QStringLiteral("alt"), QStringLiteral("main")}));
        QVERIFY(
            !store->loadDocument(production, QStringLiteral("budget"), QStringLiteral("main"), 9, &error));
        QVERIFY2(error.contains(QStringLiteral("no revision 9")), qPrintable(error));
        QVERIFY(!store->loadDocument(production, QStringLiteral("notes"), QStringLiteral("main"), 0, &error));
        QVERIFY2(error.contains(QStringLiteral("no notes 'main'")), qPrintable(error));
    }

    void migratesAnOlderSchema() {
        const QString path = dir_.filePath(QStringLiteral("v1.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (1, '2026-01-01')")));
            QVERIFY(
                q.exec(QStringLiteral("CREATE TABLE productions (id INTEGER PRIMARY KEY AUTOINCREMENT, name "
                                      "TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO productions (name, created_at) VALUES ('old show', '2026-01-01')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        QString error;
        auto store = ProjectStore::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->schemaVersion(), 2);
        QCOMPARE(store->productions(), QStringList{QStringLiteral("old show")});
        QCOMPARE(store->saveDocument(QStringLiteral("old show"), QStringLiteral("budget"),
                                     QStringLiteral("main"), {}, {}, &error),
                 1);
    }

    void refusesANewerSchema() {
        const QString path = dir_.filePath(QStringLiteral("future.sqlite"));
        QString error;
        { QVERIFY(ProjectStore::open(path, &error)); }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(
                QSqlQuery(db).exec(QStringLiteral("INSERT INTO schema_version VALUES (99, '2030-01-01')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        QVERIFY(!ProjectStore::open(path, &error));
        QVERIFY2(error.contains(QStringLiteral("newer")) && error.contains(path), qPrintable(error));
    }

    void unwritableFile() {
        QString error;
        QVERIFY(!ProjectStore::open(QStringLiteral("/nonexistent-dir/rushes/project.sqlite"), &error));
        QVERIFY2(error.contains(QStringLiteral("/nonexistent-dir/rushes/project.sqlite")) &&
                     error.contains(QStringLiteral("cannot open")),
                 qPrintable(error));
    }

    void unreachableServerFailsFastAndClearly() {
        // Port 9 on the loopback: nothing listens there, the connection is refused at once.
        QString error;
        QElapsedTimer t;
        t.start();
        QVERIFY(!ProjectStore::open(
            QStringLiteral("host=127.0.0.1 port=9 user=rushes dbname=shows connect_timeout=2"), &error));
        QVERIFY2(t.elapsed() < 10000, qPrintable(QStringLiteral("took %1 ms").arg(t.elapsed())));
        QVERIFY2(
            error.contains(QStringLiteral("127.0.0.1:9")) && error.contains(QStringLiteral("cannot connect")),
            qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(error));
        // A host that does not answer at all: bounded by connect_timeout.
        t.restart();
        QVERIFY(!ProjectStore::open(
            QStringLiteral("postgresql:host=10.255.255.1 port=5432 dbname=shows connect_timeout=2"), &error));
        QVERIFY2(t.elapsed() < 10000, qPrintable(QStringLiteral("took %1 ms").arg(t.elapsed())));
        QVERIFY2(error.contains(QStringLiteral("10.255.255.1:5432")), qPrintable(error));
    }

    void parsesLocations() {
        const StoreLocation file = StoreLocation::parse(QStringLiteral("/tmp/a.sqlite"));
        QCOMPARE(file.kind, StoreLocation::Kind::SQLite);
        const StoreLocation pg =
            StoreLocation::parse(QStringLiteral("host=db port=6543 user=u password=p dbname=shows"));
        QCOMPARE(pg.kind, StoreLocation::Kind::PostgreSQL);
        QCOMPARE(pg.host, QStringLiteral("db"));
        QCOMPARE(pg.port, 6543);
        QCOMPARE(pg.database, QStringLiteral("shows"));
        QCOMPARE(pg.describe(), QStringLiteral("PostgreSQL db:6543/shows"));
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "test_project_store.moc"
