#include "rushes/codecs/Result.h"

namespace rushes::codecs {

std::string printable(const std::string& s) {
    std::string out;
    const auto escape = [&out](unsigned char c) {
        static const char* hex = "0123456789abcdef";
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 15];
    };
    const auto byte = [&s](size_t i) { return static_cast<unsigned char>(s[i]); };
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = byte(i);
        if (c < 0x20 || c == 0x7f) {
            escape(c);
            ++i;
            continue;
        }
        const size_t len = c < 0x80                   ? 1
                           : (c >= 0xc2 && c <= 0xdf) ? 2
                           : (c >= 0xe0 && c <= 0xef) ? 3
                           : (c >= 0xf0 && c <= 0xf4) ? 4
                                                      : 0;
        bool valid = len > 0 && i + len <= s.size();
        for (size_t k = 1; valid && k < len; ++k) valid = (byte(i + k) & 0xc0) == 0x80;
        // No overlong forms, no UTF-16 surrogates, nothing past U+10FFFF: only what decodes back.
        if (valid && len >= 3) {
            const unsigned char d = byte(i + 1);
            valid = !(c == 0xe0 && d < 0xa0) && !(c == 0xed && d >= 0xa0) && !(c == 0xf0 && d < 0x90) &&
                    !(c == 0xf4 && d >= 0x90);
        }
        if (!valid) {
            escape(c);
            ++i;
            continue;
        }
        out.append(s, i, len);
        i += len;
    }
    return out;
}

}  // namespace rushes::codecs
