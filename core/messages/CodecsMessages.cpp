#include "messages/CodecsMessages.h"

#include <QCoreApplication>

namespace rushes::messages {

QString substitute(const QString& text, const QStringList& args) {
    QString out;
    out.reserve(text.size() + 16 * int(args.size()));
    const auto digit = [&text](qsizetype at) {
        return at < text.size() && text[at].isDigit() && text[at].unicode() < 128;
    };
    for (qsizetype i = 0; i < text.size();) {
        if (text[i] == u'%' && digit(i + 1) && text[i + 1] != u'0') {
            qsizetype n = text[i + 1].unicode() - '0', end = i + 2;
            if (digit(end)) n = n * 10 + (text[end++].unicode() - '0');
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

QString localMessage(const codecs::Error& error) {
    if (error.text.empty()) return QString::fromStdString(error.message);
    QStringList args;
    args.reserve(qsizetype(error.args.size()));
    for (const std::string& a : error.args) args << QString::fromStdString(a);
    if (error.cause && !args.isEmpty()) args.back() = localMessage(*error.cause);
    const char* context = error.context.empty() ? codecs::kMessageContext : error.context.c_str();
    return substitute(QCoreApplication::translate(context, error.text.c_str()), args);
}

QString localText(const codecs::Error& error) {
    const QString cause = localMessage(error);
    if (error.path.empty()) return cause;
    return QString::fromStdString(codecs::printable(error.path)) + QStringLiteral(": ") + cause;
}

QStringList localWarnings(const codecs::MediaInfo& info) {
    QStringList out;
    // Warnings made without their templates (a MediaInfo put together by hand) are shown as they are.
    if (info.warningMessages.size() != info.warnings.size()) {
        for (const std::string& w : info.warnings) out << QString::fromStdString(w);
        return out;
    }
    for (const codecs::Error& w : info.warningMessages) out << localText(w);
    return out;
}

}  // namespace rushes::messages
