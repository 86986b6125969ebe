#include "viewer/AudioOutput.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QIODevice>
#include <QMediaDevices>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>

namespace rushes::viewer {

namespace {
constexpr qint64 kStartWaitMicros = 3000000;  // how long the clock waits for the sound to be heard
constexpr qint64 kResyncMicros = 100000;      // further than this from the device: jump to it
constexpr qint64 kFollowMicros = 150000;      // time constant of following the device's position
constexpr int kFadeMicros = 3000;             // scrub snippets fade in and out over this
constexpr int kIdleCloseMs = 60000;           // the stream closes after this long unused
}  // namespace

// Feeds the device: silence, the sound from a position on (playing), or one snippet (scrubbing).
// It counts the sample frames it has handed over, so that the clock knows where in the stream a
// sound began. readData() runs where the backend pulls; the rest on the GUI thread.
class AudioFeed : public QIODevice {
public:
    AudioFeed(std::unique_ptr<codecs::MediaReader> reader, int stream, QAudioFormat format)
        : m_reader(std::move(reader)), m_stream(stream), m_format(format) {
        open(QIODevice::ReadOnly);
    }
    // The stream's sample index where the sound from `start` begins.
    qint64 play(qint64 start) {
        std::lock_guard lock(m_mutex);
        m_mode = Mode::Play;
        m_position = start;
        return m_delivered;
    }
    void playSnippet(qint64 start, qint64 count) {
        std::lock_guard lock(m_mutex);
        m_mode = Mode::Snippet;
        m_position = start;
        m_snippetTotal = m_snippetLeft = count;
    }
    void silence() {
        std::lock_guard lock(m_mutex);
        m_mode = Mode::Silence;
    }
    qint64 readData(char* data, qint64 maxSize) override {
        const int channels = m_format.channelCount();
        const int bytesPerSample = m_format.bytesPerSample();
        const qint64 frames = maxSize / (channels * bytesPerSample);
        if (frames <= 0) return 0;
        std::memset(data, 0, size_t(frames * channels * bytesPerSample));  // silence past the end
        std::lock_guard lock(m_mutex);
        const qint64 wanted = m_mode == Mode::Play      ? frames
                              : m_mode == Mode::Snippet ? std::min(frames, m_snippetLeft)
                                                        : 0;
        if (wanted > 0) {
            auto audio = m_reader->readAudio(m_stream, m_position, wanted, m_format.sampleRate());
            if (audio && audio->channels > 0) {
                const int inChannels = audio->channels;
                const qint64 got = std::min<qint64>(wanted, audio->frameCount());
                const qint64 fade = qint64(m_format.sampleRate()) * kFadeMicros / 1000000;
                for (qint64 f = 0; f < got; ++f) {
                    float gain = 1.0f;
                    if (m_mode == Mode::Snippet && fade > 0) {  // no click at either end of a snippet
                        const qint64 done = m_snippetTotal - m_snippetLeft + f,
                                     left = m_snippetTotal - done - 1;
                        gain = float(std::clamp<qint64>(std::min(done, left), 0, fade)) / float(fade);
                    }
                    for (int c = 0; c < channels; ++c) {
                        const float v = std::clamp(
                            gain * audio->samples[size_t(f * inChannels + std::min(c, inChannels - 1))],
                            -1.0f, 1.0f);
                        char* out = data + (f * channels + c) * bytesPerSample;
                        if (m_format.sampleFormat() == QAudioFormat::Float) {
                            std::memcpy(out, &v, 4);
                        } else {
                            const qint16 s = qint16(v * 32767.0f);
                            std::memcpy(out, &s, 2);
                        }
                    }
                }
            }
            m_position += wanted;
            if (m_mode == Mode::Snippet && (m_snippetLeft -= wanted) <= 0) m_mode = Mode::Silence;
        }
        m_delivered += frames;
        return frames * channels * bytesPerSample;
    }
    qint64 writeData(const char*, qint64) override { return -1; }
    qint64 bytesAvailable() const override { return 1 << 20; }
    bool isSequential() const override { return true; }

private:
    enum class Mode { Silence, Play, Snippet };
    std::mutex m_mutex;
    std::unique_ptr<codecs::MediaReader> m_reader;
    int m_stream;
    QAudioFormat m_format;
    Mode m_mode = Mode::Silence;
    qint64 m_position = 0;   // the next sample of the media to play
    qint64 m_delivered = 0;  // sample frames handed to the device since the stream opened
    qint64 m_snippetTotal = 0, m_snippetLeft = 0;
};

AudioOutput::AudioOutput(QObject* parent) : QObject(parent) {
    m_idle.setSingleShot(true);
    m_idle.setInterval(kIdleCloseMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (!m_playing && !m_scrubbing) close();
    });
}

AudioOutput::~AudioOutput() {
    close();
}

bool AudioOutput::deviceAvailable() const { return !QMediaDevices::defaultAudioOutput().isNull(); }

