// libFuzzer target over probing and frame reading. The first byte picks the file's extension (so
// both the FFmpeg and the OpenImageIO paths get exercised) and, with its top bit, whether the rest
// is one file or a two-frame image sequence (the rest split in half: frames 1 and 2, so frames
// whose headers disagree are read one after the other, as in a damaged or mixed sequence).
//
// Each process writes its inputs into a fresh private directory, under names that form no
// sequence with anything else. The inputs used to be written as /tmp/rushes_fuzz_<pid><ext>: a
// name ending in digits, so the reader took every such file in /tmp as frames of one image
// sequence (files left by crashed runs, and those of a fuzzer running beside it, rewritten while
// read). What a run did then depended on the machine's /tmp, and no saved input reproduced it.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "rushes/codecs/MediaReader.h"

namespace {
const char* const kExtensions[] = {".mov", ".mp4", ".mkv", ".exr",  ".png",
                                   ".dpx", ".y4m", ".tif", ".webm", ".jpg"};

bool writeFile(const std::string& path, const uint8_t* data, size_t size) {
    FILE* fp = std::fopen(path.c_str(), "wb");
    if (!fp) return false;
    const bool ok = std::fwrite(data, 1, size, fp) == size;
    return std::fclose(fp) == 0 && ok;
}

// RUSHES_FUZZ_DUMP_DIR=<dir> writes every input, numbered, before it runs: a corruption that
// shows up only several inputs later can then be replayed input by input (fuzz_media_reader_replay
// under valgrind sees writes inside the uninstrumented libraries).
void dumpInput(const uint8_t* data, size_t size) {
    static const char* const dir = std::getenv("RUSHES_FUZZ_DUMP_DIR");
    static std::atomic<long> counter{0};
    if (!dir || !*dir) return;
    char name[32];
    std::snprintf(name, sizeof name, "/%08ld", counter++);
    writeFile(std::string(dir) + name, data, size);
}

// The process's own directory, made once and removed at exit (the string is never destroyed: the
// exit handler runs after static destructors).
const std::string& privateDir() {
    static const std::string* const dir = [] {
        std::error_code ec;
        std::string tmpl = (std::filesystem::temp_directory_path(ec) / "rushes_fuzz_XXXXXX").string();
        if (ec || !::mkdtemp(tmpl.data())) {
            std::perror("fuzz_media_reader: cannot make a private directory");
            std::abort();
        }
        auto* made = new std::string(tmpl);
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(privateDir(), ignored);
        });
        return made;
    }();
    return *dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    dumpInput(data, size);
    if (size < 1) return 0;
    const char* ext = kExtensions[(data[0] & 0x7F) % (sizeof kExtensions / sizeof kExtensions[0])];
    const bool sequence = (data[0] & 0x80) != 0;
    const uint8_t* body = data + 1;
    const size_t bodySize = size - 1;
    const std::string& dir = privateDir();
    std::vector<std::string> written;
    bool ok = true;
    if (sequence) {
        // "clip.1.exr" and "clip.2.exr": the reader finds frames 1-2 from the first.
        const size_t half = bodySize / 2;
        written = {dir + "/clip.1" + ext, dir + "/clip.2" + ext};
        ok = writeFile(written[0], body, half) && writeFile(written[1], body + half, bodySize - half);
    } else {
        written = {dir + "/input" + ext};
        ok = writeFile(written[0], body, bodySize);
    }
    auto removeWritten = [&] {
        for (const std::string& file : written) std::remove(file.c_str());
    };
    if (!ok) {
        removeWritten();
        return 0;
    }
    const std::string& path = written[0];
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
    removeWritten();
    return 0;
}
