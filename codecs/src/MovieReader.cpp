// Movies through FFmpeg: the first video stream, an index of every packet's timestamps built on
// open, and frame-accurate access by seeking to the keyframe before and decoding forward.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "AudioDecoder.h"
#include "Convert.h"
#include "FFmpegSupport.h"
#include "Messages.h"
#include "Readers.h"
#include "StreamEnd.h"
#include "rushes/codecs/NativeFile.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/hwcontext.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
}

namespace rushes::codecs::detail {

namespace {

struct PacketEntry {
    int64_t pts = AV_NOPTS_VALUE;
    int64_t dts = AV_NOPTS_VALUE;
    bool key = false;
};

std::string dictValue(AVDictionary* d, const char* key) {
    const AVDictionaryEntry* e = av_dict_get(d, key, nullptr, 0);
    return e && e->value ? e->value : std::string();
}

// How a file's own top-level layout says it was cut short, read without FFmpeg: a MOV/MP4 box or a
// Matroska segment whose declared size runs past the end of the file.
struct Layout {
    bool cut = false;
    std::string box;       // MOV/MP4: the top-level box the file ends inside ("mdat"); "segment" for Matroska
    int64_t needed = 0;    // the bytes that box needs from the start of the file
    bool movLike = false;  // the file begins with a MOV/MP4 box
    bool haveMoov = false;  // MOV/MP4: a whole movie header ('moov' box) was seen
};

uint64_t bigEndian(const unsigned char* p, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
    return v;
}

// An EBML variable-length size at `pos`; false when it cannot be read. `unknown`: all value
// bits set (a live stream's segment, written before its size was known).
bool readEbmlSize(std::ifstream& in, int64_t pos, uint64_t& value, int& length, bool& unknown) {
    unsigned char b[8] = {};
    in.clear();
    in.seekg(pos);
    if (!in.read(reinterpret_cast<char*>(b), 1) || b[0] == 0) return false;
    length = 1;
    while (!(b[0] & (0x80 >> (length - 1)))) ++length;
    if (length > 1 && !in.read(reinterpret_cast<char*>(b + 1), length - 1)) return false;
    value = b[0] & (0xFF >> length);
    for (int i = 1; i < length; ++i) value = (value << 8) | b[i];
    unknown = value == (uint64_t(1) << (7 * length)) - 1;
    return true;
}

Layout readLayout(const std::string& path, int64_t fileSize) {
    Layout out;
    std::ifstream in(fsPath(path), std::ios::binary);
    unsigned char h[16] = {};
    if (!in || fileSize < 8 || !in.read(reinterpret_cast<char*>(h), 8)) return out;
    if (bigEndian(h, 4) == 0x1A45DFA3) {  // EBML: Matroska, WebM
        uint64_t size = 0;
        int len = 0;
        bool unknown = false;
        if (!readEbmlSize(in, 4, size, len, unknown) || unknown) return out;
        const int64_t segment = 4 + len + int64_t(size);
        unsigned char id[4] = {};
        in.clear();
        in.seekg(segment);
        if (!in.read(reinterpret_cast<char*>(id), 4) || bigEndian(id, 4) != 0x18538067) return out;
        if (!readEbmlSize(in, segment + 4, size, len, unknown) || unknown) return out;
        const int64_t end = segment + 4 + len + int64_t(std::min<uint64_t>(size, uint64_t(INT64_MAX / 2)));
        if (end > fileSize) {
            out.cut = true;
            out.box = "segment";
            out.needed = end;
        }
        return out;
    }
    static const char* kFirst[] = {"ftyp", "wide", "free", "skip", "mdat", "moov", "pnot", "junk"};
    const std::string first(reinterpret_cast<const char*>(h + 4), 4);
    out.movLike =
        std::any_of(std::begin(kFirst), std::end(kFirst), [&](const char* t) { return first == t; });
    if (!out.movLike) return out;
    int64_t pos = 0;
    for (int boxes = 0; pos + 8 <= fileSize && boxes < 100000; ++boxes) {
        in.clear();
        in.seekg(pos);
        if (!in.read(reinterpret_cast<char*>(h), 8)) break;
        uint64_t size = bigEndian(h, 4);
        const std::string type(reinterpret_cast<const char*>(h + 4), 4);
        int64_t header = 8;
        if (size == 1) {
            if (!in.read(reinterpret_cast<char*>(h + 8), 8)) break;
            size = bigEndian(h + 8, 8);
            header = 16;
        } else if (size == 0) {
            size = uint64_t(fileSize - pos);  // to the end of the file
        }
        if (size < uint64_t(header)) break;  // damaged: nothing more can be said
        if (size > uint64_t(INT64_MAX / 2) || pos + int64_t(size) > fileSize) {
            out.cut = true;
            out.box = type;
            for (char& c : out.box)
                if (c < 0x20 || c > 0x7e) c = '?';  // a damaged file's bytes: printable in a message
            out.needed = pos + int64_t(std::min<uint64_t>(size, uint64_t(INT64_MAX / 2)));
            break;
        }
        if (type == "moov") out.haveMoov = true;
        pos += int64_t(size);
    }
    return out;
}

class MovieReader final : public MediaReader {
public:
    const MediaInfo& info() const override { return m_info; }
    std::string hardwareNote() const override { return m_hwNote; }

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
    Error fail(const Error& cause) const { return withPath(cause, m_info.path); }
    Status buildIndex();
    bool indexFromHeader(bool& corruptSeen);
    void noteTruncation(bool dataEndsEarly);
    Status openDecoder(const OpenOptions& options);
    Status fillInfo();
    // Leaves the decoded frame for `index` in m_frame.
    Status decodeTo(int64_t index);
    Status seekTo(int64_t index);
    int64_t indexOfPts(int64_t pts) const;
    const AVFrame* softwareFrame();

