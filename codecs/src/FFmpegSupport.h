#pragma once
// RAII owners for FFmpeg handles and small helpers shared by the FFmpeg-based readers and writers.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

#include "rushes/codecs/Media.h"

namespace rushes::codecs::detail {

struct FormatCloser {
    void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct CodecFreer {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameFreer {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketFreer {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsFreer {
    void operator()(SwsContext* s) const { sws_freeContext(s); }
};
struct SwrFreer {
    void operator()(SwrContext* s) const { swr_free(&s); }
};
struct BufferUnref {
    void operator()(AVBufferRef* b) const { av_buffer_unref(&b); }
};

using FormatPtr = std::unique_ptr<AVFormatContext, FormatCloser>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using SwsPtr = std::unique_ptr<SwsContext, SwsFreer>;
using SwrPtr = std::unique_ptr<SwrContext, SwrFreer>;
using BufferPtr = std::unique_ptr<AVBufferRef, BufferUnref>;

inline FramePtr makeFrame() { return FramePtr(av_frame_alloc()); }
inline PacketPtr makePacket() { return PacketPtr(av_packet_alloc()); }

std::string averr(int code);

// Copies a decoded software frame into a Frame with tightly packed planes, exactly the bytes
// av_image_copy_to_buffer(align 1) would give (palette included), so an MD5 of the planes
// concatenated equals FFmpeg's framemd5.
Frame frameFromAV(const AVFrame* f);
// The same into `out`, reusing its planes' memory where it is large enough.
void frameFromAV(const AVFrame* f, Frame& out);

// Resizes without zero-filling bytes that are about to be overwritten when the capacity suffices
// (std::vector::resize value-initialises only the new elements; shrinking keeps the capacity).
inline void resizeForOverwrite(std::vector<uint8_t>& v, size_t n) {
    if (v.capacity() < n) {
        v.clear();
        v.shrink_to_fit();
    }
    v.resize(n);
}

// Fills planes metadata for a pixel format without data (used by probes).
int bitDepthOf(AVPixelFormat fmt);

// Reads a whole (small) file into memory; refuses files larger than maxBytes. `why`, when it cannot:
// "cannot read: <the cause>" (no path).
bool readWholeFile(const std::string& path, std::vector<uint8_t>& out, size_t maxBytes, Error& why);

}  // namespace rushes::codecs::detail
