#include "rushes/codecs/SmallFile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "PartFile.h"

namespace rushes::codecs {
namespace {

namespace fs = std::filesystem;

// The last system error in words; streams do not say why they failed, but the call under them sets it.
std::string lastError(const char* fallback) {
    return errno != 0 ? std::string(std::strerror(errno)) : std::string(fallback);
}

}  // namespace

Result<std::string> readSmallFile(const std::string& path, std::size_t limit) {
    const fs::path p(path);
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return Error{path, (ec ? ec.message() : "no such file")};
    if (fs::is_directory(st)) return Error{path, "it is a folder"};
    if (!fs::is_regular_file(st)) return Error{path, "not a regular file (a pipe or a device)"};
    const auto size = fs::file_size(p, ec);
    if (!ec && size > limit)
        return Error{path, std::to_string(size) + " bytes, more than the " + std::to_string(limit) +
                               " such a file can have"};
    errno = 0;
    std::ifstream in(p, std::ios::binary);
    if (!in) return Error{path, lastError("cannot open")};
    std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return Error{path, lastError("read error")};
    return data;
}

Status writeSmallFile(const std::string& path, const std::string& data) {
    std::error_code ec;
    if (fs::is_directory(fs::path(path), ec)) return Error{path, "it is a folder"};
    const std::string part = detail::partName(path);
    errno = 0;
    {
        std::ofstream out(fs::path(part), std::ios::binary | std::ios::trunc);
        if (!out) return Error{path, lastError("cannot create the file")};
        out.write(data.data(), std::streamsize(data.size()));
        out.close();
        if (!out) {
            const std::string why = lastError("write error");
            detail::removeQuietly(part);
            return Error{path, why};
        }
    }
    if (const std::error_code renamed = detail::renameIntoPlace(part, path))
        return Error{path, renamed.message()};
    return Ok{};
}

}  // namespace rushes::codecs
