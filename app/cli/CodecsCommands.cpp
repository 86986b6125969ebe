// Placeholder until this area lands; replaced by the real commands.
#include <cstdio>

#include "Commands.h"

namespace rushes::cli {
int probe(const QStringList&) {
    std::fprintf(stderr, "rushes-cli probe: not available in this build\n");
    return 2;
}
int framemd5(const QStringList&) {
    std::fprintf(stderr, "rushes-cli framemd5: not available in this build\n");
    return 2;
}
int convert(const QStringList&) {
    std::fprintf(stderr, "rushes-cli convert: not available in this build\n");
    return 2;
}
}  // namespace rushes::cli
