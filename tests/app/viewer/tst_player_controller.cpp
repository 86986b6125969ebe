// The Player controller: opening (good, bad, folders), stepping, timecode, in/out and loop
// modes, Once finishing, the budget's session shots, the colour pipeline's defaults.
#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <random>

#include "RunFfmpeg.h"

#include "rushes/codecs/MediaReader.h"
#include "rushes/codecs/MediaWriter.h"
#include "viewer/MediaSource.h"
#include "viewer/PlayerController.h"
#include "viewer/YuvLayout.h"

using rushes::viewer::PlayerController;

class TestPlayerController : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_clip;

    bool makeClip(const QString& path, const QString& source) {
        return rushes::tests::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                         source, QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
                                         path});
    }

    // Noise in half-float EXR (1280x720 unless told) at 1000 frames a second: no machine decodes it
    // as fast as it plays. Returns the first file, or empty.
    static QString writeNoiseSequence(const QTemporaryDir& dir, int frames, int width = 1280,
                                      int height = 720) {
        namespace codecs = rushes::codecs;
        codecs::WriteOptions o;
        o.codec = "exr";
        o.width = width;
        o.height = height;
        o.frameRate = {1000, 1};
        auto w = codecs::createWriter(dir.filePath(QStringLiteral("noise.####.exr")).toStdString(), o);
        if (!w.ok()) return {};
        std::mt19937 rng(7);
        std::uniform_real_distribution<float> unit(0.f, 1.f);
        for (int i = 0; i < frames; ++i) {
            codecs::Image img;
            img.format = codecs::ImageFormat::RGBAHalf;
            img.width = o.width;
            img.height = o.height;
            img.data.resize(img.rowBytes() * size_t(img.height));
            auto* h = reinterpret_cast<qfloat16*>(img.data.data());
            for (size_t k = 0; k < img.data.size() / 2; ++k) h[k] = qfloat16(unit(rng));
            if (!(*w)->writeImage(img).ok()) return {};
        }
        if (!(*w)->finish().ok()) return {};
        return dir.filePath(QStringLiteral("noise.0001.exr"));
    }

