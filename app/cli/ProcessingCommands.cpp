// rushes-cli process, compare and bench: the processing core from the command line.
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "CommandLine.h"
#include "Commands.h"
#include "processing/Backend.h"
#include "processing/Denoise.h"
#include "processing/Metrics.h"
#include "processing/Pipeline.h"
#include "processing/Recipe.h"
#include "processing/Retime.h"
#include "rushes/codecs/MediaReader.h"

namespace rushes::cli {
namespace {

using namespace rushes::processing;

int fail(const std::string& line, int code = 1) {
    std::fprintf(stderr, "%s\n", line.c_str());
    return code;
}

std::optional<double> number(const QString& text) {
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string cpuModel() {
    std::ifstream f("/proc/cpuinfo");  // Linux; elsewhere the architecture name is reported
    std::string line;
    while (std::getline(f, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) return line.substr(colon + 2);
        }
    }
    return QSysInfo::currentCpuArchitecture().toStdString();
}

}  // namespace

int process(const QStringList& args) {
    const char* usage =
        "usage: rushes-cli process IN -o OUT [--recipe R.json] [--retime FACTOR | --fps RATE] "
        "[--denoise auto|SIGMA] [--frames A-B] [--backend auto|cpu|opencl] [--save-recipe R.json]";
    QString in, out, recipePath, saveRecipe;
    std::optional<Operation> retime, denoise;
    ProcessOptions options;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= args.size()) return std::nullopt;
            return args[++i];
        };
        if (a == QLatin1String("-o") || a == QLatin1String("--output")) {
            auto v = value();
            if (!v) return fail("rushes-cli process: -o needs an output path", 2);
            out = *v;
        } else if (a == QLatin1String("--recipe")) {
            auto v = value();
            if (!v) return fail("rushes-cli process: --recipe needs a file", 2);
            recipePath = *v;
        } else if (a == QLatin1String("--save-recipe")) {
            auto v = value();
            if (!v) return fail("rushes-cli process: --save-recipe needs a file", 2);
            saveRecipe = *v;
        } else if (a == QLatin1String("--retime") || a == QLatin1String("--fps")) {
            auto v = value();
            auto n = v ? number(*v) : std::nullopt;
            if (!n) return fail("rushes-cli process: " + a.toStdString() + " needs a number", 2);
            if (*n <= 0) return fail("rushes-cli process: " + a.toStdString() + " must be greater than 0, got " + v->toStdString(), 2);
            if (retime) return fail("rushes-cli process: give either --retime or --fps, not both", 2);
            Operation op;
            op.kind = Operation::Kind::Retime;
            (a == QLatin1String("--fps") ? op.fps : op.factor) = *n;
            retime = op;
        } else if (a == QLatin1String("--denoise")) {
            auto v = value();
            if (!v) return fail("rushes-cli process: --denoise needs auto or a sigma", 2);
            Operation op;
            op.kind = Operation::Kind::Denoise;
            if (*v != QLatin1String("auto")) {
                auto n = number(*v);
                if (!n) return fail("rushes-cli process: --denoise needs auto or a number, got " + v->toStdString(), 2);
                if (*n < 0) return fail("rushes-cli process: denoise sigma must be >= 0, got " + v->toStdString(), 2);
                op.sigma = *n;
            }
            denoise = op;
        } else if (a == QLatin1String("--frames")) {
            auto v = value();
            const QStringList parts = v ? v->split(QLatin1Char('-')) : QStringList();
            bool ok1 = false, ok2 = false;
            if (parts.size() == 2) {
                options.firstFrame = parts[0].toLongLong(&ok1);
                options.lastFrame = parts[1].toLongLong(&ok2);
            }
            if (!ok1 || !ok2 || options.firstFrame < 0 || options.lastFrame < options.firstFrame)
                return fail("rushes-cli process: --frames needs A-B with 0 <= A <= B", 2);
        } else if (a == QLatin1String("--backend")) {
            auto v = value();
            auto b = v ? parseBackend(v->toStdString()) : std::nullopt;
            if (!b) return fail("rushes-cli process: --backend must be auto, cpu or opencl", 2);
            options.backend = *b;
        } else if (a.startsWith(QLatin1Char('-'))) {
            return fail("rushes-cli process: unknown option " + printableArgument(a) + "\n" + usage, 2);
        } else if (in.isEmpty()) {
            in = a;
        } else {
            return fail("rushes-cli process: unexpected argument " + printableArgument(a) + "\n" + usage, 2);
        }
    }
    if (in.isEmpty() || out.isEmpty()) return fail(usage, 2);
    keepFrameBuffers();
    if (!recipePath.isEmpty()) {
        auto r = Recipe::load(nativePath(recipePath));
        if (!r.ok()) return fail(r.error().toString());
        options.recipe = r.value();
    }
    if (denoise) options.recipe.operations.push_back(*denoise);
    if (retime) options.recipe.operations.push_back(*retime);
    if (auto v = options.recipe.validate(); !v.ok()) return fail("rushes-cli process: " + v.error().message, 2);
    if (!saveRecipe.isEmpty()) {
        // A recipe is JSON: a mistyped name must not write it over a clip or a frame.
        if (QFileInfo(saveRecipe).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) != 0)
            return fail("rushes-cli process: --save-recipe needs a .json file name, got " +
                            printableArgument(saveRecipe),
                        2);
        if (auto s = options.recipe.save(nativePath(saveRecipe)); !s.ok()) return fail(s.error().toString());
    }
    options.input = nativePath(in);
    options.output = nativePath(out);

    std::string note;
    const Backend backend = resolveBackend(options.backend, &note);
    std::fprintf(stderr, "backend: %s%s%s%s\n", backendName(backend),
                 backend == Backend::OpenCL ? (" (" + openclDeviceName() + ")").c_str() : "",
                 note.empty() ? "" : " - ", note.c_str());
    const StopOnSignals stopper;
    const auto start = std::chrono::steady_clock::now();
    auto result = processClip(
        options,
        [&](int64_t done, int64_t total) {
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::fprintf(stderr, "\rprocess: frame %lld/%lld  %.2f fps", static_cast<long long>(done),
                         static_cast<long long>(total), s > 0 ? double(done) / s : 0.0);
            std::fflush(stderr);
        },
        &stopper.stop());
    std::fprintf(stderr, "\n");
    if (!result.ok()) return fail(result.error().toString());
    const ProcessReport& r = result.value();
    if (r.cancelled) {
        std::fprintf(stderr, "process: stopped after %lld complete frames (interrupted); %s holds them\n",
                     static_cast<long long>(r.framesOut), codecs::printable(options.output).c_str());
        return stopper.exitCode();
    }
    if (r.denoise.sigma >= 0) {
        // Noise that grows with brightness: its sigma at mid-grey (the denoiser's own is after the
        // stabilising transform).
        std::fprintf(stderr, "denoise: noise sigma %.2f%s, %s%s\n", r.denoise.midGreySigma(),
                     r.denoise.shotOffset >= 0 ? " at mid-grey, growing with brightness (photon noise)" : "",
                     describeSearch(r.denoise.searchRadius, r.denoise.searchStep).c_str(),
                     !r.denoise.estimated ? ""
                     : r.denoise.grain    ? " (auto: grain, estimated from the first frames made)"
                                          : " (auto: estimated from the first frames made)");
    }
    std::printf("%s: %lld %s in, %lld %s out at %.4g fps, backend %s, %.2f s\n",
                codecs::printable(options.output).c_str(), static_cast<long long>(r.framesIn),
                r.framesIn == 1 ? "frame" : "frames", static_cast<long long>(r.framesOut),
                r.framesOut == 1 ? "frame" : "frames", r.outputRate, backendName(r.backend), r.seconds);
    return 0;
}

