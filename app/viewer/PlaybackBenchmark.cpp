#include "viewer/PlaybackBenchmark.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSGRendererInterface>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <numeric>
#include <random>

#include "viewer/PlayerController.h"

namespace rushes::viewer {

QString sceneGraphName(QQuickWindow* window) {
    switch (window->rendererInterface()->graphicsApi()) {
        case QSGRendererInterface::Software:
            return QStringLiteral("software");
        case QSGRendererInterface::OpenGL:
            return QStringLiteral("opengl");
        case QSGRendererInterface::Direct3D11:
            return QStringLiteral("direct3d11");
        case QSGRendererInterface::Vulkan:
            return QStringLiteral("vulkan");
        case QSGRendererInterface::Metal:
            return QStringLiteral("metal");
        default:
            return QStringLiteral("other");
    }
}

double ffmpegDecodeFps(const QString& file, qint64* frames, double* seconds) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("ffmpeg"),
            {QStringLiteral("-hide_banner"), QStringLiteral("-nostdin"), QStringLiteral("-threads"),
             QStringLiteral("0"), QStringLiteral("-i"), file, QStringLiteral("-map"), QStringLiteral("0:v:0"),
             QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")});
    if (!p.waitForFinished(600000) || p.exitCode() != 0) return 0;
    const double s = double(t.nsecsElapsed()) / 1e9;
    // The last "frame=  N" progress figure is the count decoded.
    const QString out = QString::fromLocal8Bit(p.readAll());
    qint64 n = 0;
    QRegularExpression re(QStringLiteral("frame=\\s*(\\d+)"));
    for (auto it = re.globalMatch(out); it.hasNext();) n = it.next().captured(1).toLongLong();
    if (frames) *frames = n;
    if (seconds) *seconds = s;
    return s > 0 ? double(n) / s : 0;
}

std::vector<ProbeStall> parseProbeStalls(const QString& output) {
    std::vector<ProbeStall> stalls;
    static const QRegularExpression re(QStringLiteral(
        "at ([0-9.]+) s \\([^)]*\\): wake-up ([0-9.]+) ms late, copy ([0-9.]+) ms, loop ([0-9.]+) ms"));
    for (auto it = re.globalMatch(output); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const double at = m.captured(1).toDouble(), late = m.captured(2).toDouble();
        const double copy = m.captured(3).toDouble(), loop = m.captured(4).toDouble();
        stalls.push_back({at - late / 1000.0, at + (copy + loop) / 1000.0, std::max({late, copy, loop})});
    }
    return stalls;
}

double probeStallWithin(const std::vector<ProbeStall>& stalls, double fromS, double toS) {
    double worst = 0;
    for (const ProbeStall& s : stalls)
        if (s.endS >= fromS && s.dueS <= toS) worst = std::max(worst, s.worstMs);
    return worst;
}

PlaybackBenchmark::PlaybackBenchmark(QQuickWindow* window, PlayerController* player, BenchmarkOptions options,
                                     QObject* parent)
    : QObject(parent), m_window(window), m_player(player), m_options(std::move(options)) {}

void PlaybackBenchmark::start() {
    // Time to first frame counts from the open, once the window is up (as a reviewer sees it).
    if (m_started) return;  // frameSwapped may have been queued more than once
    if (!m_windowUp) {
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(
            m_window, &QQuickWindow::frameSwapped, this,
            [this, once] {
                disconnect(*once);
                m_windowUp = true;
                QTimer::singleShot(200, this, &PlaybackBenchmark::start);
            },
            Qt::QueuedConnection);
        m_window->update();
        return;
    }
    m_started = true;
    m_timer.start();
    m_player->resetStats();
    const int row = m_player->openPaths({m_options.file});
    m_player->selectShot(row);
    if (qEnvironmentVariableIsSet("RUSHES_PROFILE"))
        std::fprintf(stderr, "[profile] open, probe and shot set up in %.1f ms\n",
                     double(m_timer.nsecsElapsed()) / 1e6);
    const playback::Shot* shot = m_player->playlist()->shot(row);
    if (row < 0 || !shot || !shot->error.isEmpty()) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(shot ? shot->error : m_options.file + QStringLiteral(": cannot be opened")));
        QTimer::singleShot(0, this, [this] { emit finished(1); });
        return;
    }
    // Time to first frame: from the open to the frame reaching the screen.
    QTimer* poll = new QTimer(this);
    poll->setInterval(1);
    connect(poll, &QTimer::timeout, this, [this, poll] {
        if (m_player->lastPresented() >= 0) {
            poll->stop();
            poll->deleteLater();
            m_ttffMs = double(m_timer.nsecsElapsed()) / 1e6;
            firstFrameShown();
        } else if (m_timer.elapsed() > 20000) {
            poll->stop();
            std::fprintf(stderr, "%s: no frame reached the screen in 20 s\n", qPrintable(m_options.file));
            emit finished(1);
        }
    });
    poll->start();
    m_window->update();
}

