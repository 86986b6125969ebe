#include "processing/Pipeline.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <regex>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "processing/Denoise.h"
#include "processing/ImageBridge.h"
#include "processing/Retime.h"
#include "processing/internal/Kernels.h"
#include "processing/internal/Messages.h"
#include "rushes/codecs/MediaReader.h"
#include "rushes/codecs/MediaWriter.h"
#include "rushes/codecs/NativeFile.h"
#include "rushes/codecs/SmallFile.h"

namespace rushes::processing {

double DenoiseUse::midGreySigma() const {
    return noiseSigmaAt(128, sigma, shotOffset);
}

namespace {

using internal::makeError;

class MemorySource final : public FrameSource {
public:
    MemorySource(std::vector<cv::Mat> frames, double rate) : m_frames(std::move(frames)), m_rate(rate) {}
    int64_t count() const override { return int64_t(m_frames.size()); }
    double rate() const override { return m_rate; }
    codecs::Result<cv::Mat> frame(int64_t i) override {
        if (i < 0 || i >= count())
            return makeError(
                {}, QT_TRANSLATE_NOOP("rushes::processing::Messages", "frame %1 is out of range"), i);
        return m_frames[size_t(i)];
    }

private:
    std::vector<cv::Mat> m_frames;
    double m_rate;
};

// Keeps the frames a stage asked for recently; stages read nearly sequentially.
class FrameWindow {
public:
    FrameWindow(FrameSource& up, int keep) : m_up(up), m_keep(keep) {}
    codecs::Result<cv::Mat> get(int64_t i) {
        auto it = m_cache.find(i);
        if (it != m_cache.end()) return it->second;
        auto r = m_up.frame(i);
        if (!r.ok()) return r;
        m_cache[i] = r.value();
        while (int(m_cache.size()) > m_keep) {
            // Drop the frame furthest from the one just asked for.
            auto first = m_cache.begin();
            auto last = std::prev(m_cache.end());
            m_cache.erase(std::abs(first->first - i) >= std::abs(last->first - i) ? first : last);
        }
        return r;
    }

private:
    FrameSource& m_up;
    int m_keep;
    std::map<int64_t, cv::Mat> m_cache;
};

class DenoiseStage final : public FrameSource {
public:
    DenoiseStage(std::unique_ptr<FrameSource> up, const Operation& op, Backend backend, int depth)
        : m_up(std::move(up)),
          m_window(*m_up, 2 * op.radius + 2),
          m_radius(op.radius),
          m_fixedSigma(op.sigma),
          m_depth(depth) {
        DenoiseSettings s;
        s.backend = backend;
        s.radius = op.radius;
        s.strength = op.strength;
        m_denoiser = std::make_unique<Denoiser>(s);
    }
    int64_t count() const override { return m_up->count(); }
    double rate() const override { return m_up->rate(); }
    codecs::Result<cv::Mat> alpha(int64_t i) override { return m_up->alpha(i); }  // mattes are not denoised
    DenoiseUse denoiseUse() const override {
        const DenoiseSettings& s = m_denoiser->settings();
        if (m_fixedSigma >= 0) return {m_fixedSigma, false, s.searchRadius, s.searchStep, false, -1};
        if (m_autoSigma < 0) return {};
        return {m_autoSigma, true, s.searchRadius, s.searchStep, m_grain, s.shotOffset};
    }
    codecs::Result<cv::Mat> frame(int64_t i) override {
        const int64_t first = std::max<int64_t>(0, i - m_radius), last = std::min(count() - 1, i + m_radius);
        std::vector<cv::Mat> window;
        int center = 0;
        auto mid = m_window.get(i);
        if (!mid.ok()) return mid;
        for (int64_t k = first; k <= last; ++k) {
            auto r = m_window.get(k);
            if (!r.ok()) return r;
            // EXR data windows may change size between frames: only same-size neighbours help.
            if (r.value().size() != mid.value().size()) continue;
            if (k == i) center = int(window.size());
            window.push_back(r.value());
        }
        double sigma = m_fixedSigma;
        if (sigma < 0) {
            // "auto": estimated once, on the first frame asked for, so that the whole clip gets
            // the same strength (and the same bytes whatever frame range is processed first).
            if (m_autoSigma < 0) {
                const NoiseEstimate e = estimateNoise(window, center, m_denoiser->settings());
                if (e.searchStep != m_denoiser->settings().searchStep || e.shotOffset >= 0) {
                    DenoiseSettings s = m_denoiser->settings();
                    s.searchStep = e.searchStep;
                    s.shotOffset = e.shotOffset;
                    m_denoiser = std::make_unique<Denoiser>(s);
                }
                m_autoSigma = e.sigma;
                m_grain = e.grain;
            }
            sigma = m_autoSigma;
        }
        return m_denoiser->denoise(window, center, sigma, m_depth);
    }

private:
    std::unique_ptr<FrameSource> m_up;
    FrameWindow m_window;
    int m_radius;
    double m_fixedSigma;
    int m_depth;
    double m_autoSigma = -1;
    bool m_grain = false;
    std::unique_ptr<Denoiser> m_denoiser;
};

class RetimeStage final : public FrameSource {
public:
    RetimeStage(std::unique_ptr<FrameSource> up, const Operation& op, Backend backend, int depth)
        : m_up(std::move(up)), m_window(*m_up, 3), m_phase(op.phase), m_depth(depth) {
        InterpolatorSettings s;
        s.backend = backend;
        m_interp = std::make_unique<FrameInterpolator>(s);
        const double in = m_up->rate() > 0 ? m_up->rate() : 24.0;
        m_outRate = op.fps > 0 ? op.fps : op.factor > 0 ? in * op.factor : in;
    }
    int64_t count() const override {
        if (m_phase > 0) return std::max<int64_t>(0, m_up->count() - 1);
        return retimedFrameCount(m_up->count(), m_up->rate() > 0 ? m_up->rate() : 24.0, m_outRate);
    }
    double rate() const override { return m_outRate; }
    DenoiseUse denoiseUse() const override { return m_up->denoiseUse(); }
    codecs::Result<cv::Mat> frame(int64_t j) override {
        const SourcePosition p = position(j);
        auto a = m_window.get(p.index);
        if (!a.ok()) return a;
        if (p.phase == 0) return internal::asDepth(a.value(), m_depth);
        auto b = m_window.get(p.index + 1);
        if (!b.ok()) return b;
        if (a.value().size() != b.value().size())  // data window changed: no motion to follow
            return internal::asDepth((p.phase < 0.5 ? a : b).value(), m_depth);
        // One pair at a time, on all threads. Batches of pairs side by side, one thread each (each
        // batch in a cv::parallel_for_, which runs the loops nested in it on the calling thread),
        // gave the same output but no speed-up at 320x180 on 2 cores. Medians of 6 interleaved runs
        // of the drop-frame protocol, ms an in-between, batches against one pair at a time: PSR63 2.54
        // and 2.47, Dinky 2.59 and 2.62. One pair already keeps two threads about 90% busy (a Dinky
        // pair with its in-between: 5.05 ms on one thread, 2.81 on two).
        if (m_pairIndex != p.index) {  // flows are computed once per pair, whatever the phases
            if (auto s = m_interp->setPair(a.value(), b.value()); !s.ok()) return s.error();
            m_pairIndex = p.index;
        }
        return m_interp->at(p.phase, m_depth);
    }
    // Alpha follows the RGB's motion (FrameInterpolator::warpAlong), kept within 0..255.
    codecs::Result<cv::Mat> alpha(int64_t j) override {
        const SourcePosition p = position(j);
        auto a = m_up->alpha(p.index);
        if (!a.ok() || a.value().empty() || p.phase == 0) return a;
        auto b = m_up->alpha(p.index + 1);
        if (!b.ok()) return b;
        if (b.value().empty() || a.value().size() != b.value().size()) return p.phase < 0.5 ? a : b;
        if (m_pairIndex != p.index) {  // the pair's motion first
            if (auto f = frame(j); !f.ok()) return f.error();
        }
        cv::Mat out = m_interp->warpAlong(a.value(), b.value(), p.phase);
        if (out.empty()) return p.phase < 0.5 ? a : b;  // the pair was not interpolated (data window changed)
        cv::min(cv::max(out, 0.0), 255.0, out);
        return out;
    }

private:
    SourcePosition position(int64_t j) const {
        SourcePosition p;
        if (m_phase > 0) {
            p.index = j;
            p.phase = m_phase;
        } else {
            p = retimeSource(j, m_up->rate() > 0 ? m_up->rate() : 24.0, m_outRate);
        }
        if (p.index >= m_up->count() - 1) {
            p.index = m_up->count() - 1;
            p.phase = 0;
        }
        return p;
    }
    std::unique_ptr<FrameSource> m_up;
    FrameWindow m_window;
    double m_phase;
    int m_depth;
    double m_outRate = 24;
    int64_t m_pairIndex = -1;
    std::unique_ptr<FrameInterpolator> m_interp;
};

// Whether the clip carries alpha: an "A" channel (EXR, PNG, TIFF) or a pixel format with one
// (ProRes 4444 decodes to yuva444p10le, PNG to rgba ...).
bool hasAlpha(const codecs::MediaInfo& info) {
    for (const std::string& c : info.channels)
        if (c == "A") return true;
    const std::string& pf = info.pixelFormat;
    for (const char* f : {"yuva", "gbrap", "rgba", "bgra", "argb", "abgr", "ya8", "ya16"})
        if (pf.rfind(f, 0) == 0) return true;
    return false;
}

// Whether the clip is gray without alpha: a single luminance channel (EXR, PNG, TIFF) or a gray pixel
// format (gray, gray16be ...). An EXR with luminance and chroma (Y, RY, BY) is not.
bool isGray(const codecs::MediaInfo& info) {
    if (hasAlpha(info)) return false;
    if (info.channels.size() == 1 && info.channels[0] == "Y") return true;
    return info.pixelFormat.rfind("gray", 0) == 0;
}

class ReaderSource final : public FrameSource {
public:
    // native: RGB at the decoder's depth (for the device pipelines) instead of working frames.
    // Each frame is placed on `canvas` (see frameCanvas) unless its data window is the canvas.
    // withAlpha: the clip has an alpha channel, which alpha() hands out (placed on the canvas too).
    ReaderSource(std::unique_ptr<codecs::MediaReader> reader, int64_t first, int64_t last,
                 codecs::ImageFormat format, bool native, codecs::Rect canvas, bool withAlpha)
        : m_reader(std::move(reader)),
          m_first(first),
          m_last(last),
          m_format(format),
          m_native(native),
          m_canvas(canvas),
          m_withAlpha(withAlpha) {}
    codecs::Result<cv::Mat> alpha(int64_t i) override {
        if (!m_withAlpha) return cv::Mat();
        auto it = m_alphas.find(i);
        if (it != m_alphas.end()) return it->second;
        auto f = frame(i);  // reads and keeps the alpha
        if (!f.ok()) return f.error();
        return m_alphas[i];
    }
    int64_t count() const override { return m_last - m_first + 1; }
    double rate() const override { return m_reader->info().frameRate.toDouble(); }
    codecs::Result<cv::Mat> frame(int64_t i) override {
        auto image = m_reader->readImage(m_first + i, m_format);
        if (!image.ok()) return image.error();
        cv::Mat m = m_native ? nativeRgb(image.value()) : toWorkingRgb(image.value());
        if (m.empty())
            return makeError(m_reader->info().path,
                             QT_TRANSLATE_NOOP("rushes::processing::Messages", "frame %1 is empty"),
                             m_first + i);
        const codecs::Rect& dw = image.value().dataWindow;
        const codecs::Rect window =
            dw.width > 0 && dw.height > 0 ? dw : codecs::Rect{m_canvas.x, m_canvas.y, m.cols, m.rows};
        const bool place = !(window == m_canvas && m.cols == m_canvas.width && m.rows == m_canvas.height);
        if (place) m = onCanvas(m, window, m_canvas);
        if (m_withAlpha) {
            cv::Mat a = alphaOf(image.value());
            if (place) a = onCanvas(a, window, m_canvas);
            m_alphas[i] = a;
            while (m_alphas.size() > 8) {  // the one furthest from i goes
                const bool front =
                    std::abs(m_alphas.begin()->first - i) >= std::abs(m_alphas.rbegin()->first - i);
                m_alphas.erase(front ? m_alphas.begin() : std::prev(m_alphas.end()));
            }
        }
        return m;
    }

private:
    std::unique_ptr<codecs::MediaReader> m_reader;
    int64_t m_first, m_last;
    codecs::ImageFormat m_format;
    bool m_native;
    codecs::Rect m_canvas;
    bool m_withAlpha;
    std::map<int64_t, cv::Mat> m_alphas;  // the alphas of the frames read last
};

class ImageSequenceSink final : public FrameSink {
public:
    // digits < 0: one image, named prefix + suffix, which takes one frame.
    ImageSequenceSink(std::string prefix, int digits, std::string suffix, int64_t first,
                      SinkChannels channels)
        : m_prefix(std::move(prefix)),
          m_digits(digits),
          m_suffix(std::move(suffix)),
          m_number(first),
          m_first(first),
          m_channels(channels) {}
    codecs::Status write(const codecs::Image& image) override {
        const std::string path = fileFor(m_number);
        if (m_digits < 0 && m_number != m_first)
            return makeError(path,
                             QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                               "is one image and holds one frame: name a sequence with a "
                                               "frame-number pattern such as out.####.png to write more"));
        cv::Mat rgba(image.height, image.width,
                     image.format == codecs::ImageFormat::RGBA8 ? CV_8UC4 : image.format == codecs::ImageFormat::RGBA16 ? CV_16UC4 : CV_16FC4,
                     const_cast<uint8_t*>(image.data.data()), image.rowBytes());
        cv::Mat bgr;
        if (rgba.depth() == CV_16F) {  // half float: PNG/TIFF carry it as 16-bit integers
            cv::Mat f;
            rgba.convertTo(f, CV_32F);
            f.convertTo(rgba, CV_16U, 65535.0);
        }
        if (m_channels == SinkChannels::Gray)
            cv::extractChannel(rgba, bgr, 0);
        else
            cv::cvtColor(rgba, bgr,
                         m_channels == SinkChannels::Rgba ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGBA2BGR);
        // Encoded here and written by the codecs layer (its temporary name, then a rename), which
        // takes the name as the codecs layer does everywhere (bytes on POSIX, UTF-8 on Windows);
        // cv::imwrite would open a Windows name in the ANSI code page.
        std::vector<uchar> bytes;
        try {
            const auto dot = m_suffix.rfind('.');
            if (!cv::imencode(m_suffix.substr(dot == std::string::npos ? 0 : dot), bgr, bytes))
                return makeError(
                    path, QT_TRANSLATE_NOOP("rushes::processing::Messages", "cannot encode the image"));
        } catch (const cv::Exception& e) {  // OpenCV's words, as they are
            return makeError(path,
                             QT_TRANSLATE_NOOP("rushes::processing::Messages", "cannot encode the image: %1"),
                             e.what());
        }
        if (auto st = codecs::writeSmallFile(
                path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
            !st)
            return internal::wrapError(
                path, QT_TRANSLATE_NOOP("rushes::processing::Messages", "cannot write the image: %1"),
                st.error());
        ++m_number;
        return codecs::Ok{};
    }
    codecs::Status finish() override { return codecs::Ok{}; }
    std::vector<std::string> files(int64_t count) const override {
        std::vector<std::string> out;
        for (int64_t k = 0; k < count; ++k) out.push_back(fileFor(m_number + k));
        return out;
    }

private:
    std::string digits(int64_t number) const {
        char num[32];
        std::snprintf(num, sizeof num, "%0*lld", m_digits, static_cast<long long>(number));
        return num;
    }
    std::string fileFor(int64_t number) const {
        return m_digits < 0 ? m_prefix + m_suffix : m_prefix + digits(number) + m_suffix;
    }
    std::string m_prefix;
    int m_digits;
    std::string m_suffix;
    int64_t m_number;
    int64_t m_first;
    SinkChannels m_channels;
};

// Movies and EXR/DPX sequences go through the codecs layer's writers.
class CodecsSink final : public FrameSink {
public:
    CodecsSink(std::unique_ptr<codecs::MediaWriter> w, std::string path, codecs::WriteOptions options)
        : m_writer(std::move(w)), m_path(std::move(path)), m_options(std::move(options)) {}
    std::vector<std::string> files(int64_t count) const override {
        return codecs::filesWritten(m_path, m_options, count);
    }
    codecs::Status write(const codecs::Image& image) override { return m_writer->writeImage(image); }
    codecs::Status writeAudio(const codecs::AudioBuffer& audio) override {
        return m_writer->writeAudio(audio);
    }
    codecs::Status finish() override { return m_writer->finish(); }

private:
    std::unique_ptr<codecs::MediaWriter> m_writer;
    std::string m_path;
    codecs::WriteOptions m_options;
};

// 59.94 -> 60000/1001, 48 -> 48/1, 62.5 -> 125/2.
codecs::Rational rationalRate(double fps) {
    for (int64_t den : {1, 2, 4, 5, 8, 10, 1001}) {
        const double num = fps * double(den) * (den == 1001 ? 1.0 : 1.0);
        if (std::abs(num - std::round(num)) < 1e-3 * double(den)) return {int64_t(std::llround(num)), den};
    }
    return {int64_t(std::llround(fps * 1000.0)), 1000};
}

std::string lowerExtension(const std::string& path) {
    const auto dot = path.rfind('.');
    std::string ext = dot == std::string::npos ? std::string() : path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    return ext;
}

codecs::ImageFormat workingFormatFor(const codecs::MediaInfo& info) {
    const std::string& pf = info.pixelFormat;
    if (pf.find("f16") != std::string::npos || pf.find("f32") != std::string::npos || info.codec == "openexr")
        return codecs::ImageFormat::RGBAHalf;
    return info.bitDepth > 8 ? codecs::ImageFormat::RGBA16 : codecs::ImageFormat::RGBA8;
}

}  // namespace

codecs::Rect frameCanvas(const codecs::MediaInfo& info) {
    const codecs::Rect data = info.dataWindow.width > 0 && info.dataWindow.height > 0
                                  ? info.dataWindow
                                  : codecs::Rect{0, 0, info.width, info.height};
    const codecs::Rect& disp = info.displayWindow;
    if (disp.width <= 0 || disp.height <= 0) return data;
    const cv::Rect u =
        cv::Rect(data.x, data.y, data.width, data.height) | cv::Rect(disp.x, disp.y, disp.width, disp.height);
    return {u.x, u.y, u.width, u.height};
}

cv::Mat onCanvas(const cv::Mat& m, const codecs::Rect& window, const codecs::Rect& canvas) {
    cv::Mat out(canvas.height, canvas.width, m.type());
    out.setTo(cv::Scalar::all(0));
    const cv::Rect w(window.x, window.y, m.cols, m.rows), c(canvas.x, canvas.y, canvas.width, canvas.height);
    const cv::Rect common = w & c;
    if (common.area() > 0) m(common - w.tl()).copyTo(out(common - c.tl()));
    return out;
}

codecs::Status FrameSink::writeAudio(const codecs::AudioBuffer& audio) {
    (void)audio;
    return makeError({}, QT_TRANSLATE_NOOP("rushes::processing::Messages", "this output has no sound track"));
}

std::unique_ptr<FrameSource> memorySource(std::vector<cv::Mat> frames, double rate) {
    return std::make_unique<MemorySource>(std::move(frames), rate);
}

codecs::Result<std::unique_ptr<FrameSource>> applyRecipe(std::unique_ptr<FrameSource> source,
                                                         const Recipe& recipe, Backend backend,
                                                         int lastDepth) {
    if (auto v = recipe.validate(); !v.ok()) return v.error();
    if (backend == Backend::Auto) backend = resolveBackend(backend);
    for (const Operation& op : recipe.operations) {
        const int depth = &op == &recipe.operations.back() ? lastDepth : CV_32F;
        if (op.kind == Operation::Kind::Denoise)
            source = std::make_unique<DenoiseStage>(std::move(source), op, backend, depth);
        else
            source = std::make_unique<RetimeStage>(std::move(source), op, backend, depth);
    }
    return source;
}

namespace {
const std::regex& printfPattern() {
    static const std::regex r(R"(^(.*)%0?(\d*)d(.*)$)");
    return r;
}
const std::regex& hashPattern() {
    static const std::regex r(R"(^(.*?)(#+)([^#]*)$)");
    return r;
}
codecs::Result<std::unique_ptr<FrameSink>> imageSink(const std::string& pattern, const std::string& prefix,
                                                     int digits, const std::string& suffix,
                                                     int64_t firstNumber, SinkChannels channels);
}  // namespace

codecs::Result<std::unique_ptr<FrameSink>> imageSequenceSink(const std::string& pattern, int64_t firstNumber,
                                                             SinkChannels channels) {
    const std::regex& printfStyle = printfPattern();
    const std::regex& hashes = hashPattern();
    std::smatch m;
    std::string prefix, suffix;
    int digits = 4;
    if (std::regex_match(pattern, m, printfStyle)) {
        prefix = m[1];
        digits = m[2].length() ? std::stoi(m[2]) : 1;
        suffix = m[3];
    } else if (std::regex_match(pattern, m, hashes)) {
        prefix = m[1];
        digits = int(m[2].length());
        suffix = m[3];
    } else {
        return makeError(pattern, QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                    "an image sequence needs a frame-number pattern such as "
                                                    "out.%04d.png or out.####.png"));
    }
    return imageSink(pattern, prefix, digits, suffix, firstNumber, channels);
}

