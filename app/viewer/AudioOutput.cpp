#include "viewer/AudioOutput.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QMediaDevices>
#include <QTimer>

#include <algorithm>
#include <cstring>

namespace rushes::viewer {

// Pulls decoded audio from its own reader, converting to what the device takes.
class AudioFeed : public QIODevice {
public:
    AudioFeed(std::unique_ptr<codecs::MediaReader> reader, int stream, qint64 startSample, QAudioFormat format)
        : m_reader(std::move(reader)), m_stream(stream), m_position(startSample), m_format(format) {
        open(QIODevice::ReadOnly);
    }
    qint64 readData(char* data, qint64 maxSize) override {
        const int channels = m_format.channelCount();
        const int bytesPerSample = m_format.bytesPerSample();
        const qint64 frames = maxSize / (channels * bytesPerSample);
        if (frames <= 0) return 0;
        auto audio = m_reader->readAudio(m_stream, m_position, frames, m_format.sampleRate());
        std::memset(data, 0, size_t(frames * channels * bytesPerSample));  // silence past the end
        if (audio && audio->channels > 0) {
            const int inChannels = audio->channels;
            const qint64 got = std::min<qint64>(frames, audio->frameCount());
            for (qint64 f = 0; f < got; ++f)
                for (int c = 0; c < channels; ++c) {
                    const float v = std::clamp(audio->samples[size_t(f * inChannels + std::min(c, inChannels - 1))], -1.0f, 1.0f);
                    char* out = data + (f * channels + c) * bytesPerSample;
                    if (m_format.sampleFormat() == QAudioFormat::Float) std::memcpy(out, &v, 4);
                    else {
                        const qint16 s = qint16(v * 32767.0f);
                        std::memcpy(out, &s, 2);
                    }
                }
        }
        m_position += frames;
        return frames * channels * bytesPerSample;
    }
    qint64 writeData(const char*, qint64) override { return -1; }
    qint64 bytesAvailable() const override { return 1 << 20; }
    bool isSequential() const override { return true; }

private:
    std::unique_ptr<codecs::MediaReader> m_reader;
    int m_stream;
    qint64 m_position;
    QAudioFormat m_format;
};

AudioOutput::AudioOutput(QObject* parent) : QObject(parent) {}
AudioOutput::~AudioOutput() { stop(); }

bool AudioOutput::deviceAvailable() const { return !QMediaDevices::defaultAudioOutput().isNull(); }

bool AudioOutput::start(const playback::ReaderFactory& open, int stream, qint64 frame, codecs::Rational rate) {
    stop();
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull() || !open || !rate.valid()) return false;
    auto reader = open();
    if (!reader || stream < 0 || size_t(stream) >= reader.value()->info().audio.size()) return false;
    QAudioFormat format = device.preferredFormat();
    format.setChannelCount(std::clamp(reader.value()->info().audio[size_t(stream)].channels, 1, 2));
    format.setSampleFormat(QAudioFormat::Float);
    if (!device.isFormatSupported(format)) format.setSampleFormat(QAudioFormat::Int16);
    if (!device.isFormatSupported(format)) return false;
    const qint64 startSample = frame * rate.den * format.sampleRate() / rate.num;
    m_feed = std::make_unique<AudioFeed>(std::move(reader.value()), stream, startSample, format);
    m_sink = std::make_unique<QAudioSink>(device, format);
    m_sink->setVolume(m_volume);
    m_sink->setBufferSize(format.bytesForDuration(80000));
    m_bytesPerSecond = format.bytesForDuration(1000000);
    m_sink->start(m_feed.get());
    if (m_sink->error() != QAudio::NoError) {
        stop();
        return false;
    }
    m_playing = true;
    return true;
}

void AudioOutput::scrub(const playback::ReaderFactory& open, int stream, qint64 frame, codecs::Rational rate) {
    if (m_playing || !deviceAvailable()) return;
    if (!start(open, stream, frame, rate)) return;
    m_playing = false;  // a burst, not the clock
    // One frame's worth of sound: stop after a frame duration.
    const int ms = int(std::max<qint64>(40, 1000 * rate.den / rate.num));
    QAudioSink* sink = m_sink.get();
    QTimer::singleShot(ms, this, [this, sink] {
        if (m_sink.get() == sink && !m_playing) stop();
    });
}

void AudioOutput::stop() {
    if (m_sink) m_sink->stop();
    m_sink.reset();
    m_feed.reset();
    m_playing = false;
}

void AudioOutput::setVolume(double volume) {
    m_volume = volume;
    if (m_sink) m_sink->setVolume(volume);
}

qint64 AudioOutput::nowMicros() const {
    if (!m_sink) return 0;
    // What the device has consumed, less what still sits in its buffer: what is heard now.
    const qint64 buffered = m_bytesPerSecond > 0
        ? qint64(m_sink->bufferSize() - m_sink->bytesFree()) * 1000000 / m_bytesPerSecond : 0;
    return std::max<qint64>(0, m_sink->processedUSecs() - buffered);
}

}  // namespace rushes::viewer
