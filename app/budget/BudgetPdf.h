#pragma once
// The budget report a planner hands over: figures, comparison and charts in one PDF.
#include <QImage>
#include <QLocale>
#include <QString>

#include "cost/CostModel.h"

namespace rushes::budget {

bool writeBudgetPdf(const QString& path, const cost::CostModel& model, const QLocale& locale, QString* error);
// The same pages painted on an image, to look at without a PDF viewer.
QImage budgetReportImage(const cost::CostModel& model, const QLocale& locale);

}  // namespace rushes::budget
