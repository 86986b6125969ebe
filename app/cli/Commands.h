#pragma once
// rushes-cli subcommands. Each area implements its own in its own file; main.cpp lists them.
#include <QStringList>

namespace rushes::cli {

// Each returns the process exit code; `args` excludes the program and the subcommand name.
// On failure: one clear line on stderr naming the file and the cause, and a non-zero code.
int probe(const QStringList& args);      // CodecsCommands.cpp
int framemd5(const QStringList& args);   // CodecsCommands.cpp
int convert(const QStringList& args);    // CodecsCommands.cpp
int process(const QStringList& args);    // ProcessingCommands.cpp
int compare(const QStringList& args);    // ProcessingCommands.cpp
int bench(const QStringList& args);      // ProcessingCommands.cpp
int budget(const QStringList& args);     // BudgetCommands.cpp

}  // namespace rushes::cli
