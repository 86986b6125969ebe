#include "playback/Preroll.h"

#include <algorithm>
#include <cmath>

namespace rushes::playback {

qint64 prerollFrames(const PrerollPlan& plan) {
    const qint64 cap = std::max<qint64>(1, std::min(plan.framesToPlay, plan.windowFrames));
    if (plan.playFps <= 0 || plan.decodeFps <= 0 || plan.decodeFps >= plan.playFps) return 1;
    // Frame j (from 0) is due j/p seconds after the start, when k + d j/p frames are in: that
    // covers frames 0..j for every j < n when k >= n (1 - d/p) + d/p, so one more than the bound.
    const double need = double(plan.framesToPlay) * (1.0 - plan.decodeFps / plan.playFps);
    return std::clamp<qint64>(qint64(std::ceil(need - 1e-9)) + 1, 1, cap);
}

}  // namespace rushes::playback
