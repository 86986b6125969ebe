// Audio: decoded and resampled PCM against FFmpeg's own decode of the same stream, read in
// chunks and at random positions; the WAV beside an image sequence; the frame-time tie.
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>

#include "MediaTestSupport.h"
#include "rushes/codecs/MediaReader.h"
#include "rushes/codecs/MediaWriter.h"

using namespace rushes::codecs;
using namespace rushes::test;

namespace {

std::vector<float> ffmpegPcm(const QString& file, int rate, int channels) {
    QByteArray out;
    if (!runFfmpeg({"-i", file, "-map", "0:a:0", "-f", "f32le", "-ac", QString::number(channels), "-ar",
                    QString::number(rate), "-"},
                   &out))
        return {};
    std::vector<float> pcm(size_t(out.size()) / 4);
    std::memcpy(pcm.data(), out.constData(), pcm.size() * 4);
    return pcm;
}

// Largest difference between `buf` and the reference at its position.
double maxDiff(const AudioBuffer& buf, const std::vector<float>& ref) {
    double worst = 0;
    for (size_t i = 0; i < buf.samples.size(); ++i) {
        const size_t at = size_t(buf.startSample) * size_t(buf.channels) + i;
        const float r = at < ref.size() ? ref[at] : 0.0f;
        worst = std::max(worst, double(std::abs(buf.samples[i] - r)));
    }
    return worst;
}

}  // namespace

class AudioTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (ffmpegPath().isEmpty()) QSKIP("the ffmpeg binary is needed as the reference");
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
    }

    void movieAudioMatchesFfmpeg_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("rate");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("aac 48k native rate") << "video/PSR63_2012-06-02.mov" << 48000 << 1e-4;
        QTest::newRow("pcm24 48k to 44.1k") << "movie-masters/friday_3s_prores422hq_pcm24.mov" << 44100 << 2e-3;
        QTest::newRow("aac 44.1k first stream, video second") << "video/friday.mp4" << 44100 << 1e-4;
    }
    void movieAudioMatchesFfmpeg() {
        QFETCH(QString, path);
        QFETCH(int, rate);
        QFETCH(double, tolerance);
        const QString file = mediaDir() + QLatin1Char('/') + path;
        auto r = openMedia(file.toStdString());
        QVERIFY(r.ok());
        QVERIFY(!(*r)->info().audio.empty());
        const int channels = (*r)->info().audio[0].channels;
        const std::vector<float> ref = ffmpegPcm(file, rate, channels);
        QVERIFY(ref.size() > size_t(rate));
        const int64_t total = int64_t(ref.size()) / channels;
        // Sequential chunks of a video frame's worth.
        const int64_t chunk = rate / 24;
        for (int64_t pos = 0; pos + chunk <= std::min<int64_t>(total, rate * 3); pos += chunk) {
            auto buf = (*r)->readAudio(0, pos, chunk, rate);
            QVERIFY2(buf.ok(), buf.ok() ? "" : buf.error().toString().c_str());
            QCOMPARE(buf->channels, channels);
            QCOMPARE(buf->frameCount(), chunk);
            const double d = maxDiff(*buf, ref);
            QVERIFY2(d <= tolerance, qPrintable(QStringLiteral("at %1: %2").arg(pos).arg(d)));
        }
        // Random positions, backwards and forwards, away from the resampler's start-up.
        for (int64_t pos : {total / 2, total / 5, total - chunk * 3, int64_t(rate / 2)}) {
            auto buf = (*r)->readAudio(0, pos, chunk, rate);
            QVERIFY(buf.ok());
            const double d = maxDiff(*buf, ref);
            QVERIFY2(d <= std::max(tolerance, 2e-3), qPrintable(QStringLiteral("random at %1: %2").arg(pos).arg(d)));
        }
    }

    void sidecarWavBesideSequence() {
        const QString wav = mediaDir() + "/seq/BART/BART_2021-02-07.wav";
        auto r = openMedia((mediaDir() + "/seq/BART/BART_2021-02-07.0001.png").toStdString());
        QVERIFY(r.ok());
        const MediaInfo& info = (*r)->info();
        QCOMPARE(info.audio.size(), size_t(1));
        QCOMPARE(info.audio[0].path, wav.toStdString());
        QCOMPARE(info.audio[0].sampleRate, 44100);
        const int ch = info.audio[0].channels;
        const std::vector<float> ref = ffmpegPcm(wav, 48000, ch);
        // Frame 48 at 24 fps starts at 2 s: sample 96000 at 48 kHz.
        const int64_t frameStart = int64_t(std::llround(48 / info.frameRate.toDouble() * 48000));
        QCOMPARE(frameStart, int64_t(96000));
        auto buf = (*r)->readAudio(0, frameStart, 2000, 48000);
        QVERIFY2(buf.ok(), buf.ok() ? "" : buf.error().toString().c_str());
        QVERIFY(maxDiff(*buf, ref) < 2e-3);
        double energy = 0;
        for (float s : buf->samples) energy += double(s) * s;
        QVERIFY(energy > 0);  // the test is not comparing silence with silence
    }

    // Sound written with the pictures reopens with the same samples: exactly (24-bit PCM in MOV,
    // the WAV beside a PNG sequence) or within AAC's loss (MP4).
    void writtenSoundReopens_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("tolerance");  // largest sample difference allowed (lossless)
        QTest::addColumn<double>("minSnr");     // or the signal-to-error ratio (lossy), in dB
        QTest::newRow("mov pcm24") << "t.mov" << 1.5 / 8388607.0 << 1000.0;
        QTest::newRow("mkv pcm24") << "t.mkv" << 1.5 / 8388607.0 << 1000.0;
        QTest::newRow("png sequence + wav") << "t.%04d.png" << 1.5 / 8388607.0 << 1000.0;
        // FFmpeg's own AAC encoder reaches about 30 dB on pure tones; one sample late would be 19 dB.
        QTest::newRow("mp4 aac") << "t.mp4" << 0.0 << 25.0;
    }
    void writtenSoundReopens() {
        QFETCH(QString, name);
        QFETCH(double, tolerance);
        QFETCH(double, minSnr);
        QTemporaryDir tmp;
        const std::string path = tmp.filePath(name).toStdString();
        WriteOptions o;
        o.width = 64;
        o.height = 36;
        o.frameRate = {24, 1};
        o.audioSampleRate = 48000;
        o.audioChannels = 2;
        auto w = createWriter(path, o);
        QVERIFY2(w.ok(), w.ok() ? "" : w.error().toString().c_str());
        // 24 frames; a 440 Hz tone on the left, 1 kHz on the right, 2000 samples a frame.
        std::vector<float> written;
        for (int f = 0; f < 24; ++f) {
            Image img;
            img.width = 64;
            img.height = 36;
            img.data.assign(img.rowBytes() * 36, uint8_t(f * 10));
            QVERIFY((*w)->writeImage(img).ok());
            AudioBuffer a;
            a.sampleRate = 48000;
            a.channels = 2;
            for (int i = 0; i < 2000; ++i) {
                const double t = double(f * 2000 + i) / 48000.0;
                a.samples.push_back(float(0.5 * std::sin(2 * M_PI * 440 * t)));
                a.samples.push_back(float(0.25 * std::sin(2 * M_PI * 1000 * t)));
            }
            written.insert(written.end(), a.samples.begin(), a.samples.end());
            QVERIFY((*w)->writeAudio(a).ok());
        }
        AudioBuffer wrong;
        wrong.sampleRate = 44100;
        wrong.channels = 2;
        wrong.samples.assign(200, 0.0f);
        QVERIFY(!(*w)->writeAudio(wrong).ok());  // a rate other than the track's is refused
        QVERIFY((*w)->finish().ok());
        auto r = openMedia(path);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE((*r)->info().frameCount, int64_t(24));
        QCOMPARE((*r)->info().audio.size(), size_t(1));
        QCOMPARE((*r)->info().audio[0].sampleRate, 48000);
        QCOMPARE((*r)->info().audio[0].channels, 2);
        auto back = (*r)->readAudio(0, 0, 48000, 48000);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().toString().c_str());
        QCOMPARE(back->samples.size(), written.size());
        // Away from the ends (AAC's priming and last block), sample for sample, at the same time.
        double worst = 0, signal = 0, noise = 0;
        for (size_t i = 2048 * 2; i + 2048 * 2 < written.size(); ++i) {
            const double d = double(back->samples[i]) - double(written[i]);
            worst = std::max(worst, std::abs(d));
            signal += double(written[i]) * written[i];
            noise += d * d;
        }
        const double snr = 10 * std::log10(signal / std::max(noise, 1e-30));
        qInfo("%s: largest difference %.3g, SNR %.1f dB", qPrintable(name), worst, snr);
        QVERIFY2(worst <= tolerance || snr >= minSnr,
                 qPrintable(QStringLiteral("largest difference %1, SNR %2 dB").arg(worst).arg(snr)));
        // Without a sound track in the options, sound is refused rather than dropped.
        WriteOptions silent = o;
        silent.audioSampleRate = silent.audioChannels = 0;
        QString silentName = name;
        silentName.replace(QLatin1String("t."), QLatin1String("silent."));
        auto w2 = createWriter(tmp.filePath(silentName).toStdString(), silent);
        QVERIFY(w2.ok());
        auto refused = (*w2)->writeAudio(*back);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.find("without a sound track") != std::string::npos);
    }

    void badRequests() {
        auto r = openMedia((mediaDir() + "/video/flower.mp4").toStdString());
        QVERIFY(r.ok());
        QVERIFY(!(*r)->readAudio(5, 0, 100, 48000).ok());
        QVERIFY(!(*r)->readAudio(0, 0, 100, 0).ok());
        auto noAudio = openMedia((mediaDir() + "/seq/flower_dpx10/flower.0001.dpx").toStdString());
        QVERIFY(noAudio.ok());
        auto e = (*noAudio)->readAudio(0, 0, 100, 48000);
        QVERIFY(!e.ok());
        QVERIFY(e.error().message.find("no audio stream") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(AudioTest)
#include "tst_audio.moc"
