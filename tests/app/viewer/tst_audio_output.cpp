// Sound through a real audio device: the clock the picture follows, what reaches the device while
// playing, and the sound of each frame while scrubbing. CI runs these against a PulseAudio server
// with a null sink (tests/support/start-pulseaudio.sh), recording its monitor with parec; without a
// device they skip.
//
// The clip's sound is a chirp, sin(2 pi (f0 t + k t^2 / 2)): its frequency f0 + k t says where in
// the clip a recorded piece of sound comes from, to a few milliseconds, with no reference needed.
// RUSHES_AUDIO_MAP=1 prints the recording of soundReachesTheDevice as a row of 20-ms cells (# sound,
// . silence), to see gaps.
#include <QAudioDevice>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QMediaDevices>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "RunFfmpeg.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "viewer/AudioOutput.h"
#include "viewer/MediaSource.h"
#include "viewer/PlayerController.h"

using rushes::viewer::AudioOutput;

namespace {

constexpr double kF0 = 300.0, kSweep = 600.0;  // Hz, Hz per second: 300 Hz at 0 s, 2.7 kHz at 4 s
constexpr int kRate = 48000;                   // what parec records at
const rushes::codecs::Rational kFps{25, 1};

// parec's raw recording (16-bit little-endian, one channel) as samples in [-1, 1).
std::vector<float> fromS16(const QByteArray& raw) {
    std::vector<float> out(size_t(raw.size()) / 2);
    for (size_t i = 0; i < out.size(); ++i) {
        qint16 s;
        std::memcpy(&s, raw.constData() + 2 * i, 2);
        out[i] = float(s) / 32768.0f;
    }
    return out;
}

// Records the default sink's monitor (what the device plays) until stopped.
class Recorder {
public:
    explicit Recorder(const QString& file) : m_file(file) {}
    bool start() {
        m_proc.setProgram(QStringLiteral("parec"));
        m_proc.setArguments({QStringLiteral("-d"), QStringLiteral("@DEFAULT_MONITOR@"),
                             QStringLiteral("--raw"), QStringLiteral("--format=s16le"),
                             QStringLiteral("--rate=48000"), QStringLiteral("--channels=1"),
                             QStringLiteral("--latency-msec=20")});
        m_proc.setStandardOutputFile(m_file);  // written as it comes, whatever the event loop does
        m_proc.start();
        if (!m_proc.waitForStarted(5000)) return false;
        QTest::qWait(300);  // connected and recording
        return true;
    }
    std::vector<float> stop() {
        QTest::qWait(300);  // the device's own latency
        m_proc.terminate();
        m_proc.waitForFinished(5000);
        QFile f(m_file);
        if (!f.open(QIODevice::ReadOnly)) return {};
        return fromS16(f.readAll());
    }

private:
    QString m_file;
    QProcess m_proc;
};

// Records the monitor like Recorder, read as it comes, and notes when each piece arrived on the
// steady clock: the earliest arrival less the length recorded so far bounds when the device
// played a sample (a piece is never read before it was played), to within the capture latency.
class LiveRecorder : public QObject {
public:
    explicit LiveRecorder(const QElapsedTimer& clock) : m_clock(clock) {
        connect(&m_proc, &QProcess::readyReadStandardOutput, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_raw += m_proc.readAllStandardOutput();
            const double playedBy = double(now) / 1e9 - double(m_raw.size() / 2) / kRate;
            m_anchor = m_pieces++ == 0 ? playedBy : std::min(m_anchor, playedBy);
        });
    }
    bool start() {
        m_proc.start(QStringLiteral("parec"),
                     {QStringLiteral("-d"), QStringLiteral("@DEFAULT_MONITOR@"), QStringLiteral("--raw"),
                      QStringLiteral("--format=s16le"), QStringLiteral("--rate=48000"),
                      QStringLiteral("--channels=1"), QStringLiteral("--latency-msec=10")});
        if (!m_proc.waitForStarted(5000)) return false;
        QTest::qWait(300);
        return true;
    }
    std::vector<float> stop() {
        QTest::qWait(300);
        m_proc.terminate();
        m_proc.waitForFinished(5000);
        return fromS16(m_raw);
    }
    double anchorSeconds() const { return m_anchor; }  // when sample 0 was played, on the steady clock
    int pieces() const { return m_pieces; }

private:
    const QElapsedTimer& m_clock;
    QProcess m_proc;
    QByteArray m_raw;
    double m_anchor = 0;
    int m_pieces = 0;
};

