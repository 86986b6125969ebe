#pragma once
// Image sequence naming: patterns ("a.####.exr", "a.%04d.exr", "a.1001-1100#.exr") and detection
// of the sequence around one file.
#include <optional>
#include <string>
#include <vector>

#include "rushes/codecs/Result.h"

namespace rushes::codecs::detail {

struct SequenceSpec {
    std::string dir;           // with a trailing separator, or empty
    std::string prefix, suffix;
    int padding = 0;           // digits, 0: no padding
    bool isSequence = false;   // false: one plain file
    std::vector<int64_t> present;  // frame numbers found on disk, sorted
    int64_t first = 0, last = 0;   // the range (explicit in the pattern, or min/max present)
    std::string pattern() const;                 // "dir/name.%04d.exr"
    std::string fileFor(int64_t number) const;   // "dir/name.0042.exr"
    // The sequence's name without the separator before the number ("name" for "name.0042.exr"):
    // sound beside the sequence is "dir/<stem>.wav". Empty when the files have no name.
    std::string stem() const;
};

bool looksLikePattern(const std::string& path);
// Parses a pattern and lists the files on disk; an error (no path) when it cannot.
std::optional<SequenceSpec> parsePattern(const std::string& path, Error& why);
// A pattern to write: as parsePattern, and when no files match it yet, the spec read from the pattern
// alone (what a writer names its files by).
std::optional<SequenceSpec> parseOutputPattern(const std::string& path, Error& why);
// The sequence a single existing file belongs to (a one-frame spec when it has no number).
SequenceSpec detectSequence(const std::string& file);
std::string lowerExtension(const std::string& path);

}  // namespace rushes::codecs::detail
