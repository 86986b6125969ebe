#pragma once
// The platform layer of the player core: the one place with OS calls.
#include <QtGlobal>

namespace rushes::playback::internal {
qint64 physicalMemoryBytes();  // 0 when unknown
// The calling thread (and the threads it starts, such as FFmpeg's decoder threads) runs below
// normal priority: decoding ahead yields to the GUI and render threads of playback.
void lowerCurrentThreadPriority();
}
