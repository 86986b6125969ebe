// The JSON production format: round trip, validation at the field, bench import.
#include <functional>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "cost/ProductionFormat.h"

using namespace rushes::cost;

namespace {

QByteArray exampleJson() {
    return QJsonDocument(toJson(exampleProduction())).toJson();
}

// The example with one field replaced (path of object keys, array indices as numbers).
QByteArray withField(const QStringList& path, const QJsonValue& value) {
    std::function<QJsonValue(QJsonValue, int)> set = [&](QJsonValue node, int depth) -> QJsonValue {
        if (depth == path.size()) return value;
        bool isIndex = false;
        const int index = path[depth].toInt(&isIndex);
        if (isIndex) {
            QJsonArray a = node.toArray();
            a[index] = set(a[index], depth + 1);
            return a;
        }
        QJsonObject o = node.toObject();
        o[path[depth]] = set(o[path[depth]], depth + 1);
        return o;
    };
    return QJsonDocument(set(toJson(exampleProduction()), 0).toObject()).toJson();
}

bool hasIssue(const ProductionRead& r, const QString& path, const QString& words) {
    for (const FieldIssue& i : r.issues)
        if (i.path == path && i.message.contains(words)) return true;
    return false;
}
QString issues(const ProductionRead& r) {
    QStringList out;
    for (const FieldIssue& i : r.issues) out << i.path + QStringLiteral(": ") + i.message;
    return out.join(QStringLiteral("; "));
}

}  // namespace

class TestProductionFormat : public QObject {
    Q_OBJECT
private slots:
    void exampleIsValidAndRoundTrips() {
        const ProductionRead r = readProduction(exampleJson());
        QVERIFY2(r.ok(), qPrintable(issues(r)));
        QCOMPARE(r.production.shots.size(), 12);
        QCOMPARE(r.production.scenarios.size(), 4);
        QCOMPARE(r.production.labour.tasks[0].framesPerDay.max, 90.0);
        QCOMPARE(QJsonDocument(toJson(r.production)).toJson(), exampleJson());
        QCOMPARE(toJson(exampleProduction()).value(QStringLiteral("version")).toInt(),
                 Production::kFormatVersion);
    }

    void negativeRate() {
        const ProductionRead r = readProduction(withField({"labour", "roles", "0", "dayRate"}, -650));
        QVERIFY2(hasIssue(r, QStringLiteral("labour.roles[0].dayRate"), QStringLiteral("negative")),
                 qPrintable(issues(r)));
    }

    void zeroProductivity() {
        const ProductionRead r = readProduction(withField({"labour", "tasks", "1", "framesPerDay"}, 0));
        QVERIFY2(
            hasIssue(r, QStringLiteral("labour.tasks[1].framesPerDay"), QStringLiteral("more than zero")),
            qPrintable(issues(r)));
        const ProductionRead unordered = readProduction(withField(
            {"labour", "tasks", "0", "framesPerDay"}, QJsonObject{{"min", 90}, {"likely", 60}, {"max", 40}}));
        QVERIFY2(hasIssue(unordered, QStringLiteral("labour.tasks[0].framesPerDay"),
                          QStringLiteral("min <= likely <= max")),
                 qPrintable(issues(unordered)));
    }

    void deadlineBeforeStart() {
        const ProductionRead r = readProduction(withField({"deadline"}, QStringLiteral("2026-12-01")));
        QVERIFY2(hasIssue(r, QStringLiteral("deadline"), QStringLiteral("before the start")),
                 qPrintable(issues(r)));
        const ProductionRead bad = readProduction(withField({"start"}, QStringLiteral("next week")));
        QVERIFY2(hasIssue(bad, QStringLiteral("start"), QStringLiteral("not a date")),
                 qPrintable(issues(bad)));
    }

    void malformedAndNewer() {
        ProductionRead r = readProduction(QByteArray("{\"version\": 1, \"shots\": [}"));
        QCOMPARE(r.issues.size(), 1);
        QVERIFY(r.issues[0].message.contains(QStringLiteral("not valid JSON")));
        r = readProduction(QByteArray("[1, 2]"));
        QVERIFY(r.issues[0].message.contains(QStringLiteral("not a JSON object")));
        r = readProduction(withField({"version"}, 2));
        QVERIFY2(hasIssue(r, QStringLiteral("version"), QStringLiteral("newer")), qPrintable(issues(r)));
        r = readProduction(QByteArray("{\"name\": \"x\"}"));
        QVERIFY(hasIssue(r, QStringLiteral("version"), QStringLiteral("missing")));
    }

