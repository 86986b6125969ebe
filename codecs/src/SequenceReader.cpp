// Image files and sequences. PNG, DPX, TIFF, JPEG ... decode through FFmpeg's image decoders (the
// same pixels and pixel format as FFmpeg's image2 demuxer, so framemd5 agrees); EXR and whatever
// FFmpeg lacks go through OpenImageIO, which also supplies header metadata (timecode, rate);
// luminance/chroma EXR, which OpenImageIO refuses, through OpenEXR's own RGBA interface.
#include <OpenEXR/ImfChannelList.h>
#include <OpenEXR/ImfChromaticities.h>
#include <OpenEXR/ImfHeader.h>
#include <OpenEXR/ImfRgbaFile.h>
#include <OpenEXR/ImfStandardAttributes.h>
#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "AudioDecoder.h"
#include "Convert.h"
#include "FFmpegSupport.h"
#include "Messages.h"
#include "Readers.h"
#include "Sequence.h"
#include "rushes/codecs/NativeFile.h"

namespace rushes::codecs::detail {

namespace {

AVCodecID ffmpegImageCodec(const std::string& ext) {
    if (ext == "png") return AV_CODEC_ID_PNG;
    if (ext == "dpx") return AV_CODEC_ID_DPX;
    if (ext == "tif" || ext == "tiff") return AV_CODEC_ID_TIFF;
    if (ext == "jpg" || ext == "jpeg") return AV_CODEC_ID_MJPEG;
    if (ext == "bmp") return AV_CODEC_ID_BMP;
    if (ext == "tga") return AV_CODEC_ID_TARGA;
    if (ext == "sgi" || ext == "rgb") return AV_CODEC_ID_SGI;
    return AV_CODEC_ID_NONE;
}

// OpenImageIO's own words (untranslated), on one line.
Error oiioError(OIIO::ImageInput* in) {
    std::string e = in ? in->geterror() : OIIO::geterror();
    while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
    const size_t nl = e.find('\n');
    if (nl != std::string::npos) e = e.substr(0, nl);
    return e.empty() ? makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "unreadable image"))
                     : untranslated({}, printable(e));
}

// SMPTE timecode from OIIO's TypeTimeCode (BCD time and flags, user bits).
std::optional<Timecode> decodeBcdTimecode(uint32_t t) {
    auto bcd = [](uint32_t v) { return int((v >> 4) & 0xF) * 10 + int(v & 0xF); };
    auto validBcd = [](uint32_t v) { return (v & 0xF) <= 9 && ((v >> 4) & 0xF) <= 9; };
    const uint32_t fr = t & 0x3F, se = (t >> 8) & 0x7F, mi = (t >> 16) & 0x7F, ho = (t >> 24) & 0x3F;
    if (!validBcd(fr) || !validBcd(se) || !validBcd(mi) || !validBcd(ho)) return std::nullopt;
    Timecode tc;
    tc.frames = bcd(fr);
    tc.seconds = bcd(se);
    tc.minutes = bcd(mi);
    tc.hours = bcd(ho);
    tc.dropFrame = (t & 0x40) != 0;
    if (tc.seconds > 59 || tc.minutes > 59 || tc.hours > 23 || tc.frames > 59) return std::nullopt;
    return tc;
}

bool hasExrMagic(const std::string& file) {
    unsigned char magic[4] = {};
    FILE* fp = openFile(file, "rb");
    if (!fp) return false;
    const size_t got = std::fread(magic, 1, 4, fp);
    std::fclose(fp);
    return got == 4 && magic[0] == 0x76 && magic[1] == 0x2f && magic[2] == 0x31 && magic[3] == 0x01;
}

// OpenImageIO 2.4 aborts the process (rather than reporting an error) on a DPX header whose
// user-data size does not fit in an int. A DPX (by its magic, whatever the file's name) must claim
// no more user data than the file holds.
bool dpxHeaderSane(const std::string& file, Error& why) {
    unsigned char h[36] = {};
    FILE* fp = openFile(file, "rb");
    if (!fp) return true;  // OIIO reports why it cannot open it
    const size_t got = std::fread(h, 1, sizeof h, fp);
    std::fclose(fp);
    if (got < 4) return true;
    const bool big = std::memcmp(h, "SDPX", 4) == 0, little = std::memcmp(h, "XPDS", 4) == 0;
    if (!big && !little) return true;
    if (got < sizeof h) {
        why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "DPX header is truncated"));
        return false;
    }
    const unsigned char* u = h + 32;
    const uint32_t userSize = big ? (uint32_t(u[0]) << 24 | uint32_t(u[1]) << 16 | uint32_t(u[2]) << 8 | u[3])
                                  : (uint32_t(u[3]) << 24 | uint32_t(u[2]) << 16 | uint32_t(u[1]) << 8 | u[0]);
    std::error_code ec;
    const auto size = std::filesystem::file_size(fsPath(file), ec);
    if (userSize != 0 && userSize != 0xFFFFFFFFu && (ec || uint64_t(userSize) > uint64_t(size))) {
        why = makeCause(
            QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                              "DPX header is damaged: it claims %1 bytes of user data in a file of %2 bytes"),
            userSize, ec ? 0 : uint64_t(size));
        return false;
    }
    return true;
}

