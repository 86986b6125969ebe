#pragma once
// The Process tests' shot: a short ProRes clip (192x108, 24 fps, no sound) from FFmpeg's lavfi source.
#include <QString>

#include "RunFfmpeg.h"

namespace rushes::tests {

// Writes `frames` frames to `path`; true when ffmpeg made it.
inline bool makeProresClip(const QString& path, int frames) {
    return runFfmpeg({QStringLiteral("-nostdin"), QStringLiteral("-f"), QStringLiteral("lavfi"),
                      QStringLiteral("-i"), QStringLiteral("testsrc2=size=192x108:rate=24"),
                      QStringLiteral("-frames:v"), QString::number(frames), QStringLiteral("-c:v"),
                      QStringLiteral("prores_ks"), path});
}

}  // namespace rushes::tests
