#include "playback/FrameCache.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "messages/CodecsMessages.h"
#include "playback/internal/SystemMemory.h"

namespace rushes::playback {

namespace {
// RUSHES_PROFILE=1: one line per frame on stderr with where the time went (decode, conversion).
bool profiling() {
    static const bool on = std::getenv("RUSHES_PROFILE") != nullptr;
    return on;
}
}  // namespace

FrameCache::FrameCache(int threads, QObject* parent) : QObject(parent) {
    if (threads <= 0) threads = std::max(2, QThread::idealThreadCount());
    m_stats.budgetBytes = m_budget;
    for (int i = 0; i < threads; ++i) m_threads.emplace_back([this, i] { workerLoop(i); });
}

FrameCache::~FrameCache() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
        m_queue.clear();
    }
    m_work.notify_all();
    for (auto& t : m_threads) t.join();
}

qint64 FrameCache::defaultBudgetBytes() {
    const qint64 ram = internal::physicalMemoryBytes();
    if (ram <= 0) return 2ll << 30;
    return std::clamp(ram / 4, qint64(256) << 20, qint64(16) << 30);
}

void FrameCache::setBudgetBytes(qint64 bytes) {
    std::lock_guard lock(m_mutex);
    m_budget = std::max<qint64>(bytes, 1);
    m_stats.budgetBytes = m_budget;
    evictLocked({0, -1});
    rebuildQueueLocked();
}

qint64 FrameCache::budgetBytes() const {
    std::lock_guard lock(m_mutex);
    return m_budget;
}

void FrameCache::setWindow(int ahead, int behind) {
    std::lock_guard lock(m_mutex);
    m_maxAhead = std::max(0, ahead);
    m_maxBehind = std::max(0, behind);
    rebuildQueueLocked();
}

void FrameCache::setSource(const CacheSource& source) {
    {
        std::lock_guard lock(m_mutex);
        m_stats.cancelled += qint64(m_queue.size() + m_convertQueue.size());
        m_queue.clear();
        m_convertQueue.clear();
        m_inFlight.clear();
        m_source = source;
        ++m_sourceGeneration;
        m_missing = std::unordered_set<qint64>(source.missing.begin(), source.missing.end());
        m_in = 0;
        m_out = source.frameCount - 1;
        m_playhead = 0;
        m_lastFrameBytes = source.frameBytesHint;
        m_firstPending = source.id != 0;
        m_recentReadMs = 0;
        m_sharedReadMs = 0;
        m_sharedReads = 0;
        m_stats.decodeFps = 0;
        rebuildQueueLocked();
    }
    m_work.notify_all();
}

quint64 FrameCache::sourceId() const {
    std::lock_guard lock(m_mutex);
    return m_source.id;
}

void FrameCache::setRange(qint64 in, qint64 out, LoopMode loop) {
    std::lock_guard lock(m_mutex);
    m_in = std::min(in, out);
    m_out = std::max(in, out);
    m_loop = loop;
    rebuildQueueLocked();
    m_work.notify_all();
}

void FrameCache::setPlayhead(qint64 index, int direction, bool playing) {
    {
        std::lock_guard lock(m_mutex);
        if (index == m_playhead && direction == m_direction && playing == m_playing && !m_queue.empty()) return;
        m_playhead = index;
        m_direction = direction < 0 ? -1 : 1;
        m_playing = playing;
        rebuildQueueLocked();
    }
    m_work.notify_all();
}

qint64 FrameCache::frameBytesLocked() const {
    return std::max<qint64>(m_lastFrameBytes, 1024);
}

void FrameCache::windowLocked(int& ahead, int& behind) const {
    // The budget decides how far we can look: three quarters ahead, one quarter behind.
    const qint64 fit = std::max<qint64>(1, m_budget / frameBytesLocked());
    ahead = int(std::min<qint64>(m_maxAhead, std::max<qint64>(1, fit * 3 / 4)));
    behind = int(std::min<qint64>(m_maxBehind, std::max<qint64>(0, fit - ahead - 1)));
}

