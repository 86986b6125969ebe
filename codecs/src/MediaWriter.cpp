// Writers: movies through FFmpeg (ProRes, DNxHR, H.264 with a tmcd timecode track in MOV) and
// image sequences (PNG through FFmpeg; EXR half and DPX 10-bit through OpenImageIO, which carry
// timecode, rate, windows and attributes in their headers).
#include "rushes/codecs/MediaWriter.h"
#include "rushes/codecs/NativeFile.h"

#include <Imath/half.h>
#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

#include "FFmpegSupport.h"
#include "Messages.h"
#include "PartFile.h"
#include "Sequence.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace rushes::codecs {

namespace {

using namespace detail;

// The finished file (PartFile.h) renamed into place.
Status moveIntoPlace(const std::string& tmp, const std::string& path) {
    if (const std::error_code ec = renameIntoPlace(tmp, path))
        return makeSystemError(
            path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot put the finished file in place: %1"),
            ec);
    return Ok{};
}

// SMPTE timecode as OIIO's TypeTimeCode wants it: BCD time and flags.
uint32_t bcdTimecode(const Timecode& tc) {
    auto bcd = [](int v) { return uint32_t(((v / 10) << 4) | (v % 10)); };
    return bcd(tc.frames) | (tc.dropFrame ? 0x40u : 0u) | (bcd(tc.seconds) << 8) | (bcd(tc.minutes) << 16) |
           (bcd(tc.hours) << 24);
}

// Any Image as 16-bit RGBA (native endian): the common input of the movie and DPX paths.
void toRgba16(const Image& img, std::vector<uint16_t>& out) {
    const size_t n = size_t(img.width) * size_t(img.height) * 4;
    out.resize(n);
    switch (img.format) {
    case ImageFormat::RGBA8:
        for (size_t i = 0; i < n; ++i) out[i] = uint16_t(img.data[i] * 257);
        break;
    case ImageFormat::RGBA16: std::memcpy(out.data(), img.data.data(), n * 2); break;
    case ImageFormat::RGBAHalf:
        for (size_t i = 0; i < n; ++i) {
            uint16_t bits;
            std::memcpy(&bits, &img.data[i * 2], 2);
            Imath::half h;
            h.setBits(bits);
            const float f = float(h);
            out[i] = uint16_t((f >= 0.0f ? std::min(f, 1.0f) : 0.0f) * 65535.0f + 0.5f);  // NaN to 0
        }
        break;
    case ImageFormat::RGBAFloat:
        for (size_t i = 0; i < n; ++i) {
            float v;
            std::memcpy(&v, &img.data[i * 4], 4);
            out[i] = uint16_t((v >= 0.0f ? std::min(v, 1.0f) : 0.0f) * 65535.0f + 0.5f);  // NaN to 0
        }
        break;
    }
}

Status checkImage(const std::string& path, const Image& img, const WriteOptions& o) {
    if (img.width != o.width || img.height != o.height)
        return makeError(
            path,
            QT_TRANSLATE_NOOP("rushes::codecs::Messages", "image is %1x%2, the writer was opened for %3x%4"),
            img.width, img.height, o.width, o.height);
    if (img.data.size() != size_t(img.width) * size_t(img.height) * 4 * size_t(img.bytesPerChannel()))
        return makeError(path,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages", "image data has the wrong size"));
    return Ok{};
}

class MovieWriter final : public MediaWriter {
public:
    Status open(const std::string& path, const WriteOptions& o);
    Status writeImage(const Image& image) override;
    Status writeAudio(const AudioBuffer& audio) override;
    Status finish() override;
    // A writer dropped before finish() (an error, a cancelled job) removes what it wrote.
    ~MovieWriter() override {
        if (!m_finished) abandon();
    }

private:
    void closeFile();
    void abandon();
    Status openAudio();
    Status encode(AVCodecContext* enc, AVStream* stream, AVFrame* frame);
    Status encode(AVFrame* frame) { return encode(m_enc.get(), m_stream, frame); }
    // Sends `count` sample frames from the front of m_pending to the audio encoder.
    Status encodeAudio(int count);
    std::string m_path;
    std::string m_tmp;       // where the file is written until finish() renames it to m_path
    bool m_created = false;  // m_tmp exists
    WriteOptions m_o;
    AVFormatContext* m_fmt = nullptr;  // owned; freed in finish()
    CodecPtr m_enc;
    AVStream* m_stream = nullptr;
    // The sound track: PCM 24-bit in MOV/MKV, AAC in MP4 (whose muxer takes no PCM).
    CodecPtr m_audioEnc;
    AVStream* m_audioStream = nullptr;
    FramePtr m_audioFrame = makeFrame();
    std::vector<float> m_pending;      // interleaved samples not yet encoded
    int64_t m_audioNext = 0;           // samples sent to the encoder
    SwsPtr m_sws;
    FramePtr m_frame = makeFrame();
    PacketPtr m_packet = makePacket();
    std::vector<uint16_t> m_rgba16;
    int64_t m_next = 0;
    bool m_headerWritten = false;
    bool m_finished = false;
};

Status MovieWriter::open(const std::string& path, const WriteOptions& o) {
    m_path = path;
    m_tmp = partName(path);
    m_o = o;
    if (o.codec == "wav") {
        // A sound track alone: the WAV written beside an image sequence.
        int r = avformat_alloc_output_context2(&m_fmt, nullptr, "wav", m_tmp.c_str());
        if (r < 0 || !m_fmt)
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write WAV: %1"),
                             averr(r));
        if (auto st = openAudio(); !st) return st;
        r = avio_open(&m_fmt->pb, m_tmp.c_str(), AVIO_FLAG_WRITE);
        if (r < 0)
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot create: %1"),
                             averr(r));
        m_created = true;
        r = avformat_write_header(m_fmt, nullptr);
        if (r < 0)
            return makeError(
                path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write the header: %1"), averr(r));
        m_headerWritten = true;
        return Ok{};
    }
    std::string codecName, profile;
    AVPixelFormat pix = AV_PIX_FMT_YUV422P10LE;
    if (o.codec == "prores" || o.codec == "prores4444") {
        codecName = "prores_ks";
        profile = o.codec == "prores" ? "3" : "4";
        pix = o.codec == "prores" ? AV_PIX_FMT_YUV422P10LE : AV_PIX_FMT_YUVA444P10LE;
    } else if (o.codec == "dnxhr") {
        codecName = "dnxhd";
        profile = "dnxhr_hq";
        pix = AV_PIX_FMT_YUV422P;
    } else if (o.codec == "h264") {
        codecName = "libx264";
        pix = AV_PIX_FMT_YUV420P;
    } else {
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "unknown movie codec '%1'"),
                         o.codec);
    }
    const AVCodec* codec = avcodec_find_encoder_by_name(codecName.c_str());
    if (!codec && o.codec == "h264") codec = avcodec_find_encoder(AV_CODEC_ID_H264);
    if (!codec)
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "this FFmpeg has no %1 encoder"),
                         codecName);
    // The container from the final name; the bytes go to the temporary one.
    const AVOutputFormat* container = av_guess_format(nullptr, path.c_str(), nullptr);
    if (!container)
        return makeError(
            path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no container is known for this extension"));
    int r = avformat_alloc_output_context2(&m_fmt, container, nullptr, m_tmp.c_str());
    if (r < 0 || !m_fmt)
        return makeError(
            path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write this container: %1"), averr(r));
    m_stream = avformat_new_stream(m_fmt, nullptr);
    m_enc.reset(avcodec_alloc_context3(codec));
    if (!m_stream || !m_enc)
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
    m_enc->width = o.width;
    m_enc->height = o.height;
    m_enc->pix_fmt = pix;
    m_enc->time_base = AVRational{int(o.frameRate.den), int(o.frameRate.num)};
    m_enc->framerate = AVRational{int(o.frameRate.num), int(o.frameRate.den)};
    m_enc->sample_aspect_ratio = AVRational{1, 1};
    const bool hd = o.height > 576;
    m_enc->color_range = AVCOL_RANGE_MPEG;
    m_enc->colorspace = hd ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M;
    m_enc->color_primaries = hd ? AVCOL_PRI_BT709 : AVCOL_PRI_SMPTE170M;
    m_enc->color_trc = hd ? AVCOL_TRC_BT709 : AVCOL_TRC_SMPTE170M;
    if (m_fmt->oformat->flags & AVFMT_GLOBALHEADER) m_enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    AVDictionary* opts = nullptr;
    if (!profile.empty()) av_dict_set(&opts, "profile", profile.c_str(), 0);
    if (codecName == "prores_ks") av_dict_set(&opts, "vendor", "apl0", 0);
    if (o.codec == "h264") {
        av_dict_set(&opts, "crf", "16", 0);
        av_dict_set(&opts, "preset", "fast", 0);
    }
    r = avcodec_open2(m_enc.get(), codec, &opts);
    av_dict_free(&opts);
    if (r < 0)
        return makeError(path,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open the %1 encoder: %2"),
                         codecName, averr(r));
    avcodec_parameters_from_context(m_stream->codecpar, m_enc.get());
    m_stream->time_base = m_enc->time_base;
    m_stream->avg_frame_rate = m_enc->framerate;
    if (o.hasTimecode) {
        // The MOV muxer writes a tmcd track from this.
        av_dict_set(&m_fmt->metadata, "timecode", o.startTimecode.toString().c_str(), 0);
        av_dict_set(&m_stream->metadata, "timecode", o.startTimecode.toString().c_str(), 0);
    }
    if (o.audioSampleRate > 0 || o.audioChannels > 0) {
        if (auto st = openAudio(); !st) return st;
    }
    if (!(m_fmt->oformat->flags & AVFMT_NOFILE)) {
        r = avio_open(&m_fmt->pb, m_tmp.c_str(), AVIO_FLAG_WRITE);
        if (r < 0)
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot create: %1"),
                             averr(r));
        m_created = true;
    }
    r = avformat_write_header(m_fmt, nullptr);
    if (r < 0)
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write the header: %1"),
                         averr(r));
    m_headerWritten = true;
    m_frame->format = pix;
    m_frame->width = o.width;
    m_frame->height = o.height;
    r = av_frame_get_buffer(m_frame.get(), 0);
    if (r < 0) return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
    m_sws.reset(sws_getContext(o.width, o.height, AV_PIX_FMT_RGBA64, o.width, o.height, pix,
                               SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP, nullptr, nullptr, nullptr));
    if (!m_sws)
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                 "cannot convert RGBA to the encoder's format"));
    const int* coefs = sws_getCoefficients(hd ? SWS_CS_ITU709 : SWS_CS_ITU601);
    sws_setColorspaceDetails(m_sws.get(), coefs, 1, coefs, 0, 0, 1 << 16, 1 << 16);
    return Ok{};
}

