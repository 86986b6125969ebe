// openMedia(): checks the path, picks the movie or image reader, and keeps every exception from
// FFmpeg or OpenImageIO on this side of the API.
#include <OpenImageIO/imageio.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <new>

#include "FFmpegSupport.h"
#include "Messages.h"
#include "Readers.h"
#include "Sequence.h"
#include "rushes/codecs/MediaReader.h"
#include "rushes/codecs/NativeFile.h"

namespace rushes::codecs {

namespace {

using detail::makeError;
using detail::makeSystemError;

void quietLibraries() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Libraries talk on stderr about damaged input; Rushes reports one clear error instead.
        if (!std::getenv("RUSHES_FFMPEG_LOG")) av_log_set_level(AV_LOG_QUIET);
        OIIO::attribute("try_all_readers", 0);
        // EXR through the OpenEXRCore library (OpenEXR 3's C API) rather than the classic C++ one:
        // 1080p half zip16 read at 0.95-1.13x of ffmpeg against 0.83-0.96x (four alternated runs
        // each). RUSHES_EXR_CORE=0 goes back to the classic reader.
        const char* core = std::getenv("RUSHES_EXR_CORE");
        OIIO::attribute("openexr:core", core && std::strcmp(core, "0") == 0 ? 0 : 1);
    });
}

bool isImageExtension(const std::string& ext) {
    static const char* kExts[] = {"exr", "dpx", "cin", "png", "tif", "tiff", "jpg", "jpeg", "bmp", "tga",
                                  "sgi", "rgb", "hdr", "psd", "jp2", "j2k", "webp", "sxr", "mxr", "tx"};
    for (const char* e : kExts)
        if (ext == e) return true;
    return false;
}

}  // namespace

Result<std::unique_ptr<MediaReader>> openMedia(const std::string& path, const OpenOptions& options) {
    quietLibraries();
    try {
        if (path.empty())
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no file given"));
        namespace fs = std::filesystem;
        if (detail::looksLikePattern(path)) {
            std::error_code ec;
            if (!fs::exists(fsPath(path), ec)) return detail::openSequence(path, options);
        }
        std::error_code ec;
        const auto status = fs::status(fsPath(path), ec);
        if (ec || !fs::exists(status))
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no such file"));
        if (fs::is_directory(status))
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                     "is a directory, not a media file or sequence"));
        // A pipe without a writer would block the open for ever; devices and sockets are no clips either.
        if (!fs::is_regular_file(status))
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                     "is not a regular file (a pipe, device or socket)"));
        FILE* fp = openFile(path, "rb");
        if (!fp)
            return makeSystemError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open: %1"),
                                   errno);
        unsigned char magic[16] = {};
        const size_t got = std::fread(magic, 1, sizeof magic, fp);
        std::fclose(fp);
        if (got == 0)
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "empty file (0 bytes)"));
        const std::string ext = detail::lowerExtension(path);
        const bool exrMagic = got >= 4 && magic[0] == 0x76 && magic[1] == 0x2f && magic[2] == 0x31 && magic[3] == 0x01;
        if (ext == "exr" && !exrMagic)
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                     "not an OpenEXR file (bad magic number)"));
        if (exrMagic || isImageExtension(ext)) return detail::openSequence(path, options);
        return detail::openMovie(path, options);
    } catch (const std::bad_alloc&) {
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory while opening"));
    } catch (const std::exception& e) {
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open: %1"), e.what());
    } catch (...) {
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open: unknown error"));
    }
}

int64_t indexForTimecode(const MediaInfo& info, const Timecode& tc) {
    const int64_t index = tc.toFrames(info.frameRate) - info.startTimecode.toFrames(info.frameRate);
    return index >= 0 && index < info.frameCount ? index : -1;
}

}  // namespace rushes::codecs