    MediaInfo m_info;
    FormatPtr m_fmt;
    CodecPtr m_dec;
    BufferPtr m_hwDevice;
    // The device's frame format, which pickHwFormat reads through the codec context's opaque: each
    // reader its own (get_format runs while decoding, on FFmpeg's threads, for any reader open).
    AVPixelFormat m_hwFormat = AV_PIX_FMT_NONE;
    std::string m_hwNote;
    AVStream* m_stream = nullptr;
    int m_streamIndex = -1;
    std::vector<PacketEntry> m_packets;     // decode order
    std::vector<int64_t> m_pts;             // presentation order: frame index -> pts
    std::vector<int64_t> m_decodePos;       // frame index -> its packet's position in decode order
    std::vector<int64_t> m_keyPos;          // frame index -> decode position of the keyframe to seek to
    bool m_noTimestamps = false;
    int64_t m_claimedFrames = 0;   // frames the container lists; more than m_pts.size() when truncated
    bool m_dataEndsEarly = false;  // the packets stopped at a read error or inside a packet
    int64_t m_startPts = 0;

    FramePtr m_frame = makeFrame();
    FramePtr m_swFrame = makeFrame();
    PacketPtr m_packet = makePacket();
    int64_t m_current = -1;       // index of the frame in m_frame, -1 when none
    int64_t m_lastOut = -1;       // last index the decoder produced since the last seek
    int64_t m_sentPos = -1;       // highest decode position sent since the last seek (known from pts)
    int64_t m_skipBefore = -1;    // decode position of the keyframe sought: packets before it are skipped
    int64_t m_counter = 0;        // frames produced since the start (streams without timestamps)
    bool m_eof = false;
    bool m_decoderOpen = false;
    std::string m_lastDecodeError;
    Scaler m_scaler;
    std::map<int, std::unique_ptr<AudioDecoder>> m_audio;
};

Status MovieReader::open(const std::string& path, const OpenOptions& options) {
    m_info.path = path;
    AVFormatContext* raw = nullptr;
    int r = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    // FFmpeg reports a file it cannot parse as "Invalid data" or, for some demuxers, "Invalid argument".
    if (r == AVERROR_INVALIDDATA || r == AVERROR(EINVAL)) {
        // A MOV/MP4 keeps where every frame is in its 'moov' box, which most cameras and ffmpeg
        // write last: a copy cut short has none, and FFmpeg only says "invalid data".
        std::error_code ec;
        const auto size = std::filesystem::file_size(fsPath(path), ec);
        const Layout layout = ec ? Layout{} : readLayout(path, int64_t(size));
        if (layout.movLike && layout.cut && !layout.haveMoov)
            return fail(QT_TRANSLATE_NOOP(
                            "rushes::codecs::Messages",
                            "truncated: the file ends inside its '%1' box (%2 of the %3 bytes it needs), "
                            "before the 'moov' box that says where each frame is: no frame can be found"),
                        layout.box, size, layout.needed);
        if (layout.movLike && !layout.cut && !layout.haveMoov)
            return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                          "no 'moov' box (the movie header that says where each frame is): a "
                                          "recording or copy that was never finished, or a damaged file"));
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                      "not a movie FFmpeg can read (damaged, or not a media file: %1)"),
                    averr(r));
    }
    if (r < 0) return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open: %1"), averr(r));
    m_fmt.reset(raw);
    r = avformat_find_stream_info(m_fmt.get(), nullptr);
    if (r < 0)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot read stream information: %1"),
                    averr(r));
    for (unsigned i = 0; i < m_fmt->nb_streams; ++i) {
        AVStream* st = m_fmt->streams[i];
        if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !(st->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
            m_stream = st;
            m_streamIndex = int(i);
            break;
        }
    }
    if (!m_stream)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no video stream (%1)"),
                    std::string(m_fmt->iformat->name));
    if (m_stream->codecpar->width <= 0 || m_stream->codecpar->height <= 0)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "video stream has no picture size"));
    if (m_stream->codecpar->width > kMaxDimension || m_stream->codecpar->height > kMaxDimension ||
        int64_t(m_stream->codecpar->width) * m_stream->codecpar->height > kMaxPixels)
        return fail(
            QT_TRANSLATE_NOOP("rushes::codecs::Messages", "picture size %1x%2 is larger than supported"),
            m_stream->codecpar->width, m_stream->codecpar->height);
    for (unsigned i = 0; i < m_fmt->nb_streams; ++i)
        if (int(i) != m_streamIndex) m_fmt->streams[i]->discard = AVDISCARD_ALL;
    if (auto st = buildIndex(); !st) return st;
    if (auto st = openDecoder(options); !st) return st;
    return fillInfo();
}