void PlaybackBenchmark::firstFrameShown() {
    m_player->resetStats();
    if (m_options.scrub) {
        startScrub();
        return;
    }
    m_player->setLoopMode(0);
    m_player->setPlayAllFrames(m_options.allFrames);
    m_timer.restart();
    m_cpuStart = std::clock();
    if (!m_options.stallProbe.isEmpty()) {
        m_probe = new QProcess(this);
        m_probe->setProcessChannelMode(QProcess::SeparateChannels);
        m_probe->start(m_options.stallProbe, {QString::number(m_options.seconds + 0.5)});
        if (!m_probe->waitForStarted(5000))
            std::fprintf(stderr, "%s: cannot start the stall probe: %s\n", qPrintable(m_options.stallProbe),
                         qPrintable(m_probe->errorString()));
    }
    m_player->play();
    if (qEnvironmentVariableIsSet("RUSHES_PROFILE"))
        std::fprintf(
            stderr,
            "[profile] play() returned after %.1f ms (audio clock: %d); playing from %.3f s monotonic\n",
            double(m_timer.nsecsElapsed()) / 1e6, int(m_player->audioClock()),
            double(m_timer.msecsSinceReference()) / 1000.0);
    // The window must keep rendering whatever the platform's vsync does.
    QTimer::singleShot(int(m_options.seconds * 1000), this, [this] {
        m_playMs = double(m_timer.nsecsElapsed()) / 1e6;
        m_cpuMs = double(std::clock() - m_cpuStart) * 1000.0 / CLOCKS_PER_SEC;
        m_audioClock = m_player->audioClock();  // pause() goes back to the system clock
        m_player->pause();
        report();
    });
}

void PlaybackBenchmark::startScrub() {
    // Random frames, each asked for once the last one is on screen: what the cache, decoders
    // and renderer sustain, from any position (no look-ahead helps).
    auto rng = std::make_shared<std::mt19937>(1234);
    const qint64 count = m_player->frameCount();
    auto lastRequest = std::make_shared<QElapsedTimer>();
    auto next = [this, rng, count, lastRequest] {
        qint64 target = m_scrubTarget;
        while (count > 1 && target == m_scrubTarget)
            target = std::uniform_int_distribution<qint64>(0, count - 1)(*rng);
        m_scrubTarget = target;
        lastRequest->start();
        m_player->scrub(target);
    };
    m_player->beginScrub();
    m_timer.restart();
    next();
    QTimer* poll = new QTimer(this);
    poll->setInterval(1);
    connect(poll, &QTimer::timeout, this, [this, poll, next, lastRequest] {
        if (m_player->lastPresented() == m_scrubTarget) {
            const double ms = double(lastRequest->nsecsElapsed()) / 1e6;
            if (m_scrubShown == 0) m_scrubFirstMs = ms;
            m_scrubWorstMs = std::max(m_scrubWorstMs, ms);
            ++m_scrubShown;
            next();
        }
        if (m_timer.elapsed() >= qint64(m_options.seconds * 1000)) {
            poll->stop();
            m_playMs = double(m_timer.nsecsElapsed()) / 1e6;
            m_player->endScrub();
            reportScrub();
        }
    });
    poll->start();
}