// Checks an EXR header's windows and tile sizes before OpenEXR sees the file: damaged headers
// that claim huge windows or tiles make it allocate gigabytes long before it reports an error.
// `h` is the start of the file; `ranOut` tells that the verdict depended on where `h` ends.
bool exrHeaderSane(const std::vector<unsigned char>& h, Error& why, bool& ranOut) {
    ranOut = false;
    // Every bound check against the end of `h` goes through here.
    auto within = [&](size_t end) {
        if (end <= h.size()) return true;
        ranOut = true;
        return false;
    };
    size_t at = 8;
    if (!within(8)) {
        why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "truncated OpenEXR header"));
        return false;
    }
    const bool multipart = (h[5] & 0x10) != 0;
    auto readString = [&](std::string& out) {
        const size_t start = at;
        while (within(at + 1) && h[at] != 0 && at - start < 256) ++at;
        if (!within(at + 1) || h[at] != 0) return false;
        out.assign(reinterpret_cast<const char*>(&h[start]), at - start);
        ++at;
        return true;
    };
    auto i32 = [&](size_t p) {
        int32_t v;
        std::memcpy(&v, &h[p], 4);
        return v;
    };
    for (int part = 0; part < 64; ++part) {
        int64_t w = 0, hgt = 0, tileW = 0, tileH = 0;
        for (int attr = 0;; ++attr) {
            std::string name, type;
            if (!readString(name)) {
                why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                  "damaged OpenEXR header (unterminated attribute name)"));
                return false;
            }
            if (name.empty()) break;
            if (attr > 10000 || !readString(type) || !within(at + 4)) {
                why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "damaged OpenEXR header"));
                return false;
            }
            const int32_t size = i32(at);
            at += 4;
            if (size < 0 || !within(at + size_t(size))) {
                why =
                    makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                "damaged OpenEXR header (attribute '%1' runs past the end)"),
                              printable(name));
                return false;
            }
            if (name == "dataWindow" && type == "box2i" && size == 16) {
                w = int64_t(i32(at + 8)) - i32(at) + 1;
                hgt = int64_t(i32(at + 12)) - i32(at + 4) + 1;
            } else if (name == "tiles" && type == "tiledesc" && size >= 8) {
                tileW = uint32_t(i32(at));
                tileH = uint32_t(i32(at + 4));
            }
            at += size_t(size);
        }
        if (w <= 0 || hgt <= 0) {
            why = makeCause(
                QT_TRANSLATE_NOOP("rushes::codecs::Messages", "OpenEXR header has no valid data window"));
            return false;
        }
        if (w > kMaxDimension || hgt > kMaxDimension || w * hgt > kMaxPixels) {
            why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                              "data window %1x%2 is larger than supported (%3 pixels)"),
                            w, hgt, kMaxPixels);
            return false;
        }
        if (tileW < 0 || tileH < 0 || tileW > kMaxDimension || tileH > kMaxDimension ||
            tileW * tileH > std::max<int64_t>(w * hgt, 256 * 256) * 4) {
            why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                              "tile size %1x%2 is implausible for a %3x%4 image"),
                            tileW, tileH, w, hgt);
            return false;
        }
        if (!multipart || !within(at + 1) || h[at] == 0) break;
    }
    return true;
}

// Reads the first 64 KB, enough for nearly every header, and up to 1 MB when the verdict
// depends on more (a frame of a sequence pays for the small read only).
bool exrHeaderSane(const std::string& file, Error& why) {
    FILE* fp = openFile(file, "rb");
    if (!fp) {
        why = systemCause(errno);
        return false;
    }
    std::unique_ptr<FILE, int (*)(FILE*)> guard(fp, &std::fclose);
    constexpr size_t kFirst = size_t(1) << 16, kMost = size_t(1) << 20;
    std::vector<unsigned char> h;
    for (size_t limit = kFirst;; limit = kMost) {
        const size_t had = h.size();
        h.resize(limit);
        h.resize(had + std::fread(h.data() + had, 1, limit - had, fp));
        bool ranOut = false;
        const bool sane = exrHeaderSane(h, why, ranOut);
        if (!ranOut || h.size() < limit || limit == kMost) return sane;
    }
}

// Opens with the reader the content asks for: EXR by its magic number whatever the file's name.
std::unique_ptr<OIIO::ImageInput> openImageInput(const std::string& file, Error& why) {
    std::unique_ptr<OIIO::ImageInput> in;
    if (hasExrMagic(file)) {
        if (!exrHeaderSane(file, why)) return nullptr;
        in = OIIO::ImageInput::create("openexr");
        if (!in) {
            why = oiioError(nullptr);
            return nullptr;
        }
        OIIO::ImageSpec spec;
        if (!in->open(file, spec)) {
            why = oiioError(in.get());
            return nullptr;
        }
        return in;
    }
    if (!dpxHeaderSane(file, why)) return nullptr;
    in = OIIO::ImageInput::open(file);
    if (!in) why = oiioError(nullptr);
    return in;
}