void FrameCache::rebuildQueueLocked() {
    const std::deque<qint64> previous = std::move(m_queue);
    m_queue.clear();
    auto countCancelled = [&] {
        // Requests that were queued and are no longer wanted are the cancelled ones.
        const std::unordered_set<qint64> now(m_queue.begin(), m_queue.end());
        for (qint64 i : previous)
            if (!now.count(i)) ++m_stats.cancelled;
    };
    if (m_source.id == 0 || m_source.frameCount <= 0) return;
    const qint64 first = std::clamp<qint64>(m_in, 0, m_source.frameCount - 1);
    const qint64 last = std::clamp<qint64>(m_out < 0 ? m_source.frameCount - 1 : m_out, first, m_source.frameCount - 1);
    const qint64 length = last - first + 1;
    int ahead = 0, behind = 0;
    windowLocked(ahead, behind);
    m_stats.aheadFrames = ahead;
    m_stats.behindFrames = behind;

    std::unordered_set<qint64> seen;
    auto want = [&](qint64 index) {
        if (index < first || index > last) {
            if (m_loop != LoopMode::Loop) return;
            index = first + ((index - first) % length + length) % length;
        }
        if (!seen.insert(index).second) return;
        if (m_inFlight.count(index) || m_frames.count({m_source.id, index})) return;
        m_queue.push_back(index);
    };
    qint64 p = std::clamp(m_playhead, qint64(0), m_source.frameCount - 1);
    // Playing behind the clock: the frame due now will be late whatever happens. Decoding from
    // where the clock will be once a frame is ready keeps every frame decoded on time, where
    // chasing the playhead shows one in several (intra-only: each jump costs one seek).
    if (m_playing && m_source.intraOnly && m_source.frameRate > 0 && !m_firstPending) {
        auto started = [&](qint64 i) { return m_inFlight.count(i) || m_frames.count({m_source.id, i}); };
        const int lead = int(std::ceil(m_recentReadMs * m_source.frameRate / 1000.0)) + 1;
        int from = lead;  // the first frame already under way within reach, else `lead` ahead
        for (int i = 0; i < lead; ++i)
            if (started(p + m_direction * i)) {
                from = i;
                break;
            }
        if (lead > 1 && lead < ahead) p = std::clamp(p + m_direction * from, first, last);
    }
    want(p);
    // A new shot's first frame alone: look-ahead decoded beside it would share the CPU with it.
    if (m_firstPending) {
        countCancelled();
        return;
    }
    // A long-GOP source has one decoder that reads forward: a frame behind it costs a seek to its
    // keyframe and decoding the GOP again, so look-behind waits until the look-ahead is queued
    // and is left out entirely while playing (it would stall the frames that are due).
    const bool sequential = m_source.decoders <= 1 && m_source.frameCount > 1;
    // Otherwise interleave a little look-behind so a reversal or a small step back is cached too.
    const int aheadSpan = std::min<qint64>(ahead, length - 1);
    for (int i = 1; i <= aheadSpan; ++i) {
        want(p + m_direction * i);
        if (!sequential && i % 4 == 0 && i / 4 <= behind) want(p - m_direction * (i / 4));
    }
    if (!(sequential && m_playing))
        for (int j = 1; j <= std::min<qint64>(behind, length - 1); ++j) want(p - m_direction * j);
    countCancelled();
}

qint64 FrameCache::distanceScoreLocked(qint64 index) const {
    qint64 d = (index - m_playhead) * m_direction;
    if (m_loop == LoopMode::Loop && m_out >= m_in && d < 0) {
        // Frames just after the in point are "ahead" when playing towards the out point.
        const qint64 length = m_out - m_in + 1;
        const qint64 wrapped = d + length;
        if (wrapped >= 0 && wrapped < -d * 3) return wrapped;
    }
    return d >= 0 ? d : -d * 3;  // keep what lies ahead over what lies behind
}

