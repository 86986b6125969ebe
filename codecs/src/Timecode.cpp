#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include "rushes/codecs/Media.h"

namespace rushes::codecs {

namespace {
// Frames dropped per minute for drop-frame rates (2 at 29.97, 4 at 59.94).
int dropFramesPerMinute(Rational rate) {
    const int64_t nominal = (rate.num + rate.den - 1) / rate.den;
    return nominal >= 60 ? 4 : 2;
}
int64_t nominalFps(Rational rate) {
    if (!rate.valid()) return 24;
    // Timecode counts at least one frame a second (rates below 1 fps come only from bad headers).
    return std::max<int64_t>(1, (rate.num + rate.den / 2) / rate.den);
}
}  // namespace

std::string Timecode::toString() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d%c%02d", hours, minutes, seconds, dropFrame ? ';' : ':',
                  frames);
    return buf;
}

std::optional<Timecode> Timecode::parse(const std::string& text) {
    static const std::regex re(R"(^(\d{1,2}):(\d{2}):(\d{2})([:;.,])(\d{2,3})$)");
    std::smatch m;
    if (!std::regex_match(text, m, re)) return std::nullopt;
    Timecode tc;
    tc.hours = std::atoi(m[1].str().c_str());
    tc.minutes = std::atoi(m[2].str().c_str());
    tc.seconds = std::atoi(m[3].str().c_str());
    tc.dropFrame = m[4].str() == ";" || m[4].str() == ",";
    tc.frames = std::atoi(m[5].str().c_str());
    if (tc.minutes > 59 || tc.seconds > 59) return std::nullopt;
    return tc;
}

int64_t Timecode::toFrames(Rational rate) const {
    const int64_t fps = nominalFps(rate);
    const int64_t totalMinutes = int64_t(hours) * 60 + minutes;
    int64_t n = ((totalMinutes * 60) + seconds) * fps + frames;
    if (dropFrame) {
        const int64_t drop = dropFramesPerMinute(rate);
        n -= drop * (totalMinutes - totalMinutes / 10);
    }
    return n;
}

Timecode Timecode::fromFrames(int64_t n, Rational rate, bool drop) {
    const int64_t fps = nominalFps(rate);
    if (drop) {
        // SMPTE 12M: add back the frame numbers skipped at each minute but every tenth.
        const int64_t d = dropFramesPerMinute(rate);
        const int64_t framesPer10Min = fps * 600 - d * 9;
        const int64_t framesPerMin = fps * 60 - d;
        const int64_t tens = n / framesPer10Min;
        const int64_t rem = n % framesPer10Min;
        n += d * 9 * tens;
        if (rem > d) n += d * ((rem - d) / framesPerMin);
    }
    Timecode tc;
    tc.dropFrame = drop;
    tc.frames = int(n % fps);
    tc.seconds = int((n / fps) % 60);
    tc.minutes = int((n / (fps * 60)) % 60);
    tc.hours = int((n / (fps * 3600)) % 24);
    return tc;
}

}  // namespace rushes::codecs