class SequenceReader final : public MediaReader {
public:
    const MediaInfo& info() const override { return m_info; }
    Status open(const std::string& path, const OpenOptions& options);
    Result<Frame> readFrame(int64_t index) override;
    Result<Image> readImage(int64_t index, ImageFormat format) override;
    Status readFrameInto(int64_t index, Frame& reuse) override;
    Status readImageInto(int64_t index, ImageFormat format, Image& reuse) override;
    Result<AudioBuffer> readAudio(int stream, int64_t startSample, int64_t count, int sampleRate) override;

private:
    template <class... Args>
    Error fail(const char* text, Args&&... args) const {
        return makeError(m_info.path, text, std::forward<Args>(args)...);
    }
    template <class... Args>
    Error failFile(const std::string& file, const char* text, Args&&... args) const {
        return makeError(file, text, std::forward<Args>(args)...);
    }
    Error failFile(const std::string& file, const Error& cause) const { return withPath(cause, file); }
    bool isPresent(int64_t number) const {
        return std::binary_search(m_spec.present.begin(), m_spec.present.end(), number);
    }
    Status openFfmpegDecoder();
    // Decodes one file into m_frame (FFmpeg path).
    Status decodeFfmpeg(const std::string& file);
    // Reads one file's selected channels (OIIO path).
    Status readOiio(const std::string& file, bool headerOnly);
    // Luminance/chroma EXR (Y, RY, BY, chroma often at half resolution), which OpenImageIO and
    // FFmpeg refuse: OpenEXR's RGBA interface rebuilds RGB from them.
    Status readExrLumaChroma(const std::string& file, bool headerOnly);
    void readOiioMetadata(const std::string& file);

    MediaInfo m_info;
    SequenceSpec m_spec;
    OpenOptions m_options;
    bool m_useFfmpeg = false;
    AVCodecID m_codecId = AV_CODEC_ID_NONE;
    CodecPtr m_dec;
    FramePtr m_frame = makeFrame();
    PacketPtr m_packet = makePacket();
    std::vector<uint8_t> m_fileBytes;
    Scaler m_scaler;
    // OIIO path: the selected channels of the last file read, interleaved.
    std::vector<uint8_t> m_pixels;
    int m_pxWidth = 0, m_pxHeight = 0, m_pxChannels = 0, m_pxBytes = 2;
    Rect m_pxWindow;
    int64_t m_cached = INT64_MIN;   // frame number whose pixels are loaded
    std::unique_ptr<AudioDecoder> m_audio;
};

