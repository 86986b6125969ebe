#include "cost/CostModel.h"

#include <QCoreApplication>
#include <QVarLengthArray>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <thread>

namespace rushes::cost {
namespace {

// Messages for the user: lupdate (translations/) files CostModelTr::tr("...") calls under the macro's
// context, the one they are looked up in at run time. It cannot place a free tr() in a context.
struct CostModelTr {
    Q_DECLARE_TR_FUNCTIONS(CostModel)
};

// Working days to finish `effort` artist-days with `n` artists who each ramp linearly from zero
// to full speed over `ramp` working days. Output over the ramp is n*ramp/2 artist-days.
double workingDaysFor(double effort, int n, double ramp) {
    if (effort <= 0 || n <= 0) return 0;
    if (ramp <= 0) return effort / n;
    if (effort >= n * ramp / 2) return effort / n + ramp / 2;
    return std::sqrt(2 * ramp * effort / n);  // finishes inside the ramp: n*t^2/(2*ramp) = effort
}

// Per-chunk generator: a SplitMix64 of (seed, chunk) seeds a 64-bit Mersenne twister, so each
// chunk draws the same numbers whichever thread runs it.
quint64 splitMix(quint64 x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}
double unit(std::mt19937_64& rng) {
    return double(rng() >> 11) * 0x1.0p-53;
}

}  // namespace

double Range::median() const {
    if (max <= min) return likely;
    const double w = max - min;
    if (likely >= (min + max) / 2) return min + std::sqrt(w * (likely - min) / 2);
    return max - std::sqrt(w * (max - likely) / 2);
}

double Range::quantile(double u) const {
    if (max <= min) return likely;
    const double w = max - min, f = (likely - min) / w;
    if (u < f) return min + std::sqrt(u * w * (likely - min));
    return max - std::sqrt((1 - u) * w * (max - likely));
}

double Hardware::onPremHourly() const {
    const double hours = hoursPerYear > 0 ? hoursPerYear : 8760;
    const double life = lifeYears > 0 ? lifeYears : 1;
    return purchasePrice / (life * hours) + powerKw * pricePerKwh + operationsPerYear / hours;
}

Range Hardware::hourly() const {
    return isCloud() ? pricePerHour : Range::fixed(onPremHourly());
}

double Hardware::msPerFrame(const QString& operation, int w, int h) const {
    double best = -1;
    for (const Throughput& t : throughput) {
        if (t.operation != operation || t.msPerFrame <= 0 || t.width <= 0 || t.height <= 0) continue;
        const double scaled = t.msPerFrame * (double(w) * h) / (double(t.width) * t.height);
        if (best < 0 || scaled < best) best = scaled;
    }
    return best;
}

const Role* Production::role(const QString& id) const {
    for (const Role& r : labour.roles)
        if (r.id == id) return &r;
    return nullptr;
}
const Task* Production::task(const QString& id) const {
    for (const Task& t : labour.tasks)
        if (t.id == id) return &t;
    return nullptr;
}
const Hardware* Production::findHardware(const QString& id) const {
    for (const Hardware& h : hardware)
        if (h.id == id) return &h;
    return nullptr;
}
const Scenario* Production::scenario(const QString& n) const {
    for (const Scenario& s : scenarios)
        if (s.name.compare(n, Qt::CaseInsensitive) == 0) return &s;
    return nullptr;
}
qint64 Production::totalFrames() const {
    qint64 n = 0;
    for (const Shot& s : shots) n += s.frames;
    return n;
}

// ---- calendar

WorkCalendar::WorkCalendar(const Production& p)
    : start_(p.start), days_(p.workingDays), holidays_(p.holidays) {
    if (!start_.isValid() || days_.isEmpty()) return;
    constexpr int kDays = 5000;  // about 20 years of working days
    offsets_.reserve(kDays);
    for (int off = 0; offsets_.size() < kDays && off < kDays * 7; ++off)
        if (isWorkingDay(start_.addDays(off))) offsets_.append(off);
}

bool WorkCalendar::isWorkingDay(QDate d) const {
    return days_.contains(d.dayOfWeek()) && !holidays_.contains(d);
}

int WorkCalendar::calendarOffset(double workingDays) const {
    if (workingDays <= 0 || offsets_.isEmpty()) return 0;
    const double n = std::ceil(workingDays - 1e-9);
    if (n <= offsets_.size()) return offsets_[int(n - 1)];
    // Beyond the table: continue at the table's average pace, up to the last day a date shows.
    const double pace = double(offsets_.last() + 1) / offsets_.size();
    return int(
        std::min(double(offsets_.last()) + std::ceil((n - offsets_.size()) * pace), double(maxOffset())));
}

int WorkCalendar::maxOffset() const {
    return start_.isValid() ? int(std::max<qint64>(0, start_.daysTo(QDate(9999, 12, 31)))) : 0;
}

QDate WorkCalendar::finishAfterWorkingDays(double workingDays) const {
    return start_.addDays(calendarOffset(workingDays));
}

int WorkCalendar::workingDaysBetween(QDate from, QDate to) const {
    if (!from.isValid() || !to.isValid() || days_.isEmpty()) return 0;
    const int sign = to < from ? -1 : 1;
    if (sign < 0) std::swap(from, to);
    int n = 0;
    for (QDate d = from; d <= to; d = d.addDays(1))
        if (isWorkingDay(d)) ++n;
    return sign * n;
}

// ---- model

struct CostModel::Plan {
    QVector<double> manualFrames, aiFrames;  // per task, difficulty-weighted (medium-equivalent)
    QVector<int> taskRole;
    double computeSeconds = 0;  // device-seconds
    int aiShots = 0;
    double dataTB = 0, egressTB = 0;
    double passFrames = 0, aiPassFrames = 0;
    const Hardware* hardware = nullptr;
    int qcRole = -1, setupRole = -1;
};

CostModel::CostModel(const Production& production) : p_(production), calendar_(production) {}

QList<UncertainInput> CostModel::uncertainInputs(const Scenario& s) const {
    QList<UncertainInput> in;
    for (int i = 0; i < p_.labour.tasks.size(); ++i) {
        const Task& t = p_.labour.tasks[i];
        in.append({QStringLiteral("labour.tasks[%1].framesPerDay").arg(i),
                   CostModelTr::tr("%1 frames/day").arg(t.name), t.framesPerDay});
    }
    in.append({QStringLiteral("labour.reworkShare"), CostModelTr::tr("Rework"), p_.labour.reworkShare});
    in.append(
        {QStringLiteral("ai.qcMinutesPerShot"), CostModelTr::tr("QC minutes/shot"), p_.ai.qcMinutesPerShot});
    in.append({QStringLiteral("ai.fixupShare"), CostModelTr::tr("AI fix-up share"), p_.ai.fixupShare});
    const Hardware* hw = p_.findHardware(s.hardware);
    const int hwIndex = hw ? int(hw - p_.hardware.constData()) : -1;
    in.append({QStringLiteral("compute.hardware[%1].pricePerHour").arg(hwIndex),
               hw ? CostModelTr::tr("%1 price/hour").arg(hw->name) : CostModelTr::tr("Compute price/hour"),
               hw ? hw->hourly() : Range::fixed(0)});
    return in;
}

CostModel::Plan CostModel::plan(const Scenario& s) const {
    Plan pl;
    const int nTasks = int(p_.labour.tasks.size());
    pl.manualFrames.fill(0, nTasks);
    pl.aiFrames.fill(0, nTasks);
    pl.taskRole.fill(-1, nTasks);
    auto roleIndex = [&](const QString& id) {
        for (int r = 0; r < p_.labour.roles.size(); ++r)
            if (p_.labour.roles[r].id == id) return r;
        return -1;
    };
    for (int t = 0; t < nTasks; ++t) pl.taskRole[t] = roleIndex(p_.labour.tasks[t].role);
    pl.qcRole = roleIndex(p_.ai.qcRole);
    pl.setupRole = roleIndex(p_.ai.setupRole);
    pl.hardware = p_.findHardware(s.hardware);
    const double bpp = p_.storage.bytesPerPixel;
    for (const Shot& shot : p_.shots) {
        const double difficulty = shot.difficulty == QLatin1String("easy")   ? p_.labour.easyFactor
                                  : shot.difficulty == QLatin1String("hard") ? p_.labour.hardFactor
                                                                             : p_.labour.mediumFactor;
        const double pixels = double(shot.width) * shot.height;
        pl.dataTB += shot.frames * pixels * bpp / 1e12;
        bool shotAi = false;
        for (const QString& pass : shot.passes) {
            int t = -1;
            for (int i = 0; i < nTasks; ++i)
                if (p_.labour.tasks[i].id == pass) t = i;
            if (t < 0) continue;
            const Task& task = p_.labour.tasks[t];
            double frames = shot.frames;
            if (task.operation == QLatin1String("retime")) frames = shot.frames * qMax(0.0, shot.retime - 1);
            const double ai =
                task.operation.isEmpty() || !pl.hardware ? 0 : qBound(0.0, s.aiShare.value(task.id, 0), 1.0);
            pl.manualFrames[t] += frames * (1 - ai) / difficulty;
            pl.aiFrames[t] += frames * ai / difficulty;
            pl.passFrames += frames;
            if (ai > 0) {
                const double ms = pl.hardware->msPerFrame(task.operation, shot.width, shot.height);
                pl.computeSeconds += frames * ai * qMax(0.0, ms) / 1000;
                pl.egressTB += frames * ai * pixels * bpp / 1e12;
                pl.aiPassFrames += frames * ai;
                shotAi = true;
            }
        }
        if (shotAi) ++pl.aiShots;
    }
    return pl;
}

ScenarioResult CostModel::price(const Plan& pl, const Scenario& s, const double* v, double scale,
                                bool detail) const {
    const int nTasks = int(pl.taskRole.size());
    const int nRoles = int(p_.labour.roles.size());
    const double rework = v[nTasks], qcMinutes = v[nTasks + 1], fixup = v[nTasks + 2], hourly = v[nTasks + 3];
    QVarLengthArray<double, 16> effort(nRoles);
    std::fill(effort.begin(), effort.end(), 0.0);
    for (int t = 0; t < nTasks; ++t) {
        if (pl.taskRole[t] < 0 || v[t] <= 0) continue;
        effort[pl.taskRole[t]] += (pl.manualFrames[t] + fixup * pl.aiFrames[t]) * scale * (1 + rework) / v[t];
    }
    if (pl.aiShots > 0) {
        if (pl.qcRole >= 0) effort[pl.qcRole] += pl.aiShots * qcMinutes / 60 / p_.hoursPerDay;
        if (pl.setupRole >= 0) effort[pl.setupRole] += p_.ai.setupDays;
    }
    ScenarioResult r;
    r.scenario = s.name;
    const double loading = (1 + p_.labour.fringePct / 100) * (1 + p_.labour.supervisionPct / 100);
    for (int i = 0; i < nRoles; ++i) {
        const Role& role = p_.labour.roles[i];
        RoleLoad load;
        load.role = role.id;
        load.effortDays = effort[i];
        load.workingDays = workingDaysFor(effort[i], role.headcount, role.rampUpDays);
        load.paidDays = role.headcount * load.workingDays;
        load.cost = load.paidDays * role.dayRate * loading;
        r.labour += load.cost;
        r.effortDays += load.effortDays;
        r.paidDays += load.paidDays;
        r.labourWorkingDays = qMax(r.labourWorkingDays, load.workingDays);
        if (detail) r.roles.append(load);
    }
    r.overhead = r.labour * p_.labour.overheadPct / 100;
    r.computeHours = pl.computeSeconds * scale / 3600;
    r.compute = r.computeHours * hourly;
    const int units = pl.hardware ? qMax(1, pl.hardware->units) : 1;
    r.computeCalendarDays = r.computeHours / (units * 24.0);
    r.storage = pl.dataTB * scale * p_.storage.copies * p_.storage.months * p_.storage.pricePerTBMonth;
    if (pl.hardware && pl.hardware->isCloud()) r.storage += pl.egressTB * scale * p_.storage.egressPerTB;
    const int labourOffset = calendar_.calendarOffset(r.labourWorkingDays);
    const int computeOffset =
        r.computeCalendarDays > 0
            ? int(std::min(std::ceil(r.computeCalendarDays - 1e-9) - 1, double(calendar_.maxOffset())))
            : 0;
    const int offset = qMax(labourOffset, computeOffset);
    r.finish = p_.start.addDays(offset);
    if (!detail) return r;
    const double frames = pl.passFrames * scale;
    r.aiFrameShare = frames > 0 ? pl.aiPassFrames * scale / frames : 0;
    r.perShot = p_.shots.isEmpty() ? 0 : r.total() / p_.shots.size();
    const double shotFrames = double(p_.totalFrames()) * scale;
    r.perFrame = shotFrames > 0 ? r.total() / shotFrames : 0;
    r.meetsDeadline = r.finish <= p_.deadline;
    r.slackWorkingDays = r.meetsDeadline ? calendar_.workingDaysBetween(r.finish.addDays(1), p_.deadline)
                                         : -calendar_.workingDaysBetween(p_.deadline.addDays(1), r.finish);
    r.labourUtilisation = r.paidDays > 0 ? r.effortDays / r.paidDays : 0;
    r.computeUtilisation = r.computeHours > 0 ? r.computeHours / (units * 24.0 * (offset + 1)) : 0;
    return r;
}

ScenarioResult CostModel::evaluate(const Scenario& s) const {
    QVector<double> likely;
    for (const UncertainInput& in : uncertainInputs(s)) likely.append(in.range.likely);
    return evaluate(s, likely, 1);
}

ScenarioResult CostModel::evaluate(const Scenario& s, const QVector<double>& values,
                                   double frameScale) const {
    return price(plan(s), s, values.constData(), frameScale, true);
}

double RiskResult::percentile(double p) const {
    if (costs.isEmpty()) return 0;
    // Nearest rank: the smallest value with at least p of the samples at or below it.
    const int n = int(costs.size());
    const int rank = qBound(1, int(std::ceil(p * n - 1e-9)), n);
    return costs[rank - 1];
}

RiskResult CostModel::monteCarlo(const Scenario& s, int iterations, quint64 seed, int threads) const {
    RiskResult out;
    if (iterations <= 0) return out;
    const Plan pl = plan(s);
    const QList<UncertainInput> inputs = uncertainInputs(s);
    const int nIn = int(inputs.size());
    out.costs.resize(iterations);
    out.finishOffsets.resize(iterations);
    constexpr int kChunk = 500;
    const int chunks = (iterations + kChunk - 1) / kChunk;
    auto runChunk = [&](int c) {
        std::mt19937_64 rng(splitMix(seed ^ splitMix(quint64(c))));
        QVarLengthArray<double, 32> v(nIn);
        const int end = qMin(iterations, (c + 1) * kChunk);
        for (int i = c * kChunk; i < end; ++i) {
            for (int k = 0; k < nIn; ++k) {
                const Range& r = inputs[k].range;
                const double u = unit(rng);  // drawn even for fixed inputs, so the streams do not shift
                v[k] = r.isFixed() ? r.likely : r.quantile(u);
            }
            const ScenarioResult res = price(pl, s, v.constData(), 1, false);
            out.costs[i] = res.total();
            out.finishOffsets[i] = p_.start.daysTo(res.finish);
        }
    };
    int n = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    n = qMin(n, chunks);
    if (n <= 1) {
        for (int c = 0; c < chunks; ++c) runChunk(c);
    } else {
        std::vector<std::thread> pool;
        std::atomic<int> next{0};
        for (int t = 0; t < n; ++t)
            pool.emplace_back([&] {
                for (int c = next++; c < chunks; c = next++) runChunk(c);
            });
        for (auto& th : pool) th.join();
    }
    int onTime = 0;
    const qint64 deadlineOffset = p_.start.daysTo(p_.deadline);
    for (double f : out.finishOffsets)
        if (f <= deadlineOffset) ++onTime;
    out.onTimeProbability = double(onTime) / iterations;
    std::sort(out.costs.begin(), out.costs.end());
    std::sort(out.finishOffsets.begin(), out.finishOffsets.end());
    out.p50 = out.percentile(0.5);
    out.p80 = out.percentile(0.8);
    out.p90 = out.percentile(0.9);
    auto finishAt = [&](double p) {
        const int rank = qBound(1, int(std::ceil(p * iterations - 1e-9)), iterations);
        return p_.start.addDays(qint64(out.finishOffsets[rank - 1]));
    };
    out.finishP50 = finishAt(0.5);
    out.finishP80 = finishAt(0.8);
    out.finishP90 = finishAt(0.9);
    return out;
}

QList<TornadoBar> CostModel::tornado(const Scenario& s) const {
    const QList<UncertainInput> inputs = uncertainInputs(s);
    const Plan pl = plan(s);
    QVector<double> v;
    for (const UncertainInput& in : inputs) v.append(in.range.likely);
    QList<TornadoBar> bars;
    for (int i = 0; i < inputs.size(); ++i) {
        if (inputs[i].range.isFixed()) continue;
        QVector<double> lo = v, hi = v;
        lo[i] = inputs[i].range.min;
        hi[i] = inputs[i].range.max;
        bars.append({inputs[i].path, inputs[i].label, price(pl, s, lo.constData(), 1, false).total(),
                     price(pl, s, hi.constData(), 1, false).total()});
    }
    std::stable_sort(bars.begin(), bars.end(),
                     [](const TornadoBar& a, const TornadoBar& b) { return a.swing() > b.swing(); });
    return bars;
}

BreakEven CostModel::breakEven(const Scenario& a, const Scenario& b, double maxScale, int points) const {
    BreakEven out;
    const Plan pa = plan(a), pb = plan(b);
    QVector<double> va, vb;
    for (const UncertainInput& in : uncertainInputs(a)) va.append(in.range.likely);
    for (const UncertainInput& in : uncertainInputs(b)) vb.append(in.range.likely);
    const double frames = pa.passFrames;
    if (frames <= 0 || points < 2) return out;
    auto diff = [&](double k) {
        return price(pa, a, va.constData(), k, false).total() -
               price(pb, b, vb.constData(), k, false).total();
    };
    for (int i = 0; i < points; ++i) {
        const double k = maxScale * i / (points - 1);
        out.curve.append({frames * k, price(pa, a, va.constData(), k, false).total(),
                          price(pb, b, vb.constData(), k, false).total()});
    }
    // The first scale where A stops being cheaper than B; bisection inside that grid step.
    double lo = 0;
    const double tiny = 1e-9;
    if (diff(tiny) >= 0) {  // B is cheaper from the first frame
        out.found = true;
        return out;
    }
    for (int i = 1; i < points; ++i) {
        const double k = maxScale * i / (points - 1);
        if (diff(k) >= 0) {
            double hi = k;
            for (int it = 0; it < 80; ++it) {
                const double mid = (lo + hi) / 2;
                (diff(mid) >= 0 ? hi : lo) = mid;
            }
            out.found = true;
            out.frames = frames * hi;
            return out;
        }
        lo = k;
    }
    return out;
}

double fixupShareFromMetrics(const QVector<double>& perFrame, double threshold) {
    if (perFrame.isEmpty()) return 0;
    qsizetype below = 0;
    for (double v : perFrame)
        if (!(v >= threshold)) ++below;  // NaN counts as failing
    return double(below) / perFrame.size();
}

QString formatMoney(const QLocale& locale, double amount, const QString& currency, int decimals) {
    static const QMap<QString, QString> symbols{
        {QStringLiteral("USD"), QStringLiteral("$")},   {QStringLiteral("EUR"), QStringLiteral("€")},
        {QStringLiteral("GBP"), QStringLiteral("£")},   {QStringLiteral("JPY"), QStringLiteral("¥")},
        {QStringLiteral("CAD"), QStringLiteral("CA$")}, {QStringLiteral("AUD"), QStringLiteral("A$")},
        {QStringLiteral("NZD"), QStringLiteral("NZ$")}, {QStringLiteral("INR"), QStringLiteral("₹")}};
    if (!std::isfinite(amount)) return QStringLiteral("—");
    // The C locale has no currency pattern ("1,234$"): format as US English there.
    const QLocale loc =
        locale.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates) : locale;
    return loc.toCurrencyString(amount, symbols.value(currency, currency + QLatin1Char(' ')), decimals);
}