void FrameCache::evictLocked(const Key& keep) {
    while (m_stats.usedBytes > m_budget && !m_frames.empty()) {
        auto victim = m_frames.end();
        qint64 worst = -1;
        for (auto it = m_frames.begin(); it != m_frames.end(); ++it) {
            if (it->first == keep) continue;
            const qint64 score = it->first.source != m_source.id ? std::numeric_limits<qint64>::max()
                                                                 : distanceScoreLocked(it->first.index);
            if (score > worst) {
                worst = score;
                victim = it;
            }
        }
        if (victim == m_frames.end()) break;
        m_stats.usedBytes -= victim->second->bytes();
        // Nobody else holds it (copies are only made under this lock): its buffers serve the next decode.
        if (victim->second.use_count() == 1 && m_spare.size() < kMaxSpare)
            m_spare.push_back(std::const_pointer_cast<CachedFrame>(victim->second));
        m_frames.erase(victim);
        ++m_stats.evicted;
    }
}

void FrameCache::insertLocked(const Key& key, FramePtr frame) {
    const qint64 bytes = frame->bytes();
    // A frame farther from the playhead than everything cached, with no room: not worth keeping.
    if (m_stats.usedBytes + bytes > m_budget && key.source == m_source.id) {
        const qint64 mine = distanceScoreLocked(key.index);
        bool anyFarther = false;
        for (const auto& [k, f] : m_frames) {
            if (k.source != m_source.id || distanceScoreLocked(k.index) > mine) {
                anyFarther = true;
                break;
            }
        }
        if (!anyFarther && !m_frames.empty() && bytes > m_budget - m_stats.usedBytes && mine > 0) {
            ++m_stats.evicted;
            return;
        }
    }
    auto [it, inserted] = m_frames.insert_or_assign(key, std::move(frame));
    (void)it;
    if (inserted) m_stats.usedBytes += bytes;
    evictLocked(key);
    m_stats.peakBytes = std::max(m_stats.peakBytes, m_stats.usedBytes);
    m_stats.frames = int(m_frames.size());
}

void FrameCache::finishLocked(qint64 index, quint64 generation, std::shared_ptr<CachedFrame> result) {
    m_inFlight.erase(index);
    if (generation != m_sourceGeneration) return;  // the shot changed meanwhile
    if (!result->error.isEmpty()) ++m_stats.failed;
    ++m_stats.decoded;
    // Slates (holes, broken frames) cost nothing to make: they say nothing of the decoders' speed.
    if (result->hasPixels()) {
        m_recentReadMs =
            m_recentReadMs > 0 ? 0.8 * m_recentReadMs + 0.2 * result->decodeMs : result->decodeMs;
        // The decoders' rate together. A new shot's first frame decodes alone, faster than those
        // that share the processors: it is left out, and the rate is given once every decoder
        // has finished one (a mean until then, a moving average after).
        if (!m_firstPending) {
            const int parallel = int(std::min<size_t>(std::max(1, m_source.decoders), m_threads.size()));
            ++m_sharedReads;
            m_sharedReadMs = m_sharedReads <= parallel
                                 ? m_sharedReadMs + (result->decodeMs - m_sharedReadMs) / m_sharedReads
                                 : 0.8 * m_sharedReadMs + 0.2 * result->decodeMs;
            if (m_sharedReads >= parallel && m_sharedReadMs > 0)
                m_stats.decodeFps = double(parallel) * 1000.0 / m_sharedReadMs;
        }
        m_lastFrameBytes = result->bytes();
    }
    m_decodeMsTotal += result->decodeMs;
    m_stats.meanDecodeMs = m_decodeMsTotal / double(m_stats.decoded);
    insertLocked({m_source.id, index}, std::move(result));
    if (m_firstPending) {  // the shot's first frame is in: now the window around it
        m_firstPending = false;
        rebuildQueueLocked();
        m_work.notify_all();
    }
}

