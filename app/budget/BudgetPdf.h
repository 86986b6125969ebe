#pragma once
// The budget report a planner hands over: figures, comparison and charts in one PDF.
#include <QLocale>
#include <QString>

#include "cost/CostModel.h"

namespace rushes::budget {

bool writeBudgetPdf(const QString& path, const cost::CostModel& model, const QLocale& locale, QString* error);

}  // namespace rushes::budget
