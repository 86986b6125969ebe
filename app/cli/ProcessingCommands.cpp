// Placeholder until this area lands; replaced by the real commands.
#include <cstdio>

#include "Commands.h"

namespace rushes::cli {
int process(const QStringList&) {
    std::fprintf(stderr, "rushes-cli process: not available in this build\n");
    return 2;
}
int compare(const QStringList&) {
    std::fprintf(stderr, "rushes-cli compare: not available in this build\n");
    return 2;
}
int bench(const QStringList&) {
    std::fprintf(stderr, "rushes-cli bench: not available in this build\n");
    return 2;
}
}  // namespace rushes::cli
