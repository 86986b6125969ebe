// The cost model against hand-worked arithmetic, and its properties.
#include <QTest>

#include <cmath>

#include "cost/CostModel.h"
#include "cost/ProductionFormat.h"

using namespace rushes::cost;

namespace {

// One 1000-frame 1080p shot needing a denoise; two compositors at 500 a day, 50 frames a day.
Production simple() {
    Production p;
    p.name = QStringLiteral("hand-worked");
    p.currency = QStringLiteral("USD");
    p.start = QDate(2027, 1, 4);      // a Monday
    p.deadline = QDate(2027, 1, 29);  // Friday four weeks on
    Shot s;
    s.name = QStringLiteral("A");
    s.frames = 1000;
    s.passes = {QStringLiteral("denoise")};
    p.shots = {s};
    p.labour.fringePct = 20;
    p.labour.supervisionPct = 10;
    p.labour.overheadPct = 15;
    p.labour.reworkShare = Range::fixed(0);
    p.labour.roles = {{QStringLiteral("comp"), QStringLiteral("Compositor"), 500, 2, 0}};
    p.labour.tasks = {{QStringLiteral("denoise"), QStringLiteral("Denoise"), QStringLiteral("comp"),
                       QStringLiteral("denoise"), Range::fixed(50)}};
    p.ai.qcRole = QStringLiteral("comp");
    p.ai.qcMinutesPerShot = Range::fixed(30);
    p.ai.fixupShare = Range::fixed(0.1);
    p.ai.setupRole = QStringLiteral("comp");
    p.ai.setupDays = 1;
    Hardware h;
    h.id = QStringLiteral("node");
    h.name = QStringLiteral("CPU node");
    h.kind = QStringLiteral("cpu");
    h.pricePerHour = Range::fixed(4);
    h.throughput = {{QStringLiteral("denoise"), QStringLiteral("cpu"), 1920, 1080, 3600}};
    p.hardware = {h};
    p.storage = {10, 100, 6, 2, 1};
    p.scenarios = {{QStringLiteral("Manual"), QStringLiteral("node"), {}},
                   {QStringLiteral("AI"), QStringLiteral("node"), {{QStringLiteral("denoise"), 1.0}}}};
    return p;
}

}  // namespace

class TestCostModel : public QObject {
    Q_OBJECT
private slots:
    void handWorkedManual() {
        const Production p = simple();
        QVERIFY2(validate(p).isEmpty(), "the hand-worked production is valid");
        const ScenarioResult r = CostModel(p).evaluate(p.scenarios[0]);
        // 1000 frames / 50 frames a day = 20 artist-days; 2 artists, no ramp: 10 working days, 20 paid.
        QCOMPARE(r.effortDays, 20.0);
        QCOMPARE(r.labourWorkingDays, 10.0);
        QCOMPARE(r.paidDays, 20.0);
        // 20 days x 500 x 1.20 fringes x 1.10 supervision = 13,200; overhead 15% = 1,980.
        QCOMPARE(r.labour, 13200.0);
        QCOMPARE(r.overhead, 1980.0);
        QCOMPARE(r.compute, 0.0);
        // data: 1000 x 1920 x 1080 x 6 bytes = 0.0124416 TB; x 2 copies x 1 month x 10 = 0.248832; no egress
        // by hand.
        QVERIFY(qAbs(r.storage - 0.248832) < 1e-9);
        QVERIFY(qAbs(r.total() - 15180.248832) < 1e-6);
        QVERIFY(qAbs(r.perFrame - 15.180248832) < 1e-9);
        // 10 working days from Monday 4 January end Friday 15 January; 16-29 January hold 10 more.
        QCOMPARE(r.finish, QDate(2027, 1, 15));
        QCOMPARE(r.slackWorkingDays, 10);
        QVERIFY(r.meetsDeadline);
        QCOMPARE(r.labourUtilisation, 1.0);
    }

    void handWorkedAi() {
        const Production p = simple();
        const ScenarioResult r = CostModel(p).evaluate(p.scenarios[1]);
        // compute: 1000 frames x 3.6 s = 3600 s = 1 device-hour x 4 = 4; one unit: 1/24 calendar day.
        QCOMPARE(r.computeHours, 1.0);
        QCOMPARE(r.compute, 4.0);
        QVERIFY(qAbs(r.computeCalendarDays - 1.0 / 24) < 1e-12);
        // people: fix-up 10% x 1000 / 50 = 2 days; QC 30 min / 60 / 8 h = 0.0625; set-up 1 day: 3.0625.
        QCOMPARE(r.effortDays, 3.0625);
        QCOMPARE(r.labourWorkingDays, 3.0625 / 2);
        // 3.0625 x 500 x 1.32 = 2021.25; overhead 15% = 303.1875.
        QCOMPARE(r.labour, 2021.25);
        QCOMPARE(r.overhead, 303.1875);
        // storage 0.248832 + egress of the computed frames 0.0124416 TB x 100 = 1.24416 on a cloud node.
        QVERIFY(qAbs(r.storage - 1.492992) < 1e-9);
        QVERIFY(qAbs(r.total() - 2329.930492) < 1e-6);
        QCOMPARE(r.aiFrameShare, 1.0);
        // 1.53 working days round up to 2: Tuesday 5 January.
        QCOMPARE(r.finish, QDate(2027, 1, 5));
    }

