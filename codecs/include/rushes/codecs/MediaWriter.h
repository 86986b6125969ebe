#pragma once
#include <memory>
#include <string>
#include <vector>

#include "rushes/codecs/Media.h"
#include "rushes/codecs/Result.h"

namespace rushes::codecs {

struct WriteOptions {
    // "prores" (422 HQ), "prores4444", "dnxhr" (HQ), "h264", "exr" (half), "dpx" (10-bit), "png".
    // Empty: from the extension (.mov ProRes, .mxf DNxHR, .mp4 and .mkv H.264). MP4 takes H.264 only,
    // MXF no ProRes (FFmpeg's muxers).
    std::string codec;
    int width = 0, height = 0;
    Rational frameRate{24, 1};
    int64_t firstFrame = 1;          // sequences: number of the first file
    Timecode startTimecode;
    bool hasTimecode = false;
    ColourInfo colour;
    Rect dataWindow, displayWindow;  // EXR: keep the source's windows when set
    std::vector<std::pair<std::string, std::string>> attributes;  // copied into EXR headers
    // >0: a sound track of this rate and channel count. Movies carry it (24-bit PCM in MOV/MKV,
    // AAC in MP4); sequences get a WAV beside them named like the sequence ("shot.wav"); one image none.
    int audioSampleRate = 0;
    int audioChannels = 0;
};

// Writes a movie (path with an extension: .mov/.mp4/.mkv), an image sequence (a pattern with #### or
// %04d), or one image (an .exr, .dpx or .png name without a pattern: one frame, no sound). Frames arrive in
// order; finish() closes the file. Each file (the movie, a frame, the WAV beside a sequence) is written under
// a temporary name ("<name>.part") and renamed into place once complete; a writer destroyed before finish()
// removes the movie it was writing, so that a failed or cancelled job never leaves a broken file under the
// final name nor destroys an earlier one.
class MediaWriter {
public:
    virtual ~MediaWriter() = default;
    virtual Status writeImage(const Image& image) = 0;
    // Interleaved float samples at the rate and channel count given in WriteOptions, in order;
    // an error when the writer was opened without a sound track.
    virtual Status writeAudio(const AudioBuffer& audio) = 0;
    virtual Status finish() = 0;
};

Result<std::unique_ptr<MediaWriter>> createWriter(const std::string& path, const WriteOptions& options);

// Whether `path` names an image sequence by a pattern (%04d, #### or @@@@ in the file's own name), as
// openMedia and createWriter tell one; another image name is one image.
bool isSequencePattern(const std::string& path);

// The first file createWriter(path, ...) writes: `path` itself for a movie, for an image sequence
// pattern the file of frame `firstFrame` as the writer names it (a single '#' is four digits).
// `path` itself when it is no pattern the writer can parse.
std::string firstFileWritten(const std::string& path, int64_t firstFrame = 1);

// The files createWriter(path, options) makes for `count` frames: the movie, or each frame's file
// from options.firstFrame and, with a sound track, the WAV beside them.
std::vector<std::string> filesWritten(const std::string& path, const WriteOptions& options, int64_t count);
// The files a reader of `info` reads: the movie, or the sequence's frames on disk, and the sound
// file beside a sequence.
std::vector<std::string> filesRead(const MediaInfo& info);
// An error naming the first of `outputs` that is also one of `inputs` (by another name too: relative,
// through a link): writing it would destroy what is being read.
Status checkNoOverwrite(const std::vector<std::string>& inputs, const std::vector<std::string>& outputs);

}  // namespace rushes::codecs