Status MovieWriter::openAudio() {
    const WriteOptions& o = m_o;
    if (o.audioSampleRate < 8000 || o.audioSampleRate > 384000)
        return makeError(m_path,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                           "audio sample rate %1 is not supported (8000-384000)"),
                         o.audioSampleRate);
    if (o.audioChannels < 1 || o.audioChannels > 16)
        return makeError(
            m_path,
            QT_TRANSLATE_NOOP("rushes::codecs::Messages", "audio channel count %1 is not supported (1-16)"),
            o.audioChannels);
    const bool mp4 = std::strcmp(m_fmt->oformat->name, "mp4") == 0;
    const AVCodec* codec = avcodec_find_encoder(mp4 ? AV_CODEC_ID_AAC : AV_CODEC_ID_PCM_S24LE);
    if (!codec)
        return makeError(m_path,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages", "this FFmpeg has no %1 encoder"),
                         (mp4 ? "AAC" : "PCM"));
    m_audioStream = avformat_new_stream(m_fmt, nullptr);
    m_audioEnc.reset(avcodec_alloc_context3(codec));
    if (!m_audioStream || !m_audioEnc)
        return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
    m_audioEnc->sample_rate = o.audioSampleRate;
    m_audioEnc->sample_fmt = mp4 ? AV_SAMPLE_FMT_FLTP : AV_SAMPLE_FMT_S32;
    av_channel_layout_default(&m_audioEnc->ch_layout, o.audioChannels);
    m_audioEnc->time_base = AVRational{1, o.audioSampleRate};
    if (mp4) m_audioEnc->bit_rate = 96000 * int64_t(o.audioChannels);
    if (m_fmt->oformat->flags & AVFMT_GLOBALHEADER) m_audioEnc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int r = avcodec_open2(m_audioEnc.get(), codec, nullptr);
    if (r < 0)
        return makeError(m_path,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open the %1 encoder: %2"),
                         codec->name, averr(r));
    avcodec_parameters_from_context(m_audioStream->codecpar, m_audioEnc.get());
    m_audioStream->time_base = m_audioEnc->time_base;
    return Ok{};
}

