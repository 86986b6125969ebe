#include "viewer/YuvLayout.h"

#include <regex>

namespace rushes::viewer {

std::array<float, 3> YuvLayout::rgb(float yCode, float cbCode, float crCode) const {
    const float y = (yCode / maxCode - yOffset) * yScale;
    const float cb = (cbCode / maxCode - cOffset) * cScale, cr = (crCode / maxCode - cOffset) * cScale;
    return {y + rCr * cr, y + gCb * cb + gCr * cr, y + bCb * cb};
}

std::optional<YuvLayout> yuvLayout(const std::string& pixelFormat, const codecs::MediaInfo& info) {
    static const std::regex planar("yuv(j?)(420|422|444)p(?:(9|10|12|14|16)le)?");
    std::smatch m;
    if (!std::regex_match(pixelFormat, m, planar)) return std::nullopt;
    YuvLayout l;
    l.bits = m[3].matched ? std::stoi(m[3].str()) : 8;
    l.chromaShiftX = m[2] == "444" ? 0 : 1;
    l.chromaShiftY = m[2] == "420" ? 1 : 0;
    // The shader reads four 8-bit or two 16-bit samples per RGBA texel: rows must fill whole texels.
    const int perTexel = l.bits > 8 ? 2 : 4;
    const int w = info.width;
    if (w <= 0 || w % (perTexel << l.chromaShiftX) != 0) return std::nullopt;

    l.maxCode = float((1 << l.bits) - 1);
    const float unit = float(1 << (l.bits - 8));  // one 8-bit level in codes of this depth
    const bool full = !m[1].str().empty() || info.colour.range == "pc";
    if (full) {
        l.yOffset = 0;
        l.yScale = 1;
        l.cOffset = 128 * unit / l.maxCode;
        l.cScale = 1;
    } else {
        l.yOffset = 16 * unit / l.maxCode;
        l.yScale = l.maxCode / (219 * unit);
        l.cOffset = 128 * unit / l.maxCode;
        l.cScale = l.maxCode / (224 * unit);
    }
    // Matrix: as codecs' conversion chooses (unspecified: Rec.709 above 576 lines, else Rec.601).
    const std::string& mx = info.colour.matrix;
    float kr = 0.2126f, kb = 0.0722f;
    if (mx == "bt709") {
    } else if (mx == "bt470bg" || mx == "smpte170m") {
        kr = 0.299f, kb = 0.114f;
    } else if (mx == "bt2020nc" || mx == "bt2020c") {
        kr = 0.2627f, kb = 0.0593f;
    } else if (mx == "smpte240m") {
        kr = 0.212f, kb = 0.087f;
    } else if (mx == "fcc") {
        kr = 0.30f, kb = 0.11f;
    } else if (info.height <= 576) {
        kr = 0.299f, kb = 0.114f;
    }
    const float kg = 1 - kr - kb;
    l.rCr = 2 * (1 - kr);
    l.bCb = 2 * (1 - kb);
    l.gCb = -2 * kb * (1 - kb) / kg;
    l.gCr = -2 * kr * (1 - kr) / kg;
    return l;
}

}  // namespace rushes::viewer
