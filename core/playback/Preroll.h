#pragma once
// Pre-roll: how many frames to have cached ahead of the playhead before the clock starts, so that
// play does not outrun decoders slower than real time (deep EXR, large DPX on few cores). Media
// that decode faster than they play wait for the first frame only. QtCore only.
#include <QtGlobal>

namespace rushes::playback {

struct PrerollPlan {
    qint64 framesToPlay = 0;  // from the playhead to where play stops; a repeating range: its length
    double playFps = 0;       // frames a second the clock asks for (rate times |speed|)
    double decodeFps = 0;     // frames a second the decoders deliver together; 0: not measured yet
    qint64 windowFrames = 0;  // frames the cache keeps ahead of the playhead
};

// At least 1: the frame due first. Playing n frames at p frames a second while the decoders add d
// (d < p) runs dry unless about n (1 - d/p) of them are cached before the clock starts: during
// the n/p seconds of play the decoders deliver n d/p. A repeating range that fits in the cache
// plays without a drop from then on, since its first pass leaves every frame cached. Never more
// than the look-ahead window, which is all the cache will hold ahead.
qint64 prerollFrames(const PrerollPlan& plan);

}  // namespace rushes::playback
