// rushes-cli probe, framemd5 and convert, driven as a user would. Skips where the CLI is not
// built (the sanitizer build has only the codecs library).
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>

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

#ifdef Q_OS_UNIX
// QProcess hands a child its arguments as QStrings, encoded as UTF-8, so a byte that is not UTF-8
// cannot pass through it. A shell script written byte for byte can: it runs rushes-cli with exactly
// `args`.
int runCliBytes(const QTemporaryDir& tmp, const QList<QByteArray>& args, QByteArray* out,
                QByteArray* err = nullptr) {
    QByteArray script = "exec \"$1\"";
    for (QByteArray a : args) script += " '" + a.replace('\'', "'\\''") + "'";
    QFile f(tmp.filePath(QStringLiteral("run-cli.sh")));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return -1;
    f.write(script + "\n");
    f.close();
    QProcess p;
    p.start(QStringLiteral("/bin/sh"), {f.fileName(), cliPath()});
    if (!p.waitForFinished(120000)) return -1;
    if (out) *out = p.readAllStandardOutput();
    if (err) *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}
#endif

}  // namespace

class CliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (!QFileInfo::exists(cliPath())) QSKIP("rushes-cli is not built in this configuration");
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
    }

    void framemd5AnyOrder() {
        if (ffmpegPath().isEmpty()) QSKIP("the ffmpeg binary is needed as the reference");
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

    // A POSIX file name is bytes and need not be UTF-8: a Latin-1 name from an old Windows share
    // (caf\xe9.mov). probe, framemd5, convert, process and compare open and write such names byte for
    // byte, in folders named so too, and print them with \xNN for each such byte.
    void namesThatAreNotUtf8() {
#ifndef Q_OS_UNIX
        QSKIP("file names here are UTF-16; QProcess passes them to rushes-cli as they are");
#else
        namespace fs = std::filesystem;
        QTemporaryDir tmp;
        const QByteArray dir = QFile::encodeName(tmp.path()) + '/';
        // QTemporaryDir cannot remove what Qt cannot name; std::filesystem can.
        const auto removeAll = qScopeGuard([&dir] {
            std::error_code ec;
            fs::remove_all(dir.toStdString(), ec);
        });
        const QString source = mediaDir() + "/video/flower.mp4";
        const QByteArray movie = dir + "caf\xe9.mov";
        fs::copy_file(QFile::encodeName(source).toStdString(), movie.toStdString());
        QByteArray out, err, plain;

        QCOMPARE(runCliBytes(tmp, {"probe", movie}, &out, &err), 0);
        QVERIFY2(out.contains("File:          " + dir + "caf\\xe9.mov\n"), out.constData());
        QVERIFY2(out.contains("Frames:        150 "), out.constData());
        QCOMPARE(runCliBytes(tmp, {"probe", movie, "--json"}, &out), 0);
        QCOMPARE(QJsonDocument::fromJson(out).object()["path"].toString(),
                 QString::fromUtf8(dir + "caf\\xe9.mov"));
        // The same frames as the same file under its plain name.
        QCOMPARE(runCliBytes(tmp, {"framemd5", movie, "--frames", "0,75,149"}, &out), 0);
        QCOMPARE(runCli({"framemd5", source, "--frames", "0,75,149"}, &plain), 0);
        QCOMPARE(out.count('\n'), 3);
        QCOMPARE(out, plain);

        // A PNG sequence written into a folder named so, read back by pattern and by one frame's name.
        const QByteArray folder = dir + "r\xe9sum\xe9/";
        fs::create_directory(folder.toStdString());
        QCOMPARE(runCliBytes(tmp, {"convert", movie, folder + "pr\xe9.png", "--frames", "0-2"}, &out, &err),
                 0);
        QVERIFY2(err.contains("wrote 3 frames to " + dir + "r\\xe9sum\\xe9/pr\\xe9.%04d.png"),
                 err.constData());
        for (const char* n : {"0000", "0001", "0002"})
            QVERIFY2(fs::is_regular_file((folder + "pr\xe9." + n + ".png").toStdString()), n);
        QCOMPARE(runCli({"convert", source, tmp.filePath("plain.png"), "--frames", "0-2"}, &out), 0);
        QCOMPARE(runCli({"framemd5", tmp.filePath("plain.%04d.png")}, &plain), 0);
        QCOMPARE(plain.count('\n'), 3);
        QCOMPARE(runCliBytes(tmp, {"framemd5", folder + "pr\xe9.%04d.png"}, &out), 0);
        QCOMPARE(out, plain);
        QCOMPARE(runCliBytes(tmp, {"framemd5", folder + "pr\xe9.0001.png"}, &out), 0);
        QCOMPARE(out, plain);

        // process: a movie to a movie and a sequence to a sequence, every name with such a byte.
        const QByteArray denoised = dir + "d\xe9nois\xe9.mov";
        QCOMPARE(runCliBytes(tmp, {"process", movie, "-o", denoised, "--frames", "0-4", "--denoise", "2"},
                             &out, &err),
                 0);
        QVERIFY2(out.startsWith(dir + "d\\xe9nois\\xe9.mov: 5 frames in, 5 frames out"), out.constData());
        QVERIFY(fs::is_regular_file(denoised.toStdString()));
        QCOMPARE(runCliBytes(tmp,
                             {"process", folder + "pr\xe9.%04d.png", "-o", folder + "d\xe9.%04d.png",
                              "--denoise", "2"},
                             &out, &err),
                 0);
        QVERIFY2(out.startsWith(dir + "r\\xe9sum\\xe9/d\\xe9.%04d.png: 3 frames in, 3 frames out"),
                 out.constData());
        int written = 0;
        for (const auto& e : fs::directory_iterator(folder.toStdString()))
            written += e.path().filename().string().rfind("d\xe9.", 0) == 0;
        QCOMPARE(written, 3);
        QCOMPARE(runCliBytes(tmp, {"compare", movie, denoised, "--json"}, &out, &err), 0);
        const QJsonObject compared = QJsonDocument::fromJson(out).object();
        QCOMPARE(compared["a"].toString(), QString::fromUtf8(dir + "caf\\xe9.mov"));
        QCOMPARE(compared["b"].toString(), QString::fromUtf8(dir + "d\\xe9nois\\xe9.mov"));
        QVERIFY2(compared["mean"].toObject()["psnr"].toDouble() > 30, out.constData());

        // The recipe and budget files too (read and written by their bytes, not through QFile).
        const QByteArray recipe = dir + "r\xe9glage.json";
        QCOMPARE(runCliBytes(tmp,
                             {"process", movie, "-o", dir + "r\xe9.mov", "--frames", "0-1", "--denoise", "2",
                              "--save-recipe", recipe},
                             &out, &err),
                 0);
        QVERIFY(fs::is_regular_file(recipe.toStdString()));
        QCOMPARE(runCliBytes(tmp,
                             {"process", movie, "-o",
                              dir + "r\xe9"
                                    "2.mov",
                              "--frames", "0-1", "--recipe", recipe},
                             &out, &err),
                 0);
        const QByteArray budget = dir + "co\xfbt.json";
        QCOMPARE(runCliBytes(tmp, {"budget", "--example"}, &out, &err), 0);
        {
            std::ofstream f(budget.toStdString(), std::ios::binary);
            f.write(out.constData(), out.size());
        }
        QCOMPARE(runCliBytes(tmp, {"budget", budget, "--json"}, &out, &err), 0);
        QVERIFY2(QJsonDocument::fromJson(out).isObject(), out.constData());
        QVERIFY(runCliBytes(tmp, {"budget", dir + "gone\xfb.json"}, &out, &err) != 0);
        QVERIFY2(err.contains(dir + "gone\\xfb.json: cannot read: "), err.constData());

        // Errors name the file printably, on one line.
        QVERIFY(runCliBytes(tmp, {"probe", dir + "gone\xe9.mov"}, &out, &err) != 0);
        QCOMPARE(err.trimmed(), dir + "gone\\xe9.mov: no such file");
        QVERIFY(runCliBytes(tmp, {"convert", movie, movie}, &out, &err) != 0);
        QVERIFY2(err.contains(": the output is the input's file " + dir + "caf\\xe9.mov: "), err.constData());
        QVERIFY(!err.contains('\xe9'));

        // Bytes near UTF-8 but not it (a lone lead byte, an encoded surrogate, an overlong '/', 0xff)
        // beside valid 4-byte UTF-8 and a real U+FFFD: each kept exactly.
        const QByteArray odd = dir + "x\xc3 \xed\xb2\x80 \xc0\xaf \xf0\x9f\x8e\xac \xef\xbf\xbd \xff.mov";
        fs::copy_file(QFile::encodeName(source).toStdString(), odd.toStdString());
        QCOMPARE(runCliBytes(tmp, {"probe", odd}, &out, &err), 0);
        QVERIFY2(out.contains("File:          " + dir +
                              "x\\xc3 \\xed\\xb2\\x80 \\xc0\\xaf \xf0\x9f\x8e\xac \xef\xbf\xbd \\xff.mov\n"),
                 out.constData());
        // Nothing was written under a name whose bytes became U+FFFD on the way.
        for (const auto& e : fs::recursive_directory_iterator(dir.toStdString()))
            QVERIFY2(
                e.path() == odd.toStdString() || e.path().string().find("\xef\xbf\xbd") == std::string::npos,
                e.path().c_str());
#endif
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
