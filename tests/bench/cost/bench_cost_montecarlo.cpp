// 10,000-iteration Monte Carlo of a 500-shot production, on 1 and 2 threads, against the anchor:
// the straightforward Monte Carlo that re-prices every shot in every iteration (CostModel::evaluate
// with sampled inputs), in the same run on the same production.
#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <cstring>
#include <random>

#include "cost/CostModel.h"
#include "cost/ProductionFormat.h"

using namespace rushes::cost;

namespace {

Production fiveHundredShots() {
    Production p = exampleProduction();
    const QList<Shot> base = p.shots;
    p.shots.clear();
    for (int i = 0; i < 500; ++i) {
        Shot s = base[i % base.size()];
        s.name = QStringLiteral("SH_%1").arg(i, 4, 10, QLatin1Char('0'));
        s.frames = 48 + (i * 37) % 250;
        p.shots.append(s);
    }
    p.deadline = p.start.addDays(365);
    return p;
}

template <typename F>
double bestMs(int runs, F&& f) {
    double best = 1e300;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        f();
        best = qMin(best, t.nsecsElapsed() / 1e6);
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool full = argc > 1 && std::strcmp(argv[1], "--full") == 0;
    const int iterations = full ? 10000 : 1000;
    const int anchorIterations = full ? 1000 : 100;  // the anchor is slow: time fewer and scale
    const Production p = fiveHundredShots();
    if (!validate(p).isEmpty()) {
        std::fprintf(stderr, "bench: the generated production is not valid\n");
        return 1;
    }
    const CostModel model(p);
    const Scenario& s = *p.scenario(QStringLiteral("Hybrid"));
    RiskResult r1, r2;
    const double one = bestMs(5, [&] { r1 = model.monteCarlo(s, iterations, 42, 1); });
    const double two = bestMs(5, [&] { r2 = model.monteCarlo(s, iterations, 42, 2); });
    if (r1.costs != r2.costs) {
        std::fprintf(stderr, "bench: 1 and 2 threads disagree\n");
        return 1;
    }
    // Anchor: sample the same inputs, re-price the whole production (all 500 shots) each time.
    const QList<UncertainInput> inputs = model.uncertainInputs(s);
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0, 1);
    double sink = 0;
    const double anchor = bestMs(3,
                                 [&] {
                                     for (int i = 0; i < anchorIterations; ++i) {
                                         QVector<double> v;
                                         for (const UncertainInput& in : inputs)
                                             v.append(in.range.quantile(u(rng)));
                                         sink += model.evaluate(s, v).total();
                                     }
                                 }) *
                          iterations / anchorIterations;
    std::printf("Monte Carlo, %lld shots, %d iterations (%s run), best of 5\n", qlonglong(p.shots.size()),
                iterations, full ? "full" : "smoke");
    std::printf("  rushes, 1 thread : %8.2f ms\n", one);
    std::printf("  rushes, 2 threads: %8.2f ms   (goal < 100 ms for 10,000 on 2 cores)\n", two);
    std::printf("  anchor (re-price every shot each iteration, 1 thread): %8.1f ms (timed %d, scaled)\n",
                anchor, anchorIterations);
    std::printf("  ratio anchor / rushes 2 threads: %.0fx\n", anchor / two);
    std::printf("  P50 %.0f  P80 %.0f  P90 %.0f %s (checksum %.0f)\n", r2.p50, r2.p80, r2.p90,
                qPrintable(p.currency), sink);
    return full && two >= 100 ? 1 : 0;
}
