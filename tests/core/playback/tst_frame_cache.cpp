// The frame cache: right pixels for the right index, byte budget, eviction, cancellation on jumps.
#include <QtTest>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "playback/FrameCache.h"

using namespace rushes;
using namespace rushes::playback;

namespace {

// Shared between the fake readers the cache opens on its worker threads.
struct ReadLog {
    std::mutex mutex;
    std::multiset<qint64> reads;
    std::atomic<int> opened{0};
    std::atomic<int> reusedBuffers{0};  // readFrameInto calls handed a frame that still had planes
    int count(qint64 i) {
        std::lock_guard l(mutex);
        return int(reads.count(i));
    }
    size_t total() {
        std::lock_guard l(mutex);
        return reads.size();
    }
};

// Frames whose first pixel spells the index; holes and failures where asked.
class FakeReader final : public codecs::MediaReader {
public:
    FakeReader(std::shared_ptr<ReadLog> log, int delayMs, qint64 frames) : m_log(std::move(log)), m_delayMs(delayMs) {
        m_info.path = "fake.mov";
        m_info.width = 64;
        m_info.height = 32;
        m_info.frameCount = frames;
        m_info.frameRate = {24, 1};
    }
    const codecs::MediaInfo& info() const override { return m_info; }
    // Native yuv420p: the first luma sample spells the index.
    codecs::Result<codecs::Frame> readFrame(int64_t index) override {
        {
            std::lock_guard l(m_log->mutex);
            m_log->reads.insert(index);
        }
        if (index == 13) return codecs::Error{"fake.mov", "corrupt packet at frame 13"};
        codecs::Frame f;
        f.index = index;
        f.pixelFormat = "yuv420p";
        f.width = 64;
        f.height = 32;
        for (int p = 0; p < 3; ++p) {
            codecs::Plane plane;
            plane.width = p ? 32 : 64;
            plane.height = p ? 16 : 32;
            plane.data.assign(size_t(plane.width) * plane.height, 128);
            f.planes.push_back(std::move(plane));
        }
        f.planes[0].data[0] = uint8_t(index & 0xff);
        return f;
    }
    codecs::Status readFrameInto(int64_t index, codecs::Frame& reuse) override {
        if (!reuse.planes.empty()) ++m_log->reusedBuffers;
        auto r = readFrame(index);
        if (!r) return r.error();
        reuse = std::move(*r);
        return codecs::Ok{};
    }
    codecs::Result<codecs::Image> readImage(int64_t index, codecs::ImageFormat format) override {
        {
            std::lock_guard l(m_log->mutex);
            m_log->reads.insert(index);
        }
        if (m_delayMs) std::this_thread::sleep_for(std::chrono::milliseconds(m_delayMs));
        if (index == 13) return codecs::Error{"fake.mov", "corrupt packet at frame 13"};
        codecs::Image img;
        img.format = format;
        img.width = 64;
        img.height = 32;
        img.data.assign(img.rowBytes() * 32, 0);
        img.data[0] = uint8_t(index & 0xff);
        img.data[1] = uint8_t(index >> 8);
        return img;
    }
    codecs::Result<codecs::AudioBuffer> readAudio(int, int64_t, int64_t, int) override {
        return codecs::Error{"fake.mov", "no audio"};
    }

private:
    std::shared_ptr<ReadLog> m_log;
    int m_delayMs;
    codecs::MediaInfo m_info;
};

constexpr qint64 kFrameBytes = 64 * 32 * 4 + 256;

CacheSource fakeSource(quint64 id, std::shared_ptr<ReadLog> log, int delayMs, qint64 frames, int decoders) {
    CacheSource s;
    s.id = id;
    s.frameCount = frames;
    s.decoders = decoders;
    s.frameBytesHint = kFrameBytes;
    s.missing = {7};
    s.open = [log, delayMs, frames]() -> codecs::Result<std::unique_ptr<codecs::MediaReader>> {
        ++log->opened;
        return std::unique_ptr<codecs::MediaReader>(new FakeReader(log, delayMs, frames));
    };
    return s;
}

qint64 indexOf(const FramePtr& f) { return f->image.data[0] | (f->image.data[1] << 8); }

bool waitUntil(const std::function<bool()>& done, int ms = 5000) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms) QThread::msleep(2);
    return done();
}

}  // namespace

class TestFrameCache : public QObject {
    Q_OBJECT
private slots:
    void decodesTheRequestedFrame() {
        auto log = std::make_shared<ReadLog>();
        FrameCache cache(2);
        cache.setBudgetBytes(100 * kFrameBytes);
        cache.setSource(fakeSource(1, log, 0, 300, 2));
        for (qint64 i : {0, 5, 299, 150, 42}) {
            FramePtr f = cache.waitFor(i, 2000);
            QVERIFY(f);
            QCOMPARE(f->index, i);
            QCOMPARE(indexOf(f), i);
        }
    }

