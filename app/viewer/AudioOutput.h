#pragma once
// Plays a shot's audio through Qt Multimedia and serves as the playback clock's master: the
// picture follows what the device has played. Without a device, available() is false and the
// player keeps the system clock, silently.
#include <QIODevice>
#include <QObject>

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
    // Starts playing `stream` from the time of frame `frame`; false when it cannot (no device,
    // no audio): the caller then keeps the system clock.
    bool start(const playback::ReaderFactory& open, int stream, qint64 frame, codecs::Rational rate);
    void stop();
    bool playing() const { return m_playing; }
    void setVolume(double volume);
    // A short burst at a frame while scrubbing.
    void scrub(const playback::ReaderFactory& open, int stream, qint64 frame, codecs::Rational rate);

    qint64 nowMicros() const override;

private:
    std::unique_ptr<QAudioSink> m_sink;
    std::unique_ptr<AudioFeed> m_feed;
    bool m_playing = false;
    double m_volume = 1.0;
    int m_bytesPerSecond = 0;
};

}  // namespace rushes::viewer
