// Writers: every codec's output reopens with the same frame count, rate and timecode; the
// lossless paths (PNG, EXR half, DPX 10-bit) give back the same pixels; bad requests are refused.
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "MediaTestSupport.h"
#include "rushes/codecs/MediaReader.h"
#include "rushes/codecs/MediaWriter.h"

using namespace rushes::codecs;
using namespace rushes::test;

namespace {

double meanAbs8(const Image& a, const Image& b) {
    if (a.data.size() != b.data.size() || a.format != b.format) return 1e9;
    double sum = 0;
    const size_t n = a.data.size() / size_t(a.bytesPerChannel());
    for (size_t i = 0; i < n; ++i) {
        if (i % 4 == 3) continue;  // alpha
        double x, y;
        if (a.format == ImageFormat::RGBA8) {
            x = a.data[i];
            y = b.data[i];
        } else {
            uint16_t u, v;
            std::memcpy(&u, &a.data[2 * i], 2);
            std::memcpy(&v, &b.data[2 * i], 2);
            x = u / 257.0;
            y = v / 257.0;
        }
        sum += std::abs(x - y);
    }
    return sum / (double(n) * 0.75);
}

// A 64x36 ProRes movie: the smallest request the writer tests start from.
WriteOptions smallProres() {
    WriteOptions o;
    o.codec = "prores";
    o.width = 64;
    o.height = 36;
    return o;
}

}  // namespace

class MediaWriterTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
    }

    void movies_data() {
        QTest::addColumn<QString>("codec");
        QTest::addColumn<QString>("ext");
        QTest::addColumn<QString>("codecName");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("prores 422 HQ") << "prores" << "mov" << "prores" << "HQ" << 1.5;
        QTest::newRow("prores 4444") << "prores4444" << "mov" << "prores" << "4444" << 1.5;
        QTest::newRow("dnxhr hq") << "dnxhr" << "mov" << "dnxhd" << "DNXHR HQ" << 3.0;
        QTest::newRow("h264") << "h264" << "mov" << "h264" << "High" << 2.5;
        QTest::newRow("h264 mp4") << "h264" << "mp4" << "h264" << "High" << 2.5;
        QTest::newRow("dnxhr mxf") << ""
                                   << "mxf"
                                   << "dnxhd"
                                   << "DNXHR HQ" << 3.0;  // .mxf's own codec
    }
    void movies() {
        QFETCH(QString, codec);
        QFETCH(QString, ext);
        QFETCH(QString, codecName);
        QFETCH(QString, profile);
        QFETCH(double, tolerance);
        auto src = openMedia((mediaDir() + "/video/flower.mp4").toStdString());
        QVERIFY(src.ok());
        QTemporaryDir tmp;
        const std::string out = tmp.filePath("out." + ext).toStdString();
        WriteOptions o;
        o.codec = codec.toStdString();
        o.width = (*src)->info().width;
        o.height = (*src)->info().height;
        o.frameRate = {24000, 1001};
        o.hasTimecode = ext == "mov";
        o.startTimecode = *Timecode::parse("01:02:03:04");
        auto w = createWriter(out, o);
        QVERIFY2(w.ok(), w.ok() ? "" : w.error().toString().c_str());
        std::vector<Image> written;
        for (int i = 0; i < 12; ++i) {
            auto img = (*src)->readImage(i * 3, ImageFormat::RGBA16);
            QVERIFY(img.ok());
            QVERIFY((*w)->writeImage(*img).ok());
            written.push_back(*img);
        }
        QVERIFY((*w)->finish().ok());
        auto back = openMedia(out);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().toString().c_str());
        const MediaInfo& info = (*back)->info();
        QCOMPARE(info.frameCount, int64_t(12));
        QCOMPARE(info.frameRate, (Rational{24000, 1001}));
        QCOMPARE(QString::fromStdString(info.codec), codecName);
        QCOMPARE(QString::fromStdString(info.profile), profile);
        QCOMPARE(info.width, o.width);
        if (o.hasTimecode) {
            QVERIFY(info.hasTimecode);
            QCOMPARE(info.startTimecode.toString(), std::string("01:02:03:04"));
        }
        for (int i = 0; i < 12; i += 5) {
            auto img = (*back)->readImage(i, ImageFormat::RGBA16);
            QVERIFY(img.ok());
            const double d = meanAbs8(*img, written[size_t(i)]);
            QVERIFY2(d < tolerance, qPrintable(QStringLiteral("frame %1: mean difference %2").arg(i).arg(d)));
        }
    }

    void pngIsLossless() {
        auto src = openMedia((mediaDir() + "/seq/BART/BART_2021-02-07.0001.png").toStdString());
        QVERIFY(src.ok());
        QTemporaryDir tmp;
        WriteOptions o;
        o.codec = "png";
        o.width = (*src)->info().width;
        o.height = (*src)->info().height;
        o.firstFrame = 1001;
        auto w = createWriter(tmp.filePath("bart.####.png").toStdString(), o);
        QVERIFY(w.ok());
        std::vector<Image> written;
        for (int i = 0; i < 5; ++i) {
            auto img = (*src)->readImage(i * 10, ImageFormat::RGBA8);
            QVERIFY(img.ok());
            QVERIFY((*w)->writeImage(*img).ok());
            written.push_back(*img);
        }
        QVERIFY((*w)->finish().ok());
        // firstFileWritten names the file the writer wrote first (what the app checks before a pass).
        const std::string first = firstFileWritten(tmp.filePath("bart.####.png").toStdString(), 1001);
        QCOMPARE(QString::fromStdString(first), tmp.filePath("bart.1001.png"));
        QVERIFY(QFileInfo::exists(QString::fromStdString(first)));
        auto back = openMedia(tmp.filePath("bart.%04d.png").toStdString());
        QVERIFY(back.ok());
        QCOMPARE((*back)->info().frameCount, int64_t(5));
        QCOMPARE((*back)->info().firstFrame, int64_t(1001));
        QCOMPARE((*back)->info().startTimecode.toFrames((*back)->info().frameRate), int64_t(1001));
        for (int i = 0; i < 5; ++i) {
            auto img = (*back)->readImage(i, ImageFormat::RGBA8);
            QVERIFY(img.ok());
            QVERIFY(img->data == written[size_t(i)].data);
        }
    }

    // An image name without a frame number is one image: its one frame is written under that name
    // (read back the same), a second frame and sound are refused, naming the file.
    void oneImage() {
        auto src = openMedia((mediaDir() + "/seq/BART/BART_2021-02-07.0001.png").toStdString());
        if (!src.ok()) QSKIP("shared media not found");
        QTemporaryDir tmp;
        WriteOptions o;
        o.width = (*src)->info().width;
        o.height = (*src)->info().height;
        for (const char* name : {"still.png", "still.exr", "still.dpx"}) {
            const std::string file = tmp.filePath(name).toStdString();
            auto w = createWriter(file, o);
            QVERIFY2(w.ok(), w.ok() ? "" : w.error().toString().c_str());
            auto img = (*src)->readImage(3, ImageFormat::RGBA8);
            QVERIFY(img.ok());
            QVERIFY((*w)->writeImage(*img).ok());
            const Status second = (*w)->writeImage(*img);
            QVERIFY(!second.ok());
            QCOMPARE(second.error().path, file);
            QVERIFY2(second.error().message.find("is one image and holds one frame") == 0,
                     second.error().message.c_str());
            AudioBuffer sound;
            QVERIFY(!(*w)->writeAudio(sound).ok());
            QVERIFY((*w)->finish().ok());
            QCOMPARE(firstFileWritten(file), file);
            auto back = openMedia(file);
            QVERIFY(back.ok());
            QCOMPARE((*back)->info().frameCount, int64_t(1));
            if (std::string(name) == "still.png") {
                auto again = (*back)->readImage(0, ImageFormat::RGBA8);
                QVERIFY(again.ok());
                QVERIFY(again->data == img->data);  // lossless
            }
        }
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files, QDir::Name),
                 (QStringList{"still.dpx", "still.exr", "still.png"}));
        QVERIFY(!createWriter(tmp.filePath("nofolder/still.exr").toStdString(), o).ok());
    }

    // The first file of each way of writing a pattern, as the sequence writer names its files; a movie
    // is its own first file.
    void firstFileWrittenFollowsThePattern() {
        QCOMPARE(firstFileWritten("/p/a.%04d.exr"), std::string("/p/a.0001.exr"));
        QCOMPARE(firstFileWritten("/p/a.%d.exr", 7), std::string("/p/a.7.exr"));
        QCOMPARE(firstFileWritten("/p/a.####.dpx", 1001), std::string("/p/a.1001.dpx"));
        QCOMPARE(firstFileWritten("/p/a.#.exr"), std::string("/p/a.0001.exr"));  // one '#': four digits
        QCOMPARE(firstFileWritten("/p/a.@@@.png"), std::string("/p/a.001.png"));
        QCOMPARE(firstFileWritten("/p/shot.mov"), std::string("/p/shot.mov"));
    }

    void exrHalfKeepsWindowsAttributesAndTimecode() {
        auto src = openMedia((mediaDir() + "/exr/Beachball/singlepart.0001.exr").toStdString());
        QVERIFY(src.ok());
        const MediaInfo& si = (*src)->info();
        QTemporaryDir tmp;
        WriteOptions o;
        o.codec = "exr";
        o.width = si.width;
        o.height = si.height;
        o.frameRate = {25, 1};
        o.firstFrame = 1;
        o.dataWindow = si.dataWindow;
        o.displayWindow = si.displayWindow;
        o.hasTimecode = true;
        o.startTimecode = *Timecode::parse("10:00:00:00");
        o.attributes = {{"shotNote", "Rushes test"}};
        auto w = createWriter(tmp.filePath("bb.%04d.exr").toStdString(), o);
        QVERIFY(w.ok());
        std::vector<Image> written;
        for (int i = 0; i < 3; ++i) {
            auto img = (*src)->readImage(i, ImageFormat::RGBAHalf);
            QVERIFY(img.ok());
            QVERIFY((*w)->writeImage(*img).ok());
            written.push_back(*img);
        }
        QVERIFY((*w)->finish().ok());
        auto back = openMedia(tmp.filePath("bb.0001.exr").toStdString());
        QVERIFY(back.ok());
        const MediaInfo& bi = (*back)->info();
        QCOMPARE(bi.frameCount, int64_t(3));
        QCOMPARE(bi.frameRate, (Rational{25, 1}));
        QCOMPARE(bi.dataWindow, si.dataWindow);
        QCOMPARE(bi.displayWindow, si.displayWindow);
        QVERIFY(bi.hasTimecode);
        QCOMPARE(bi.startTimecode.toString(), std::string("10:00:00:00"));
        bool owner = false;
        for (const auto& [k, v] : bi.metadata) owner = owner || (k == "shotNote" && v == "Rushes test");
        QVERIFY(owner);
        for (int i = 0; i < 3; ++i) {
            auto img = (*back)->readImage(i, ImageFormat::RGBAHalf);
            QVERIFY(img.ok());
            QVERIFY(img->data == written[size_t(i)].data);
        }
        // Frame 2's timecode follows the first.
        auto third = openMedia(tmp.filePath("bb.0003.exr").toStdString());
        QVERIFY(third.ok());
    }

    void dpx10IsLossless() {
        auto src = openMedia((mediaDir() + "/seq/flower_dpx10/flower.0001.dpx").toStdString());
        QVERIFY(src.ok());
        QTemporaryDir tmp;
        WriteOptions o;
        o.codec = "dpx";
        o.width = (*src)->info().width;
        o.height = (*src)->info().height;
        o.frameRate = {24000, 1001};
        o.firstFrame = 86400;
        o.hasTimecode = true;
        o.startTimecode = *Timecode::parse("01:00:00:00");
        auto w = createWriter(tmp.filePath("f.%06d.dpx").toStdString(), o);
        QVERIFY(w.ok());
        for (int i = 0; i < 3; ++i) {
            auto img = (*src)->readImage(i, ImageFormat::RGBA16);
            QVERIFY(img.ok());
            QVERIFY((*w)->writeImage(*img).ok());
        }
        QVERIFY((*w)->finish().ok());
        auto back = openMedia(tmp.filePath("f.######.dpx").toStdString());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().toString().c_str());
        const MediaInfo& bi = (*back)->info();
        QCOMPARE(bi.frameCount, int64_t(3));
        QCOMPARE(bi.firstFrame, int64_t(86400));
        QCOMPARE(bi.pixelFormat, std::string("gbrp10le"));
        QCOMPARE(bi.frameRate, (Rational{24000, 1001}));
        QVERIFY(bi.hasTimecode);
        QCOMPARE(bi.startTimecode.toString(), std::string("01:00:00:00"));
        for (int i = 0; i < 3; ++i) {
            auto a = (*src)->readFrame(i);
            auto b = (*back)->readFrame(i);
            QVERIFY(a.ok() && b.ok());
            QCOMPARE(md5OfFrame(*b), md5OfFrame(*a));
        }
    }

    // Files are written under "<name>.part" and renamed into place when complete: a writer dropped
    // before finish() (a failed or cancelled job) leaves no file and keeps the earlier one of that name.
    void unfinishedWritesLeaveNothing() {
        QTemporaryDir tmp;
        WriteOptions o = smallProres();
        o.audioSampleRate = 48000;
        o.audioChannels = 2;
        Image grey;
        grey.format = ImageFormat::RGBA8;
        grey.width = 64;
        grey.height = 36;
        grey.data.assign(64 * 36 * 4, 128);
        const std::string movie = tmp.filePath("m.mov").toStdString();
        {
            auto w = createWriter(movie, o);
            QVERIFY(w.ok());
            QVERIFY((*w)->writeImage(grey).ok());
            QVERIFY(QFileInfo::exists(QString::fromStdString(movie + ".part")));
            QVERIFY(!QFileInfo::exists(QString::fromStdString(movie)));
        }
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files), QStringList{});
        {
            auto w = createWriter(movie, o);
            QVERIFY(w.ok());
            QVERIFY((*w)->writeImage(grey).ok());
            QVERIFY((*w)->finish().ok());
        }
        QFile done(QString::fromStdString(movie));
        QVERIFY(done.open(QIODevice::ReadOnly));
        const QByteArray earlier = done.readAll();
        done.close();
        {
            auto w = createWriter(movie, o);  // a second run that fails half way
            QVERIFY(w.ok());
            QVERIFY((*w)->writeImage(grey).ok());
            Image wrong = grey;
            wrong.width = 32;
            QVERIFY(!(*w)->writeImage(wrong).ok());
        }
        QVERIFY(done.open(QIODevice::ReadOnly));
        QVERIFY(done.readAll() == earlier);
        done.close();
        // A sequence: each frame appears whole under its name; the WAV beside it only once finished.
        o.codec = "exr";
        const std::string pattern = tmp.filePath("s.####.exr").toStdString();
        auto w = createWriter(pattern, o);
        QVERIFY(w.ok());
        QVERIFY((*w)->writeImage(grey).ok());
        AudioBuffer sound;
        sound.sampleRate = 48000;
        sound.channels = 2;
        sound.samples.assign(4000, 0.25f);
        QVERIFY((*w)->writeAudio(sound).ok());
        QCOMPARE(QDir(tmp.path()).entryList({"s.*"}, QDir::Files), (QStringList{"s.0001.exr", "s.wav.part"}));
        QVERIFY((*w)->finish().ok());
        QCOMPARE(QDir(tmp.path()).entryList({"s.*"}, QDir::Files), (QStringList{"s.0001.exr", "s.wav"}));
        // The files a run writes and reads, and the check that they do not meet.
        QCOMPARE(filesWritten(pattern, o, 2),
                 (std::vector<std::string>{tmp.filePath("s.0001.exr").toStdString(),
                                           tmp.filePath("s.0002.exr").toStdString(),
                                           tmp.filePath("s.wav").toStdString()}));
        auto r = openMedia(pattern);
        QVERIFY(r.ok());
        const std::vector<std::string> read = filesRead((*r)->info());
        QCOMPARE(read.size(), size_t(2));  // the frame and the WAV
        QVERIFY(checkNoOverwrite(read, {movie}).ok());
        const std::string viaDots = tmp.filePath("x/../s.0001.exr").toStdString();
        QVERIFY(QDir(tmp.path()).mkdir("x"));
        const Status clash = checkNoOverwrite(read, {movie, viaDots});
        QVERIFY(!clash.ok());
        QCOMPARE(clash.error().path, viaDots);
    }

    void refusals() {
        QTemporaryDir tmp;
        WriteOptions o = smallProres();
        QVERIFY(!createWriter(tmp.filePath("nofolder/x.mov").toStdString(), o).ok());
        o.codec = "nonsense";
        auto e = createWriter(tmp.filePath("x.mov").toStdString(), o);
        QVERIFY(!e.ok());
        QVERIFY(e.error().message.find("nonsense") != std::string::npos);
        o.codec = "exr";
        QVERIFY(!createWriter(tmp.filePath("x.####.png").toStdString(), o).ok());  // the extension is not exr
        // Movie codecs only in the containers that carry them; refused before any file is made.
        for (const auto& [codec, name] : {std::pair{"prores", "x.####.png"},
                                          {"dnxhr", "x.mp4"},
                                          {"prores", "x.mxf"},
                                          {"", "x.jpg"},
                                          {"", "x"}}) {
            o.codec = codec;
            auto bad = createWriter(tmp.filePath(name).toStdString(), o);
            QVERIFY2(!bad.ok(), name);
            QVERIFY2(bad.error().message.find(".mov") != std::string::npos, bad.error().toString().c_str());
        }
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files), QStringList{});
        o.codec = "h264";
        auto w = createWriter(tmp.filePath("x.mp4").toStdString(), o);
        QVERIFY(w.ok());
        Image wrong;
        wrong.width = 32;
        wrong.height = 32;
        wrong.data.resize(32 * 32 * 4);
        auto st = (*w)->writeImage(wrong);
        QVERIFY(!st.ok());
        QVERIFY(st.error().message.find("64x36") != std::string::npos);
        QVERIFY((*w)->finish().ok());
    }
};

QTEST_GUILESS_MAIN(MediaWriterTest)
#include "tst_media_writer.moc"