Status MovieWriter::writeAudio(const AudioBuffer& audio) {
    if (m_finished)
        return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "the writer is finished"));
    if (!m_audioEnc)
        return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                   "the writer was opened without a sound track"));
    if (audio.sampleRate != m_o.audioSampleRate || audio.channels != m_o.audioChannels)
        return makeError(
            m_path,
            QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                              "audio is %1 channels at %2 Hz, the writer was opened for %3 at %4"),
            audio.channels, audio.sampleRate, m_o.audioChannels, m_o.audioSampleRate);
    m_pending.insert(m_pending.end(), audio.samples.begin(), audio.samples.end());
    // AAC takes fixed-size frames; PCM any size: send what fills whole frames, keep the rest.
    const int frameSize = m_audioEnc->frame_size > 0 ? m_audioEnc->frame_size : 1024;
    while (int64_t(m_pending.size()) >= int64_t(frameSize) * audio.channels)
        if (auto st = encodeAudio(frameSize); !st) return st;
    return Ok{};
}

Status MovieWriter::encodeAudio(int count) {
    const int channels = m_o.audioChannels;
    AVFrame* f = m_audioFrame.get();
    av_frame_unref(f);
    f->format = m_audioEnc->sample_fmt;
    f->sample_rate = m_audioEnc->sample_rate;
    f->nb_samples = count;
    if (av_channel_layout_copy(&f->ch_layout, &m_audioEnc->ch_layout) < 0 || av_frame_get_buffer(f, 0) < 0)
        return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
    const float* in = m_pending.data();
    if (m_audioEnc->sample_fmt == AV_SAMPLE_FMT_FLTP) {
        for (int c = 0; c < channels; ++c) {
            auto* out = reinterpret_cast<float*>(f->extended_data[c]);
            for (int i = 0; i < count; ++i) out[i] = in[size_t(i) * size_t(channels) + size_t(c)];
        }
    } else {
        // 24-bit PCM travels in the top bits of 32-bit samples.
        auto* out = reinterpret_cast<int32_t*>(f->data[0]);
        for (size_t i = 0; i < size_t(count) * size_t(channels); ++i) {
            const double v = std::clamp(double(in[i]), -1.0, 1.0) * 8388607.0;
            out[i] = int32_t(std::lrint(v)) * 256;
        }
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + ptrdiff_t(size_t(count) * size_t(channels)));
    f->pts = m_audioNext;
    m_audioNext += count;
    return encode(m_audioEnc.get(), m_audioStream, f);
}

