#include "Convert.h"

#include <Imath/half.h>

#include <algorithm>
#include <array>
#include <cstring>

extern "C" {
#include <libavutil/opt.h>
}

#include "Messages.h"
#include "rushes/codecs/MediaReader.h"

namespace rushes::codecs::detail {

namespace {

int swsColourspace(AVColorSpace cs, const ColourInfo& colour, int height) {
    switch (cs) {
        case AVCOL_SPC_BT709:
            return SWS_CS_ITU709;
        case AVCOL_SPC_FCC:
            return SWS_CS_FCC;
        case AVCOL_SPC_BT470BG:
        case AVCOL_SPC_SMPTE170M:
            return SWS_CS_ITU601;
        case AVCOL_SPC_SMPTE240M:
            return SWS_CS_SMPTE240M;
        case AVCOL_SPC_BT2020_NCL:
        case AVCOL_SPC_BT2020_CL:
            return SWS_CS_BT2020;
        default:
            break;
    }
    const std::string& m = colour.matrix;
    if (m == "bt709") return SWS_CS_ITU709;
    if (m == "bt470bg" || m == "smpte170m") return SWS_CS_ITU601;
    if (m == "bt2020nc" || m == "bt2020c") return SWS_CS_BT2020;
    if (m == "smpte240m") return SWS_CS_SMPTE240M;
    // Unspecified: HD and larger are Rec.709 by convention, SD is Rec.601.
    return height > 576 ? SWS_CS_ITU709 : SWS_CS_ITU601;
}

bool isFullRange(const AVFrame* f, const ColourInfo& colour) {
    switch (AVPixelFormat(f->format)) {
        case AV_PIX_FMT_YUVJ420P:
        case AV_PIX_FMT_YUVJ422P:
        case AV_PIX_FMT_YUVJ444P:
        case AV_PIX_FMT_YUVJ440P:
        case AV_PIX_FMT_YUVJ411P:
            return true;
        default:
            break;
    }
    if (f->color_range == AVCOL_RANGE_JPEG) return true;
    if (f->color_range == AVCOL_RANGE_MPEG) return false;
    return colour.range == "pc";
}

// Plain (un-yuvj) equivalent: swscale warns about deprecated yuvj formats otherwise.
AVPixelFormat plainFormat(AVPixelFormat f) {
    switch (f) {
        case AV_PIX_FMT_YUVJ420P:
            return AV_PIX_FMT_YUV420P;
        case AV_PIX_FMT_YUVJ422P:
            return AV_PIX_FMT_YUV422P;
        case AV_PIX_FMT_YUVJ444P:
            return AV_PIX_FMT_YUV444P;
        case AV_PIX_FMT_YUVJ440P:
            return AV_PIX_FMT_YUV440P;
        case AV_PIX_FMT_YUVJ411P:
            return AV_PIX_FMT_YUV411P;
        default:
            return f;
    }
}

const std::array<float, 65536>& u16ToFloat() {
    static const auto table = [] {
        std::array<float, 65536> t{};
        for (int i = 0; i < 65536; ++i) t[size_t(i)] = float(i) / 65535.0f;
        return t;
    }();
    return table;
}
const std::array<uint16_t, 65536>& u16ToHalf() {
    static const auto table = [] {
        std::array<uint16_t, 65536> t{};
        for (int i = 0; i < 65536; ++i) t[size_t(i)] = Imath::half(float(i) / 65535.0f).bits();
        return t;
    }();
    return table;
}

}  // namespace

void rgba16ToFloatFormat(const std::vector<uint8_t>& rgba16, ImageFormat format, Image& out) {
    const size_t n = rgba16.size() / 2;
    const auto* src = reinterpret_cast<const uint16_t*>(rgba16.data());
    if (format == ImageFormat::RGBAHalf) {
        out.data.resize(n * 2);
        auto* dst = reinterpret_cast<uint16_t*>(out.data.data());
        const auto& t = u16ToHalf();
        for (size_t i = 0; i < n; ++i) dst[i] = t[src[i]];
    } else {
        out.data.resize(n * 4);
        auto* dst = reinterpret_cast<float*>(out.data.data());
        const auto& t = u16ToFloat();
        for (size_t i = 0; i < n; ++i) dst[i] = t[src[i]];
    }
}

void rgba8ToFormat(const std::vector<uint8_t>& rgba8, ImageFormat format, Image& out) {
    const size_t n = rgba8.size();
    if (format == ImageFormat::RGBA16) {
        out.data.resize(n * 2);
        auto* dst = reinterpret_cast<uint16_t*>(out.data.data());
        for (size_t i = 0; i < n; ++i) dst[i] = uint16_t(rgba8[i] * 257);
    } else if (format == ImageFormat::RGBAHalf) {
        out.data.resize(n * 2);
        auto* dst = reinterpret_cast<uint16_t*>(out.data.data());
        const auto& t = u16ToHalf();
        for (size_t i = 0; i < n; ++i) dst[i] = t[size_t(rgba8[i]) * 257];
    } else if (format == ImageFormat::RGBAFloat) {
        out.data.resize(n * 4);
        auto* dst = reinterpret_cast<float*>(out.data.data());
        for (size_t i = 0; i < n; ++i) dst[i] = float(rgba8[i]) / 255.0f;
    } else {
        out.data = rgba8;
    }
}

Status Scaler::convert(const AVFrame* f, ImageFormat format, const ColourInfo& colour, Image& out,
                       const ConvertSize& size) {
    const auto src = AVPixelFormat(f->format);
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(src);
    if (!desc) return makeError({}, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "unknown pixel format"));
    // 8-bit sources take swscale's fast 8-bit path and are widened after: the 16-bit output path
    // is several times slower and adds nothing to 8 bits of input.
    const bool eightBit = desc->comp[0].depth <= 8;
    const AVPixelFormat dst =
        (format == ImageFormat::RGBA8 || eightBit) ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGBA64;
    const bool yuv = !(desc->flags & AV_PIX_FMT_FLAG_RGB) && desc->nb_components >= 3;
    const int cs = yuv ? swsColourspace(f->colorspace, colour, f->height) : SWS_CS_DEFAULT;
    const int range = yuv ? int(isFullRange(f, colour)) : 1;
    const AVPixelFormat plain = plainFormat(src);
    const int outW = size.width > 0 && size.height > 0 ? size.width : f->width;
    const int outH = size.width > 0 && size.height > 0 ? size.height : f->height;
    const bool fullChroma = outW == f->width && outH == f->height;
    if (!m_sws || m_w != f->width || m_h != f->height || m_src != plain || m_dst != dst || m_cs != cs ||
        m_range != range || m_outW != outW || m_outH != outH) {
        m_sws.reset(sws_alloc_context());
        if (!m_sws) return makeError({}, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
        SwsContext* c = m_sws.get();
        av_opt_set_int(c, "srcw", f->width, 0);
        av_opt_set_int(c, "srch", f->height, 0);
        av_opt_set_int(c, "src_format", plain, 0);
        av_opt_set_int(c, "dstw", outW, 0);
        av_opt_set_int(c, "dsth", outH, 0);
        av_opt_set_int(c, "dst_format", dst, 0);
        // Full horizontal chroma interpolation: no chroma blockiness at edges; slices on every core.
        // A preview at another size lets the scaler upsample chroma (about half the time for 10-bit 4:2:2).
        av_opt_set_int(c, "sws_flags",
                       dst == AV_PIX_FMT_RGBA && fullChroma ? SWS_BILINEAR | SWS_FULL_CHR_H_INT : SWS_BILINEAR, 0);
        av_opt_set_int(c, "threads", 0, 0);
        if (sws_init_context(c, nullptr, nullptr) < 0) {
            m_sws.reset();
            return makeError({}, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot convert from %1"),
                             desc->name);
        }
        const int* coefs = sws_getCoefficients(cs);
        sws_setColorspaceDetails(c, coefs, range, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16,
                                 1 << 16);
        m_w = f->width;
        m_h = f->height;
        m_src = plain;
        m_dst = dst;
        m_cs = cs;
        m_range = range;
        m_outW = outW;
        m_outH = outH;
    }
    out.width = outW;
    out.height = outH;
    out.dataWindow = Rect{0, 0, outW, outH};
    out.format = format;
    const bool direct =
        format == ImageFormat::RGBA8 || (format == ImageFormat::RGBA16 && dst == AV_PIX_FMT_RGBA64);
    std::vector<uint8_t>& target = direct ? out.data : m_tmp;
    const size_t bpc = dst == AV_PIX_FMT_RGBA ? 1 : 2;
    // swscale's vector code reads and writes past the end of a line (valgrind on a fuzzed 1x16
    // YUV4MPEG frame: an 8-byte store 4 bytes past a 64-byte RGBA buffer, from a slice thread).
    // FFmpeg's own buffers carry padding for that; ours get an extra line and 64 bytes, and keep
    // their nominal size (shrinking a vector keeps its capacity, so the slack stays ours).
    const size_t targetSize = size_t(outW) * size_t(outH) * 4 * bpc;
    target.resize(targetSize + size_t(outW) * 4 * bpc + AV_INPUT_BUFFER_PADDING_SIZE);
    // The threaded frame API wants reference-counted frames: wrap both sides without copying.
    FramePtr in = makeFrame();
    if (f->buf[0]) {
        av_frame_ref(in.get(), f);
    } else {
        // Planes the caller owns (a Frame's) have no padding for swscale to read past: copy them
        // into buffers FFmpeg allocates with it. The buffers are kept for the next frame of the
        // same geometry: a fresh 4 MB (1080p 4:2:2) a frame is new memory every time, and each
        // page of it faults in (the player converts the frame shown this way on the GUI thread).
        if (!m_padded || m_padded->format != plain || m_padded->width != f->width ||
            m_padded->height != f->height || !av_frame_is_writable(m_padded.get())) {
            m_padded = makeFrame();
            if (!m_padded)
                return makeError({}, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
            m_padded->format = plain;
            m_padded->width = f->width;
            m_padded->height = f->height;
            if (av_frame_get_buffer(m_padded.get(), 0) < 0) {
                m_padded.reset();
                return makeError({}, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
            }
        }
        av_image_copy(m_padded->data, m_padded->linesize, const_cast<const uint8_t**>(f->data), f->linesize,
                      plain, f->width, f->height);
        av_frame_ref(in.get(), m_padded.get());
    }
    in->format = plain;
    FramePtr dstFrame = makeFrame();
    dstFrame->format = dst;
    dstFrame->width = outW;
    dstFrame->height = outH;
    dstFrame->data[0] = target.data();
    dstFrame->linesize[0] = int(size_t(outW) * 4 * bpc);
    dstFrame->buf[0] = av_buffer_create(
        target.data(), int(target.size()), [](void*, uint8_t*) {}, nullptr, 0);
    // sws_scale_frame would reconfigure on colour properties: strip them, the context has them.
    in->color_range = AVCOL_RANGE_UNSPECIFIED;
    in->colorspace = AVCOL_SPC_UNSPECIFIED;
    const int r = sws_scale_frame(m_sws.get(), dstFrame.get(), in.get());
    target.resize(targetSize);
    if (r < 0)
        return makeError({}, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "colour conversion failed: %1"),
                         averr(r));
    if (!direct && dst == AV_PIX_FMT_RGBA) {
        rgba8ToFormat(m_tmp, format, out);
    } else if (!direct) {
        rgba16ToFloatFormat(m_tmp, format, out);
    }
    return Ok{};
}

bool floatLayout(const std::string& name, int& channels, int& bytesPerSample) {
    static const struct {
        const char* name;
        int ch, bps;
    } kLayouts[] = {{"rgbaf16le", 4, 2}, {"rgbf16le", 3, 2}, {"yaf16le", 2, 2}, {"grayf16le", 1, 2},
                    {"rgbaf32le", 4, 4}, {"rgbf32le", 3, 4}, {"yaf32le", 2, 4}, {"grayf32le", 1, 4}};
    for (const auto& l : kLayouts)
        if (name == l.name) {
            channels = l.ch;
            bytesPerSample = l.bps;
            return true;
        }
    return false;
}

std::string floatLayoutName(int channels, int bytesPerSample) {
    const char* base = channels >= 4 ? "rgba" : channels == 3 ? "rgb" : channels == 2 ? "ya" : "gray";
    return std::string(base) + (bytesPerSample == 2 ? "f16le" : "f32le");
}

// Clamped to [0, 1], NaN to 0 (EXR pixels can hold NaN; converting one to an integer is undefined).
static inline float unitInterval(float v) {
    return v >= 0.0f ? std::min(v, 1.0f) : 0.0f;
}

Status convertFloatInterleaved(const uint8_t* src, int width, int height, int channels, int bytesPerSample,
                               ImageFormat format, Image& out) {
    out.width = width;
    out.height = height;
    out.dataWindow = Rect{0, 0, width, height};
    out.format = format;
    const size_t n = size_t(width) * size_t(height);
    out.data.resize(n * 4 * size_t(out.bytesPerChannel()));
    auto sample = [&](size_t px, int c) -> float {
        const size_t i = px * size_t(channels) + size_t(c);
        if (bytesPerSample == 2) {
            Imath::half h;
            uint16_t bits;
            std::memcpy(&bits, src + i * 2, 2);
            h.setBits(bits);
            return float(h);
        }
        float v;
        std::memcpy(&v, src + i * 4, 4);
        return v;
    };
    for (size_t px = 0; px < n; ++px) {
        float rgba[4];
        if (channels >= 3) {
            rgba[0] = sample(px, 0);
            rgba[1] = sample(px, 1);
            rgba[2] = sample(px, 2);
            rgba[3] = channels >= 4 ? sample(px, 3) : 1.0f;
        } else {
            rgba[0] = rgba[1] = rgba[2] = sample(px, 0);
            rgba[3] = channels == 2 ? sample(px, 1) : 1.0f;
        }
        switch (format) {
            case ImageFormat::RGBA8:
                for (int c = 0; c < 4; ++c)
                    out.data[px * 4 + size_t(c)] = uint8_t(unitInterval(rgba[c]) * 255.0f + 0.5f);
                break;
            case ImageFormat::RGBA16:
                for (int c = 0; c < 4; ++c) {
                    const auto v = uint16_t(unitInterval(rgba[c]) * 65535.0f + 0.5f);
                    std::memcpy(&out.data[(px * 4 + size_t(c)) * 2], &v, 2);
                }
                break;
            case ImageFormat::RGBAHalf:
                for (int c = 0; c < 4; ++c) {
                    const uint16_t v = Imath::half(rgba[c]).bits();
                    std::memcpy(&out.data[(px * 4 + size_t(c)) * 2], &v, 2);
                }
                break;
            case ImageFormat::RGBAFloat:
                std::memcpy(&out.data[px * 16], rgba, 16);
                break;
        }
    }
    return Ok{};
}

}  // namespace rushes::codecs::detail

namespace rushes::codecs {

using detail::makeError;
using detail::withPath;

Result<Image> convertFrame(const Frame& frame, const MediaInfo& info, ImageFormat format) {
    Image out;
    auto st = convertFrameInto(frame, info, format, out);
    if (!st) return st.error();
    return out;
}

Status convertFrameInto(const Frame& frame, const MediaInfo& info, ImageFormat format, Image& out,
                        const ConvertSize& size) {
    if (frame.missing)
        return makeError(info.path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame %1 is missing"),
                         frame.number);
    if (frame.planes.empty())
        return makeError(info.path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame has no pixels"));
    int channels = 0, bps = 0;
    if (detail::floatLayout(frame.pixelFormat, channels, bps)) {
        const size_t need = size_t(frame.width) * size_t(frame.height) * size_t(channels) * size_t(bps);
        if (frame.planes[0].data.size() < need)
            return makeError(info.path,
                             QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame data is too short"));
        auto st = detail::convertFloatInterleaved(frame.planes[0].data.data(), frame.width, frame.height,
                                                  channels, bps, format, out);
        if (!st) return st.error();
        if (frame.dataWindow.width > 0) out.dataWindow = frame.dataWindow;
        return Ok{};
    }
    const AVPixelFormat fmt = av_get_pix_fmt(frame.pixelFormat.c_str());
    if (fmt == AV_PIX_FMT_NONE)
        return makeError(info.path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "unknown pixel format %1"),
                         frame.pixelFormat);
    detail::FramePtr f = detail::makeFrame();
    f->format = fmt;
    f->width = frame.width;
    f->height = frame.height;
    for (size_t p = 0; p < frame.planes.size() && p < 4; ++p) {
        const Plane& pl = frame.planes[p];
        f->data[p] = const_cast<uint8_t*>(pl.data.data());
        f->linesize[p] = pl.height > 0 ? int(pl.data.size() / size_t(pl.height)) : 0;
    }
    int lines[4] = {};
    if (av_image_fill_linesizes(lines, fmt, frame.width) < 0)
        return makeError(info.path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "bad frame geometry"));
    const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(fmt);
    const int planes = (d->flags & AV_PIX_FMT_FLAG_PAL) ? 2 : av_pix_fmt_count_planes(fmt);
    if (int(frame.planes.size()) < planes)
        return makeError(info.path,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame has too few planes"));
    for (int p = 0; p < planes; ++p)
        if (!(d->flags & AV_PIX_FMT_FLAG_PAL && p == 1) && f->linesize[p] < lines[p])
            return makeError(info.path,
                             QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame plane %1 is too short"), p);
    f->color_range = info.colour.range == "pc"   ? AVCOL_RANGE_JPEG
                     : info.colour.range == "tv" ? AVCOL_RANGE_MPEG
                                                 : AVCOL_RANGE_UNSPECIFIED;
    f->colorspace = AVColorSpace(av_color_space_from_name(info.colour.matrix.c_str()));
    if (int(f->colorspace) < 0) f->colorspace = AVCOL_SPC_UNSPECIFIED;
    // One scaler per thread, kept between frames: a fresh swscale context (and its slice threads)
    // per frame cost more than the conversion itself at 1080p.
    thread_local detail::Scaler scaler;
    auto st = scaler.convert(f.get(), format, info.colour, out, size);
    for (auto& p : f->data) p = nullptr;
    if (!st) return withPath(st.error(), info.path);
    return Ok{};
}

}  // namespace rushes::codecs