bool AudioOutput::ensureStream(const QString& key, const playback::ReaderFactory& openReader, int stream,
                               codecs::Rational rate) {
    m_rate = rate;
    if (m_sink && m_key == key && m_stream == stream) return true;
    close();
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull() || !openReader || !rate.valid()) return false;
    auto reader = openReader();
    if (!reader || stream < 0 || size_t(stream) >= reader.value()->info().audio.size()) return false;
    QAudioFormat format = device.preferredFormat();
    format.setChannelCount(std::clamp(reader.value()->info().audio[size_t(stream)].channels, 1, 2));
    format.setSampleFormat(QAudioFormat::Float);
    if (!device.isFormatSupported(format)) format.setSampleFormat(QAudioFormat::Int16);
    if (!device.isFormatSupported(format)) return false;
    m_sampleRate = format.sampleRate();
    m_feed = std::make_unique<AudioFeed>(std::move(reader.value()), stream, format);
    m_sink = std::make_unique<QAudioSink>(device, format);
    m_sink->setVolume(m_volume);
    m_sink->setBufferSize(format.bytesForDuration(80000));
    m_bytesPerSecond = format.bytesForDuration(1000000);
    m_sink->start(m_feed.get());
    if (m_sink->error() != QAudio::NoError) {
        close();
        return false;
    }
    m_key = key;
    m_stream = stream;
    m_contentStart = 0;
    return true;
}

qint64 AudioOutput::sampleOf(qint64 frame) const {
    return frame * m_rate.den * m_sampleRate / m_rate.num;
}

bool AudioOutput::start(const QString& key, const playback::ReaderFactory& openReader, int stream,
                        qint64 frame, codecs::Rational rate) {
    m_scrubbing = false;
    if (!ensureStream(key, openReader, stream, rate)) return false;
    m_idle.stop();
    m_contentStart = m_feed->play(sampleOf(frame));
    m_playing = true;
    m_heard = false;
    m_base = m_anchor = m_lastUpdate = m_last = 0;
    m_steady.start();
    return true;
}

void AudioOutput::stop() {
    if (m_feed) m_feed->silence();
    m_playing = false;
    m_scrubbing = false;
    if (m_sink) m_idle.start();
}

void AudioOutput::close() {
    m_idle.stop();
    if (m_sink) m_sink->stop();
    m_sink.reset();
    m_feed.reset();
    m_key.clear();
    m_stream = -1;
    m_playing = false;
    m_scrubbing = false;
}

bool AudioOutput::warmUp(const QString& key, const playback::ReaderFactory& openReader, int stream,
                         codecs::Rational rate) {
    if (m_playing || m_scrubbing) return m_key == key && m_stream == stream;
    if (!ensureStream(key, openReader, stream, rate)) return false;
    m_feed->silence();
    m_idle.start();
    return true;
}

bool AudioOutput::beginScrub(const QString& key, const playback::ReaderFactory& openReader, int stream,
                             codecs::Rational rate) {
    m_playing = false;
    if (!ensureStream(key, openReader, stream, rate)) return false;
    m_idle.stop();
    m_feed->silence();
    m_scrubbing = true;
    return true;
}

void AudioOutput::scrub(qint64 frame) {
    if (!m_scrubbing || !m_feed) return;
    // One frame period of sound (at least 40 ms, to be heard as a sound), from the frame's time.
    m_feed->playSnippet(sampleOf(frame), std::max<qint64>(m_sampleRate / 25, sampleOf(1)));
}

void AudioOutput::endScrub() {
    if (m_scrubbing) stop();
}

void AudioOutput::setVolume(double volume) {
    m_volume = volume;
    if (m_sink) m_sink->setVolume(volume);
}

qint64 AudioOutput::deviceMicros() const {
    if (!m_sink || m_sampleRate <= 0) return 0;
    // Qt's processed time is what the device has played: on PulseAudio, the server's read position
    // in the stream less the sink's latency (what is heard now). What still waits in the stream's
    // buffer is not in it: subtracting that too put the picture 60 ms behind the sound
    // (tst_audio_output's playerKeepsPictureWithSound). Less where start()'s sound began.
    return m_sink->processedUSecs() - m_contentStart * 1000000 / m_sampleRate;
}

bool AudioOutput::deviceStarted() const {
    if (!m_sink || m_sampleRate <= 0 || m_bytesPerSecond <= 0) return false;
    const qint64 queued = qint64(m_sink->bufferSize() - m_sink->bytesFree()) * 1000000 / m_bytesPerSecond;
    return deviceMicros() - queued > 0;
}

qint64 AudioOutput::nowMicros() const {
    if (!m_sink || !m_playing) return 0;
    const qint64 device = deviceMicros();
    const qint64 now = m_steady.nsecsElapsed() / 1000;
    if (!m_heard) {
        // Nothing heard yet: the picture waits for the sound, which starts from the frame asked for
        // (a device that has not started in three seconds is followed by the steady clock, and
        // caught up with once it plays).
        if (!deviceStarted() && now < kStartWaitMicros) return 0;
        m_heard = true;
        m_base = m_last = std::max<qint64>(0, device);
        m_anchor = m_lastUpdate = now;
        return m_last;
    }
    const qint64 error = device - (m_base + (now - m_anchor));
    if (std::abs(error) > kResyncMicros) {
        m_base = device;
        m_anchor = now;
    } else {
        // Pull the estimate towards the device by the share of the time constant since the last
        // call: it averages out the device's steps, and stays monotonic (|error| < the constant).
        m_base += error * std::min(now - m_lastUpdate, kFollowMicros) / kFollowMicros;
    }
    m_lastUpdate = now;
    m_last = std::max(m_last, m_base + (now - m_anchor));
    return m_last;
}

}  // namespace rushes::viewer
