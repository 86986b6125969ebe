#pragma once
// Tests make their own small clips with the ffmpeg program (lavfi sources): one way to run it.
#include <QProcess>
#include <QStringList>

namespace rushes::tests {

// Runs `ffmpeg -hide_banner -loglevel error -y ARGS`; true when it finished in time and succeeded.
inline bool runFfmpeg(const QStringList& args, int timeoutMs = 60000) {
    QProcess ff;
    ff.start(QStringLiteral("ffmpeg"),
             QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                         QStringLiteral("-y")} +
                 args);
    return ff.waitForFinished(timeoutMs) && ff.exitStatus() == QProcess::NormalExit && ff.exitCode() == 0;
}

}  // namespace rushes::tests