codecs::Result<std::unique_ptr<FrameSink>> singleImageSink(const std::string& file, SinkChannels channels) {
    return imageSink(file, {}, -1, file, 1, channels);
}

namespace {

// The sink for files named prefix + the number in `digits` digits + suffix (digits < 0: prefix +
// suffix, one image); `pattern` is the name the user gave, for messages.
codecs::Result<std::unique_ptr<FrameSink>> imageSink(const std::string& pattern, const std::string& prefix,
                                                     int digits, const std::string& suffix,
                                                     int64_t firstNumber, SinkChannels channels) {
    const auto dot = suffix.rfind('.');
    std::string ext = dot == std::string::npos ? std::string() : suffix.substr(dot);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    if (ext != ".png" && ext != ".tif" && ext != ".tiff")
        return makeError(pattern,
                         QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                           "image sequences are written as .png or .tif here (got '%1')"),
                         ext);
    const std::filesystem::path dir = codecs::fsPath(digits < 0 ? suffix : prefix).parent_path();
    std::error_code ec;
    if (!dir.empty() && !std::filesystem::is_directory(dir, ec))
        return makeError(pattern,
                         QT_TRANSLATE_NOOP("rushes::processing::Messages", "the folder %1 does not exist"),
                         codecs::printable(codecs::nameOf(dir)));
    return std::unique_ptr<FrameSink>(
        std::make_unique<ImageSequenceSink>(prefix, digits, suffix, firstNumber, channels));
}

}  // namespace