QList<ComparisonRow> CostModel::compare(const QLocale& locale, const QList<RiskResult>& risks) const {
    QList<ComparisonRow> rows{{QStringLiteral("staff"), CostModelTr::tr("Post-production staff"), {}},
                              {QStringLiteral("compute"), CostModelTr::tr("Compute infrastructure"), {}},
                              {QStringLiteral("storage"), CostModelTr::tr("Storage and egress"), {}},
                              {QStringLiteral("overhead"), CostModelTr::tr("Overhead"), {}},
                              {QStringLiteral("flexibility"), CostModelTr::tr("Pipeline flexibility"), {}},
                              {QStringLiteral("schedule"), CostModelTr::tr("Schedule"), {}},
                              {QStringLiteral("risk"), CostModelTr::tr("Risk profile"), {}},
                              {QStringLiteral("total"), CostModelTr::tr("Total"), {}}};
    const QString cur = p_.currency;
    for (int i = 0; i < p_.scenarios.size(); ++i) {
        const Scenario& s = p_.scenarios[i];
        const ScenarioResult r = evaluate(s);
        const RiskResult risk = i < risks.size() ? risks[i] : monteCarlo(s, p_.iterations, p_.seed);
        const Hardware* hw = p_.findHardware(s.hardware);
        int peak = 0;
        for (const RoleLoad& l : r.roles)
            if (l.effortDays > 0)
                if (const Role* role = p_.role(l.role)) peak += role->headcount;
        rows[0].cells << CostModelTr::tr("%1 · %2 artist-days · %3 people")
                             .arg(formatMoney(locale, r.labour, cur), locale.toString(r.paidDays, 'f', 1))
                             .arg(peak);
        rows[1].cells << (r.computeHours > 0 && hw
                              ? CostModelTr::tr("%1 · %2 device-hours on %3")
                                    .arg(formatMoney(locale, r.compute, cur),
                                         locale.toString(r.computeHours, 'f', 1), hw->name)
                              : CostModelTr::tr("none"));
        rows[2].cells << formatMoney(locale, r.storage, cur);
        rows[3].cells << formatMoney(locale, r.overhead, cur);
        rows[4].cells << CostModelTr::tr("%1% of pass frames by compute; rerunning them costs %2")
                             .arg(locale.toString(r.aiFrameShare * 100, 'f', 0),
                                  formatMoney(locale, r.compute, cur));
        rows[5].cells << CostModelTr::tr("finishes %1 · %2 working days %3")
                             .arg(locale.toString(r.finish, QLocale::ShortFormat))
                             .arg(qAbs(r.slackWorkingDays))
                             .arg(r.meetsDeadline ? CostModelTr::tr("early") : CostModelTr::tr("late"));
        const double spread = risk.p50 > 0 ? (risk.p90 / risk.p50 - 1) * 100 : 0;
        rows[6].cells << CostModelTr::tr("P50 %1 · P90 %2 (+%3%) · on time %4%")
                             .arg(formatMoney(locale, risk.p50, cur), formatMoney(locale, risk.p90, cur),
                                  locale.toString(spread, 'f', 0),
                                  locale.toString(risk.onTimeProbability * 100, 'f', 0));
        rows[7].cells << CostModelTr::tr("%1 · %2 per frame")
                             .arg(formatMoney(locale, r.total(), cur),
                                  formatMoney(locale, r.perFrame, cur, 2));
    }
    return rows;
}

}  // namespace rushes::cost