Status SequenceReader::open(const std::string& path, const OpenOptions& options) {
    m_options = options;
    Error why;
    if (looksLikePattern(path)) {
        auto spec = parsePattern(path, why);
        if (!spec) return withPath(why, path);
        m_spec = *spec;
    } else {
        m_spec = detectSequence(path);
    }
    m_info.path = m_spec.pattern();
    const std::string ext = lowerExtension(m_info.path);
    m_codecId = ffmpegImageCodec(ext);
    m_useFfmpeg = m_codecId != AV_CODEC_ID_NONE;
    m_info.firstFrame = m_spec.isSequence ? m_spec.first : 0;
    m_info.frameCount = m_spec.isSequence ? m_spec.last - m_spec.first + 1 : 1;
    if (m_info.frameCount > 10'000'000)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "the frame range is implausibly long"));
    for (int64_t n = m_spec.first; m_spec.isSequence && n <= m_spec.last; ++n)
        if (!isPresent(n)) m_info.missingFrames.push_back(n);
    const std::string firstFile = m_spec.fileFor(m_spec.present.empty() ? m_spec.first : m_spec.present.front());
    m_info.frameRate = {24, 1};
    if (m_useFfmpeg) {
        if (auto st = openFfmpegDecoder(); !st) return st;
        if (auto st = decodeFfmpeg(firstFile); !st) return st;
        const auto pix = AVPixelFormat(m_frame->format);
        m_info.container = std::string(avcodec_get_name(m_codecId)) + (m_spec.isSequence ? " sequence" : " image");
        m_info.codec = avcodec_get_name(m_codecId);
        m_info.pixelFormat = av_get_pix_fmt_name(pix) ? av_get_pix_fmt_name(pix) : "unknown";
        m_info.width = m_frame->width;
        m_info.height = m_frame->height;
        m_info.bitDepth = bitDepthOf(pix);
        const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(pix);
        const bool rgb = d && (d->flags & AV_PIX_FMT_FLAG_RGB);
        m_info.colour.range = rgb ? "pc" : (m_frame->color_range == AVCOL_RANGE_JPEG ? "pc" : "tv");
        if (m_frame->color_primaries != AVCOL_PRI_UNSPECIFIED)
            m_info.colour.primaries = av_color_primaries_name(m_frame->color_primaries);
        if (m_frame->color_trc != AVCOL_TRC_UNSPECIFIED) m_info.colour.transfer = av_color_transfer_name(m_frame->color_trc);
        // FFmpeg's DPX encoder writes "linear" transfer and colorimetric into every file whatever
        // the pictures are (libavcodec/dpxenc.c), so in a file it made they say nothing: most are
        // video frames, display-referred. Read them as unspecified, like a PNG.
        if (m_codecId == AV_CODEC_ID_DPX && m_info.colour.transfer == "linear") {
            const AVDictionaryEntry* creator = av_dict_get(m_frame->metadata, "Creator", nullptr, 0);
            if (creator && std::string_view(creator->value).rfind("Lavc", 0) == 0)
                m_info.colour.transfer = "unknown";
        }
        if (!rgb && m_frame->colorspace != AVCOL_SPC_UNSPECIFIED)
            m_info.colour.matrix = av_color_space_name(m_frame->colorspace);
        if (rgb) m_info.colour.matrix = "gbr";
        if (d)
            for (int c = 0; c < d->nb_components; ++c)
                m_info.channels.push_back(rgb ? std::string(1, "RGBA"[c]) : std::string(1, "YUVA"[c]));
        if (m_frame->sample_aspect_ratio.num > 0 && m_frame->sample_aspect_ratio.den > 0)
            m_info.pixelAspect = {m_frame->sample_aspect_ratio.num, m_frame->sample_aspect_ratio.den};
        m_info.dataWindow = m_info.displayWindow = Rect{0, 0, m_info.width, m_info.height};
        m_cached = m_spec.present.empty() ? INT64_MIN : m_spec.present.front();
        if (ext == "dpx" || ext == "tif" || ext == "tiff") readOiioMetadata(firstFile);
    } else {
        if (auto st = readOiio(firstFile, true); !st) return st;
        m_info.container = ext + (m_spec.isSequence ? " sequence" : " image");
    }
    if (!m_info.hasTimecode) m_info.startTimecode = Timecode::fromFrames(m_info.firstFrame, m_info.frameRate, false);
    // A WAV or AIFF beside the sequence, named like it.
    if (m_spec.isSequence) {
        const std::string stem = m_spec.stem();
        for (const char* aext : {".wav", ".WAV", ".aif", ".aiff", ".AIF", ".AIFF"}) {
            const std::string candidate = m_spec.dir + stem + aext;
            std::error_code ec;
            if (!stem.empty() && std::filesystem::is_regular_file(fsPath(candidate), ec)) {
                AVFormatContext* raw = nullptr;
                if (avformat_open_input(&raw, candidate.c_str(), nullptr, nullptr) >= 0) {
                    FormatPtr fmt(raw);
                    if (avformat_find_stream_info(fmt.get(), nullptr) >= 0) {
                        for (unsigned i = 0; i < fmt->nb_streams; ++i) {
                            const AVStream* st = fmt->streams[i];
                            if (st->codecpar->codec_type != AVMEDIA_TYPE_AUDIO) continue;
                            AudioStreamInfo a;
                            a.index = -1;
                            a.path = candidate;
                            a.codec = avcodec_get_name(st->codecpar->codec_id);
                            a.sampleRate = st->codecpar->sample_rate;
                            a.channels = st->codecpar->ch_layout.nb_channels;
                            char layout[128] = {};
                            if (av_channel_layout_describe(&st->codecpar->ch_layout, layout, sizeof layout) > 0)
                                a.channelLayout = layout;
                            if (fmt->duration != AV_NOPTS_VALUE) a.durationSeconds = double(fmt->duration) / AV_TIME_BASE;
                            m_info.audio.push_back(a);
                            break;
                        }
                    }
                }
                break;
            }
        }
    }
    return Ok{};
}

Status SequenceReader::openFfmpegDecoder() {
    const AVCodec* codec = avcodec_find_decoder(m_codecId);
    if (!codec)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no decoder for %1"),
                    avcodec_get_name(m_codecId));
    m_dec.reset(avcodec_alloc_context3(codec));
    if (!m_dec) return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
    m_dec->thread_count = 1;
    const int r = avcodec_open2(m_dec.get(), codec, nullptr);
    if (r < 0)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open the %1 decoder: %2"),
                    codec->name, averr(r));
    return Ok{};
}

Status SequenceReader::decodeFfmpeg(const std::string& file) {
    Error why;
    if (!readWholeFile(file, m_fileBytes, size_t(1) << 31, why)) return failFile(file, why);
    if (m_fileBytes.empty())
        return failFile(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "empty file"));
    av_packet_unref(m_packet.get());
    int r = av_new_packet(m_packet.get(), int(m_fileBytes.size()));
    if (r < 0) return failFile(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
    std::memcpy(m_packet->data, m_fileBytes.data(), m_fileBytes.size());
    m_packet->flags |= AV_PKT_FLAG_KEY;
    avcodec_flush_buffers(m_dec.get());
    r = avcodec_send_packet(m_dec.get(), m_packet.get());
    if (r < 0)
        return failFile(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot decode %1: %2"),
                        m_dec->codec->name, averr(r));
    r = avcodec_receive_frame(m_dec.get(), m_frame.get());
    if (r == AVERROR(EAGAIN)) {
        avcodec_send_packet(m_dec.get(), nullptr);
        r = avcodec_receive_frame(m_dec.get(), m_frame.get());
    }
    if (r < 0)
        return failFile(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot decode %1: %2"),
                        m_dec->codec->name, averr(r));
    if (m_frame->width <= 0 || m_frame->height <= 0 || int64_t(m_frame->width) * m_frame->height > kMaxPixels)
        return failFile(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "unsupported picture size"));
    if (m_info.width > 0 && (m_frame->width != m_info.width || m_frame->height != m_info.height))
        return failFile(file,
                        QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                          "picture size %1x%2 differs from the sequence's %3x%4"),
                        m_frame->width, m_frame->height, m_info.width, m_info.height);
    return Ok{};
}

