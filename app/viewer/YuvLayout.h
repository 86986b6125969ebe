#pragma once
// Native YUV frames the viewer draws without an RGBA copy: which pixel formats its shader
// converts, and the matrix and range it applies (the choices codecs' swscale path makes).
#include <array>
#include <optional>
#include <string>

#include "rushes/codecs/Media.h"

namespace rushes::viewer {

struct YuvLayout {
    int bits = 8;  // sample depth; above 8, two bytes a sample
    int chromaShiftX = 0, chromaShiftY = 0;
    float maxCode = 255;  // 2^bits - 1
    // A code value v (normalised: code / maxCode) -> Y' = (v - yOffset) * yScale, and the
    // colour differences Cb, Cr = (v - cOffset) * cScale.
    float yOffset = 0, yScale = 1, cOffset = 0.5f, cScale = 1;
    // R = Y' + rCr Cr, G = Y' + gCb Cb + gCr Cr, B = Y' + bCb Cb.
    float rCr = 0, gCb = 0, gCr = 0, bCb = 0;
    int bytesPerSample() const { return bits > 8 ? 2 : 1; }
    std::array<float, 3> rgb(float yCode, float cbCode, float crCode) const;  // in [0, 1], unclamped
};

// The layout of frames in `pixelFormat` from the clip `info` describes, or nothing when the
// viewer needs RGBA from the CPU (packed, alpha, RGB, float or odd-width formats).
std::optional<YuvLayout> yuvLayout(const std::string& pixelFormat, const codecs::MediaInfo& info);

}  // namespace rushes::viewer
