#pragma once
// The codecs layer's messages, translatable and still without Qt. Each is written where it arises as
// an English template with %1..%n and its arguments:
//
//     return makeError(path, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot open: %1"), averr(r));
//
// The marker is Qt's own, which lupdate finds in these sources (translations/CMakeLists.txt); here it
// is just the text. Error::message is the English with the arguments put in, as before; a UI
// translates Error::text in the context kMessageContext and puts in Error::args. What a library
// says (FFmpeg's error text, an OpenImageIO or OpenEXR exception) goes in as an argument and stays
// as it is.
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

#include "rushes/codecs/Message.h"
#include "rushes/codecs/Result.h"

#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace rushes::codecs::detail {

// An error about `path` (empty: none) from a template marked with QT_TRANSLATE_NOOP.
template <class... Args>
Error makeError(std::string path, const char* text, Args&&... args) {
    return makeMessage({}, std::move(path), text, std::forward<Args>(args)...);
}

// An error without a file, for a caller to give one (withPath), or a cause to pass up.
template <class... Args>
Error makeCause(const char* text, Args&&... args) {
    return makeError({}, text, std::forward<Args>(args)...);
}

// A message that is not translatable: a library's own words.
inline Error untranslated(std::string path, std::string message) {
    Error e;
    e.path = std::move(path);
    e.message = std::move(message);
    return e;
}

// A system error (errno) as a cause: the common ones in the project's words, which a UI translates;
// any other in the system's own words (strerror), as it is.
inline Error systemCause(int err) {
    switch (err) {
        case ENOENT:
            return makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "no such file or folder"));
        case EACCES:
        case EPERM:
            return makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "permission denied"));
        case EISDIR:
            return makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "it is a folder"));
        case ENOTDIR:
            return makeCause(
                QT_TRANSLATE_NOOP("rushes::codecs::Messages", "a part of the path is not a folder"));
        case ENOSPC:
            return makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "the disk is full"));
        case EROFS:
            return makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "the file system is read-only"));
        case ENAMETOOLONG:
            return makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "the name is too long"));
        case EMFILE:
        case ENFILE:
            return makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "too many open files"));
        default:
            return untranslated({}, std::strerror(err));
    }
}

// The same for a std::error_code: one the system maps to an errno (POSIX's, or Windows' through
// default_error_condition) as above, any other in its own words.
inline Error systemCause(const std::error_code& ec) {
    const std::error_condition c = ec.default_error_condition();
    if (c.category() == std::generic_category()) return systemCause(c.value());
    return untranslated({}, ec.message());
}

// An error about `path` from a template whose last %n is the system's reason (systemCause): its
// message goes in as the last argument, and the cause travels with it for a UI to translate.
template <class Why, class... Args>
Error makeSystemError(std::string path, const char* text, Why why, Args&&... args) {
    return wrapMessage({}, std::move(path), text, systemCause(why), std::forward<Args>(args)...);
}

// The system's reason alone as the error about `path` ("permission denied").
template <class Why>
Error systemError(std::string path, Why why) {
    return withPath(systemCause(why), std::move(path));
}

using codecs::withPath;

}  // namespace rushes::codecs::detail