// MOV/MP4 hold every sample's time, size and position in their header. For intra-only codecs
// that never reorder frames (ProRes, DNxHR, MJPEG ...) a sample's decode time is its
// presentation time, so the header's table is the whole index and the file need not be read
// through on open (a minute of 1080p ProRes is over a gigabyte). Samples past the end of a
// truncated file are left out, as the packet scan would leave them.
bool MovieReader::indexFromHeader(bool& corruptSeen) {
    const AVCodecDescriptor* desc = avcodec_descriptor_get(m_stream->codecpar->codec_id);
    if (!desc || (desc->props & AV_CODEC_PROP_REORDER) || !(desc->props & AV_CODEC_PROP_INTRA_ONLY)) return false;
    if (!std::strstr(m_fmt->iformat->name, "mov")) return false;
    const int n = avformat_index_get_entries_count(m_stream);
    const int64_t fileSize = m_fmt->pb ? avio_size(m_fmt->pb) : -1;
    if (n <= 0 || fileSize <= 0) return false;
    if (m_stream->nb_frames > 0 && int64_t(n) < m_stream->nb_frames) return false;
    std::vector<PacketEntry> packets;
    packets.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        const AVIndexEntry* e = avformat_index_get_entry(m_stream, i);
        if (!e || e->timestamp == AV_NOPTS_VALUE) return false;
        if (e->flags & AVINDEX_DISCARD_FRAME) continue;
        if (e->size <= 0 || e->pos + e->size > fileSize) {
            corruptSeen = true;
            break;
        }
        packets.push_back({e->timestamp, e->timestamp, (e->flags & AVINDEX_KEYFRAME) != 0});
    }
    m_packets = std::move(packets);
    return true;
}

Status MovieReader::buildIndex() {
    PacketPtr pkt = makePacket();
    bool corruptSeen = false;
    const bool fromHeader = indexFromHeader(corruptSeen);
    // The header's samples stop at the end of the file (corruptSeen), or the last packet read was
    // cut short or could not be read: the data ends before the container does.
    m_dataEndsEarly = fromHeader && corruptSeen;
    while (!fromHeader) {
        const int r = av_read_frame(m_fmt.get(), pkt.get());
        if (r < 0) {
            if (r != AVERROR_EOF) corruptSeen = m_dataEndsEarly = true;
            break;
        }
        if (pkt->stream_index == m_streamIndex) {
            m_dataEndsEarly = (pkt->flags & AV_PKT_FLAG_CORRUPT) != 0;
            if (pkt->flags & AV_PKT_FLAG_CORRUPT) {
                corruptSeen = true;
            } else if (!(pkt->flags & AV_PKT_FLAG_DISCARD)) {
                m_packets.push_back({pkt->pts, pkt->dts, (pkt->flags & AV_PKT_FLAG_KEY) != 0});
            }
        }
        av_packet_unref(pkt.get());
    }
    if (m_packets.empty())
        return corruptSeen
                   ? fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                            "no complete video frame (file damaged or truncated)"))
                   : fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "the video stream has no frames"));
    // Presentation order from the timestamps; without timestamps, the decode order.
    size_t withPts = 0, ownPts = 0;
    for (auto& p : m_packets) {
        if (p.pts != AV_NOPTS_VALUE) ++ownPts;
        if (p.pts == AV_NOPTS_VALUE) p.pts = p.dts;
        if (p.pts != AV_NOPTS_VALUE) ++withPts;
    }
    m_noTimestamps = withPts != m_packets.size();
    // Decode times stand in for missing presentation times only when frames cannot be reordered:
    // AVI's packed B-frames (MPEG-4 Part 2) leave some packets without one, and the decoder's own
    // guesses are a frame late. Count frames in output order there instead.
    const AVCodecDescriptor* desc = avcodec_descriptor_get(m_stream->codecpar->codec_id);
    if (ownPts != m_packets.size() && desc && (desc->props & AV_CODEC_PROP_REORDER)) m_noTimestamps = true;
    const size_t n = m_packets.size();
    m_pts.resize(n);
    m_decodePos.resize(n);
    m_keyPos.assign(n, 0);
    if (m_noTimestamps) {
        for (size_t i = 0; i < n; ++i) {
            m_pts[i] = int64_t(i);
            m_decodePos[i] = int64_t(i);
        }
    } else {
        std::vector<std::pair<int64_t, int64_t>> order(n);
        for (size_t i = 0; i < n; ++i) order[i] = {m_packets[i].pts, int64_t(i)};
        std::stable_sort(order.begin(), order.end());
        // Duplicate timestamps would make frames unreachable: keep the first of each.
        order.erase(std::unique(order.begin(), order.end(),
                                [](const auto& a, const auto& b) { return a.first == b.first; }),
                    order.end());
        m_pts.resize(order.size());
        m_decodePos.resize(order.size());
        m_keyPos.assign(order.size(), 0);
        for (size_t i = 0; i < order.size(); ++i) {
            m_pts[i] = order[i].first;
            m_decodePos[i] = order[i].second;
        }
    }
    // For each frame: the last keyframe at or before its packet in decode order whose own
    // presentation time is not after the frame's.
    std::vector<int64_t> keys;
    for (size_t i = 0; i < m_packets.size(); ++i)
        if (m_packets[i].key) keys.push_back(int64_t(i));
    if (keys.empty() || keys.front() != 0) keys.insert(keys.begin(), 0);
    for (size_t i = 0; i < m_pts.size(); ++i) {
        auto it = std::upper_bound(keys.begin(), keys.end(), m_decodePos[i]);
        int64_t k = it == keys.begin() ? 0 : *(it - 1);
        while (!m_noTimestamps && it != keys.begin() && m_packets[size_t(k)].pts > m_pts[i]) {
            --it;
            k = it == keys.begin() ? 0 : *(it - 1);
        }
        m_keyPos[i] = k;
    }
    // A truncated file can lose B-frames whose neighbours survive: keep the frames before the
    // first hole in the timestamps, so indexes never shift.
    if (corruptSeen && !m_noTimestamps && m_pts.size() > 2) {
        std::vector<int64_t> steps;
        for (size_t i = 1; i < m_pts.size(); ++i) steps.push_back(m_pts[i] - m_pts[i - 1]);
        std::vector<int64_t> sorted = steps;
        std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
        const int64_t median = sorted[sorted.size() / 2];
        for (size_t i = 0; i < steps.size(); ++i)
            if (median > 0 && steps[i] * 2 > median * 3) {
                m_pts.resize(i + 1);
                m_decodePos.resize(i + 1);
                m_keyPos.resize(i + 1);
                break;
            }
    }
    m_startPts = m_noTimestamps ? 0 : m_pts.front();
    m_claimedFrames = int64_t(m_pts.size());  // noteTruncation() says whether the container lists more
    m_eof = true;  // the demuxer sits at the end: the first read seeks
    return Ok{};
}