void SequenceReader::readOiioMetadata(const std::string& file) {
    try {
        Error why;
        auto in = openImageInput(file, why);
        if (!in) {
            // The pixels came through FFmpeg; say why the header's metadata is missing.
            m_info.metadata.emplace_back("rushes:metadata", withPath(why, file).toString());
            return;
        }
        const OIIO::ImageSpec& spec = in->spec();
        if (const OIIO::ParamValue* p = spec.find_attribute("smpte:TimeCode", OIIO::TypeTimeCode)) {
            const auto* v = static_cast<const uint32_t*>(p->data());
            if (auto tc = decodeBcdTimecode(v[0])) {
                m_info.startTimecode = *tc;
                m_info.hasTimecode = true;
            }
        }
        float fps = spec.get_float_attribute("dpx:FrameRate", 0.0f);
        if (const OIIO::ParamValue* p = spec.find_attribute("FramesPerSecond", OIIO::TypeRational)) {
            const auto* v = static_cast<const int*>(p->data());
            if (v[0] > 0 && v[1] > 0 && v[0] >= v[1] && v[0] / v[1] <= 1000) m_info.frameRate = {v[0], v[1]};
        } else if (fps >= 1.0f && fps <= 1000.0f) {
            const double f = double(fps);
            if (std::abs(f - 23.976) < 0.01) m_info.frameRate = {24000, 1001};
            else if (std::abs(f - 29.97) < 0.01) m_info.frameRate = {30000, 1001};
            else if (std::abs(f - 59.94) < 0.01) m_info.frameRate = {60000, 1001};
            else if (std::abs(f - std::round(f)) < 0.001) m_info.frameRate = {int64_t(std::lround(f)), 1};
        }
        for (const auto& p : spec.extra_attribs) {
            const std::string name = p.name().string();
            if (name.rfind("oiio:", 0) == 0 || p.type().basetype == OIIO::TypeDesc::UNKNOWN) continue;
            std::string value = p.get_string(8);
            if (value.size() > 200) value.resize(200);
            m_info.metadata.emplace_back(name, value);
        }
        (void)in->geterror();
    } catch (...) {
        // Metadata is optional; the pixels come from FFmpeg.
    }
}

