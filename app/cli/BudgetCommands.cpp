// Placeholder until this area lands; replaced by the real commands.
#include <cstdio>

#include "Commands.h"

namespace rushes::cli {
int budget(const QStringList&) {
    std::fprintf(stderr, "rushes-cli budget: not available in this build\n");
    return 2;
}
}  // namespace rushes::cli
