// PSNR and SSIM: hand-worked values, and agreement with FFmpeg's psnr and ssim filters on the
// same RGB and YUV inputs (0.01 dB, 0.001).
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "ProcessingTestSupport.h"
#include "processing/Metrics.h"

using namespace rushes;
using namespace rushes::processing;

class MetricsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Runs FFmpeg's `filter` (psnr or ssim) on two raw inputs and returns its summary line.
    QString ffmpegSummary(const QString& filter, const QString& a, const QString& b, const QString& pixFmt, cv::Size size) {
        QProcess p;
        const QString s = QStringLiteral("%1x%2").arg(size.width).arg(size.height);
        p.start(QStringLiteral("ffmpeg"),
                {QStringLiteral("-hide_banner"), QStringLiteral("-nostdin"), QStringLiteral("-f"), QStringLiteral("rawvideo"),
                 QStringLiteral("-pix_fmt"), pixFmt, QStringLiteral("-s"), s, QStringLiteral("-i"), a, QStringLiteral("-f"),
                 QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"), pixFmt, QStringLiteral("-s"), s, QStringLiteral("-i"), b,
                 QStringLiteral("-lavfi"), QStringLiteral("[0:v][1:v]%1").arg(filter), QStringLiteral("-f"), QStringLiteral("null"),
                 QStringLiteral("-")});
        p.waitForFinished(60000);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        const QStringList lines = err.split(QLatin1Char('\n'));
        for (const QString& l : lines)
            if (l.contains(QStringLiteral("Parsed_%1").arg(filter))) return l;
        return {};
    }

    static double field(const QString& line, const QString& key) {
        const QRegularExpression re(QRegularExpression::escape(key) + QStringLiteral(":\\s*([0-9.]+|inf)"));
        const auto m = re.match(line);
        if (!m.hasMatch()) return NAN;
        return m.captured(1) == QLatin1String("inf") ? INFINITY : m.captured(1).toDouble();
    }

    static void writeRaw(const QString& path, const std::vector<cv::Mat>& planes) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (const cv::Mat& p : planes) {
            QVERIFY(p.isContinuous());
            f.write(reinterpret_cast<const char*>(p.data), qint64(p.total() * p.elemSize()));
        }
    }