Status SequenceReader::readOiio(const std::string& file, bool headerOnly) {
    try {
        std::error_code ec;
        if (!std::filesystem::exists(fsPath(file), ec))
            return failFile(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no such file"));
        Error why;
        auto in = openImageInput(file, why);
        if (!in && why.message.find("Subsampled channels") != std::string::npos)
            return readExrLumaChroma(file, headerOnly);
        if (!in) return failFile(file, why);
        int subimage = 0;
        // Multi-part files: the part of the asked view, else the first.
        if (!m_options.view.empty()) {
            for (int s = 0; in->seek_subimage(s, 0); ++s)
                if (in->spec().get_string_attribute("view") == m_options.view) {
                    subimage = s;
                    break;
                }
            in->seek_subimage(subimage, 0);
            (void)in->geterror();
        }
        const OIIO::ImageSpec spec = in->spec();
        if (spec.width <= 0 || spec.height <= 0 || spec.nchannels <= 0)
            return failFile(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "image has no pixels"));
        if (spec.width > kMaxDimension || spec.height > kMaxDimension || spec.depth > 1 ||
            int64_t(spec.width) * int64_t(spec.height) > kMaxPixels)
            return failFile(file,
                            QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                              "data window %1x%2 is larger than supported (%3 pixels)"),
                            spec.width, spec.height, kMaxPixels);
        if (spec.deep)
            return failFile(file,
                            QT_TRANSLATE_NOOP("rushes::codecs::Messages", "deep images are not supported"));
        // Pick the view's RGBA channels (multi-view files prefix non-default views: "left.R").
        std::vector<int> chosen;
        std::vector<std::string> names;
        const std::string view = m_options.view;
        std::string defaultView;
        if (const OIIO::ParamValue* mv = spec.find_attribute("multiView")) {
            if (mv->type().basetype == OIIO::TypeDesc::STRING && mv->nvalues() * mv->type().numelements() > 0)
                defaultView = static_cast<const char* const*>(mv->data())[0];
        }
        const std::string prefix = (!view.empty() && view != defaultView) ? view + "." : "";
        for (const char* c : {"R", "G", "B", "A"}) {
            const int i = spec.channelindex(prefix + c);
            if (i >= 0) {
                chosen.push_back(i);
                names.push_back(prefix + c);
            }
        }
        if (chosen.size() < 3) {
            chosen.clear();
            names.clear();
            for (const char* c : {"Y", "A"}) {
                const int i = spec.channelindex(prefix + c);
                if (i >= 0) {
                    chosen.push_back(i);
                    names.push_back(prefix + c);
                }
            }
            if (!chosen.empty() && spec.channelindex(prefix + "RY") >= 0 && prefix.empty())
                return readExrLumaChroma(file, headerOnly);
        }
        if (chosen.empty()) {
            for (int i = 0; i < std::min(spec.nchannels, 4); ++i) {
                chosen.push_back(i);
                names.push_back(spec.channelnames[size_t(i)]);
            }
        }
        if (!view.empty() && !prefix.empty() && names[0].rfind(prefix, 0) != 0)
            return failFile(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no view named '%1'"), view);
        bool allHalf = true;
        for (int c : chosen) allHalf = allHalf && spec.channelformat(c) == OIIO::TypeDesc::HALF;
        const OIIO::TypeDesc type = allHalf ? OIIO::TypeDesc::HALF : OIIO::TypeDesc::FLOAT;
        const int bps = allHalf ? 2 : 4;
        const int nch = int(chosen.size());
        if (headerOnly) {
            m_info.codec = in->format_name();
            m_info.width = spec.width;
            m_info.height = spec.height;
            m_info.dataWindow = Rect{spec.x, spec.y, spec.width, spec.height};
            m_info.displayWindow = Rect{spec.full_x, spec.full_y, spec.full_width, spec.full_height};
            m_info.pixelFormat = floatLayoutName(nch, bps);
            m_info.bitDepth = bps * 8;
            m_info.channels = names;
            m_info.colour.range = "pc";
            m_info.colour.matrix = "gbr";
            m_info.colour.transfer = "linear";
            const float par = spec.get_float_attribute("PixelAspectRatio", 1.0f);
            if (par > 0.01f && par < 100.0f && std::abs(par - 1.0f) > 1e-4f)
                m_info.pixelAspect = {int64_t(std::lround(par * 1000)), 1000};
            if (const OIIO::ParamValue* mv = spec.find_attribute("multiView")) {
                for (int i = 0; mv->type().basetype == OIIO::TypeDesc::STRING && i < mv->nvalues() * int(mv->type().numelements()); ++i)
                    m_info.views.emplace_back(static_cast<const char* const*>(mv->data())[i]);
            }
            if (const OIIO::ParamValue* p = spec.find_attribute("chromaticities");
                p && p->type().basetype == OIIO::TypeDesc::FLOAT && p->type().numelements() * p->type().aggregate == 8) {
                const auto* v = static_cast<const float*>(p->data());
                m_info.colour.chromaticities = std::vector<float>(v, v + 8);
                // Not `near`: <windows.h>, which OpenImageIO includes there, defines near (and far) as
                // nothing.
                auto matches = [&](const float* ref) {
                    for (int i = 0; i < 8; ++i)
                        if (std::abs(v[i] - ref[i]) > 0.002f) return false;
                    return true;
                };
                static const float rec709[8] = {0.64f, 0.33f, 0.30f, 0.60f, 0.15f, 0.06f, 0.3127f, 0.3290f};
                static const float ap0[8] = {0.7347f, 0.2653f, 0.0f, 1.0f, 0.0001f, -0.077f, 0.32168f, 0.33767f};
                static const float ap1[8] = {0.713f, 0.293f, 0.165f, 0.830f, 0.128f, 0.044f, 0.32168f, 0.33767f};
                static const float rec2020[8] = {0.708f, 0.292f, 0.170f, 0.797f, 0.131f, 0.046f, 0.3127f, 0.3290f};
                m_info.colour.primaries = matches(rec709)    ? "bt709"
                                          : matches(ap0)     ? "aces-ap0"
                                          : matches(ap1)     ? "aces-ap1"
                                          : matches(rec2020) ? "bt2020"
                                                             : "custom";
            } else {
                m_info.colour.primaries = "bt709";  // OpenEXR's default chromaticities are Rec.709
            }
            if (const OIIO::ParamValue* p = spec.find_attribute("smpte:TimeCode", OIIO::TypeTimeCode)) {
                if (auto tc = decodeBcdTimecode(static_cast<const uint32_t*>(p->data())[0])) {
                    m_info.startTimecode = *tc;
                    m_info.hasTimecode = true;
                }
            }
            if (const OIIO::ParamValue* p = spec.find_attribute("FramesPerSecond", OIIO::TypeRational)) {
                const auto* v = static_cast<const int*>(p->data());
                if (v[0] > 0 && v[1] > 0 && v[0] >= v[1] && v[0] / v[1] <= 1000) m_info.frameRate = {v[0], v[1]};
            }
            for (const auto& p : spec.extra_attribs) {
                const std::string name = p.name().string();
                if (name.rfind("oiio:", 0) == 0) continue;
                std::string value = p.get_string(8);
                if (value.size() > 200) value.resize(200);
                m_info.metadata.emplace_back(name, value);
            }
            (void)in->geterror();
            return Ok{};
        }
        m_pixels.resize(size_t(spec.width) * size_t(spec.height) * size_t(nch) * size_t(bps));
        bool contiguous = true;
        for (int i = 1; i < nch; ++i) contiguous = contiguous && chosen[size_t(i)] == chosen[0] + i;
        bool ok = true;
        const int sub = in->current_subimage();
        // Channels already stored as `type` are read as native data: OIIO then decodes straight
        // into m_pixels instead of into a fresh buffer it converts from (twice the time at 1080p).
        bool native = true;
        for (int c : chosen) native = native && spec.channelformat(c) == type;
        const OIIO::TypeDesc readType = native ? OIIO::TypeDesc(OIIO::TypeDesc::UNKNOWN) : type;
        if (contiguous) {
            ok = in->read_image(sub, 0, chosen[0], chosen[0] + nch, readType, m_pixels.data());
        } else {
            for (int i = 0; ok && i < nch; ++i)
                ok = in->read_image(sub, 0, chosen[size_t(i)], chosen[size_t(i)] + 1, readType,
                                    m_pixels.data() + size_t(i) * size_t(bps), OIIO::stride_t(nch * bps));
        }
        if (!ok) return failFile(file, oiioError(in.get()));
        (void)in->geterror();
        m_pxWidth = spec.width;
        m_pxHeight = spec.height;
        m_pxChannels = nch;
        m_pxBytes = bps;
        m_pxWindow = Rect{spec.x, spec.y, spec.width, spec.height};
        return Ok{};
    } catch (const std::bad_alloc&) {
        return failFile(
            file,
            QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                              "not enough memory to read it (a damaged header may claim a huge picture)"));
    } catch (const std::exception& e) {
        return failFile(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot read: %1"),
                        printable(e.what()));
    } catch (...) {
        return failFile(
            file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot read: unknown error in OpenImageIO"));
    }
}

