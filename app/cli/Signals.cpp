// StopOnSignals: Ctrl+C and SIGTERM ask a command to stop after a complete frame.
#include <csignal>

#include "Commands.h"

namespace rushes::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
using Handler = void (*)(int);
Handler g_previousInt = SIG_DFL, g_previousTerm = SIG_DFL;

extern "C" void onStopSignal(int sig) {
    g_signal.store(sig);
    g_stop.store(true);
}

}  // namespace

StopOnSignals::StopOnSignals() {
    g_stop.store(false);
    g_signal.store(0);
    g_previousInt = std::signal(SIGINT, onStopSignal);
    g_previousTerm = std::signal(SIGTERM, onStopSignal);
}

StopOnSignals::~StopOnSignals() {
    std::signal(SIGINT, g_previousInt == SIG_ERR ? SIG_DFL : g_previousInt);
    std::signal(SIGTERM, g_previousTerm == SIG_ERR ? SIG_DFL : g_previousTerm);
}

const std::atomic<bool>& StopOnSignals::stop() const {
    return g_stop;
}

int StopOnSignals::exitCode() const {
    return g_signal.load() == SIGTERM ? 143 : 130;
}

}  // namespace rushes::cli
