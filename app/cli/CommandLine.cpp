#include "CommandLine.h"

#include <QCoreApplication>

#include <cstring>

#include "rushes/codecs/Result.h"

namespace rushes::cli {

#if defined(Q_OS_WIN)

QStringList commandLineArguments(int, char**) {
    return QCoreApplication::arguments();
}

std::string nativePath(const QString& argument) {
    return argument.toStdString();
}

#else

namespace {

constexpr char16_t kEscapedByte = 0xdc00;  // + a byte from 0x80 to 0xff

// The length of the valid UTF-8 sequence at `s` (of `n` bytes), 0 where there is none. Valid means
// that it decodes and encodes back to the same bytes, so that the escape is exact.
qsizetype utf8Length(const char* s, qsizetype n) {
    const auto c = static_cast<unsigned char>(s[0]);
    const qsizetype len = c < 0x80 ? 1 : c < 0xc0 ? 0 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf8 ? 4 : 0;
    if (len <= 1 || len > n) return len == 1 ? 1 : 0;
    const QByteArray bytes(s, len);
    return QString::fromUtf8(bytes).toUtf8() == bytes ? len : 0;
}

}  // namespace

QStringList commandLineArguments(int argc, char** argv) {
    QStringList args;
    for (int a = 0; a < argc; ++a) {
        const char* s = argv[a];
        const qsizetype n = qsizetype(std::strlen(s));
        QString arg;
        for (qsizetype i = 0; i < n;) {
            if (const qsizetype len = utf8Length(s + i, n - i)) {
                arg += QString::fromUtf8(s + i, len);
                i += len;
            } else {
                arg += QChar(char16_t(kEscapedByte + static_cast<unsigned char>(s[i++])));
            }
        }
        args << arg;
    }
    return args;
}

std::string nativePath(const QString& argument) {
    std::string out;
    for (qsizetype i = 0; i < argument.size(); ++i) {
        const char16_t u = argument[i].unicode();
        if (QChar::isHighSurrogate(u) && i + 1 < argument.size() && argument[i + 1].isLowSurrogate()) {
            out += QStringView(argument).mid(i, 2).toUtf8().toStdString();
            ++i;
        } else if (u >= kEscapedByte + 0x80 && u <= kEscapedByte + 0xff) {
            out += char(u - kEscapedByte);
        } else {
            out += QStringView(argument).mid(i, 1).toUtf8().toStdString();
        }
    }
    return out;
}

#endif

std::string printableArgument(const QString& argument) {
    return codecs::printable(nativePath(argument));
}

}  // namespace rushes::cli
