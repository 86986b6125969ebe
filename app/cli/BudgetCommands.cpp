// rushes-cli budget: the cost model without a screen, the same figures the Budget panel shows.
#include <QJsonDocument>
#include <QLocale>

#include <cstdio>

#include "CommandLine.h"
#include "Commands.h"
#include "cost/BudgetReport.h"
#include "cost/ProductionFormat.h"
#include "rushes/codecs/SmallFile.h"

namespace rushes::cli {

int budget(const QStringList& args) {
    using namespace rushes::cost;
    QString file, scenario;
    bool json = false, csv = false, example = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--example"))
            example = true;
        else if (a == QLatin1String("--json"))
            json = true;
        else if (a == QLatin1String("--csv"))
            csv = true;
        else if (a == QLatin1String("--scenario")) {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "rushes-cli budget: --scenario needs a scenario's name\n");
                return 2;
            }
            scenario = args[++i];
        } else if (a.startsWith(QLatin1String("--"))) {
            std::fprintf(stderr, "rushes-cli budget: unknown option '%s'\n", qPrintable(a));
            return 2;
        } else
            file = a;
    }
    if (example) {
        std::fputs(QJsonDocument(toJson(exampleProduction())).toJson(QJsonDocument::Indented).constData(),
                   stdout);
        return 0;
    }
    if (file.isEmpty()) {
        std::fprintf(stderr,
                     "Usage: rushes-cli budget FILE [--scenario NAME] [--json|--csv] | budget --example\n");
        return 2;
    }
    // By the argument's bytes (a name that is not UTF-8 too); a production is JSON of some kilobytes.
    const auto text = codecs::readSmallFile(nativePath(file));
    if (!text.ok()) {
        std::fprintf(stderr, "rushes-cli budget: %s: cannot read: %s\n", printableArgument(file).c_str(),
                     text.error().message.c_str());
        return 1;
    }
    const ProductionRead read = readProduction(QByteArray::fromStdString(text.value()));
    if (!read.ok()) {
        for (const FieldIssue& i : read.issues)
            std::fprintf(stderr, "rushes-cli budget: %s: %s%s%s\n", printableArgument(file).c_str(),
                         qPrintable(i.path), i.path.isEmpty() ? "" : ": ", qPrintable(i.message));
        return 1;
    }
    if (!scenario.isEmpty() && !read.production.scenario(scenario)) {
        QStringList names;
        for (const Scenario& s : read.production.scenarios) names << s.name;
        std::fprintf(stderr, "rushes-cli budget: %s: no scenario '%s' (it has: %s)\n",
                     printableArgument(file).c_str(), qPrintable(scenario),
                     qPrintable(names.join(QStringLiteral(", "))));
        return 1;
    }
    const CostModel model(read.production);
    if (json)
        std::fputs(
            QJsonDocument(budgetReportJson(model, scenario)).toJson(QJsonDocument::Indented).constData(),
            stdout);
    else if (csv)
        std::fputs(budgetReportCsv(model, scenario).toUtf8().constData(), stdout);
    else
        std::fputs(budgetReportText(model, scenario, QLocale::system()).toUtf8().constData(), stdout);
    return 0;
}

}  // namespace rushes::cli
