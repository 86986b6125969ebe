#pragma once
// Errors come back as values that name the file and the cause; no exceptions cross the codecs API.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace rushes::codecs {

// Text safe to print on one line (a file name on a POSIX system is bytes, not always UTF-8; a
// damaged file's attribute; a library's message quoting either): control bytes and bytes that are
// not UTF-8 as \xNN, valid UTF-8 (a name in any script) kept.
std::string printable(const std::string& text);

// The name of the translation context of the codecs layer's message templates (Error::text): a UI
// translates a message with QCoreApplication::translate(kMessageContext, text) and puts in args.
inline constexpr const char* kMessageContext = "rushes::codecs::Messages";

// Puts args[N-1] in place of each %N (N from 1 to 99) in one pass: text that an argument brings
// (a file name with "%1" in it) is never substituted again. A %N without an argument stays. Inline:
// core/processing's operations make messages with the codecs layer's types alone, without its library.
inline std::string substitute(const std::string& text, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(text.size() + 16 * args.size());
    const auto digit = [&text](size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; };
    for (size_t i = 0; i < text.size();) {
        if (text[i] == '%' && digit(i + 1) && text[i + 1] != '0') {
            size_t n = size_t(text[i + 1] - '0'), end = i + 2;
            if (digit(end)) n = n * 10 + size_t(text[end++] - '0');
            if (n <= args.size()) {
                out += args[n - 1];
                i = end;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

struct Error {
    std::string path;     // the file (or pattern) concerned; may be empty for setting errors
    std::string message;  // the cause, in plain words ("truncated at frame 54", "not an EXR file")
    // What translating message takes: message == substitute(text, args), text being English with
    // %1..%n where args go (a frame number, a file name, a library's own words, which stay as they
    // are). Empty text: message is not translatable (a library's message, or made outside codecs).
    std::string text{};  // (the initialisers keep Error{path, message} free of warnings)
    std::vector<std::string> args{};
    // The translation context of text: empty for kMessageContext (the codecs layer's), or another
    // layer's ("rushes::processing::Messages").
    std::string context{};
    // An error this one wraps whole ("cannot write the image: %1" around the codecs layer's write
    // error): its message, without its path, is args.back(), where a UI puts its own translation.
    std::shared_ptr<const Error> cause{};

    // One line for a user: "<path>: <message>", the path printable (a Latin-1 name as caf\xe9.mov).
    std::string toString() const { return path.empty() ? message : printable(path) + ": " + message; }
};

// A minimal expected<T, Error>: C++20 has no std::expected.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}          // NOLINT(google-explicit-constructor)
    Result(Error error) : m_v(std::move(error)) {}      // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<T>(m_v); }
    const T& value() const& { return std::get<T>(m_v); }
    T&& value() && { return std::get<T>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const Error& error() const { return std::get<Error>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// For operations that return nothing on success.
struct Ok {};
using Status = Result<Ok>;

}  // namespace rushes::codecs