Status MovieWriter::encode(AVCodecContext* enc, AVStream* stream, AVFrame* frame) {
    int r = avcodec_send_frame(enc, frame);
    if (r < 0)
        return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "encoding failed: %1"),
                         averr(r));
    for (;;) {
        r = avcodec_receive_packet(enc, m_packet.get());
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return Ok{};
        if (r < 0)
            return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "encoding failed: %1"),
                             averr(r));
        av_packet_rescale_ts(m_packet.get(), enc->time_base, stream->time_base);
        m_packet->stream_index = stream->index;
        r = av_interleaved_write_frame(m_fmt, m_packet.get());
        if (r < 0)
            return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write: %1"),
                             averr(r));
    }
}

Status MovieWriter::writeImage(const Image& image) {
    if (m_finished)
        return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "the writer is finished"));
    if (!m_enc)
        return makeError(m_path,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages", "a sound file takes no pictures"));
    if (auto st = checkImage(m_path, image, m_o); !st) return st;
    toRgba16(image, m_rgba16);
    int r = av_frame_make_writable(m_frame.get());
    if (r < 0) return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
    const uint8_t* src[4] = {reinterpret_cast<const uint8_t*>(m_rgba16.data()), nullptr, nullptr, nullptr};
    const int srcLines[4] = {image.width * 8, 0, 0, 0};
    sws_scale(m_sws.get(), src, srcLines, 0, image.height, m_frame->data, m_frame->linesize);
    m_frame->pts = m_next++;
    return encode(m_frame.get());
}

Status MovieWriter::finish() {
    if (m_finished) return Ok{};
    m_finished = true;
    Status result = Ok{};
    if (m_headerWritten) {
        if (m_enc) result = encode(nullptr);
        if (m_audioEnc) {
            const int rest = int(m_pending.size() / size_t(m_o.audioChannels));
            if (rest > 0 && result.ok()) result = encodeAudio(rest);  // the encoders take a short last frame
            if (result.ok()) result = encode(m_audioEnc.get(), m_audioStream, nullptr);
        }
        const int r = av_write_trailer(m_fmt);
        if (r < 0 && result.ok())
            result =
                makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot finish the file: %1"),
                          averr(r));
    }
    if (m_fmt && !(m_fmt->oformat->flags & AVFMT_NOFILE) && m_fmt->pb) {
        // Closing flushes what is buffered: a full disk shows here.
        const int r = avio_closep(&m_fmt->pb);
        if (r < 0 && result.ok())
            result = makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write: %1"),
                               averr(r));
    }
    closeFile();
    if (m_created) {
        m_created = false;
        if (result.ok())
            result = moveIntoPlace(m_tmp, m_path);
        else
            removeQuietly(m_tmp);
    }
    return result;
}

