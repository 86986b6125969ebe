#include "cost/BudgetReport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTextStream>

namespace rushes::cost {
namespace {

// Messages for the user: lupdate (translations/) files BudgetReportTr::tr("...") calls under the macro's
// context, the one they are looked up in at run time. It cannot place a free tr() in a context.
struct BudgetReportTr {
    Q_DECLARE_TR_FUNCTIONS(BudgetReport)
};

QList<const Scenario*> selected(const CostModel& model, const QString& only) {
    QList<const Scenario*> out;
    for (const Scenario& s : model.production().scenarios)
        if (only.isEmpty() || s.name.compare(only, Qt::CaseInsensitive) == 0) out.append(&s);
    return out;
}

double round2(double v) {
    return std::round(v * 100) / 100;
}

}  // namespace

ScenarioReport reportScenario(const CostModel& model, const Scenario& s) {
    const Production& p = model.production();
    return {model.evaluate(s), model.monteCarlo(s, p.iterations, p.seed), model.tornado(s)};
}

QJsonObject budgetReportJson(const CostModel& model, const QString& only) {
    const Production& p = model.production();
    QJsonArray scenarios;
    for (const Scenario* s : selected(model, only)) {
        const ScenarioReport rep = reportScenario(model, *s);
        const ScenarioResult& r = rep.result;
        QJsonArray roles;
        for (const RoleLoad& l : r.roles)
            roles.append(QJsonObject{{QStringLiteral("role"), l.role},
                                     {QStringLiteral("effortDays"), round2(l.effortDays)},
                                     {QStringLiteral("workingDays"), round2(l.workingDays)},
                                     {QStringLiteral("paidDays"), round2(l.paidDays)},
                                     {QStringLiteral("cost"), round2(l.cost)}});
        QJsonArray tornado;
        for (const TornadoBar& b : rep.tornado)
            tornado.append(QJsonObject{{QStringLiteral("input"), b.path},
                                       {QStringLiteral("label"), b.label},
                                       {QStringLiteral("totalAtMin"), round2(b.low)},
                                       {QStringLiteral("totalAtMax"), round2(b.high)}});
        scenarios.append(QJsonObject{
            {QStringLiteral("name"), s->name},
            {QStringLiteral("cost"), QJsonObject{{QStringLiteral("labour"), round2(r.labour)},
                                                 {QStringLiteral("compute"), round2(r.compute)},
                                                 {QStringLiteral("storage"), round2(r.storage)},
                                                 {QStringLiteral("overhead"), round2(r.overhead)},
                                                 {QStringLiteral("total"), round2(r.total())},
                                                 {QStringLiteral("perShot"), round2(r.perShot)},
                                                 {QStringLiteral("perFrame"), round2(r.perFrame)}}},
            {QStringLiteral("roles"), roles},
            {QStringLiteral("schedule"),
             QJsonObject{{QStringLiteral("start"), p.start.toString(Qt::ISODate)},
                         {QStringLiteral("finish"), r.finish.toString(Qt::ISODate)},
                         {QStringLiteral("deadline"), p.deadline.toString(Qt::ISODate)},
                         {QStringLiteral("meetsDeadline"), r.meetsDeadline},
                         {QStringLiteral("slackWorkingDays"), r.slackWorkingDays},
                         {QStringLiteral("labourWorkingDays"), round2(r.labourWorkingDays)},
                         {QStringLiteral("computeHours"), round2(r.computeHours)},
                         {QStringLiteral("computeCalendarDays"), round2(r.computeCalendarDays)},
                         {QStringLiteral("labourUtilisation"), round2(r.labourUtilisation)},
                         {QStringLiteral("computeUtilisation"), round2(r.computeUtilisation)}}},
            {QStringLiteral("risk"),
             QJsonObject{{QStringLiteral("iterations"), p.iterations},
                         {QStringLiteral("seed"), double(p.seed)},
                         {QStringLiteral("p50"), round2(rep.risk.p50)},
                         {QStringLiteral("p80"), round2(rep.risk.p80)},
                         {QStringLiteral("p90"), round2(rep.risk.p90)},
                         {QStringLiteral("finishP50"), rep.risk.finishP50.toString(Qt::ISODate)},
                         {QStringLiteral("finishP80"), rep.risk.finishP80.toString(Qt::ISODate)},
                         {QStringLiteral("finishP90"), rep.risk.finishP90.toString(Qt::ISODate)},
                         {QStringLiteral("onTimeProbability"), round2(rep.risk.onTimeProbability)}}},
            {QStringLiteral("tornado"), tornado}});
    }
    QJsonArray breakEven;
    const QList<Scenario>& all = p.scenarios;
    for (int i = 1; i < all.size() && only.isEmpty(); ++i) {
        const BreakEven be = model.breakEven(all[0], all[i]);
        breakEven.append(QJsonObject{
            {QStringLiteral("baseline"), all[0].name},
            {QStringLiteral("scenario"), all[i].name},
            {QStringLiteral("found"), be.found},
            {QStringLiteral("frames"), be.found ? QJsonValue(std::round(be.frames)) : QJsonValue()}});
    }
    QJsonObject out{{QStringLiteral("production"), p.name},
                    {QStringLiteral("currency"), p.currency},
                    {QStringLiteral("shots"), int(p.shots.size())},
                    {QStringLiteral("frames"), double(p.totalFrames())},
                    {QStringLiteral("scenarios"), scenarios}};
    if (only.isEmpty()) out[QStringLiteral("breakEven")] = breakEven;
    return out;
}

QString budgetReportCsv(const CostModel& model, const QString& only) {
    const Production& p = model.production();
    QString out;
    QTextStream ts(&out);
    ts << "scenario,currency,labour,compute,storage,overhead,total,per_shot,per_frame,finish,deadline,slack_"
          "working_days,"
          "compute_hours,p50,p80,p90,finish_p50,finish_p80,finish_p90,on_time_probability\n";
    auto csv = [](const QString& s) {
        return s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"'))
                   ? QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
                         QLatin1Char('"')
                   : s;
    };
    for (const Scenario* s : selected(model, only)) {
        const ScenarioReport rep = reportScenario(model, *s);
        const ScenarioResult& r = rep.result;
        auto num = [](double v) { return QString::number(v, 'f', 2); };
        ts << csv(s->name) << ',' << p.currency << ',' << num(r.labour) << ',' << num(r.compute) << ','
           << num(r.storage) << ',' << num(r.overhead) << ',' << num(r.total()) << ',' << num(r.perShot)
           << ',' << num(r.perFrame) << ',' << r.finish.toString(Qt::ISODate) << ','
           << p.deadline.toString(Qt::ISODate) << ',' << r.slackWorkingDays << ',' << num(r.computeHours)
           << ',' << num(rep.risk.p50) << ',' << num(rep.risk.p80) << ',' << num(rep.risk.p90) << ','
           << rep.risk.finishP50.toString(Qt::ISODate) << ',' << rep.risk.finishP80.toString(Qt::ISODate)
           << ',' << rep.risk.finishP90.toString(Qt::ISODate) << ',' << num(rep.risk.onTimeProbability)
           << '\n';
    }
    return out;
}

QString budgetReportText(const CostModel& model, const QString& only, const QLocale& locale) {
    const Production& p = model.production();
    QString out;
    QTextStream ts(&out);
    auto money = [&](double v) { return formatMoney(locale, v, p.currency); };
    ts << p.name << " - "
       << BudgetReportTr::tr("%1 shots, %2 frames; %3 to %4")
              .arg(p.shots.size())
              .arg(p.totalFrames())
              .arg(p.start.toString(Qt::ISODate), p.deadline.toString(Qt::ISODate))
       << "\n";
    for (const Scenario* s : selected(model, only)) {
        const ScenarioReport rep = reportScenario(model, *s);
        const ScenarioResult& r = rep.result;
        ts << "\n" << s->name << "\n";
        ts << "  "
           << BudgetReportTr::tr("labour %1, compute %2, storage %3, overhead %4")
                  .arg(money(r.labour), money(r.compute), money(r.storage), money(r.overhead))
           << "\n";
        ts << "  "
           << BudgetReportTr::tr("total %1 (%2 per shot, %3 per frame)")
                  .arg(money(r.total()), money(r.perShot), formatMoney(locale, r.perFrame, p.currency, 2))
           << "\n";
        ts << "  "
           << BudgetReportTr::tr(
                  "schedule: finishes %1, %2 working days %3 the deadline; %4 device-hours (%5 days on the "
                  "units)")
                  .arg(r.finish.toString(Qt::ISODate))
                  .arg(qAbs(r.slackWorkingDays))
                  .arg(r.meetsDeadline ? BudgetReportTr::tr("before") : BudgetReportTr::tr("after"))
                  .arg(locale.toString(r.computeHours, 'f', 1),
                       locale.toString(r.computeCalendarDays, 'f', 2))
           << "\n";
        ts << "  "
           << BudgetReportTr::tr(
                  "risk (%1 runs, seed %2): P50 %3, P80 %4, P90 %5; finish P50 %6, P90 %7; on time %8%")
                  .arg(p.iterations)
                  .arg(p.seed)
                  .arg(money(rep.risk.p50), money(rep.risk.p80), money(rep.risk.p90),
                       rep.risk.finishP50.toString(Qt::ISODate), rep.risk.finishP90.toString(Qt::ISODate),
                       locale.toString(rep.risk.onTimeProbability * 100, 'f', 0))
           << "\n";
        if (!rep.tornado.isEmpty())
            ts << "  "
               << BudgetReportTr::tr("moves the total most: %1 (%2 to %3)")
                      .arg(rep.tornado.first().label, money(rep.tornado.first().low),
                           money(rep.tornado.first().high))
               << "\n";
    }
    if (only.isEmpty()) {
        for (int i = 1; i < p.scenarios.size(); ++i) {
            const BreakEven be = model.breakEven(p.scenarios[0], p.scenarios[i]);
            ts << "\n"
               << (be.found ? BudgetReportTr::tr("break-even: %1 is cheaper than %2 from %3 pass frames")
                                  .arg(p.scenarios[i].name, p.scenarios[0].name,
                                       locale.toString(std::round(be.frames), 'f', 0))
                            : BudgetReportTr::tr(
                                  "break-even: %1 is not cheaper than %2 up to ten times this production")
                                  .arg(p.scenarios[i].name, p.scenarios[0].name));
        }
        ts << "\n";
    }
    return out;
}

}  // namespace rushes::cost