enum AVPixelFormat pickHwFormat(AVCodecContext* ctx, const enum AVPixelFormat* fmts) {
    const AVPixelFormat wanted = *static_cast<const AVPixelFormat*>(ctx->opaque);
    for (const enum AVPixelFormat* p = fmts; *p != AV_PIX_FMT_NONE; ++p)
        if (*p == wanted) return *p;
    return fmts[0];
}

Status MovieReader::openDecoder(const OpenOptions& options) {
    const AVCodec* codec = avcodec_find_decoder(m_stream->codecpar->codec_id);
    if (!codec)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no decoder for codec %1"),
                    avcodec_get_name(m_stream->codecpar->codec_id));
    m_dec.reset(avcodec_alloc_context3(codec));
    if (!m_dec) return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
    int r = avcodec_parameters_to_context(m_dec.get(), m_stream->codecpar);
    if (r < 0)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "bad codec parameters: %1"), averr(r));
    m_dec->pkt_timebase = m_stream->time_base;
    m_dec->thread_count = options.threads;
    // Intra-only codecs (ProRes, DNxHR, MJPEG) split each frame into slices: every thread works on
    // the frame asked for, so a random frame (scrubbing, a jump) arrives in a fraction of one
    // frame's decode time. Frame threads would each take a whole frame and only pay off in order.
    const AVCodecDescriptor* desc = avcodec_descriptor_get(m_stream->codecpar->codec_id);
    const bool intraOnly = desc && (desc->props & AV_CODEC_PROP_INTRA_ONLY);
    m_dec->thread_type = intraOnly && (codec->capabilities & AV_CODEC_CAP_SLICE_THREADS)
                             ? FF_THREAD_SLICE
                             : FF_THREAD_FRAME | FF_THREAD_SLICE;
    if (!options.hardware.empty() && options.hardware != "none") {
        std::vector<AVHWDeviceType> wanted;
        if (options.hardware == "auto") {
            for (AVHWDeviceType t = av_hwdevice_iterate_types(AV_HWDEVICE_TYPE_NONE); t != AV_HWDEVICE_TYPE_NONE;
                 t = av_hwdevice_iterate_types(t))
                wanted.push_back(t);
        } else {
            const AVHWDeviceType t = av_hwdevice_find_type_by_name(options.hardware.c_str());
            if (t == AV_HWDEVICE_TYPE_NONE) m_hwNote = "unknown hardware decoder '" + options.hardware + "'";
            else wanted.push_back(t);
        }
        std::string why;
        for (AVHWDeviceType t : wanted) {
            AVPixelFormat hwFmt = AV_PIX_FMT_NONE;
            for (int i = 0;; ++i) {
                const AVCodecHWConfig* cfg = avcodec_get_hw_config(codec, i);
                if (!cfg) break;
                if ((cfg->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) && cfg->device_type == t) {
                    hwFmt = cfg->pix_fmt;
                    break;
                }
            }
            const std::string name = av_hwdevice_get_type_name(t);
            if (hwFmt == AV_PIX_FMT_NONE) {
                why += (why.empty() ? "" : "; ") + name + ": " + codec->name + " has no " + name + " decoder";
                continue;
            }
            AVBufferRef* dev = nullptr;
            r = av_hwdevice_ctx_create(&dev, t, nullptr, nullptr, 0);
            if (r < 0) {
                why += (why.empty() ? "" : "; ") + name + ": " + averr(r);
                continue;
            }
            m_hwDevice.reset(dev);
            m_dec->hw_device_ctx = av_buffer_ref(dev);
            m_hwFormat = hwFmt;
            m_dec->opaque = &m_hwFormat;
            m_dec->get_format = pickHwFormat;
            why.clear();
            break;
        }
        if (!m_hwDevice) {
            if (m_hwNote.empty())
                m_hwNote = "hardware decoding (" + options.hardware + ") unavailable" +
                           (why.empty() ? std::string(": no hardware device types in this FFmpeg") : ": " + why) +
                           "; decoding in software";
            else
                m_hwNote += "; decoding in software";
        }
    }
    r = avcodec_open2(m_dec.get(), codec, nullptr);
    if (r < 0)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open the %1 decoder: %2"),
                    codec->name, averr(r));
    m_decoderOpen = true;
    return Ok{};
}

