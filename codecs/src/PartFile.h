#pragma once
// Every file the codecs layer writes (a movie, a frame, the WAV beside a sequence, a recipe) goes
// under a temporary name beside its final one and is renamed into place once complete: a write that
// fails or is interrupted never leaves a half-written file under the final name, nor destroys an
// earlier file of that name.
#include <filesystem>
#include <string>
#include <system_error>

#include "rushes/codecs/NativeFile.h"

namespace rushes::codecs::detail {

inline std::string partName(const std::string& path) {
    return path + ".part";
}

inline void removeQuietly(const std::string& path) {
    std::error_code ec;
    std::filesystem::remove(fsPath(path), ec);
}

// Renames the finished `tmp` to `path`; where that fails, removes `tmp` and gives the system's cause.
inline std::error_code renameIntoPlace(const std::string& tmp, const std::string& path) {
    std::error_code ec;
    std::filesystem::rename(fsPath(tmp), fsPath(path), ec);
    if (ec) removeQuietly(tmp);
    return ec;
}

}  // namespace rushes::codecs::detail
