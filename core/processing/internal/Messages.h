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
#include <concepts>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "rushes/codecs/Result.h"

#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace rushes::processing::internal {

inline constexpr const char* kMessageContext = "rushes::processing::Messages";

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
codecs::Error makeError(std::string path, const char* text, Args&&... args) {
    codecs::Error e;
    e.path = std::move(path);
    e.text = text;
    e.args = {messageArg(std::forward<Args>(args))...};
    e.context = kMessageContext;
    e.message = codecs::substitute(e.text, e.args);
    return e;
}

// An error that wraps `cause` (a codecs layer's error): its message, without its file, is the last
// argument, which the app shows in the user's language too.
template <class... Args>
codecs::Error wrapError(std::string path, const char* text, const codecs::Error& cause, Args&&... args) {
    codecs::Error e = makeError(std::move(path), text, std::forward<Args>(args)..., cause.message);
    e.cause = std::make_shared<const codecs::Error>(cause);
    return e;
}

// The same error about another file (a recipe's validation error about the recipe's file).
inline codecs::Error withPath(codecs::Error e, std::string path) {
    e.path = std::move(path);
    return e;
}

}  // namespace rushes::processing::internal
