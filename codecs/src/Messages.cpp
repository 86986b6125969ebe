#include "Messages.h"

namespace rushes::codecs {

std::string substitute(const std::string& text, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(text.size() + 16 * args.size());
    for (size_t i = 0; i < text.size();) {
        const auto digit = [&text](size_t at) {
            return at < text.size() && text[at] >= '0' && text[at] <= '9';
        };
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

}  // namespace rushes::codecs