Status MovieReader::fillInfo() {
    const AVCodecParameters* par = m_stream->codecpar;
    m_info.container = m_fmt->iformat->name;
    m_info.codec = avcodec_get_name(par->codec_id);
    if (const char* prof = avcodec_profile_name(par->codec_id, par->profile)) m_info.profile = prof;
    const auto pix = AVPixelFormat(par->format);
    if (const char* name = av_get_pix_fmt_name(pix)) m_info.pixelFormat = name;
    m_info.width = par->width;
    m_info.height = par->height;
    m_info.dataWindow = m_info.displayWindow = Rect{0, 0, par->width, par->height};
    const AVRational sar = av_guess_sample_aspect_ratio(m_fmt.get(), m_stream, nullptr);
    if (sar.num > 0 && sar.den > 0) m_info.pixelAspect = {sar.num, sar.den};
    AVRational rate = m_stream->avg_frame_rate;
    if (rate.num <= 0 || rate.den <= 0) rate = av_guess_frame_rate(m_fmt.get(), m_stream, nullptr);
    if (rate.num <= 0 || rate.den <= 0) rate = {24, 1};
    // Containers store 23.976 as e.g. 2997/125 averaged over the clip: snap to the standard rational.
    const AVRational rFrame = m_stream->r_frame_rate;
    if (rFrame.num > 0 && rFrame.den > 0 && std::abs(av_q2d(rFrame) - av_q2d(rate)) < 0.002 * av_q2d(rate))
        rate = rFrame;
    av_reduce(&rate.num, &rate.den, rate.num, rate.den, INT_MAX);
    m_info.frameRate = {rate.num, rate.den};
    m_info.frameCount = int64_t(m_pts.size());
    m_info.firstFrame = 0;
    // Variable frame rate: frame durations that differ by more than a tick from the nominal.
    if (!m_noTimestamps && m_pts.size() > 2) {
        const double tb = av_q2d(m_stream->time_base);
        const double nominal = 1.0 / av_q2d(rate);
        int off = 0;
        for (size_t i = 1; i < m_pts.size(); ++i) {
            const double d = double(m_pts[i] - m_pts[i - 1]) * tb;
            if (std::abs(d - nominal) > std::max(tb * 1.5, nominal * 0.02)) ++off;
        }
        m_info.variableFrameRate = off > int(m_pts.size() / 50) + 1;
    }
    m_info.bitDepth = bitDepthOf(pix);
    if (const char* s = av_color_primaries_name(par->color_primaries)) m_info.colour.primaries = s;
    if (const char* s = av_color_transfer_name(par->color_trc)) m_info.colour.transfer = s;
    if (const char* s = av_color_space_name(par->color_space)) m_info.colour.matrix = s;
    if (par->color_range != AVCOL_RANGE_UNSPECIFIED) {
        if (const char* s = av_color_range_name(par->color_range)) m_info.colour.range = s;
    } else if (m_info.pixelFormat.rfind("yuvj", 0) == 0) {
        m_info.colour.range = "pc";
    }
    // Start timecode: the tmcd track's (mov copies it onto the video stream) or a container tag.
    std::string tc = dictValue(m_stream->metadata, "timecode");
    for (unsigned i = 0; tc.empty() && i < m_fmt->nb_streams; ++i) tc = dictValue(m_fmt->streams[i]->metadata, "timecode");
    if (tc.empty()) tc = dictValue(m_fmt->metadata, "timecode");
    if (auto parsed = Timecode::parse(tc)) {
        m_info.startTimecode = *parsed;
        m_info.hasTimecode = true;
    }
    for (unsigned i = 0; i < m_fmt->nb_streams; ++i) {
        const AVStream* st = m_fmt->streams[i];
        if (st->codecpar->codec_type != AVMEDIA_TYPE_AUDIO) continue;
        AudioStreamInfo a;
        a.index = int(i);
        a.codec = avcodec_get_name(st->codecpar->codec_id);
        a.sampleRate = st->codecpar->sample_rate;
        a.channels = st->codecpar->ch_layout.nb_channels;
        char layout[128] = {};
        if (av_channel_layout_describe(&st->codecpar->ch_layout, layout, sizeof layout) > 0) a.channelLayout = layout;
        if (st->duration != AV_NOPTS_VALUE) a.durationSeconds = double(st->duration) * av_q2d(st->time_base);
        else if (m_fmt->duration != AV_NOPTS_VALUE) a.durationSeconds = double(m_fmt->duration) / AV_TIME_BASE;
        m_info.audio.push_back(a);
    }
    const AVDictionaryEntry* e = nullptr;
    while ((e = av_dict_get(m_fmt->metadata, "", e, AV_DICT_IGNORE_SUFFIX)))
        m_info.metadata.emplace_back(e->key, e->value);
    noteTruncation(m_dataEndsEarly);
    if (!m_hwNote.empty()) m_info.metadata.emplace_back("rushes:hardware", m_hwNote);
    return Ok{};
}