namespace {
// An RGBA16 image at its data window's place on `canvas`, as process places frames (processing::onCanvas).
codecs::Image onCanvas16(const codecs::Image& image, const codecs::Rect& canvas) {
    const codecs::Rect& dw = image.dataWindow;
    const codecs::Rect window =
        dw.width > 0 && dw.height > 0 ? dw : codecs::Rect{canvas.x, canvas.y, image.width, image.height};
    if (window == canvas && image.width == canvas.width && image.height == canvas.height) return image;
    const cv::Mat placed = processing::onCanvas(
        cv::Mat(image.height, image.width, CV_16UC4, const_cast<uint8_t*>(image.data.data())), window,
        canvas);
    codecs::Image out;
    out.format = image.format;
    out.width = canvas.width;
    out.height = canvas.height;
    out.dataWindow = canvas;
    out.data.assign(placed.datastart, placed.dataend);
    return out;
}
}  // namespace

int compare(const QStringList& args) {
    const char* usage = "usage: rushes-cli compare A B [--csv|--json]";
    QStringList files;
    bool csv = false, json = false;
    for (const QString& a : args) {
        if (a == QLatin1String("--csv")) csv = true;
        else if (a == QLatin1String("--json")) json = true;
        else if (a.startsWith(QLatin1String("--")))
            return fail("rushes-cli compare: unknown option " + printableArgument(a) + "\n" + usage, 2);
        else files << a;
    }
    if (files.size() != 2 || (csv && json)) return fail(usage, 2);
    auto ra = codecs::openMedia(nativePath(files[0]));
    if (!ra.ok()) return fail(ra.error().toString());
    auto rb = codecs::openMedia(nativePath(files[1]));
    if (!rb.ok()) return fail(rb.error().toString());
    const codecs::MediaInfo& ia = ra.value()->info();
    const codecs::MediaInfo& ib = rb.value()->info();
    // Frames are compared on the frames process places them on (an EXR's data window inside its display
    // window), so that an output compares with its source.
    const codecs::Rect ca = processing::frameCanvas(ia), cb = processing::frameCanvas(ib);
    if (ca.width != cb.width || ca.height != cb.height)
        return fail("rushes-cli compare: sizes differ: " + printableArgument(files[0]) + " is " +
                    std::to_string(ca.width) + "x" + std::to_string(ca.height) + ", " +
                    printableArgument(files[1]) + " is " + std::to_string(cb.width) + "x" +
                    std::to_string(cb.height));
    const int64_t n = std::min(ia.frameCount, ib.frameCount);
    if (n <= 0) return fail("rushes-cli compare: no frames to compare");
    if (ia.frameCount != ib.frameCount)
        std::fprintf(stderr, "compare: frame counts differ (%lld and %lld); comparing the first %lld\n",
                     static_cast<long long>(ia.frameCount), static_cast<long long>(ib.frameCount), static_cast<long long>(n));
    // Same native layout: planes as FFmpeg's psnr/ssim see them; otherwise both as 16-bit RGB.
    const auto plain = [](const codecs::MediaInfo& i, const codecs::Rect& c) {
        return c.x == 0 && c.y == 0 && c.width == i.width && c.height == i.height;
    };
    const bool native =
        ia.pixelFormat == ib.pixelFormat && ia.bitDepth == ib.bitDepth && plain(ia, ca) && plain(ib, cb);
    QJsonArray frames;
    double sumPsnr = 0, sumSsim = 0, sumMse = 0, maxValue = 255;
    int finite = 0;
    std::vector<std::string> planeNames;
    if (csv) std::printf("frame,psnr,ssim,mse\n");
    // A hole in a sequence has no pixels to score.
    const auto missing = [](const codecs::MediaInfo& info, int64_t i) {
        return std::find(info.missingFrames.begin(), info.missingFrames.end(), info.firstFrame + i) !=
               info.missingFrames.end();
    };
    for (int64_t i = 0; i < n; ++i) {
        for (int k = 0; k < 2; ++k) {
            const codecs::MediaInfo& info = k ? ib : ia;
            if (missing(info, i))
                return fail(printableArgument(files[k]) + ": frame " + std::to_string(info.firstFrame + i) +
                            " is missing from the sequence; compare needs every frame");
        }
        codecs::Result<FrameScore> s = codecs::Error{};
        if (native) {
            auto fa = ra.value()->readFrame(i);
            if (!fa.ok()) return fail(fa.error().toString());
            auto fb = rb.value()->readFrame(i);
            if (!fb.ok()) return fail(fb.error().toString());
            s = scoreFrames(fa.value(), fb.value(), ia.bitDepth);
            maxValue = double((1 << ia.bitDepth) - 1);
        } else {
            auto fa = ra.value()->readImage(i, codecs::ImageFormat::RGBA16);
            if (!fa.ok()) return fail(fa.error().toString());
            auto fb = rb.value()->readImage(i, codecs::ImageFormat::RGBA16);
            if (!fb.ok()) return fail(fb.error().toString());
            s = scoreImages(onCanvas16(fa.value(), ca), onCanvas16(fb.value(), cb));
            maxValue = 65535;
        }
        if (!s.ok()) return fail("rushes-cli compare: frame " + std::to_string(i) + ": " + s.error().message);
        const FrameScore& f = s.value();
        sumMse += f.mse;
        sumSsim += f.ssim;
        if (std::isfinite(f.psnr)) {
            sumPsnr += f.psnr;
            ++finite;
        }
        if (csv) {
            std::printf("%lld,%.4f,%.6f,%.6f\n", static_cast<long long>(i), f.psnr, f.ssim, f.mse);
        } else if (json) {
            QJsonObject o{{"frame", qint64(i)}, {"ssim", f.ssim}, {"mse", f.mse}};
            o["psnr"] = std::isfinite(f.psnr) ? QJsonValue(f.psnr) : QJsonValue();
            QJsonObject planes;
            for (const PlaneScore& p : f.planes) {
                QJsonObject po{{"mse", p.mse}, {"ssim", p.ssim}};
                po["psnr"] = std::isfinite(p.psnr) ? QJsonValue(p.psnr) : QJsonValue();
                planes[QString::fromStdString(p.name)] = po;
            }
            o["planes"] = planes;
            frames.append(o);
        } else {
            std::printf("frame %5lld  PSNR %8.3f dB  SSIM %.5f", static_cast<long long>(i), f.psnr, f.ssim);
            for (const PlaneScore& p : f.planes) std::printf("  %s %.3f/%.4f", p.name.c_str(), p.psnr, p.ssim);
            std::printf("\n");
        }
    }
    const double meanPsnr = finite ? sumPsnr / finite : INFINITY;
    const double meanSsim = sumSsim / double(n);
    const double psnrOfMeanMse = psnrFromMse(sumMse / double(n), maxValue);
    if (json) {
        QJsonObject root{{"a", QString::fromStdString(printableArgument(files[0]))},
                         {"b", QString::fromStdString(printableArgument(files[1]))},
                         {"frames", frames},
                         {"mode", native ? "native" : "rgb16"}};
        QJsonObject mean{{"ssim", meanSsim}};
        mean["psnr"] = std::isfinite(meanPsnr) ? QJsonValue(meanPsnr) : QJsonValue();
        mean["psnr_of_mean_mse"] = std::isfinite(psnrOfMeanMse) ? QJsonValue(psnrOfMeanMse) : QJsonValue();
        root["mean"] = mean;
        std::printf("%s", QJsonDocument(root).toJson(QJsonDocument::Indented).constData());
    } else if (csv) {
        std::printf("mean,%.4f,%.6f,%.6f\n", meanPsnr, meanSsim, sumMse / double(n));
    } else {
        std::printf("mean over %lld frames: PSNR %.3f dB (%.3f dB from the mean MSE), SSIM %.5f\n", static_cast<long long>(n),
                    meanPsnr, psnrOfMeanMse, meanSsim);
    }
    return 0;
}