void MovieWriter::closeFile() {
    if (!m_fmt) return;
    if (!(m_fmt->oformat->flags & AVFMT_NOFILE) && m_fmt->pb) avio_closep(&m_fmt->pb);
    avformat_free_context(m_fmt);
    m_fmt = nullptr;
}

void MovieWriter::abandon() {
    m_finished = true;
    closeFile();
    if (m_created) removeQuietly(m_tmp);
    m_created = false;
}

class SequenceWriter final : public MediaWriter {
public:
    Status open(const std::string& pattern, const WriteOptions& o);
    // One image file (a name without a frame number: still.exr): it takes one frame and no sound.
    Status openSingle(const std::string& file, const WriteOptions& o);
    Status writeImage(const Image& image) override;
    // Sound goes to a WAV beside the sequence, named like it (where the reader looks for it).
    Status writeAudio(const AudioBuffer& audio) override;
    Status finish() override { return m_wav ? m_wav->finish() : Status(Ok{}); }

private:
    // Each writes frame `file`'s bytes to `tmp` (OpenImageIO picks its format by `file`'s extension).
    Status writePng(const std::string& file, const std::string& tmp, const Image& image);
    Status writeOiio(const std::string& file, const std::string& tmp, const Image& image);
    std::unique_ptr<MovieWriter> m_wav;
    SequenceSpec m_spec;
    std::string m_pattern;
    bool m_single = false;
    WriteOptions m_o;
    int64_t m_next = 0;
    std::vector<uint16_t> m_rgba16;
    PacketPtr m_packet = makePacket();
};

Status SequenceWriter::open(const std::string& pattern, const WriteOptions& o) {
    m_o = o;
    Error why;
    // A pattern names files that need not exist yet.
    auto spec = parseOutputPattern(pattern, why);
    if (!spec) return detail::withPath(why, pattern);
    m_spec = *spec;
    m_pattern = pattern;
    std::error_code ec;
    if (!m_spec.dir.empty() && !std::filesystem::is_directory(fsPath(m_spec.dir), ec))
        return makeError(pattern,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages", "the folder %1 does not exist"),
                         printable(m_spec.dir));
    m_next = o.firstFrame;
    return Ok{};
}

Status SequenceWriter::openSingle(const std::string& file, const WriteOptions& o) {
    m_o = o;
    m_pattern = file;
    m_single = true;
    const std::filesystem::path dir = fsPath(file).parent_path();
    std::error_code ec;
    if (!dir.empty() && !std::filesystem::is_directory(dir, ec))
        return makeError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "the folder %1 does not exist"),
                         printable(nameOf(dir)));
    m_next = o.firstFrame;
    return Ok{};
}

Status SequenceWriter::writePng(const std::string& file, const std::string& tmp, const Image& image) {
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
    if (!codec)
        return makeError(file,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages", "this FFmpeg has no PNG encoder"));
    CodecPtr enc(avcodec_alloc_context3(codec));
    const bool deep = image.format != ImageFormat::RGBA8;
    enc->width = image.width;
    enc->height = image.height;
    enc->pix_fmt = deep ? AV_PIX_FMT_RGBA64BE : AV_PIX_FMT_RGBA;
    enc->time_base = {1, 25};
    int r = avcodec_open2(enc.get(), codec, nullptr);
    if (r < 0)
        return makeError(
            file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open the PNG encoder: %1"), averr(r));
    FramePtr f = makeFrame();
    f->format = enc->pix_fmt;
    f->width = image.width;
    f->height = image.height;
    if (av_frame_get_buffer(f.get(), 0) < 0)
        return makeError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
    if (!deep) {
        for (int y = 0; y < image.height; ++y)
            std::memcpy(f->data[0] + size_t(y) * size_t(f->linesize[0]), image.data.data() + size_t(y) * image.rowBytes(),
                        image.rowBytes());
    } else {
        toRgba16(image, m_rgba16);
        for (int y = 0; y < image.height; ++y) {
            uint8_t* row = f->data[0] + size_t(y) * size_t(f->linesize[0]);
            for (size_t x = 0; x < size_t(image.width) * 4; ++x) {
                const uint16_t v = m_rgba16[size_t(y) * size_t(image.width) * 4 + x];
                row[2 * x] = uint8_t(v >> 8);
                row[2 * x + 1] = uint8_t(v & 0xFF);
            }
        }
    }
    r = avcodec_send_frame(enc.get(), f.get());
    if (r >= 0) r = avcodec_receive_packet(enc.get(), m_packet.get());
    if (r < 0)
        return makeError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "PNG encoding failed: %1"),
                         averr(r));
    FILE* fp = openFile(tmp, "wb");
    if (!fp)
        return makeSystemError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot create: %1"),
                               errno);
    const size_t size = size_t(m_packet->size);
    const size_t wrote = std::fwrite(m_packet->data, 1, size, fp);
    const int writeErrno = wrote != size ? errno : 0;
    const bool closed = std::fclose(fp) == 0;
    const int closeErrno = closed ? 0 : errno;
    av_packet_unref(m_packet.get());
    if (wrote != size || !closed)
        return makeSystemError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write: %1"),
                               writeErrno ? writeErrno : closeErrno);
    return Ok{};
}

