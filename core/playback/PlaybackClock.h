#pragma once
// The playback clock: which frame is due now, at the source's exact rational rate.
// Time comes from a TimeSource: the audio device when one plays (audio is the master),
// otherwise the system clock. QtCore only.
#include <QElapsedTimer>
#include <QtGlobal>

#include <functional>

#include "rushes/codecs/Media.h"

namespace rushes::playback {

using codecs::Rational;

// Microseconds since an arbitrary origin; monotonic while playing.
class TimeSource {
public:
    virtual ~TimeSource() = default;
    virtual qint64 nowMicros() const = 0;
};

class SystemTimeSource final : public TimeSource {
public:
    SystemTimeSource() { m_timer.start(); }
    qint64 nowMicros() const override { return m_timer.nsecsElapsed() / 1000; }

private:
    QElapsedTimer m_timer;
};

// A hand-driven source for tests and simulations.
class ManualTimeSource final : public TimeSource {
public:
    qint64 nowMicros() const override { return m_now; }
    void set(qint64 micros) { m_now = micros; }
    void advance(qint64 micros) { m_now += micros; }

private:
    qint64 m_now = 0;
};

enum class LoopMode { Loop, PingPong, Once };

// Maps an unbounded frame position onto [in, out] by the loop mode; `finished` when Once ran out.
struct RangePosition {
    qint64 frame = 0;
    bool finished = false;
};
RangePosition mapToRange(qint64 position, qint64 in, qint64 out, LoopMode mode);

// micros * rate * speed / 1e6 truncated toward zero, in exact integer arithmetic: no drift.
qint64 framesForMicros(qint64 micros, Rational rate, int speedNum = 1, int speedDen = 1);
// The start time of a frame, in microseconds (rounded down).
qint64 microsForFrames(qint64 frames, Rational rate);

class PlaybackClock {
public:
    explicit PlaybackClock(const TimeSource* source = nullptr);

    void setTimeSource(const TimeSource* source);  // keeps the current frame
    const TimeSource* timeSource() const { return m_source; }
    void setRate(Rational rate);
    Rational rate() const { return m_rate; }
    // Playback speed as a fraction: 1 normal, -1 reverse, 2 double, 1/2 half.
    void setSpeed(int num, int den = 1);
    int speedNum() const { return m_speedNum; }
    int speedDen() const { return m_speedDen; }
    void setRange(qint64 in, qint64 out);  // inclusive
    qint64 in() const { return m_in; }
    qint64 out() const { return m_out; }
    void setLoopMode(LoopMode mode);
    LoopMode loopMode() const { return m_loop; }

    void start();             // plays from the current frame
    void stop();              // holds the current frame
    bool running() const { return m_running; }
    void seek(qint64 frame);  // keeps running if it was

    // The frame due now (clamped or wrapped into [in, out]). Stops the clock when Once ends.
    qint64 frame();
    // The frame due at a given time of the source (no side effects).
    RangePosition frameAt(qint64 micros) const;
    // Time from now until the next frame is due, in microseconds (for timers).
    qint64 microsUntilNextFrame() const;
    // The position before the range folds it (Loop wraps, PingPong reflects, Once stops): frames
    // from the anchor, counted in the direction of the speed.
    qint64 position() const;
    // Keeps running with `position` starting now: play-every-frame holds the clock on a frame not
    // yet decoded, and restarts it from a frame shown late, instead of skipping.
    void anchorPosition(qint64 position);
    int step() const { return m_speedNum < 0 ? -1 : 1; }  // +1 forward, -1 backward

private:
    void reanchor();

    const TimeSource* m_source = nullptr;
    SystemTimeSource m_system;
    Rational m_rate{24, 1};
    int m_speedNum = 1, m_speedDen = 1;
    qint64 m_in = 0, m_out = 0;
    LoopMode m_loop = LoopMode::Loop;
    bool m_running = false;
    qint64 m_anchorMicros = 0;
    qint64 m_anchorFrame = 0;   // frame shown at m_anchorMicros
    qint64 m_heldFrame = 0;     // the frame while stopped
};

}  // namespace rushes::playback
