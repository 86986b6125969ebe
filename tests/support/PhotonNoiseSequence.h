#pragma once
// Noise that grows with brightness, as a sensor's photon noise does, for the "auto" denoise tests that
// run the CLI and the Process panel: testsrc2 (320x180) brought into 32..223 as a camera's levels are
// (no channel at black, where noise would vanish), and ffmpeg's temporal noise (deviation 29) scaled
// by sqrt(level / 128) per pixel.
#include <QString>

#include "RunFfmpeg.h"

namespace rushes::tests {

// Writes `frames` clean and noisy PNGs to the two patterns (%04d, from 1); true when ffmpeg made them.
// `fullRange`: testsrc2's own levels instead, its saturated colours with channels at 0 and 255, where
// clipping takes the noise away.
inline bool makePhotonNoiseSequence(const QString& cleanPattern, const QString& noisyPattern, int frames = 6,
                                    bool fullRange = false) {
    const QString n = QString::number(frames);
    return runFfmpeg(
               {"-nostdin", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-vf",
                fullRange ? "format=rgb24" : "format=rgb24,lutrgb=r=val*0.75+32:g=val*0.75+32:b=val*0.75+32",
                "-frames:v", n, "-start_number", "1", cleanPattern}) &&
           runFfmpeg({"-nostdin", "-framerate", "24", "-start_number", "1", "-i", cleanPattern, "-f", "lavfi",
                      "-i", "color=c=0x808080:s=320x180:r=24,format=gray,noise=alls=30:allf=t",
                      "-filter_complex",
                      "[0:v]format=rgb24[a];[1:v]format=rgb24[n];"
                      "[a][n]blend=all_expr='clip(A+(B-128)*sqrt(A/128),0,255)'",
                      "-frames:v", n, "-start_number", "1", noisyPattern});
}

}  // namespace rushes::tests
