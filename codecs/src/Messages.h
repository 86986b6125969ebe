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
#include <string>
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

using codecs::withPath;

}  // namespace rushes::codecs::detail