codecs::Result<ProcessReport> processClip(const ProcessOptions& options, const ProgressFn& progress,
                                          const std::atomic<bool>* cancel) {
    QElapsedTimer timer;
    timer.start();
    if (auto v = options.recipe.validate(); !v.ok()) return v.error();
    ProcessReport report;
    report.backend = resolveBackend(options.backend, &report.backendNote);
    activateBackend(report.backend);

    auto reader = codecs::openMedia(options.input);
    if (!reader.ok()) return reader.error();
    const codecs::MediaInfo info = reader.value()->info();
    const int64_t total = info.frameCount;
    if (total <= 0)
        return makeError(options.input,
                         QT_TRANSLATE_NOOP("rushes::processing::Messages", "has no video frames"));
    const int64_t first = options.firstFrame;
    const int64_t last = options.lastFrame < 0 ? total - 1 : options.lastFrame;
    if (first < 0 || first > last || last >= total)
        return makeError(
            options.input,
            QT_TRANSLATE_NOOP("rushes::processing::Messages", "frame range %1-%2 is outside the clip (0-%3)"),
            first, last, total - 1);
    const codecs::ImageFormat format = workingFormatFor(info);
    // On the OpenCL backend the frames travel to the device at their own depth: a quarter (a half) of
    // a working frame's bytes over the bus. On either backend the last operation hands back 8-bit,
    // 16-bit or half frames, rounded as the sink would round working ones (the CPU retime makes them
    // row by row as it warps, and writes no working frame).
    const bool native = report.backend == Backend::OpenCL;
    const int lastDepth = format == codecs::ImageFormat::RGBA8      ? CV_8U
                          : format == codecs::ImageFormat::RGBA16   ? CV_16U
                          : format == codecs::ImageFormat::RGBAHalf ? CV_16F
                                                                    : CV_32F;
    const codecs::Rect canvas = frameCanvas(info);
    std::unique_ptr<FrameSource> source = std::make_unique<ReaderSource>(
        std::move(reader.value()), first, last, format, native, canvas, hasAlpha(info));
    report.framesIn = source->count();
    auto chain = applyRecipe(std::move(source), options.recipe, report.backend, lastDepth);
    if (!chain.ok()) return chain.error();
    FrameSource& out = *chain.value();
    report.outputRate = out.rate();
    // Stacked retimes can leave any rate; a file carries 1/10 to 1000 frames a second here (below,
    // every frame would carry minutes of sound).
    if (report.outputRate > 0 && !(report.outputRate >= 0.1 && report.outputRate <= 1000)) {
        char rate[64];
        std::snprintf(rate, sizeof rate, "%.6g", report.outputRate);
        return makeError(
            options.output,
            QT_TRANSLATE_NOOP("rushes::processing::Messages",
                              "the recipe's retimes give %1 fps; outputs are written at 0.1 to 1000 fps"),
            rate);
    }

    // PNG and TIFF sequences: written here, each frame under a temporary name then renamed.
    // Movies, EXR and DPX: the codecs layer's writers.
    const std::string ext = lowerExtension(options.output);
    // An image name without a frame-number pattern (still.exr) is one image: a pass that makes one
    // frame (a still, or one frame of a clip) writes it; more are refused before anything is read.
    // PNG and TIFF go through OpenCV here; the rest (movies, EXR, DPX) through the codecs layer.
    const bool codecsSink = !(ext == "png" || ext == "tif" || ext == "tiff");
    const bool imageOutput = !codecsSink || ext == "exr" || ext == "dpx";
    const bool singleImage = imageOutput && !codecs::isSequencePattern(options.output);
    if (singleImage && out.count() != 1)
        return makeError(
            options.output,
            QT_TRANSLATE_NOOP("rushes::processing::Messages",
                              "is one image, but the pass makes %1 frames: name a sequence with a "
                              "frame-number pattern (such as name.####.%2) or choose one frame"),
            out.count(), ext);
    codecs::Result<std::unique_ptr<FrameSink>> sink =
        makeError(options.output, QT_TRANSLATE_NOOP("rushes::processing::Messages", "no writer"));
    // The sound and the timecode travel when the output keeps the clip's duration.
    const bool keepsDuration =
        std::none_of(options.recipe.operations.begin(), options.recipe.operations.end(),
                     [](const Operation& op) { return op.kind == Operation::Kind::Retime && op.phase > 0; });
    std::unique_ptr<codecs::MediaReader> sound;  // a reader of its own for the sound track
    if (keepsDuration && codecsSink && !singleImage && !info.audio.empty() && info.audio[0].sampleRate > 0 &&
        info.audio[0].channels > 0 && info.frameRate.valid()) {
        auto r = codecs::openMedia(options.input);
        if (!r.ok()) return r.error();
        sound = std::move(r.value());
    }
    const double outRate = report.outputRate > 0 ? report.outputRate : info.frameRate.toDouble();
    if (!codecsSink) {
        const SinkChannels channels = hasAlpha(info) ? SinkChannels::Rgba
                                      : isGray(info) ? SinkChannels::Gray
                                                     : SinkChannels::Rgb;
        sink = singleImage ? singleImageSink(options.output, channels)
                           : imageSequenceSink(options.output, 1, channels);
    } else {
        codecs::WriteOptions wo;
        wo.width = canvas.width;
        wo.height = canvas.height;
        wo.frameRate = report.outputRate > 0 ? rationalRate(report.outputRate) : info.frameRate;
        if (std::abs(report.outputRate - info.frameRate.toDouble()) < 1e-9 && info.frameRate.valid()) wo.frameRate = info.frameRate;
        wo.colour = info.colour;
        wo.firstFrame = 1;
        wo.dataWindow = canvas;
        wo.displayWindow = info.displayWindow;
        if (sound) {
            wo.audioSampleRate = info.audio[0].sampleRate;
            wo.audioChannels = info.audio[0].channels;
        }
        if (keepsDuration && info.hasTimecode && info.frameRate.valid()) {
            // The first frame's timecode. At another rate the same label: hours, minutes and seconds
            // kept, the frame field scaled to the new rate's count (24 -> 48: 01:00:00:02 becomes
            // 01:00:00:04), as timecode counts frames at the nominal rate (23.976 counts 24).
            const codecs::Timecode in =
                codecs::Timecode::fromFrames(info.startTimecode.toFrames(info.frameRate) + first,
                                             info.frameRate, info.startTimecode.dropFrame);
            codecs::Timecode out = in;
            if (!(wo.frameRate == info.frameRate)) {
                const auto nominal = [](codecs::Rational r) {
                    return std::max<int64_t>(1, std::llround(r.toDouble()));
                };
                out.frames = int(int64_t(in.frames) * nominal(wo.frameRate) / nominal(info.frameRate));
                out.dropFrame = in.dropFrame && (wo.frameRate == codecs::Rational{30000, 1001} ||
                                                 wo.frameRate == codecs::Rational{60000, 1001});
                // A label drop-frame counting skips (minute starts) becomes the next one that exists.
                if (out.dropFrame)
                    out = codecs::Timecode::fromFrames(out.toFrames(wo.frameRate), wo.frameRate, true);
            }
            wo.hasTimecode = true;
            wo.startTimecode = out;
        }
        auto w = codecs::createWriter(options.output, wo);
        if (!w.ok()) return w.error();
        sink = std::unique_ptr<FrameSink>(
            std::make_unique<CodecsSink>(std::move(w.value()), options.output, wo));
    }
    if (!sink.ok()) return sink.error();

    const int64_t n = out.count();
    // Nothing is in place yet (files are written under temporary names): refuse before the first
    // frame when the output would write over the input's files.
    if (auto s = codecs::checkNoOverwrite(codecs::filesRead(info), sink.value()->files(n)); !s.ok())
        return s.error();
    for (int64_t j = 0; j < n; ++j) {
        if (cancel && cancel->load()) {
            report.cancelled = true;
            break;
        }
        auto f = out.frame(j);
        if (!f.ok()) return f.error();
        auto a = out.alpha(j);
        if (!a.ok()) return a.error();
        codecs::Image image = fromWorkingRgb(f.value(), format, a.value());
        image.dataWindow = canvas;
        if (auto s = sink.value()->write(image); !s.ok()) return s.error();
        if (sound) {
            // This frame's share of the sound: from its start to the next frame's, counted from the
            // first source frame's time at the sound's own rate.
            const int rate = info.audio[0].sampleRate;
            const double origin = double(first) * double(rate) / info.frameRate.toDouble();
            const auto at = [&](int64_t k) {
                return int64_t(std::llround(origin + double(k) * double(rate) / outRate));
            };
            auto pcm = sound->readAudio(0, at(j), at(j + 1) - at(j), rate);
            if (!pcm.ok()) return pcm.error();
            if (auto s = sink.value()->writeAudio(pcm.value()); !s.ok()) return s.error();
        }
        ++report.framesOut;
        if (progress) progress(j + 1, n);
    }
    if (auto s = sink.value()->finish(); !s.ok()) return s.error();
    report.seconds = double(timer.nsecsElapsed()) * 1e-9;
    report.denoise = out.denoiseUse();
    return report;
}

}  // namespace rushes::processing
