// What the end-to-end tests share: running the real `rushes` binary to the end.
#pragma once

#include <QProcess>
#include <QString>

namespace e2e {

// Waits for the app started in `p`, 90 s at most (then it is killed): its exit code (-1: it ran
// past that, -2: it crashed) and, in `out`, its standard output and error together.
inline int waitForApp(QProcess& p, QString& out) {
    if (!p.waitForFinished(90000)) {
        p.kill();
        p.waitForFinished();
        out = QStringLiteral("timed out");
        return -1;
    }
    out = QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

}  // namespace e2e