void PlaybackBenchmark::reportScrub() {
    const codecs::MediaInfo* info = m_player->mediaInfo();
    const double fps = m_playMs > 0 ? double(m_scrubShown) * 1000.0 / m_playMs : 0;
    const auto c = m_player->cache()->stats();
    qint64 ffFrames = 0;
    double ffSeconds = 0;
    const double ffFps = m_options.anchor ? ffmpegDecodeFps(m_options.file, &ffFrames, &ffSeconds) : 0;
    QJsonObject o{{"file", m_options.file},
                  {"mode", "scrub"},
                  {"sceneGraph", sceneGraphName(m_window)},
                  {"codec", info ? QString::fromStdString(info->codec) : QString()},
                  {"width", info ? info->width : 0},
                  {"height", info ? info->height : 0},
                  {"seconds", m_playMs / 1000.0},
                  {"scrubFramesShown", m_scrubShown},
                  {"scrubFps", fps},
                  {"scrubWorstMs", m_scrubWorstMs},
                  {"timeToFirstFrameMs", m_ttffMs},
                  {"cachePeakMiB", double(c.peakBytes) / 1048576.0},
                  {"decoded", c.decoded},
                  {"cancelled", c.cancelled},
                  {"ffmpegDecodeFps", ffFps},
                  {"scrubVsFfmpegDecodeRatio", ffFps > 0 ? fps / ffFps : 0}};
    if (m_options.json) {
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Indented).constData());
    } else {
        std::printf("scrub benchmark: %s (%s %dx%d), %s scene graph\n", qPrintable(m_options.file),
                    qPrintable(o["codec"].toString()), o["width"].toInt(), o["height"].toInt(),
                    qPrintable(o["sceneGraph"].toString()));
        std::printf("  %.2f s: %lld random frames shown = %.1f frames/s; request to screen worst %.1f ms\n",
                    m_playMs / 1000.0, qlonglong(m_scrubShown), fps, m_scrubWorstMs);
        std::printf("  time to first frame: %.1f ms; cache peak %.1f MiB, decoded %lld, cancelled %lld\n",
                    m_ttffMs, o["cachePeakMiB"].toDouble(), qlonglong(c.decoded), qlonglong(c.cancelled));
        std::printf(
            "  anchor: ffmpeg -threads 0 -f null decodes %lld frames in %.2f s = %.1f fps (scrub/decode "
            "%.2f)\n",
            qlonglong(ffFrames), ffSeconds, ffFps, ffFps > 0 ? fps / ffFps : 0);
    }
    std::fflush(stdout);
    emit finished(0);
}

