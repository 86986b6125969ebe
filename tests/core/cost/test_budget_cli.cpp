// rushes-cli budget: the example, the figures (the same as the model's), and clear failures.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "cost/CostModel.h"
#include "cost/ProductionFormat.h"

using namespace rushes::cost;

class TestBudgetCli : public QObject {
    Q_OBJECT
    QString cli_ = QStringLiteral(RUSHES_BINARY_DIR "/app/rushes-cli");
    QTemporaryDir dir_;

    int run(const QStringList& args, QByteArray* out, QByteArray* err = nullptr) {
        QProcess p;
        p.start(cli_, QStringList{QStringLiteral("budget")} + args);
        if (!p.waitForFinished(30000)) return -1;
        *out = p.readAllStandardOutput();
        if (err) *err = p.readAllStandardError();
        return p.exitCode();
    }

private slots:
    void init() {
        if (!QFile::exists(cli_))
            QSKIP("rushes-cli is not built in this build folder (build the rushes-cli target)");
    }

    void exampleAndFigures() {
        QByteArray example;
        QCOMPARE(run({QStringLiteral("--example")}, &example), 0);
        const ProductionRead read = readProduction(example);
        QVERIFY(read.ok());
        const QString file = dir_.filePath(QStringLiteral("example.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(example);
        f.close();
        QByteArray json;
        QCOMPARE(run({file, QStringLiteral("--json")}, &json), 0);
        const QJsonObject report = QJsonDocument::fromJson(json).object();
        const QJsonArray scenarios = report.value(QStringLiteral("scenarios")).toArray();
        QCOMPARE(scenarios.size(), read.production.scenarios.size());
        const CostModel model(read.production);
        for (int i = 0; i < scenarios.size(); ++i) {
            const ScenarioResult r = model.evaluate(read.production.scenarios[i]);
            const QJsonObject cost = scenarios[i][QStringLiteral("cost")].toObject();
            QVERIFY(qAbs(cost.value(QStringLiteral("total")).toDouble() - r.total()) <= 0.006);
            QCOMPARE(scenarios[i][QStringLiteral("schedule")][QStringLiteral("finish")].toString(),
                     r.finish.toString(Qt::ISODate));
            const RiskResult risk = model.monteCarlo(read.production.scenarios[i], read.production.iterations,
                                                     read.production.seed);
            QVERIFY(qAbs(scenarios[i][QStringLiteral("risk")][QStringLiteral("p90")].toDouble() - risk.p90) <=
                    0.006);
        }
        QByteArray csv;
        QCOMPARE(run({file, QStringLiteral("--scenario"), QStringLiteral("hybrid"), QStringLiteral("--csv")},
                     &csv),
                 0);
        const QList<QByteArray> lines = csv.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[1].startsWith("Hybrid,USD,"));
    }

    void failuresNameFileAndField() {
        QByteArray example, out, err;
        QCOMPARE(run({QStringLiteral("--example")}, &example), 0);
        const QString bad = dir_.filePath(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(example.replace("\"version\": 1", "\"version\": 3"));
        f.close();
        QCOMPARE(run({bad}, &out, &err), 1);
        QVERIFY2(err.contains(bad.toUtf8()) && err.contains("version: version 3 is newer"), err.constData());
        QCOMPARE(run({dir_.filePath(QStringLiteral("missing.json"))}, &out, &err), 1);
        QVERIFY(err.contains("missing.json: cannot read"));
        const QString good = dir_.filePath(QStringLiteral("good.json"));
        QFile g(good);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(example.replace("\"version\": 3", "\"version\": 1"));
        g.close();
        QCOMPARE(run({good, QStringLiteral("--scenario"), QStringLiteral("Moonshot")}, &out, &err), 1);
        QVERIFY2(err.contains("no scenario 'Moonshot'"), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestBudgetCli)
#include "test_budget_cli.moc"
