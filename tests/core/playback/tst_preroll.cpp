// Pre-roll: frames to cache before the clock starts, worked by hand.
#include <QtTest>

#include "playback/Preroll.h"

using namespace rushes::playback;

class TestPreroll : public QObject {
    Q_OBJECT
private slots:
    void worked_data() {
        QTest::addColumn<qint64>("toPlay");
        QTest::addColumn<double>("playFps");
        QTest::addColumn<double>("decodeFps");
        QTest::addColumn<qint64>("window");
        QTest::addColumn<qint64>("expected");
        // Decoders as fast as play or faster: only the first frame.
        QTest::newRow("faster") << qint64(1440) << 24.0 << 100.0 << qint64(96) << qint64(1);
        QTest::newRow("equal") << qint64(1440) << 24.0 << 24.0 << qint64(96) << qint64(1);
        // Not measured yet (nothing decoded): the first frame, then a second look.
        QTest::newRow("unmeasured") << qint64(1440) << 24.0 << 0.0 << qint64(96) << qint64(1);
        // 8 frames at 24/s with 15/s decoded: 8 (1 - 15/24) = 3, and one for the frame in flight.
        QTest::newRow("beachball") << qint64(8) << 24.0 << 15.0 << qint64(96) << qint64(4);
        // 100 frames at 24/s, 18/s decoded: 100 * 6/24 = 25, plus one.
        QTest::newRow("quarter short") << qint64(100) << 24.0 << 18.0 << qint64(96) << qint64(26);
        // 1440 frames at 24/s, 13/s decoded: 660 + 1, but the cache keeps 96 ahead.
        QTest::newRow("window") << qint64(1440) << 24.0 << 13.0 << qint64(96) << qint64(96);
        // A range shorter than the window: never more than it holds.
        QTest::newRow("all of it") << qint64(8) << 1000.0 << 15.0 << qint64(96) << qint64(8);
        // 4x shuttle of a source decoded at 30/s: 48 (1 - 30/96) = 33, plus one.
        QTest::newRow("shuttle") << qint64(48) << 96.0 << 30.0 << qint64(96) << qint64(34);
        // An exact product stays exact: 10 (1 - 12/24) = 5, plus one.
        QTest::newRow("exact") << qint64(10) << 24.0 << 12.0 << qint64(96) << qint64(6);
        QTest::newRow("one frame") << qint64(1) << 24.0 << 1.0 << qint64(96) << qint64(1);
    }
    void worked() {
        QFETCH(qint64, toPlay);
        QFETCH(double, playFps);
        QFETCH(double, decodeFps);
        QFETCH(qint64, window);
        QFETCH(qint64, expected);
        QCOMPARE(prerollFrames({toPlay, playFps, decodeFps, window}), expected);
    }

    // The bound holds at every frame of the play, not only at its end: frame j is due j/p seconds
    // after the start, when the k cached then and the d j/p decoded since cover frames 0..j.
    void neverRunsDry() {
        for (double d : {1.0, 5.0, 13.0, 20.0, 23.9})
            for (qint64 n : {1, 2, 8, 24, 95}) {
                const double p = 24.0;
                const qint64 k = prerollFrames({n, p, d, 1000});
                for (qint64 j = 0; j < n; ++j)
                    QVERIFY2(double(k) + d * double(j) / p >= double(j + 1) - 1e-9,
                             qPrintable(QStringLiteral("d %1 n %2 j %3 k %4").arg(d).arg(n).arg(j).arg(k)));
            }
    }
};

QTEST_GUILESS_MAIN(TestPreroll)
#include "tst_preroll.moc"