private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("RushesTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_player_controller"));
        m_clip = m_dir.filePath(QStringLiteral("clip2997.mp4"));
        if (!makeClip(m_clip, QStringLiteral("testsrc2=size=320x180:rate=30000/1001:duration=2")))
            QSKIP("the ffmpeg program is not available");
    }

    void openStepAndTimecode() {
        PlayerController player;
        QAbstractItemModelTester tester(player.playlist(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shot(&player, &PlayerController::shotChanged);
        QSignalSpy frame(&player, &PlayerController::frameChanged);
        QCOMPARE(player.openPaths({m_clip}), 0);
        QVERIFY(shot.count() >= 1);
        QCOMPARE(player.frameCount(), qint64(60));
        player.step(1);
        QCOMPARE(player.frame(), qint64(1));
        QVERIFY(frame.count() >= 1);
        player.step(-10);
        QCOMPARE(player.frame(), qint64(0));  // clamped at the start
        // 29.97 is drop-frame: 00:00:01;00 is frame 30.
        QVERIFY(player.seekTimecode(QStringLiteral("00:00:01;00")));
        QCOMPARE(player.frame(), qint64(30));
        QCOMPARE(player.timecode(), QStringLiteral("00:00:01;00"));
        QVERIFY(!player.seekTimecode(QStringLiteral("nonsense")));
        QVERIFY(!player.message().isEmpty());
        QVERIFY(player.waitForFrame(30, 10000));
        QCOMPARE(player.displayedFrame()->index, qint64(30));
        const QVariantMap px = player.inspect(10, 10);
        QVERIFY(px.contains(QStringLiteral("r")));
        QCOMPARE(px[QStringLiteral("float")].toBool(), false);
        // yuv420p stays native in the cache; the inspector shows what the RGBA conversion gives.
        const auto& shown = *player.displayedFrame();
        QVERIFY(shown.image.data.empty());
        QCOMPARE(shown.planes.pixelFormat, std::string("yuv420p"));
        auto rgba = rushes::codecs::convertFrame(shown.planes, *player.mediaInfo(),
                                                 rushes::codecs::ImageFormat::RGBA8);
        QVERIFY(rgba);
        for (auto [x, y] : {std::pair{10, 10}, std::pair{200, 90}, std::pair{319, 179}}) {
            const QVariantMap v = player.inspect(x, y);
            const uint8_t* expected = rgba->data.data() + (size_t(y) * rgba->width + x) * 4;
            for (int c = 0; c < 3; ++c) {
                const double got =
                    v[QStringList{QStringLiteral("r"), QStringLiteral("g"), QStringLiteral("b")}[c]]
                        .toDouble();
                QVERIFY2(std::abs(got - expected[c]) <= 3,
                         qPrintable(QStringLiteral("(%1, %2) channel %3: %4 vs %5")
                                        .arg(x)
                                        .arg(y)
                                        .arg(c)
                                        .arg(got)
                                        .arg(expected[c])));
            }
        }
    }

    void yuvLayoutsTheShaderReads() {
        using rushes::viewer::yuvLayout;
        rushes::codecs::MediaInfo hd;
        hd.width = 1920;
        hd.height = 1080;
        const auto y8 = yuvLayout("yuv420p", hd);  // unspecified matrix and range at 1080: Rec.709, limited
        QVERIFY(y8);
        QCOMPARE(y8->chromaShiftX, 1);
        QCOMPARE(y8->chromaShiftY, 1);
        auto near = [](std::array<float, 3> a, float r, float g, float b) {
            return std::abs(a[0] - r) < 0.003f && std::abs(a[1] - g) < 0.003f && std::abs(a[2] - b) < 0.003f;
        };
        QVERIFY(near(y8->rgb(235, 128, 128), 1, 1, 1));
        QVERIFY(near(y8->rgb(16, 128, 128), 0, 0, 0));
        // Rec.709 red (255, 0, 0) is Y' 63, Cb 102, Cr 240 in limited range.
        const auto red = y8->rgb(63, 102, 240);
        QVERIFY(std::abs(red[0] - 1) < 0.01f && std::abs(red[1]) < 0.01f && std::abs(red[2]) < 0.01f);
        const auto y10 = yuvLayout("yuv422p10le", hd);
        QVERIFY(y10);
        QCOMPARE(y10->bytesPerSample(), 2);
        QCOMPARE(y10->chromaShiftY, 0);
        QVERIFY(near(y10->rgb(940, 512, 512), 1, 1, 1));
        QVERIFY(near(y10->rgb(64, 512, 512), 0, 0, 0));
        rushes::codecs::MediaInfo sd = hd;
        sd.width = 720;
        sd.height = 576;
        sd.colour.range = "pc";
        const auto full = yuvLayout("yuv444p", sd);
        QVERIFY(full && near(full->rgb(255, 128, 128), 1, 1, 1) && near(full->rgb(0, 128, 128), 0, 0, 0));
        QVERIFY(std::abs(full->rCr - 2 * (1 - 0.299f)) < 1e-5f);  // SD: Rec.601
        QVERIFY(!yuvLayout("rgb24", hd));
        QVERIFY(!yuvLayout("yuva444p10le", hd));  // alpha: RGBA from the CPU
        rushes::codecs::MediaInfo odd = hd;
        odd.width = 1998;  // rows that do not fill whole texels
        QVERIFY(!yuvLayout("yuv420p", odd));
    }

    void inOutAndOnceFinishes() {
        PlayerController player;
        player.openPaths({m_clip});
        player.seek(50);
        player.setInPoint();
        player.seek(55);
        player.setOutPoint();
        QCOMPARE(player.inPoint(), qint64(50));
        QCOMPARE(player.outPoint(), qint64(55));
        player.setLoopMode(2);  // once
        player.seek(50);
        QSignalSpy finished(&player, &PlayerController::playbackFinished);
        player.play();
        QVERIFY(player.playing());
        QVERIFY(finished.wait(5000));
        QVERIFY(!player.playing());
        QCOMPARE(player.frame(), qint64(55));
        player.clearInOut();
        QCOMPARE(player.outPoint(), qint64(59));
    }

    void frameTextFollowsAFewTimesASecondWhilePlaying() {
        PlayerController player;
        QCOMPARE(player.openPaths({m_clip}), 0);
        QVERIFY(player.waitForFrame(0, 10000));
        QSignalSpy frames(&player, &PlayerController::frameChanged);
        QSignalSpy texts(&player, &PlayerController::frameTextChanged);
        player.setLoopMode(0);  // loop: 1.5 s of a 2 s clip plays without stopping
        player.play();
        QTest::qWait(1500);
        // The playhead moves at every frame (about 45 here), the frame number and timecode
        // labels are told at most every 125 ms.
        QVERIFY2(frames.count() >= 20, qPrintable(QString::number(frames.count())));
        QVERIFY2(texts.count() >= 3 && texts.count() <= 1500 / 125 + 2,
                 qPrintable(QString::number(texts.count())));
        texts.clear();
        player.pause();
        QVERIFY(texts.count() >= 1);  // paused: the exact frame's text at once
        const qint64 paused = player.frame();
        QCOMPARE(player.frameNumber(), player.firstFrameNumber() + paused);
        texts.clear();
        player.step(1);  // stepping and seeking while paused: at every frame
        QCOMPARE(texts.count(), 1);
        QCOMPARE(player.frameNumber(), player.firstFrameNumber() + paused + 1);
    }

    // Integer sources deeper than 8 bits are cached as half floats: the shared 10-bit DPX sequence's
    // frame holds the 16-bit decode's values to half-float precision, not 8-bit steps (up to 1/510
    // off), so exposure and the display LUT see the source's levels.
    void deepSequenceKeepsItsLevels() {
        using rushes::viewer::isDeepIntegerSource;
        rushes::codecs::MediaInfo info;
        for (const char* deep : {"gbrp10le", "gbrap12be", "gray16le", "rgb48le", "rgba64be", "yuv444p12le"}) {
            info.pixelFormat = deep;
            QVERIFY2(isDeepIntegerSource(info), deep);
        }
        for (const char* shallow : {"yuv420p", "rgb24", "rgba", "gbrp", "gbrpf32le", "rgbaf16le", "gray"}) {
            info.pixelFormat = shallow;
            QVERIFY2(!isDeepIntegerSource(info), shallow);
        }
        const QString first = QStringLiteral(RUSHES_MEDIA_DIR "/seq/flower_dpx10/flower.0001.dpx");
        if (!QFile::exists(first)) QSKIP("the shared DPX sequence is absent");
        PlayerController player;
        QCOMPARE(player.openPaths({first}), 0);
        QVERIFY(player.waitForFrame(0, 10000));
        const auto& shown = *player.displayedFrame();
        QCOMPARE(int(shown.image.format), int(rushes::codecs::ImageFormat::RGBAHalf));
        auto reader = rushes::codecs::openMedia(first.toStdString());
        QVERIFY(reader);
        auto deep = reader.value()->readImage(0, rushes::codecs::ImageFormat::RGBA16);
        QVERIFY(deep);
        QCOMPARE(deep->width, shown.image.width);
        const size_t n = size_t(deep->width) * size_t(deep->height) * 4;
        const auto* h = reinterpret_cast<const qfloat16*>(shown.image.data.data());
        double worst = 0;
        for (size_t i = 0; i < n; ++i) {
            uint16_t v;
            std::memcpy(&v, deep->data.data() + 2 * i, 2);
            worst = std::max(worst, std::abs(double(float(h[i])) - v / 65535.0));
        }
        qInfo("cached half floats against the 16-bit decode: worst %.6f", worst);
        QVERIFY2(worst < 0.0006, qPrintable(QString::number(worst)));
        const QVariantMap px = player.inspect(10, 10);
        QCOMPARE(px[QStringLiteral("float")].toBool(), true);
    }

    // Pre-roll: a sequence that decodes slower than it plays (480x270 noise in EXR, at 1000 frames
    // a second) waits for the cache before its clock starts, and then no frame of the play is due
    // before it is decoded: the cache is never asked for a frame it lacks. Pause while waiting
    // leaves it paused. (Frames small enough that all 24 decode well inside the player's 3 s limit
    // on waiting, kMaxPrerollMs, on a loaded machine: 1280x720 ones decoded at 3 a second with two
    // busy processes per core, and play rightly began before they were in.)
    void prerollWaitsForSlowSequences() {
        QTemporaryDir dir;
        constexpr int kFrames = 24;
        const QString first = writeNoiseSequence(dir, kFrames, 480, 270);
        QVERIFY(!first.isEmpty());

        PlayerController player;
        QCOMPARE(player.openPaths({first}), 0);
        QCOMPARE(player.frameCount(), qint64(kFrames));
        player.setLoopMode(2);  // once
        // Pause while it waits: nothing starts later.
        player.play();
        QVERIFY(player.playing());
        QVERIFY(player.buffering());
        player.pause();
        QVERIFY(!player.playing());
        QVERIFY(!player.buffering());
        QTest::qWait(300);
        QVERIFY(!player.playing());
        QCOMPARE(player.frame(), qint64(0));

        player.cache()->clear();
        qint64 missesAtStart = -1;
        QSignalSpy changed(&player, &PlayerController::playingChanged);
        connect(&player, &PlayerController::playingChanged, this, [&] {
            if (player.playing() && !player.buffering() && missesAtStart < 0)
                missesAtStart = player.cache()->stats().misses;
        });
        QSignalSpy finished(&player, &PlayerController::playbackFinished);
        player.play();
        QVERIFY(player.buffering());
        QTRY_VERIFY_WITH_TIMEOUT(missesAtStart >= 0, 10000);
        const rushes::playback::CacheStats atStart = player.cache()->stats();
        qInfo("play began with %d of %d frames decoded, at %.1f frames a second", atStart.frames, kFrames,
              atStart.decodeFps);
        QVERIFY2(atStart.decodeFps > 0 && atStart.decodeFps < 1000,
                 qPrintable(QString::number(atStart.decodeFps)));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);  // 24 ms of play: it may be over already
        QCOMPARE(player.frame(), qint64(kFrames - 1));
        QCOMPARE(player.cache()->stats().misses, missesAtStart);
    }

    // Play every frame: the same sequence shows each of its 24 frames once, in order, slower than
    // its 1000 frames a second; the default keeps the rate and skips.
    void playAllFramesShowsEachFrame() {
        QTemporaryDir dir;
        constexpr int kFrames = 24;
        const QString first = writeNoiseSequence(dir, kFrames);
        QVERIFY(!first.isEmpty());
        for (const bool all : {true, false}) {
            PlayerController player;
            QCOMPARE(player.openPaths({first}), 0);
            player.setLoopMode(2);  // once
            QSignalSpy changed(&player, &PlayerController::playAllFramesChanged);
            player.setPlayAllFrames(all);
            QCOMPARE(changed.count(), all ? 1 : 0);
            QVERIFY(player.waitForFrame(0, 10000));
            QList<qint64> shown;
            connect(&player, &PlayerController::frameChanged, this, [&] {
                if (shown.isEmpty() || shown.last() != player.frame()) shown << player.frame();
            });
            QSignalSpy finished(&player, &PlayerController::playbackFinished);
            player.play();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
            QCOMPARE(player.frame(), qint64(kFrames - 1));
            if (all) {
                QList<qint64> expected;
                for (int i = 1; i < kFrames; ++i) expected << i;
                QCOMPARE(shown, expected);
            } else {
                QVERIFY2(shown.size() < kFrames - 1, qPrintable(QString::number(shown.size())));
            }
        }
    }

    void badInputKeepsTheSessionWorking() {
        PlayerController player;
        QSignalSpy message(&player, &PlayerController::messageChanged);
        const QString broken = m_dir.filePath(QStringLiteral("broken.mov"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a movie");
        f.close();
        const QString missing = m_dir.filePath(QStringLiteral("missing.mov"));
        // The session opens on the first shot that plays; the message names every file that cannot.
        QCOMPARE(player.openPaths({broken, m_clip, missing}), 1);
        QVERIFY(message.count() >= 1);
        QVERIFY2(player.message().contains(broken) && player.message().contains(missing) &&
                     player.message().contains(QStringLiteral("2 files cannot be played")),
                 qPrintable(player.message()));
        QCOMPARE(player.currentShot(), 1);
        QCOMPARE(player.frameCount(), qint64(60));
        QVERIFY(player.slateText().isEmpty());
        player.selectShot(0);
        QVERIFY(player.slateText().contains(broken));
        // Only the file that plays goes to the recent list.
        QVERIFY(!player.recentFiles().contains(broken));
        QVERIFY(!player.recentFiles().contains(missing));
        // Only playable shots go to the budget panel.
        const QVariantList shots = player.sessionShots();
        QCOMPARE(shots.size(), 1);
        QCOMPARE(shots[0].toMap()[QStringLiteral("frames")].toLongLong(), 60);
        QCOMPARE(shots[0].toMap()[QStringLiteral("width")].toInt(), 320);
    }

    // The rate is shown beside numbers the QML formats with the UI's locale, so it takes that
    // locale's decimal separator (it printed "29.97 fps" next to "24,00 fps"); what machines read
    // (Playlist::rateText's default) stays in the C locale.
    void rateTextFollowsTheUiLocale() {
        using rushes::playback::Playlist;
        const QLocale before;
        PlayerController player;
        QCOMPARE(player.openPaths({m_clip}), 0);
        const QModelIndex row = player.playlist()->index(0);

        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(player.rateText(), QStringLiteral("29.97"));
        QCOMPARE(row.data(Playlist::RateTextRole).toString(), QStringLiteral("29.97"));

        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QString german = player.rateText();
        const QString germanRow = row.data(Playlist::RateTextRole).toString();
        const QString machine = Playlist::rateText({30000, 1001});
        const QString ntsc = Playlist::rateText({24000, 1001}, QLocale());
        const QString whole = Playlist::rateText({1000, 1}, QLocale());
        QLocale::setDefault(before);
        QCOMPARE(german, QStringLiteral("29,97"));
        QCOMPARE(germanRow, QStringLiteral("29,97"));
        QCOMPARE(machine, QStringLiteral("29.97"));
        QCOMPARE(ntsc, QStringLiteral("23,976"));
        QCOMPARE(whole, QStringLiteral("1000"));  // no group separator
        QCOMPARE(Playlist::rateText({24, 1}), QStringLiteral("24"));
        QCOMPARE(Playlist::rateText({60000, 1000}), QStringLiteral("60"));
        QCOMPARE(Playlist::rateText({}), QStringLiteral("-"));
    }

    // A movie cut short plays the frames it holds and says, in the window, that it is truncated:
    // the message names the file, the frames that play and those the container lists; the session
    // strip and the info panel have it too. A whole movie says nothing.
    void truncatedMovieSaysSoAndPlays() {
        const QString source = QStringLiteral(RUSHES_MEDIA_DIR "/video/flower.mp4");
        if (!QFile::exists(source)) QSKIP("the shared media (../shared/media) is absent");
        QTemporaryDir dir;
        const QString cut = dir.filePath(QStringLiteral("flower_cut.mp4"));
        {
            QFile in(source), out(cut);
            QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
            const QByteArray all = in.readAll();
            out.write(all.left(all.size() * 60 / 100));
        }
        PlayerController player;
        QSignalSpy message(&player, &PlayerController::messageChanged);
        QCOMPARE(player.openPaths({m_clip, cut}), 0);
        const qint64 frames = player.playlist()->shot(1)->info.frameCount;
        QVERIFY2(frames > 60 && frames < 150, qPrintable(QString::number(frames)));
        const QString warning = QStringLiteral(
                                    "%1: truncated: the data ends after %2 of the 150 frames the container "
                                    "lists (frames %2-149 are missing)")
                                    .arg(cut)
                                    .arg(frames);
        QCOMPARE(player.message(), warning);  // named when opened, though another shot is up
        QCOMPARE(message.count(), 1);
        const QModelIndex row = player.playlist()->index(1);
        QCOMPARE(row.data(rushes::playback::Playlist::WarningRole).toString(), warning);
        QVERIFY(row.data(rushes::playback::Playlist::TruncatedRole).toBool());
        QVERIFY(!player.playlist()->index(0).data(rushes::playback::Playlist::TruncatedRole).toBool());
        QVERIFY(player.shotInfo()[QStringLiteral("warning")].toString().isEmpty());

        player.dismissMessage();
        player.selectShot(1);
        QCOMPARE(player.message(), warning);  // and again whenever it comes up
        QCOMPARE(player.frameCount(), frames);
        QCOMPARE(player.shotInfo()[QStringLiteral("warning")].toString(), warning);
        QVERIFY(player.shotInfo()[QStringLiteral("truncated")].toBool());
        QCOMPARE(player.shotInfo()[QStringLiteral("listedFrames")].toLongLong(), 150);
        // The frames that are there play: the first, the middle and the last decode and show.
        for (qint64 f : {qint64(0), frames / 2, frames - 1}) {
            QVERIFY2(player.waitForFrame(f, 20000), qPrintable(QString::number(f)));
            QVERIFY(player.displayedFrame());
            QVERIFY2(player.displayedFrame()->error.isEmpty(), qPrintable(player.displayedFrame()->error));
            QVERIFY(player.slateText().isEmpty());
        }
        QCOMPARE(player.message(), warning);

        // A whole movie: no warning anywhere.
        PlayerController whole;
        QCOMPARE(whole.openPaths({source}), 0);
        QVERIFY(whole.message().isEmpty());
        QVERIFY(whole.shotInfo()[QStringLiteral("warning")].toString().isEmpty());
        QVERIFY(!whole.shotInfo()[QStringLiteral("truncated")].toBool());
        QCOMPARE(whole.frameCount(), qint64(150));
    }

    // tr() in a class inside a namespace looks up the class's qualified name: the German catalogue
    // has its messages there (they once sat under the bare name and were never shown).
    void messagesAreTranslated() {
        QTranslator german;
        QVERIFY2(german.load(QStringLiteral(RUSHES_QM_FILE)), RUSHES_QM_FILE);
        QVERIFY(QCoreApplication::installTranslator(&german));
        PlayerController player;
        player.openPaths({m_clip});
        QVERIFY(!player.seekTimecode(QStringLiteral("01:xx")));
        QCoreApplication::removeTranslator(&german);
        QCOMPARE(player.message(), QStringLiteral("„01:xx“ ist kein Timecode (HH:MM:SS:FF)"));
    }

    // A sequence without a timecode of its own: its frame numbers are the timecode (frame 1001 at
    // 24 fps is 00:00:41:17), as RV shows it and as rushes-cli's --frames reads it.
    void sequenceTimecodeFollowsFrameNumbers() {
        QTemporaryDir dir;
        QVERIFY(rushes::tests::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                          QStringLiteral("testsrc=size=64x64:rate=24:duration=0.5"),
                                          QStringLiteral("-start_number"), QStringLiteral("1001"),
                                          dir.filePath(QStringLiteral("shot.%04d.png"))}));
        PlayerController player;
        QCOMPARE(player.openPaths({dir.filePath(QStringLiteral("shot.1001.png"))}), 0);
        QCOMPARE(player.frameCount(), qint64(12));
        QCOMPARE(player.frameNumber(), qint64(1001));
        QCOMPARE(player.timecode(), QStringLiteral("00:00:41:17"));
        QVERIFY(player.seekTimecode(QStringLiteral("00:00:41:20")));
        QCOMPARE(player.frameNumber(), qint64(1004));
        QCOMPARE(player.frame(), qint64(3));
        QVERIFY(player.seekTimecode(QStringLiteral("1010")));  // a frame number
        QCOMPARE(player.timecode(), QStringLiteral("00:00:42:02"));
    }

    void folderOpensItsMoviesAndSequences() {
        QTemporaryDir dir;
        QVERIFY(makeClip(dir.filePath(QStringLiteral("a.mov")), QStringLiteral("testsrc=size=64x64:rate=24:duration=0.5")));
        QVERIFY(makeClip(dir.filePath(QStringLiteral("seq.%04d.png")), QStringLiteral("testsrc=size=64x64:rate=24:duration=0.25")));
        PlayerController player;
        player.openPaths({dir.path()});
        QCOMPARE(player.playlist()->count(), 2);  // the movie and one entry for the 6 PNGs
        player.selectShot(1);
        QCOMPARE(player.frameCount(), qint64(6));
    }

    void colourDefaults() {
        PlayerController player;
        QVERIFY(player.displays().contains(QStringLiteral("sRGB")));
        QCOMPARE(player.display(), QStringLiteral("sRGB"));
        QCOMPARE(player.view(), QStringLiteral("Standard"));
        player.openPaths({m_clip});
        QCOMPARE(player.inputSpace(), QStringLiteral("sRGB - Texture"));
        QVERIFY(player.displayLut().noOp);  // video on an sRGB display: nothing to do
        QSignalSpy colour(&player, &PlayerController::colourChanged);
        player.setInputSpace(QStringLiteral("Linear Rec.709"));
        QCOMPARE(colour.count(), 1);
        QVERIFY(!player.displayLut().noOp);
        QCOMPARE(player.displayLut().mode, 2);  // scene-linear: behind a log2 shaper
        // The sRGB view of Rec.709 primaries is a curve per channel; of ACES primaries, it mixes them.
        QVERIFY(player.displayLut().separable);
        player.setInputSpace(QStringLiteral("ACES2065-1"));
        QVERIFY(!player.displayLut().noOp);
        QVERIFY(!player.displayLut().separable);
        player.setInputSpace(QStringLiteral("Linear Rec.709"));
        // Middle grey (0.18) through the sRGB view: the lattice point nearest log2(0.18) encodes to ~0.46.
        const auto& lut = player.displayLut();
        const double t = (std::log2(0.18) - lut.shaperMin) / (lut.shaperMax - lut.shaperMin) * (lut.size - 1);
        const int i = int(std::lround(t));
        const double x = std::exp2(lut.shaperMin + double(i) / (lut.size - 1) * (lut.shaperMax - lut.shaperMin));
        const double expected = x <= 0.0031308 ? 12.92 * x : 1.055 * std::pow(x, 1 / 2.4) - 0.055;
        const float got = lut.rgba[((size_t(i) * lut.size + i) * lut.size + i) * 4];
        QVERIFY2(std::abs(got - expected) < 1e-3, qPrintable(QString::number(got) + " vs " + QString::number(expected)));
    }

    // DPX transfer from the header, except where FFmpeg wrote it: its encoder marks every file
    // "linear", so the shared flower DPX (video frames) reads as display-referred like the movie it
    // came from, and a DPX whose maker said linear (oiiotool here) as scene-linear.
    void dpxInputSpace() {
        PlayerController player;
        const QString shared = QStringLiteral(RUSHES_MEDIA_DIR "/seq/flower_dpx10/flower.0001.dpx");
        if (!QFile::exists(shared)) QSKIP("../shared/media is not here");
        player.openPaths({shared});
        QCOMPARE(player.inputSpace(), QStringLiteral("sRGB - Texture"));
        QTemporaryDir dir;
        const QString linear = dir.filePath(QStringLiteral("linear.dpx"));
        QProcess oiiotool;
        oiiotool.start(QStringLiteral("oiiotool"),
                       {QStringLiteral("--pattern"), QStringLiteral("constant:color=0.18,0.18,0.18"),
                        QStringLiteral("64x64"), QStringLiteral("3"), QStringLiteral("-d"),
                        QStringLiteral("uint10"), QStringLiteral("--attrib"), QStringLiteral("dpx:Transfer"),
                        QStringLiteral("Linear"), QStringLiteral("-o"), linear});
        if (!oiiotool.waitForFinished(30000) || oiiotool.exitCode() != 0)
            QSKIP("oiiotool (openimageio-tools) is not available");
        PlayerController other;
        other.openPaths({linear});
        QCOMPARE(other.inputSpace(), QStringLiteral("Linear Rec.709"));
    }
};

QTEST_MAIN(TestPlayerController)
#include "tst_player_controller.moc"
