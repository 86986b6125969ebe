// The playback clock: exact rational rates, loop modes, audio as master, no drift over an hour.
#include <QtTest>

#include "playback/PlaybackClock.h"

using namespace rushes::playback;

class TestPlaybackClock : public QObject {
    Q_OBJECT
private slots:
    void rationalRates_data() {
        QTest::addColumn<qint64>("num");
        QTest::addColumn<qint64>("den");
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<qint64>("frames");
        // Worked by hand: floor(t * num / den).
        QTest::newRow("24 at 1 s") << qint64(24) << qint64(1) << qint64(1000000) << qint64(24);
        QTest::newRow("23.976 at 1 s") << qint64(24000) << qint64(1001) << qint64(1000000) << qint64(23);
        QTest::newRow("23.976 at 1001/24 s") << qint64(24000) << qint64(1001) << qint64(41708333) << qint64(999);
        QTest::newRow("23.976 exactly at 1001/24 s") << qint64(24000) << qint64(1001) << qint64(41708334) << qint64(1000);
        QTest::newRow("29.97 at 1 h") << qint64(30000) << qint64(1001) << qint64(3600000000) << qint64(107892);
        QTest::newRow("23.976 at 1 h") << qint64(24000) << qint64(1001) << qint64(3600000000) << qint64(86313);
        QTest::newRow("25 just before frame 2") << qint64(25) << qint64(1) << qint64(79999) << qint64(1);
        QTest::newRow("59.94 at 10 h") << qint64(60000) << qint64(1001) << qint64(36000000000) << qint64(2157842);
    }
    void rationalRates() {
        QFETCH(qint64, num);
        QFETCH(qint64, den);
        QFETCH(qint64, micros);
        QFETCH(qint64, frames);
        QCOMPARE(framesForMicros(micros, {num, den}), frames);
        ManualTimeSource t;
        PlaybackClock clock(&t);
        clock.setRate({num, den});
        clock.setRange(0, 100000000);
        clock.setLoopMode(LoopMode::Once);
        clock.start();
        t.advance(micros);
        QCOMPARE(clock.frame(), frames);
    }

    void frameTimesRoundTrip() {
        const Rational r{24000, 1001};
        for (qint64 f : {0, 1, 2, 23, 24, 1000, 86313}) {
            const qint64 us = microsForFrames(f, r);
            QVERIFY(framesForMicros(us + 1, r) == f);
            if (f > 0) QCOMPARE(framesForMicros(us - 1, r), f - 1);
        }
    }

    // Ticks of uneven length, as a render loop gives them, summing to one hour.
    void noDriftOverAnHour() {
        ManualTimeSource t;
        PlaybackClock clock(&t);
        clock.setRate({24000, 1001});
        clock.setRange(0, 10000000);
        clock.start();
        qint64 last = 0;
        qint64 elapsed = 0;
        int i = 0;
        const qint64 hour = 3600000000;
        while (elapsed < hour) {
            const qint64 step = std::min<qint64>(hour - elapsed, 16000 + (i++ % 7) * 311);
            t.advance(step);
            elapsed += step;
            const qint64 f = clock.frame();
            QVERIFY(f >= last);
            QVERIFY(f - last <= 1);  // a 60 Hz tick never skips a 24 fps frame
            last = f;
        }
        QCOMPARE(last, qint64(86313));
        // A naive accumulator in float seconds per frame drifts; ours is exact.
        QCOMPARE(clock.frameAt(hour).frame, qint64(3600 * 24000 / 1001));
    }

    // Audio is the master: the picture follows what the device has played, not the wall clock.
    void audioMaster() {
        ManualTimeSource system;
        ManualTimeSource audio;  // e.g. QAudioSink::processedUSecs
        PlaybackClock clock(&system);
        clock.setRate({24, 1});
        clock.setRange(0, 100000);
        clock.seek(100);
        system.set(5000000);
        audio.set(0);
        clock.setTimeSource(&audio);
        clock.start();
        // The device runs 0.1% slow against the wall clock for 60 s.
        for (int s = 1; s <= 60; ++s) {
            system.advance(1000000);
            audio.advance(999000);
        }
        QCOMPARE(clock.frame(), qint64(100 + 59940 * 24 / 1000));  // 59.94 s of audio -> 1438 frames
        // No audio device: falling back to the system clock keeps the frame shown.
        const qint64 shown = clock.frame();
        clock.setTimeSource(nullptr);
        QCOMPARE(clock.frame(), shown);
        QVERIFY(clock.running());
    }

