// Bad input: damaged EXRs, a truncated movie, empty, random and unreadable files, directories,
// an EXR claiming a giant data window, sequences with holes. Each gets an error that names the
// file and the cause; nothing crashes or hangs (these run under ASan/UBSan in CI).
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <OpenImageIO/imageio.h>

#include <cstdlib>
#include <cstring>

#include "MediaTestSupport.h"
#include "rushes/codecs/MediaReader.h"

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace rushes::codecs;
using namespace rushes::test;

namespace {

// Opens and reads every frame; returns the first error (or nothing when all of it worked).
std::optional<Error> readAll(const QString& path, int maxFrames = 64) {
    auto r = openMedia(path.toStdString());
    if (!r) return r.error();
    const MediaInfo& info = (*r)->info();
    for (int64_t i = 0; i < std::min<int64_t>(info.frameCount, maxFrames); ++i) {
        auto f = (*r)->readFrame(i);
        if (!f) return f.error();
        auto img = (*r)->readImage(i, ImageFormat::RGBA8);
        if (!img && !f->missing) return img.error();
    }
    return std::nullopt;
}

QByteArray randomBytes(int n) {
    QByteArray b(n, 0);
    auto* gen = QRandomGenerator::global();
    for (int i = 0; i < n; ++i) b[i] = char(gen->bounded(256));
    return b;
}

void writeFile(const QString& path, const QByteArray& data) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(data), qint64(data.size()));
}

// The first `percent` of `source`'s bytes, written to `cut` (a copy or a transfer that stopped).
bool writeCut(const QString& source, const QString& cut, int percent) {
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) return false;
    const QByteArray all = in.readAll();
    QFile out(cut);
    const QByteArray part = all.left(all.size() * percent / 100);
    return out.open(QIODevice::WriteOnly) && out.write(part) == part.size();
}

}  // namespace

