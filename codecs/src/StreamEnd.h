#pragma once
// Evidence that a stream file was cut short where the container records no length: YUV4MPEG and
// MPEG transport streams have no frame count, so a copy cut at a frame (Y4M) or packet (TS)
// boundary looks whole. A cut anywhere else leaves a piece: a Y4M file that ends inside a frame,
// a transport stream whose size is not a whole number of its fixed-size packets.
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <string>

namespace rushes::codecs::detail {

// YUV4MPEG: a header line, then for each frame "FRAME" (with optional parameters) up to a newline
// and `frameBytes` bytes of picture. True when the last frame is cut short or its header is not
// "FRAME": the walk is from frame header to frame header, so it stops at the first sign of damage.
inline bool y4mEndsInsideFrame(std::ifstream& in, int64_t fileSize, int64_t frameBytes) {
    if (!in || fileSize <= 0 || frameBytes <= 0) return false;
    constexpr int kLine = 256;  // a header or FRAME line longer than this is not one FFmpeg reads
    char buf[kLine];
    // The line at `pos` ends at the returned offset (past its newline), or -1.
    auto lineEnd = [&](int64_t pos) -> int64_t {
        in.clear();
        in.seekg(pos);
        const int64_t want = std::min<int64_t>(kLine, fileSize - pos);
        if (want <= 0 || !in.read(buf, want)) return -1;
        for (int64_t i = 0; i < want; ++i)
            if (buf[i] == '\n') return pos + i + 1;
        return -1;
    };
    int64_t pos = lineEnd(0);
    if (pos < 10 || std::string(buf, 9) != "YUV4MPEG2") return false;  // "YUV4MPEG2 ...\n"
    while (pos < fileSize) {
        const int64_t payload = lineEnd(pos);
        if (payload < pos + 6 || std::string(buf, 5) != "FRAME")
            return true;                                                 // a frame header cut or damaged
        if (payload + frameBytes > fileSize) return true;                // the picture cut short
        pos = payload + frameBytes;
    }
    return false;
}

// MPEG-TS (188-byte packets) or M2TS/BDAV (192: a 4-byte arrival time, then the packet): true when
// the file's size is not a whole number of packets. The packet size is read from the sync bytes
// (0x47) of the first two packets; a file where neither size fits says nothing.
inline bool tsEndsInsidePacket(std::ifstream& in, int64_t fileSize) {
    if (!in || fileSize < 2 * 192) return false;
    unsigned char b[2 * 192 + 1] = {};
    in.clear();
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(b), sizeof b - 1)) return false;
    int packet = 0;
    if (b[0] == 0x47 && b[188] == 0x47)
        packet = 188;
    else if (b[4] == 0x47 && b[196] == 0x47)
        packet = 192;
    return packet > 0 && fileSize % packet != 0;
}

}  // namespace rushes::codecs::detail
