#include "playback/PlaybackClock.h"

#include <algorithm>

namespace rushes::playback {

namespace {
qint64 floorMod(qint64 a, qint64 m) {
    const qint64 r = a % m;
    return r < 0 ? r + m : r;
}
}  // namespace

RangePosition mapToRange(qint64 position, qint64 in, qint64 out, LoopMode mode) {
    if (out < in) std::swap(in, out);
    const qint64 length = out - in + 1;
    switch (mode) {
    case LoopMode::Loop:
        return {in + floorMod(position - in, length), false};
    case LoopMode::Once:
        if (position > out) return {out, true};
        if (position < in) return {in, true};
        return {position, false};
    case LoopMode::PingPong: {
        if (length == 1) return {in, false};
        const qint64 period = 2 * (length - 1);
        const qint64 t = floorMod(position - in, period);
        return {t < length ? in + t : in + period - t, false};
    }
    }
    return {position, false};
}

qint64 framesForMicros(qint64 micros, Rational rate, int speedNum, int speedDen) {
    if (!rate.valid() || speedDen == 0) return 0;
    // |micros| up to ~1e11 (a day) times num up to 240000 times a speed of 16 stays below 2^63.
    const qint64 numerator = micros * rate.num * speedNum;
    const qint64 denominator = rate.den * qint64(1000000) * speedDen;
    return numerator / denominator;  // C++ division truncates toward zero
}

qint64 microsForFrames(qint64 frames, Rational rate) {
    if (!rate.valid()) return 0;
    return frames * rate.den * qint64(1000000) / rate.num;
}

PlaybackClock::PlaybackClock(const TimeSource* source) : m_source(source ? source : &m_system) {}

void PlaybackClock::reanchor() {
    if (!m_running) return;
    m_heldFrame = frame();
    m_anchorFrame = m_heldFrame;
    m_anchorMicros = m_source->nowMicros();
}

void PlaybackClock::setTimeSource(const TimeSource* source) {
    const qint64 current = m_running ? frame() : m_heldFrame;
    m_source = source ? source : &m_system;
    m_heldFrame = m_anchorFrame = current;
    m_anchorMicros = m_source->nowMicros();
}

void PlaybackClock::setRate(Rational rate) {
    reanchor();
    if (rate.valid()) m_rate = rate;
}

void PlaybackClock::setSpeed(int num, int den) {
    reanchor();
    if (den < 0) { num = -num; den = -den; }
    if (den == 0 || num == 0) return;
    m_speedNum = num;
    m_speedDen = den;
}

void PlaybackClock::setRange(qint64 in, qint64 out) {
    reanchor();
    m_in = std::min(in, out);
    m_out = std::max(in, out);
    m_heldFrame = std::clamp(m_heldFrame, m_in, m_out);
    m_anchorFrame = m_heldFrame;
}

void PlaybackClock::setLoopMode(LoopMode mode) {
    reanchor();
    m_loop = mode;
}

void PlaybackClock::start() {
    if (m_running) return;
    m_anchorFrame = m_heldFrame;
    m_anchorMicros = m_source->nowMicros();
    m_running = true;
}

void PlaybackClock::stop() {
    if (!m_running) return;
    m_heldFrame = frame();
    m_running = false;
}

void PlaybackClock::seek(qint64 frame) {
    m_heldFrame = m_anchorFrame = std::clamp(frame, m_in, m_out);
    m_anchorMicros = m_source->nowMicros();
}

RangePosition PlaybackClock::frameAt(qint64 micros) const {
    if (!m_running) return {m_heldFrame, false};
    const qint64 elapsed = framesForMicros(micros - m_anchorMicros, m_rate, m_speedNum, m_speedDen);
    return mapToRange(m_anchorFrame + elapsed, m_in, m_out, m_loop);
}

qint64 PlaybackClock::frame() {
    if (!m_running) return m_heldFrame;
    const RangePosition p = frameAt(m_source->nowMicros());
    if (p.finished) {
        m_running = false;
        m_heldFrame = p.frame;
    }
    return p.frame;
}

qint64 PlaybackClock::position() const {
    if (!m_running) return m_heldFrame;
    return m_anchorFrame +
           framesForMicros(m_source->nowMicros() - m_anchorMicros, m_rate, m_speedNum, m_speedDen);
}

void PlaybackClock::anchorPosition(qint64 position) {
    m_anchorFrame = position;
    m_anchorMicros = m_source->nowMicros();
    if (!m_running) m_heldFrame = mapToRange(position, m_in, m_out, m_loop).frame;
}

qint64 PlaybackClock::microsUntilNextFrame() const {
    if (!m_running) return 0;
    const qint64 elapsed = m_source->nowMicros() - m_anchorMicros;
    const qint64 frames = framesForMicros(elapsed, m_rate, std::abs(m_speedNum), m_speedDen);
    const Rational effective{m_rate.num * std::abs(m_speedNum), m_rate.den * m_speedDen};
    return std::max<qint64>(0, microsForFrames(std::abs(frames) + 1, effective) - std::abs(elapsed));
}

}  // namespace rushes::playback
