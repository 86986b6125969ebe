#pragma once
// Plain data describing media and frames. No FFmpeg, OIIO or Qt types leak through here.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "rushes/codecs/Result.h"

namespace rushes::codecs {

// A frame rate or time base as a rational: 23.976 is 24000/1001.
struct Rational {
    int64_t num = 0;
    int64_t den = 1;
    double toDouble() const { return den ? double(num) / double(den) : 0.0; }
    bool valid() const { return num > 0 && den > 0; }
    friend bool operator==(const Rational&, const Rational&) = default;
};

// SMPTE timecode. Drop-frame only applies to 30000/1001 and 60000/1001.
struct Timecode {
    int hours = 0, minutes = 0, seconds = 0, frames = 0;
    bool dropFrame = false;
    std::string toString() const;                        // "01:00:00:00" or "01:00:00;00"
    static std::optional<Timecode> parse(const std::string& text);
    int64_t toFrames(Rational rate) const;               // frame count since 00:00:00:00
    static Timecode fromFrames(int64_t frames, Rational rate, bool dropFrame);
    friend bool operator==(const Timecode&, const Timecode&) = default;
};

struct ColourInfo {
    std::string primaries = "unknown";   // FFmpeg names: "bt709", "bt2020", ... or "aces-ap0", "custom"
    std::string transfer = "unknown";    // "bt709", "linear", "smpte2084", "arib-std-b67", ...
    std::string matrix = "unknown";      // "bt709", "bt470bg", "bt2020nc", ...
    std::string range = "unknown";       // "tv" (limited) or "pc" (full)
    // EXR chromaticities when present: red, green, blue, white xy.
    std::optional<std::vector<float>> chromaticities;
};

struct AudioStreamInfo {
    int index = -1;             // stream index in the container, or -1 for a side-car file
    std::string codec;
    int sampleRate = 0;
    int channels = 0;
    std::string channelLayout;
    double durationSeconds = 0;
    std::string path;           // the side-car WAV/AIFF for image sequences, empty for embedded
};

struct Rect {
    int x = 0, y = 0, width = 0, height = 0;
    friend bool operator==(const Rect&, const Rect&) = default;
};

struct MediaInfo {
    std::string path;                 // file, or the sequence pattern ("shot.%04d.exr")
    std::string container;            // "mov,mp4,m4a,3gp,3g2,mj2", "exr sequence", ...
    std::string codec;                // "h264", "prores", "openexr", ...
    std::string profile;              // "High", "HQ", ...
    std::string pixelFormat;          // native, as FFmpeg names it: "yuv420p", "gbrp10le", "rgbaf16le" ...
    int width = 0, height = 0;        // the data window for images with one
    Rect dataWindow;                  // EXR data window in display-window coordinates
    Rect displayWindow;               // EXR display window (equals data window elsewhere)
    Rational pixelAspect{1, 1};
    Rational frameRate{24, 1};
    bool variableFrameRate = false;
    int64_t frameCount = 0;
    int64_t firstFrame = 0;           // sequence: the first file's number; movies: 0
    Timecode startTimecode;
    bool hasTimecode = false;
    int bitDepth = 8;
    ColourInfo colour;
    std::vector<AudioStreamInfo> audio;
    std::vector<std::string> channels;      // image channels ("R","G","B","A" or "left.R" ...)
    std::vector<std::string> views;         // EXR multi-view names
    std::vector<int64_t> missingFrames;     // sequence holes, by frame number
    std::vector<std::pair<std::string, std::string>> metadata;  // other tags, as text
    // A movie cut short (a copy or a transfer that stopped): its data ends before the container
    // says it should. frameCount counts the frames that are there and play; the rest are missing.
    // listedFrameCount: the frames the container lists when truncated (0: it does not say);
    // estimated from its duration at the frame rate for Matroska and WebM, which list no count.
    bool truncated = false;
    int64_t listedFrameCount = 0;
    bool listedFrameCountEstimated = false;
    // What is wrong with a clip that still opens, each naming the file and the cause, with its
    // template for translation (Error::text); toString() gives the line ("<path>: truncated: ...").
    // Empty when nothing is.
    std::vector<Error> warnings;
};

// One plane of a decoded frame, tightly packed (no row padding).
struct Plane {
    int width = 0, height = 0;
    int bytesPerSample = 1;   // 1, 2 or 4
    int samplesPerPixel = 1;  // >1 for packed formats (rgb24, rgba64le ...)
    std::vector<uint8_t> data;
};

// A frame in its native pixel format.
struct Frame {
    int64_t index = 0;        // 0-based position in the clip
    int64_t number = 0;       // frame number shown to users (firstFrame + index)
    double seconds = 0;       // presentation time from the start of the clip
    std::string pixelFormat;  // FFmpeg name of the native layout
    int width = 0, height = 0;
    std::vector<Plane> planes;
    bool missing = false;     // a hole in a sequence: planes are empty, callers draw a slate
    // Where this frame's pixels sit in display-window coordinates: {0, 0, width, height} for
    // movies; an EXR data window may move and change size from frame to frame.
    Rect dataWindow;
};

enum class ImageFormat { RGBA8, RGBA16, RGBAHalf, RGBAFloat };

// An interleaved RGBA image, tightly packed; the currency of the processing core and the player.
struct Image {
    ImageFormat format = ImageFormat::RGBA8;
    int width = 0, height = 0;
    std::vector<uint8_t> data;   // width * height * 4 * bytesPerChannel()
    Rect dataWindow;             // as Frame::dataWindow: where the pixels sit in the display window
    int bytesPerChannel() const {
        switch (format) {
        case ImageFormat::RGBA8: return 1;
        case ImageFormat::RGBA16: return 2;
        case ImageFormat::RGBAHalf: return 2;
        case ImageFormat::RGBAFloat: return 4;
        }
        return 1;
    }
    size_t rowBytes() const { return size_t(width) * 4 * size_t(bytesPerChannel()); }
};

// The size a conversion to RGBA produces: 0 keeps the frame's. A different size is a preview
// (the picture on screen), made with the scaler's own chroma upsampling, which is cheaper.
struct ConvertSize {
    int width = 0, height = 0;
};

// Interleaved float PCM.
struct AudioBuffer {
    int sampleRate = 0;
    int channels = 0;
    int64_t startSample = 0;     // position of samples[0] in the stream, at sampleRate
    std::vector<float> samples;  // frames * channels
    int64_t frameCount() const { return channels ? int64_t(samples.size()) / channels : 0; }
};

}  // namespace rushes::codecs
