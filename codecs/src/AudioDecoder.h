#pragma once
// Audio of a movie stream or a side-car WAV/AIFF as interleaved float at any rate, positioned in
// samples from `zeroTime` (the time of the clip's first video frame).
#include <string>

#include "FFmpegSupport.h"
#include "rushes/codecs/Result.h"

namespace rushes::codecs::detail {

class AudioDecoder {
public:
    // streamIndex: the container's stream index, or -1 for the first audio stream.
    Status open(const std::string& path, int streamIndex, double zeroTime);
    Result<AudioBuffer> read(int64_t start, int64_t count, int sampleRate);

private:
    Status seek(int64_t position);
    // Decodes one more chunk into m_buf; false at the end of the stream.
    bool decodeMore();
    Status resetResampler();

    std::string m_path;
    FormatPtr m_fmt;
    CodecPtr m_dec;
    SwrPtr m_swr;
    FramePtr m_frame = makeFrame();
    PacketPtr m_packet = makePacket();
    AVStream* m_stream = nullptr;
    double m_zero = 0;
    int m_rate = 0;
    int m_channels = 0;
    std::vector<float> m_buf;      // converted samples, interleaved
    int64_t m_bufStart = 0;        // position of m_buf[0], in output samples
    bool m_positioned = false;     // m_bufStart is known
    bool m_eof = false;
    bool m_flushed = false;
};

}  // namespace rushes::codecs::detail
