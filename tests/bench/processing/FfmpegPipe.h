#pragma once
// Frames in and out of the `ffmpeg` binary as raw rgb24, for benchmarks and tests that compare
// with FFmpeg's own filters on exactly the same pixels.
#include <QElapsedTimer>
#include <QProcess>
#include <QStringList>

#include <opencv2/core.hpp>

#include <cstring>
#include <vector>

namespace rushes::bench {

struct Clip {
    std::vector<cv::Mat> frames;  // CV_8UC3 RGB
    double seconds = 0;           // wall time of the ffmpeg run
    QString error;
};

inline Clip runFfmpeg(const QStringList& args, int width, int height, const std::vector<cv::Mat>& input = {},
                      int inWidth = 0, int inHeight = 0, double inRate = 25) {
    Clip clip;
    QProcess p;
    QStringList all{QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-nostdin")};
    if (!input.empty()) {
        all.removeAll(QStringLiteral("-nostdin"));
        all << QStringLiteral("-f") << QStringLiteral("rawvideo") << QStringLiteral("-pix_fmt") << QStringLiteral("rgb24")
            << QStringLiteral("-s") << QStringLiteral("%1x%2").arg(inWidth).arg(inHeight) << QStringLiteral("-r")
            << QString::number(inRate) << QStringLiteral("-i") << QStringLiteral("-");
    }
    all << args << QStringLiteral("-f") << QStringLiteral("rawvideo") << QStringLiteral("-pix_fmt") << QStringLiteral("rgb24")
        << QStringLiteral("-");
    QElapsedTimer timer;
    timer.start();
    p.start(QStringLiteral("ffmpeg"), all);
    if (!p.waitForStarted()) {
        clip.error = QStringLiteral("cannot start ffmpeg");
        return clip;
    }
    QByteArray out;
    const qint64 frameBytes = qint64(width) * height * 3;
    for (const cv::Mat& m : input) {
        p.write(reinterpret_cast<const char*>(m.data), qint64(m.total() * m.elemSize()));
        while (p.bytesToWrite() > 0) {
            p.waitForBytesWritten(1000);
            out += p.readAllStandardOutput();
        }
    }
    if (!input.empty()) p.closeWriteChannel();
    while (!p.waitForFinished(50)) out += p.readAllStandardOutput();
    out += p.readAllStandardOutput();
    clip.seconds = double(timer.nsecsElapsed()) * 1e-9;
    if (p.exitCode() != 0) clip.error = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    for (qint64 off = 0; off + frameBytes <= out.size(); off += frameBytes) {
        cv::Mat m(height, width, CV_8UC3);
        std::memcpy(m.data, out.constData() + off, size_t(frameBytes));
        clip.frames.push_back(m);
    }
    return clip;
}

// Frames [first, first + count) of a file's first video stream, optionally scaled.
inline Clip readFrames(const QString& path, int first, int count, int width, int height, bool scale) {
    QString vf = QStringLiteral("trim=start_frame=%1:end_frame=%2,setpts=PTS-STARTPTS").arg(first).arg(first + count);
    if (scale) vf += QStringLiteral(",scale=%1:%2:flags=lanczos").arg(width).arg(height);
    return runFfmpeg({QStringLiteral("-i"), path, QStringLiteral("-map"), QStringLiteral("0:v:0"), QStringLiteral("-vf"), vf,
                      QStringLiteral("-vsync"), QStringLiteral("0")},
                     width, height);
}

// Width and height of a file's first video stream, via ffprobe.
inline cv::Size probeSize(const QString& path) {
    QProcess p;
    p.start(QStringLiteral("ffprobe"), {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"),
                                        QStringLiteral("v:0"), QStringLiteral("-show_entries"),
                                        QStringLiteral("stream=width,height"), QStringLiteral("-of"),
                                        QStringLiteral("csv=p=0"), path});
    p.waitForFinished(30000);
    const QStringList parts = QString::fromLatin1(p.readAllStandardOutput()).trimmed().split(QLatin1Char(','));
    if (parts.size() < 2) return {};
    return {parts[0].toInt(), parts[1].toInt()};
}

}  // namespace rushes::bench