void FrameCache::convertAndInsert(ConvertJob job) {
    QElapsedTimer timer;
    timer.start();
    auto result = std::make_shared<CachedFrame>();
    result->index = job.index;
    auto image = codecs::convertFrame(*job.frame, *job.info, job.format);
    if (image) result->image = std::move(image.value());
    else
        result->error = messages::localText(image.error());
    result->decodeMs = job.decodeMs + double(timer.nsecsElapsed()) / 1e6;
    if (profiling())
        std::fprintf(stderr, "[profile] frame %lld decode %.1f ms convert %.1f ms\n", qlonglong(job.index), job.decodeMs,
                     result->decodeMs - job.decodeMs);
    {
        std::lock_guard lock(m_mutex);
        finishLocked(job.index, job.generation, std::move(result));
    }
    m_ready.notify_all();
    emit frameReady(job.index);
}

void FrameCache::workerLoop(int worker) {
    internal::lowerCurrentThreadPriority();  // the frame on screen comes before frames ahead
    std::unique_ptr<codecs::MediaReader> reader;
    std::shared_ptr<const codecs::MediaInfo> readerInfo;
    quint64 readerGeneration = 0;
    QString openError;
    while (true) {
        qint64 index = -1;
        CacheSource source;
        quint64 generation = 0;
        bool split = false;
        ConvertJob convert;
        bool haveConvert = false;
        {
            std::unique_lock lock(m_mutex);
            const auto isDecoder = [&] { return worker < std::max(1, m_source.decoders); };
            m_work.wait(lock, [&] {
                return m_quit || !m_convertQueue.empty() || (!m_queue.empty() && isDecoder());
            });
            if (m_quit) return;
            // Decoders keep decoding unless conversions pile up; the others only convert.
            const bool decodeNow = isDecoder() && !m_queue.empty() && m_convertQueue.size() < 6;
            if (!decodeNow) {
                if (m_convertQueue.empty()) continue;
                convert = std::move(m_convertQueue.front());
                m_convertQueue.pop_front();
                haveConvert = true;
            } else {
                index = m_queue.front();
                m_queue.pop_front();
                m_inFlight.insert(index);
                generation = m_sourceGeneration;
                split = m_source.splitConversion && m_threads.size() > 1;
                if (readerGeneration != generation) source = m_source;
            }
        }
        if (haveConvert) {
            convertAndInsert(std::move(convert));
            continue;
        }
        if (readerGeneration != generation) {
            reader.reset();
            readerInfo.reset();
            openError.clear();
            readerGeneration = generation;
            if (source.open) {
                auto opened = source.open();
                if (opened) {
                    reader = std::move(opened.value());
                    readerInfo = std::make_shared<const codecs::MediaInfo>(reader->info());
                } else {
                    openError = messages::localText(opened.error());
                }
            }
        }
        std::shared_ptr<CachedFrame> result;
        {
            std::lock_guard lock(m_mutex);
            if (!m_spare.empty()) {
                result = std::move(m_spare.back());
                m_spare.pop_back();
            }
        }
        if (result) {  // an evicted frame: keep its buffers, nothing else
            result->missing = false;
            result->error.clear();
            result->decodeMs = 0;
        } else {
            result = std::make_shared<CachedFrame>();
        }
        result->index = index;
        QElapsedTimer timer;
        timer.start();
        bool holeKnown = false;
        codecs::ImageFormat format = codecs::ImageFormat::RGBA8;
        bool nativePlanes = false;
        {
            std::lock_guard lock(m_mutex);
            holeKnown = m_missing.count(index) > 0;
            format = m_source.format;
            nativePlanes = m_source.nativePlanes;
        }
        if (holeKnown || !reader) {  // a slate: no pixels (a reused frame still holds some)
            result->image = {};
            result->planes = {};
        }
        if (holeKnown) {
            result->missing = true;
        } else if (!reader) {
            result->error = openError.isEmpty() ? QStringLiteral("no reader") : openError;
        } else if (nativePlanes) {
            result->image = {};
            auto st = reader->readFrameInto(index, result->planes);
            if (!st)
                result->error = messages::localText(st.error());
            else if (result->planes.missing || result->planes.planes.empty())
                result->missing = true;
            if (result->missing || !result->error.isEmpty()) result->planes = {};
        } else if (split) {
            auto frame = reader->readFrame(index);
            if (frame && !frame->missing) {
                ConvertJob job;
                job.index = index;
                job.generation = generation;
                job.frame = std::make_shared<codecs::Frame>(std::move(frame.value()));
                job.info = readerInfo;
                job.format = format;
                job.decodeMs = double(timer.nsecsElapsed()) / 1e6;
                {
                    std::lock_guard lock(m_mutex);
                    m_convertQueue.push_back(std::move(job));
                }
                m_work.notify_all();
                continue;
            }
            if (frame) result->missing = true;
            else
                result->error = messages::localText(frame.error());
        } else {
            result->planes = {};
            auto st = reader->readImageInto(index, format, result->image);
            if (!st)
                result->error = messages::localText(st.error());
            else if (result->image.data.empty())
                result->missing = true;
            if (result->missing || !result->error.isEmpty()) result->image = {};
        }
        result->decodeMs = double(timer.nsecsElapsed()) / 1e6;
        if (profiling())
            std::fprintf(stderr, "[profile] frame %lld worker %d %s %.1f ms\n", qlonglong(index), worker,
                         nativePlanes ? "read (native planes)" : "read+convert", result->decodeMs);
        {
            std::lock_guard lock(m_mutex);
            finishLocked(index, generation, std::move(result));
        }
        m_ready.notify_all();
        emit frameReady(index);
    }
}

