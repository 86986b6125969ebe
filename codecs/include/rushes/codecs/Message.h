#pragma once
// A translatable Error (Result.h: text, args, context) made from an English template with %1..%n and
// its arguments. Each layer marks its templates in its own translation context and wraps this:
// codecs/src/Messages.h (the codecs layer's), core/processing/internal/Messages.h (the operations').
#include <concepts>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "rushes/codecs/Result.h"

namespace rushes::codecs {

// An argument as text: strings as they are, integers in decimal.
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

// An error about `path` (empty: none) from `text` in `context` (empty: kMessageContext), its English
// message rendered from the arguments.
template <class... Args>
Error makeMessage(std::string context, std::string path, const char* text, Args&&... args) {
    Error e;
    e.path = std::move(path);
    e.text = text;
    e.args = {messageArg(std::forward<Args>(args))...};
    e.context = std::move(context);
    e.message = substitute(e.text, e.args);
    return e;
}

// An error from `text` that wraps `cause` whole: the cause's message (without its file) is the last
// argument, and the cause travels with it, for a UI to put in its own translation.
template <class... Args>
Error wrapMessage(std::string context, std::string path, const char* text, const Error& cause,
                  Args&&... args) {
    Error e =
        makeMessage(std::move(context), std::move(path), text, std::forward<Args>(args)..., cause.message);
    e.cause = std::make_shared<const Error>(cause);
    return e;
}

// The same error about another file.
inline Error withPath(Error e, std::string path) {
    e.path = std::move(path);
    return e;
}

}  // namespace rushes::codecs