// A file cut short plays the frames it holds; this says so, and how many the container promised.
// Only evidence that the data stops early counts (index entries or a top-level box past the end
// of the file, a last packet cut short): a sample count above the frames that play is no proof
// on its own (an edit list leaves samples out of a whole file).
void MovieReader::noteTruncation(bool dataEndsEarly) {
    const int64_t have = int64_t(m_pts.size());
    m_claimedFrames = have;
    const int64_t fileSize = m_fmt->pb ? avio_size(m_fmt->pb) : -1;
    int64_t discarded = 0;
    bool pastEnd = false;
    const int entries = avformat_index_get_entries_count(m_stream);
    for (int i = 0; i < entries; ++i) {
        const AVIndexEntry* e = avformat_index_get_entry(m_stream, i);
        if (!e) break;
        if (e->flags & AVINDEX_DISCARD_FRAME)
            ++discarded;
        else if (fileSize > 0 && e->pos >= 0 && e->size > 0 && e->pos + e->size > fileSize)
            pastEnd = true;
    }
    Layout layout;
    const std::string format = m_fmt->iformat->name;
    if (fileSize > 0 &&
        (format.find("mov") != std::string::npos || format.find("matroska") != std::string::npos))
        layout = readLayout(m_info.path, fileSize);
    // YUV4MPEG and MPEG-TS record no length: only a cut inside a frame or a transport packet shows.
    const bool noLength = format == "yuv4mpegpipe" || format == "mpegts";
    bool endsInside = false;
    if (fileSize > 0 && noLength) {
        std::ifstream in(fsPath(m_info.path), std::ios::binary);
        const AVCodecParameters* par = m_stream->codecpar;
        endsInside = format == "mpegts"
                         ? tsEndsInsidePacket(in, fileSize)
                         : y4mEndsInsideFrame(in, fileSize,
                                              av_image_get_buffer_size(AVPixelFormat(par->format), par->width,
                                                                       par->height, 1));
    }
    if (!dataEndsEarly && !pastEnd && !layout.cut && !endsInside) return;
    int64_t listed = 0;
    bool estimated = false;
    if (noLength) {
        // Their duration is the frames read (or the file's size over a frame's): no count to compare.
    } else if (m_stream->nb_frames > 0) {
        listed = m_stream->nb_frames - discarded;
    } else {
        // No count in the header (Matroska, WebM): the container's duration at the frame rate.
        double seconds = 0;
        if (m_stream->duration != AV_NOPTS_VALUE && m_stream->duration > 0)
            seconds = double(m_stream->duration) * av_q2d(m_stream->time_base);
        else if (m_fmt->duration != AV_NOPTS_VALUE && m_fmt->duration > 0 &&
                 m_fmt->duration_estimation_method == AVFMT_DURATION_FROM_STREAM)
            seconds = double(m_fmt->duration) / AV_TIME_BASE;
        if (seconds > 0 && m_info.frameRate.valid()) {
            listed = std::llround(seconds * m_info.frameRate.toDouble());
            estimated = true;
        }
    }
    if (listed > 0 && listed <= have) {
        // The container's count is all there: what is cut short is not video (the end of the sound).
        if (!estimated) return;
        // A duration that the frames read make up (fragmented MP4 has no total): how many frames
        // are missing is not known.
        listed = 0;
        estimated = false;
    }
    m_info.truncated = true;
    m_info.listedFrameCount = listed;
    m_info.listedFrameCountEstimated = estimated;
    m_claimedFrames = listed > have ? listed : have + 1;
    Error warning;
    if (listed > 0 && !estimated)
        warning = fail(QT_TRANSLATE_NOOP(
                           "rushes::codecs::Messages",
                           "truncated: the data ends after %1 of the %2 frames the container lists (frames "
                           "%1-%3 are missing)"),
                       have, listed, listed - 1);
    else if (listed > 0)
        warning =
            fail(QT_TRANSLATE_NOOP(
                     "rushes::codecs::Messages",
                     "truncated: the data ends after %1 frames, of about %2 in the container's duration "
                     "(frames from %1 on are missing)"),
                 have, listed);
    else
        warning = fail(
            QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                              "truncated: the data ends after %1 frames (the rest of the file is missing)"),
            have);
    m_info.warnings.push_back(std::move(warning));
}

