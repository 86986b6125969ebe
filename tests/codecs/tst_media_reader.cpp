// The reader against FFmpeg itself: every shared movie and PNG/DPX sequence hashes frame by frame
// to FFmpeg's framemd5, sequentially and in a shuffled order; metadata and RGBA conversion.
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <random>

#include <OpenEXR/ImfFrameBuffer.h>
#include <OpenEXR/ImfHeader.h>
#include <OpenEXR/ImfInputFile.h>

#include "MediaTestSupport.h"
#include "rushes/codecs/MediaReader.h"

using namespace rushes::codecs;
using namespace rushes::test;

// Sanitizer builds (CI's asan preset) check memory safety on a part of each clip; the release
// build checks every frame.
#if defined(__SANITIZE_ADDRESS__) || (defined(__has_feature) && __has_feature(address_sanitizer))
constexpr int64_t kSequentialFrames = 40;
constexpr int kRandomFrames = 12;
#else
constexpr int64_t kSequentialFrames = INT64_MAX;
constexpr int kRandomFrames = 40;
#endif

class MediaReaderTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (ffmpegPath().isEmpty()) QSKIP("the ffmpeg binary is needed as the reference");
    }

    void framemd5MatchesFfmpeg_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("ffmpegInput");
        const QStringList movies{"video/flower.mp4", "video/flower.webm", "video/friday.mp4",
                                 "video/PSR63_2012-06-02.mov", "video/Dinky_2015-06-11.m4v",
                                 "movie-masters/friday_3s_prores422hq_pcm24.mov",
                                 "movie-masters/flower_2s_dnxhr_sq.mov",
                                 "movie-masters/flower_10f_960x540_420p.y4m"};
        for (const QString& m : movies) QTest::newRow(qPrintable(m)) << m << QStringList{};
        QTest::newRow("BART png sequence") << QStringLiteral("seq/BART/BART_2021-02-07.%04d.png")
                                           << QStringList{"-start_number", "1"};
        QTest::newRow("flower dpx sequence") << QStringLiteral("seq/flower_dpx10/flower.%04d.dpx")
                                             << QStringList{"-start_number", "1"};
    }
    void framemd5MatchesFfmpeg() {
        QFETCH(QString, path);
        QFETCH(QStringList, ffmpegInput);
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        const QString file = mediaDir() + QLatin1Char('/') + path;
        const QStringList expected = ffmpegFrameMd5(file, ffmpegInput);
        QVERIFY2(!expected.isEmpty(), "ffmpeg produced no framemd5");
        auto reader = openMedia(file.toStdString());
        QVERIFY2(reader.ok(), reader.ok() ? "" : reader.error().toString().c_str());
        MediaReader& r = **reader;
        QCOMPARE(r.info().frameCount, int64_t(expected.size()));
        for (int64_t i = 0; i < std::min<int64_t>(r.info().frameCount, kSequentialFrames); ++i) {
            auto f = r.readFrame(i);
            QVERIFY2(f.ok(), f.ok() ? "" : f.error().toString().c_str());
            QCOMPARE(f->index, i);
            QCOMPARE(md5OfFrame(*f), expected[int(i)]);
        }
        // Shuffled order, on a fresh reader and then on the same one.
        std::vector<int64_t> order(size_t(expected.size()));
        std::iota(order.begin(), order.end(), 0);
        std::mt19937 rng(1234);
        std::shuffle(order.begin(), order.end(), rng);
        // Long-GOP clips cost a decode from the keyframe per backward jump: a sample keeps this quick.
        if (order.size() > size_t(kRandomFrames)) order.resize(size_t(kRandomFrames));
        auto fresh = openMedia(file.toStdString());
        QVERIFY(fresh.ok());
        for (int64_t i : order) {
            auto f = (*fresh)->readFrame(i);
            QVERIFY2(f.ok(), f.ok() ? "" : f.error().toString().c_str());
            QCOMPARE(md5OfFrame(*f), expected[int(i)]);
        }
        // readFrameInto on the first reader, one Frame reused across jumps: the same pixels.
        Frame reused;
        for (size_t k = 0; k < std::min<size_t>(order.size(), 8); ++k) {
            const int64_t i = order[k];
            auto st = r.readFrameInto(i, reused);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().toString().c_str());
            QCOMPARE(reused.index, i);
            QCOMPARE(md5OfFrame(reused), expected[int(i)]);
        }
    }

    void movieInfo() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        auto friday = openMedia((mediaDir() + "/video/friday.mp4").toStdString());
        QVERIFY(friday.ok());
        QCOMPARE((*friday)->info().width, 640);
        QCOMPARE((*friday)->info().height, 480);
        QCOMPARE((*friday)->info().frameCount, int64_t(185));
        QCOMPARE((*friday)->info().frameRate, (Rational{30, 1}));
        QCOMPARE((*friday)->info().audio.size(), size_t(1));
        QCOMPARE((*friday)->info().audio[0].index, 0);  // audio first, video second

        auto dinky = openMedia((mediaDir() + "/video/Dinky_2015-06-11.m4v").toStdString());
        QVERIFY(dinky.ok());
        QCOMPARE((*dinky)->info().frameRate, (Rational{24000, 1001}));
        QCOMPARE((*dinky)->info().pixelFormat, std::string("yuvj420p"));
        QCOMPARE((*dinky)->info().colour.range, std::string("pc"));
        QVERIFY(!(*dinky)->info().variableFrameRate);

        auto prores = openMedia((mediaDir() + "/movie-masters/friday_3s_prores422hq_pcm24.mov").toStdString());
        QVERIFY(prores.ok());
        QCOMPARE((*prores)->info().codec, std::string("prores"));
        QCOMPARE((*prores)->info().bitDepth, 10);
        QCOMPARE((*prores)->info().pixelFormat, std::string("yuv422p10le"));
        auto f = (*prores)->readFrame(45);
        QVERIFY(f.ok());
        QCOMPARE(f->seconds, 1.5);
    }

    // readImage against FFmpeg's own RGBA conversion of the same frame (matrix and range
    // included: a wrong range or matrix moves the mean error far above the tolerance).
    void rgbaMatchesFfmpeg_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("frame");
        QTest::newRow("yuv420p limited, bt601") << "video/flower.mp4" << 40;
        QTest::newRow("yuvj420p full range") << "video/Dinky_2015-06-11.m4v" << 300;
        QTest::newRow("prores 10-bit 422") << "movie-masters/friday_3s_prores422hq_pcm24.mov" << 30;
    }
    void rgbaMatchesFfmpeg() {
        QFETCH(QString, path);
        QFETCH(int, frame);
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        const QString file = mediaDir() + QLatin1Char('/') + path;
        auto reader = openMedia(file.toStdString());
        QVERIFY(reader.ok());
        const MediaInfo& info = (*reader)->info();
        for (ImageFormat fmt : {ImageFormat::RGBA8, ImageFormat::RGBA16, ImageFormat::RGBAHalf}) {
            const bool deep = fmt != ImageFormat::RGBA8;
            QByteArray ref;
            QVERIFY(runFfmpeg({"-i", file, "-map", "0:v:0", "-vf", QStringLiteral("select=eq(n\\,%1)").arg(frame),
                               "-frames:v", "1", "-sws_flags", deep ? "bilinear+accurate_rnd" : "bilinear+full_chroma_int", "-f", "rawvideo",
                               "-pix_fmt", deep ? "rgba64le" : "rgba", "-"},
                              &ref));
            auto img = (*reader)->readImage(frame, fmt);
            QVERIFY2(img.ok(), img.ok() ? "" : img.error().toString().c_str());
            QCOMPARE(img->width, info.width);
            QCOMPARE(img->height, info.height);
            QCOMPARE(img->data.size(), size_t(info.width) * size_t(info.height) * 4 * size_t(img->bytesPerChannel()));
            QCOMPARE(size_t(ref.size()), size_t(info.width) * size_t(info.height) * 4 * (deep ? 2 : 1));
            // Compare on an 8-bit scale.
            double sum = 0;
            const size_t n = size_t(info.width) * size_t(info.height) * 4;
            for (size_t i = 0; i < n; ++i) {
                double ours, theirs;
                if (!deep) {
                    ours = img->data[i];
                    theirs = uint8_t(ref[qsizetype(i)]);
                } else {
                    const uint16_t t = uint16_t(uint8_t(ref[qsizetype(2 * i)]) | (uint8_t(ref[qsizetype(2 * i + 1)]) << 8));
                    theirs = t / 257.0;
                    if (fmt == ImageFormat::RGBA16) {
                        uint16_t o;
                        std::memcpy(&o, &img->data[2 * i], 2);
                        ours = o / 257.0;
                    } else {
                        uint16_t bits;
                        std::memcpy(&bits, &img->data[2 * i], 2);
                        // half to float: sign, exponent, mantissa (values here are 0..1)
                        const int e = (bits >> 10) & 0x1F, m = bits & 0x3FF;
                        const double v = e == 0 ? m / 1024.0 / 16384.0 : (1.0 + m / 1024.0) * std::ldexp(1.0, e - 15);
                        ours = v * 255.0;
                    }
                }
                sum += std::abs(ours - theirs);
            }
            const double mean = sum / double(n);
            QVERIFY2(mean < 1.0, qPrintable(QStringLiteral("mean abs difference %1").arg(mean)));
        }
    }

    // Variable frame rate: irregular timestamps, every frame still reachable by index, with the
    // right time and FFmpeg's pixels, in any order.
    void variableFrameRate() {
        QTemporaryDir tmp;
        const QString vfr = tmp.filePath("vfr.mkv");
        QVERIFY(runFfmpeg({"-f", "lavfi", "-i", "testsrc2=s=160x90:r=24", "-frames:v", "40", "-vf",
                           "setpts='(N+if(gte(N,10),N-10,0)+if(gte(N,25),3,0))/24/TB'", "-fps_mode", "passthrough",
                           "-c:v", "libx264", "-bf", "2", "-g", "12", vfr}));
        const QStringList expected = ffmpegFrameMd5(vfr);
        QCOMPARE(expected.size(), 40);
        auto r = openMedia(vfr.toStdString());
        QVERIFY(r.ok());
        QVERIFY((*r)->info().variableFrameRate);
        QCOMPARE((*r)->info().frameCount, int64_t(40));
        std::vector<int64_t> order(40);
        std::iota(order.begin(), order.end(), 0);
        std::mt19937 rng(5);
        std::shuffle(order.begin(), order.end(), rng);
        for (int64_t i : order) {
            auto f = (*r)->readFrame(i);
            QVERIFY(f.ok());
            QCOMPARE(md5OfFrame(*f), expected[int(i)]);
            // Frame N sits at (N + max(0, N-10) + (N>=25 ? 3 : 0)) / 24 s.
            const double t = double(i + std::max<int64_t>(0, i - 10) + (i >= 25 ? 3 : 0)) / 24.0;
            QVERIFY2(std::abs(f->seconds - t) < 0.002, qPrintable(QStringLiteral("%1: %2 vs %3").arg(i).arg(f->seconds).arg(t)));
        }
    }

    // MPEG-4 Part 2 with B-frames in AVI: packed B-frames leave packets without presentation
    // times. Every frame, in order and shuffled, is FFmpeg's.
    void aviPackedBFrames() {
        QTemporaryDir tmp;
        const QString avi = tmp.filePath("packed.avi");
        QVERIFY(runFfmpeg({"-f", "lavfi", "-i", "testsrc2=s=160x90:r=25", "-frames:v", "30", "-c:v", "mpeg4",
                           "-bf", "2", "-g", "12", avi}));
        const QStringList expected = ffmpegFrameMd5(avi);
        QCOMPARE(expected.size(), 30);
        auto r = openMedia(avi.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE((*r)->info().frameCount, int64_t(30));
        for (int64_t i = 0; i < 30; ++i) {
            auto f = (*r)->readFrame(i);
            QVERIFY2(f.ok(), f.ok() ? "" : f.error().toString().c_str());
            QCOMPARE(md5OfFrame(*f), expected[int(i)]);
        }
        std::vector<int64_t> order(30);
        std::iota(order.begin(), order.end(), 0);
        std::mt19937 rng(7);
        std::shuffle(order.begin(), order.end(), rng);
        for (int64_t i : order) {
            auto f = (*r)->readFrame(i);
            QVERIFY2(f.ok(), f.ok() ? "" : f.error().toString().c_str());
            QCOMPARE(md5OfFrame(*f), expected[int(i)]);
        }
    }

    // Asking for a GPU decoder where there is none falls back to software, says why, and gives
    // the same pixels.
    void hardwareFallback() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        const QString file = mediaDir() + "/video/friday.mp4";
        const QStringList expected = ffmpegFrameMd5(file);
        for (const char* hw : {"cuda", "vaapi", "auto", "nonsense"}) {
            OpenOptions o;
            o.hardware = hw;
            auto r = openMedia(file.toStdString(), o);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
            const std::string note = (*r)->hardwareNote();
            if (note.empty()) continue;  // a real device was found: nothing to fall back from
            QVERIFY2(note.find("software") != std::string::npos, note.c_str());
            if (std::string(hw) == "nonsense") QVERIFY(note.find("unknown") != std::string::npos);
            for (int64_t i : {int64_t(100), int64_t(3), int64_t(184)}) {
                auto f = (*r)->readFrame(i);
                QVERIFY(f.ok());
                QCOMPARE(md5OfFrame(*f), expected[int(i)]);
            }
        }
        OpenOptions none;
        auto plain = openMedia(file.toStdString(), none);
        QVERIFY(plain.ok());
        QVERIFY((*plain)->hardwareNote().empty());
    }

    void timecodeAccess() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        QTemporaryDir tmp;
        const QString mov = tmp.filePath("tc.mov");
        QVERIFY(runFfmpeg({"-i", mediaDir() + "/video/flower.mp4", "-frames:v", "60", "-c:v", "copy", "-an",
                           "-timecode", "01:00:10:00", mov}));
        auto r = openMedia(mov.toStdString());
        QVERIFY(r.ok());
        const MediaInfo& info = (*r)->info();
        QVERIFY(info.hasTimecode);
        QCOMPARE(info.startTimecode.toString(), std::string("01:00:10:00"));  // as written: non-drop
        const int64_t at = indexForTimecode(info, *Timecode::parse("01:00:11:02"));
        QCOMPARE(at, int64_t(32));  // 10:00 + 30 frames + 2
        const QStringList expected = ffmpegFrameMd5(mediaDir() + "/video/flower.mp4");
        auto f = (*r)->readFrame(at);
        QVERIFY(f.ok());
        QCOMPARE(md5OfFrame(*f), expected[32]);
        QCOMPARE(indexForTimecode(info, *Timecode::parse("00:59:00:00")), int64_t(-1));
        // A rate below one frame a second (a fuzzed header's 1/1000) still gives a timecode, not a crash.
        QCOMPARE(Timecode::fromFrames(100, Rational{1, 1000}, false).toString(), std::string("00:01:40:00"));
    }

    void sequenceDetection() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        const QString dir = mediaDir() + "/seq/flower_dpx10/";
        for (const QString& spelling : {dir + "flower.0003.dpx", dir + "flower.####.dpx", dir + "flower.%04d.dpx",
                                        dir + "flower.1-8#.dpx"}) {
            auto r = openMedia(spelling.toStdString());
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
            QCOMPARE((*r)->info().frameCount, int64_t(8));
            QCOMPARE((*r)->info().firstFrame, int64_t(1));
            QCOMPARE((*r)->info().pixelFormat, std::string("gbrp10le"));
            QCOMPARE((*r)->info().bitDepth, 10);
            QVERIFY((*r)->info().missingFrames.empty());
        }
        auto part = openMedia((dir + "flower.3-5#.dpx").toStdString());
        QVERIFY(part.ok());
        QCOMPARE((*part)->info().frameCount, int64_t(3));
        QCOMPARE((*part)->info().firstFrame, int64_t(3));
        auto f = (*part)->readFrame(0);
        QVERIFY(f.ok());
        QCOMPARE(f->number, int64_t(3));
    }

    // Luminance/chroma EXR (Y full size, RY and BY at half), which OpenImageIO and FFmpeg both
    // refuse: read as RGBA half, rebuilt by OpenEXR. The stored luminance is the check: at every
    // pixel the weights of the file's primaries (Rec.709's: 0.2126, 0.7152, 0.0722) applied to the
    // RGB read give back the Y sample, to half precision, and the picture is in colour, not grey.
    void exrLumaChroma() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        const std::string path = (mediaDir() + "/exr/Flowers.exr").toStdString();
        auto r = openMedia(path);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE((*r)->info().width, 784);
        QCOMPARE((*r)->info().height, 734);
        QCOMPARE((*r)->info().colour.transfer, std::string("linear"));
        auto img = (*r)->readImage(0, ImageFormat::RGBAFloat);
        QVERIFY2(img.ok(), img.ok() ? "" : img.error().toString().c_str());
        QCOMPARE(img->width, 784);
        Imf::InputFile file(path.c_str());
        const Imath::Box2i dw = file.header().dataWindow();
        const int w = dw.max.x - dw.min.x + 1, h = dw.max.y - dw.min.y + 1;
        QCOMPARE(w, img->width);
        QCOMPARE(h, img->height);
        std::vector<float> y(size_t(w) * size_t(h));
        Imf::FrameBuffer fb;
        fb.insert("Y", Imf::Slice(Imf::FLOAT,
                                  reinterpret_cast<char*>(y.data() - dw.min.x - ptrdiff_t(dw.min.y) * w),
                                  sizeof(float), sizeof(float) * size_t(w)));
        file.setFrameBuffer(fb);
        file.readPixels(dw.min.y, dw.max.y);
        const float* rgba = reinterpret_cast<const float*>(img->data.data());
        double worst = 0, chroma = 0;
        for (size_t i = 0; i < y.size(); ++i) {
            const float* p = rgba + i * 4;
            const double lum = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
            worst = std::max(worst, std::abs(lum - double(y[i])) / std::max(0.01, double(y[i])));
            chroma += std::abs(double(p[0]) - double(p[2]));
        }
        chroma /= double(y.size());
        qInfo("luminance of the RGB read against the stored Y: worst %.5f relative; mean |R - B| %.3f", worst,
              chroma);
        QVERIFY2(worst < 0.003, qPrintable(QString::number(worst)));
        QVERIFY2(chroma > 0.05, qPrintable(QString::number(chroma)));
    }

    void exrRead() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        auto r = openMedia((mediaDir() + "/exr/Beachball/singlepart.0001.exr").toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        const MediaInfo& info = (*r)->info();
        QCOMPARE(info.frameCount, int64_t(8));
        QCOMPARE(info.pixelFormat, std::string("rgbaf16le"));
        QCOMPARE(info.displayWindow, (Rect{0, 0, 2048, 1556}));
        QCOMPARE(info.dataWindow, (Rect{654, 245, 911, 876}));
        QCOMPARE(info.views.size(), size_t(2));
        auto f = (*r)->readFrame(0);
        QVERIFY(f.ok());
        QCOMPARE(f->planes.size(), size_t(1));
        QCOMPARE(f->planes[0].data.size(), size_t(911) * 876 * 4 * 2);
        auto img = (*r)->readImage(4, ImageFormat::RGBAFloat);
        QVERIFY(img.ok());
        QCOMPARE(img->width, 916);
        QCOMPARE(img->height, 890);
        // The data window moves from frame to frame (oiiotool --info: frame 5 at 1073,319).
        QCOMPARE(f->dataWindow, (Rect{654, 245, 911, 876}));
        QCOMPARE(img->dataWindow, (Rect{1073, 319, 916, 890}));
        auto f5 = (*r)->readFrame(4);
        QVERIFY(f5.ok());
        QCOMPARE(f5->dataWindow, (Rect{1073, 319, 916, 890}));
        auto converted = convertFrame(*f5, info, ImageFormat::RGBAHalf);
        QVERIFY(converted.ok());
        QCOMPARE(converted->dataWindow, (Rect{1073, 319, 916, 890}));
        // Reused buffers follow the data window as it grows and shrinks between frames.
        auto f4 = (*r)->readFrame(4);
        QVERIFY(f4.ok());
        Frame reused;
        Image reusedImg;
        for (int64_t i : {int64_t(0), int64_t(4), int64_t(0)}) {
            QVERIFY((*r)->readFrameInto(i, reused).ok());
            QCOMPARE(reused.index, i);
            QCOMPARE(md5OfFrame(reused), md5OfFrame(i == 0 ? *f : *f4));
            QVERIFY((*r)->readImageInto(i, ImageFormat::RGBAFloat, reusedImg).ok());
            QCOMPARE(reusedImg.width, i == 0 ? 911 : 916);
            QCOMPARE(reusedImg.data.size(), size_t(reusedImg.width) * size_t(reusedImg.height) * 16);
        }
        QCOMPARE(reusedImg.data, (*r)->readImage(0, ImageFormat::RGBAFloat)->data);
        // The same view twice reads the same pixels; another view reads others.
        OpenOptions left;
        left.view = "left";
        auto l = openMedia((mediaDir() + "/exr/Beachball/singlepart.0001.exr").toStdString(), left);
        QVERIFY(l.ok());
        auto lf = (*l)->readFrame(0);
        QVERIFY(lf.ok());
        QVERIFY(lf->planes[0].data != f->planes[0].data);
    }
};

QTEST_GUILESS_MAIN(MediaReaderTest)
#include "tst_media_reader.moc"
