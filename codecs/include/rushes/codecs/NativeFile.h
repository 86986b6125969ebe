#pragma once
// The platform layer for file names. The codecs layer names a file by a std::string: the name's
// own bytes on POSIX (a Latin-1 caf\xe9.mov stays those bytes), UTF-8 on Windows (rushes-cli and
// the app hand over UTF-8 there: app/cli/CommandLine.h). The narrow C and C++ calls (fopen,
// std::filesystem::path from a std::string, path::string()) read and write a Windows name in the
// ANSI code page, which cannot hold most names, so every name goes through these instead. FFmpeg
// and OpenImageIO take UTF-8 names on Windows themselves.
#include <cstdio>
#include <filesystem>
#include <string>

namespace rushes::codecs {

// The std::filesystem path for a name.
inline std::filesystem::path fsPath(const std::string& name) {
#ifdef _WIN32
    return std::filesystem::path(std::u8string(name.begin(), name.end()));
#else
    return std::filesystem::path(name);
#endif
}

// The name for a std::filesystem path: the inverse of fsPath().
inline std::string nameOf(const std::filesystem::path& path) {
#ifdef _WIN32
    const std::u8string s = path.u8string();
    return std::string(s.begin(), s.end());
#else
    return path.string();
#endif
}

// nameOf() with '/' between the parts on every system (to compare names).
inline std::string genericNameOf(const std::filesystem::path& path) {
#ifdef _WIN32
    const std::u8string s = path.generic_u8string();
    return std::string(s.begin(), s.end());
#else
    return path.generic_string();
#endif
}

// std::fopen for a name; `mode` is ASCII ("rb", "wb").
inline std::FILE* openFile(const std::string& name, const char* mode) {
#ifdef _WIN32
    std::wstring wideMode;
    for (const char* m = mode; *m; ++m) wideMode += wchar_t(*m);
    return _wfopen(fsPath(name).c_str(), wideMode.c_str());
#else
    return std::fopen(name.c_str(), mode);
#endif
}

}  // namespace rushes::codecs