Status SequenceReader::readExrLumaChroma(const std::string& file, bool headerOnly) {
    try {
        Imf::RgbaInputFile in(file.c_str());
        const Imath::Box2i dw = in.dataWindow(), disp = in.displayWindow();
        const int64_t w = int64_t(dw.max.x) - dw.min.x + 1, h = int64_t(dw.max.y) - dw.min.y + 1;
        if (w <= 0 || h <= 0)
            return failFile(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "image has no pixels"));
        if (w > kMaxDimension || h > kMaxDimension || w * h > kMaxPixels)
            return failFile(file,
                            QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                              "data window %1x%2 is larger than supported (%3 pixels)"),
                            w, h, kMaxPixels);
        if (headerOnly) {
            const Imf::Header& header = in.header();
            m_info.codec = "openexr";
            m_info.width = int(w);
            m_info.height = int(h);
            m_info.dataWindow = Rect{dw.min.x, dw.min.y, int(w), int(h)};
            m_info.displayWindow =
                Rect{disp.min.x, disp.min.y, disp.max.x - disp.min.x + 1, disp.max.y - disp.min.y + 1};
            m_info.pixelFormat = floatLayoutName(4, 2);  // what it is read as
            m_info.bitDepth = 16;
            m_info.channels.clear();
            for (auto c = header.channels().begin(); c != header.channels().end(); ++c)
                m_info.channels.emplace_back(c.name());
            m_info.colour.range = "pc";
            m_info.colour.matrix = "gbr";
            m_info.colour.transfer = "linear";
            m_info.colour.primaries = "bt709";  // OpenEXR's default chromaticities
            if (Imf::hasChromaticities(header)) {
                const Imf::Chromaticities& c = Imf::chromaticities(header);
                m_info.colour.chromaticities = std::vector<float>{c.red.x,  c.red.y,  c.green.x, c.green.y,
                                                                  c.blue.x, c.blue.y, c.white.x, c.white.y};
                const Imf::Chromaticities rec709;
                if (std::abs(c.red.x - rec709.red.x) > 0.002f ||
                    std::abs(c.green.y - rec709.green.y) > 0.002f ||
                    std::abs(c.blue.x - rec709.blue.x) > 0.002f)
                    m_info.colour.primaries = std::abs(c.red.x - 0.7347f) < 0.002f ? "aces-ap0" : "custom";
            }
            const float par = header.pixelAspectRatio();
            if (par > 0.01f && par < 100.0f && std::abs(par - 1.0f) > 1e-4f)
                m_info.pixelAspect = {int64_t(std::lround(par * 1000)), 1000};
            if (Imf::hasFramesPerSecond(header)) {
                const Imf::Rational& r = Imf::framesPerSecond(header);
                if (r.n > 0 && r.d > 0 && unsigned(r.n) >= r.d && unsigned(r.n) / r.d <= 1000)
                    m_info.frameRate = {r.n, r.d};
            }
            m_info.metadata.emplace_back("openexr:lumaChroma", "Y, RY, BY rebuilt as RGB by OpenEXR");
            return Ok{};
        }
        m_pixels.resize(size_t(w) * size_t(h) * 4 * sizeof(uint16_t));
        // Imf::Rgba is four halves, RGBA: the layout of the RGBA half image m_pixels holds.
        static_assert(sizeof(Imf::Rgba) == 8);
        auto* base = reinterpret_cast<Imf::Rgba*>(m_pixels.data());
        in.setFrameBuffer(base - dw.min.x - ptrdiff_t(dw.min.y) * ptrdiff_t(w), 1, size_t(w));
        in.readPixels(dw.min.y, dw.max.y);
        m_pxWidth = int(w);
        m_pxHeight = int(h);
        m_pxChannels = 4;
        m_pxBytes = 2;
        m_pxWindow = Rect{dw.min.x, dw.min.y, int(w), int(h)};
        return Ok{};
    } catch (const std::exception& e) {
        return failFile(file,
                        QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot read luminance/chroma EXR: %1"),
                        printable(e.what()));
    } catch (...) {
        return failFile(file,
                        QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                          "cannot read luminance/chroma EXR: unknown error in OpenEXR"));
    }
}