    void rampUpAndHeadcount() {
        Production p = simple();
        p.labour.roles[0].rampUpDays = 4;
        // 20 artist-days, 2 artists ramping over 4 days (2 x 4 / 2 = 4 artist-days lost): 20/2 + 4/2 = 12
        // days, 24 paid.
        ScenarioResult r = CostModel(p).evaluate(p.scenarios[0]);
        QCOMPARE(r.labourWorkingDays, 12.0);
        QCOMPARE(r.paidDays, 24.0);
        QCOMPARE(r.labour, 24 * 500 * 1.2 * 1.1);
        QCOMPARE(r.finish, QDate(2027, 1, 19));  // 12th working day from 4 January
        // Work that ends inside the ramp: 2 t^2 / (2 x 4) = 3.0625 -> t = sqrt(12.25) = 3.5.
        r = CostModel(p).evaluate(p.scenarios[1]);
        QVERIFY(qAbs(r.labourWorkingDays - 3.5) < 1e-12);
        QVERIFY(qAbs(r.paidDays - 7.0) < 1e-12);
    }

    void calendarSkipsWeekendsAndHolidays() {
        Production p = simple();
        p.holidays = {QDate(2027, 1, 11)};
        const WorkCalendar cal(p);
        QCOMPARE(cal.finishAfterWorkingDays(5), QDate(2027, 1, 8));
        QCOMPARE(cal.finishAfterWorkingDays(6), QDate(2027, 1, 12));  // weekend and the Monday holiday
        QCOMPARE(cal.finishAfterWorkingDays(0.2), QDate(2027, 1, 4));
        QCOMPARE(cal.workingDaysBetween(QDate(2027, 1, 4), QDate(2027, 1, 15)), 9);
        QCOMPARE(cal.workingDaysBetween(QDate(2027, 1, 15), QDate(2027, 1, 4)), -9);
        // Deadline too close: 10 working days of work, deadline Friday 8 January.
        p.deadline = QDate(2027, 1, 8);
        const ScenarioResult r = CostModel(p).evaluate(p.scenarios[0]);
        QCOMPARE(r.finish, QDate(2027, 1, 18));
        QVERIFY(!r.meetsDeadline);
        QCOMPARE(r.slackWorkingDays, -5);  // 12, 13, 14, 15 and 18 January; the 11th is a holiday
        // A schedule longer than dates go stops at 9999-12-31 (it overflowed to no date at all).
        QCOMPARE(cal.finishAfterWorkingDays(1e12), QDate(9999, 12, 31));
    }

    void onPremPricePerHour() {
        Hardware h;
        h.pricing = QStringLiteral("on_prem");
        h.purchasePrice = 26280;
        h.lifeYears = 3;
        h.hoursPerYear = 8760;
        h.powerKw = 0.5;
        h.pricePerKwh = 0.2;
        h.operationsPerYear = 876;
        // 26280 / (3 x 8760) = 1.0; 0.5 kW x 0.2 = 0.1; 876 / 8760 = 0.1.
        QVERIFY(qAbs(h.onPremHourly() - 1.2) < 1e-12);
        QVERIFY(h.hourly().isFixed());
        QVERIFY(!h.isCloud());
    }

    void throughputScalesWithPixels() {
        Hardware h;
        h.throughput = {{QStringLiteral("denoise"), QStringLiteral("cpu"), 1920, 1080, 40},
                        {QStringLiteral("denoise"), QStringLiteral("opencl"), 1920, 1080, 10}};
        QCOMPARE(h.msPerFrame(QStringLiteral("denoise"), 1920, 1080), 10.0);  // the faster backend
        QCOMPARE(h.msPerFrame(QStringLiteral("denoise"), 3840, 2160), 40.0);  // 4x the pixels
        QCOMPARE(h.msPerFrame(QStringLiteral("denoise"), 960, 540), 2.5);
        QCOMPARE(h.msPerFrame(QStringLiteral("retime"), 1920, 1080), -1.0);
    }

