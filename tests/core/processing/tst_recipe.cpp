// Recipes: versioned JSON round trip, clear errors for bad settings, and the same output bytes
// for the same recipe, input and backend - in memory and end to end through processClip.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

#include <opencv2/imgcodecs.hpp>

#include "ProcessingTestSupport.h"
#include "processing/ImageBridge.h"
#include "processing/Pipeline.h"
#include "processing/Recipe.h"
#include "processing/Retime.h"
#include "processing/internal/Kernels.h"
#include "rushes/codecs/MediaReader.h"

using namespace rushes;
using namespace rushes::processing;

namespace {

QByteArray hashDir(const QString& dir) {
    QCryptographicHash h(QCryptographicHash::Md5);
    for (const QString& name : QDir(dir).entryList(QDir::Files, QDir::Name)) {
        QFile f(QDir(dir).filePath(name));
        if (f.open(QIODevice::ReadOnly)) {
            h.addData(name.toUtf8());
            h.addData(f.readAll());
        }
    }
    return h.result().toHex();
}

}  // namespace

class RecipeTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A small PNG sequence made by FFmpeg's lavfi source.
    QString makeSequence(const QString& name, int frames,
                         const QString& pixelFormat = QStringLiteral("rgb24"),
                         const QString& extension = QStringLiteral("png")) {
        QDir().mkpath(m_dir.filePath(name));
        const QString pattern = m_dir.filePath(name + QStringLiteral("/src.%04d.") + extension);
        QProcess p;
        p.start(QStringLiteral("ffmpeg"),
                {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-nostdin"),
                 QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                 QStringLiteral("testsrc2=size=160x96:rate=24"), QStringLiteral("-frames:v"),
                 QString::number(frames), QStringLiteral("-pix_fmt"), pixelFormat,
                 QStringLiteral("-start_number"), QStringLiteral("1"), pattern});
        p.waitForFinished(60000);
        return p.exitCode() == 0 ? pattern : QString();
    }

