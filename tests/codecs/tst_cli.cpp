// rushes-cli probe, framemd5 and convert, driven as a user would. Skips where the CLI is not
// built (the sanitizer build has only the codecs library).
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "MediaTestSupport.h"
#include "rushes/codecs/MediaReader.h"

using namespace rushes::test;

namespace {

QString cliPath() { return QStringLiteral(RUSHES_BINARY_DIR "/app/rushes-cli"); }

int runCli(const QStringList& args, QByteArray* out, QByteArray* err = nullptr) {
    QProcess p;
    p.start(cliPath(), args);
    if (!p.waitForFinished(120000)) return -1;
    if (out) *out = p.readAllStandardOutput();
    if (err) *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

}  // namespace

class CliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (!QFileInfo::exists(cliPath())) QSKIP("rushes-cli is not built in this configuration");
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        if (ffmpegPath().isEmpty()) QSKIP("the ffmpeg binary is needed as the reference");
    }

    void framemd5AnyOrder() {
        const QString file = mediaDir() + "/video/friday.mp4";
        const QStringList expected = ffmpegFrameMd5(file);
        QByteArray out;
        QCOMPARE(runCli({"framemd5", file, "--frames", "37,5,120,0,184"}, &out), 0);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        const int order[] = {37, 5, 120, 0, 184};
        for (int k = 0; k < 5; ++k)
            QCOMPARE(QString::fromLatin1(lines[k]), QStringLiteral("%1, %2").arg(order[k]).arg(expected[order[k]]));
    }

    void probeJson() {
        QByteArray out;
        QCOMPARE(runCli({"probe", mediaDir() + "/video/Dinky_2015-06-11.m4v", "--json"}, &out), 0);
        const QJsonObject o = QJsonDocument::fromJson(out).object();
        QCOMPARE(o["frameRate"].toString(), QStringLiteral("24000/1001"));
        QCOMPARE(o["frameCount"].toInteger(), 775);
        QCOMPARE(o["colour"].toObject()["range"].toString(), QStringLiteral("pc"));
        QCOMPARE(o["width"].toInt(), 320);
        QCOMPARE(o["audio"].toArray().size(), 1);
        QByteArray human;
        QCOMPARE(runCli({"probe", mediaDir() + "/exr/Carrots.exr"}, &human), 0);
        QVERIFY(human.contains("aces-ap0"));
        QVERIFY(human.contains("0.7347"));
    }

    // A truncated movie: probe says so (and how many frames the container lists), in words and in
    // --json; framemd5 hashes the frames that are there and warns on stderr.
    void probeTruncated() {
        QTemporaryDir tmp;
        const QString source = mediaDir() + "/video/flower.mp4";
        QFile in(source);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray all = in.readAll();
        const QString cut = tmp.filePath("cut.mp4");
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(all.left(all.size() * 60 / 100));
        out.close();
        QByteArray json, human, err;
        QCOMPARE(runCli({"probe", cut, "--json"}, &json), 0);
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        QVERIFY(o["truncated"].toBool());
        QCOMPARE(o["listedFrameCount"].toInteger(), 150);
        QVERIFY(!o["listedFrameCountEstimated"].toBool());
        const qint64 n = o["frameCount"].toInteger();
        QVERIFY2(n > 60 && n < 150, qPrintable(QString::number(n)));
        const QJsonArray warnings = o["warnings"].toArray();
        QCOMPARE(warnings.size(), 1);
        const QString warning = QStringLiteral(
                                    "%1: truncated: the data ends after %2 of the 150 frames the container "
                                    "lists (frames %2-149 are missing)")
                                    .arg(cut)
                                    .arg(n);
        QCOMPARE(warnings[0].toString(), warning);
        QCOMPARE(runCli({"probe", cut}, &human), 0);
        QVERIFY2(
            human.contains(QStringLiteral("Frames:        %1 (first 0), truncated: the container lists 150\n")
                               .arg(n)
                               .toUtf8()),
            human.constData());
        QVERIFY2(human.contains(("Warning:       " + warning + "\n").toUtf8()), human.constData());
        QByteArray hashes;
        QCOMPARE(runCli({"framemd5", cut}, &hashes, &err), 0);
        QCOMPARE(hashes.trimmed().count('\n') + 1, n);
        QCOMPARE(err.trimmed(), ("rushes-cli framemd5: warning: " + warning).toUtf8());
        // A whole file: no warning, an empty list in --json.
        QCOMPARE(runCli({"probe", source, "--json"}, &json), 0);
        QVERIFY(!QJsonDocument::fromJson(json).object()["truncated"].toBool());
        QVERIFY(QJsonDocument::fromJson(json).object()["warnings"].toArray().isEmpty());
        QCOMPARE(runCli({"probe", source}, &human), 0);
        QVERIFY(!human.contains("Warning:"));
        QVERIFY(!human.contains("truncated"));
    }

    void convertAndErrors() {
        QTemporaryDir tmp;
        QByteArray out, err;
        const QString mov = tmp.filePath("clip.mov");
        QCOMPARE(runCli({"convert", mediaDir() + "/video/flower.mp4", mov, "--codec", "prores", "--frames", "10-19"}, &out), 0);
        QCOMPARE(runCli({"probe", mov, "--json"}, &out), 0);
        QCOMPARE(QJsonDocument::fromJson(out).object()["frameCount"].toInteger(), 10);
        QCOMPARE(runCli({"convert", mediaDir() + "/seq/flower_dpx10/flower.0001.dpx", tmp.filePath("f.dpx")}, &out), 0);
        // DPX 10-bit to DPX 10-bit is lossless: the same hashes as the source.
        QByteArray a, b;
        QCOMPARE(runCli({"framemd5", tmp.filePath("f.%04d.dpx")}, &a), 0);
        QCOMPARE(runCli({"framemd5", mediaDir() + "/seq/flower_dpx10/flower.%04d.dpx"}, &b), 0);
        QCOMPARE(a, b);
        // The sound travels with the frames it belongs to: frames 24-47 of a 24 fps clip with 24-bit
        // PCM carry the source's samples of seconds 1 to 2, exactly.
        const QString master = mediaDir() + "/movie-masters/friday_3s_prores422hq_pcm24.mov";
        const QString cut = tmp.filePath("cut.mov");
        QCOMPARE(runCli({"convert", master, cut, "--codec", "dnxhr", "--frames", "24-47"}, &out), 0);
        {
            auto src = rushes::codecs::openMedia(master.toStdString());
            auto dst = rushes::codecs::openMedia(cut.toStdString());
            QVERIFY(src.ok() && dst.ok());
            QCOMPARE((*dst)->info().audio.size(), size_t(1));
            const auto& fr = (*src)->info().frameRate;
            const int rate = (*src)->info().audio[0].sampleRate;
            const int64_t from = int64_t(std::llround(24.0 * rate * double(fr.den) / double(fr.num)));
            const int64_t count = int64_t(std::llround(24.0 * rate * double(fr.den) / double(fr.num)));
            auto a = (*src)->readAudio(0, from, count, rate);
            auto b = (*dst)->readAudio(0, 0, count, rate);
            QVERIFY(a.ok() && b.ok());
            double worst = 0, energy = 0;
            for (size_t i = 0; i < a->samples.size(); ++i) {
                worst = std::max(worst, double(std::abs(a->samples[i] - b->samples[i])));
                energy += double(a->samples[i]) * a->samples[i];
            }
            QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
            QVERIFY(energy > 0);  // not silence against silence
        }
        // Failures: non-zero, one line on stderr naming the file.
        const QString missing = tmp.filePath("nothing.mov");
        QVERIFY(runCli({"probe", missing}, &out, &err) != 0);
        QCOMPARE(err.trimmed().count('\n'), 0);
        QVERIFY(err.contains(missing.toUtf8()));
        QVERIFY(err.contains("no such file"));
        QVERIFY(runCli({"framemd5", mediaDir() + "/video/friday.mp4", "--frames", "999"}, &out, &err) != 0);
        QVERIFY(err.contains("out of range"));
        QVERIFY(runCli({"convert", mediaDir() + "/video/friday.mp4", tmp.filePath("x.mov"), "--frames", "5-900"}, &out, &err) != 0);
        QVERIFY(err.contains("bad frame range"));
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