    void costsScaleLinearlyWithRates() {
        Production p = exampleProduction();
        const CostModel base(p);
        for (Role& r : p.labour.roles) r.dayRate *= 3;
        for (Hardware& h : p.hardware) {
            h.pricePerHour = {h.pricePerHour.min * 3, h.pricePerHour.likely * 3, h.pricePerHour.max * 3};
            h.purchasePrice *= 3;
            h.pricePerKwh *= 3;
            h.operationsPerYear *= 3;
        }
        p.storage.pricePerTBMonth *= 3;
        p.storage.egressPerTB *= 3;
        const CostModel tripled(p);
        for (const Scenario& s : p.scenarios) {
            const ScenarioResult a = base.evaluate(s), b = tripled.evaluate(s);
            QVERIFY2(qAbs(b.labour - 3 * a.labour) < 1e-6 * a.labour, qPrintable(s.name));
            QVERIFY(qAbs(b.overhead - 3 * a.overhead) < 1e-6 * (a.overhead + 1));
            QVERIFY(qAbs(b.compute - 3 * a.compute) < 1e-6 * (a.compute + 1));
            QVERIFY(qAbs(b.total() - 3 * a.total()) < 1e-6 * a.total());
            QCOMPARE(b.finish, a.finish);  // rates do not move the schedule
        }
    }

    void doublingGpusHalvesDaysNotCost() {
        Production p = exampleProduction();
        const Scenario ai = *p.scenario(QStringLiteral("AI"));
        const ScenarioResult a = CostModel(p).evaluate(ai);
        p.hardware[0].units *= 2;
        const ScenarioResult b = CostModel(p).evaluate(ai);
        QVERIFY(a.computeHours > 0);
        QCOMPARE(b.computeHours, a.computeHours);
        QCOMPARE(b.compute, a.compute);
        QVERIFY(qAbs(b.computeCalendarDays - a.computeCalendarDays / 2) < 1e-12);
    }

    void breakEvenHandWorked() {
        // By hand 2 a frame (100 a day / 50 frames); by compute 1 a frame (3.6 s at 1000 a device-hour)
        // plus a 100 set-up day: 2F = 100 + F at F = 100 frames.
        Production p = simple();
        p.labour.fringePct = p.labour.supervisionPct = p.labour.overheadPct = 0;
        p.labour.roles[0].dayRate = 100;
        p.labour.roles[0].headcount = 1;
        p.ai.qcMinutesPerShot = Range::fixed(0);
        p.ai.fixupShare = Range::fixed(0);
        p.hardware[0].pricePerHour = Range::fixed(1000);
        p.storage = {0, 0, 6, 2, 1};
        const BreakEven be = CostModel(p).breakEven(p.scenarios[0], p.scenarios[1], 2, 21);
        QVERIFY(be.found);
        QVERIFY2(qAbs(be.frames - 100) < 1e-6, qPrintable(QString::number(be.frames)));
        QCOMPARE(be.curve.size(), 21);
        QCOMPARE(be.curve[10].frames, 1000.0);
        QVERIFY(qAbs(be.curve[10].costA - 2000) < 1e-9);  // 1000 frames by hand
        QVERIFY(qAbs(be.curve[10].costB - 1100) < 1e-9);  // 100 + 1000
        // At 3000 a device-hour (3 a frame) compute never pays back.
        p.hardware[0].pricePerHour = Range::fixed(3000);
        QVERIFY(!CostModel(p).breakEven(p.scenarios[0], p.scenarios[1]).found);
    }

    void tornadoRanksInputs() {
        Production p = simple();
        p.labour.tasks[0].framesPerDay = {25, 50, 100};
        p.hardware[0].pricePerHour = {3, 4, 5};
        const CostModel m(p);
        const QList<TornadoBar> manual = m.tornado(p.scenarios[0]);
        QCOMPARE(manual.size(), 2);  // productivity and the price; the rest are fixed
        QCOMPARE(manual[0].path, QStringLiteral("labour.tasks[0].framesPerDay"));
        // 25 frames a day: 40 artist-days -> 40 x 500 x 1.32 x 1.15 + storage.
        QVERIFY(qAbs(manual[0].low - (40 * 660 * 1.15 + 0.248832)) < 1e-6);
        QVERIFY(qAbs(manual[0].high - (10 * 660 * 1.15 + 0.248832)) < 1e-6);
        QCOMPARE(manual[1].swing(), 0.0);  // no compute by hand
        const QList<TornadoBar> ai = m.tornado(p.scenarios[1]);
        QCOMPARE(ai[0].path, QStringLiteral("labour.tasks[0].framesPerDay"));  // fix-up days still swing 2x
        QVERIFY(qAbs(ai[1].high - ai[1].low - 2.0) < 1e-9);                    // 1 device-hour x (5 - 3)
    }

