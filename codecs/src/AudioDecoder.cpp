#include "AudioDecoder.h"

#include <algorithm>
#include <cmath>

#include "Messages.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace rushes::codecs::detail {

Status AudioDecoder::open(const std::string& path, int streamIndex, double zeroTime) {
    m_path = path;
    m_zero = zeroTime;
    AVFormatContext* raw = nullptr;
    int r = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (r < 0)
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open audio: %1"),
                         averr(r));
    m_fmt.reset(raw);
    r = avformat_find_stream_info(m_fmt.get(), nullptr);
    if (r < 0)
        return makeError(
            path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot read audio stream information: %1"),
            averr(r));
    for (unsigned i = 0; i < m_fmt->nb_streams; ++i) {
        AVStream* st = m_fmt->streams[i];
        const bool audio = st->codecpar->codec_type == AVMEDIA_TYPE_AUDIO;
        if (audio && (streamIndex < 0 ? !m_stream : int(i) == streamIndex)) m_stream = st;
    }
    if (!m_stream)
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no audio stream %1"),
                         streamIndex);
    for (unsigned i = 0; i < m_fmt->nb_streams; ++i)
        if (m_fmt->streams[i] != m_stream) m_fmt->streams[i]->discard = AVDISCARD_ALL;
    const AVCodec* codec = avcodec_find_decoder(m_stream->codecpar->codec_id);
    if (!codec)
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no decoder for audio codec %1"),
                         avcodec_get_name(m_stream->codecpar->codec_id));
    m_dec.reset(avcodec_alloc_context3(codec));
    if (!m_dec) return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "out of memory"));
    avcodec_parameters_to_context(m_dec.get(), m_stream->codecpar);
    m_dec->pkt_timebase = m_stream->time_base;
    r = avcodec_open2(m_dec.get(), codec, nullptr);
    if (r < 0)
        return makeError(path,
                         QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open the %1 decoder: %2"),
                         codec->name, averr(r));
    m_channels = m_dec->ch_layout.nb_channels;
    if (m_channels <= 0 || m_channels > 64)
        return makeError(
            path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "audio stream has no usable channel layout"));
    return Ok{};
}

