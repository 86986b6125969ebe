#pragma once
// Helpers for the codecs tests: FFmpeg's own framemd5 as the reference, synthetic media made at
// run time with the ffmpeg binary, and plane hashing like FFmpeg's.
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <vector>

#include "rushes/codecs/Media.h"

namespace rushes::test {

inline QString mediaDir() { return QStringLiteral(RUSHES_MEDIA_DIR); }
inline bool haveMedia() { return QFileInfo::exists(mediaDir() + QStringLiteral("/video/flower.mp4")); }
inline QString ffmpegPath() { return QStandardPaths::findExecutable(QStringLiteral("ffmpeg")); }

// Runs ffmpeg with `args`; returns false (and the error output in `err`) on failure.
inline bool runFfmpeg(const QStringList& args, QByteArray* out = nullptr, QString* err = nullptr, int timeoutMs = 120000) {
    QProcess p;
    p.start(ffmpegPath(), QStringList{QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                                      QStringLiteral("-y")} + args);
    if (!p.waitForStarted(10000)) return false;
    p.closeWriteChannel();
    QByteArray stdoutData;
    while (!p.waitForFinished(100)) {
        stdoutData += p.readAllStandardOutput();
        if (p.state() == QProcess::NotRunning) break;
    }
    stdoutData += p.readAllStandardOutput();
    (void)timeoutMs;
    if (out) *out = stdoutData;
    if (err) *err = QString::fromLocal8Bit(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// FFmpeg's framemd5 of the first video stream: one hex MD5 per frame, in order.
inline QStringList ffmpegFrameMd5(const QString& file, const QStringList& inputOptions = {}) {
    QByteArray out;
    if (!runFfmpeg(inputOptions + QStringList{QStringLiteral("-i"), file, QStringLiteral("-map"), QStringLiteral("0:v:0"),
                                              QStringLiteral("-f"), QStringLiteral("framemd5"), QStringLiteral("-")},
                   &out))
        return {};
    QStringList hashes;
    for (const QByteArray& line : out.split('\n')) {
        if (line.isEmpty() || line.startsWith('#')) continue;
        hashes << QString::fromLatin1(line.split(',').last().trimmed());
    }
    return hashes;
}

inline QString md5OfFrame(const codecs::Frame& f) {
    QCryptographicHash h(QCryptographicHash::Md5);
    for (const auto& p : f.planes)
        h.addData(QByteArrayView(reinterpret_cast<const char*>(p.data.data()), qsizetype(p.data.size())));
    return QString::fromLatin1(h.result().toHex());
}

}  // namespace rushes::test