class BadInputTest : public QObject {
    Q_OBJECT
private slots:
    void damagedFiles() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        const QDir dir(mediaDir() + "/damaged");
        const auto files = dir.entryInfoList(QDir::Files);
        QVERIFY(files.size() > 50);
        int refused = 0;
        for (const QFileInfo& fi : files) {
            if (fi.fileName().endsWith(".rst")) continue;
            auto err = readAll(fi.absoluteFilePath());
            QVERIFY2(err.has_value(), qPrintable("damaged file read without an error: " + fi.fileName()));
            QVERIFY2(QString::fromStdString(err->toString()).contains(fi.fileName()),
                     qPrintable("error does not name the file: " + QString::fromStdString(err->toString())));
            QVERIFY(!err->message.empty());
            // Printable on one line: names read from the damaged header come out as \xNN.
            const QByteArray bytes = QByteArray::fromStdString(err->toString());
            QVERIFY2(QString::fromUtf8(bytes).toUtf8() == bytes, bytes.constData());
            for (char ch : bytes) QVERIFY2(static_cast<unsigned char>(ch) >= 0x20, bytes.constData());
            ++refused;
        }
        QVERIFY(refused > 50);
    }

    void truncatedMovie_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("headerFirst");  // rewrite with the index at the front (-movflags faststart)
        QTest::newRow("h264 mp4 (packets scanned)") << "video/flower.mp4" << false;
        // Intra-only MOV is indexed from its header: samples past the cut must be left out.
        QTest::newRow("prores mov (header index)") << "movie-masters/friday_3s_prores422hq_pcm24.mov" << true;
    }
    void truncatedMovie() {
        QFETCH(QString, source);
        QFETCH(bool, headerFirst);
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        QTemporaryDir tmp;
        source = mediaDir() + QLatin1Char('/') + source;
        if (headerFirst) {
            const QString moved = tmp.filePath("faststart.mov");
            QVERIFY(runFfmpeg({"-i", source, "-map", "0", "-c", "copy", "-movflags", "faststart", moved}));
            source = moved;
        }
        const QStringList expected = ffmpegFrameMd5(source);
        const int total = int(expected.size());
        QVERIFY(total >= 90);
        // The whole file opens without a warning.
        {
            auto whole = openMedia(source.toStdString());
            QVERIFY2(whole.ok(), whole.ok() ? "" : whole.error().toString().c_str());
            QVERIFY(!(*whole)->info().truncated);
            QVERIFY((*whole)->info().warnings.empty());
            QCOMPARE((*whole)->info().frameCount, int64_t(total));
        }
        const QString cut = tmp.filePath("cut." + QFileInfo(source).suffix());
        QVERIFY(writeCut(source, cut, 60));
        auto r = openMedia(cut.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        const int64_t n = (*r)->info().frameCount;
        QVERIFY2(n > total * 2 / 5 && n < total, qPrintable(QString::number(n)));
        // It says so on open, naming the file, the frames that play and those the container lists.
        const MediaInfo& info = (*r)->info();
        QVERIFY(info.truncated);
        QCOMPARE(info.listedFrameCount, int64_t(total));
        QVERIFY(!info.listedFrameCountEstimated);
        QCOMPARE(info.warnings.size(), size_t(1));
        const QString expectedWarning = QStringLiteral(
                                            "%1: truncated: the data ends after %2 of the %3 frames the "
                                            "container lists (frames %2-%4 are missing)")
                                            .arg(cut)
                                            .arg(n)
                                            .arg(total)
                                            .arg(total - 1);
        QCOMPARE(QString::fromStdString(info.warnings[0].toString()), expectedWarning);
        for (int64_t i = 0; i < n; ++i) {
            auto f = (*r)->readFrame(i);
            QVERIFY2(f.ok(), f.ok() ? "" : f.error().toString().c_str());
            QCOMPARE(md5OfFrame(*f), expected[int(i)]);
        }
        for (int64_t i : {n, int64_t(total - 1)}) {
            auto f = (*r)->readFrame(i);
            QVERIFY(!f.ok());
            QVERIFY2(f.error().message.find("truncated") != std::string::npos, f.error().message.c_str());
            QCOMPARE(f.error().path, cut.toStdString());
        }
        // Random access into the surviving part still works after the error.
        auto again = (*r)->readFrame(n / 2);
        QVERIFY(again.ok());
        QCOMPARE(md5OfFrame(*again), expected[int(n / 2)]);
    }

    // Matroska and WebM list no frame count: a file whose segment runs past its end is truncated,
    // and the container's duration at the frame rate says about how many frames it held.
    void truncatedWebm() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        const QString source = mediaDir() + "/video/flower.webm";
        const QStringList expected = ffmpegFrameMd5(source);
        const int total = int(expected.size());
        QVERIFY(total >= 100);
        QTemporaryDir tmp;
        const QString cut = tmp.filePath("cut.webm");
        QVERIFY(writeCut(source, cut, 60));
        auto r = openMedia(cut.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        const MediaInfo& info = (*r)->info();
        const int64_t n = info.frameCount;
        QVERIFY2(n > total * 2 / 5 && n < total, qPrintable(QString::number(n)));
        QVERIFY(info.truncated);
        QVERIFY(info.listedFrameCountEstimated);
        QVERIFY2(std::abs(info.listedFrameCount - total) <= 3,
                 qPrintable(QString::number(info.listedFrameCount)));
        QCOMPARE(info.warnings.size(), size_t(1));
        const QString warning = QString::fromStdString(info.warnings[0].toString());
        QVERIFY2(warning.startsWith(cut + ": truncated: the data ends after " + QString::number(n) +
                                    " frames, of about " + QString::number(info.listedFrameCount) +
                                    " in the container's duration"),
                 qPrintable(warning));
        for (int64_t i = 0; i < n; ++i) {
            auto f = (*r)->readFrame(i);
            QVERIFY2(f.ok(), f.ok() ? "" : f.error().toString().c_str());
            QCOMPARE(md5OfFrame(*f), expected[int(i)]);
        }
        auto whole = openMedia(source.toStdString());
        QVERIFY(whole.ok());
        QVERIFY(!(*whole)->info().truncated);
        QVERIFY((*whole)->info().warnings.empty());
    }

    // YUV4MPEG and MPEG-TS record no length: a copy cut where a frame or a transport packet
    // ends looks whole, but one cut anywhere else (nearly every cut) leaves a piece, and says so.
    void truncatedStreamsWithoutALength_data() {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("y4m") << "y4m";
        QTest::newRow("mpeg-ts") << "ts";
        QTest::newRow("m2ts") << "m2ts";
    }
    void truncatedStreamsWithoutALength() {
        QFETCH(QString, suffix);
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        QTemporaryDir tmp;
        const QString whole = tmp.filePath("whole." + suffix);
        if (suffix == "y4m")
            QVERIFY(QFile::copy(mediaDir() + "/movie-masters/flower_10f_960x540_420p.y4m", whole));
        else
            QVERIFY(runFfmpeg({"-i", mediaDir() + "/video/flower.mp4", "-map", "0:v", "-frames:v", "40", "-c",
                               "copy", whole}));
        if (suffix == "m2ts") {
            // BDAV (FFmpeg's muxer picks it by the name): each 188-byte packet behind a 4-byte
            // arrival time, 192 bytes in all.
            QFile in(whole);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QByteArray bdav = in.readAll();
            QCOMPARE(bdav.size() % 192, 0);
            QCOMPARE(quint8(bdav.at(4)), quint8(0x47));
            QCOMPARE(quint8(bdav.at(196)), quint8(0x47));
        }
        const QStringList expected = ffmpegFrameMd5(whole);
        const int total = int(expected.size());
        QVERIFY(total >= 10);
        {
            auto w = openMedia(whole.toStdString());
            QVERIFY2(w.ok(), w.ok() ? "" : w.error().toString().c_str());
            QVERIFY(!(*w)->info().truncated);
            QVERIFY((*w)->info().warnings.empty());
            QCOMPARE((*w)->info().frameCount, int64_t(total));
        }
        const QString cut = tmp.filePath("cut." + suffix);
        QVERIFY(writeCut(whole, cut, 61));
        auto r = openMedia(cut.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        const MediaInfo& info = (*r)->info();
        const int64_t n = info.frameCount;
        QVERIFY2(n >= total / 3 && n < total, qPrintable(QString::number(n)));
        QVERIFY(info.truncated);
        QCOMPARE(info.listedFrameCount, int64_t(0));
        QCOMPARE(info.warnings.size(), size_t(1));
        QCOMPARE(
            QString::fromStdString(info.warnings[0].toString()),
            QStringLiteral("%1: truncated: the data ends after %2 frames (the rest of the file is missing)")
                .arg(cut)
                .arg(n));
        // The frames before the cut are the whole file's (the last one may be cut itself).
        for (int64_t i = 0; i + 1 < n; ++i) {
            auto f = (*r)->readFrame(i);
            QVERIFY2(f.ok(), f.ok() ? "" : f.error().toString().c_str());
            QCOMPARE(md5OfFrame(*f), expected[int(i)]);
        }
    }

    // Most MOV files keep their index (the 'moov' box) after the pictures: cut short, not one
    // frame can be found, and the error says why instead of FFmpeg's "Invalid data".
    void truncatedMovWithIndexAtTheEnd_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("dnxhr mov") << "movie-masters/flower_2s_dnxhr_sq.mov";
        QTest::newRow("h264 mov") << "video/PSR63_2012-06-02.mov";
    }
    void truncatedMovWithIndexAtTheEnd() {
        QFETCH(QString, source);
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        QTemporaryDir tmp;
        const QString cut = tmp.filePath("cut.mov");
        QVERIFY(writeCut(mediaDir() + QLatin1Char('/') + source, cut, 60));
        auto r = openMedia(cut.toStdString());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().path, cut.toStdString());
        const std::string& why = r.error().message;
        QVERIFY2(why.rfind("truncated: the file ends inside its 'mdat' box", 0) == 0, why.c_str());
        QVERIFY2(why.find("before the 'moov' box") != std::string::npos, why.c_str());
        QVERIFY2(why.find(std::to_string(QFileInfo(cut).size()) + " of the ") != std::string::npos,
                 why.c_str());
    }

    // Whole files say nothing: not the shared movies, not an MP4 whose edit list leaves samples out
    // (more samples in its header than frames that play), nor a fragmented MP4.
    void wholeMoviesHaveNoWarning() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        QStringList files;
        for (const QString& sub : {QStringLiteral("video"), QStringLiteral("movie-masters")})
            for (const QFileInfo& fi : QDir(mediaDir() + QLatin1Char('/') + sub).entryInfoList(QDir::Files))
                files << fi.absoluteFilePath();
        QTemporaryDir tmp;
        const QString edited = tmp.filePath("edit_list.mp4");
        QVERIFY(runFfmpeg(
            {"-ss", "1.2", "-i", mediaDir() + "/video/flower.mp4", "-map", "0", "-c", "copy", edited}));
        const QString fragmented = tmp.filePath("fragmented.mp4");
        QVERIFY(runFfmpeg({"-i", mediaDir() + "/video/flower.mp4", "-map", "0", "-c", "copy", "-movflags",
                           "frag_keyframe+empty_moov", fragmented}));
        const QString transport = tmp.filePath("whole.ts");
        QVERIFY(runFfmpeg({"-i", mediaDir() + "/video/flower.mp4", "-map", "0", "-c", "copy", transport}));
        files << edited << fragmented << transport;
        for (const QString& file : files) {
            auto r = openMedia(file.toStdString());
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
            const MediaInfo& info = (*r)->info();
            QVERIFY2(
                !info.truncated && info.warnings.empty(),
                qPrintable(file + ": " +
                           (info.warnings.empty() ? QString()
                                                  : QString::fromStdString(info.warnings[0].toString()))));
            QCOMPARE(info.listedFrameCount, int64_t(0));
            QCOMPARE(int64_t(ffmpegFrameMd5(file).size()), info.frameCount);
            // Past the last frame is out of range, not "truncated".
            auto past = (*r)->readFrame(info.frameCount);
            QVERIFY(!past.ok());
            QVERIFY2(past.error().message.find("out of range") != std::string::npos,
                     past.error().message.c_str());
        }
        // A fragmented MP4 cut short has no total to compare with: it is truncated, count unknown.
        const QString cut = tmp.filePath("fragmented_cut.mp4");
        QVERIFY(writeCut(fragmented, cut, 60));
        auto r = openMedia(cut.toStdString());
        QVERIFY(r.ok());
        QVERIFY((*r)->info().truncated);
        QCOMPARE((*r)->info().listedFrameCount, int64_t(0));
        QCOMPARE((*r)->info().warnings.size(), size_t(1));
        QCOMPARE(
            QString::fromStdString((*r)->info().warnings[0].toString()),
            QStringLiteral("%1: truncated: the data ends after %2 frames (the rest of the file is missing)")
                .arg(cut)
                .arg((*r)->info().frameCount));
    }

    void emptyRandomMissingDirectory() {
        QTemporaryDir tmp;
        const QString empty = tmp.filePath("empty.mov");
        writeFile(empty, {});
        const QString randomMov = tmp.filePath("noise.mov");
        writeFile(randomMov, randomBytes(100000));
        const QString randomExr = tmp.filePath("noise.exr");
        writeFile(randomExr, randomBytes(100000));
        const QString randomExrMagic = tmp.filePath("noise_magic.exr");
        writeFile(randomExrMagic, QByteArray("\x76\x2f\x31\x01", 4) + randomBytes(5000));
        QDir(tmp.path()).mkdir("adir");
        QCOMPARE(::mkfifo(QFile::encodeName(tmp.filePath("pipe.mov")).constData(), 0600), 0);
        const struct {
            QString path;
            const char* cause;
        } cases[] = {
            {empty, "empty"},
            {randomMov, ""},
            {randomExr, "not an OpenEXR"},
            {randomExrMagic, ""},
            {tmp.filePath("adir"), "directory"},
            {tmp.filePath("missing.mov"), "no such file"},
            {tmp.filePath("pipe.mov"), "not a regular file"},  // opening it would wait for a writer for ever
            {tmp.filePath("missing.####.exr"), "no files match"},
            {QString(), "no file"}};
        for (const auto& c : cases) {
            auto err = readAll(c.path);
            QVERIFY2(err.has_value(), qPrintable("no error for " + c.path));
            QCOMPARE(QString::fromStdString(err->path), c.path);
            QVERIFY2(QString::fromStdString(err->message).contains(QLatin1String(c.cause)),
                     err->toString().c_str());
        }
    }

    // A DPX header claiming 3 GB of user data made OpenImageIO abort the process (found by the
    // fuzzer): the pixels still come through FFmpeg and the metadata says why the header was skipped.
    void dpxWithHugeUserData() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        QFile in(mediaDir() + "/seq/flower_dpx10/flower.0001.dpx");
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray data = in.readAll();
        const bool big = data.startsWith("SDPX");
        QVERIFY(big || data.startsWith("XPDS"));
        const char huge[4] = {'\xC0', 0, 0, 0};
        for (int i = 0; i < 4; ++i) data[32 + i] = big ? huge[i] : huge[3 - i];
        QTemporaryDir tmp;
        const QString path = tmp.filePath("huge_user_data.dpx");
        writeFile(path, data);
        auto r = openMedia(path.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        bool said = false;
        for (const auto& [key, value] : (*r)->info().metadata)
            if (key == "rushes:metadata" && value.find("user data") != std::string::npos &&
                value.find(path.toStdString()) != std::string::npos)
                said = true;
        QVERIFY(said);
        QVERIFY((*r)->readFrame(0).ok());
    }

    void unreadableFile() {
        QTemporaryDir tmp;
        // The folder stays open to others so only the file's own permissions stop the reader.
        QVERIFY(QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                      QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                      QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                                      QFileDevice::ExeGroup));
        const QString path = tmp.filePath("locked.mov");
        writeFile(path, randomBytes(1000));
        QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
        std::string message;