Status AudioDecoder::resetResampler() {
    m_swr.reset();
    SwrContext* swr = nullptr;
    AVChannelLayout layout{};  // zeroed: av_channel_layout_copy frees what the destination holds first
    if (av_channel_layout_copy(&layout, &m_dec->ch_layout) < 0 || layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&layout, m_channels);
    int r = swr_alloc_set_opts2(&swr, &layout, AV_SAMPLE_FMT_FLT, m_rate, &layout, m_dec->sample_fmt,
                                m_dec->sample_rate, 0, nullptr);
    av_channel_layout_uninit(&layout);
    if (r < 0 || !swr)
        return makeError(
            m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot set up resampling: %1"), averr(r));
    m_swr.reset(swr);
    r = swr_init(swr);
    if (r < 0)
        return makeError(
            m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot set up resampling: %1"), averr(r));
    return Ok{};
}

Status AudioDecoder::seek(int64_t position) {
    // Start a little early so the decoder and the resampler have settled by `position`.
    const double seconds = m_zero + double(position) / m_rate - 0.25;
    // Near the start, seek before the first packet: priming packets carry negative timestamps.
    const int64_t ts = seconds <= 0.0 ? INT64_MIN / 2
                                      : av_rescale_q(int64_t(seconds * AV_TIME_BASE), AVRational{1, AV_TIME_BASE}, m_stream->time_base);
    int r = av_seek_frame(m_fmt.get(), m_stream->index, ts, AVSEEK_FLAG_BACKWARD);
    if (r < 0) r = avformat_seek_file(m_fmt.get(), m_stream->index, INT64_MIN, ts, ts, 0);
    if (r < 0) r = av_seek_frame(m_fmt.get(), m_stream->index, 0, AVSEEK_FLAG_BACKWARD);
    if (r < 0)
        return makeError(
            m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot seek in the audio: %1"), averr(r));
    avcodec_flush_buffers(m_dec.get());
    m_buf.clear();
    m_positioned = false;
    m_eof = false;
    m_flushed = false;
    return resetResampler();
}

bool AudioDecoder::decodeMore() {
    for (;;) {
        int r = avcodec_receive_frame(m_dec.get(), m_frame.get());
        if (r == 0) {
            if (!m_positioned) {
                int64_t pts = m_frame->best_effort_timestamp;
                if (pts == AV_NOPTS_VALUE) pts = m_frame->pts;
                double t = pts == AV_NOPTS_VALUE ? 0.0 : double(pts) * av_q2d(m_stream->time_base);
                m_bufStart = int64_t(std::llround((t - m_zero) * m_rate));
                m_positioned = true;
            }
            const int out = swr_get_out_samples(m_swr.get(), m_frame->nb_samples);
            if (out < 0) return false;
            const size_t old = m_buf.size();
            m_buf.resize(old + size_t(out) * size_t(m_channels));
            uint8_t* dst = reinterpret_cast<uint8_t*>(m_buf.data() + old);
            const int got = swr_convert(m_swr.get(), &dst, out, const_cast<const uint8_t**>(m_frame->extended_data),
                                        m_frame->nb_samples);
            m_buf.resize(old + size_t(std::max(got, 0)) * size_t(m_channels));
            av_frame_unref(m_frame.get());
            return true;
        }
        if (r == AVERROR_EOF || (r != AVERROR(EAGAIN))) {
            if (!m_flushed && m_swr) {
                m_flushed = true;
                const int out = swr_get_out_samples(m_swr.get(), 0);
                if (out > 0) {
                    const size_t old = m_buf.size();
                    m_buf.resize(old + size_t(out) * size_t(m_channels));
                    uint8_t* dst = reinterpret_cast<uint8_t*>(m_buf.data() + old);
                    const int got = swr_convert(m_swr.get(), &dst, out, nullptr, 0);
                    m_buf.resize(old + size_t(std::max(got, 0)) * size_t(m_channels));
                    return true;
                }
            }
            m_eof = true;
            return false;
        }
        r = av_read_frame(m_fmt.get(), m_packet.get());
        if (r < 0) {
            avcodec_send_packet(m_dec.get(), nullptr);
            continue;
        }
        avcodec_send_packet(m_dec.get(), m_packet.get());  // damaged packets are skipped, like ffmpeg
        av_packet_unref(m_packet.get());
    }
}

Result<AudioBuffer> AudioDecoder::read(int64_t start, int64_t count, int sampleRate) {
    if (sampleRate <= 0 || sampleRate > 768000)
        return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "bad sample rate %1"),
                         sampleRate);
    if (count < 0 || count > int64_t(sampleRate) * 3600)
        return makeError(m_path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "bad sample count"));
    if (sampleRate != m_rate) {
        m_rate = sampleRate;
        if (auto st = seek(std::max<int64_t>(start, 0)); !st) return st.error();
    }
    const int64_t bufEnd = m_bufStart + int64_t(m_buf.size()) / m_channels;
    const bool reachable = m_positioned && start >= m_bufStart && start <= bufEnd + int64_t(m_rate) * 2;
    if (!reachable && !(m_positioned == false && m_buf.empty() && !m_eof && start < int64_t(m_rate) / 4)) {
        if (auto st = seek(std::max<int64_t>(start, 0)); !st) return st.error();
    }
    while (!m_eof && (!m_positioned || m_bufStart + int64_t(m_buf.size()) / m_channels < start + count)) {
        if (!decodeMore()) break;
        // Drop what lies well before the request to bound memory on long forward skips.
        const int64_t drop = start - m_bufStart - m_rate;
        if (m_positioned && drop > 0) {
            const auto n = std::min<size_t>(size_t(drop) * size_t(m_channels), m_buf.size());
            m_buf.erase(m_buf.begin(), m_buf.begin() + long(n));
            m_bufStart += int64_t(n) / m_channels;
        }
    }
    AudioBuffer out;
    out.sampleRate = m_rate;
    out.channels = m_channels;
    out.startSample = start;
    out.samples.assign(size_t(count) * size_t(m_channels), 0.0f);
    const int64_t have = int64_t(m_buf.size()) / m_channels;
    for (int64_t i = 0; i < count; ++i) {
        const int64_t src = start + i - m_bufStart;
        if (src < 0 || src >= have) continue;
        std::copy_n(m_buf.begin() + long(src * m_channels), m_channels, out.samples.begin() + long(i * m_channels));
    }
    // Keep a second before the end of this request for overlapping reads.
    const int64_t keepFrom = start + count - m_rate - m_bufStart;
    if (keepFrom > 0) {
        const auto n = std::min<size_t>(size_t(keepFrom) * size_t(m_channels), m_buf.size());
        m_buf.erase(m_buf.begin(), m_buf.begin() + long(n));
        m_bufStart += int64_t(n) / m_channels;
    }
    return out;
}

}  // namespace rushes::codecs::detail