// Where in the clip a stretch of recorded chirp comes from: its frequency from the zero crossings.
double clipTimeOf(const std::vector<float>& s, size_t from, size_t count) {
    int crossings = 0;
    size_t first = 0, last = 0;
    for (size_t i = from + 1; i < from + count && i < s.size(); ++i)
        if ((s[i - 1] < 0) != (s[i] < 0)) {
            if (crossings == 0) first = i;
            last = i;
            ++crossings;
        }
    if (crossings < 3) return -1;
    const double hz = double(crossings - 1) / 2.0 / (double(last - first) / kRate);
    return (hz - kF0) / kSweep;
}

struct Burst {
    size_t start, length;
};
// Stretches of sound separated by at least 20 ms of silence.
std::vector<Burst> bursts(const std::vector<float>& s) {
    std::vector<Burst> out;
    const size_t gap = kRate / 50;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::abs(s[i]) < 0.05f) ++i;
        if (i >= s.size()) break;
        const size_t start = i;
        size_t quiet = 0, end = i;
        for (; i < s.size() && quiet < gap; ++i) {
            if (std::abs(s[i]) >= 0.05f)
                end = i, quiet = 0;
            else
                ++quiet;
        }
        out.push_back({start, end - start + 1});
    }
    return out;
}

}  // namespace

class TestAudioOutput : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_clip;

    // Opens the device stream and waits until the device plays it (silence).
    bool warm(AudioOutput& out) {
        if (!out.warmUp(m_clip, rushes::viewer::readerFactory(m_clip), 0, kFps)) return false;
        QElapsedTimer t;
        t.start();
        while (!out.deviceStarted() && t.elapsed() < 3000) QTest::qWait(10);
        QTest::qWait(100);
        return out.deviceStarted();
    }

    // Opens the chirp clip in the player and waits while its sound stream opens (300 ms after the
    // shot loads) and the device starts playing it.
    bool openAndWarm(rushes::viewer::PlayerController& player) {
        if (player.openPaths({m_clip}) != 0) return false;
        QTest::qWait(3500);
        return true;
    }

    // The recording holds one snippet per frame scrubbed to, in order: a frame period (40 ms, less
    // the fades' quiet ends) of the sound around the frame's middle, silence between.
    void expectSnippets(const std::vector<float>& s, const std::vector<int>& frames) {
        const std::vector<Burst> b = bursts(s);
        QCOMPARE(b.size(), frames.size());
        for (size_t i = 0; i < frames.size(); ++i) {
            const double ms = double(b[i].length) * 1000.0 / kRate;
            const double ct = clipTimeOf(s, b[i].start, b[i].length);
            const double expected = (frames[i] + 0.5) / 25.0;  // the middle of the frame's 40 ms
            qInfo("frame %d: %.1f ms of sound from %.3f s of the clip (the frame's middle: %.3f s)",
                  frames[i], ms, ct, expected);
            QVERIFY2(ms > 30 && ms < 45, qPrintable(QString::number(ms)));
            QVERIFY2(std::abs(ct - expected) < 0.01, qPrintable(QString::number(ct)));
        }
    }

