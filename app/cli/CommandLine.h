#pragma once
// rushes-cli's arguments, with file names that are not UTF-8. A POSIX file name is bytes (a Latin-1
// name from an old Windows share: caf\xe9.mov); QCoreApplication::arguments() decodes them as UTF-8
// and turns such a byte into U+FFFD, which names no file. Here each byte that is not part of valid
// UTF-8 becomes U+DC80..U+DCFF instead (Python's "surrogateescape", PEP 383), so that options still
// parse as text and nativePath() gives back the exact bytes. On Windows arguments are UTF-16.
#include <QString>
#include <QStringList>

#include <string>

namespace rushes::cli {

// The arguments, the program's name first, as they are after QCoreApplication took its own.
QStringList commandLineArguments(int argc, char** argv);

// The name to hand the codecs layer for an argument: its original bytes on POSIX, UTF-8 on Windows.
std::string nativePath(const QString& argument);

// An argument for a message or JSON: bytes that are not UTF-8 as \xNN (codecs::printable).
std::string printableArgument(const QString& argument);

}  // namespace rushes::cli