    void nativePlanesAreKeptAsDecoded() {
        auto log = std::make_shared<ReadLog>();
        FrameCache cache(2);
        CacheSource source = fakeSource(1, log, 0, 30, 1);
        source.nativePlanes = true;
        cache.setSource(source);
        FramePtr f = cache.waitFor(5, 2000);
        QVERIFY(f);
        QVERIFY(f->hasPixels());
        QVERIFY(f->image.data.empty());  // no RGBA copy
        QCOMPARE(f->planes.pixelFormat, std::string("yuv420p"));
        QCOMPARE(f->planes.planes.size(), size_t(3));
        QCOMPARE(int(f->planes.planes[0].data[0]), 5);
        QCOMPARE(f->bytes(), qint64(64 * 32 + 2 * 32 * 16 + 256));  // the budget counts the planes
        QVERIFY(cache.stats().usedBytes >= f->bytes());
        FramePtr bad = cache.waitFor(13, 2000);
        QVERIFY(bad && bad->error.contains("corrupt packet at frame 13"));
        QVERIFY(!bad->hasPixels());
        QVERIFY(cache.waitFor(7, 2000)->missing);  // holes stay slates
    }

    void evictedFramesLendTheirBuffers() {
        auto log = std::make_shared<ReadLog>();
        FrameCache cache(2);
        const qint64 nativeBytes = 64 * 32 + 2 * 32 * 16 + 256;
        cache.setBudgetBytes(4 * nativeBytes);
        CacheSource source = fakeSource(1, log, 0, 300, 1);
        source.nativePlanes = true;
        source.frameBytesHint = nativeBytes;
        cache.setSource(source);
        for (qint64 i = 20; i < 60; i += 5) {
            cache.setPlayhead(i, 1, false);
            FramePtr f = cache.waitFor(i, 2000);
            QVERIFY(f);
            QCOMPARE(int(f->planes.planes[0].data[0]), int(i));  // never a recycled frame's pixels
        }
        QVERIFY(log->reusedBuffers > 0);
        QVERIFY(cache.stats().usedBytes <= 4 * nativeBytes);
        // A hole decoded into a recycled frame is a slate, not the old picture.
        cache.setPlayhead(7, 1, false);
        FramePtr hole = cache.waitFor(7, 2000);
        QVERIFY(hole && hole->missing && !hole->hasPixels());
    }

    void holesAndErrorsBecomeSlates() {
        auto log = std::make_shared<ReadLog>();
        FrameCache cache(2);
        cache.setSource(fakeSource(1, log, 0, 30, 1));
        FramePtr hole = cache.waitFor(7, 2000);
        QVERIFY(hole && hole->missing);
        QCOMPARE(log->count(7), 0);  // a known hole is never read
        FramePtr bad = cache.waitFor(13, 2000);
        QVERIFY(bad);
        QVERIFY(bad->error.contains("corrupt packet at frame 13"));
        QVERIFY(bad->error.contains("fake.mov"));
        QVERIFY(cache.waitFor(14, 2000));  // and the cache keeps working
        QVERIFY(cache.stats().failed >= 1);
    }

    void staysWithinBudgetAndEvictsFarFrames() {
        auto log = std::make_shared<ReadLog>();
        FrameCache cache(2);
        cache.setBudgetBytes(20 * kFrameBytes);
        cache.setWindow(200, 50);
        cache.setSource(fakeSource(1, log, 0, 1000, 2));
        cache.setPlayhead(0, 1, true);
        // The window the budget allows: 3/4 ahead (15 frames), the rest behind.
        QVERIFY(waitUntil([&] { return cache.contains(14); }));
        QTest::qWait(50);
        CacheStats s = cache.stats();
        QCOMPARE(s.aheadFrames, 15);
        QVERIFY(s.usedBytes <= 20 * kFrameBytes);
        QVERIFY(s.peakBytes <= 20 * kFrameBytes);
        QVERIFY(!cache.contains(200));
        cache.setPlayhead(500, 1, true);
        QVERIFY(waitUntil([&] { return cache.contains(514); }));
        QTest::qWait(50);
        s = cache.stats();
        QVERIFY(s.usedBytes <= 20 * kFrameBytes);
        QVERIFY(s.evicted > 0);
        QVERIFY(!cache.contains(1));  // far behind: evicted first
        QVERIFY(cache.contains(500));
        const auto ranges = cache.cachedRanges();
        QVERIFY(!ranges.isEmpty());
        bool covered = false;
        for (const auto& r : ranges) covered |= r.first <= 500 && r.second >= 514;
        QVERIFY(covered);
    }

