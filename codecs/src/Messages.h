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
#include <concepts>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rushes/codecs/Result.h"

#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace rushes::codecs::detail {

inline std::string messageArg(std::string s) {
    return s;
}
inline std::string messageArg(const char* s) {
    return s ? s : "";
}
inline std::string messageArg(std::string_view s) {
    return std::string(s);
}
template <std::integral T>
std::string messageArg(T n) {
    return std::to_string(n);
}

// An error about `path` (empty: none) from a template marked with QT_TRANSLATE_NOOP.
template <class... Args>
Error makeError(std::string path, const char* text, Args&&... args) {
    Error e;
    e.path = std::move(path);
    e.text = text;
    e.args = {messageArg(std::forward<Args>(args))...};
    e.message = substitute(e.text, e.args);
    return e;
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

// The same cause about another file.
inline Error withPath(Error e, std::string path) {
    e.path = std::move(path);
    return e;
}

}  // namespace rushes::codecs::detail
