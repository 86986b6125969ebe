// Compiled for Windows by MinGW-w64 only (windows_compile.cmake), never built or run here: calls
// every function of the file-name platform layer so that its _WIN32 branches are compiled.
#ifndef _WIN32
#error "compile this for Windows (x86_64-w64-mingw32-g++-posix); see CMakeLists.txt"
#endif

#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <type_traits>

#include "PartFile.h"
#include "rushes/codecs/NativeFile.h"

namespace codecs = rushes::codecs;

// Windows paths are wide: what fsPath() and openFile() exist for.
static_assert(std::is_same_v<std::filesystem::path::value_type, wchar_t>);

int main() {
    const std::string name = "caf\xc3\xa9.mov";  // UTF-8
    const std::filesystem::path path = codecs::fsPath(name);
    const std::string back = codecs::nameOf(path);
    const std::string generic = codecs::genericNameOf(path / "x");
    std::FILE* f = codecs::openFile(back + generic, "rb");
    if (f) std::fclose(f);

    const std::string part = codecs::detail::partName(name);
    const std::error_code renamed = codecs::detail::renameIntoPlace(part, name);
    codecs::detail::removeQuietly(part);
    return renamed ? 1 : 0;
}