private slots:
    void handWorked() {
        // Every sample off by 2: MSE 4, PSNR = 10 log10(255^2 / 4) = 42.1102 dB.
        cv::Mat a(32, 48, CV_8UC3, cv::Scalar(100, 150, 200)), b(32, 48, CV_8UC3, cv::Scalar(102, 148, 202));
        auto s = scoreRgb(a, b);
        QVERIFY(s.ok());
        QCOMPARE(s->planes.size(), size_t(3));
        QVERIFY(std::abs(s->mse - 4.0) < 1e-12);
        QVERIFY(std::abs(s->psnr - 42.1102) < 1e-3);
        // Identical frames: infinite PSNR, SSIM exactly 1.
        auto same = scoreRgb(a, a);
        QVERIFY(std::isinf(same->psnr));
        QCOMPARE(same->ssim, 1.0);
        // Equal to cv::PSNR on 8-bit RGB, as the drop-frame protocol uses.
        cv::Mat n(a.size(), CV_8UC3);
        cv::randu(n, 0, 255);
        QVERIFY(std::abs(scoreRgb(a, n)->psnr - cv::PSNR(a, n)) < 1e-9);
    }

    void mismatchedSizesAreAnError() {
        cv::Mat a(32, 48, CV_8UC3, cv::Scalar(1)), b(30, 48, CV_8UC3, cv::Scalar(1));
        auto s = scoreRgb(a, b);
        QVERIFY(!s.ok());
        QVERIFY(QString::fromStdString(s.error().message).contains(QStringLiteral("48x32")));
    }

    void differenceImageHasGain() {
        cv::Mat a(4, 4, CV_8UC3, cv::Scalar(10, 10, 10)), b(4, 4, CV_8UC3, cv::Scalar(13, 8, 10));
        cv::Mat d = differenceImage(a, b, 10.0);
        QCOMPARE(d.at<cv::Vec3b>(1, 1), cv::Vec3b(30, 20, 0));
    }

    void agreesWithFfmpegOnRgb() {
        if (!test::haveFfmpeg()) QSKIP("ffmpeg binary not found");
        QVERIFY(m_dir.isValid());
        // A real frame and a degraded copy (blur + noise), as planar GBR, which FFmpeg's filters read.
        auto frames = test::sharedFrames("video/flower.mp4", 30, 1, 480, 270);
        cv::Mat a8;
        if (frames.empty()) {
            a8 = cv::Mat(270, 480, CV_8UC3);
            test::texture({480, 270}, 0, 3).convertTo(a8, CV_8U);
        } else {
            frames[0].convertTo(a8, CV_8U);
        }
        cv::Mat b8, noise(a8.size(), CV_16SC3);
        cv::GaussianBlur(a8, b8, cv::Size(3, 3), 0.8);
        cv::randn(noise, 0, 6);
        cv::Mat b16;
        b8.convertTo(b16, CV_16S);
        b16 += noise;
        b16.convertTo(b8, CV_8U);
        std::vector<cv::Mat> pa, pb;
        cv::split(a8, pa);
        cv::split(b8, pb);
        const QString fa = m_dir.filePath(QStringLiteral("a.gbrp")), fb = m_dir.filePath(QStringLiteral("b.gbrp"));
        writeRaw(fa, {pa[1], pa[2], pa[0]});  // gbrp plane order
        writeRaw(fb, {pb[1], pb[2], pb[0]});
        const QString psnrLine = ffmpegSummary(QStringLiteral("psnr"), fa, fb, QStringLiteral("gbrp"), a8.size());
        const QString ssimLine = ffmpegSummary(QStringLiteral("ssim"), fa, fb, QStringLiteral("gbrp"), a8.size());
        QVERIFY2(!psnrLine.isEmpty() && !ssimLine.isEmpty(), "ffmpeg printed no psnr/ssim summary");
        auto s = scoreRgb(a8, b8);
        QVERIFY(s.ok());
        qInfo("ours PSNR %.4f SSIM %.5f | %s | %s", s->psnr, s->ssim, qPrintable(psnrLine), qPrintable(ssimLine));
        QVERIFY(std::abs(s->psnr - field(psnrLine, QStringLiteral("average"))) < 0.01);
        QVERIFY(std::abs(s->planes[0].psnr - field(psnrLine, QStringLiteral("r"))) < 0.01);
        QVERIFY(std::abs(s->planes[1].psnr - field(psnrLine, QStringLiteral("g"))) < 0.01);
        QVERIFY(std::abs(s->ssim - field(ssimLine, QStringLiteral("All"))) < 0.001);
        QVERIFY(std::abs(s->planes[2].ssim - field(ssimLine, QStringLiteral("B"))) < 0.001);
    }

    void agreesWithFfmpegOnYuv420() {
        if (!test::haveFfmpeg()) QSKIP("ffmpeg binary not found");
        // yuv420p planes with odd-ish sizes: FFmpeg weights Y 4:1:1 against U and V.
        const cv::Size size(322, 182);
        cv::Mat y(size, CV_8U), u(size / 2, CV_8U), v(size / 2, CV_8U);
        cv::Mat tex = test::texture(size, 0, 11);
        std::vector<cv::Mat> ch;
        cv::split(tex, ch);
        ch[0].convertTo(y, CV_8U);
        cv::resize(ch[1], u, size / 2);
        cv::resize(ch[2], v, size / 2);
        u.convertTo(u, CV_8U);
        v.convertTo(v, CV_8U);
        auto degrade = [](const cv::Mat& p, int seed) {
            cv::Mat n(p.size(), CV_16S), q;
            cv::RNG(seed).fill(n, cv::RNG::NORMAL, 0, 4);
            p.convertTo(q, CV_16S);
            q += n;
            q.convertTo(q, CV_8U);
            return q;
        };
        cv::Mat y2 = degrade(y, 1), u2 = degrade(u, 2), v2 = degrade(v, 3);
        const QString fa = m_dir.filePath(QStringLiteral("a.yuv")), fb = m_dir.filePath(QStringLiteral("b.yuv"));
        writeRaw(fa, {y, u, v});
        writeRaw(fb, {y2, u2, v2});
        const QString psnrLine = ffmpegSummary(QStringLiteral("psnr"), fa, fb, QStringLiteral("yuv420p"), size);
        const QString ssimLine = ffmpegSummary(QStringLiteral("ssim"), fa, fb, QStringLiteral("yuv420p"), size);
        QVERIFY(!psnrLine.isEmpty() && !ssimLine.isEmpty());
        auto s = scorePlanes({y, u, v}, {y2, u2, v2}, 255.0, {"y", "u", "v"});
        QVERIFY(s.ok());
        qInfo("ours PSNR %.4f SSIM %.5f | %s | %s", s->psnr, s->ssim, qPrintable(psnrLine), qPrintable(ssimLine));
        QVERIFY(std::abs(s->psnr - field(psnrLine, QStringLiteral("average"))) < 0.01);
        QVERIFY(std::abs(s->planes[0].psnr - field(psnrLine, QStringLiteral("y"))) < 0.01);
        QVERIFY(std::abs(s->planes[1].psnr - field(psnrLine, QStringLiteral("u"))) < 0.01);
        QVERIFY(std::abs(s->ssim - field(ssimLine, QStringLiteral("All"))) < 0.001);
        QVERIFY(std::abs(s->planes[0].ssim - field(ssimLine, QStringLiteral("Y"))) < 0.001);
        QVERIFY(std::abs(s->planes[2].ssim - field(ssimLine, QStringLiteral("V"))) < 0.001);
    }

    void agreesWithFfmpegOn10Bit() {
        if (!test::haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const cv::Size size(160, 96);
        cv::Mat tex = test::texture(size, 0, 5), a, b, n(size, CV_32FC3);
        tex.convertTo(a, CV_16U, 4.0);  // 10-bit range
        cv::RNG(9).fill(n, cv::RNG::NORMAL, 0, 12);
        cv::Mat bf = tex * 4.0 + n;
        bf.convertTo(b, CV_16U);
        cv::min(a, 1023, a);
        cv::min(b, 1023, b);
        std::vector<cv::Mat> pa, pb;
        cv::split(a, pa);
        cv::split(b, pb);
        const QString fa = m_dir.filePath(QStringLiteral("a10")), fb = m_dir.filePath(QStringLiteral("b10"));
        writeRaw(fa, pa);
        writeRaw(fb, pb);
        const QString psnrLine = ffmpegSummary(QStringLiteral("psnr"), fa, fb, QStringLiteral("yuv444p10le"), size);
        const QString ssimLine = ffmpegSummary(QStringLiteral("ssim"), fa, fb, QStringLiteral("yuv444p10le"), size);
        QVERIFY(!psnrLine.isEmpty() && !ssimLine.isEmpty());
        auto s = scorePlanes(pa, pb, 1023.0, {"y", "u", "v"});
        qInfo("ours PSNR %.4f SSIM %.5f | %s | %s", s->psnr, s->ssim, qPrintable(psnrLine), qPrintable(ssimLine));
        QVERIFY(std::abs(s->psnr - field(psnrLine, QStringLiteral("average"))) < 0.01);
        QVERIFY(std::abs(s->ssim - field(ssimLine, QStringLiteral("All"))) < 0.001);
    }
};

QTEST_GUILESS_MAIN(MetricsTest)
#include "tst_metrics.moc"