private slots:
    void roundTrip() {
        Recipe r;
        Operation d;
        d.kind = Operation::Kind::Denoise;
        d.sigma = 7.5;
        Operation t;
        t.kind = Operation::Kind::Retime;
        t.fps = 48;
        r.operations = {d, t};
        const std::string json = r.toJson();
        QVERIFY(json.find("\"version\": 1") != std::string::npos);
        auto back = Recipe::fromJson(json);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->operations.size(), size_t(2));
        QCOMPARE(back->operations[0].sigma, 7.5);
        QCOMPARE(back->operations[1].fps, 48.0);
        QCOMPARE(back->toJson(), json);  // stable bytes
        const QString path = m_dir.filePath(QStringLiteral("r.json"));
        QVERIFY(r.save(path.toStdString()).ok());
        QCOMPARE(Recipe::load(path.toStdString())->toJson(), json);
    }

    void badSettingsAreClearErrors_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        const QString head = QStringLiteral("{\"format\":\"rushes-recipe\",\"version\":1,\"operations\":[");
        QTest::newRow("factor 0") << head + QStringLiteral("{\"op\":\"retime\",\"factor\":0}]}") << QStringLiteral("factor must not be 0");
        QTest::newRow("negative factor") << head + QStringLiteral("{\"op\":\"retime\",\"factor\":-2}]}") << QStringLiteral("factor must be in");
        QTest::newRow("negative sigma") << head + QStringLiteral("{\"op\":\"denoise\",\"sigma\":-3}]}") << QStringLiteral("sigma must be");
        QTest::newRow("phase 1") << head + QStringLiteral("{\"op\":\"retime\",\"phase\":1}]}") << QStringLiteral("phase must be strictly");
        QTest::newRow("two rates") << head + QStringLiteral("{\"op\":\"retime\",\"fps\":48,\"factor\":2}]}") << QStringLiteral("exactly one");
        QTest::newRow("unknown op") << head + QStringLiteral("{\"op\":\"sharpen\"}]}") << QStringLiteral("unknown operation 'sharpen'");
        QTest::newRow("misspelt key")
            << head + QStringLiteral("{\"op\":\"denoise\",\"sgima\":4}]}")
            << QStringLiteral("operation 1: unknown key 'sgima' (a denoise takes sigma, radius, strength)");
        QTest::newRow("fps below 1") << head + QStringLiteral("{\"op\":\"retime\",\"fps\":0.5}]}")
                                     << QStringLiteral("fps must be in [1, 1000], got 0.5");
        QTest::newRow("huge factor") << head + QStringLiteral("{\"op\":\"retime\",\"factor\":1e300}]}")
                                     << QStringLiteral("got 1e+300");
        QTest::newRow("not json") << QStringLiteral("{\"format\": ") << QStringLiteral("not valid JSON");
        QTest::newRow("newer version") << QStringLiteral("{\"format\":\"rushes-recipe\",\"version\":9,\"operations\":[]}") << QStringLiteral("newer");
        QTest::newRow("not a recipe") << QStringLiteral("{\"operations\":[]}") << QStringLiteral("not a Rushes recipe");
    }
    void badSettingsAreClearErrors() {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        auto r = Recipe::fromJson(json.toStdString(), "shot.json");
        QVERIFY(!r.ok());
        const QString msg = QString::fromStdString(r.error().toString());
        QVERIFY2(msg.contains(expected) && msg.startsWith(QStringLiteral("shot.json: ")), qPrintable(msg));
    }

    void unreadableRecipeNamesTheFile() {
        auto r = Recipe::load("/nonexistent/dir/recipe.json");
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error().path), QStringLiteral("/nonexistent/dir/recipe.json"));
    }

    // What cannot be a recipe is refused with its cause, without reading it (a FIFO would block, a
    // huge file fill memory); a failed save keeps the earlier recipe; names are bytes.
    void recipeFilesAreCheckedAndSavedWhole() {
        const std::string dir = m_dir.path().toStdString();
        auto folder = Recipe::load(dir);
        QVERIFY(!folder.ok());
        QVERIFY2(folder.error().message == "cannot read recipe (it is a folder)",
                 folder.error().message.c_str());
        auto missing = Recipe::load(dir + "/none.json");
        QVERIFY2(!missing.ok() && missing.error().message == "cannot read recipe (no such file)",
                 missing.ok() ? "" : missing.error().message.c_str());
        {
            QFile big(m_dir.filePath(QStringLiteral("big.json")));
            QVERIFY(big.open(QIODevice::WriteOnly));
            QVERIFY(big.resize(qint64(2) << 20));  // 2 MiB of zero bytes
        }
        auto huge = Recipe::load(dir + "/big.json");
        QVERIFY(!huge.ok());
        QVERIFY2(huge.error().message.find("more than the 1048576") != std::string::npos,
                 huge.error().message.c_str());
#ifndef Q_OS_WIN
        const std::string fifo = dir + "/pipe.json";
        QVERIFY(QProcess::execute(QStringLiteral("mkfifo"), {QString::fromStdString(fifo)}) == 0);
        auto piped = Recipe::load(fifo);
        QVERIFY(!piped.ok());
        QVERIFY2(piped.error().message.find("not a regular file") != std::string::npos,
                 piped.error().message.c_str());
        // A name that is not UTF-8 (Latin-1 "caf\xe9"): saved and loaded by its bytes.
        const std::string latin1 = dir + "/caf\xe9.json";
        Recipe r;
        Operation d;
        d.kind = Operation::Kind::Denoise;
        d.sigma = 4;
        r.operations = {d};
        QVERIFY(r.save(latin1).ok());
        auto back = Recipe::load(latin1);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->toJson(), r.toJson());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("caf\u00e9.json"))));  // not re-encoded
        QVERIFY(std::filesystem::remove(latin1));  // QTemporaryDir cannot name it to remove it