#ifdef Q_OS_UNIX
        if (::geteuid() == 0) {
            // Permissions do not stop root: read as the unprivileged user "nobody" in a child process.
            int fds[2];
            QVERIFY(::pipe(fds) == 0);
            const pid_t pid = ::fork();
            QVERIFY(pid >= 0);
            if (pid == 0) {
                ::close(fds[0]);
                if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
                auto err = readAll(path);
                const std::string text = err ? err->toString() : std::string();
                if (!text.empty() && ::write(fds[1], text.data(), text.size()) < 0) ::_exit(4);
                ::_exit(err ? 0 : 1);
            }
            ::close(fds[1]);
            char buf[512];
            ssize_t n;
            while ((n = ::read(fds[0], buf, sizeof buf)) > 0) message.append(buf, size_t(n));
            ::close(fds[0]);
            int status = 0;
            ::waitpid(pid, &status, 0);
            QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) != 3, "could not become the user nobody");
            QVERIFY2(WEXITSTATUS(status) == 0, "an unreadable file was read without an error");
        }
#endif
        if (message.empty()) {
            auto err = readAll(path);
            QVERIFY(err.has_value());
            message = err->toString();
        }
        QVERIFY2(message.find("ermission") != std::string::npos, message.c_str());
        QVERIFY2(message.find(path.toStdString()) != std::string::npos, message.c_str());
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    // A valid EXR whose header claims a 100000x100000 data window is refused before any
    // pixel buffer is allocated.
    void giantDataWindow() {
        if (ffmpegPath().isEmpty()) QSKIP("ffmpeg is needed to make the EXR");
        QTemporaryDir tmp;
        const QString small = tmp.filePath("small.exr");
        QVERIFY(runFfmpeg({"-f", "lavfi", "-i", "color=red:s=16x16", "-frames:v", "1", "-c:v", "exr", "-pix_fmt",
                           "gbrpf32le", small}));
        QFile f(small);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray data = f.readAll();
        const QByteArray key("dataWindow\0box2i\0", 17);
        const int at = data.indexOf(key);
        QVERIFY(at > 0);
        const int box = at + key.size() + 4;  // after the attribute size
        const qint32 maxXY = 99999;
        std::memcpy(data.data() + box + 8, &maxXY, 4);
        std::memcpy(data.data() + box + 12, &maxXY, 4);
        // Room for the 100000-line offset table, so the header alone is what gets refused.
        data += QByteArray(100000 * 8 + 1024, '\0');
        const QString giant = tmp.filePath("giant.exr");
        writeFile(giant, data);
        auto err = readAll(giant);
        QVERIFY(err.has_value());
        QCOMPARE(QString::fromStdString(err->path), giant);
        QVERIFY2(err->message.find("larger than supported") != std::string::npos, err->toString().c_str());
    }

    // The header check reads the first 64 KB of a file first: a valid header that runs past that
    // (a long comment sorts before dataWindow) must still open and read, frame after frame.
    void largeExrHeaderAccepted() {
        QTemporaryDir tmp;
        const int w = 32, h = 16;
        std::vector<uint16_t> pixels(size_t(w) * h * 4);
        for (size_t i = 0; i < pixels.size(); ++i)
            pixels[i] = uint16_t(0x3c00 + (i % 977));  // halves from 1.0 up
        OIIO::ImageSpec spec(w, h, 4, OIIO::TypeDesc::HALF);
        spec.attribute("comments", std::string(200000, 'x'));
        for (int n = 1; n <= 2; ++n) {
            const std::string file =
                tmp.filePath(QStringLiteral("big.%1.exr").arg(n, 4, 10, QLatin1Char('0'))).toStdString();
            auto out = OIIO::ImageOutput::create(file);
            QVERIFY(out);
            QVERIFY(out->open(file, spec));
            QVERIFY(out->write_image(OIIO::TypeDesc::HALF, pixels.data()));
            QVERIFY(out->close());
        }
        QVERIFY(QFileInfo(tmp.filePath("big.0001.exr")).size() > 200000);
        auto r = openMedia(tmp.filePath("big.0001.exr").toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE((*r)->info().frameCount, int64_t(2));
        Frame f;
        for (int64_t i : {int64_t(0), int64_t(1)}) {
            auto st = (*r)->readFrameInto(i, f);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().toString().c_str());
            QCOMPARE(f.planes.size(), size_t(1));
            QCOMPARE(f.planes[0].data.size(), pixels.size() * 2);
            QVERIFY(std::memcmp(f.planes[0].data.data(), pixels.data(), pixels.size() * 2) == 0);
        }
    }

    void sequenceWithHoles() {
        if (ffmpegPath().isEmpty()) QSKIP("ffmpeg is needed to make the sequence");
        QTemporaryDir tmp;
        QVERIFY(runFfmpeg({"-f", "lavfi", "-i", "testsrc2=s=64x36:r=24", "-frames:v", "10", "-start_number", "101",
                           tmp.filePath("shot.%04d.png")}));
        QVERIFY(QFile::remove(tmp.filePath("shot.0104.png")));
        QVERIFY(QFile::remove(tmp.filePath("shot.0107.png")));
        writeFile(tmp.filePath("shot.0108.png"), randomBytes(300));  // damaged frame inside
        auto r = openMedia(tmp.filePath("shot.0101.png").toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        const MediaInfo& info = (*r)->info();
        QCOMPARE(info.firstFrame, int64_t(101));
        QCOMPARE(info.frameCount, int64_t(10));
        QCOMPARE(info.missingFrames, (std::vector<int64_t>{104, 107}));
        auto hole = (*r)->readFrame(3);
        QVERIFY(hole.ok());
        QVERIFY(hole->missing);
        QCOMPARE(hole->number, int64_t(104));
        QVERIFY(hole->planes.empty());
        auto holeImage = (*r)->readImage(3, ImageFormat::RGBA8);
        QVERIFY(!holeImage.ok());
        QVERIFY(holeImage.error().path.find("shot.0104.png") != std::string::npos);
        auto good = (*r)->readFrame(4);
        QVERIFY(good.ok());
        QVERIFY(!good->missing);
        QCOMPARE(good->number, int64_t(105));
        auto bad = (*r)->readFrame(7);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().path.find("shot.0108.png") != std::string::npos, bad.error().toString().c_str());
        auto outOfRange = (*r)->readFrame(10);
        QVERIFY(!outOfRange.ok());
        QVERIFY(outOfRange.error().message.find("out of range") != std::string::npos);
    }

    // Luminance/chroma EXR goes to OpenEXR's own reader (OpenImageIO refuses its subsampled
    // channels): cut short, it still ends in a clear error naming the file, not a crash.
    void truncatedLumaChromaExr() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        QFile in(mediaDir() + "/exr/Flowers.exr");
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        QTemporaryDir dir;
        const std::pair<double, const char*> cuts[] = {{0.3, "a"}, {0.6, "b"}, {0.95, "c"}};
        for (const auto& [keep, name] : cuts) {  // (numbered names would make a sequence of them)
            const QString cut = dir.filePath(QStringLiteral("flowers_%1.exr").arg(QLatin1String(name)));
            QFile out(cut);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes.left(int(bytes.size() * keep)));
            out.close();
            auto err = readAll(cut);
            QVERIFY2(err.has_value(), qPrintable(cut));
            QVERIFY2(err->path == cut.toStdString(), err->toString().c_str());
            qInfo("%d%%: %s", int(keep * 100), err->toString().c_str());
        }
    }
};

QTEST_GUILESS_MAIN(BadInputTest)
#include "tst_bad_input.moc"