    void wrongTypesAndReferences() {
        ProductionRead r = readProduction(withField({"shots", "2", "frames"}, QStringLiteral("lots")));
        QVERIFY2(hasIssue(r, QStringLiteral("shots[2].frames"), QStringLiteral("number")),
                 qPrintable(issues(r)));
        r = readProduction(withField({"shots", "0", "passes"}, QJsonArray{QStringLiteral("dust")}));
        QVERIFY2(hasIssue(r, QStringLiteral("shots[0].passes[0]"), QStringLiteral("not a task")),
                 qPrintable(issues(r)));
        r = readProduction(withField({"scenarios", "1", "aiShare", "paint"}, 1));
        QVERIFY2(hasIssue(r, QStringLiteral("scenarios[1].aiShare.paint"), QStringLiteral("by hand only")),
                 qPrintable(issues(r)));
        r = readProduction(withField({"scenarios", "1", "aiShare", "denoise"}, 1.5));
        QVERIFY(hasIssue(r, QStringLiteral("scenarios[1].aiShare.denoise"), QStringLiteral("0 to 1")));
        r = readProduction(withField({"labour", "roles", "0", "headcount"}, 0));
        QVERIFY(hasIssue(r, QStringLiteral("labour.roles[0].headcount"), QStringLiteral("at least one")));
        r = readProduction(withField({"ai", "fixupShare"}, 1.4));
        QVERIFY(hasIssue(r, QStringLiteral("ai.fixupShare"), QStringLiteral("above 1")));
        r = readProduction(withField({"compute", "hardware", "1", "lifeYears"}, 0));
        QVERIFY(
            hasIssue(r, QStringLiteral("compute.hardware[1].lifeYears"), QStringLiteral("more than zero")));
        r = readProduction(withField({"currency"}, QStringLiteral("dollars")));
        QVERIFY(hasIssue(r, QStringLiteral("currency"), QStringLiteral("three-letter")));
    }

    // Numbers that would overflow the totals or the schedule are refused at the field.
    void outOfRangeNumbers() {
        ProductionRead r = readProduction(withField({"labour", "fringePct"}, 1e308));
        QVERIFY2(hasIssue(r, QStringLiteral("labour.fringePct"), QStringLiteral("too large")),
                 qPrintable(issues(r)));
        r = readProduction(withField({"labour", "overheadPct"}, 2500));
        QVERIFY2(hasIssue(r, QStringLiteral("labour.overheadPct"), QStringLiteral("0 to 1000")),
                 qPrintable(issues(r)));
        r = readProduction(withField({"labour", "roles", "0", "rampUpDays"}, 1e10));
        QVERIFY2(hasIssue(r, QStringLiteral("labour.roles[0].rampUpDays"), QStringLiteral("0 to 3650")),
                 qPrintable(issues(r)));
        r = readProduction(withField({"ai", "setupDays"}, 4000));
        QVERIFY2(hasIssue(r, QStringLiteral("ai.setupDays"), QStringLiteral("0 to 3650")),
                 qPrintable(issues(r)));
        r = readProduction(withField({"risk", "seed"}, 4e15));  // seeds go to 2^53
        QVERIFY2(r.ok(), qPrintable(issues(r)));
        QCOMPARE(r.production.seed, quint64(4000000000000000ull));
    }

    void benchImport() {
        const QByteArray bench =
            R"({"version": 1, "machine": {"cpu": "Test CPU", "cores": 2, "opencl_device": ""},
            "results": [{"operation": "retime", "backend": "cpu", "width": 1920, "height": 1080, "fps": 10.0, "ms_per_frame": 100.0},
                        {"operation": "denoise", "backend": "cpu", "width": 1920, "height": 1080, "fps": 25.0, "ms_per_frame": 40.0},
                        {"operation": "metrics", "backend": "cpu", "width": 1920, "height": 1080, "fps": 200.0, "ms_per_frame": 5.0}]})";
        Hardware h;
        QString error;
        QVERIFY2(importBench(bench, &h, &error), qPrintable(error));
        QCOMPARE(h.throughput.size(), 2);
        QCOMPARE(h.msPerFrame(QStringLiteral("denoise"), 3840, 2160), 160.0);
        QCOMPARE(h.msPerFrame(QStringLiteral("retime"), 1920, 1080), 100.0);
        QVERIFY(h.source.contains(QStringLiteral("Test CPU")));
        QVERIFY(!importBench("{\"version\": 2, \"results\": []}", &h, &error));
        QVERIFY2(error.contains(QStringLiteral("version 2")), qPrintable(error));
        QVERIFY(!importBench("not json", &h, &error));
        QVERIFY(error.contains(QStringLiteral("not JSON")));
        QVERIFY(!importBench(
            R"({"version": 1, "results": [{"operation": "denoise", "width": 0, "height": 1080, "ms_per_frame": 4}]})",
            &h, &error));
        QCOMPARE(h.throughput.size(), 2);  // unchanged on failure
    }

    void presetsAreData() {
        const QJsonObject presets = pricePresets();
        const QJsonArray gpus = presets.value(QStringLiteral("gpu")).toArray();
        QVERIFY(gpus.size() >= 4);
        for (const QJsonValue& g : gpus) {
            QVERIFY(!g[QStringLiteral("source")].toString().isEmpty());
            QVERIFY(!g[QStringLiteral("date")].toString().isEmpty());
        }
        QCOMPARE(gpus[0][QStringLiteral("pricePerHour")].toDouble(), 6.16);
        QVERIFY(presets[QStringLiteral("artistRates")][QStringLiteral("label")].toString().contains(
            QStringLiteral("EXAMPLES")));
    }
};

QTEST_APPLESS_MAIN(TestProductionFormat)
#include "test_production_format.moc"
