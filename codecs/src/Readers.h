#pragma once
// The readers behind openMedia(): one for movies (FFmpeg), one for image files and sequences.
#include <memory>
#include <string>

#include "rushes/codecs/MediaReader.h"

namespace rushes::codecs::detail {

Result<std::unique_ptr<MediaReader>> openMovie(const std::string& path, const OpenOptions& options);
Result<std::unique_ptr<MediaReader>> openSequence(const std::string& path, const OpenOptions& options);

// Largest image a reader accepts (pixels); anything claiming more is refused before allocation.
constexpr int64_t kMaxPixels = int64_t(1) << 28;   // 16384 x 16384
constexpr int kMaxDimension = 65536;

}  // namespace rushes::codecs::detail
