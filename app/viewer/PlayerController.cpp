#include "viewer/PlayerController.h"

#include <QElapsedTimer>
#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QUrl>
#include <QtCore/qfloat16.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "playback/Preroll.h"
#include "viewer/MediaSource.h"
#include "viewer/SettingsFile.h"
#include "viewer/YuvLayout.h"

namespace rushes::viewer {

using playback::FramePtr;

PlayerController::PlayerController(QObject* parent)
    : QObject(parent), m_playlist(probeMedia), m_cache(std::make_unique<playback::FrameCache>()) {
    m_cache->setBudgetBytes(playback::FrameCache::defaultBudgetBytes());
    m_cache->setWindow(kAheadFrames, kBehindFrames);
    connect(m_cache.get(), &playback::FrameCache::frameReady, this, [this](qint64 index) {
        // Not yet on screen and wanted now: show it (scrubbing, stepping, a late frame).
        if (index == m_frame && (!m_displayed || m_displayed->index != index)) {
            if (FramePtr f = m_cache->peek(index)) display(f);
        }
    }, Qt::QueuedConnection);
    connect(&m_playlist, &playback::Playlist::currentChanged, this, &PlayerController::loadShot);
    connect(&m_playlist, &playback::Playlist::shotsChanged, this, &PlayerController::sessionShotsChanged);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(2);
    connect(&m_timer, &QTimer::timeout, this, &PlayerController::tick);
    m_textTimer.setSingleShot(true);
    m_textTimer.setInterval(kFrameTextIntervalMs);
    connect(&m_textTimer, &QTimer::timeout, this, &PlayerController::frameTextChanged);
    connect(this, &PlayerController::playingChanged, this, [this] {
        if (m_clock.running()) return;
        m_textTimer.stop();  // paused or finished: the exact frame at once
        emit frameTextChanged();
    });
    m_cacheTimer.setInterval(250);
    connect(&m_cacheTimer, &QTimer::timeout, this, &PlayerController::refreshCacheFigures);
    m_cacheTimer.start();
    m_recentTimer.setSingleShot(true);
    m_recentTimer.setInterval(1500);
    connect(&m_recentTimer, &QTimer::timeout, this, &PlayerController::saveRecent);
    m_presentTimer.start();
    m_display = m_colour.defaultDisplay();
    m_view = m_colour.defaultView(m_display);
    if (!m_colour.configError().isEmpty()) setMessage(m_colour.configError());
}

PlayerController::~PlayerController() {
    saveRecent();
    m_timer.stop();
    m_audio.close();
}

const codecs::MediaInfo* PlayerController::mediaInfo() const {
    const playback::Shot* s = m_playlist.currentShot();
    return s && s->error.isEmpty() ? &s->info : nullptr;
}

QVariantMap PlayerController::shotInfo() const {
    const playback::Shot* s = m_playlist.currentShot();
    if (!s) return {};
    const auto& i = s->info;
    QVariantMap m{{QStringLiteral("name"), s->name},
                  {QStringLiteral("path"), s->path},
                  {QStringLiteral("error"), s->error},
                  {QStringLiteral("codec"), QString::fromStdString(i.codec)},
                  {QStringLiteral("profile"), QString::fromStdString(i.profile)},
                  {QStringLiteral("pixelFormat"), QString::fromStdString(i.pixelFormat)},
                  {QStringLiteral("width"), i.width},
                  {QStringLiteral("height"), i.height},
                  {QStringLiteral("displayWidth"), i.displayWindow.width > 0 ? i.displayWindow.width : i.width},
                  {QStringLiteral("displayHeight"), i.displayWindow.height > 0 ? i.displayWindow.height : i.height},
                  {QStringLiteral("pixelAspect"), i.pixelAspect.valid() ? i.pixelAspect.toDouble() : 1.0},
                  {QStringLiteral("bitDepth"), i.bitDepth},
                  {QStringLiteral("audio"), !i.audio.empty()},
                  {QStringLiteral("missing"), int(i.missingFrames.size())},
                  {QStringLiteral("colour"), QString::fromStdString(i.colour.primaries + " / " + i.colour.transfer)}};
    // A shot that plays but is not whole (a truncated movie): the info panel says so first.
    m.insert(QStringLiteral("warning"), s->warning);
    m.insert(QStringLiteral("truncated"), i.truncated);
    m.insert(QStringLiteral("listedFrames"), qlonglong(i.listedFrameCount));
    return m;
}

qint64 PlayerController::frameCount() const { return mediaInfo() ? mediaInfo()->frameCount : 0; }
qint64 PlayerController::firstFrameNumber() const { return mediaInfo() ? mediaInfo()->firstFrame : 0; }
qint64 PlayerController::frameNumber() const { return firstFrameNumber() + m_frame; }

QString PlayerController::timecode() const {
    const codecs::MediaInfo* info = mediaInfo();
    if (!info || !info->frameRate.valid()) return QStringLiteral("--:--:--:--");
    const codecs::Rational rate = info->frameRate;
    const bool drop = info->startTimecode.dropFrame ||
                      (!info->hasTimecode && rate.den == 1001 && (rate.num == 30000 || rate.num == 60000));
    // The source's own start timecode; without one, the readers start it at the first frame's
    // number (a sequence from 1001 shows 00:00:41:17 at 24 fps), as the codecs layer reads it.
    const qint64 start = info->startTimecode.toFrames(rate);
    return QString::fromStdString(codecs::Timecode::fromFrames(start + m_frame, rate, drop).toString());
}

QString PlayerController::rateText() const {
    // Shown beside numbers the QML formats with the UI's locale: the same decimal separator.
    return mediaInfo() ? playback::Playlist::rateText(mediaInfo()->frameRate, QLocale()) : QString();
}

void PlayerController::setPlayAllFrames(bool on) {
    if (on == m_playAllFrames) return;
    m_playAllFrames = on;
    emit playAllFramesChanged();
    if (playing()) startClock();  // the other clock: system or sound
}

void PlayerController::setLoopMode(int mode) {
    mode = std::clamp(mode, 0, 2);
    if (mode == int(m_loop)) return;
    m_loop = playback::LoopMode(mode);
    m_clock.setLoopMode(m_loop);
    m_cache->setRange(m_in, m_out, m_loop);
    emit loopModeChanged();
}

QString PlayerController::slateText() const {
    const playback::Shot* s = m_playlist.currentShot();
    if (!s) return {};
    if (!s->error.isEmpty()) return s->error;
    if (m_displayed && m_displayed->index == m_frame) {
        if (m_displayed->missing) return tr("MISSING FRAME %1").arg(frameNumber());
        if (!m_displayed->error.isEmpty()) return tr("Frame %1 cannot be shown\n%2").arg(frameNumber()).arg(m_displayed->error);
    }
    return {};
}

double PlayerController::cacheFill() const {
    const auto s = m_cache->stats();
    return s.budgetBytes > 0 ? double(s.usedBytes) / double(s.budgetBytes) : 0.0;
}

QString PlayerController::cacheText() const {
    const auto s = m_cache->stats();
    return tr("%1 / %2 MiB, %3 frames").arg(s.usedBytes >> 20).arg(s.budgetBytes >> 20).arg(s.frames);
}

void PlayerController::setCacheBudgetMiB(qint64 mib) {
    m_cache->setBudgetBytes(std::max<qint64>(mib, 16) << 20);
    emit cacheChanged();
}

void PlayerController::setMuted(bool muted) {
    if (m_muted == muted) return;
    m_muted = muted;
    m_audio.setVolume(muted ? 0.0 : 1.0);
    emit mutedChanged();
}

void PlayerController::setExposure(double stops) {
    if (qFuzzyCompare(stops + 100, m_exposure + 100)) return;
    m_exposure = std::clamp(stops, -20.0, 20.0);
    emit viewChanged();
}

void PlayerController::setGamma(double gamma) {
    gamma = std::clamp(gamma, 0.1, 10.0);
    if (qFuzzyCompare(gamma, m_gamma)) return;
    m_gamma = gamma;
    emit viewChanged();
}

void PlayerController::setChannel(int channel) {
    channel = std::clamp(channel, 0, 5);
    if (channel == m_channel) return;
    m_channel = channel;
    emit viewChanged();
}

void PlayerController::setDisplay(const QString& display) {
    if (display == m_display || !m_colour.displays().contains(display)) return;
    m_display = display;
    if (!m_colour.views(display).contains(m_view)) m_view = m_colour.defaultView(display);
    rebakeLut();
}

void PlayerController::setView(const QString& view) {
    if (view == m_view || !m_colour.views(m_display).contains(view)) return;
    m_view = view;
    rebakeLut();
}

void PlayerController::setInputSpace(const QString& space) {
    if (space == m_inputSpace || !m_colour.colourSpaces().contains(space)) return;
    m_inputSpace = space;
    m_playlist.setInputColourSpace(m_playlist.current(), space);  // per-shot override
    rebakeLut();
}

void PlayerController::rebakeLut() {
    QElapsedTimer t;
    t.start();
    m_lut = m_colour.bake(m_inputSpace, m_display, m_view);
    if (qEnvironmentVariableIsSet("RUSHES_PROFILE"))
        std::fprintf(stderr, "[profile] OCIO LUT baked in %.1f ms\n", double(t.nsecsElapsed()) / 1e6);
    ++m_lutSerial;
    if (!m_lut.error.isEmpty()) setMessage(tr("Colour: %1").arg(m_lut.error));
    emit colourChanged();
}

QStringList PlayerController::recentFiles() const {
    QStringList list = QSettings().value(QStringLiteral("recent/files")).toStringList();
    for (auto it = m_pendingRecent.crbegin(); it != m_pendingRecent.crend(); ++it) {
        list.removeAll(*it);
        list.prepend(*it);
    }
    while (list.size() > 12) list.removeLast();
    return list;
}

void PlayerController::addRecent(const QString& path) {
    // Saved (and the menu rebuilt) a moment later: the first frame of the shot comes first.
    m_pendingRecent.removeAll(path);
    m_pendingRecent.prepend(path);
    m_recentTimer.start();
}

void PlayerController::saveRecent() {
    m_recentTimer.stop();
    if (m_pendingRecent.isEmpty()) return;
    // A settings file that could neither be read nor moved aside is not written over (SettingsFile):
    // the list stays in memory for this session.
    if (!SettingsFile::writable()) {
        emit recentFilesChanged();
        return;
    }
    QSettings settings;
    QStringList list = settings.value(QStringLiteral("recent/files")).toStringList();
    for (auto it = m_pendingRecent.crbegin(); it != m_pendingRecent.crend(); ++it) {
        list.removeAll(*it);
        list.prepend(*it);
    }
    while (list.size() > 12) list.removeLast();
    settings.setValue(QStringLiteral("recent/files"), list);
    m_pendingRecent.clear();
    emit recentFilesChanged();
}

namespace {
// A folder opens as its movies and one entry per image sequence (the reader finds the rest).
QStringList expandFolder(const QString& folder) {
    static const QStringList movies{"mov", "mp4", "m4v", "mkv", "mxf", "webm", "avi", "y4m", "mpg", "mts"};
    static const QStringList images{"exr", "dpx", "png", "tif", "tiff", "jpg", "jpeg", "tga", "cin"};
    static const QRegularExpression numbered(QStringLiteral("^(.*?)(\\d+)\\.([A-Za-z0-9]+)$"));
    QStringList out;
    QSet<QString> sequences;
    const QDir dir(folder);
    for (const QFileInfo& f : dir.entryInfoList(QDir::Files, QDir::Name)) {
        const QString ext = f.suffix().toLower();
        if (movies.contains(ext)) {
            out << f.absoluteFilePath();
        } else if (images.contains(ext)) {
            const auto m = numbered.match(f.fileName());
            const QString key = m.hasMatch() ? m.captured(1) + QLatin1Char('#') + m.captured(3) : f.fileName();
            if (!sequences.contains(key)) {
                sequences.insert(key);
                out << f.absoluteFilePath();
            }
        }
    }
    return out;
}
}  // namespace

int PlayerController::openPaths(const QStringList& paths) {
    QStringList files;
    for (const QString& p : paths) {
        const QString local = QUrl(p).isLocalFile() ? QUrl(p).toLocalFile() : p;
        if (QFileInfo(local).isDir()) {
            const QStringList inside = expandFolder(local);
            if (inside.isEmpty()) setMessage(tr("%1: no movies or image sequences in this folder").arg(local));
            files << inside;
        } else {
            files << local;
        }
    }
    QElapsedTimer probeTimer;
    probeTimer.start();
    const int first = m_playlist.add(files);
    if (qEnvironmentVariableIsSet("RUSHES_PROFILE"))
        std::fprintf(stderr, "[profile] probed %lld file(s) in %.1f ms\n", qlonglong(files.size()),
                     double(probeTimer.nsecsElapsed()) / 1e6);
    if (first < 0) return -1;
    QElapsedTimer recentTimer;
    recentTimer.start();
    // Files that play go to the recent list; those that cannot are named in the message, every one
    // of them, and the session opens on the first that plays.
    QStringList errors;
    int firstPlayable = -1;
    for (int row = first; row < m_playlist.count(); ++row) {
        const playback::Shot* shot = m_playlist.shot(row);
        if (!shot->error.isEmpty()) {
            errors << shot->error;
            continue;
        }
        addRecent(shot->path);
        if (firstPlayable < 0) firstPlayable = row;
    }
    if (qEnvironmentVariableIsSet("RUSHES_PROFILE"))
        std::fprintf(stderr, "[profile] recent files noted in %.1f ms (saved later)\n",
                     double(recentTimer.nsecsElapsed()) / 1e6);
    // Files that play but are not whole (a truncated movie) are named too, after those that cannot.
    QStringList lines;
    if (errors.size() == 1)
        lines << errors.first();
    else if (errors.size() > 1)
        lines
            << tr("%1 files cannot be played: %2").arg(errors.size()).arg(errors.join(QStringLiteral("; ")));
    for (int row = first; row < m_playlist.count(); ++row)
        if (!m_playlist.shot(row)->warning.isEmpty()) lines << m_playlist.shot(row)->warning;
    if (!lines.isEmpty()) setMessage(lines.join(QStringLiteral("; ")));
    const int shown = firstPlayable >= 0 ? firstPlayable : first;
    if (m_playlist.current() < 0) m_playlist.setCurrent(shown);
    return shown;
}

int PlayerController::openUrls(const QVariantList& urls) {
    QStringList paths;
    for (const QVariant& u : urls) {
        const QUrl url = u.toUrl();
        paths << (url.isLocalFile() ? url.toLocalFile() : u.toString());
    }
    const int first = openPaths(paths);
    if (first >= 0) m_playlist.setCurrent(first);
    return first;
}

void PlayerController::selectShot(int row) { m_playlist.setCurrent(row); }
void PlayerController::removeShot(int row) { m_playlist.remove(row); }
void PlayerController::nextShot() { if (m_playlist.current() + 1 < m_playlist.count()) selectShot(m_playlist.current() + 1); }
void PlayerController::previousShot() { if (m_playlist.current() > 0) selectShot(m_playlist.current() - 1); }

void PlayerController::loadShot() {
    m_buffering = false;
    if (m_onScreen != -1) {
        m_onScreen = -1;
        emit onScreenChanged();
    }
    m_timer.stop();
    m_clock.stop();
    m_audio.close();  // another shot: its own stream when it plays
    m_audioClock = false;
    m_displayed.reset();
    const playback::Shot* s = m_playlist.currentShot();
    if (!s || !s->error.isEmpty()) {
        m_cache->setSource({});
        m_frame = 0;
        m_in = m_out = 0;
        if (s) setMessage(s->error);
    } else {
        m_cache->setSource(cacheSourceFor(*s));
        m_in = 0;
        m_out = std::max<qint64>(0, s->info.frameCount - 1);
        m_cache->setRange(m_in, m_out, m_loop);
        m_clock.setRate(s->info.frameRate);
        m_clock.setRange(m_in, m_out);
        m_inputSpace = s->inputColourSpace.isEmpty() ? m_colour.inputSpaceFor(s->info) : s->inputColourSpace;
        rebakeLut();
        m_frame = -1;
        showFrame(0);
        // A shot that plays but is not whole says so whenever it comes up (unless the message does).
        if (!s->warning.isEmpty() && !m_message.contains(s->warning)) setMessage(s->warning);
        // The sound device's stream opens once the first frame is up, so that the first play
        // or scrub does not wait for the device to start.
        if (!s->info.audio.empty()) {
            QTimer::singleShot(kAudioWarmUpDelayMs, this, [this, path = s->path] {
                const playback::Shot* now = m_playlist.currentShot();
                if (!m_muted && now && now->path == path && now->info.frameRate.valid())
                    m_audio.warmUp(path, readerFactory(path), 0, now->info.frameRate);
            });
        }
    }
    QElapsedTimer t;
    t.start();
    const bool profile = qEnvironmentVariableIsSet("RUSHES_PROFILE");
    auto lap = [&](const char* what) {
        if (profile) std::fprintf(stderr, "[profile] %s: %.1f ms\n", what, double(t.nsecsElapsed()) / 1e6);
        t.restart();
    };
    emit shotChanged();
    lap("window follows shotChanged");
    emit rangeChanged();
    emit playingChanged();
    frameMoved();
    lap("window follows range, playing and frame");
    emit displayedChanged();
    refreshCacheFigures();
    lap("window follows displayed frame and cache figures");
}

void PlayerController::display(const FramePtr& frame) {
    m_displayed = frame;
    emit displayedChanged();
}

void PlayerController::showFrame(qint64 index) {
    if (!mediaInfo()) return;
    index = std::clamp<qint64>(index, 0, std::max<qint64>(0, frameCount() - 1));
    const bool changed = index != m_frame;
    m_frame = index;
    m_clock.seek(index);
    m_cache->setPlayhead(index, m_direction, false);
    if (FramePtr f = m_cache->frame(index)) display(f);
    else if (m_displayed && (m_displayed->missing || !m_displayed->error.isEmpty())) emit displayedChanged();
    if (changed) frameMoved();
}

void PlayerController::frameMoved() {
    emit frameChanged();
    if (!m_clock.running()) {
        m_textTimer.stop();
        emit frameTextChanged();
    } else if (!m_textTimer.isActive()) {
        m_textTimer.start();
    }
}

void PlayerController::startClock() {
    const codecs::MediaInfo* info = mediaInfo();
    if (!info) return;
    m_audio.stop();
    m_clock.stop();
    m_clock.setTimeSource(nullptr);
    m_audioClock = false;
    m_clock.setRate(info->frameRate);
    m_clock.setRange(m_in, m_out);
    m_clock.setLoopMode(m_loop);
    m_clock.setSpeed(m_direction * m_speedNum, m_speedDen);
    if (m_loop == playback::LoopMode::Once) {
        if (m_direction > 0 && m_frame >= m_out) m_frame = m_in;
        if (m_direction < 0 && m_frame <= m_in) m_frame = m_out;
    }
    m_clock.seek(m_frame);
    m_lastPresented = -1;
    // Pre-roll: the clock starts once the cache holds what play needs ahead of the playhead. The
    // cache fills as for a paused playhead meanwhile: from the frame due first, not from where a
    // running clock would already be.
    m_buffering = true;
    m_bufferTimer.start();
    m_cache->setPlayhead(m_frame, m_direction, false);
    m_timer.start();
    if (prerolled())
        beginPlay();
    else
        emit playingChanged();
}

bool PlayerController::prerolled() {
    const codecs::MediaInfo* info = mediaInfo();
    if (!info) return true;
    const bool repeats = m_loop != playback::LoopMode::Once;
    const playback::CacheStats cs = m_cache->stats();
    playback::PrerollPlan plan;
    plan.framesToPlay = repeats ? m_out - m_in + 1 : (m_direction > 0 ? m_out - m_frame : m_frame - m_in) + 1;
    plan.playFps = info->frameRate.toDouble() * double(m_speedNum) / double(m_speedDen);
    plan.decodeFps = cs.decodeFps * kDecodeFpsMargin;
    plan.windowFrames = cs.aheadFrames;
    // Until the decoders' rate is known (each has decoded a frame besides the first: a few ms for
    // most media), what the window holds; then what the rate says.
    // Every frame plays anyway: only the first is waited for, then play goes at decoding's pace.
    const qint64 need = m_playAllFrames ? 1
                        : cs.decodeFps > 0
                            ? playback::prerollFrames(plan)
                            : std::max<qint64>(1, std::min<qint64>(plan.framesToPlay, cs.aheadFrames));
    // Frames in the order play will want them, folded into the range as the clock folds them.
    qint64 have = 0;
    for (; have < need; ++have) {
        const playback::RangePosition at = playback::mapToRange(m_frame + m_direction * have, m_in, m_out, m_loop);
        if (at.finished || !m_cache->contains(at.frame)) break;
    }
    const double progress = std::clamp(double(have) / double(need), 0.0, 1.0);
    if (progress != m_bufferProgress) {
        m_bufferProgress = progress;
        emit bufferProgressChanged();
    }
    return have >= need;
}

void PlayerController::beginPlay() {
    const codecs::MediaInfo* info = mediaInfo();
    m_buffering = false;
    if (!info) return;
    // Audio leads when it plays forward at normal speed; otherwise the system clock does.
    if (!m_muted && !m_playAllFrames && m_direction > 0 && m_speedNum == m_speedDen && !info->audio.empty()) {
        const playback::Shot* s = m_playlist.currentShot();
        if (m_audio.start(s->path, readerFactory(s->path), 0, m_frame, info->frameRate)) {
            m_clock.setTimeSource(&m_audio);
            m_clock.seek(m_frame);
            m_audioClock = true;
        }
    }
    m_lastPresented = -1;
    m_clock.start();
    m_position = m_clock.position();
    // Every frame: the cache fills ahead of the frame shown, never skipping ahead of it.
    m_cache->setPlayhead(m_frame, m_direction, !m_playAllFrames);
    m_timer.start();
    emit playingChanged();
}

void PlayerController::play() {
    m_direction = 1;
    m_speedNum = m_speedDen = 1;
    startClock();
}

void PlayerController::playReverse() {
    m_direction = -1;
    m_speedNum = m_speedDen = 1;
    startClock();
}

void PlayerController::pause() {
    if (!m_clock.running() && !m_timer.isActive() && !m_buffering) return;
    m_buffering = false;
    m_timer.stop();
    m_clock.stop();
    m_audio.stop();
    m_audioClock = false;
    showFrame(m_playAllFrames ? m_frame : m_clock.frame());  // every frame: the one shown
    emit playingChanged();
}

void PlayerController::togglePlay() {
    if (playing()) pause();
    else play();
}

void PlayerController::shuttle(const QString& key) {
    const QString k = key.toLower();
    if (k == QLatin1String("k")) {
        pause();
        return;
    }
    const int dir = k == QLatin1String("j") ? -1 : 1;
    if (playing() && m_direction == dir) m_speedNum = std::min(m_speedNum * 2, 8);  // 1x 2x 4x 8x
    else m_speedNum = 1;
    m_speedDen = 1;
    m_direction = dir;
    startClock();
}

void PlayerController::step(int frames) {
    if (playing()) pause();
    showFrame(m_frame + frames);
}

void PlayerController::seek(qint64 frame) {
    if (m_buffering) {  // still pre-rolling: from the new frame
        showFrame(frame);
        startClock();
    } else if (playing()) {
        m_clock.seek(frame);
        m_lastPresented = -1;
        m_position = m_clock.position() - m_clock.step();  // every frame: the next one is `frame`
        tick();
    } else {
        showFrame(frame);
    }
}

void PlayerController::seekStart() { seek(m_in); }
void PlayerController::seekEnd() { seek(m_out); }

bool PlayerController::seekTimecode(const QString& text) {
    const codecs::MediaInfo* info = mediaInfo();
    if (!info) return false;
    const QString t = text.trimmed();
    if (t.contains(QLatin1Char(':')) || t.contains(QLatin1Char(';'))) {
        auto tc = codecs::Timecode::parse(t.toStdString());
        if (!tc) {
            setMessage(tr("\"%1\" is not a timecode (HH:MM:SS:FF)").arg(t));
            return false;
        }
        const qint64 start = info->startTimecode.toFrames(info->frameRate);
        seek(tc->toFrames(info->frameRate) - start);
        return true;
    }
    bool ok = false;
    const qint64 number = t.toLongLong(&ok);
    if (!ok) {
        setMessage(tr("\"%1\" is neither a frame number nor a timecode").arg(t));
        return false;
    }
    seek(number - info->firstFrame);
    return true;
}

void PlayerController::setInPoint() {
    m_in = m_frame;
    if (m_out < m_in) m_out = std::max<qint64>(0, frameCount() - 1);
    m_clock.setRange(m_in, m_out);
    m_cache->setRange(m_in, m_out, m_loop);
    emit rangeChanged();
}

void PlayerController::setOutPoint() {
    m_out = m_frame;
    if (m_in > m_out) m_in = 0;
    m_clock.setRange(m_in, m_out);
    m_cache->setRange(m_in, m_out, m_loop);
    emit rangeChanged();
}

void PlayerController::clearInOut() {
    m_in = 0;
    m_out = std::max<qint64>(0, frameCount() - 1);
    m_clock.setRange(m_in, m_out);
    m_cache->setRange(m_in, m_out, m_loop);
    emit rangeChanged();
}

void PlayerController::beginScrub() {
    m_wasPlaying = playing();
    if (m_wasPlaying) pause();
    m_scrubbing = true;
    const playback::Shot* shot = m_playlist.currentShot();
    if (!m_muted && shot && mediaInfo() && !mediaInfo()->audio.empty())
        m_audio.beginScrub(shot->path, readerFactory(shot->path), 0, mediaInfo()->frameRate);
    // While the playhead is dragged, decode little beyond it: look-ahead there is mostly wasted
    // and takes the CPU the frame asked for and its drawing need. Intra-only media get none: each
    // frame there costs a whole decode on the shot's one reader, and the next position asked for
    // would wait behind it. Long-GOP media keep two, almost free once the reader is there.
    const codecs::MediaInfo* info = mediaInfo();
    m_cache->setWindow(info && isIntraOnly(*info) ? 0 : kScrubAheadFrames, 0);
}

void PlayerController::scrub(qint64 frame) {
    if (frame == m_frame) return;
    m_direction = frame >= m_frame ? 1 : -1;
    showFrame(frame);
    m_audio.scrub(m_frame);  // the frame's sound, when scrubbing began with a device and sound
}

void PlayerController::endScrub() {
    m_scrubbing = false;
    m_audio.endScrub();
    m_cache->setWindow(kAheadFrames, kBehindFrames);
    m_direction = 1;
    if (m_wasPlaying) play();
}

void PlayerController::tick() {
    if (m_buffering) {
        if (prerolled() || m_bufferTimer.elapsed() >= kMaxPrerollMs) beginPlay();
        return;
    }
    if (!m_clock.running()) {
        m_timer.stop();
        m_audio.stop();
        m_audioClock = false;
        emit playingChanged();
        emit playbackFinished();
        return;
    }
    if (m_playAllFrames) {
        tickEveryFrame();
        return;
    }
    qint64 f = m_clock.frame();
    // The audio position can wobble back by a hair as the device buffer refills: never step back.
    if (m_audioClock && f < m_frame && m_frame - f < 3) f = m_frame;
    if (!m_clock.running()) {  // Once reached its end this tick
        m_frame = f;
        if (FramePtr p = m_cache->frame(f)) display(p);
        frameMoved();
        tick();
        return;
    }
    if (f == m_frame) {
        // Still due and not on screen: a late frame that has just been decoded.
        if (!(m_displayed && m_displayed->index == f))
            if (FramePtr p = m_cache->peek(f)) display(p);
        return;
    }
    m_frame = f;
    m_cache->setPlayhead(f, m_direction, true);
    if (FramePtr p = m_cache->frame(f)) {
        display(p);
    } else {
        // Not decoded in time: show the newest frame we have between the last one shown and the
        // one due (the decoder falls behind, the picture still moves), and count the rest dropped.
        const qint64 shown = m_displayed ? m_displayed->index : -1;
        for (qint64 g = f - m_direction, n = 0; n < 48; g -= m_direction, ++n) {
            if (g == shown || g < m_in || g > m_out) break;
            if (FramePtr p = m_cache->peek(g)) {
                display(p);
                break;
            }
        }
    }
    frameMoved();
}

void PlayerController::tickEveryFrame() {
    const qint64 position = m_clock.position();
    const int step = m_clock.step();
    if ((position - m_position) * step <= 0) {  // the frame shown is still due
        if (!(m_displayed && m_displayed->index == m_frame))
            if (FramePtr p = m_cache->peek(m_frame)) display(p);
        return;
    }
    // Every frame reaches the screen: with a viewer, the next waits until it reported this one
    // (drawing, not decoding, can be what falls behind: a software rasteriser at 1080p).
    if (m_onScreen >= 0 && m_onScreen != m_frame &&
        m_presentTimer.nsecsElapsed() - m_handedOverNs < kMaxScreenWaitNs)
        return;
    const qint64 nextPosition = m_position + step;
    const playback::RangePosition next = playback::mapToRange(nextPosition, m_in, m_out, m_loop);
    if (next.finished) {  // Once, at its end
        m_clock.seek(m_frame);
        m_clock.stop();
        tick();
        return;
    }
    // (Asked with peek while waiting: a wait is not a cache miss a tick.)
    FramePtr p = m_cache->peek(next.frame) ? m_cache->frame(next.frame) : nullptr;
    if (!p) {
        // Not decoded yet: the clock holds it due now, so it shows the moment it arrives and the
        // one after it a whole period later.
        m_clock.anchorPosition(nextPosition);
        return;
    }
    display(p);
    m_handedOverNs = m_presentTimer.nsecsElapsed();
    m_frame = next.frame;
    m_position = nextPosition;
    // Shown late (decoding or drawing fell behind): it starts now instead of skipping ahead.
    if ((position - nextPosition) * step > 0) m_clock.anchorPosition(nextPosition);
    m_cache->setPlayhead(m_frame, m_direction, false);
    frameMoved();
}

void PlayerController::resetStats() {
    m_stats = {};
    m_statsResetNs = m_presentTimer.nsecsElapsed();
    m_lastPresented = -1;
    m_lastPresentNs = -1;
    emit statsChanged();
}

void PlayerController::notePresented(qint64 index) {
    const qint64 now = m_presentTimer.nsecsElapsed();
    if (index != m_onScreen) {
        m_onScreen = index;
        emit onScreenChanged();
    }
    if (playing() && m_lastPresented >= 0 && index != m_lastPresented) {
        qint64 gap = (index - m_lastPresented) * m_direction;
        if (gap < 0) gap += m_out - m_in + 1;  // looped round
        m_stats.dropped += std::max<qint64>(0, gap - 1);
        // On screen while the clock already wants a later frame: its slot passed without it.
        // (Every frame: the frame due is the one shown or the next; asking the clock could end a
        // Once range that ran past its out point before its last frames were shown.)
        qint64 behind = ((m_playAllFrames ? m_frame : m_clock.frame()) - index) * m_direction;
        if (behind < 0) behind += m_out - m_in + 1;  // the clock looped round
        if (behind >= 1 && behind < m_out - m_in) ++m_stats.late;
        if (m_lastPresentNs >= 0) {
            m_stats.intervalsMs.push_back(double(now - m_lastPresentNs) / 1e6);
            m_stats.intervalEndsMs.push_back(double(now - m_statsResetNs) / 1e6);
        }
    }
    if (index != m_lastPresented) {
        if (m_stats.firstShownMs < 0) m_stats.firstShownMs = double(now - m_statsResetNs) / 1e6;
        ++m_stats.presented;
        m_lastPresented = index;
        m_lastPresentNs = now;
        ++m_fpsCount;
    }
    if (now - m_fpsWindowStartNs >= 1000000000) {
        m_measuredFps = playing() ? m_fpsCount * 1e9 / double(now - m_fpsWindowStartNs) : 0.0;
        m_fpsCount = 0;
        m_fpsWindowStartNs = now;
        emit statsChanged();
    }
}

void PlayerController::refreshCacheFigures() {
    QVariantList ranges;
    for (const auto& r : m_cache->cachedRanges()) ranges.append(QVariant(QVariantList{r.first, r.second}));
    // The timeline's Repeater rebuilds its delegates on every notification: only when they change.
    if (ranges != m_ranges) {
        m_ranges = ranges;
        emit cachedRangesChanged();
    }
    const QString text = cacheText() + QLatin1Char(' ') + QString::number(cacheFill());
    if (text != m_cacheText) {
        m_cacheText = text;
        emit cacheChanged();
    }
    if (!playing() && m_measuredFps != 0) {
        m_measuredFps = 0;
        emit statsChanged();
    }
}

QVariantMap PlayerController::inspect(double imageX, double imageY) const {
    if (!m_displayed || !m_displayed->hasPixels()) return {};
    const int x = int(std::floor(imageX)), y = int(std::floor(imageY));
    if (m_displayed->image.data.empty()) return inspectPlanes(x, y);
    const codecs::Image& img = m_displayed->image;
    if (x < 0 || y < 0 || x >= img.width || y >= img.height) return {};
    double v[4];
    const size_t offset = (size_t(y) * img.width + x) * 4;
    bool isFloat = false;
    if (img.format == codecs::ImageFormat::RGBAHalf) {
        const auto* p = reinterpret_cast<const qfloat16*>(img.data.data()) + offset;
        for (int c = 0; c < 4; ++c) v[c] = float(p[c]);
        isFloat = true;
    } else if (img.format == codecs::ImageFormat::RGBA8) {
        for (int c = 0; c < 4; ++c) v[c] = img.data[offset + c];
    } else {
        return {};
    }
    // Shown in the viewer: the UI's decimal separator, as the QML's numbers.
    auto text = [&](double value) {
        return isFloat ? QLocale().toString(value, 'f', 4) : QString::number(int(value));
    };
    return {{QStringLiteral("x"), x}, {QStringLiteral("y"), y},
            {QStringLiteral("r"), v[0]}, {QStringLiteral("g"), v[1]}, {QStringLiteral("b"), v[2]}, {QStringLiteral("a"), v[3]},
            {QStringLiteral("float"), isFloat},
            {QStringLiteral("text"), QStringLiteral("%1, %2   R %3  G %4  B %5  A %6")
                                         .arg(x).arg(y).arg(text(v[0]), text(v[1]), text(v[2]), text(v[3]))}};
}

// A native YUV frame: its code values, and the 8-bit RGB the viewer shows before the view transform.
QVariantMap PlayerController::inspectPlanes(int x, int y) const {
    const codecs::Frame& f = m_displayed->planes;
    const auto yuv = mediaInfo() ? yuvLayout(f.pixelFormat, *mediaInfo()) : std::nullopt;
    if (!yuv || f.planes.size() < 3 || x < 0 || y < 0 || x >= f.width || y >= f.height) return {};
    auto code = [&](int plane, int px, int py) -> int {
        const codecs::Plane& p = f.planes[size_t(plane)];
        px = std::min(px, p.width - 1);
        py = std::min(py, p.height - 1);
        const size_t at = (size_t(py) * p.width + px) * size_t(p.bytesPerSample);
        if (at + size_t(p.bytesPerSample) > p.data.size()) return 0;
        return p.bytesPerSample == 2 ? p.data[at] | (p.data[at + 1] << 8) : p.data[at];
    };
    const int cy = code(0, x, y), cb = code(1, x >> yuv->chromaShiftX, y >> yuv->chromaShiftY),
              cr = code(2, x >> yuv->chromaShiftX, y >> yuv->chromaShiftY);
    const auto rgb = yuv->rgb(float(cy), float(cb), float(cr));
    double v[3];
    for (int c = 0; c < 3; ++c) v[c] = std::round(std::clamp(rgb[size_t(c)], 0.0f, 1.0f) * 255.0);
    return {{QStringLiteral("x"), x},
            {QStringLiteral("y"), y},
            {QStringLiteral("r"), v[0]},
            {QStringLiteral("g"), v[1]},
            {QStringLiteral("b"), v[2]},
            {QStringLiteral("a"), 255},
            {QStringLiteral("float"), false},
            {QStringLiteral("text"), QStringLiteral("%1, %2   Y' %3  Cb %4  Cr %5   R %6  G %7  B %8")
                                         .arg(x)
                                         .arg(y)
                                         .arg(cy)
                                         .arg(cb)
                                         .arg(cr)
                                         .arg(int(v[0]))
                                         .arg(int(v[1]))
                                         .arg(int(v[2]))}};
}

QUrl PlayerController::panelUrl(const QString& module, const QString& file) const {
    const QString path = QStringLiteral(":/qt/qml/Rushes/%1/%2").arg(module, file);
    return QFile::exists(path) ? QUrl(QStringLiteral("qrc") + path) : QUrl();
}

void PlayerController::setMessage(const QString& text) {
    if (text == m_message) return;
    m_message = text;
    emit messageChanged();
}

void PlayerController::dismissMessage() { setMessage({}); }

bool PlayerController::waitForFrame(qint64 index, int timeoutMs) {
    if (!mediaInfo()) return false;
    showFrame(index);
    FramePtr f = m_cache->waitFor(m_frame, timeoutMs);
    if (!f) return false;
    display(f);
    return true;
}

}  // namespace rushes::viewer
