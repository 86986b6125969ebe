// The playback benchmark's witness: stall_probe's output as the benchmark reads it, and which
// long frame intervals it matches. The format is checked against the real probe's output.
#include <QProcess>
#include <QtTest>

#include "viewer/PlaybackBenchmark.h"

using rushes::viewer::parseProbeStalls;
using rushes::viewer::ProbeStall;
using rushes::viewer::probeStallWithin;

class TestPlaybackBenchmark : public QObject {
    Q_OBJECT
private slots:
    void readsTheProbesLines() {
        const QString out = QStringLiteral(
            "stall_probe: from 100.000 s steady clock, 3 s, 2 thread(s)\n"
            "stall_probe: 598 ticks; medians: wake-up 0.100 ms late, 1 MiB copy 0.080 ms, loop 0.218 ms\n"
            "  at 101.250 s (+1.25 s): wake-up 30.0 ms late, copy 0.10 ms, loop 0.22 ms, cpu 0\n"
            "  at 102.000 s (+2.00 s): wake-up 0.1 ms late, copy 45.50 ms, loop 0.30 ms, cpu 1\n"
            "stall_probe: 2 ticks off\n");
        const std::vector<ProbeStall> s = parseProbeStalls(out);
        QCOMPARE(s.size(), size_t(2));
        // The first: due 30 ms before it woke, done 0.32 ms after.
        QVERIFY(std::abs(s[0].dueS - 101.220) < 1e-9);
        QVERIFY(std::abs(s[0].endS - 101.25032) < 1e-9);
        QCOMPARE(s[0].worstMs, 30.0);
        QVERIFY(std::abs(s[1].dueS - 101.9999) < 1e-9);
        QVERIFY(std::abs(s[1].endS - 102.0458) < 1e-9);
        QCOMPARE(s[1].worstMs, 45.5);

        // A 120-ms interval ending at 101.3 s overlaps the first; one ending at 101.2 s does not.
        QCOMPARE(probeStallWithin(s, 101.18, 101.30), 30.0);
        QCOMPARE(probeStallWithin(s, 101.08, 101.20), 0.0);
        QCOMPARE(probeStallWithin(s, 101.0, 102.5), 45.5);  // the worst of both
        QCOMPARE(probeStallWithin({}, 0, 1e9), 0.0);
    }

    void readsEveryLineTheRealProbePrints() {
        // --all prints every tick in the form of the ticks that are off: each must be read.
        QProcess p;
        p.start(QStringLiteral(RUSHES_STALL_PROBE), {QStringLiteral("0.3"), QStringLiteral("--all")});
        QVERIFY2(p.waitForFinished(20000), qPrintable(p.errorString()));
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
        const qsizetype lines = out.count(QStringLiteral("\n  at "));
        QVERIFY2(lines >= 10, qPrintable(out));  // 10-ms ticks for 0.3 s, per processor
        const std::vector<ProbeStall> s = parseProbeStalls(out);
        QCOMPARE(qsizetype(s.size()), lines);
        for (const ProbeStall& t : s) {
            QVERIFY(t.dueS <= t.endS);
            QVERIFY(t.worstMs >= 0);
        }
        QVERIFY(out.contains(QStringLiteral("ticks shown")));
        // Bad arguments: a message and exit code 2.
        p.start(QStringLiteral(RUSHES_STALL_PROBE), {QStringLiteral("0")});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("usage"));
    }
};

QTEST_GUILESS_MAIN(TestPlaybackBenchmark)
#include "tst_playback_benchmark.moc"
