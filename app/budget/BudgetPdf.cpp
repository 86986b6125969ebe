#include "BudgetPdf.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

#include <algorithm>
#include <functional>

#include "cost/BudgetReport.h"

namespace rushes::budget {
namespace {

using namespace rushes::cost;

// Text in the report: lupdate (translations/) files BudgetPdfTr::tr("...") calls under the macro's
// context, the one they are looked up under at run time.
struct BudgetPdfTr {
    Q_DECLARE_TR_FUNCTIONS(BudgetPdf)
};

const QColor kCategory[] = {QColor(0x3b, 0x82, 0xc4), QColor(0xe0, 0x8a, 0x2e), QColor(0x5b, 0xa5, 0x6b),
                            QColor(0x9a, 0x8f, 0xbf)};
const QColor kInk(0x22, 0x22, 0x22), kMuted(0x77, 0x77, 0x77), kRule(0xcc, 0xcc, 0xcc);

void heading(QPainter& p, qreal& y, const QString& text, qreal left) {
    QFont f = p.font();
    f.setPointSizeF(12);
    f.setBold(true);
    p.setFont(f);
    p.setPen(kInk);
    p.drawText(QPointF(left, y), text);
    y += 8;
    f.setPointSizeF(8.5);
    f.setBold(false);
    p.setFont(f);
}

// Stacked bars of cost by category, one per scenario.
void categoryChart(QPainter& p, const QRectF& r, const QList<ScenarioResult>& res, const QLocale& loc,
                   const QString& cur) {
    double max = 0;
    for (const ScenarioResult& s : res) max = std::max(max, s.total());
    if (max <= 0) return;
    const qreal barW = r.width() / (res.size() * 1.6 + 0.6);
    const qreal plotH = r.height() - 30;
    p.setPen(kRule);
    p.drawLine(QPointF(r.left(), r.top() + plotH), QPointF(r.right(), r.top() + plotH));
    for (int i = 0; i < res.size(); ++i) {
        const qreal x = r.left() + barW * (0.6 + i * 1.6);
        qreal yy = r.top() + plotH;
        const double parts[] = {res[i].labour, res[i].compute, res[i].storage, res[i].overhead};
        for (int c = 0; c < 4; ++c) {
            const qreal h = parts[c] / max * (plotH - 14);
            p.fillRect(QRectF(x, yy - h, barW, h), kCategory[c]);
            yy -= h;
        }
        p.setPen(kInk);
        p.drawText(QRectF(x - barW * 0.3, yy - 13, barW * 1.6, 12), Qt::AlignCenter,
                   formatMoney(loc, res[i].total(), cur));
        p.drawText(QRectF(x - barW * 0.3, r.top() + plotH + 2, barW * 1.6, 12), Qt::AlignCenter,
                   res[i].scenario);
    }
    const QString names[] = {BudgetPdfTr::tr("Labour"), BudgetPdfTr::tr("Compute"),
                             BudgetPdfTr::tr("Storage"), BudgetPdfTr::tr("Overhead")};
    qreal lx = r.left();
    for (int c = 0; c < 4; ++c) {
        p.fillRect(QRectF(lx, r.bottom() - 9, 8, 8), kCategory[c]);
        p.setPen(kInk);
        p.drawText(QPointF(lx + 11, r.bottom() - 1), names[c]);
        lx += 75;
    }
}

void tornadoChart(QPainter& p, const QRectF& r, const QList<TornadoBar>& bars, double base,
                  const QLocale& loc, const QString& cur) {
    if (bars.isEmpty()) return;
    double span = 0;
    for (const TornadoBar& b : bars) span = std::max({span, std::abs(b.low - base), std::abs(b.high - base)});
    if (span <= 0) span = 1;
    const qreal labelW = 150, mid = r.left() + labelW + (r.width() - labelW) / 2,
                half = (r.width() - labelW) / 2 - 50;
    const int n = int(std::min<qsizetype>(bars.size(), 8));
    const qreal rowH = r.height() / n;
    for (int i = 0; i < n; ++i) {
        const TornadoBar& b = bars[i];
        const qreal y = r.top() + i * rowH;
        p.setPen(kInk);
        p.drawText(QRectF(r.left(), y, labelW - 6, rowH), Qt::AlignRight | Qt::AlignVCenter, b.label);
        for (const double v : {b.low, b.high}) {
            const qreal w = (v - base) / span * half;
            p.fillRect(QRectF(w < 0 ? mid + w : mid, y + rowH * 0.2, std::abs(w), rowH * 0.6),
                       v == b.low ? kCategory[0] : kCategory[1]);
        }
        p.setPen(kMuted);
        p.drawText(QRectF(mid + half + 4, y, 60, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                   formatMoney(loc, b.swing(), cur));
    }
    p.setPen(kRule);
    p.drawLine(QPointF(mid, r.top()), QPointF(mid, r.bottom()));
    p.fillRect(QRectF(r.left(), r.bottom() + 4, 8, 8), kCategory[0]);
    p.fillRect(QRectF(r.left() + 120, r.bottom() + 4, 8, 8), kCategory[1]);
    p.setPen(kInk);
    p.drawText(QPointF(r.left() + 11, r.bottom() + 12), BudgetPdfTr::tr("input at its minimum"));
    p.drawText(QPointF(r.left() + 131, r.bottom() + 12), BudgetPdfTr::tr("input at its maximum"));
    p.setPen(kMuted);
    p.drawText(QRectF(mid + half + 4, r.bottom() + 2, 60, 12), Qt::AlignLeft, BudgetPdfTr::tr("swing"));
}

void sCurveChart(QPainter& p, const QRectF& r, const RiskResult& risk, const QLocale& loc,
                 const QString& cur) {
    if (risk.costs.size() < 2) return;
    const double lo = risk.costs.first(), hi = std::max(risk.costs.last(), lo + 1);
    const qreal plotH = r.height() - 16;
    auto X = [&](double c) { return r.left() + (c - lo) / (hi - lo) * r.width(); };
    QPainterPath path;
    const int n = int(risk.costs.size());
    for (int k = 0; k <= 100; ++k) {
        const int i = std::min(n - 1, k * (n - 1) / 100);
        const QPointF pt(X(risk.costs[i]), r.top() + plotH * (1 - double(i + 1) / n));
        k == 0 ? path.moveTo(pt) : path.lineTo(pt);
    }
    p.setPen(kRule);
    p.drawRect(QRectF(r.left(), r.top(), r.width(), plotH));
    p.setPen(QPen(kCategory[0], 1.6));
    p.drawPath(path);
    for (const auto& [pct, v] : {std::pair{50, risk.p50}, std::pair{80, risk.p80}, std::pair{90, risk.p90}}) {
        const qreal x = X(v), y = r.top() + plotH * (1 - pct / 100.0);
        p.setPen(QPen(kCategory[1], 0.8, Qt::DashLine));
        p.drawLine(QPointF(x, r.top() + plotH), QPointF(x, y));
        p.setPen(kInk);
        p.drawText(QPointF(x + 3, y + 3), QStringLiteral("P%1 %2").arg(pct).arg(formatMoney(loc, v, cur)));
    }
    p.setPen(kMuted);
    p.drawText(QPointF(r.left(), r.bottom()), formatMoney(loc, lo, cur));
    p.drawText(QRectF(r.right() - 120, r.bottom() - 10, 120, 12), Qt::AlignRight, formatMoney(loc, hi, cur));
}

}  // namespace

void paintBudgetReport(QPainter& p, const CostModel& model, const QLocale& loc,
                       const std::function<void()>& newPage) {
    const Production& prod = model.production();
    const qreal left = 40, width = 515;
    qreal y = 50;
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(18);
    f.setBold(true);
    p.setFont(f);
    p.setPen(kInk);
    p.drawText(QPointF(left, y), prod.name);
    y += 18;
    f.setPointSizeF(9);
    f.setBold(false);
    p.setFont(f);
    p.setPen(kMuted);
    p.drawText(QPointF(left, y), BudgetPdfTr::tr("%1 shots, %2 frames · %3 to %4 · %5 · report of %6")
                                     .arg(prod.shots.size())
                                     .arg(loc.toString(prod.totalFrames()))
                                     .arg(loc.toString(prod.start, QLocale::ShortFormat),
                                          loc.toString(prod.deadline, QLocale::ShortFormat), prod.currency,
                                          loc.toString(QDateTime::currentDateTime(), QLocale::ShortFormat)));
    y += 26;

    QList<ScenarioResult> results;
    QList<ScenarioReport> reports;
    for (const Scenario& s : prod.scenarios) {
        reports.append(reportScenario(model, s));
        results.append(reports.last().result);
    }
    heading(p, y, BudgetPdfTr::tr("Totals by scenario"), left);
    const QStringList cols{
        BudgetPdfTr::tr("Scenario"), BudgetPdfTr::tr("Labour"),   BudgetPdfTr::tr("Compute"),
        BudgetPdfTr::tr("Storage"),  BudgetPdfTr::tr("Overhead"), BudgetPdfTr::tr("Total"),
        BudgetPdfTr::tr("Finish"),   BudgetPdfTr::tr("P50"),      BudgetPdfTr::tr("P90")};
    const qreal colW[] = {80, 58, 55, 50, 55, 62, 55, 50, 50};
    auto row = [&](const QStringList& cells, bool bold) {
        QFont rf = p.font();
        rf.setBold(bold);
        p.setFont(rf);
        qreal x = left;
        for (int i = 0; i < cells.size(); ++i) {
            p.drawText(QRectF(x, y, colW[i] - 4, 14),
                       (i == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, cells[i]);
            x += colW[i];
        }
        y += 15;
        p.setPen(kRule);
        p.drawLine(QPointF(left, y - 1), QPointF(left + width, y - 1));
        p.setPen(kInk);
        rf.setBold(false);
        p.setFont(rf);
    };
    p.setPen(kInk);
    row(cols, true);
    for (int i = 0; i < results.size(); ++i) {
        const ScenarioResult& r = results[i];
        row({r.scenario, formatMoney(loc, r.labour, prod.currency),
             formatMoney(loc, r.compute, prod.currency), formatMoney(loc, r.storage, prod.currency),
             formatMoney(loc, r.overhead, prod.currency), formatMoney(loc, r.total(), prod.currency),
             loc.toString(r.finish, QLocale::ShortFormat),
             formatMoney(loc, reports[i].risk.p50, prod.currency),
             formatMoney(loc, reports[i].risk.p90, prod.currency)},
            false);
    }
    y += 18;
    heading(p, y, BudgetPdfTr::tr("Cost by category"), left);
    categoryChart(p, QRectF(left, y, width, 190), results, loc, prod.currency);
    y += 210;

    int best = 0;
    for (int i = 1; i < results.size(); ++i)
        if (results[i].total() < results[best].total()) best = i;
    heading(p, y, BudgetPdfTr::tr("What moves the total most: %1").arg(results[best].scenario), left);
    QList<TornadoBar> moving;
    for (const TornadoBar& b : reports[best].tornado)
        if (b.swing() > 0) moving.append(b);
    tornadoChart(p, QRectF(left, y, width, 150), moving, results[best].total(), loc, prod.currency);
    y += 185;
    heading(p, y,
            BudgetPdfTr::tr("Risk: %1 (S-curve of the total, %2 runs, seed %3)")
                .arg(results[best].scenario)
                .arg(prod.iterations)
                .arg(prod.seed),
            left);
    sCurveChart(p, QRectF(left, y, width, 130), reports[best].risk, loc, prod.currency);

    newPage();
    y = 50;
    heading(p, y, BudgetPdfTr::tr("Side by side"), left);
    const QList<ComparisonRow> cmp = model.compare(loc);
    const qreal labelW = 110, cellW = (width - labelW) / std::max<qsizetype>(1, prod.scenarios.size());
    p.setPen(kInk);
    QFont bf = p.font();
    bf.setBold(true);
    p.setFont(bf);
    for (int i = 0; i < prod.scenarios.size(); ++i)
        p.drawText(QRectF(left + labelW + i * cellW, y, cellW - 6, 14), Qt::AlignLeft,
                   prod.scenarios[i].name);
    bf.setBold(false);
    p.setFont(bf);
    y += 18;
    for (const ComparisonRow& r : cmp) {
        qreal h = std::max<qreal>(
            14, p.boundingRect(QRectF(left, y, labelW - 6, 200), Qt::TextWordWrap, r.label).height());
        for (int i = 0; i < r.cells.size(); ++i) {
            const QRectF box(left + labelW + i * cellW, y, cellW - 6, 200);
            h = std::max(h, p.boundingRect(box, Qt::TextWordWrap, r.cells[i]).height());
        }
        p.setPen(kMuted);
        p.drawText(QRectF(left, y, labelW - 6, h), Qt::TextWordWrap, r.label);
        p.setPen(kInk);
        for (int i = 0; i < r.cells.size(); ++i)
            p.drawText(QRectF(left + labelW + i * cellW, y, cellW - 6, h), Qt::TextWordWrap, r.cells[i]);
        y += h + 6;
        p.setPen(kRule);
        p.drawLine(QPointF(left, y - 3), QPointF(left + width, y - 3));
    }
    y += 20;
    heading(p, y, BudgetPdfTr::tr("Break-even"), left);
    p.setPen(kInk);
    for (int i = 1; i < prod.scenarios.size(); ++i) {
        const BreakEven be = model.breakEven(prod.scenarios[0], prod.scenarios[i]);
        p.drawText(
            QPointF(left, y + 4),
            be.found
                ? BudgetPdfTr::tr("%1 is cheaper than %2 from %3 pass frames (this production: %4)")
                      .arg(prod.scenarios[i].name, prod.scenarios[0].name,
                           loc.toString(std::round(be.frames), 'f', 0),
                           loc.toString(be.curve.size() > 1 ? be.curve[be.curve.size() / 10].frames : 0.0,
                                        'f', 0))
                : BudgetPdfTr::tr("%1 is not cheaper than %2 up to ten times this production")
                      .arg(prod.scenarios[i].name, prod.scenarios[0].name));
        y += 14;
    }
    y += 16;
    p.setPen(kMuted);
    p.drawText(
        QRectF(left, y, width, 60), Qt::TextWordWrap,
        BudgetPdfTr::tr(
            "Every figure here is reproducible with: rushes-cli budget FILE --json, where FILE is this "
            "production "
            "exported as JSON. Prices and throughput sources are recorded in the file's "
            "compute.hardware entries."));
}

bool writeBudgetPdf(const QString& path, const CostModel& model, const QLocale& loc, QString* error) {
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(72);  // painter units are points: A4 is 595 x 842
    writer.setTitle(BudgetPdfTr::tr("Budget: %1").arg(model.production().name));
    writer.setCreator(QStringLiteral("Rushes"));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter p;
    if (!p.begin(&writer)) {
        if (error) *error = BudgetPdfTr::tr("%1: cannot write the PDF").arg(path);
        return false;
    }
    paintBudgetReport(p, model, loc, [&] { writer.newPage(); });
    p.end();
    if (!QFile::exists(path) || QFileInfo(path).size() == 0) {
        if (error) *error = BudgetPdfTr::tr("%1: the PDF was not written").arg(path);
        return false;
    }
    return true;
}

QImage budgetReportImage(const CostModel& model, const QLocale& loc) {
    QImage img(595 * 2, 842 * 4, QImage::Format_RGB32);  // two A4 pages at 144 dpi, one above the other
    img.setDotsPerMeterX(2835);  // 72 dpi, as the PDF: fonts in points come out the same size
    img.setDotsPerMeterY(2835);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(2, 2);
    paintBudgetReport(p, model, loc, [&] {
        p.translate(0, 842);
        p.setPen(QColor(0xcc, 0xcc, 0xcc));
        p.drawLine(QPointF(0, 0), QPointF(595, 0));
    });
    return img;
}

}  // namespace rushes::budget
