// rushes-cli: the Rushes core without a screen.
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <iterator>

#include "CommandLine.h"
#include "Commands.h"

namespace {

struct Command {
    const char* name;
    const char* usage;
    int (*run)(const QStringList&);
};

const Command kCommands[] = {
    {"probe", "probe FILE|PATTERN [--json]", rushes::cli::probe},
    {"framemd5", "framemd5 FILE|PATTERN [--frames 37,5,120]", rushes::cli::framemd5},
    {"convert", "convert IN OUT [--codec prores|dnxhr|h264|exr|dpx|png] [--frames A-B]",
     rushes::cli::convert},
    {"process",
     "process IN -o OUT [--recipe R.json] [--retime 2 | --fps 48] [--denoise auto|SIGMA] "
     "[--frames A-B] [--backend auto|cpu|opencl] [--save-recipe R.json]",
     rushes::cli::process},
    {"compare", "compare A B [--csv|--json]", rushes::cli::compare},
    {"bench", "bench [--json] [--repeats N] [--size WxH]", rushes::cli::bench},
    {"budget", "budget FILE [--scenario NAME] [--json|--csv] | budget --example", rushes::cli::budget},
};

int usage(FILE* out) {
    std::fprintf(out, "Usage: rushes-cli COMMAND [ARGS]\n\nCommands:\n");
    for (const auto& c : kCommands) std::fprintf(out, "  %s\n", c.usage);
    std::fprintf(out, "\nrushes-cli --version prints the version.\n");
    return out == stdout ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rushes-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Rushes"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RUSHES_VERSION));

    QStringList args = rushes::cli::commandLineArguments(argc, argv).mid(1);
    if (args.isEmpty()) return usage(stderr);
    const QString name = args.takeFirst();
    if (name == QLatin1String("--version") || name == QLatin1String("-v")) {
        std::printf("rushes-cli %s\n", RUSHES_VERSION);
        return 0;
    }
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help"))
        return usage(stdout);
    for (const auto& c : kCommands) {
        if (name != QLatin1String(c.name)) continue;
        if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
            std::printf("usage: rushes-cli %s\n", c.usage);
            return 0;
        }
        return c.run(args);
    }
    std::fprintf(stderr, "rushes-cli: unknown command '%s'\n", rushes::cli::printableArgument(name).c_str());
    return usage(stderr);
}
