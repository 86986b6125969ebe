#pragma once
// Native frame to interleaved RGBA: swscale for FFmpeg pixel formats (matrix and range from the
// frame or the clip), a direct path for the float layouts image sequences produce.
#include "FFmpegSupport.h"
#include "rushes/codecs/Result.h"

namespace rushes::codecs::detail {

// Keeps one swscale context alive between calls with the same geometry.
class Scaler {
public:
    // Converts `f` (a software frame) into `out` (allocated here) in `format`; `size` may ask
    // for another output size and a faster chroma path (a preview on screen).
    Status convert(const AVFrame* f, ImageFormat format, const ColourInfo& colour, Image& out,
                   const ConvertSize& size = {});

private:
    SwsPtr m_sws;
    std::vector<uint8_t> m_tmp;
    FramePtr m_padded;  // caller-owned planes copied with padding, reused while the geometry stays
    int m_w = 0, m_h = 0, m_src = -1, m_dst = -1, m_cs = -1, m_range = -1;
    int m_outW = 0, m_outH = 0;
};

// Interleaved float layouts used for EXR frames ("rgbaf16le", "rgbf32le", ...): channel count
// and bytes per sample, or false when the name is not one of them.
bool floatLayout(const std::string& name, int& channels, int& bytesPerSample);
std::string floatLayoutName(int channels, int bytesPerSample);

Status convertFloatInterleaved(const uint8_t* src, int width, int height, int channels, int bytesPerSample,
                               ImageFormat format, Image& out);

// 16-bit RGBA (native endian) to half or float, in place into `out` (already sized for RGBA16).
void rgba16ToFloatFormat(const std::vector<uint8_t>& rgba16, ImageFormat format, Image& out);

}  // namespace rushes::codecs::detail
