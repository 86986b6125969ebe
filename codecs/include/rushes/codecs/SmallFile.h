#pragma once
// Small text files (a recipe, a production) read and written by the name the codecs layer takes:
// bytes on POSIX, so that a name that is not UTF-8 (caf\xe9.json) works where QFile, which encodes a
// QString as UTF-8, cannot open it.
#include <cstddef>
#include <string>
#include <string_view>

#include "rushes/codecs/Result.h"

namespace rushes::codecs {

// Their errors' messages are the cause alone ("it is a folder", "No such file or directory"), for the
// caller's sentence.

// The whole file, refused when it is not a regular file (a folder, a FIFO that would block) or is
// larger than `limit` bytes.
Result<std::string> readSmallFile(const std::string& path, std::size_t limit = std::size_t(64) << 20);

// Writes `data` as `<path>.part` and renames it into place once complete, so that a failed write
// keeps an earlier file of that name.
Status writeSmallFile(const std::string& path, std::string_view data);

}  // namespace rushes::codecs