#endif
        // Saving into a folder that is not there fails and leaves nothing; over a recipe, replaces it.
        Recipe two;
        Operation t;
        t.kind = Operation::Kind::Retime;
        t.factor = 2;
        two.operations = {t};
        QVERIFY(!two.save(dir + "/no/such/folder/r.json").ok());
        const std::string keep = dir + "/keep.json";
        QVERIFY(two.save(keep).ok());
        QVERIFY(!QFile::exists(QString::fromStdString(keep + ".part")));
        QCOMPARE(Recipe::load(keep)->toJson(), two.toJson());
        QVERIFY(!two.save(dir).ok());  // a folder's name: refused, the folder untouched
        QVERIFY(QFileInfo(m_dir.path()).isDir());
    }

    void sameBytesInMemory() {
        const cv::Size size(160, 96);
        const cv::Mat tex = test::texture(size, 16, 21);
        const std::vector<cv::Mat> frames = test::noisyPan(tex, size, 16, 5, 2, 1, 6, 2);
        auto recipe = Recipe::fromJson(R"({"format":"rushes-recipe","version":1,"operations":[
            {"op":"denoise","sigma":"auto"},{"op":"retime","factor":2.5}]})");
        QVERIFY(recipe.ok());
        QByteArray digest[2];
        for (int run = 0; run < 2; ++run) {
            auto chain = applyRecipe(memorySource(frames, 24), recipe.value(), Backend::Cpu);
            QVERIFY(chain.ok());
            QCOMPARE(chain.value()->count(), int64_t(11));  // (5 - 1) * 2.5 + 1
            QCOMPARE(chain.value()->rate(), 60.0);
            QCryptographicHash h(QCryptographicHash::Md5);
            for (int64_t j = 0; j < chain.value()->count(); ++j) {
                auto f = chain.value()->frame(j);
                QVERIFY(f.ok());
                const codecs::Image im = fromWorkingRgb(f.value(), codecs::ImageFormat::RGBA8);
                h.addData(QByteArrayView(reinterpret_cast<const char*>(im.data.data()), qsizetype(im.data.size())));
            }
            digest[run] = h.result();
        }
        QCOMPARE(digest[0], digest[1]);
    }

    void sameBytesEndToEndAndCancelLeavesNoPartialFrame() {
        if (!test::haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString src = makeSequence(QStringLiteral("seq"), 6);
        QVERIFY(!src.isEmpty());
        auto recipe = Recipe::fromJson(R"({"format":"rushes-recipe","version":1,"operations":[
            {"op":"denoise","sigma":4},{"op":"retime","factor":2}]})");
        QVERIFY(recipe.ok());
        QByteArray digest[2];
        for (int run = 0; run < 2; ++run) {
            const QString outDir = m_dir.filePath(QStringLiteral("out%1").arg(run));
            QDir().mkpath(outDir);
            ProcessOptions o;
            o.input = src.toStdString();
            o.output = (outDir + QStringLiteral("/r.%04d.png")).toStdString();
            o.recipe = recipe.value();
            o.backend = Backend::Cpu;
            int64_t lastDone = 0;
            auto r = processClip(o, [&](int64_t done, int64_t) { lastDone = done; });
            if (!r.ok() && r.error().message.find("no such") != std::string::npos) QSKIP("codecs layer cannot read PNG sequences yet");
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
            QCOMPARE(r->framesIn, int64_t(6));
            QCOMPARE(r->framesOut, int64_t(11));
            QCOMPARE(lastDone, int64_t(11));
            QCOMPARE(r->backend, Backend::Cpu);
            QCOMPARE(QDir(outDir).entryList(QDir::Files).size(), 11);
            digest[run] = hashDir(outDir);
        }
        QCOMPARE(digest[0], digest[1]);

        // Cancel after the third frame: exactly three complete frames, no temporary file left.
        const QString cancelDir = m_dir.filePath(QStringLiteral("cancel"));
        QDir().mkpath(cancelDir);
        ProcessOptions o;
        o.input = src.toStdString();
        o.output = (cancelDir + QStringLiteral("/c.####.png")).toStdString();
        o.recipe = recipe.value();
        o.backend = Backend::Cpu;
        std::atomic<bool> stop{false};
        auto r = processClip(o, [&](int64_t done, int64_t) { if (done == 3) stop = true; }, &stop);
        QVERIFY(r.ok());
        QVERIFY(r->cancelled);
        QCOMPARE(r->framesOut, int64_t(3));
        QCOMPARE(QDir(cancelDir).entryList(QDir::Files), QStringList({"c.0001.png", "c.0002.png", "c.0003.png"}));
    }

    // The reader's frames at their own depth (what the device pipelines are handed): the image's RGB
    // unchanged at 8-bit, 16-bit and half, and back to the same image bytes (opaque alpha).
    void nativeRgbKeepsTheDepth_data() {
        QTest::addColumn<int>("format");
        QTest::newRow("8-bit") << int(codecs::ImageFormat::RGBA8);
        QTest::newRow("16-bit") << int(codecs::ImageFormat::RGBA16);
        QTest::newRow("half") << int(codecs::ImageFormat::RGBAHalf);
    }
    void nativeRgbKeepsTheDepth() {
        QFETCH(int, format);
        const auto f = codecs::ImageFormat(format);
        const int depth = f == codecs::ImageFormat::RGBA8    ? CV_8U
                          : f == codecs::ImageFormat::RGBA16 ? CV_16U
                                                             : CV_16F;
        // A gradient with opaque alpha, at the format's own depth.
        cv::Mat unit(37, 53, CV_32FC4);
        for (int y = 0; y < unit.rows; ++y)
            for (int x = 0; x < unit.cols; ++x)
                unit.at<cv::Vec4f>(y, x) =
                    cv::Vec4f(float(x) / 52.0f, float(y) / 36.0f, float(x + y) / 88.0f, 1.0f);
        codecs::Image image;
        image.format = f;
        image.width = unit.cols;
        image.height = unit.rows;
        image.data.resize(image.rowBytes() * size_t(image.height));
        cv::Mat wrapped(image.height, image.width, CV_MAKETYPE(depth, 4), image.data.data(),
                        image.rowBytes());
        unit.convertTo(wrapped, CV_MAKETYPE(depth, 4),
                       depth == CV_8U    ? 255.0
                       : depth == CV_16U ? 65535.0
                                         : 1.0);
        const cv::Mat rgb = nativeRgb(image);
        QCOMPARE(rgb.type(), CV_MAKETYPE(depth, 3));
        cv::Mat parts[4];
        cv::split(wrapped, parts);
        cv::Mat rgbParts[3];
        cv::split(rgb, rgbParts);
        for (int c = 0; c < 3; ++c) {
            cv::Mat a, b;
            parts[c].convertTo(a, CV_32F);
            rgbParts[c].convertTo(b, CV_32F);
            QCOMPARE(cv::norm(a, b, cv::NORM_INF), 0.0);
        }
        // The working frame is the one toWorkingRgb makes, and the image comes back unchanged.
        QCOMPARE(cv::norm(internal::toWorking(rgb), toWorkingRgb(image), cv::NORM_INF), 0.0);
        const codecs::Image back = fromWorkingRgb(rgb, f);
        QVERIFY(back.data == image.data);
        const cv::Mat alpha = alphaOf(image);  // opaque: 255 on the working scale
        QCOMPARE(alpha.type(), CV_32F);
        QCOMPARE(cv::norm(alpha - 255.0, cv::NORM_INF), 0.0);
    }

    // Half and float frames (EXR) with NaN and infinite pixels: they enter the processing core as 0 and
    // as the largest half-float value of their sign, at the native depth and on the working scale, so that
    // a retime of them has no non-finite pixel (before, each spread to about 30 of them through the warp).
    void nonFiniteValuesComeInFinite_data() {
        QTest::addColumn<int>("format");
        QTest::newRow("half") << int(codecs::ImageFormat::RGBAHalf);
        QTest::newRow("float") << int(codecs::ImageFormat::RGBAFloat);
    }
    void nonFiniteValuesComeInFinite() {
        QFETCH(int, format);
        const auto f = codecs::ImageFormat(format);
        const int depth = f == codecs::ImageFormat::RGBAHalf ? CV_16F : CV_32F;
        auto image = [&](int shift) {
            cv::Mat unit(48, 60, CV_32FC4);
            cv::randu(unit, 0.0, 1.0);
            cv::GaussianBlur(unit, unit, cv::Size(0, 0), 1.5);
            if (shift) {
                cv::Mat moved;
                cv::copyMakeBorder(unit, moved, 0, 0, shift, 0, cv::BORDER_REFLECT);
                unit = moved(cv::Rect(0, 0, 60, 48)).clone();
            }
            for (int y = 0; y < unit.rows; y += 4) {
                unit.at<cv::Vec4f>(y, (7 * y + 3) % unit.cols) = cv::Vec4f(NAN, 0.5f, 0.5f, NAN);
                unit.at<cv::Vec4f>(y + 1, (5 * y + 11) % unit.cols) =
                    cv::Vec4f(INFINITY, -INFINITY, 0.5f, 1.0f);
            }
            codecs::Image im;
            im.format = f;
            im.width = unit.cols;
            im.height = unit.rows;
            im.data.resize(im.rowBytes() * size_t(im.height));
            cv::Mat wrapped(im.height, im.width, CV_MAKETYPE(depth, 4), im.data.data(), im.rowBytes());
            unit.convertTo(wrapped, CV_MAKETYPE(depth, 4));
            return im;
        };
        const codecs::Image a = image(0), b = image(2);
        cv::Mat native;
        nativeRgb(a).convertTo(native, CV_32F);
        QVERIFY(cv::checkRange(native));
        QCOMPARE(native.at<cv::Vec3f>(0, 3)[0], 0.0f);        // NaN
        QCOMPARE(native.at<cv::Vec3f>(1, 11)[0], 65504.0f);   // +infinity
        QCOMPARE(native.at<cv::Vec3f>(1, 11)[1], -65504.0f);  // -infinity
        const cv::Mat working = toWorkingRgb(a);
        QVERIFY(cv::checkRange(working));
        QCOMPARE(working.at<cv::Vec3f>(0, 3)[0], 0.0f);
        QCOMPARE(working.at<cv::Vec3f>(1, 11)[0], 65504.0f * 255.0f);
        QCOMPARE(working.at<cv::Vec3f>(1, 11)[2], 0.5f * 255.0f);  // finite values as they were
        const cv::Mat alpha = alphaOf(a);
        QVERIFY(cv::checkRange(alpha));
        QCOMPARE(alpha.at<float>(0, 3), 0.0f);
        FrameInterpolator interp;
        QVERIFY(interp.setPair(toWorkingRgb(a), toWorkingRgb(b)).ok());
        QVERIFY(cv::checkRange(interp.at(0.5)));
        QVERIFY(interp.setPair(nativeRgb(a), nativeRgb(b)).ok());
        QVERIFY(cv::checkRange(interp.at(0.5)));
    }

    // On the OpenCL backend the frames go to the device at their own depth (8-bit, 16-bit) and come
    // back rounded there; the output agrees with the CPU backend's (other flows: within the backends'
    // stated tolerances), at the source's depth, and is the same bytes run after run.
    void openclPipelineAgreesWithCpu_data() {
        QTest::addColumn<QString>("pixelFormat");
        QTest::addColumn<QString>("extension");
        QTest::addColumn<int>("depth");  // of the PNG written
        QTest::newRow("8-bit") << QStringLiteral("rgb24") << QStringLiteral("png") << CV_8U;
        QTest::newRow("16-bit") << QStringLiteral("rgb48be") << QStringLiteral("png") << CV_16U;
        QTest::newRow("half (EXR)") << QStringLiteral("gbrpf32le") << QStringLiteral("exr") << CV_16U;
    }
    void openclPipelineAgreesWithCpu() {
        QFETCH(QString, pixelFormat);
        QFETCH(QString, extension);
        QFETCH(int, depth);
        if (!test::haveFfmpeg()) QSKIP("ffmpeg binary not found");
        if (resolveBackend(Backend::OpenCL) != Backend::OpenCL)
            QSKIP("no OpenCL device (install pocl-opencl-icd)");
        const QString src = makeSequence(QStringLiteral("dev") + pixelFormat, 5, pixelFormat, extension);
        QVERIFY(!src.isEmpty());
        auto recipe = Recipe::fromJson(R"({"format":"rushes-recipe","version":1,"operations":[
            {"op":"denoise","sigma":4},{"op":"retime","factor":2}]})");
        QVERIFY(recipe.ok());
        QStringList dirs;
        const Backend backends[] = {Backend::Cpu, Backend::OpenCL, Backend::OpenCL};
        for (int run = 0; run < 3; ++run) {
            dirs << m_dir.filePath(QStringLiteral("dev%1%2").arg(pixelFormat).arg(run));
            QDir().mkpath(dirs.back());
            ProcessOptions o;
            o.input = src.toStdString();
            o.output = (dirs.back() + QStringLiteral("/r.%04d.png")).toStdString();
            o.recipe = recipe.value();
            o.backend = backends[run];
            auto r = processClip(o);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
            QCOMPARE(r->backend, backends[run]);
            QCOMPARE(r->framesOut, int64_t(9));
        }
        QCOMPARE(hashDir(dirs[1]), hashDir(dirs[2]));
        // The source frames (every other output: denoised only) and the in-betweens apart: the in-betweens
        // carry the two backends' flows as well, whose DIS differ (scan-order propagation on the CPU,
        // parallel sweeps on the device) and which the refinement (4 x 3 SOR sweeps) draws together only
        // in part. Measured: sources 43.8-45.0 dB, in-betweens 40.0-44.6 (8-bit); 16-bit 41.4 at worst.
        double worst[2] = {1e9, 1e9};
        int index = 0;
        for (const QString& name : QDir(dirs[0]).entryList(QDir::Files, QDir::Name)) {
            const cv::Mat c =
                cv::imread((dirs[0] + QLatin1Char('/') + name).toStdString(), cv::IMREAD_UNCHANGED);
            const cv::Mat g =
                cv::imread((dirs[1] + QLatin1Char('/') + name).toStdString(), cv::IMREAD_UNCHANGED);
            QCOMPARE(c.depth(), depth);
            QCOMPARE(g.depth(), depth);
            QCOMPARE(g.size(), c.size());
            cv::Mat cf, gf;  // on the 8-bit scale
            c.convertTo(cf, CV_32F, depth == CV_16U ? 1.0 / 257.0 : 1.0);
            g.convertTo(gf, CV_32F, depth == CV_16U ? 1.0 / 257.0 : 1.0);
            double& w = worst[index++ % 2];
            w = std::min(w, test::psnr(cf, gf));
        }
        qInfo("%s: OpenCL against CPU, worst source frame %.2f dB, worst in-between %.2f dB",
              qPrintable(pixelFormat), worst[0], worst[1]);
        QVERIFY(worst[0] > 42.0);
        QVERIFY(worst[1] > 38.0);
    }

    // An EXR sequence whose data window moves and changes size from frame to frame (a CG render's
    // bounding box, with alpha): every output frame covers the display window, each source pixel
    // lands at its place there, zero around it, and the in-betweens follow the motion instead of
    // repeating a frame - their alpha too, which is kept, not made opaque.
    void movingDataWindowsLineUp_data() { test::backendRows(); }
    void movingDataWindowsLineUp() {
        QFETCH(int, backend);
        const QString src = test::mediaFile("exr/Beachball/singlepart.0001.exr");
        if (!QFileInfo::exists(src)) QSKIP("../shared/media/exr/Beachball absent");
        if (test::backendMissing(Backend(backend))) QSKIP("no OpenCL device (install pocl-opencl-icd)");
        auto in = codecs::openMedia(src.toStdString());
        QVERIFY(in.ok());
        const codecs::Rect disp = in.value()->info().displayWindow;
        std::vector<codecs::Image> source;
        for (int i = 0; i < 2; ++i) {
            auto im = in.value()->readImage(i, codecs::ImageFormat::RGBAHalf);
            QVERIFY(im.ok());
            source.push_back(im.value());
        }
        QVERIFY(!(source[0].dataWindow == source[1].dataWindow));  // the premise: the window moves
        const QString dir = m_dir.filePath(QStringLiteral("dw%1").arg(backend));
        QDir().mkpath(dir);
        ProcessOptions o;
        o.input = src.toStdString();
        o.output = (dir + QStringLiteral("/r.%04d.exr")).toStdString();
        Operation retime;
        retime.kind = Operation::Kind::Retime;
        retime.factor = 2;
        o.recipe.operations.push_back(retime);
        o.backend = Backend(backend);
        o.firstFrame = 0;
        o.lastFrame = 1;
        auto r = processClip(o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE(r->framesOut, int64_t(3));
        auto out = codecs::openMedia((dir + QStringLiteral("/r.0001.exr")).toStdString());
        QVERIFY(out.ok());
        QCOMPARE(out.value()->info().frameCount, int64_t(3));
        std::vector<cv::Mat> made, madeAlpha;  // RGB and alpha of each output frame, on the display window
        for (int j = 0; j < 3; ++j) {
            auto im = out.value()->readImage(j, codecs::ImageFormat::RGBAHalf);
            QVERIFY(im.ok());
            QCOMPARE(im->dataWindow, disp);
            QCOMPARE(im->width, disp.width);
            QCOMPARE(im->height, disp.height);
            made.push_back(toWorkingRgb(im.value()));
            madeAlpha.push_back(alphaOf(im.value()));
        }
        // Output frames 0 and 2 are the sources, each at its data window's place, zero elsewhere.
        for (int i = 0; i < 2; ++i) {
            const codecs::Rect& w = source[size_t(i)].dataWindow;
            const cv::Mat placed = made[size_t(2 * i)];
            const cv::Rect roi(w.x - disp.x, w.y - disp.y, w.width, w.height);
            QCOMPARE(cv::norm(placed(roi), toWorkingRgb(source[size_t(i)]), cv::NORM_INF), 0.0);
            cv::Mat outside = placed.clone();
            outside(roi).setTo(cv::Scalar::all(0));
            QCOMPARE(cv::norm(outside, cv::NORM_INF), 0.0);
            const cv::Mat alpha = madeAlpha[size_t(2 * i)];
            QCOMPARE(cv::norm(alpha(roi), alphaOf(source[size_t(i)]), cv::NORM_INF), 0.0);
            cv::Mat alphaOutside = alpha.clone();
            alphaOutside(roi).setTo(0);
            QCOMPARE(cv::norm(alphaOutside, cv::NORM_INF), 0.0);  // transparent around the data window
        }
        // The in-between's alpha: within 0..1, transparent somewhere, the ball's coverage between the
        // sources' and its matte moved along with the RGB, not either source's matte repeated.
        double lo, hi;
        cv::minMaxLoc(madeAlpha[1], &lo, &hi);
        QVERIFY(lo >= 0.0 && hi <= 255.0 && lo == 0.0 && hi > 250.0);
        const double cover0 = cv::mean(madeAlpha[0])[0], cover1 = cv::mean(madeAlpha[1])[0],
                     cover2 = cv::mean(madeAlpha[2])[0];
        qInfo("alpha coverage %.3f, %.3f, %.3f (of 255)", cover0, cover1, cover2);
        QVERIFY(cover1 > 0.9 * std::min(cover0, cover2) && cover1 < 1.1 * std::max(cover0, cover2));
        const double alphaToA = test::psnr(madeAlpha[1], madeAlpha[0]),
                     alphaToB = test::psnr(madeAlpha[1], madeAlpha[2]);
        const double alphaApart = test::psnr(madeAlpha[0], madeAlpha[2]);
        qInfo("in-between alpha against frame 0: %.2f dB, frame 1: %.2f dB; the sources' %.2f dB apart",
              alphaToA, alphaToB, alphaApart);
        QVERIFY(alphaToA < 80 && alphaToB < 80);
        QVERIFY(alphaToA > alphaApart + 1.0 && alphaToB > alphaApart + 1.0);
        // The in-between: neither source repeated, and nearer to each source than they are to each other.
        const double toA = test::psnr(made[1], made[0]), toB = test::psnr(made[1], made[2]);
        const double apart = test::psnr(made[0], made[2]);
        qInfo("in-between against frame 0: %.2f dB, against frame 1: %.2f dB; the sources %.2f dB apart", toA,
              toB, apart);
        QVERIFY(toA < 80 && toB < 80);  // cv::PSNR gives 361 for equal frames
        QVERIFY(toA > apart + 1.0 && toB > apart + 1.0);
        activateBackend(Backend::Cpu);
    }

    // A movie's sound and timecode travel through a pass that keeps the clip's duration, cut to the
    // frame range: the same samples as the source's from the first frame's time, and the first
    // frame's timecode (at a new rate, the same start time counted in its frames).
    void soundAndTimecodeTravel_data() {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("timecode");  // of the output's first frame
        QTest::addColumn<int>("frames");
        QTest::addColumn<double>("fps");  // retime to this rate instead of 2x
        QTest::newRow("denoise") << QStringLiteral("denoise") << QStringLiteral("01:00:00:02") << 6 << 0.0;
        QTest::newRow("retime 2x") << QStringLiteral("retime") << QStringLiteral("01:00:00:04") << 11 << 0.0;
        // 62.5 fps counts 63 a second in timecode: frame 2 of 24 becomes frame 5.
        QTest::newRow("retime to 62.5")
            << QStringLiteral("retime") << QStringLiteral("01:00:00:05") << 14 << 62.5;
    }
    void soundAndTimecodeTravel() {
        QFETCH(QString, op);
        QFETCH(QString, timecode);
        QFETCH(int, frames);
        QFETCH(double, fps);
        if (!test::haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString src = m_dir.filePath(QStringLiteral("sound-src.mov"));
        if (!QFileInfo::exists(src)) {
            QProcess p;
            p.start(QStringLiteral("ffmpeg"), {QStringLiteral("-v"),
                                               QStringLiteral("error"),
                                               QStringLiteral("-nostdin"),
                                               QStringLiteral("-y"),
                                               QStringLiteral("-f"),
                                               QStringLiteral("lavfi"),
                                               QStringLiteral("-i"),
                                               QStringLiteral("testsrc2=size=160x96:rate=24"),
                                               QStringLiteral("-f"),
                                               QStringLiteral("lavfi"),
                                               QStringLiteral("-i"),
                                               QStringLiteral("sine=frequency=440:sample_rate=48000"),
                                               QStringLiteral("-frames:v"),
                                               QStringLiteral("12"),
                                               QStringLiteral("-t"),
                                               QStringLiteral("0.5"),
                                               QStringLiteral("-c:v"),
                                               QStringLiteral("prores_ks"),
                                               QStringLiteral("-c:a"),
                                               QStringLiteral("pcm_s24le"),
                                               QStringLiteral("-timecode"),
                                               QStringLiteral("01:00:00:00"),
                                               src});
            p.waitForFinished(60000);
            QCOMPARE(p.exitCode(), 0);
        }
        const QString dst = m_dir.filePath(QStringLiteral("sound-%1.mov").arg(op));
        ProcessOptions o;
        o.input = src.toStdString();
        o.output = dst.toStdString();
        Operation operation;
        operation.kind = op == QLatin1String("denoise") ? Operation::Kind::Denoise : Operation::Kind::Retime;
        operation.sigma = 2;
        operation.factor = fps > 0 ? 0 : 2;
        operation.fps = fps;
        o.recipe.operations.push_back(operation);
        o.firstFrame = 2;
        o.lastFrame = 7;
        auto r = processClip(o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE(r->framesOut, int64_t(frames));
        auto in = codecs::openMedia(src.toStdString());
        auto out = codecs::openMedia(dst.toStdString());
        QVERIFY(in.ok() && out.ok());
        const codecs::MediaInfo& info = out.value()->info();
        QCOMPARE(info.frameCount, int64_t(frames));
        QVERIFY(info.hasTimecode);
        QCOMPARE(QString::fromStdString(info.startTimecode.toString()), timecode);
        QCOMPARE(int(info.audio.size()), 1);
        QCOMPARE(info.audio[0].sampleRate, 48000);
        // The output's sound is the source's from frame 2 (4000 samples in at 24 fps), for the output's
        // duration.
        const int64_t count = int64_t(std::llround(double(frames) * 48000.0 / info.frameRate.toDouble()));
        auto got = out.value()->readAudio(0, 0, count, 48000);
        auto want = in.value()->readAudio(0, 4000, count, 48000);
        QVERIFY(got.ok() && want.ok());
        QCOMPARE(got->samples.size(), want->samples.size());
        double worst = 0, energy = 0;
        for (size_t i = 0; i < got->samples.size(); ++i) {
            worst = std::max(worst, double(std::abs(got->samples[i] - want->samples[i])));
            energy += double(want->samples[i]) * double(want->samples[i]);
        }
        qInfo("%lld samples, largest difference %g", static_cast<long long>(count), worst);
        QVERIFY(energy > 1.0);  // a real tone, not silence
        QVERIFY(worst < 1e-6);  // 24-bit PCM in and out: the same samples
    }

    void frameRangeOutsideClipIsAnError() {
        if (!test::haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString src = makeSequence(QStringLiteral("range"), 3);
        ProcessOptions o;
        o.input = src.toStdString();
        o.output = m_dir.filePath(QStringLiteral("x.%04d.png")).toStdString();
        o.firstFrame = 2;
        o.lastFrame = 10;
        auto r = processClip(o);
        QVERIFY(!r.ok());
        QVERIFY(QString::fromStdString(r.error().message).contains(QStringLiteral("outside the clip")));
    }
};

QTEST_GUILESS_MAIN(RecipeTest)
#include "tst_recipe.moc"