    void monteCarloReproducible() {
        const Production p = exampleProduction();
        const CostModel m(p);
        const Scenario& s = p.scenarios[2];
        const RiskResult a = m.monteCarlo(s, 5000, 7, 1);
        const RiskResult b = m.monteCarlo(s, 5000, 7, 2);
        const RiskResult c = m.monteCarlo(s, 5000, 7, 5);
        QCOMPARE(a.costs, b.costs);
        QCOMPARE(a.costs, c.costs);
        QCOMPARE(a.finishOffsets, c.finishOffsets);
        const RiskResult d = m.monteCarlo(s, 5000, 8, 2);
        QVERIFY(a.costs != d.costs);
        QVERIFY(a.p50 <= a.p80 && a.p80 <= a.p90);
        QVERIFY(a.finishP50 <= a.finishP90);
        QVERIFY(a.costs.first() >= 0);
        for (double c2 : a.costs) QVERIFY(std::isfinite(c2));
    }

    void monteCarloMedianIsAnalytic() {
        // Only the compute price is uncertain: triangular(2, 3, 7). The total is linear in it, so its
        // median is the total at the price's median 7 - sqrt(5 x 4 / 2) = 3.8377.
        Production p = simple();
        p.ai.qcMinutesPerShot = Range::fixed(0);
        p.ai.fixupShare = Range::fixed(0);
        p.ai.setupDays = 0;
        p.hardware[0].pricePerHour = {2, 3, 7};
        p.shots[0].frames = 100000;  // 100 device-hours
        const CostModel m(p);
        const Scenario& ai = p.scenarios[1];
        QVERIFY(qAbs(p.hardware[0].pricePerHour.median() - (7 - std::sqrt(10.0))) < 1e-12);
        QVector<double> v;
        for (const UncertainInput& in : m.uncertainInputs(ai)) v.append(in.range.likely);
        v.last() = p.hardware[0].pricePerHour.median();
        const double analytic = m.evaluate(ai, v).total();
        const RiskResult r = m.monteCarlo(ai, 10000, 42);
        QVERIFY2(qAbs(r.p50 - analytic) / analytic < 0.01,
                 qPrintable(QStringLiteral("P50 %1 vs %2").arg(r.p50).arg(analytic)));
        // P90 of a triangular(2, 3, 7): 7 - sqrt(0.1 x 5 x 4) = 5.5858 a device-hour.
        v.last() = 7 - std::sqrt(2.0);
        const double p90 = m.evaluate(ai, v).total();
        QVERIFY2(qAbs(r.p90 - p90) / p90 < 0.01,
                 qPrintable(QStringLiteral("P90 %1 vs %2").arg(r.p90).arg(p90)));
    }

    void triangularQuantiles() {
        const Range r{2, 3, 7};
        QCOMPARE(r.quantile(0), 2.0);
        QCOMPARE(r.quantile(1), 7.0);
        QVERIFY(qAbs(r.quantile(0.2) - 3.0) < 1e-12);  // F(mode) = (3 - 2) / (7 - 2)
        QVERIFY(qAbs(r.quantile(0.5) - r.median()) < 1e-12);
        QCOMPARE(Range::fixed(4).median(), 4.0);
    }

    void fixupFromMetrics() {
        QCOMPARE(fixupShareFromMetrics({30, 35, 40, NAN}, 35), 0.5);  // 30 and the unmeasured frame
        QCOMPARE(fixupShareFromMetrics({}, 35), 0.0);
    }

    void comparisonTable() {
        const Production p = exampleProduction();
        const QList<ComparisonRow> rows =
            CostModel(p).compare(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(rows.size(), 8);
        QCOMPARE(rows[0].key, QStringLiteral("staff"));
        QCOMPARE(rows.last().key, QStringLiteral("total"));
        for (const ComparisonRow& row : rows) QCOMPARE(row.cells.size(), p.scenarios.size());
        QVERIFY(rows.last().cells[0].startsWith(QLatin1Char('$')));
        QCOMPARE(rows[1].cells[0], QStringLiteral("none"));  // the manual scenario rents no compute
    }

    void moneyFollowsLocale() {
        QCOMPARE(
            formatMoney(QLocale(QLocale::English, QLocale::UnitedStates), 1234567.891, QStringLiteral("USD")),
            QStringLiteral("$1,234,568"));
        const QString de =
            formatMoney(QLocale(QLocale::German, QLocale::Germany), 1234.5, QStringLiteral("EUR"), 2);
        QVERIFY2(de.contains(QStringLiteral("1.234,50")) && de.contains(QStringLiteral("€")), qPrintable(de));
        QCOMPARE(formatMoney(QLocale::c(), NAN, QStringLiteral("USD")), QStringLiteral("—"));
    }
};

QTEST_APPLESS_MAIN(TestCostModel)
#include "test_cost_model.moc"
