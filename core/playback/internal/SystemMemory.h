#pragma once
// The platform layer of the player core: the one place with OS calls.
#include <QtGlobal>

namespace rushes::playback::internal {
qint64 physicalMemoryBytes();  // 0 when unknown
}
