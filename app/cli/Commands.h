#pragma once
// rushes-cli subcommands. Each area implements its own in its own file; main.cpp lists them.
#include <QStringList>

#include <atomic>

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

// While one lives, Ctrl+C (SIGINT) and SIGTERM (kill, timeout, a farm's job manager) set `stop`
// instead of ending the program, so that a command stops after a complete frame and closes its
// output. exitCode(): 130 after SIGINT, 143 after SIGTERM, as a shell reports a program they ended.
class StopOnSignals {
public:
    StopOnSignals();
    ~StopOnSignals();
    StopOnSignals(const StopOnSignals&) = delete;
    StopOnSignals& operator=(const StopOnSignals&) = delete;
    const std::atomic<bool>& stop() const;
    bool stopped() const { return stop().load(); }
    int exitCode() const;
};

}  // namespace rushes::cli