    void jumpCancelsQueuedWork() {
        auto log = std::make_shared<ReadLog>();
        FrameCache cache(2);
        cache.setBudgetBytes(400 * kFrameBytes);
        cache.setWindow(100, 0);
        cache.setSource(fakeSource(1, log, 15, 2000, 1));  // one slow decoder: long-GOP style
        cache.setPlayhead(0, 1, true);
        QVERIFY(cache.waitFor(0, 2000));  // then the window is queued
        QTest::qWait(40);
        cache.setPlayhead(1500, 1, false);  // the user clicks far away on the timeline
        FramePtr f = cache.waitFor(1500, 3000);
        QVERIFY(f);
        QCOMPARE(indexOf(f), qint64(1500));
        // At most the frames in flight when we jumped were decoded from the old window.
        int old = 0;
        for (qint64 i = 0; i < 100; ++i) old += log->count(i);
        QVERIFY2(old <= 6, qPrintable(QString::number(old)));
        QVERIFY(cache.stats().cancelled >= 90);
    }

    void aNewShotDecodesItsFirstFrameAlone() {
        auto log = std::make_shared<ReadLog>();
        FrameCache cache(2);
        cache.setSource(fakeSource(1, log, 300, 100, 2));  // two decoders, slow frames
        QVERIFY(waitUntil([&] { return log->total() >= 1; }));
        QTest::qWait(50);
        QCOMPARE(log->total(), size_t(1));  // the other decoder waits: the first frame gets the CPU
        QVERIFY(cache.waitFor(0, 3000));
        QVERIFY(waitUntil([&] { return log->total() >= 3; }, 3000));  // then the window, in parallel
    }

    void playingBehindSkipsToWhereTheClockWillBe() {
        auto log = std::make_shared<ReadLog>();
        FrameCache cache(2);
        cache.setWindow(48, 0);
        CacheSource source = fakeSource(1, log, 100, 1000, 1);  // 100 ms a frame: 2.4 frame periods at 24 fps
        source.intraOnly = true;
        source.frameRate = 24;
        cache.setSource(source);
        QVERIFY(cache.waitFor(0, 3000));
        cache.setPlayhead(500, 1, true);  // the clock is at 500 and nothing near it is decoded
        auto near = [&] {
            int n = 0;
            for (qint64 i = 500; i <= 510; ++i) n += log->count(i);
            return n;
        };
        QVERIFY(waitUntil([&] { return near() > 0; }, 3000));
        QCOMPARE(log->count(500), 0);  // it would be late: not decoded
        bool skipped = false;
        for (qint64 i = 502; i <= 506; ++i) skipped |= log->count(i) > 0;
        QVERIFY(skipped);
        // Long-GOP sources (or paused, or stepping) decode the frame asked for.
        cache.setPlayhead(700, 1, false);
        QVERIFY(cache.waitFor(700, 3000));
    }

    void scrubbingDecodesTheLatestPositionFirst() {
        auto log = std::make_shared<ReadLog>();
        FrameCache cache(2);
        cache.setWindow(10, 2);
        cache.setSource(fakeSource(1, log, 5, 1000, 2));
        for (qint64 p = 0; p < 400; p += 20) cache.setPlayhead(p, 1, false);
        QVERIFY(cache.waitFor(380, 2000));
        QVERIFY(log->total() < 100);  // not the 20 x 13 frames of every window passed over
    }

    void switchingShotsKeepsOtherShotsUntilNeeded() {
        auto log = std::make_shared<ReadLog>();
        FrameCache cache(2);
        cache.setBudgetBytes(10 * kFrameBytes);
        cache.setWindow(4, 0);
        cache.setSource(fakeSource(1, log, 0, 100, 2));
        QVERIFY(cache.waitFor(0, 2000));
        QVERIFY(waitUntil([&] { return cache.contains(4); }));
        cache.setSource(fakeSource(2, log, 100, 100, 2));  // slow readers: nothing decoded yet
        QVERIFY(!cache.contains(0));  // a different shot's frame 0
        QVERIFY(cache.waitFor(0, 5000));
        cache.setPlayhead(50, 1, true);
        QVERIFY(waitUntil([&] { return cache.contains(54); }, 10000));
        QTest::qWait(30);
        QVERIFY(cache.stats().usedBytes <= 10 * kFrameBytes);
    }

    void defaultBudgetIsAFractionOfMemory() {
        const qint64 b = FrameCache::defaultBudgetBytes();
        QVERIFY(b >= (qint64(256) << 20));
        QVERIFY(b <= (qint64(16) << 30));
    }
};

QTEST_GUILESS_MAIN(TestFrameCache)
#include "tst_frame_cache.moc"
