#include "rushes/codecs/SmallFile.h"
#include "rushes/codecs/NativeFile.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "Messages.h"
#include "PartFile.h"

namespace rushes::codecs {
namespace {

namespace fs = std::filesystem;

using detail::makeError;
using detail::systemError;

// The last system error in words; streams do not say why they failed, but the call under them sets it.
Error lastError(const std::string& path, const char* fallback) {
    return errno != 0 ? systemError(path, errno) : makeError(path, fallback);
}

}  // namespace

Result<std::string> readSmallFile(const std::string& path, std::size_t limit) {
    const fs::path p = fsPath(path);
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    // A missing file is not_found with ec set (ENOENT); other failures (permissions) say theirs.
    if (ec && st.type() != fs::file_type::not_found) return systemError(path, ec);
    if (!fs::exists(st))
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no such file"));
    if (fs::is_directory(st))
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "it is a folder"));
    if (!fs::is_regular_file(st))
        return makeError(
            path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "not a regular file (a pipe or a device)"));
    const auto size = fs::file_size(p, ec);
    if (!ec && size > limit)
        return makeError(
            path,
            QT_TRANSLATE_NOOP("rushes::codecs::Messages", "%1 bytes, more than the %2 such a file can have"),
            size, limit);
    errno = 0;
    std::ifstream in(p, std::ios::binary);
    if (!in) return lastError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open"));
    std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return lastError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "read error"));
    return data;
}

Status writeSmallFile(const std::string& path, std::string_view data) {
    std::error_code ec;
    if (fs::is_directory(fsPath(path), ec))
        return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "it is a folder"));
    const std::string part = detail::partName(path);
    errno = 0;
    {
        std::ofstream out(fsPath(part), std::ios::binary | std::ios::trunc);
        if (!out)
            return lastError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot create the file"));
        out.write(data.data(), std::streamsize(data.size()));
        out.close();
        if (!out) {
            Error why = lastError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "write error"));
            detail::removeQuietly(part);
            return why;
        }
    }
    if (const std::error_code renamed = detail::renameIntoPlace(part, path))
        return systemError(path, renamed);
    return Ok{};
}

}  // namespace rushes::codecs
