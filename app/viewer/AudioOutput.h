#pragma once
// Plays a shot's audio through Qt Multimedia and serves as the playback clock's master: the
// picture follows what the device has played. Without a device, start() fails and the player
// keeps the system clock, silently.
//
// One device stream stays open per shot while it is used (and for a minute after), playing
// silence between uses: playing, pausing and each scrubbed frame only change what it is fed, so
// none of them waits for a device stream to start (PulseAudio takes from 0.1 s to a second).
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

#include "playback/FrameCache.h"
#include "playback/PlaybackClock.h"

class QAudioSink;

namespace rushes::viewer {

class AudioFeed;

class AudioOutput : public QObject, public playback::TimeSource {
    Q_OBJECT
public:
    explicit AudioOutput(QObject* parent = nullptr);
    ~AudioOutput() override;

    bool deviceAvailable() const;
    // Starts playing `stream` of the media `key` (opened by `open` when not already) from the time
    // of frame `frame`; false when it cannot (no device, no audio): the caller then keeps the
    // system clock.
    bool start(const QString& key, const playback::ReaderFactory& open, int stream, qint64 frame,
               codecs::Rational rate);
    void stop();  // silence; the stream stays open a while for the next start or scrub
    bool playing() const { return m_playing; }
    void setVolume(double volume);
    void close();  // the device stream too (another shot, no more sound)
    // Opens the device stream for `key` ahead of use, playing silence (a shot just loaded): the
    // first play or scrub then does not wait for the device to start.
    bool warmUp(const QString& key, const playback::ReaderFactory& open, int stream, codecs::Rational rate);

    // Scrubbing: each scrub() plays one frame period of the sound at that frame, faded in and out,
    // in place of whatever snippet was still playing; silence between. Without a device these do
    // nothing.
    bool beginScrub(const QString& key, const playback::ReaderFactory& open, int stream,
                    codecs::Rational rate);
    void scrub(qint64 frame);
    void endScrub();

    // The time of the sound heard now, in microseconds of the media since start()'s frame
    // (counted from 0): the device's position (deviceMicros()) followed by a steady clock that is
    // pulled towards it, so the picture moves evenly where a device reports its position in
    // steps. It holds at 0 until the device has started on the sound (deviceStarted(), up to 3 s),
    // never goes backwards, and jumps only when the device is more than 100 ms away (an underrun,
    // a stall).
    qint64 nowMicros() const override;
    // The device's own position, unsmoothed, on the same scale: what it has played (Qt's processed
    // time) less where start()'s sound began in the stream (for tests and diagnostics).
    qint64 deviceMicros() const;
    // Whether the device has begun playing the sound from start() (or, before any start(), the
    // stream's silence): it has taken more of the stream than its buffer holds past that point.
    // Qt's processed time runs ahead of a stream the server has not started yet (PulseAudio's
    // null sink takes up to 2 s), so it cannot say this by itself.
    bool deviceStarted() const;

private:
    bool ensureStream(const QString& key, const playback::ReaderFactory& open, int stream,
                      codecs::Rational rate);
    qint64 sampleOf(qint64 frame) const;

    std::unique_ptr<QAudioSink> m_sink;
    std::unique_ptr<AudioFeed> m_feed;
    QString m_key;
    int m_stream = -1;
    bool m_playing = false;
    bool m_scrubbing = false;
    double m_volume = 1.0;
    int m_bytesPerSecond = 0;
    int m_sampleRate = 0;
    codecs::Rational m_rate;
    qint64 m_contentStart = 0;  // the stream's sample index where start()'s sound begins
    QTimer m_idle;              // closes the stream a minute after the last use
    // nowMicros()'s smoothing, all in microseconds: the estimate is m_base + (steady - m_anchor).
    mutable QElapsedTimer m_steady;
    mutable bool m_heard = false;
    mutable qint64 m_base = 0, m_anchor = 0, m_lastUpdate = 0, m_last = 0;
};

}  // namespace rushes::viewer
