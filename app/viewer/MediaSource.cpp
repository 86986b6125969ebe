#include "viewer/MediaSource.h"

#include <QThread>

#include <algorithm>
#include <map>
#include <mutex>
#include <regex>

#include "rushes/codecs/MediaReader.h"
#include "viewer/YuvLayout.h"

namespace rushes::viewer {

namespace {
// The reader a probe opened, handed to the first decode thread so a shot is opened once.
std::mutex g_probedMutex;
std::map<std::string, std::unique_ptr<codecs::MediaReader>> g_probed;
}  // namespace

codecs::Result<codecs::MediaInfo> probeMedia(const QString& path) {
    auto reader = codecs::openMedia(path.toStdString());
    if (!reader) return reader.error();
    codecs::MediaInfo info = reader.value()->info();
    std::lock_guard lock(g_probedMutex);
    g_probed[path.toStdString()] = std::move(reader.value());
    return info;
}

playback::ReaderFactory readerFactory(const QString& path) {
    const std::string p = path.toStdString();
    return [p]() -> codecs::Result<std::unique_ptr<codecs::MediaReader>> {
        {
            std::lock_guard lock(g_probedMutex);
            auto it = g_probed.find(p);
            if (it != g_probed.end()) {
                auto reader = std::move(it->second);
                g_probed.erase(it);
                return reader;
            }
        }
        return codecs::openMedia(p);
    };
}

bool isIntraOnly(const codecs::MediaInfo& info) {
    static const char* intra[] = {"prores", "dnxhd", "dnxhr", "mjpeg", "png", "openexr", "exr", "dpx", "tiff",
                                  "rawvideo", "v210", "ffv1", "jpeg2000", "cfhd", "targa", "bmp", "jpeg", "yuv4"};
    if (info.container.find("sequence") != std::string::npos || info.frameCount <= 1) return true;
    for (const char* c : intra)
        if (info.codec.find(c) != std::string::npos) return true;
    return false;
}

bool isFloatSource(const codecs::MediaInfo& info) {
    return info.codec == "openexr" || info.codec == "exr" || info.pixelFormat.find("f16") != std::string::npos ||
           info.pixelFormat.find("f32") != std::string::npos;
}

bool isDeepIntegerSource(const codecs::MediaInfo& info) {
    if (isFloatSource(info)) return false;
    // FFmpeg's names carry the depth: gbrp10le, gray16be, gbrap12le, yuv444p12le; rgb48le, rgba64be.
    static const std::regex depth(R"(^[a-z0-9]*?[a-z]p?(9|10|12|14|16)(le|be)$)");
    static const std::regex wide(R"(^(rgb|bgr)(48|a64|64)(le|be)$)");
    return std::regex_match(info.pixelFormat, depth) || std::regex_match(info.pixelFormat, wide);
}

playback::CacheSource cacheSourceFor(const playback::Shot& shot) {
    playback::CacheSource s;
    s.id = shot.id;
    s.open = readerFactory(shot.path);
    s.frameCount = shot.info.frameCount;
    // Float sources, and integer ones deeper than 8 bits (10-bit DPX, 16-bit PNG) unless their YUV
    // planes reach the viewer as decoded (below), are cached as half floats: a 10-bit code keeps
    // its value (half floats hold 11 significant bits), so exposure, gamma and a display LUT act
    // on the source's levels, not on 8-bit steps.
    s.format = isFloatSource(shot.info) || isDeepIntegerSource(shot.info) ? codecs::ImageFormat::RGBAHalf
                                                                          : codecs::ImageFormat::RGBA8;
    // Image files decode independently: several readers. A movie has one reader whatever its codec:
    // readers taking turns (0, 2, 4... and 1, 3, 5...) each decode forward through the other's
    // frames too (half the work wasted), and FFmpeg threads each decode already.
    const bool sequence = shot.info.container.find("sequence") != std::string::npos;
    s.decoders = sequence && isIntraOnly(shot.info) ? std::clamp(QThread::idealThreadCount(), 2, 4) : 1;
    s.splitConversion = s.decoders == 1;
    s.intraOnly = isIntraOnly(shot.info);
    s.frameRate = shot.info.frameRate.toDouble();
    s.frameBytesHint = qint64(shot.info.width) * shot.info.height * 4 * (s.format == codecs::ImageFormat::RGBAHalf ? 2 : 1);
    // YUV the viewer's shader reads stays as decoded: no RGBA conversion, a half to a third of the
    // bytes. RUSHES_RGBA_CACHE=1 converts on the CPU as before (for comparisons).
    const auto yuv = yuvLayout(shot.info.pixelFormat, shot.info);
    if (yuv && !qEnvironmentVariableIsSet("RUSHES_RGBA_CACHE")) {
        s.nativePlanes = true;
        const qint64 luma = qint64(shot.info.width) * shot.info.height * yuv->bytesPerSample();
        s.frameBytesHint = luma + 2 * (luma >> (yuv->chromaShiftX + yuv->chromaShiftY));
    }
    for (int64_t number : shot.info.missingFrames) s.missing.push_back(number - shot.info.firstFrame);
    return s;
}

}  // namespace rushes::viewer
