#include "messages/CodecsMessages.h"

#include <QCoreApplication>

namespace rushes::messages {

QString substitute(const QString& text, const QStringList& args) {
    // The placeholders are ASCII: the codecs layer's substitution on UTF-8 gives the same text.
    std::vector<std::string> utf8;
    utf8.reserve(size_t(args.size()));
    for (const QString& a : args) utf8.push_back(a.toStdString());
    return QString::fromStdString(codecs::substitute(text.toStdString(), utf8));
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
    for (const codecs::Error& w : info.warnings) out << localText(w);
    return out;
}

}  // namespace rushes::messages