Status SequenceWriter::writeOiio(const std::string& file, const std::string& tmp, const Image& image) {
    try {
        const bool exr = m_o.codec == "exr";
        auto out = OIIO::ImageOutput::create(file);
        if (!out)
            return makeError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write: %1"),
                             OIIO::geterror());
        OIIO::ImageSpec spec(image.width, image.height, exr ? 4 : 3, exr ? OIIO::TypeDesc::HALF : OIIO::TypeDesc::UINT16);
        if (exr) {
            spec.channelnames = {"R", "G", "B", "A"};
            spec.alpha_channel = 3;
            if (m_o.dataWindow.width == image.width && m_o.dataWindow.height == image.height) {
                spec.x = m_o.dataWindow.x;
                spec.y = m_o.dataWindow.y;
            }
            if (m_o.displayWindow.width > 0 && m_o.displayWindow.height > 0) {
                spec.full_x = m_o.displayWindow.x;
                spec.full_y = m_o.displayWindow.y;
                spec.full_width = m_o.displayWindow.width;
                spec.full_height = m_o.displayWindow.height;
            } else {
                spec.full_x = spec.x;
                spec.full_y = spec.y;
                spec.full_width = image.width;
                spec.full_height = image.height;
            }
            spec.attribute("compression", "zip");
            // Free-form attributes travel as text; the typed standard ones are set from options.
            static const char* kTyped[] = {"compression", "PixelAspectRatio", "screenWindowCenter", "screenWindowWidth",
                                           "smpte:TimeCode", "FramesPerSecond", "chromaticities", "multiView",
                                           "name", "DateTime", "channels", "lineOrder", "version", "type",
                                           "chunkCount", "tiles", "view", "adoptedNeutral", "worldToCamera",
                                           "worldToNDC", "Orientation", "envmap", "wrapmodes", "textureformat"};
            for (const auto& [k, v] : m_o.attributes) {
                bool skip = k.rfind("oiio:", 0) == 0 || k.rfind("openexr:", 0) == 0 || k.rfind("rushes:", 0) == 0 ||
                            k.find("Window") != std::string::npos || k.find(':') != std::string::npos;
                for (const char* t : kTyped) skip = skip || k == t;
                // Numbers would come back as text of another type than OIIO's standard one.
                skip = skip || (!v.empty() && v.find_first_not_of("0123456789.-+e, ") == std::string::npos);
                if (!skip) spec.attribute(k, v);
            }
            if (m_o.colour.chromaticities && m_o.colour.chromaticities->size() == 8)
                spec.attribute("chromaticities", OIIO::TypeDesc(OIIO::TypeDesc::FLOAT, 8),
                               m_o.colour.chromaticities->data());
        } else {
            spec.attribute("oiio:BitsPerSample", 10);
        }
        const int fps[2] = {int(m_o.frameRate.num), int(m_o.frameRate.den)};
        spec.attribute("FramesPerSecond", OIIO::TypeRational, fps);
        if (!exr) spec.attribute("dpx:FrameRate", float(m_o.frameRate.toDouble()));
        if (m_o.hasTimecode) {
            const int64_t offset = m_next - m_o.firstFrame;
            const Timecode tc = Timecode::fromFrames(m_o.startTimecode.toFrames(m_o.frameRate) + offset, m_o.frameRate,
                                                     m_o.startTimecode.dropFrame);
            const uint32_t v[2] = {bcdTimecode(tc), 0};
            spec.attribute("smpte:TimeCode", OIIO::TypeTimeCode, v);
        }
        if (!out->open(tmp, spec))
            return makeError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write: %1"),
                             out->geterror());
        bool ok;
        if (exr) {
            std::vector<uint16_t> half(size_t(image.width) * size_t(image.height) * 4);
            if (image.format == ImageFormat::RGBAHalf) {
                std::memcpy(half.data(), image.data.data(), half.size() * 2);
            } else if (image.format == ImageFormat::RGBAFloat) {
                for (size_t i = 0; i < half.size(); ++i) {
                    float v;
                    std::memcpy(&v, &image.data[i * 4], 4);
                    half[i] = Imath::half(v).bits();
                }
            } else {
                toRgba16(image, m_rgba16);
                for (size_t i = 0; i < half.size(); ++i) half[i] = Imath::half(float(m_rgba16[i]) / 65535.0f).bits();
            }
            ok = out->write_image(OIIO::TypeDesc::HALF, half.data());
        } else {
            toRgba16(image, m_rgba16);
            ok = out->write_image(OIIO::TypeDesc::UINT16, m_rgba16.data(), 8);
        }
        if (!ok)
            return makeError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write: %1"),
                             out->geterror());
        if (!out->close())
            return makeError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot finish: %1"),
                             out->geterror());
        return Ok{};
    } catch (const std::exception& e) {
        return makeError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write: %1"), e.what());
    } catch (...) {
        return makeError(file, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot write: unknown error"));
    }
}