    void loopModes() {
        QCOMPARE(mapToRange(10, 10, 14, LoopMode::Loop).frame, qint64(10));
        QCOMPARE(mapToRange(15, 10, 14, LoopMode::Loop).frame, qint64(10));
        QCOMPARE(mapToRange(9, 10, 14, LoopMode::Loop).frame, qint64(14));
        QCOMPARE(mapToRange(27, 10, 14, LoopMode::Loop).frame, qint64(12));
        // Ping-pong 10..14: 10 11 12 13 14 13 12 11 10 11 ...
        const qint64 expected[] = {10, 11, 12, 13, 14, 13, 12, 11, 10, 11, 12};
        for (int i = 0; i < 11; ++i) QCOMPARE(mapToRange(10 + i, 10, 14, LoopMode::PingPong).frame, expected[i]);
        QCOMPARE(mapToRange(16, 10, 14, LoopMode::Once).frame, qint64(14));
        QVERIFY(mapToRange(16, 10, 14, LoopMode::Once).finished);
        QVERIFY(!mapToRange(14, 10, 14, LoopMode::Once).finished);
    }

    void onceStopsAtOutPoint() {
        ManualTimeSource t;
        PlaybackClock clock(&t);
        clock.setRate({25, 1});
        clock.setRange(0, 49);
        clock.setLoopMode(LoopMode::Once);
        clock.start();
        t.advance(1000000);
        QCOMPARE(clock.frame(), qint64(25));
        t.advance(5000000);
        QCOMPARE(clock.frame(), qint64(49));
        QVERIFY(!clock.running());
    }

    // Play-every-frame's hold: the position runs on past the range's fold, and re-anchoring it
    // makes that position start now (a held frame is due again a whole period later).
    void positionAndAnchor() {
        ManualTimeSource t;
        PlaybackClock clock(&t);
        clock.setRate({24, 1});
        clock.setRange(10, 14);
        clock.setLoopMode(LoopMode::PingPong);
        clock.seek(12);
        QCOMPARE(clock.position(), qint64(12));
        clock.start();
        t.advance(microsForFrames(4, {24, 1}) + 1);  // rounded down: one microsecond more
        QCOMPARE(clock.position(), qint64(16));      // past the out point: ping-pong folds it to 12
        QCOMPARE(clock.frame(), qint64(12));
        clock.anchorPosition(15);  // hold at 15 (frame 13 on the way back)
        QCOMPARE(clock.frame(), qint64(13));
        t.advance(41666);  // a frame at 24 fps is 41666.67 us
        QCOMPARE(clock.position(), qint64(15));
        t.advance(1);
        QCOMPARE(clock.position(), qint64(16));
        QCOMPARE(clock.frame(), qint64(12));
        // Backwards at 2x: the step is -1 and positions fall.
        clock.setSpeed(-2);
        QCOMPARE(clock.step(), -1);
        clock.anchorPosition(13);
        t.advance(microsForFrames(1, {48, 1}) + 1);
        QCOMPARE(clock.position(), qint64(12));
        QVERIFY(clock.running());
    }

    void reverseAndSpeeds() {
        ManualTimeSource t;
        PlaybackClock clock(&t);
        clock.setRate({24, 1});
        clock.setRange(0, 1000);
        clock.seek(500);
        clock.setSpeed(-1);
        clock.start();
        t.advance(20000);  // less than a frame: reverse must not jump back at once
        QCOMPARE(clock.frame(), qint64(500));
        t.advance(980000);
        QCOMPARE(clock.frame(), qint64(476));
        clock.setSpeed(2);  // re-anchors at 476
        t.advance(500000);
        QCOMPARE(clock.frame(), qint64(500));
        clock.setSpeed(1, 2);
        t.advance(1000000);
        QCOMPARE(clock.frame(), qint64(512));
        clock.stop();
        t.advance(1000000);
        QCOMPARE(clock.frame(), qint64(512));
        clock.seek(2000);  // clamped to the out point
        QCOMPARE(clock.frame(), qint64(1000));
    }

    void nextFrameTimer() {
        ManualTimeSource t;
        PlaybackClock clock(&t);
        clock.setRate({25, 1});
        clock.setRange(0, 1000);
        clock.start();
        QCOMPARE(clock.microsUntilNextFrame(), qint64(40000));
        t.advance(30000);
        QCOMPARE(clock.microsUntilNextFrame(), qint64(10000));
    }
};

QTEST_GUILESS_MAIN(TestPlaybackClock)
#include "tst_playback_clock.moc"
