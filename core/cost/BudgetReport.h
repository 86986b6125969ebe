#pragma once
// The figures the panels show, as one JSON report or CSV table: `rushes-cli budget` prints them,
// the panel exports them, both from the same CostModel.
#include <QJsonObject>
#include <QString>

#include "cost/CostModel.h"

namespace rushes::cost {

struct ScenarioReport {
    ScenarioResult result;
    RiskResult risk;
    QList<TornadoBar> tornado;
};

// Evaluates, runs the Monte Carlo (the production's iterations and seed) and the tornado.
ScenarioReport reportScenario(const CostModel& model, const Scenario& s);

// `only` empty: every scenario. The break-even compares the first scenario with each other one.
QJsonObject budgetReportJson(const CostModel& model, const QString& only = {});
QString budgetReportCsv(const CostModel& model, const QString& only = {});
QString budgetReportText(const CostModel& model, const QString& only = {}, const QLocale& locale = QLocale());

}  // namespace rushes::cost