int64_t MovieReader::indexOfPts(int64_t pts) const {
    auto it = std::lower_bound(m_pts.begin(), m_pts.end(), pts);
    if (it == m_pts.end() || *it != pts) return -1;
    return int64_t(it - m_pts.begin());
}

Status MovieReader::seekTo(int64_t index) {
    const PacketEntry& key = m_packets[size_t(m_keyPos[size_t(index)])];
    // Its decode time: demuxers that search by decode time (MPEG-TS) land at the keyframe or
    // before it. MP4/MOV with B-frames lands a whole GOP early (its index is shifted by the first
    // frame's reorder delay): decodeTo skips the packets before the keyframe.
    int64_t ts = key.dts != AV_NOPTS_VALUE ? key.dts : key.pts;
    int r = -1;
    if (ts == AV_NOPTS_VALUE || m_noTimestamps) {
        const PacketEntry& first = m_packets.front();
        ts = first.dts != AV_NOPTS_VALUE ? first.dts : first.pts;
        m_counter = 0;
    }
    if (ts != AV_NOPTS_VALUE) {
        r = av_seek_frame(m_fmt.get(), m_streamIndex, ts, AVSEEK_FLAG_BACKWARD);
        if (r < 0) r = avformat_seek_file(m_fmt.get(), m_streamIndex, INT64_MIN, ts, ts, 0);
        if (r < 0) r = av_seek_frame(m_fmt.get(), m_streamIndex, ts, AVSEEK_FLAG_BACKWARD | AVSEEK_FLAG_ANY);
    }
    if (r < 0 && m_keyPos[size_t(index)] == 0) {
        r = avformat_seek_file(m_fmt.get(), -1, INT64_MIN, 0, 0, 0);
        if (r < 0) r = av_seek_frame(m_fmt.get(), -1, 0, AVSEEK_FLAG_BACKWARD | AVSEEK_FLAG_BYTE);
    }
    if (r < 0)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot seek to frame %1: %2"), index,
                    averr(r));
    avcodec_flush_buffers(m_dec.get());
    m_eof = false;
    m_lastOut = -1;
    m_sentPos = -1;
    m_skipBefore = m_noTimestamps ? -1 : m_keyPos[size_t(index)];
    m_current = -1;
    return Ok{};
}

Status MovieReader::decodeTo(int64_t index) {
    if (index == m_current) return Ok{};
    // Decoding forward reaches `index` when its keyframe has already gone into the decoder.
    // (For intra-only codecs every frame is its own keyframe: the next packet in line counts.)
    const bool forward = !m_eof && m_lastOut >= 0 && index > m_lastOut && m_keyPos[size_t(index)] <= m_sentPos + 1 &&
                         !m_noTimestamps;
    const bool forwardCounted = !m_eof && m_noTimestamps && index >= m_counter;
    if (!forward && !forwardCounted) {
        if (auto st = seekTo(index); !st) return st;
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool flushing = false;
        for (;;) {
            int r = avcodec_receive_frame(m_dec.get(), m_frame.get());
            if (r == 0) {
                int64_t idx;
                if (m_noTimestamps) {
                    idx = m_counter++;
                } else {
                    idx = indexOfPts(m_frame->best_effort_timestamp);
                    if (idx < 0) idx = indexOfPts(m_frame->pts);
                }
                if (idx < 0) {
                    av_frame_unref(m_frame.get());
                    continue;
                }
                m_lastOut = std::max(m_lastOut, idx);
                if (idx == index) {
                    m_current = idx;
                    return Ok{};
                }
                av_frame_unref(m_frame.get());
                if (idx > index && !m_noTimestamps) break;  // passed it: the seek landed too late
                continue;
            }
            if (r == AVERROR_EOF) {
                m_eof = true;
                break;
            }
            if (r != AVERROR(EAGAIN)) {
                m_lastDecodeError = averr(r);
                m_eof = true;
                break;
            }
            if (flushing) {
                m_eof = true;
                break;
            }
            r = av_read_frame(m_fmt.get(), m_packet.get());
            if (r < 0) {
                if (r != AVERROR_EOF) m_lastDecodeError = averr(r);
                flushing = true;
                avcodec_send_packet(m_dec.get(), nullptr);
                continue;
            }
            if (m_packet->stream_index != m_streamIndex) {
                av_packet_unref(m_packet.get());
                continue;
            }
            if (!m_noTimestamps) {
                const int64_t pts = m_packet->pts != AV_NOPTS_VALUE ? m_packet->pts : m_packet->dts;
                const int64_t f = indexOfPts(pts);
                // A seek that landed before the keyframe: the packets in between only cost time.
                if (f >= 0 && m_decodePos[size_t(f)] < m_skipBefore) {
                    av_packet_unref(m_packet.get());
                    continue;
                }
                if (f >= 0) m_sentPos = std::max(m_sentPos, m_decodePos[size_t(f)]);
                // Frames shown before the one asked for that no other frame refers to (most
                // B-frames) need not be decoded at all on the way to it.
                const AVDiscard skip = f >= 0 && f < index ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
                if (m_dec->skip_frame != skip) m_dec->skip_frame = skip;
            }
            r = avcodec_send_packet(m_dec.get(), m_packet.get());
            av_packet_unref(m_packet.get());
            if (r < 0 && r != AVERROR(EAGAIN)) m_lastDecodeError = averr(r);  // damaged packet: go on, like ffmpeg
        }
        if (attempt == 0 && !m_noTimestamps && m_keyPos[size_t(index)] > 0) {
            // Seek from the very start as a last resort (broken indexes, demuxers that seek late).
            if (avformat_seek_file(m_fmt.get(), m_streamIndex, INT64_MIN, INT64_MIN, INT64_MIN, 0) < 0) break;
            avcodec_flush_buffers(m_dec.get());
            m_eof = false;
            m_lastOut = -1;
            m_sentPos = -1;
            m_skipBefore = -1;
            continue;
        }
        break;
    }
    m_current = -1;
    if (m_lastDecodeError.empty())
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame %1 could not be decoded"), index);
    return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame %1 could not be decoded (%2)"), index,
                m_lastDecodeError);
}

