#include "Sequence.h"
#include "rushes/codecs/NativeFile.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <system_error>

#include "Messages.h"

namespace rushes::codecs::detail {

namespace fs = std::filesystem;

namespace {

void splitDir(const std::string& path, std::string& dir, std::string& base) {
    const size_t slash = path.find_last_of("/\\");
    if (slash == std::string::npos) {
        dir.clear();
        base = path;
    } else {
        dir = path.substr(0, slash + 1);
        base = path.substr(slash + 1);
    }
}

// Lists frame numbers of files named prefix + digits + suffix in dir.
void listFrames(SequenceSpec& spec) {
    std::error_code ec;
    const fs::path dir = spec.dir.empty() ? fs::path(".") : fsPath(spec.dir);
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = nameOf(it->path().filename());
        if (name.size() <= spec.prefix.size() + spec.suffix.size()) continue;
        if (name.compare(0, spec.prefix.size(), spec.prefix) != 0) continue;
        if (name.compare(name.size() - spec.suffix.size(), spec.suffix.size(), spec.suffix) != 0) continue;
        const std::string digits = name.substr(spec.prefix.size(), name.size() - spec.prefix.size() - spec.suffix.size());
        if (digits.empty() || digits.size() > 12 ||
            !std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            continue;
        const bool ok = spec.padding == 0 ? (digits.size() == 1 || digits[0] != '0')
                                          : (int(digits.size()) == spec.padding ||
                                             (int(digits.size()) > spec.padding && digits[0] != '0'));
        if (!ok) continue;
        std::error_code ec2;
        if (fs::is_directory(it->path(), ec2)) continue;
        spec.present.push_back(std::stoll(digits));
    }
    std::sort(spec.present.begin(), spec.present.end());
    spec.present.erase(std::unique(spec.present.begin(), spec.present.end()), spec.present.end());
}

}  // namespace

std::string SequenceSpec::pattern() const {
    if (!isSequence) return dir + prefix + suffix;
    char pad[16];
    std::snprintf(pad, sizeof pad, padding > 0 ? "%%0%dd" : "%%d", padding);
    return dir + prefix + pad + suffix;
}

std::string SequenceSpec::stem() const {
    std::string s = prefix;
    while (!s.empty() && (s.back() == '.' || s.back() == '_' || s.back() == '-')) s.pop_back();
    return s;
}

std::string SequenceSpec::fileFor(int64_t number) const {
    if (!isSequence) return dir + prefix + suffix;
    char digits[32];
    std::snprintf(digits, sizeof digits, "%0*lld", padding, static_cast<long long>(number));
    return dir + prefix + digits + suffix;
}

std::string lowerExtension(const std::string& path) {
    std::string dir, base;
    splitDir(path, dir, base);
    const size_t dot = base.find_last_of('.');
    if (dot == std::string::npos) return {};
    std::string ext = base.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

bool looksLikePattern(const std::string& path) {
    std::string dir, base;
    splitDir(path, dir, base);
    static const std::regex re(R"((%0?\d*d)|#|@)");
    return std::regex_search(base, re);
}

constexpr const char* kNoFilesMatch =
    QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no files match the pattern");

std::optional<SequenceSpec> parsePattern(const std::string& path, Error& why) {
    SequenceSpec spec;
    std::string base;
    splitDir(path, spec.dir, base);
    std::smatch m;
    static const std::regex range(R"(^(.*?)(-?\d+)-(-?\d+)([#@]+)(.*)$)");
    static const std::regex printf(R"(^(.*?)%(0?(\d*))d(.*)$)");
    static const std::regex hashes(R"(^(.*?)([#@]+)(.*)$)");
    bool explicitRange = false;
    if (std::regex_match(base, m, range)) {
        spec.prefix = m[1];
        spec.suffix = m[5];
        spec.first = std::stoll(m[2]);
        spec.last = std::stoll(m[3]);
        const std::string marks = m[4];
        spec.padding = marks == "#" ? 4 : int(marks.size());
        explicitRange = true;
        if (spec.last < spec.first) {
            why =
                makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "the frame range %1-%2 is reversed"),
                          m[2].str(), m[3].str());
            return std::nullopt;
        }
    } else if (std::regex_match(base, m, printf)) {
        spec.prefix = m[1];
        spec.suffix = m[4];
        spec.padding = m[3].str().empty() ? 0 : std::stoi(m[3]);
    } else if (std::regex_match(base, m, hashes)) {
        spec.prefix = m[1];
        spec.suffix = m[3];
        const std::string marks = m[2];
        // One '#' means four digits (the common convention); several mean one digit each.
        spec.padding = marks == "#" ? 4 : int(marks.size());
    } else {
        why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "not a sequence pattern"));
        return std::nullopt;
    }
    if (spec.padding > 12) {
        why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "frame number padding is too wide"));
        return std::nullopt;
    }
    spec.isSequence = true;
    listFrames(spec);
    if (explicitRange) {
        std::vector<int64_t> inRange;
        for (int64_t n : spec.present)
            if (n >= spec.first && n <= spec.last) inRange.push_back(n);
        spec.present = std::move(inRange);
    } else if (!spec.present.empty()) {
        spec.first = spec.present.front();
        spec.last = spec.present.back();
    }
    if (spec.present.empty()) {
        why = makeCause(kNoFilesMatch);
        return std::nullopt;
    }
    return spec;
}

std::optional<SequenceSpec> parseOutputPattern(const std::string& pattern, Error& why) {
    auto spec = parsePattern(pattern, why);
    if (spec || why.text != kNoFilesMatch) return spec;
    why = Error{};
    SequenceSpec s;
    const size_t slash = pattern.find_last_of("/\\");
    s.dir = slash == std::string::npos ? "" : pattern.substr(0, slash + 1);
    const std::string base = slash == std::string::npos ? pattern : pattern.substr(slash + 1);
    size_t at = base.find('%');
    size_t len = 0;
    if (at != std::string::npos) {
        len = base.find('d', at) - at + 1;
        s.padding = std::atoi(base.substr(at + 1, len - 2).c_str());
    } else {
        at = base.find_first_of("#@");
        len = base.find_first_not_of("#@", at) - at;
        s.padding = (len == 1 && base[at] == '#') ? 4 : int(len);
    }
    s.prefix = base.substr(0, at);
    s.suffix = base.substr(at + len);
    s.isSequence = true;
    return s;
}

SequenceSpec detectSequence(const std::string& file) {
    SequenceSpec spec;
    std::string base;
    splitDir(file, spec.dir, base);
    // The last run of digits before the extension is the frame number.
    static const std::regex re(R"(^(.*?)(\d+)(\.[^.\d]*)$)");
    std::smatch m;
    if (!std::regex_match(base, m, re) || m[2].str().size() > 12) {
        spec.prefix = base;
        return spec;
    }
    spec.prefix = m[1];
    spec.suffix = m[3];
    const std::string digits = m[2];
    spec.padding = digits[0] == '0' || digits.size() >= 2 ? int(digits.size()) : 0;
    spec.isSequence = true;
    listFrames(spec);
    const int64_t self = std::stoll(digits);
    if (std::find(spec.present.begin(), spec.present.end(), self) == spec.present.end()) {
        spec.present.push_back(self);
        std::sort(spec.present.begin(), spec.present.end());
    }
    spec.first = spec.present.front();
    spec.last = spec.present.back();
    return spec;
}

}  // namespace rushes::codecs::detail
