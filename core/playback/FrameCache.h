#pragma once
// A decoded-frame cache with a byte budget. Worker threads fill it around the playhead (more
// ahead than behind, in the direction of play); queued requests are dropped when the playhead
// jumps, so scrubbing never waits behind stale work. QtCore only.
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "playback/PlaybackClock.h"
#include "rushes/codecs/MediaReader.h"

namespace rushes::playback {

struct CachedFrame {
    qint64 index = 0;
    codecs::Image image;    // interleaved RGBA, unless the source keeps native planes
    codecs::Frame planes;   // native planes (YUV as decoded) when CacheSource::nativePlanes
    bool missing = false;   // a hole in a sequence: draw a slate
    QString error;          // the frame could not be decoded: draw a slate with this text
    double decodeMs = 0;
    bool hasPixels() const { return !image.data.empty() || !planes.planes.empty(); }
    qint64 bytes() const {
        qint64 n = qint64(image.data.size()) + 256;
        for (const auto& p : planes.planes) n += qint64(p.data.size());
        return n;
    }
};
using FramePtr = std::shared_ptr<const CachedFrame>;

using ReaderFactory = std::function<codecs::Result<std::unique_ptr<codecs::MediaReader>>()>;

struct CacheSource {
    quint64 id = 0;                       // distinguishes shots; 0 means none
    ReaderFactory open;                   // called once per worker thread
    qint64 frameCount = 0;
    codecs::ImageFormat format = codecs::ImageFormat::RGBA8;
    int decoders = 1;                     // parallel readers: 1 for long-GOP, more for intra-only
    qint64 frameBytesHint = 0;            // expected bytes per frame, before the first decode
    // Long-GOP: the decoding thread only decodes (readFrame) and other threads convert to RGBA,
    // so one sequential decoder is not also paying for the colour conversion.
    bool splitConversion = false;
    // Keep frames in their native pixel format (no RGBA conversion on the CPU): the viewer
    // converts them on the GPU. Less work and memory per frame than `format`.
    bool nativePlanes = false;
    // Every frame decodes on its own (intra-only): when playback is behind, the cache skips to a
    // frame the clock will reach once it is decoded instead of chasing the one due now.
    bool intraOnly = false;
    double frameRate = 0;                 // frames per second of playback at 1x; 0: unknown
    std::vector<qint64> missing;          // indices known to be holes
};

struct CacheStats {
    qint64 budgetBytes = 0;
    qint64 usedBytes = 0;
    qint64 peakBytes = 0;
    int frames = 0;
    qint64 hits = 0, misses = 0;
    qint64 decoded = 0, cancelled = 0, evicted = 0, failed = 0;
    double meanDecodeMs = 0;
    // Frames a second the decoding threads deliver together, from the recent decodes of the
    // current source; 0 until each decoder has decoded a frame besides the first.
    double decodeFps = 0;
    int aheadFrames = 0, behindFrames = 0;  // the window the budget allows now
};

class FrameCache : public QObject {
    Q_OBJECT
public:
    explicit FrameCache(int threads = 0, QObject* parent = nullptr);
    ~FrameCache() override;

    // A fraction of physical memory (a quarter, at most 16 GiB, at least 256 MiB).
    static qint64 defaultBudgetBytes();

    void setBudgetBytes(qint64 bytes);
    qint64 budgetBytes() const;
    // Upper bounds of the look-ahead and look-behind windows, in frames.
    void setWindow(int ahead, int behind);

    void setSource(const CacheSource& source);
    quint64 sourceId() const;

    // Where the viewer is: schedules the window around it; queued work outside it is cancelled.
    // `range` and `loop` let look-ahead wrap at the out point.
    void setPlayhead(qint64 index, int direction, bool playing);
    void setRange(qint64 in, qint64 out, LoopMode loop);

    FramePtr frame(qint64 index);             // the cached frame or null (counts a hit or miss)
    FramePtr peek(qint64 index) const;        // the same without counting
    FramePtr waitFor(qint64 index, int timeoutMs);  // requests it first if needed
    bool contains(qint64 index) const;

    QList<QPair<qint64, qint64>> cachedRanges() const;  // inclusive ranges of the current source
    CacheStats stats() const;
    void clear();

signals:
    void frameReady(qint64 index);  // emitted from a worker thread

private:
    struct Key {
        quint64 source;
        qint64 index;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const { return std::hash<qint64>()(k.index) ^ (k.source * 0x9E3779B97F4A7C15ull); }
    };

    struct ConvertJob {
        qint64 index = 0;
        quint64 generation = 0;
        std::shared_ptr<codecs::Frame> frame;
        std::shared_ptr<const codecs::MediaInfo> info;
        codecs::ImageFormat format = codecs::ImageFormat::RGBA8;
        double decodeMs = 0;
    };

    void workerLoop(int worker);
    void convertAndInsert(ConvertJob job);
    void finishLocked(qint64 index, quint64 generation, std::shared_ptr<CachedFrame> result);
    void rebuildQueueLocked();
    void insertLocked(const Key& key, FramePtr frame);
    void evictLocked(const Key& keep);
    qint64 distanceScoreLocked(qint64 index) const;
    qint64 frameBytesLocked() const;
    void windowLocked(int& ahead, int& behind) const;

    mutable std::mutex m_mutex;
    std::condition_variable m_work;
    std::condition_variable m_ready;
    std::vector<std::thread> m_threads;
    bool m_quit = false;

    CacheSource m_source;
    quint64 m_sourceGeneration = 0;
    std::unordered_map<Key, FramePtr, KeyHash> m_frames;
    std::unordered_set<qint64> m_inFlight;   // indices of the current source being decoded
    std::deque<qint64> m_queue;              // indices of the current source, best first
    std::deque<ConvertJob> m_convertQueue;   // decoded frames waiting for conversion
    std::unordered_set<qint64> m_missing;
    // Evicted frames whose buffers the next decodes reuse (no fresh pages per frame).
    static constexpr size_t kMaxSpare = 4;
    std::vector<std::shared_ptr<CachedFrame>> m_spare;

    qint64 m_budget = 512ll << 20;
    int m_maxAhead = 96, m_maxBehind = 24;
    qint64 m_playhead = 0;
    int m_direction = 1;
    bool m_playing = false;
    qint64 m_in = 0, m_out = -1;
    LoopMode m_loop = LoopMode::Loop;
    qint64 m_lastFrameBytes = 0;
    bool m_firstPending = false;  // a new source's first frame is not in yet: decode only it
    double m_recentReadMs = 0;    // moving average of one frame's decode, current source
    double m_sharedReadMs = 0;    // the same, of frames after the first (decoders sharing the CPU)
    int m_sharedReads = 0;

    CacheStats m_stats;
    double m_decodeMsTotal = 0;
};

}  // namespace rushes::playback
