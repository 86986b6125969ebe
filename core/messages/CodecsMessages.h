#pragma once
// The codecs layer's errors and warnings as a user reads them, in the language of the catalogue
// loaded (QCoreApplication::installTranslator): every place the app shows a codecs::Error or a
// MediaInfo warning goes through here, and so do core/processing's errors, made the same way in
// their own context. Without a catalogue, or for a message that was not marked (a library's own
// words), the English text is shown, the same as Error::toString(). The command-line tool keeps printing
// toString().
#include <QString>
#include <QStringList>

#include "rushes/codecs/Media.h"
#include "rushes/codecs/Result.h"

namespace rushes::messages {

// The cause alone: Error::text translated in its context (Error::context; codecs::kMessageContext
// when empty), with Error::args put in, the last one in the user's language too when it is the
// message of a wrapped Error::cause; Error::message when it has no text.
QString localMessage(const codecs::Error& error);

// "<file>: <cause>", as Error::toString() (the name printable) but in the user's language.
QString localText(const codecs::Error& error);

// MediaInfo::warnings in the user's language, one line each.
QStringList localWarnings(const codecs::MediaInfo& info);

// Each %1..%99 in `text` replaced by args[N-1], in one pass: an argument's own "%1" (a file named
// "take%1.mov") stays as it is, which chained QString::arg() calls would not do. A placeholder
// without an argument stays.
QString substitute(const QString& text, const QStringList& args);

}  // namespace rushes::messages