void PlaybackBenchmark::report() {
    const PlaybackStats& s = m_player->stats();
    std::vector<double> iv = s.intervalsMs;
    std::sort(iv.begin(), iv.end());
    const double mean = iv.empty() ? 0 : std::accumulate(iv.begin(), iv.end(), 0.0) / double(iv.size());
    const double p99 = iv.empty() ? 0 : iv[std::min(iv.size() - 1, size_t(double(iv.size()) * 0.99))];
    const double maxIv = iv.empty() ? 0 : iv.back();
    // The intervals of two periods or more, and when in the run they ended: where a drop came from.
    const double period = m_player->mediaInfo() ? 1000.0 / m_player->mediaInfo()->frameRate.toDouble() : 0;
    // The witness: what stall_probe saw while the player played (it ends on its own).
    std::vector<ProbeStall> stalls;
    bool probed = false;
    qint64 probeTicksOff = 0;
    if (m_probe) {
        if (m_probe->state() != QProcess::NotRunning) m_probe->waitForFinished(10000);
        const QString out = QString::fromLocal8Bit(m_probe->readAllStandardOutput());
        probed = m_probe->exitStatus() == QProcess::NormalExit && m_probe->exitCode() == 0 &&
                 out.contains(QStringLiteral("ticks off"));
        if (probed) stalls = parseProbeStalls(out);
        if (qEnvironmentVariableIsSet("RUSHES_PROFILE"))
            std::fprintf(stderr, "[profile] stall probe:\n%s", qPrintable(out));
        probeTicksOff = qint64(stalls.size());
    }
    const double startS = double(m_timer.msecsSinceReference()) / 1000.0;
    QJsonArray longIntervals;
    QString longText;
    qint64 droppedInLong = 0, droppedInMachineStalls = 0;
    double worstProbeStall = 0;
    for (const ProbeStall& st : stalls) worstProbeStall = std::max(worstProbeStall, st.worstMs);
    for (size_t i = 0; i < s.intervalsMs.size() && i < s.intervalEndsMs.size(); ++i) {
        if (period <= 0 || s.intervalsMs[i] < 2 * period) continue;
        const double endS = startS + s.intervalEndsMs[i] / 1000.0;
        const double machine = probeStallWithin(stalls, endS - s.intervalsMs[i] / 1000.0, endS);
        const qint64 skipped = std::max<qint64>(0, qint64(std::lround(s.intervalsMs[i] / period)) - 1);
        droppedInLong += skipped;
        if (machine > 0) droppedInMachineStalls += skipped;
        QJsonObject li{{"endMs", s.intervalEndsMs[i]}, {"ms", s.intervalsMs[i]}};
        if (probed) li.insert(QStringLiteral("probeStallMs"), machine);
        longIntervals.append(li);
        if (longIntervals.size() <= 12) {
            longText += QStringLiteral(" %1 ms at %2 s")
                            .arg(s.intervalsMs[i], 0, 'f', 0)
                            .arg(s.intervalEndsMs[i] / 1000.0, 0, 'f', 2);
            if (probed)
                longText += machine > 0 ? QStringLiteral(" (probe stalled %1 ms)").arg(machine, 0, 'f', 1)
                                        : QStringLiteral(" (probe ran)");
            longText += QLatin1Char(';');
        }
    }
    const codecs::MediaInfo* info = m_player->mediaInfo();
    const double fps = info ? info->frameRate.toDouble() : 0;
    const auto c = m_player->cache()->stats();
    qint64 ffFrames = 0;
    double ffSeconds = 0;
    const double ffFps = m_options.anchor ? ffmpegDecodeFps(m_options.file, &ffFrames, &ffSeconds) : 0;
    const double ourDecodeFps = c.meanDecodeMs > 0 ? 1000.0 / c.meanDecodeMs : 0;
    const qint64 expected = qint64(m_playMs / 1000.0 * fps);
    QJsonObject o{
        {"file", m_options.file},
        {"codec", info ? QString::fromStdString(info->codec) : QString()},
        {"width", info ? info->width : 0},
        {"height", info ? info->height : 0},
        {"rate", fps},
        {"sceneGraph", sceneGraphName(m_window)},
        {"seconds", m_playMs / 1000.0},
        {"expectedFrames", expected},
        {"presented", s.presented},
        {"dropped", s.dropped},
        {"late", s.late},
        {"intervalMeanMs", mean},
        {"intervalP99Ms", p99},
        {"intervalMaxMs", maxIv},
        {"longIntervals", longIntervals},
        {"playStartSteadySeconds", startS},
        {"timeToFirstFrameMs", m_ttffMs},
        {"firstFrameChangeMs", s.firstShownMs},
        {"stallProbe", probed ? QJsonValue(QJsonObject{{"ticksOff", probeTicksOff},
                                                       {"worstMs", worstProbeStall},
                                                       {"skippedInLongIntervals", droppedInLong},
                                                       {"skippedWhereProbeStalled", droppedInMachineStalls}})
                              : QJsonValue()},
        {"processorMs", m_cpuMs},
        {"processorMsPerPresented", s.presented > 0 ? m_cpuMs / double(s.presented) : 0},
        {"audioClock", m_audioClock},
        {"playAllFrames", m_options.allFrames},
        {"cacheBudgetMiB", double(c.budgetBytes) / 1048576.0},
        {"cachePeakMiB", double(c.peakBytes) / 1048576.0},
        {"cacheFrames", c.frames},
        {"cacheHits", c.hits},
        {"cacheMisses", c.misses},
        {"decoded", c.decoded},
        {"cancelled", c.cancelled},
        {"evicted", c.evicted},
        {"meanDecodeMsPerThread", c.meanDecodeMs},
        {"ffmpegDecodeFps", ffFps},
        {"ffmpegFrames", ffFrames},
        {"ffmpegSeconds", ffSeconds},
        {"ffmpegRealtimeRatio", fps > 0 ? ffFps / fps : 0},
        {"oursPerThreadDecodeFps", ourDecodeFps},
        {"oursVsFfmpegDecodeRatio", ffFps > 0 ? ourDecodeFps / ffFps : 0}};
    if (m_options.json) {
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Indented).constData());
    } else {
        std::printf("playback benchmark: %s (%s %dx%d @ %.3f fps), %s scene graph\n",
                    qPrintable(m_options.file), qPrintable(o["codec"].toString()), o["width"].toInt(),
                    o["height"].toInt(), fps, qPrintable(o["sceneGraph"].toString()));
        std::printf(
            "  played %.2f s: %lld frames presented, %lld dropped (%lld due); %lld shown a period or more "
            "late\n",
            m_playMs / 1000.0, qlonglong(s.presented), qlonglong(s.dropped), qlonglong(expected),
            qlonglong(s.late));
        std::printf("  frame interval: mean %.2f ms, p99 %.2f ms, max %.2f ms (ideal %.2f ms)\n", mean, p99,
                    maxIv, fps > 0 ? 1000.0 / fps : 0);
        if (!longText.isEmpty())
            std::printf("  intervals of two periods or more (play began at %.3f s on the steady clock):%s\n",
                        startS, qPrintable(longText));
        if (probed)
            std::printf(
                "  stall probe (a separate process): %lld ticks off, worst %.1f ms; of the %lld frames "
                "skipped in "
                "those intervals, %lld fell where the probe stalled too\n",
                qlonglong(probeTicksOff), worstProbeStall, qlonglong(droppedInLong),
                qlonglong(droppedInMachineStalls));
        else if (m_probe)
            std::printf("  stall probe: no result from %s\n", qPrintable(m_options.stallProbe));
        std::printf("  time to first frame: %.1f ms; first frame change %.1f ms after play; clock: %s%s\n",
                    m_ttffMs, s.firstShownMs, m_audioClock ? "audio" : "system",
                    m_options.allFrames ? " (every frame played)" : "");
        std::printf(
            "  processor time while playing (all threads: decode, GUI, render, rasteriser): %.0f ms = "
            "%.1f ms per presented frame (%.2f cores)\n",
            m_cpuMs, s.presented > 0 ? m_cpuMs / double(s.presented) : 0.0,
            m_playMs > 0 ? m_cpuMs / m_playMs : 0.0);
        std::printf(
            "  cache: budget %.0f MiB, peak %.1f MiB, %d frames, hits %lld, misses %lld, decoded %lld, "
            "cancelled %lld, evicted %lld, mean decode %.2f ms/frame/thread\n",
            o["cacheBudgetMiB"].toDouble(), o["cachePeakMiB"].toDouble(), c.frames, qlonglong(c.hits),
            qlonglong(c.misses), qlonglong(c.decoded), qlonglong(c.cancelled), qlonglong(c.evicted),
            c.meanDecodeMs);
        std::printf(
            "  anchor: ffmpeg -threads 0 -f null decodes %lld frames in %.2f s = %.1f fps (%.2fx real time); "
            "ours %.1f fps per decode thread (ratio %.2f)\n",
            qlonglong(ffFrames), ffSeconds, ffFps, fps > 0 ? ffFps / fps : 0, ourDecodeFps,
            ffFps > 0 ? ourDecodeFps / ffFps : 0);
    }
    std::fflush(stdout);
    emit finished(0);
}

}  // namespace rushes::viewer
