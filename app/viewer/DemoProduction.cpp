#include "viewer/DemoProduction.h"
#include <filesystem>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

#include "rushes/codecs/NativeFile.h"

namespace rushes::viewer {

namespace {
struct DemoShot {
    const char* file;   // name under the demo folder; a pattern for the sequence
    const char* check;  // a file that exists once it is made
    QStringList args;   // ffmpeg arguments after -y
};

QString runFfmpeg(const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("ffmpeg"), QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
                                                  QStringLiteral("error"), QStringLiteral("-y")} + args);
    if (!p.waitForStarted(5000)) return QCoreApplication::translate("Demo", "the ffmpeg program was not found");
    if (!p.waitForFinished(180000) || p.exitCode() != 0)
        return QCoreApplication::translate("Demo", "ffmpeg failed: %1").arg(QString::fromLocal8Bit(p.readAll()).trimmed());
    return {};
}
}  // namespace

QString defaultDemoDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
}

DemoResult makeDemoProduction(const QString& dir) {
    DemoResult result;
    std::error_code ec;
    std::filesystem::create_directories(codecs::fsPath((dir + QStringLiteral("/shot040_png")).toStdString()),
                                        ec);
    if (ec || !QDir(dir + QStringLiteral("/shot040_png")).exists()) {
        result.error = QCoreApplication::translate("Demo", "%1: cannot create the demo folder: %2")
                           .arg(dir, ec ? QString::fromLocal8Bit(ec.message().c_str()) : QStringLiteral("?"));
        return result;
    }
    auto at = [&](const QString& name) { return QDir(dir).filePath(name); };
    const QList<DemoShot> shots = {
        {"shot010_testsrc2_1080p24_h264.mov", "shot010_testsrc2_1080p24_h264.mov",
         {"-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=24:duration=3", "-f", "lavfi", "-i",
          "sine=frequency=440:sample_rate=48000:duration=3:beep_factor=4", "-c:v", "libx264", "-preset", "veryfast",
          "-crf", "18", "-pix_fmt", "yuv420p", "-g", "24", "-c:a", "pcm_s16le", "-shortest"}},
        {"shot020_mandelbrot_720p23976_prores.mov", "shot020_mandelbrot_720p23976_prores.mov",
         {"-f", "lavfi", "-i", "mandelbrot=size=1280x720:rate=24000/1001", "-t", "4", "-c:v", "prores_ks", "-profile:v",
          "3", "-pix_fmt", "yuv422p10le", "-vendor", "apl0"}},
        {"shot030_bars_1080p25_dnxhr.mov", "shot030_bars_1080p25_dnxhr.mov",
         {"-f", "lavfi", "-i", "smptehdbars=size=1920x1080:rate=25:duration=2", "-f", "lavfi", "-i",
          "sine=frequency=1000:sample_rate=48000:duration=2", "-c:v", "dnxhd", "-profile:v", "dnxhr_sq", "-pix_fmt",
          "yuv422p", "-c:a", "pcm_s16le", "-shortest"}},
        {"shot040_png/shot040.%04d.png", "shot040_png/shot040.1048.png",
         {"-f", "lavfi", "-i", "testsrc=size=1280x720:rate=24:duration=2", "-start_number", "1001"}},
    };
    for (const DemoShot& s : shots) {
        if (!QFile::exists(at(QString::fromLatin1(s.check)))) {
            const QString error = runFfmpeg(s.args + QStringList{at(QString::fromLatin1(s.file))});
            if (!error.isEmpty()) {
                result.error = QStringLiteral("%1: %2").arg(at(QString::fromLatin1(s.file)), error);
                return result;
            }
            // A hole in the sequence, as render farms leave them: the viewer shows a slate.
            if (QString::fromLatin1(s.file).contains(QLatin1String("%04d")))
                QFile::remove(at(QStringLiteral("shot040_png/shot040.1020.png")));
        }
        result.shots << at(QString::fromLatin1(s.file).replace(QLatin1String("%04d"), QLatin1String("####")));
    }
    return result;
}

}  // namespace rushes::viewer
