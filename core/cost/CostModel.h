#pragma once
// Prices a production under a scenario: cost by category, schedule against the deadline,
// utilisation; and its risk (seeded Monte Carlo), sensitivity (tornado) and break-even.
#include <QDate>
#include <QLocale>
#include <QVector>

#include "cost/Production.h"

namespace rushes::cost {

// Working-day calendar from the production's start: weekdays it works, minus holidays.
class WorkCalendar {
public:
    explicit WorkCalendar(const Production& p);
    // The date of the last working day when `workingDays` (fractional, >= 0) of work start on the
    // start date; the start date itself for no work.
    QDate finishAfterWorkingDays(double workingDays) const;
    // Calendar days from start to that date (0 when it is the start).
    int calendarOffset(double workingDays) const;
    // The last offset whose date has four digits of year (9999-12-31): longer schedules stop there.
    int maxOffset() const;
    // Working days in [from, to], negative (counting backwards) when to < from.
    int workingDaysBetween(QDate from, QDate to) const;
    bool isWorkingDay(QDate d) const;

private:
    QDate start_;
    QList<int> days_;
    QList<QDate> holidays_;
    QVector<int> offsets_;  // calendar offset of the n-th working day
};

// The scenario's uncertain inputs, in a fixed order: each task's frames per day, then rework,
// QC minutes per shot, fix-up share, and the hardware's price per hour.
struct UncertainInput {
    QString path;   // JSON path of the field
    QString label;  // for charts
    Range range;
};

struct RoleLoad {
    QString role;
    double effortDays = 0;   // artist-days of work
    double workingDays = 0;  // to finish it with the headcount and ramp-up
    double paidDays = 0;     // headcount x working days
    double cost = 0;         // paid days x day rate x fringes x supervision
};

struct ScenarioResult {
    QString scenario;
    double labour = 0, compute = 0, storage = 0, overhead = 0;
    double total() const { return labour + compute + storage + overhead; }
    double perShot = 0, perFrame = 0;
    QList<RoleLoad> roles;
    double effortDays = 0, paidDays = 0;
    double computeHours = 0;         // device-hours (the sum over units)
    double computeCalendarDays = 0;  // with all units running around the clock
    double labourWorkingDays = 0;    // the slowest role
    double aiFrameShare = 0;         // share of pass frames done by compute
    QDate finish;
    int slackWorkingDays = 0;  // working days left before the deadline (negative: late)
    bool meetsDeadline = true;
    double labourUtilisation = 0;   // effort / paid
    double computeUtilisation = 0;  // device-hours / (units x 24 h x calendar days of the schedule)
};

struct RiskResult {
    QVector<double> costs;          // sorted
    QVector<double> finishOffsets;  // calendar days from start, sorted
    double p50 = 0, p80 = 0, p90 = 0;
    QDate finishP50, finishP80, finishP90;
    double onTimeProbability = 0;
    double percentile(double p) const;  // of cost, p in [0, 1]
};

struct TornadoBar {
    QString path, label;
    double low = 0, high = 0;  // total at the input's min and at its max, the others at likely
    double swing() const { return qAbs(high - low); }
};

struct BreakEvenPoint {
    double frames = 0, costA = 0, costB = 0;
};
struct BreakEven {
    bool found = false;
    double frames = 0;  // pass frames at which scenario B becomes cheaper than A
    QVector<BreakEvenPoint> curve;
};

struct ComparisonRow {
    QString key, label;
    QStringList cells;  // one per scenario
};

class CostModel {
public:
    // `production` must be valid (ProductionFormat::validate returns nothing).
    explicit CostModel(const Production& production);

    const Production& production() const { return p_; }
    QList<UncertainInput> uncertainInputs(const Scenario& s) const;
    ScenarioResult evaluate(const Scenario& s) const;
    // Frame counts scaled by `frameScale` and the uncertain inputs at `values` (same order as
    // uncertainInputs).
    ScenarioResult evaluate(const Scenario& s, const QVector<double>& values, double frameScale = 1) const;
    // Monte Carlo of cost and finish: reproducible for a seed whatever `threads` (0 = all cores).
    RiskResult monteCarlo(const Scenario& s, int iterations, quint64 seed, int threads = 0) const;
    QList<TornadoBar> tornado(const Scenario& s) const;
    // Scales every shot's frames and finds where B gets cheaper than A; the curve spans 0..maxScale x today.
    BreakEven breakEven(const Scenario& a, const Scenario& b, double maxScale = 10, int points = 41) const;
    // The side-by-side table. `risks` (one per scenario, from monteCarlo with the production's
    // iterations and seed) saves running them again.
    QList<ComparisonRow> compare(const QLocale& locale, const QList<RiskResult>& risks = {}) const;

private:
    struct Plan;  // the production's work summed for a scenario
    Plan plan(const Scenario& s) const;
    ScenarioResult price(const Plan& plan, const Scenario& s, const double* values, double frameScale,
                         bool detail) const;

    Production p_;
    WorkCalendar calendar_;
};

// The share of frames whose quality metric is below a threshold (PSNR dB or SSIM): the fix-up
// share the compare metrics suggest.
double fixupShareFromMetrics(const QVector<double>& perFrame, double threshold);

// Money in the production's currency, following the locale's number format.
QString formatMoney(const QLocale& locale, double amount, const QString& currency, int decimals = 0);

}  // namespace rushes::cost