Status SequenceWriter::writeAudio(const AudioBuffer& audio) {
    if (m_single)
        return makeError(m_pattern,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages", "a single image carries no sound"));
    if (!m_wav) {
        if (m_o.audioSampleRate <= 0 || m_o.audioChannels <= 0)
            return makeError(m_pattern, QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                          "the writer was opened without a sound track"));
        const std::string stem = m_spec.stem();
        if (stem.empty())
            return makeError(m_pattern, QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                          "the sequence has no name to give its WAV"));
        WriteOptions o = m_o;
        o.codec = "wav";
        auto wav = std::make_unique<MovieWriter>();
        if (auto st = wav->open(m_spec.dir + stem + ".wav", o); !st) return st;
        m_wav = std::move(wav);
    }
    return m_wav->writeAudio(audio);
}

Status SequenceWriter::writeImage(const Image& image) {
    // EXR data windows may change size from frame to frame (rendered elements); others may not.
    WriteOptions sized = m_o;
    if (m_o.codec == "exr") {
        sized.width = image.width;
        sized.height = image.height;
    }
    if (auto st = checkImage(m_pattern, image, sized); !st) return st;
    if (m_single && m_next != m_o.firstFrame)
        return makeError(m_pattern,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                           "is one image and holds one frame: name a sequence with a frame-"
                                           "number pattern such as name.####.%1 to write more"),
                         m_o.codec);
    const std::string file = m_single ? m_pattern : m_spec.fileFor(m_next);
    const std::string tmp = partName(file);
    Status st = m_o.codec == "png" ? writePng(file, tmp, image) : writeOiio(file, tmp, image);
    if (st.ok())
        st = moveIntoPlace(tmp, file);
    else
        removeQuietly(tmp);
    if (st.ok()) ++m_next;
    return st;
}

}  // namespace