Result<Frame> SequenceReader::readFrame(int64_t index) {
    Frame out;
    if (auto st = readFrameInto(index, out); !st) return st.error();
    return out;
}

Status SequenceReader::readFrameInto(int64_t index, Frame& out) {
    if (index < 0 || index >= m_info.frameCount)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame index %1 is out of range (0-%2)"),
                    index, m_info.frameCount - 1);
    const int64_t number = m_info.firstFrame + index;
    out.index = index;
    out.number = number;
    out.seconds = double(index) / m_info.frameRate.toDouble();
    out.missing = false;
    if (m_spec.isSequence && !isPresent(number)) {
        out.missing = true;
        out.width = m_info.width;
        out.height = m_info.height;
        out.dataWindow = m_info.dataWindow;
        out.pixelFormat = m_info.pixelFormat;
        out.planes.clear();
        return Ok{};
    }
    const std::string file = m_spec.fileFor(number);
    if (m_useFfmpeg) {
        if (m_cached != number) {
            m_cached = INT64_MIN;
            if (auto st = decodeFfmpeg(file); !st) return st;
            m_cached = number;
        }
        frameFromAV(m_frame.get(), out);
        return Ok{};
    }
    out.planes.resize(1);
    Plane& p = out.planes[0];
    if (m_cached != number) {
        // Decoded straight into the caller's plane (its buffer lent as m_pixels for the read):
        // a 1080p half RGBA frame is 16 MB that are then not copied. m_pixels no longer holds the
        // frame afterwards, so nothing is cached.
        m_cached = INT64_MIN;
        std::swap(m_pixels, p.data);
        const Status st = readOiio(file, false);
        std::swap(m_pixels, p.data);
        if (!st) return st;
    } else {  // the last frame read as an image, still in m_pixels
        resizeForOverwrite(p.data, m_pixels.size());
        std::memcpy(p.data.data(), m_pixels.data(), m_pixels.size());
    }
    out.pixelFormat = floatLayoutName(m_pxChannels, m_pxBytes);
    out.width = m_pxWidth;
    out.height = m_pxHeight;
    out.dataWindow = m_pxWindow;
    p.width = m_pxWidth;
    p.height = m_pxHeight;
    p.bytesPerSample = m_pxBytes;
    p.samplesPerPixel = m_pxChannels;
    return Ok{};
}

Result<Image> SequenceReader::readImage(int64_t index, ImageFormat format) {
    Image img;
    if (auto st = readImageInto(index, format, img); !st) return st.error();
    return img;
}

Status SequenceReader::readImageInto(int64_t index, ImageFormat format, Image& img) {
    if (index < 0 || index >= m_info.frameCount) {
        Frame unused;
        auto st = readFrameInto(index, unused);
        return st.error();
    }
    const int64_t number = m_info.firstFrame + index;
    if (m_spec.isSequence && !isPresent(number))
        return makeError(
            m_spec.fileFor(number),
            QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame %1 is missing from the sequence"), number);
    const std::string file = m_spec.fileFor(number);
    if (m_useFfmpeg) {
        if (m_cached != number) {
            m_cached = INT64_MIN;
            if (auto st = decodeFfmpeg(file); !st) return st;
            m_cached = number;
        }
        if (auto st = m_scaler.convert(m_frame.get(), format, m_info.colour, img); !st)
            return failFile(file, st.error());
        return Ok{};
    }
    if (m_cached != number) {
        m_cached = INT64_MIN;
        if (auto st = readOiio(file, false); !st) return st;
        m_cached = number;
    }
    if (auto st = convertFloatInterleaved(m_pixels.data(), m_pxWidth, m_pxHeight, m_pxChannels, m_pxBytes, format, img);
        !st)
        return failFile(file, st.error());
    img.dataWindow = m_pxWindow;
    return Ok{};
}

Result<AudioBuffer> SequenceReader::readAudio(int stream, int64_t startSample, int64_t count, int sampleRate) {
    if (stream < 0 || stream >= int(m_info.audio.size()))
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no audio stream %1"), stream);
    if (!m_audio) {
        // The side-car's first sample plays with the sequence's first frame.
        auto fresh = std::make_unique<AudioDecoder>();
        if (auto st = fresh->open(m_info.audio[size_t(stream)].path, -1, 0.0); !st) return st.error();
        m_audio = std::move(fresh);
    }
    return m_audio->read(startSample, count, sampleRate);
}

}  // namespace

Result<std::unique_ptr<MediaReader>> openSequence(const std::string& path, const OpenOptions& options) {
    auto reader = std::make_unique<SequenceReader>();
    if (auto st = reader->open(path, options); !st) return st.error();
    return std::unique_ptr<MediaReader>(std::move(reader));
}

}  // namespace rushes::codecs::detail