FramePtr FrameCache::frame(qint64 index) {
    std::lock_guard lock(m_mutex);
    auto it = m_frames.find({m_source.id, index});
    if (it == m_frames.end()) {
        ++m_stats.misses;
        return nullptr;
    }
    ++m_stats.hits;
    return it->second;
}

FramePtr FrameCache::peek(qint64 index) const {
    std::lock_guard lock(m_mutex);
    auto it = m_frames.find({m_source.id, index});
    return it == m_frames.end() ? nullptr : it->second;
}

bool FrameCache::contains(qint64 index) const { return peek(index) != nullptr; }

FramePtr FrameCache::waitFor(qint64 index, int timeoutMs) {
    std::unique_lock lock(m_mutex);
    const Key key{m_source.id, index};
    if (!m_frames.count(key) && !m_inFlight.count(index)) {
        auto q = std::find(m_queue.begin(), m_queue.end(), index);
        if (q != m_queue.end()) m_queue.erase(q);
        m_queue.push_front(index);
        m_work.notify_all();
    }
    m_ready.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_frames.count(key) > 0; });
    auto it = m_frames.find(key);
    return it == m_frames.end() ? nullptr : it->second;
}

QList<QPair<qint64, qint64>> FrameCache::cachedRanges() const {
    std::vector<qint64> indices;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& [k, f] : m_frames)
            if (k.source == m_source.id) indices.push_back(k.index);
    }
    std::sort(indices.begin(), indices.end());
    QList<QPair<qint64, qint64>> ranges;
    for (qint64 i : indices) {
        if (!ranges.isEmpty() && ranges.last().second + 1 == i) ranges.last().second = i;
        else ranges.append({i, i});
    }
    return ranges;
}

CacheStats FrameCache::stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void FrameCache::clear() {
    std::lock_guard lock(m_mutex);
    m_frames.clear();
    m_stats.usedBytes = 0;
    m_stats.frames = 0;
    rebuildQueueLocked();
    m_work.notify_all();
}

}  // namespace rushes::playback
