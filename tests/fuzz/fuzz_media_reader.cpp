// libFuzzer target over probing and frame reading. The first byte picks the file's extension (so
// both the FFmpeg and the OpenImageIO paths get exercised); the rest is the file's content.
#include <cstdint>
#include <cstdio>
#include <string>

#include <unistd.h>

#include "rushes/codecs/MediaReader.h"

namespace {
const char* const kExtensions[] = {".mov", ".mp4", ".mkv", ".exr", ".png", ".dpx", ".y4m", ".tif", ".webm", ".jpg"};
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const char* ext = kExtensions[data[0] % (sizeof kExtensions / sizeof kExtensions[0])];
    const std::string path = "/tmp/rushes_fuzz_" + std::to_string(::getpid()) + ext;
    FILE* fp = std::fopen(path.c_str(), "wb");
    if (!fp) return 0;
    std::fwrite(data + 1, 1, size - 1, fp);
    std::fclose(fp);
    using namespace rushes::codecs;
    auto reader = openMedia(path);
    if (reader) {
        MediaReader& r = **reader;
        const int64_t n = r.info().frameCount;
        for (int64_t i : {int64_t(0), n - 1, n / 2, int64_t(1)}) {
            if (i < 0 || i >= n) continue;
            auto f = r.readFrame(i);
            if (f && !f->missing) (void)convertFrame(*f, r.info(), ImageFormat::RGBAHalf);
            (void)r.readImage(i, ImageFormat::RGBA8);
        }
        if (!r.info().audio.empty()) (void)r.readAudio(0, 0, 256, 48000);
    }
    std::remove(path.c_str());
    return 0;
}