const AVFrame* MovieReader::softwareFrame() {
    if (m_frame->hw_frames_ctx) {
        av_frame_unref(m_swFrame.get());
        if (av_hwframe_transfer_data(m_swFrame.get(), m_frame.get(), 0) < 0) return nullptr;
        av_frame_copy_props(m_swFrame.get(), m_frame.get());
        return m_swFrame.get();
    }
    return m_frame.get();
}

Result<Frame> MovieReader::readFrame(int64_t index) {
    Frame out;
    if (auto st = readFrameInto(index, out); !st) return st.error();
    return out;
}

Status MovieReader::readFrameInto(int64_t index, Frame& out) {
    if (index < 0)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame %1 is out of range"), index);
    if (index >= int64_t(m_pts.size())) {
        if (index < m_claimedFrames)
            return fail(
                QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                  "file is truncated: frame %1 is missing (the data ends after frame %2)"),
                index, int64_t(m_pts.size()) - 1);
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame %1 is out of range (0-%2)"), index,
                    int64_t(m_pts.size()) - 1);
    }
    if (auto st = decodeTo(index); !st) return st;
    const AVFrame* f = softwareFrame();
    if (!f)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot download frame %1 from the GPU"),
                    index);
    frameFromAV(f, out);
    out.index = index;
    out.number = index;
    out.seconds = m_noTimestamps ? double(index) / m_info.frameRate.toDouble()
                                 : double(m_pts[size_t(index)] - m_startPts) * av_q2d(m_stream->time_base);
    return Ok{};
}

Result<Image> MovieReader::readImage(int64_t index, ImageFormat format) {
    Image img;
    if (auto st = readImageInto(index, format, img); !st) return st.error();
    return img;
}

Status MovieReader::readImageInto(int64_t index, ImageFormat format, Image& img) {
    if (index < 0 || index >= int64_t(m_pts.size())) {
        Frame unused;
        auto st = readFrameInto(index, unused);
        return st.error();
    }
    if (auto st = decodeTo(index); !st) return st;
    const AVFrame* f = softwareFrame();
    if (!f)
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot download frame %1 from the GPU"),
                    index);
    if (auto st = m_scaler.convert(f, format, m_info.colour, img); !st) return fail(st.error());
    return Ok{};
}

Result<AudioBuffer> MovieReader::readAudio(int stream, int64_t startSample, int64_t count, int sampleRate) {
    if (stream < 0 || stream >= int(m_info.audio.size()))
        return fail(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no audio stream %1"), stream);
    auto& dec = m_audio[stream];
    if (!dec) {
        auto fresh = std::make_unique<AudioDecoder>();
        const double zero = m_noTimestamps ? 0.0 : double(m_startPts) * av_q2d(m_stream->time_base);
        if (auto st = fresh->open(m_info.path, m_info.audio[size_t(stream)].index, zero); !st) return st.error();
        dec = std::move(fresh);
    }
    return dec->read(startSample, count, sampleRate);
}

}  // namespace

Result<std::unique_ptr<MediaReader>> openMovie(const std::string& path, const OpenOptions& options) {
    auto reader = std::make_unique<MovieReader>();
    if (auto st = reader->open(path, options); !st) return st.error();
    return std::unique_ptr<MediaReader>(std::move(reader));
}

}  // namespace rushes::codecs::detail