namespace {

// 1080p frames with texture and motion, made here so the bench needs no media.
std::vector<cv::Mat> benchFrames(int count, int width, int height) {
    cv::RNG rng(7);
    cv::Mat base(height + 64, width + 64, CV_32FC3);
    rng.fill(base, cv::RNG::UNIFORM, 0, 255);
    cv::GaussianBlur(base, base, cv::Size(0, 0), 3);
    cv::normalize(base, base, 0, 255, cv::NORM_MINMAX);
    std::vector<cv::Mat> frames;
    for (int i = 0; i < count; ++i) {
        cv::Mat f = base(cv::Rect(2 * i, i, width, height)).clone();
        cv::Mat n(f.size(), CV_32FC3);
        rng.fill(n, cv::RNG::NORMAL, 0, 8);
        f += n;
        frames.push_back(f);
    }
    return frames;
}

template <class F>
double medianMs(int repeats, F&& fn) {
    std::vector<double> ms;
    for (int r = 0; r < repeats; ++r) {
        const auto t = std::chrono::steady_clock::now();
        fn();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

// The bench at `width` x `height`, arguments checked.
int benchAt(bool json, int repeats, int width, int height) {
    keepFrameBuffers();
    // Enough frames for the denoiser's 5-frame window to slide one frame a repeat.
    const std::vector<cv::Mat> frames = benchFrames(5 + repeats, width, height);
    std::vector<Backend> backends{Backend::Cpu};
    if (openclAvailable()) backends.push_back(Backend::OpenCL);
    QJsonArray results;
    auto add = [&](const char* op, Backend b, double ms) {
        results.append(QJsonObject{{"operation", op}, {"backend", backendName(b)}, {"width", width}, {"height", height},
                                   {"fps", 1000.0 / ms}, {"ms_per_frame", ms}});
        if (!json) std::printf("%-8s %-7s %dx%d  %8.2f fps  %8.1f ms/frame\n", op, backendName(b), width, height, 1000.0 / ms, ms);
    };
    if (!json) std::printf("rushes-cli bench: %s, %d threads, OpenCL device: %s\n", cpuModel().c_str(), QThread::idealThreadCount(),
                           openclAvailable() ? openclDeviceName().c_str() : "none");
    std::vector<cv::Mat> frames8(frames.size());
    for (size_t i = 0; i < frames.size(); ++i) frames[i].convertTo(frames8[i], CV_8U);
    for (Backend b : backends) {
        activateBackend(b);
        // As `rushes-cli process` hands them over: working frames on the CPU; on OpenCL 8-bit frames
        // in and out (converted on the device), as from an 8-bit source to an 8-bit output.
        const bool native = b == Backend::OpenCL;
        const std::vector<cv::Mat>& in = native ? frames8 : frames;
        const int depth = native ? CV_8U : CV_32F;
        InterpolatorSettings is;
        is.backend = b;
        // retime 2x: one pair's flows plus one in-between per new frame. Each timed pair on an
        // interpolator of its own: one that has seen the pair answers its flows from its cache.
        {
            FrameInterpolator warm(is);
            (void)warm.setPair(in[0], in[1]);
            (void)warm.at(0.5, depth);  // warm-up (OpenCL compiles its kernels here)
        }
        add("retime", b, medianMs(repeats, [&] {
                FrameInterpolator interp(is);
                (void)interp.setPair(in[1], in[2]);
                (void)interp.at(0.5, depth);
            }));
        DenoiseSettings ds;
        ds.backend = b;
        Denoiser den(ds);
        // As a clip is denoised in order: the window slides a frame each time (on the device pipeline
        // one new frame goes up; the same window again would send none).
        auto window = [&in](int first) {
            return std::vector<cv::Mat>(in.begin() + first, in.begin() + first + 5);
        };
        (void)den.denoise(window(0), 2, 8.0, depth);
        int next = 1;
        add("denoise", b, medianMs(repeats, [&] { (void)den.denoise(window(next++), 2, 8.0, depth); }));
        if (b == Backend::Cpu) {
            cv::Mat a8, b8;
            frames[0].convertTo(a8, CV_8U);
            frames[1].convertTo(b8, CV_8U);
            add("metrics", b, medianMs(repeats, [&] { (void)scoreRgb(a8, b8); }));
        }
    }
    activateBackend(Backend::Cpu);
    if (json) {
        QJsonObject machine{{"cpu", QString::fromStdString(cpuModel())}, {"cores", QThread::idealThreadCount()},
                            {"opencl_device", QString::fromStdString(openclDeviceName())}};
        QJsonObject root{{"version", 1}, {"machine", machine}, {"results", results}};
        std::printf("%s", QJsonDocument(root).toJson(QJsonDocument::Indented).constData());
    }
    return 0;
}

}  // namespace

int bench(const QStringList& args) {
    bool json = false;
    int repeats = 3, width = 1920, height = 1080;  // 1080p: the figure the cost planner uses
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--json"))
            json = true;
        else if (args[i] == QLatin1String("--repeats") && i + 1 < args.size()) {
            bool ok = false;
            repeats = args[++i].toInt(&ok);
            if (!ok || repeats < 1 || repeats > 1000)
                return fail("rushes-cli bench: --repeats needs a whole number from 1 to 1000, got " +
                                args[i].toStdString(),
                            2);
        } else if (args[i] == QLatin1String("--size") && i + 1 < args.size()) {
            const QStringList wh = args[++i].split(QLatin1Char('x'));
            width = wh.size() == 2 ? wh[0].toInt() : 0;
            height = wh.size() == 2 ? wh[1].toInt() : 0;
            if (width < 64 || height < 64 || width > 8192 || height > 8192)
                return fail("rushes-cli bench: --size needs WxH from 64x64 to 8192x8192, got " +
                                args[i].toStdString(),
                            2);
        } else
            return fail("usage: rushes-cli bench [--json] [--repeats N] [--size WxH]", 2);
    }
    try {
        return benchAt(json, repeats, width, height);
    } catch (const std::bad_alloc&) {
        return fail("rushes-cli bench: not enough memory for frames of " + std::to_string(width) + "x" +
                    std::to_string(height));
    } catch (const cv::Exception& e) {
        return fail("rushes-cli bench: " + std::string(e.what()));
    }
}

}  // namespace rushes::cli
