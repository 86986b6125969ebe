// rushes-cli probe, framemd5 and convert: the codecs layer from the command line.
#include <cmath>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <optional>

#include "CommandLine.h"
#include "Commands.h"
#include "rushes/codecs/MediaReader.h"
#include "rushes/codecs/MediaWriter.h"

namespace rushes::cli {

namespace {

using namespace rushes::codecs;

int failLine(const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
    return 1;
}

QString rationalText(Rational r) { return QStringLiteral("%1/%2").arg(r.num).arg(r.den); }

QJsonObject rectJson(const Rect& r) {
    return QJsonObject{{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
}

QJsonObject infoJson(const MediaInfo& i, const std::string& hwNote) {
    QJsonObject o;
    o["path"] = QString::fromStdString(printable(i.path));  // JSON is Unicode: a Latin-1 byte as \xNN
    o["container"] = QString::fromStdString(i.container);
    o["codec"] = QString::fromStdString(i.codec);
    o["profile"] = QString::fromStdString(i.profile);
    o["pixelFormat"] = QString::fromStdString(i.pixelFormat);
    o["width"] = i.width;
    o["height"] = i.height;
    o["dataWindow"] = rectJson(i.dataWindow);
    o["displayWindow"] = rectJson(i.displayWindow);
    o["pixelAspect"] = rationalText(i.pixelAspect);
    o["frameRate"] = rationalText(i.frameRate);
    o["frameRateValue"] = i.frameRate.toDouble();
    o["variableFrameRate"] = i.variableFrameRate;
    o["frameCount"] = qint64(i.frameCount);
    o["firstFrame"] = qint64(i.firstFrame);
    o["startTimecode"] = QString::fromStdString(i.startTimecode.toString());
    o["hasTimecode"] = i.hasTimecode;
    o["bitDepth"] = i.bitDepth;
    QJsonObject colour{{"primaries", QString::fromStdString(i.colour.primaries)},
                       {"transfer", QString::fromStdString(i.colour.transfer)},
                       {"matrix", QString::fromStdString(i.colour.matrix)},
                       {"range", QString::fromStdString(i.colour.range)}};
    if (i.colour.chromaticities) {
        QJsonArray c;
        for (float v : *i.colour.chromaticities) c.append(double(v));
        colour["chromaticities"] = c;
    }
    o["colour"] = colour;
    QJsonArray audio;
    for (const auto& a : i.audio)
        audio.append(QJsonObject{{"index", a.index},
                                 {"codec", QString::fromStdString(a.codec)},
                                 {"sampleRate", a.sampleRate},
                                 {"channels", a.channels},
                                 {"channelLayout", QString::fromStdString(a.channelLayout)},
                                 {"durationSeconds", a.durationSeconds},
                                 {"path", QString::fromStdString(printable(a.path))}});
    o["audio"] = audio;
    QJsonArray channels, views, missing;
    for (const auto& c : i.channels) channels.append(QString::fromStdString(c));
    for (const auto& v : i.views) views.append(QString::fromStdString(v));
    for (auto m : i.missingFrames) missing.append(qint64(m));
    o["channels"] = channels;
    o["views"] = views;
    o["missingFrames"] = missing;
    QJsonObject meta;
    for (const auto& [k, v] : i.metadata) meta[QString::fromStdString(k)] = QString::fromStdString(v);
    o["metadata"] = meta;
    if (!hwNote.empty()) o["hardwareNote"] = QString::fromStdString(hwNote);
    o["truncated"] = i.truncated;
    if (i.truncated && i.listedFrameCount > 0) {
        o["listedFrameCount"] = qint64(i.listedFrameCount);
        o["listedFrameCountEstimated"] = i.listedFrameCountEstimated;
    }
    QJsonArray warnings;
    for (const auto& w : i.warnings) warnings.append(QString::fromStdString(w.toString()));
    o["warnings"] = warnings;
    return o;
}

void printHuman(const MediaInfo& i) {
    std::printf("File:          %s\n", printable(i.path).c_str());
    std::printf("Container:     %s\n", i.container.c_str());
    std::printf("Codec:         %s%s%s\n", i.codec.c_str(), i.profile.empty() ? "" : " / ", i.profile.c_str());
    std::printf("Pixel format:  %s (%d-bit)\n", i.pixelFormat.c_str(), i.bitDepth);
    std::printf("Size:          %dx%d, pixel aspect %lld:%lld\n", i.width, i.height, (long long)i.pixelAspect.num,
                (long long)i.pixelAspect.den);
    if (i.displayWindow.width && !(i.displayWindow == i.dataWindow))
        std::printf("Windows:       data %d,%d %dx%d in display %d,%d %dx%d\n", i.dataWindow.x, i.dataWindow.y,
                    i.dataWindow.width, i.dataWindow.height, i.displayWindow.x, i.displayWindow.y,
                    i.displayWindow.width, i.displayWindow.height);
    std::printf("Frame rate:    %lld/%lld (%.3f fps)%s\n", (long long)i.frameRate.num, (long long)i.frameRate.den,
                i.frameRate.toDouble(), i.variableFrameRate ? ", variable" : "");
    std::printf("Frames:        %lld (first %lld)", (long long)i.frameCount, (long long)i.firstFrame);
    if (i.truncated && i.listedFrameCount > 0)
        std::printf(", truncated: the container lists %s%lld", i.listedFrameCountEstimated ? "about " : "",
                    (long long)i.listedFrameCount);
    else if (i.truncated)
        std::printf(", truncated");
    std::printf("\n");
    std::printf("Timecode:      %s%s\n", i.startTimecode.toString().c_str(), i.hasTimecode ? "" : " (from the frame number)");
    std::printf("Colour:        primaries %s, transfer %s, matrix %s, range %s\n", i.colour.primaries.c_str(),
                i.colour.transfer.c_str(), i.colour.matrix.c_str(), i.colour.range.c_str());
    if (i.colour.chromaticities) {
        std::printf("Chromaticities:");
        for (float v : *i.colour.chromaticities) std::printf(" %.4f", double(v));
        std::printf("\n");
    }
    if (!i.channels.empty()) {
        std::printf("Channels:     ");
        for (const auto& c : i.channels) std::printf(" %s", c.c_str());
        std::printf("\n");
    }
    if (!i.views.empty()) {
        std::printf("Views:        ");
        for (const auto& v : i.views) std::printf(" %s", v.c_str());
        std::printf("\n");
    }
    if (!i.missingFrames.empty()) {
        std::printf("Missing:       %zu frames:", i.missingFrames.size());
        for (size_t k = 0; k < i.missingFrames.size() && k < 50; ++k) std::printf(" %lld", (long long)i.missingFrames[k]);
        std::printf("%s\n", i.missingFrames.size() > 50 ? " ..." : "");
    }
    for (const auto& a : i.audio)
        std::printf("Audio:         %s %d Hz %d ch (%s) %.3f s%s%s\n", a.codec.c_str(), a.sampleRate,
                    a.channels, a.channelLayout.c_str(), a.durationSeconds, a.path.empty() ? "" : " from ",
                    printable(a.path).c_str());
    for (const auto& [k, v] : i.metadata) std::printf("  %s: %s\n", k.c_str(), v.c_str());
    for (const auto& w : i.warnings) std::printf("Warning:       %s\n", w.toString().c_str());
}

// What is wrong with a clip that still reads (a truncated movie), on stderr: the frames written
// or hashed are then not the whole clip.
void warnOnStderr(const char* command, const MediaInfo& i) {
    for (const auto& w : i.warnings)
        std::fprintf(stderr, "rushes-cli %s: warning: %s\n", command, w.toString().c_str());
}

// "37,5,120" or "10-20" or a mix.
std::optional<std::vector<int64_t>> parseFrameList(const QString& text) {
    std::vector<int64_t> out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok1 = false, ok2 = false;
        const int dash = part.indexOf(QLatin1Char('-'), 1);
        if (dash > 0) {
            const qint64 a = part.left(dash).trimmed().toLongLong(&ok1);
            const qint64 b = part.mid(dash + 1).trimmed().toLongLong(&ok2);
            if (!ok1 || !ok2 || b < a || b - a > 10'000'000) return std::nullopt;
            for (qint64 n = a; n <= b; ++n) out.push_back(n);
        } else {
            const qint64 n = part.trimmed().toLongLong(&ok1);
            if (!ok1) return std::nullopt;
            out.push_back(n);
        }
    }
    if (out.empty()) return std::nullopt;
    return out;
}

QByteArray md5OfFrame(const Frame& f) {
    QCryptographicHash h(QCryptographicHash::Md5);
    for (const auto& p : f.planes)
        h.addData(QByteArrayView(reinterpret_cast<const char*>(p.data.data()), qsizetype(p.data.size())));
    return h.result().toHex();
}

}  // namespace

int probe(const QStringList& args) {
    QString path;
    bool json = false;
    for (const QString& a : args) {
        if (a == QLatin1String("--json")) json = true;
        else if (a.startsWith(QLatin1String("--")))
            return failLine("rushes-cli probe: unknown option " + printableArgument(a));
        else if (path.isEmpty()) path = a;
        else return failLine("rushes-cli probe: one file or pattern at a time");
    }
    if (path.isEmpty()) return failLine("usage: rushes-cli probe FILE|PATTERN [--json]");
    auto reader = openMedia(nativePath(path));
    if (!reader) return failLine(reader.error().toString());
    const MediaInfo& info = (*reader)->info();
    if (json) {
        std::printf("%s", QJsonDocument(infoJson(info, (*reader)->hardwareNote())).toJson(QJsonDocument::Indented).constData());
    } else {
        printHuman(info);
    }
    return 0;
}

int framemd5(const QStringList& args) {
    QString path, frames;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--frames") && i + 1 < args.size()) frames = args[++i];
        else if (args[i].startsWith(QLatin1String("--")))
            return failLine("rushes-cli framemd5: unknown option " + printableArgument(args[i]));
        else if (path.isEmpty()) path = args[i];
        else return failLine("rushes-cli framemd5: one file or pattern at a time");
    }
    if (path.isEmpty()) return failLine("usage: rushes-cli framemd5 FILE|PATTERN [--frames 37,5,120]");
    auto reader = openMedia(nativePath(path));
    if (!reader) return failLine(reader.error().toString());
    MediaReader& r = **reader;
    const MediaInfo& info = r.info();
    warnOnStderr("framemd5", info);
    std::vector<int64_t> numbers;
    if (!frames.isEmpty()) {
        auto list = parseFrameList(frames);
        if (!list) return failLine("rushes-cli framemd5: bad frame list '" + printableArgument(frames) + "'");
        numbers = *list;
    } else {
        for (int64_t i = 0; i < info.frameCount; ++i) numbers.push_back(info.firstFrame + i);
    }
    for (int64_t number : numbers) {
        const int64_t index = number - info.firstFrame;
        auto frame = r.readFrame(index);
        if (!frame) return failLine(frame.error().toString());
        if (frame->missing) {
            std::printf("%lld, missing\n", static_cast<long long>(number));
            continue;
        }
        std::printf("%lld, %s\n", static_cast<long long>(number), md5OfFrame(*frame).constData());
    }
    std::fflush(stdout);
    return 0;
}

int convert(const QStringList& args) {
    QString in, out, codec, frames;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--codec") && i + 1 < args.size()) codec = args[++i];
        else if (args[i] == QLatin1String("--frames") && i + 1 < args.size()) frames = args[++i];
        else if (args[i].startsWith(QLatin1String("--")))
            return failLine("rushes-cli convert: unknown option " + printableArgument(args[i]));
        else if (in.isEmpty()) in = args[i];
        else if (out.isEmpty()) out = args[i];
        else return failLine("rushes-cli convert: too many arguments");
    }
    if (in.isEmpty() || out.isEmpty())
        return failLine("usage: rushes-cli convert IN OUT [--codec prores|prores4444|dnxhr|h264|exr|dpx|png] [--frames A-B]");
    auto reader = openMedia(nativePath(in));
    if (!reader) return failLine(reader.error().toString());
    MediaReader& r = **reader;
    const MediaInfo& info = r.info();
    warnOnStderr("convert", info);
    int64_t first = info.firstFrame, last = info.firstFrame + info.frameCount - 1;
    if (!frames.isEmpty()) {
        const QStringList ab = frames.split(QLatin1Char('-'));
        bool okA = false, okB = false;
        if (ab.size() == 2) {
            first = ab[0].toLongLong(&okA);
            last = ab[1].toLongLong(&okB);
        }
        if (!okA || !okB || last < first || first < info.firstFrame || last >= info.firstFrame + info.frameCount)
            return failLine("rushes-cli convert: bad frame range '" + printableArgument(frames) +
                            "' (the clip has " + std::to_string(info.firstFrame) + "-" +
                            std::to_string(info.firstFrame + info.frameCount - 1) + ")");
    }
    QString outPath = out;
    const QString ext = QFileInfo(out).suffix().toLower();
    const bool sequenceOut = ext == QLatin1String("exr") || ext == QLatin1String("dpx") || ext == QLatin1String("png");
    if (sequenceOut && !out.contains(QLatin1Char('#')) && !out.contains(QLatin1Char('%')))
        outPath = out.left(out.size() - ext.size() - 1) + QStringLiteral(".%04d.") + ext;
    WriteOptions o;
    o.codec = codec.toStdString();
    o.width = info.width;
    o.height = info.height;
    o.frameRate = info.frameRate;
    o.firstFrame = first;
    o.colour = info.colour;
    o.dataWindow = info.dataWindow;
    o.displayWindow = info.displayWindow;
    o.attributes = info.metadata;
    const int64_t offset = first - info.firstFrame;
    o.hasTimecode = info.hasTimecode;
    o.startTimecode = Timecode::fromFrames(info.startTimecode.toFrames(info.frameRate) + offset, info.frameRate,
                                           info.startTimecode.dropFrame);
    // The first sound track travels with the pictures, cut to the same frames.
    const bool withAudio = !info.audio.empty() && info.audio[0].sampleRate > 0 && info.audio[0].channels > 0;
    if (withAudio) {
        o.audioSampleRate = info.audio[0].sampleRate;
        o.audioChannels = info.audio[0].channels;
    }
    auto writer = createWriter(nativePath(outPath), o);
    if (!writer) return failLine(writer.error().toString());
    // Nothing is in place yet (files are written under temporary names, the writer removes its own).
    if (auto st = checkNoOverwrite(filesRead(info), filesWritten(nativePath(outPath), o, last - first + 1));
        !st)
        return failLine(st.error().toString());
    const std::string c = o.codec.empty() ? ext.toStdString() : o.codec;
    // Sample position of the start of frame n, counted from frame 0 at the sound's own rate.
    auto sampleAt = [&](int64_t n) {
        return int64_t(std::llround(double(n - info.firstFrame) * double(o.audioSampleRate) *
                                    double(info.frameRate.den) / double(info.frameRate.num)));
    };
    const ImageFormat fmt = c == "exr" ? ImageFormat::RGBAHalf
                            : (c == "png" && info.bitDepth <= 8) ? ImageFormat::RGBA8
                                                                 : ImageFormat::RGBA16;
    const StopOnSignals stopper;
    int64_t written = 0;
    for (int64_t n = first; n <= last && !stopper.stopped(); ++n, ++written) {
        auto img = r.readImage(n - info.firstFrame, fmt);
        if (!img) return failLine(img.error().toString());
        if (auto st = (*writer)->writeImage(*img); !st) return failLine(st.error().toString());
        if (withAudio) {
            const int64_t from = sampleAt(n), count = sampleAt(n + 1) - from;
            auto sound = r.readAudio(0, from, count, o.audioSampleRate);
            if (!sound) return failLine(sound.error().toString());
            if (auto st = (*writer)->writeAudio(*sound); !st) return failLine(st.error().toString());
        }
        std::fprintf(stderr, "\rconvert: frame %lld/%lld", static_cast<long long>(written + 1),
                     static_cast<long long>(last - first + 1));
        std::fflush(stderr);
    }
    std::fprintf(stderr, "\n");
    if (auto st = (*writer)->finish(); !st) return failLine(st.error().toString());
    if (stopper.stopped()) {
        std::fprintf(stderr, "convert: stopped after %lld complete frames (interrupted); %s holds them\n",
                     static_cast<long long>(written), printableArgument(outPath).c_str());
        return stopper.exitCode();
    }
    std::fprintf(stderr, "wrote %lld frames to %s\n", static_cast<long long>(written),
                 printableArgument(outPath).c_str());
    return 0;
}

}  // namespace rushes::cli