Result<std::unique_ptr<MediaWriter>> createWriter(const std::string& path, const WriteOptions& options) {
    try {
        if (options.width <= 0 || options.height <= 0 || options.width > 16384 || options.height > 16384)
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "bad picture size %1x%2"),
                             options.width, options.height);
        if (!options.frameRate.valid() || options.frameRate.num > INT32_MAX || options.frameRate.den > INT32_MAX)
            return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "bad frame rate %1/%2"),
                             options.frameRate.num, options.frameRate.den);
        std::error_code ec;
        if (std::filesystem::is_directory(fsPath(path), ec))
            return makeError(
                path,
                QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                  "is a folder: name the file to write (such as out.mov or out.####.exr)"));
        WriteOptions o = options;
        const std::string ext = lowerExtension(path);
        if (o.codec.empty()) {
            if (ext == "mov")
                o.codec = "prores";
            else if (ext == "mxf")
                o.codec = "dnxhr";  // FFmpeg's MXF muxer takes no ProRes
            else if (ext == "mp4" || ext == "mkv") o.codec = "h264";
            else if (ext == "exr" || ext == "dpx" || ext == "png")
                o.codec = ext;
            else
                return ext.empty()
                           ? makeError(path,
                                       QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                         "has no extension: movies are .mov, .mxf, .mp4 or "
                                                         ".mkv, image sequences name.####.exr, .dpx or .png"))
                           : makeError(
                                 path,
                                 QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                   "cannot write .%1 files: movies are .mov, .mxf, .mp4 or "
                                                   ".mkv, image sequences name.####.exr, .dpx or .png"),
                                 ext);
        }
        if (o.codec == "exr" || o.codec == "dpx" || o.codec == "png") {
            if (ext != o.codec)
                return makeError(path,
                                 QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                                   "the extension does not match the codec %1"),
                                 o.codec);
            // A frame number pattern names a sequence; any other name is one image.
            auto w = std::make_unique<SequenceWriter>();
            if (auto st = looksLikePattern(path) ? w->open(path, o) : w->openSingle(path, o); !st)
                return st.error();
            return std::unique_ptr<MediaWriter>(std::move(w));
        }
        if (o.codec != "wav" && ext != "mov" && ext != "mxf" && ext != "mp4" && ext != "mkv")
            return makeError(path,
                             QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                               "a %1 movie is written as .mov, .mxf, .mp4 or .mkv"),
                             o.codec);
        if (ext == "mp4" && o.codec != "h264")
            return makeError(path,
                             QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                               "MP4 carries H.264 here: write %1 as .mov, .mxf or .mkv"),
                             o.codec);
        if (ext == "mxf" && (o.codec == "prores" || o.codec == "prores4444"))
            return makeError(path,
                             QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                               "MXF carries DNxHR or H.264 here: write %1 as .mov or .mkv"),
                             o.codec);
        if ((o.codec == "dnxhr" || o.codec == "prores" || o.codec == "prores4444") && (o.width % 2 || o.height % 2))
            return makeError(path,
                             QT_TRANSLATE_NOOP("rushes::codecs::Messages", "%1 needs an even picture size"),
                             o.codec);
        if (o.codec == "h264" && (o.width % 2 || o.height % 2))
            return makeError(
                path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "h264 needs an even picture size"));
        auto w = std::make_unique<MovieWriter>();
        if (auto st = w->open(path, o); !st) return st.error();
        return std::unique_ptr<MediaWriter>(std::move(w));
    } catch (const std::exception& e) {
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot create: %1"), e.what());
    }
}

bool isSequencePattern(const std::string& path) {
    return looksLikePattern(path);
}

std::string firstFileWritten(const std::string& path, int64_t firstFrame) {
    if (!looksLikePattern(path)) return path;
    Error why;
    const auto spec = parseOutputPattern(path, why);
    return spec ? spec->fileFor(firstFrame) : path;
}

std::vector<std::string> filesWritten(const std::string& path, const WriteOptions& options, int64_t count) {
    if (!looksLikePattern(path)) return {path};
    Error why;
    const auto spec = parseOutputPattern(path, why);
    if (!spec) return {path};
    std::vector<std::string> files;
    for (int64_t k = 0; k < count; ++k) files.push_back(spec->fileFor(options.firstFrame + k));
    if (options.audioSampleRate > 0 && options.audioChannels > 0 && !spec->stem().empty())
        files.push_back(spec->dir + spec->stem() + ".wav");
    return files;
}

std::vector<std::string> filesRead(const MediaInfo& info) {
    std::vector<std::string> files;
    Error why;
    const auto spec = looksLikePattern(info.path) ? parsePattern(info.path, why) : std::nullopt;
    if (spec && spec->isSequence)
        for (int64_t n : spec->present) files.push_back(spec->fileFor(n));
    else
        files.push_back(info.path);
    for (const AudioStreamInfo& a : info.audio)
        if (!a.path.empty()) files.push_back(a.path);
    return files;
}

Status checkNoOverwrite(const std::vector<std::string>& inputs, const std::vector<std::string>& outputs) {
    // The same file by another name (relative, through links) resolves to the same canonical path.
    const auto canonical = [](const std::string& p) {
        std::error_code ec;
        const std::filesystem::path c = std::filesystem::weakly_canonical(fsPath(p), ec);
        return genericNameOf(ec ? fsPath(p).lexically_normal() : c);
    };
    std::map<std::string, std::string> read;
    for (const std::string& f : inputs) read.emplace(canonical(f), f);
    for (const std::string& f : outputs) {
        const auto hit = read.find(canonical(f));
        if (hit != read.end())
            return makeError(f,
                             QT_TRANSLATE_NOOP("rushes::codecs::Messages",
                                               "the output is the input's file %1: writing it would destroy "
                                               "what is being read; choose another output name"),
                             printable(hit->second));
    }
    return Ok{};
}

}  // namespace rushes::codecs