private slots:
    void initTestCase() {
        if (QMediaDevices::defaultAudioOutput().isNull())
            QSKIP(
                "no audio output device (CI starts PulseAudio with a null sink: "
                "tests/support/start-pulseaudio.sh)");
        if (QStandardPaths::findExecutable(QStringLiteral("parec")).isEmpty())
            QSKIP("parec (pulseaudio-utils) is not installed: nothing can record what the device plays");
        m_clip = m_dir.filePath(QStringLiteral("chirp.mov"));
        if (!rushes::tests::runFfmpeg(
                {QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                 QStringLiteral("testsrc2=size=160x90:rate=25:duration=4"), QStringLiteral("-f"),
                 QStringLiteral("lavfi"), QStringLiteral("-i"),
                 QStringLiteral("aevalsrc=0.5*sin(2*PI*(%1*t+%2*t*t/2)):s=48000:d=4").arg(kF0).arg(kSweep),
                 QStringLiteral("-c:v"), QStringLiteral("mjpeg"), QStringLiteral("-c:a"),
                 QStringLiteral("pcm_s16le"), m_clip}))
            QSKIP("the ffmpeg program is not available");
    }

    // The clock starts when the device does, then runs at the device's rate, smoothly: within 5 ms
    // of a straight line (or a quarter of the device's own deviation from one, under load),
    // where a device reports its position in steps (Qt interpolates PulseAudio's: within 1 ms).
    void clockFollowsTheDevice() {
        AudioOutput out;
        QElapsedTimer t;
        t.start();
        QVERIFY(warm(out));
        const qint64 coldMs = t.elapsed();
        // The stream is open and playing silence: the sound starts within the device's latency,
        // and the clock with it.
        QVERIFY(out.start(m_clip, rushes::viewer::readerFactory(m_clip), 0, 50, kFps));
        t.start();
        std::vector<double> when, clock, device;
        qint64 startedAt = -1, last = 0;
        while (t.elapsed() < 2500) {
            const qint64 now = out.nowMicros();
            QVERIFY2(now >= last, "the clock went backwards");
            last = now;
            if (now > 0 && startedAt < 0) {
                startedAt = t.elapsed();
                // Started by the device, not ahead of it.
                QVERIFY2(out.deviceStarted(), qPrintable(QString::number(out.deviceMicros())));
            }
            if (startedAt >= 0 && t.elapsed() > startedAt + 500) {  // settled
                when.push_back(double(t.nsecsElapsed()) / 1000.0);
                clock.push_back(double(now));
                device.push_back(double(out.deviceMicros()));
            }
            QTest::qWait(2);
        }
        qInfo(
            "a fresh device stream played after %lld ms; on the open one, the sound was heard after %lld ms",
            coldMs, startedAt);
        QVERIFY2(startedAt >= 0 && startedAt < 250,
                 qPrintable(QStringLiteral("started after %1 ms").arg(startedAt)));
        QVERIFY(when.size() > 200);
        // Least-squares line through the clock against steady time.
        auto fit = [&](const std::vector<double>& y, double& slope, double& worst) {
            const double n = double(y.size());
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (size_t i = 0; i < y.size(); ++i)
                sx += when[i], sy += y[i], sxx += when[i] * when[i], sxy += when[i] * y[i];
            slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            const double icpt = (sy - slope * sx) / n;
            worst = 0;
            for (size_t i = 0; i < y.size(); ++i)
                worst = std::max(worst, std::abs(y[i] - (icpt + slope * when[i])));
        };
        double slope, worst, dSlope, dWorst;
        fit(clock, slope, worst);
        fit(device, dSlope, dWorst);
        double apart = 0;
        for (size_t i = 0; i < clock.size(); ++i) apart = std::max(apart, std::abs(clock[i] - device[i]));
        qInfo(
            "clock: rate %.4f, off its line by up to %.1f ms (the device's own position: "
            "rate %.4f, up to %.1f ms); up to %.1f ms from the device",
            slope, worst / 1000, dSlope, dWorst / 1000, apart / 1000);
        QVERIFY2(std::abs(slope - 1.0) < 0.02, qPrintable(QString::number(slope)));
        // Close to a line, or much closer than the device's own steps (under load they grow, and so may
        // ours).
        QVERIFY2(worst < std::max(5000.0, 0.25 * dWorst), qPrintable(QString::number(worst)));
        QVERIFY2(apart < 100000, qPrintable(QString::number(apart)));
    }

    // What the device plays is the clip's sound from the frame asked for, without gaps or repeats.
    void soundReachesTheDevice() {
        Recorder rec(m_dir.filePath(QStringLiteral("played.raw")));
        QVERIFY(rec.start());
        AudioOutput out;
        QVERIFY(warm(out));
        QVERIFY(out.start(m_clip, rushes::viewer::readerFactory(m_clip), 0, 25, kFps));  // from 1.0 s
        QTest::qWait(2000);
        out.stop();
        const std::vector<float> s = rec.stop();
        const std::vector<Burst> b = bursts(s);
        if (qEnvironmentVariableIsSet("RUSHES_AUDIO_MAP")) {
            QString map;
            for (size_t i = 0; i < s.size(); i += kRate / 50) {
                float peak = 0;
                for (size_t j = i; j < std::min(s.size(), i + kRate / 50); ++j)
                    peak = std::max(peak, std::abs(s[j]));
                map += peak > 0.05f ? QLatin1Char('#') : QLatin1Char('.');
            }
            qInfo("recorded %.2f s, 20 ms each: %s", double(s.size()) / kRate, qPrintable(map));
        }
        QVERIFY2(!b.empty(), "nothing was heard");
        for (const Burst& x : b)
            qInfo("sound %.3f-%.3f s of the recording (clip %.3f s)", double(x.start) / kRate,
                  double(x.start + x.length) / kRate,
                  clipTimeOf(s, x.start, std::min<size_t>(x.length, kRate / 50)));
        const Burst& main =
            *std::max_element(b.begin(), b.end(), [](auto& x, auto& y) { return x.length < y.length; });
        QVERIFY2(main.length > size_t(kRate) * 3 / 2,
                 qPrintable(QStringLiteral("%1 samples").arg(main.length)));
        // 50-ms windows along it: each comes 50 ms of clip time after the last.
        const size_t win = kRate / 20;
        double first = -1, prev = -1, worstStep = 0;
        for (size_t at = main.start + win; at + 2 * win < main.start + main.length; at += win) {
            const double ct = clipTimeOf(s, at, win);
            if (first < 0) first = ct - double(at - main.start + win / 2) / kRate;
            if (prev >= 0) worstStep = std::max(worstStep, std::abs(ct - prev - 0.05));
            prev = ct;
        }
        qInfo("the sound heard starts at %.3f s of the clip; 50-ms windows step by 50 ms +- %.1f ms", first,
              worstStep * 1000);
        QVERIFY2(std::abs(first - 1.0) < 0.03, qPrintable(QString::number(first)));
        QVERIFY2(worstStep < 0.01, qPrintable(QString::number(worstStep)));
    }

    // Scrubbing plays one frame of sound at each frame reached, and silence between.
    void scrubPlaysEachFramesSound() {
        Recorder rec(m_dir.filePath(QStringLiteral("scrubbed.raw")));
        QVERIFY(rec.start());
        AudioOutput out;
        QVERIFY(warm(out));
        QVERIFY(out.beginScrub(m_clip, rushes::viewer::readerFactory(m_clip), 0, kFps));
        const std::vector<int> frames{10, 60, 35};
        for (int f : frames) {
            out.scrub(f);
            QTest::qWait(300);
        }
        out.endScrub();
        expectSnippets(rec.stop(), frames);
    }

    // Dragging on the timeline (the player's beginScrub, scrub, endScrub, as Timeline.qml calls
    // them) plays each frame's sound.
    void playerScrubPlaysTheFramesSound() {
        rushes::viewer::PlayerController player;
        QVERIFY(openAndWarm(player));
        Recorder rec(m_dir.filePath(QStringLiteral("player-scrub.raw")));
        QVERIFY(rec.start());
        player.beginScrub();
        const std::vector<int> frames{20, 70};
        for (int f : frames) {
            player.scrub(f);
            QCOMPARE(player.frame(), qint64(f));
            QTest::qWait(300);
        }
        player.endScrub();
        expectSnippets(rec.stop(), frames);
    }

    // The player takes the device's clock when it plays forward with sound, and shows the frames
    // at the clip's rate.
    void playerFollowsTheAudioClock() {
        rushes::viewer::PlayerController player;
        QVERIFY(openAndWarm(player));
        player.play();
        QVERIFY(player.audioClock());
        QElapsedTimer t;
        t.start();
        QTRY_VERIFY_WITH_TIMEOUT(player.frame() > 0, 2000);
        const qint64 startedAt = t.elapsed();
        QVERIFY2(startedAt < 300, qPrintable(QString::number(startedAt)));
        const qint64 from = player.frame();
        QTest::qWait(1000);
        const qint64 moved = player.frame() - from;
        player.pause();
        qInfo("first frame change after %lld ms; %lld frames in the next second", startedAt, moved);
        QVERIFY2(moved >= 23 && moved <= 27, qPrintable(QString::number(moved)));
    }

    // Picture and sound together: when the player moves to frame F, the device is playing the
    // sound of frame F's start. The recording's pieces, timed as they arrive, place the heard chirp
    // on the steady clock; the frame changes are timed on the same clock.
    // The null sink's monitor hears a block when the sink renders it, up to the sink's latency
    // (13-19 ms here) before the sink counts it as played, so a player in step with the device
    // measures about that much "after". Measured: 15-16 ms (10-21 ms per frame change). With the
    // device's position taken as processed less queued (the queue counted twice), 60-68 ms.
    void playerKeepsPictureWithSound() {
        rushes::viewer::PlayerController player;
        QVERIFY(openAndWarm(player));
        QElapsedTimer clock;
        clock.start();
        LiveRecorder rec(clock);
        QVERIFY(rec.start());
        std::vector<std::pair<double, qint64>> changes;  // steady seconds, frame
        connect(&player, &rushes::viewer::PlayerController::frameChanged, this,
                [&] { changes.emplace_back(double(clock.nsecsElapsed()) / 1e9, player.frame()); });
        player.play();
        QVERIFY(player.audioClock());
        QTest::qWait(3000);
        player.pause();
        const std::vector<float> s = rec.stop();
        QVERIFY2(rec.pieces() > 50, qPrintable(QString::number(rec.pieces())));
        const std::vector<Burst> b = bursts(s);
        QVERIFY2(!b.empty(), "nothing was heard");
        const Burst& main =
            *std::max_element(b.begin(), b.end(), [](auto& x, auto& y) { return x.length < y.length; });
        // The heard clip time against steady time: a line through 20-ms windows.
        const size_t win = kRate / 50;
        std::vector<double> w, c;
        for (size_t at = main.start + win; at + 2 * win < main.start + main.length; at += win) {
            const double ct = clipTimeOf(s, at, win);
            if (ct < 0) continue;
            w.push_back(rec.anchorSeconds() + (double(at) + win / 2.0) / kRate);
            c.push_back(ct);
        }
        QVERIFY2(w.size() > 50, qPrintable(QString::number(w.size())));
        const double n = double(w.size());
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (size_t i = 0; i < w.size(); ++i) sx += w[i], sy += c[i], sxx += w[i] * w[i], sxy += w[i] * c[i];
        const double rate = (n * sxy - sx * sy) / (n * sxx - sx * sx), at0 = (sy - rate * sx) / n;
        QVERIFY2(std::abs(rate - 1.0) < 0.02, qPrintable(QString::number(rate)));
        // For each frame change within the heard sound: how far the sound had gone past the
        // frame's start (positive: the picture follows the sound; negative: it leads).
        std::vector<double> d;
        for (const auto& [t, f] : changes)
            if (t > w.front() + 0.1 && t < w.back() - 0.1 && f > 0)
                d.push_back(at0 + rate * t - double(f) / 25.0);
        QVERIFY2(d.size() > 40, qPrintable(QString::number(d.size())));
        std::sort(d.begin(), d.end());
        const double mean = std::accumulate(d.begin(), d.end(), 0.0) / double(d.size());
        QProcess pactl;
        pactl.start(QStringLiteral("pactl"), {QStringLiteral("list"), QStringLiteral("sinks")});
        pactl.waitForFinished(5000);
        const QString sinks = QString::fromLocal8Bit(pactl.readAllStandardOutput());
        const QRegularExpressionMatch lat =
            QRegularExpression(QStringLiteral("Latency: (\\d+) usec")).match(sinks);
        qInfo(
            "picture after sound: mean %.1f ms, from %.1f to %.1f ms over %zu frame changes (recording: %d "
            "pieces; "
            "the sink reports %s us of latency)",
            mean * 1000, d.front() * 1000, d.back() * 1000, d.size(), rec.pieces(),
            lat.hasMatch() ? qPrintable(lat.captured(1)) : "no figure");
        // Lip sync: the picture within 45 ms after the sound and never ahead of it by more than 15.
        QVERIFY2(mean > -0.015 && mean < 0.045, qPrintable(QString::number(mean)));
        QVERIFY2(d.front() > -0.030 && d.back() < 0.080,
                 qPrintable(QStringLiteral("%1 .. %2").arg(d.front()).arg(d.back())));
    }
};

QTEST_MAIN(TestAudioOutput)
#include "tst_audio_output.moc"
