#pragma once
// core/processing's errors, translatable as the codecs layer's are (codecs/src/Messages.h): each is
// written where it arises as an English template with %1..%n and its arguments,
//
//     return internal::makeError(path, QT_TRANSLATE_NOOP("rushes::processing::Messages", "frame %1 is
//     empty"), i);
//
// in the context "rushes::processing::Messages" (spelt out at each site: lupdate, which reads
// core/ (translations/CMakeLists.txt), does not expand macros). Error::message is the English with the
// arguments put in, what rushes-cli prints; the app shows it through messages::localText. Qt-free,
// like the operations (Denoise, Retime, Metrics) that use it: the marker is just the text here.
// What a library says (an OpenCV exception, Qt's JSON parser) goes in as an argument, as it is.
#include <string>
#include <utility>

#include "rushes/codecs/Message.h"
#include "rushes/codecs/Result.h"

#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace rushes::processing::internal {

inline constexpr const char* kMessageContext = "rushes::processing::Messages";

// An error about `path` (empty: none) from a template marked with QT_TRANSLATE_NOOP.
template <class... Args>
codecs::Error makeError(std::string path, const char* text, Args&&... args) {
    return codecs::makeMessage(kMessageContext, std::move(path), text, std::forward<Args>(args)...);
}

// An error that wraps `cause` (a codecs layer's error): its message, without its file, is the last
// argument, which the app shows in the user's language too.
template <class... Args>
codecs::Error wrapError(std::string path, const char* text, const codecs::Error& cause, Args&&... args) {
    return codecs::wrapMessage(kMessageContext, std::move(path), text, cause, std::forward<Args>(args)...);
}

using codecs::withPath;  // the same error about another file (a recipe's validation error about its file)

}  // namespace rushes::processing::internal
