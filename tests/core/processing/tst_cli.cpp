// rushes-cli process / compare / bench end to end: clear errors for bad settings, progress and
// backend on stderr, every shared clip processed and compared with its source, the damaged files
// refused by name, the bench's JSON schema, outputs that would write over their input refused, a
// failed run keeping the earlier output, and Ctrl+C or SIGTERM leaving only complete frames.
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

#include "PhotonNoiseSequence.h"

class CliTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_long;  // the 40-frame sequence the interruption cases share

    struct Run {
        int code = -1;
        QString out, err;
    };
    static Run cli(const QStringList& args, int timeoutMs = 90000) {
        QProcess p;
        p.start(QStringLiteral(RUSHES_CLI), args);
        p.waitForFinished(timeoutMs);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    // `rushes-cli compare A B --json`'s mean PSNR.
    static double meanPsnr(const QString& a, const QString& b) {
        const Run c = cli({"compare", a, b, "--json"});
        return QJsonDocument::fromJson(c.out.toUtf8())
            .object()
            .value(QStringLiteral("mean"))
            .toObject()
            .value(QStringLiteral("psnr"))
            .toDouble();
    }
    // The first frame's scores in `rushes-cli compare --json`'s output (psnr null: identical frames).
    static QJsonObject firstFrameScores(const QString& json) {
        return QJsonDocument::fromJson(json.toUtf8())
            .object()
            .value(QStringLiteral("frames"))
            .toArray()
            .first()
            .toObject();
    }
    static bool haveFfmpeg() { return !QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty(); }
    QString makeSequence(const QString& name, const QString& size, int frames, const QString& pixFmt = {}) {
        QDir().mkpath(m_dir.filePath(name));
        const QString pattern = m_dir.filePath(name + QStringLiteral("/s.%04d.png"));
        QStringList args = QStringLiteral("-v error -nostdin -y -f lavfi -i").split(QLatin1Char(' '));
        args << QStringLiteral("testsrc2=size=%1:rate=24").arg(size) << QStringLiteral("-frames:v")
             << QString::number(frames) << QStringLiteral("-start_number") << QStringLiteral("1");
        if (!pixFmt.isEmpty()) args << QStringLiteral("-pix_fmt") << pixFmt;
        QProcess p;
        p.start(QStringLiteral("ffmpeg"), args << pattern);
        p.waitForFinished(60000);
        return p.exitCode() == 0 ? pattern : QString();
    }

private slots:
    void badSettings_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("factor 0") << QStringList{"process", "in.mov", "-o", "o.%04d.png", "--retime", "0"} << "must be greater than 0";
        QTest::newRow("negative sigma") << QStringList{"process", "in.mov", "-o", "o.%04d.png", "--denoise", "-3"} << "sigma must be >= 0";
        QTest::newRow("bad backend") << QStringList{"process", "in.mov", "-o", "o.%04d.png", "--backend", "cuda"} << "auto, cpu or opencl";
        QTest::newRow("bad frames") << QStringList{"process", "in.mov", "-o", "o.%04d.png", "--frames", "9-2"} << "A-B";
        QTest::newRow("no output") << QStringList{"process", "in.mov"} << "usage";
        QTest::newRow("unreadable recipe") << QStringList{"process", "in.mov", "-o", "o.%04d.png", "--recipe", "/nonexistent/r.json"}
                                           << "/nonexistent/r.json: cannot read recipe";
        QTest::newRow("missing input") << QStringList{"process", "/nonexistent/in.mov", "-o", "o.%04d.png", "--retime", "2"} << "/nonexistent/in.mov";
        QTest::newRow("compare one file") << QStringList{"compare", "a.mov"} << "usage";
        QTest::newRow("recipe saved over media")
            << QStringList{"process", "in.mov", "-o", "o.mov", "--retime", "2", "--save-recipe", "in.mov"}
            << "needs a .json file name";
        QTest::newRow("fps below 1") << QStringList{"process", "in.mov", "-o", "o.mov", "--fps", "0.001"}
                                     << "fps must be in [1, 1000], got 0.001";
        QTest::newRow("tiny factor") << QStringList{"process", "in.mov", "-o", "o.mov", "--retime", "1e-9"}
                                     << "factor must be in [1/64, 64], got 1e-09";
        QTest::newRow("bench size") << QStringList{"bench", "--size", "99999x99999"}
                                    << "from 64x64 to 8192x8192";
        QTest::newRow("bench repeats")
            << QStringList{"bench", "--repeats", "0"} << "--repeats needs a whole number";
    }
    void badSettings() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QVERIFY2(r.code != 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    void processAndCompare() {
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString src = makeSequence(QStringLiteral("a"), QStringLiteral("160x96"), 5);
        QVERIFY(!src.isEmpty());
        QDir().mkpath(m_dir.filePath(QStringLiteral("o")));
        const QString out = m_dir.filePath(QStringLiteral("o/p.%04d.png"));
        const QString recipe = m_dir.filePath(QStringLiteral("saved.json"));
        Run r = cli({"process", src, "-o", out, "--retime", "2", "--denoise", "auto", "--backend", "cpu", "--save-recipe", recipe});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("backend: cpu")));
        QVERIFY(r.err.contains(QStringLiteral("frame 9/9")));
        QVERIFY2(r.err.contains(QStringLiteral("denoise: noise sigma ")) &&
                     r.err.contains(QStringLiteral("(auto: ")) &&
                     r.err.contains(QStringLiteral("estimated from the first frames made")),
                 qPrintable(r.err));
        QCOMPARE(QDir(m_dir.filePath(QStringLiteral("o"))).entryList(QDir::Files).size(), 9);
        // The saved recipe reproduces the run byte for byte.
        QDir().mkpath(m_dir.filePath(QStringLiteral("o2")));
        r = cli({"process", src, "-o", m_dir.filePath(QStringLiteral("o2/p.%04d.png")), "--recipe", recipe, "--backend", "cpu"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (int i = 1; i <= 9; ++i) {
            const QString n = QStringLiteral("p.%1.png").arg(i, 4, 10, QLatin1Char('0'));
            QFile a(m_dir.filePath(QStringLiteral("o/") + n)), b(m_dir.filePath(QStringLiteral("o2/") + n));
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QCOMPARE(a.readAll(), b.readAll());
        }
        // Output vs source: frames 0, 2, 4 ... of the output are the (denoised) inputs.
        r = cli({"compare", src, out, "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j.value(QStringLiteral("frames")).toArray().size(), 5);
        QVERIFY(j.value(QStringLiteral("mean")).toObject().value(QStringLiteral("ssim")).toDouble() > 0.5);
        r = cli({"compare", src, src, "--csv"});
        QVERIFY(r.out.startsWith(QStringLiteral("frame,psnr,ssim,mse\n0,inf,1.000000,0.000000")));
    }

    // Every clip and sequence of ../shared/media through process (retime 2x and automatic denoise, as
    // a dailies pass would run): five frames out of three, at the source's size on the frame process
    // places it on, and the first output frame (the first source frame, denoised) close to the source
    // by compare; each still EXR denoised alone to an EXR.
    void everySharedInput_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output");  // pattern, in a folder of its own
        QTest::addColumn<int>("frames");
        const QString m = QStringLiteral(RUSHES_MEDIA_DIR) + QLatin1Char('/');
        for (const char* clip :
             {"video/flower.mp4", "video/flower.webm", "video/friday.mp4", "video/PSR63_2012-06-02.mov",
              "video/Dinky_2015-06-11.m4v", "movie-masters/friday_3s_prores422hq_pcm24.mov",
              "movie-masters/flower_2s_dnxhr_sq.mov", "movie-masters/flower_10f_960x540_420p.y4m",
              "seq/flower_dpx10/flower.0001.dpx", "seq/BART/BART_2021-02-07.0001.png",
              "exr/Beachball/singlepart.0001.exr"})
            QTest::newRow(clip) << m + QLatin1String(clip) << QStringLiteral("f.%04d.png") << 5;
        for (const char* still : {"exr/StillLife.exr", "exr/Desk.exr", "exr/Cannon.exr", "exr/Carrots.exr",
                                  "exr/Bonita.exr", "exr/Flowers.exr", "exr/Rec709.exr"})
            QTest::newRow(still) << m + QLatin1String(still) << QStringLiteral("f.%04d.exr") << 1;
    }
    void everySharedInput() {
        QFETCH(QString, input);
        QFETCH(QString, output);
        QFETCH(int, frames);
        if (!QFileInfo::exists(input))
            QSKIP(qPrintable(input + QStringLiteral(" not found (../shared/media is absent)")));
        const QString dir = m_dir.filePath(
            QStringLiteral("every/") +
            QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char('/'), QLatin1Char('_')));
        QVERIFY(QDir().mkpath(dir));
        const QString out = dir + QLatin1Char('/') + output;
        QStringList args{"process", input,       "-o",   out,         "--retime",
                         "2",       "--denoise", "auto", "--backend", "cpu"};
        if (frames > 1) args << QStringLiteral("--frames") << QStringLiteral("0-2");
        Run r = cli(args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("frame %1/%1").arg(frames)), qPrintable(r.err));
        // The clips are clean or lightly noisy (sigma 0-2.3): no clip's compression blocks are taken
        // for grain (PSR63's were, before the label required the spaced search taken for it).
        QVERIFY2(r.err.contains(QStringLiteral("3x3 search (auto: estimated")), qPrintable(r.err));
        QCOMPARE(QDir(dir).entryList(QDir::Files).size(), frames);
        r = cli({"compare", input, out, "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));  // also: the same size
        const QJsonArray scores =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("frames")).toArray();
        QVERIFY(!scores.isEmpty());
        const QJsonObject first = scores.first().toObject();
        const bool same = first.value(QStringLiteral("psnr")).isNull();  // JSON's null: identical frames
        const double psnr = same ? qInf() : first.value(QStringLiteral("psnr")).toDouble();
        qInfo("%s: first output frame against the source: PSNR %s dB, SSIM %.4f",
              qPrintable(QFileInfo(input).fileName()),
              same ? "inf" : qPrintable(QString::number(psnr, 'f', 2)),
              first.value(QStringLiteral("ssim")).toDouble());
        QVERIFY2(psnr > 35.0 && first.value(QStringLiteral("ssim")).toDouble() > 0.95,
                 qPrintable(r.out.left(400)));
    }

    // Each file of ../shared/media/damaged (fuzzed and truncated EXRs) is refused with an error that
    // names it, and rushes-cli exits normally (no crash, no hang).
    void damagedSharedFilesAreRefused() {
        const QDir damaged(QStringLiteral(RUSHES_MEDIA_DIR "/damaged"));
        if (!damaged.exists()) QSKIP("../shared/media/damaged is absent");
        const QString dir = m_dir.filePath(QStringLiteral("damaged"));
        QVERIFY(QDir().mkpath(dir));
        int tried = 0;
        for (const QFileInfo& f : damaged.entryInfoList(QDir::Files, QDir::Name)) {
            if (f.suffix() == QLatin1String("rst")) continue;  // the folder's README
            QProcess p;
            p.start(QStringLiteral(RUSHES_CLI),
                    {"process", f.filePath(), "-o", dir + QStringLiteral("/d.%04d.png"), "--retime", "2"});
            QVERIFY2(p.waitForFinished(60000),
                     qPrintable(f.fileName() + QStringLiteral(": no answer in 60 s")));
            const QString err = QString::fromUtf8(p.readAllStandardError());
            QVERIFY2(p.exitStatus() == QProcess::NormalExit,
                     qPrintable(f.fileName() + QStringLiteral(": crashed")));
            QVERIFY2(p.exitCode() != 0, qPrintable(f.fileName() + QStringLiteral(": accepted")));
            QVERIFY2(err.contains(f.fileName()), qPrintable(f.fileName() + QStringLiteral(": ") + err));
            ++tried;
        }
        QVERIFY(tried > 0);
        qInfo("%d damaged files refused, each by name", tried);
    }

    // ffprobe's pixel format of an image.
    static QString pixelFormat(const QString& path) {
        QProcess p;
        p.start(QStringLiteral("ffprobe"),
                {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                 QStringLiteral("stream=pix_fmt"), QStringLiteral("-of"), QStringLiteral("csv=p=0"), path});
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }

    // A gray sequence stays gray (8 and 16 bits, PNG and TIFF), and RGBA keeps its alpha: the output
    // carries the source's channels, the first frame (denoised) close to the source's.
    void outputKeepsTheSourcesChannels_data() {
        QTest::addColumn<QString>("pixFmt");
        QTest::addColumn<QString>("outExt");
        QTest::addColumn<QStringList>("expected");  // ffprobe's names: PNG is big-endian, TIFF little
        QTest::newRow("gray png") << QStringLiteral("gray") << QStringLiteral("png") << QStringList{"gray"};
        QTest::newRow("gray16 png") << QStringLiteral("gray16be") << QStringLiteral("png")
                                    << QStringList{"gray16be"};
        QTest::newRow("gray16 tif") << QStringLiteral("gray16be") << QStringLiteral("tif")
                                    << QStringList{"gray16le"};
        QTest::newRow("rgba png") << QStringLiteral("rgba") << QStringLiteral("png") << QStringList{"rgba"};
        QTest::newRow("rgb48 png") << QStringLiteral("rgb48be") << QStringLiteral("png")
                                   << QStringList{"rgb48be"};
    }
    void outputKeepsTheSourcesChannels() {
        QFETCH(QString, pixFmt);
        QFETCH(QString, outExt);
        QFETCH(QStringList, expected);
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString name = QStringLiteral("ch_") + pixFmt + QLatin1Char('_') + outExt;
        const QString src = makeSequence(name, QStringLiteral("160x96"), 3, pixFmt);
        QVERIFY(!src.isEmpty());
        QCOMPARE(pixelFormat(QString(src).replace(QStringLiteral("%04d"), QStringLiteral("0001"))), pixFmt);
        const QString outDir = m_dir.filePath(name + QStringLiteral("_out"));
        QVERIFY(QDir().mkpath(outDir));
        const QString out = outDir + QStringLiteral("/o.%04d.") + outExt;
        Run r = cli({"process", src, "-o", out, "--retime", "2", "--denoise", "auto", "--backend", "cpu"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QDir(outDir).entryList(QDir::Files).size(), 5);
        for (int i = 1; i <= 5; ++i)
            QVERIFY2(expected.contains(pixelFormat(QString(out).replace(
                         QStringLiteral("%04d"), QStringLiteral("%1").arg(i, 4, 10, QLatin1Char('0'))))),
                     qPrintable(QStringLiteral("frame %1").arg(i)));
        r = cli({"compare", src, out, "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject first = firstFrameScores(r.out);
        QVERIFY2(first.value(QStringLiteral("psnr")).isNull() ||
                     first.value(QStringLiteral("psnr")).toDouble() > 35.0,
                 qPrintable(r.out.left(300)));
    }

    // "auto" on grain (ffmpeg's temporal noise, blurred by 0.8 px, over its testsrc2 pattern, whose
    // moving detail the alignment cannot always follow): the estimate reads grain, takes the search
    // with its candidates 2 px apart, and the result is 3.8 dB closer to the clean frames than the
    // grainy ones (measured; 3.6 with the 5x5 search grain took before).
    // Scoring strengths on misaligned blocks too chose a strength half again as high: +2.0 dB.
    void autoDenoiseOfGrain() {
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString clean = makeSequence(QStringLiteral("gc"), QStringLiteral("320x180"), 6);
        QVERIFY(!clean.isEmpty());
        QDir().mkpath(m_dir.filePath(QStringLiteral("gg")));
        const QString grainy = m_dir.filePath(QStringLiteral("gg/g.%04d.png"));
        QProcess p;
        p.start(QStringLiteral("ffmpeg"),
                {"-v",
                 "error",
                 "-nostdin",
                 "-y",
                 "-framerate",
                 "24",
                 "-start_number",
                 "1",
                 "-i",
                 clean,
                 "-f",
                 "lavfi",
                 "-i",
                 "color=c=0x808080:s=320x180:r=24,format=gray,noise=alls=40:allf=t,gblur=sigma=0.8",
                 "-filter_complex",
                 "[0:v]format=rgb24[a];[1:v]format=rgb24[n];[a][n]blend=all_expr='clip(A+(B-128),0,255)'",
                 "-frames:v",
                 "6",
                 "-start_number",
                 "1",
                 grainy});
        QVERIFY(p.waitForFinished(60000) && p.exitCode() == 0);
        const QString out = m_dir.filePath(QStringLiteral("go/o.%04d.png"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("go")));
        Run r = cli({"process", grainy, "-o", out, "--denoise", "auto", "--backend", "cpu"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("3x3 search 2 px apart (auto: grain, estimated")),
                 qPrintable(r.err));
        const double before = meanPsnr(grainy, clean), after = meanPsnr(out, clean);
        qInfo("grain: %.2f dB, auto: %.2f dB (%s)", before, after,
              qPrintable(r.err.section(QLatin1Char('\n'), -2)));
        QVERIFY(before > 20 && before < 30);
        QVERIFY(after > before + 3.0);
    }

    // "auto" on noise that grows with brightness (PhotonNoiseSequence.h: ffmpeg's temporal noise, of
    // deviation 29 at mid-grey, scaled by sqrt(level / 128) per pixel as a sensor's photon noise is, over
    // testsrc2's patches of many levels): the estimate reads it so, says so with its sigma at mid-grey,
    // and denoises it through the stabilising transform.
    // - Brought into 32..223 as a camera's levels are, no channel at black: 20.0 dB to 27.3 (measured;
    //   the best of uniform strengths 8 to 22 is 28.1 at 12, uniform "auto" 27.7).
    // - testsrc2's own levels, whose saturated colours leave channels at 0 and 255 without noise: 21.3 dB
    //   to 24.8 (measured; uniform strengths 12, 17 and 22 give 25.1, 24.7 and 24.2, nlmeans at 13.6
    //   24.4). Before each channel's noise was read against its own level and clipped blocks were left out
    //   of the reading, it read uniform noise of 7.2 from the clipped flat patches: 23.6 dB.
    void autoDenoiseOfPhotonNoise_data() {
        QTest::addColumn<bool>("fullRange");
        QTest::addColumn<double>("gain");
        QTest::newRow("camera levels") << false << 6.0;
        QTest::newRow("saturated colours") << true << 3.2;
    }
    void autoDenoiseOfPhotonNoise() {
        QFETCH(bool, fullRange);
        QFETCH(double, gain);
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString tag = fullRange ? QStringLiteral("f") : QStringLiteral("p");
        for (const char* d : {"c", "n", "o"}) QDir().mkpath(m_dir.filePath(tag + QLatin1String(d)));
        const QString clean = m_dir.filePath(tag + QStringLiteral("c/c.%04d.png"));
        const QString noisy = m_dir.filePath(tag + QStringLiteral("n/n.%04d.png"));
        QVERIFY(rushes::tests::makePhotonNoiseSequence(clean, noisy, 6, fullRange));
        const QString out = m_dir.filePath(tag + QStringLiteral("o/o.%04d.png"));
        Run r = cli({"process", noisy, "-o", out, "--denoise", "auto", "--backend", "cpu"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("at mid-grey, growing with brightness (photon noise)")),
                 qPrintable(r.err));
        const double before = meanPsnr(noisy, clean), after = meanPsnr(out, clean);
        qInfo("photon noise: %.2f dB, auto: %.2f dB (%s)", before, after,
              qPrintable(r.err.section(QLatin1Char('\n'), -2)));
        QVERIFY(before > 18 && before < 22.5);
        QVERIFY(after > before + gain);
    }

    void compareMismatchedSizes() {
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString a = makeSequence(QStringLiteral("m1"), QStringLiteral("160x96"), 2);
        const QString b = makeSequence(QStringLiteral("m2"), QStringLiteral("128x96"), 2);
        const Run r = cli({"compare", a, b});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(QStringLiteral("sizes differ")) && r.err.contains(QStringLiteral("160x96")), qPrintable(r.err));
    }

    // An output that names the input's own files is refused before anything is written: the input's
    // bytes stay as they were (before, the movie was cut to its first bytes and the sequence's frames
    // and sound replaced).
    void outputOverInputIsRefused() {
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString seq = makeSequence(QStringLiteral("same"), QStringLiteral("160x96"), 3);
        QVERIFY(!seq.isEmpty());
        const QString movie = m_dir.filePath(QStringLiteral("same/m.mov"));
        Run r = cli({"convert", seq, movie});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QDir dir(m_dir.filePath(QStringLiteral("same")));
        const auto snapshot = [&dir] {
            QStringList sums;
            for (const QString& f : dir.entryList(QDir::Files, QDir::Name)) {
                QFile file(dir.filePath(f));
                if (!file.open(QIODevice::ReadOnly)) return QStringList{};
                sums << f + QLatin1Char(' ') +
                            QString::fromLatin1(
                                QCryptographicHash::hash(file.readAll(), QCryptographicHash::Md5).toHex());
            }
            return sums;
        };
        const QStringList before = snapshot();
        QCOMPARE(before.size(), 4);
        const QString relativeMovie = dir.filePath(QStringLiteral("../same/./m.mov"));
        const QList<QStringList> runs{
            {"process", movie, "-o", movie, "--retime", "2"},
            {"process", movie, "-o", relativeMovie, "--denoise", "4"},
            {"process", seq, "-o", dir.filePath(QStringLiteral("s.####.png")), "--retime", "2"},
            {"process", dir.filePath(QStringLiteral("s.0002.png")), "-o", seq, "--denoise", "4"},
            {"convert", movie, movie},
            {"convert", seq, dir.filePath(QStringLiteral("s.#.png"))},
        };
        for (const QStringList& args : runs) {
            r = cli(args);
            QVERIFY2(r.code == 1, qPrintable(args.join(QLatin1Char(' ')) + QLatin1String(": ") + r.err));
            QVERIFY2(r.err.contains(QStringLiteral("would destroy what is being read")), qPrintable(r.err));
            QCOMPARE(snapshot(), before);  // no byte changed, no temporary file left
        }
    }

    // A run that fails half way leaves no broken movie behind and keeps the earlier output of that name.
    void failedRunKeepsEarlierOutput() {
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString seq = makeSequence(QStringLiteral("fail"), QStringLiteral("160x96"), 6);
        QVERIFY(!seq.isEmpty());
        const QString out = m_dir.filePath(QStringLiteral("fail-out.mov"));
        Run r = cli({"process", seq, "-o", out, "--frames", "0-1"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile good(out);
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray earlier = good.readAll();
        good.close();
        QFile bad(m_dir.filePath(QStringLiteral("fail/s.0004.png")));
        QVERIFY(bad.open(QIODevice::WriteOnly | QIODevice::Truncate));
        bad.write("not a PNG");
        bad.close();
        r = cli({"process", seq, "-o", out, "--retime", "2"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("s.0004.png")), qPrintable(r.err));
        QVERIFY(good.open(QIODevice::ReadOnly));
        QVERIFY(good.readAll() == earlier);
        QVERIFY(!QFileInfo::exists(out + QStringLiteral(".part")));
    }

    // A frame of an image sequence that cannot be written (its name is a folder) stops the run with
    // the frame's name and the cause; the frames before it are whole and no temporary file is left.
    void unwritableSequenceFrameIsNamed() {
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString seq = makeSequence(QStringLiteral("unwritable"), QStringLiteral("160x96"), 4);
        QVERIFY(!seq.isEmpty());
        const QDir out(m_dir.filePath(QStringLiteral("unwritable-out")));
        QVERIFY(QDir().mkpath(out.filePath(QStringLiteral("f.0003.png"))));
        const Run r = cli({"process", seq, "-o", out.filePath(QStringLiteral("f.%04d.png"))});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(out.filePath(QStringLiteral("f.0003.png")) +
                                QStringLiteral(": cannot write the image: it is a folder")),
                 qPrintable(r.err));
        const QStringList files = out.entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QCOMPARE(files, (QStringList{"f.0001.png", "f.0002.png", "f.0003.png"}));
        const Run probe = cli({"probe", out.filePath(QStringLiteral("f.0002.png"))});
        QVERIFY2(probe.code == 0 && probe.out.contains(QStringLiteral("160x96")),
                 qPrintable(probe.out + probe.err));
    }

    // An image name without a frame-number pattern is one image: a still denoised to a still, one
    // frame of a movie grabbed to PNG, DPX or EXR (the same pixels as the sequence's frame, and no WAV
    // beside it); a pass that makes more frames is refused, naming the file, before anything is written.
    void singleImageOutputs() {
        const QString m = QStringLiteral(RUSHES_MEDIA_DIR) + QLatin1Char('/');
        if (!QFileInfo::exists(m + QStringLiteral("exr/Desk.exr"))) QSKIP("../shared/media is absent");
        const QDir dir(m_dir.filePath(QStringLiteral("single")));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("seq"))));
        const auto same = [&](const QString& a, const QString& b) {
            const Run c = cli({"compare", a, b, "--json"});
            const QJsonObject first = firstFrameScores(c.out);
            return c.code == 0 && first.contains(QStringLiteral("psnr")) &&
                   first.value(QStringLiteral("psnr")).isNull();  // identical frames
        };
        Run r = cli({"process", m + QStringLiteral("exr/Desk.exr"), "-o",
                     dir.filePath(QStringLiteral("desk.exr")), "--denoise", "5"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({"process", m + QStringLiteral("exr/Desk.exr"), "-o",
                 dir.filePath(QStringLiteral("seq/desk.%04d.exr")), "--denoise", "5"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(same(dir.filePath(QStringLiteral("desk.exr")),
                     dir.filePath(QStringLiteral("seq/desk.0001.exr"))));
        QVERIFY(
            !same(dir.filePath(QStringLiteral("desk.exr")), m + QStringLiteral("exr/Desk.exr")));  // denoised

        // Frame 12 of friday (which has sound) as PNG, DPX and EXR.
        const QString friday = m + QStringLiteral("video/friday.mp4");
        r = cli(
            {"process", friday, "--frames", "12-12", "-o", dir.filePath(QStringLiteral("seq/f.####.png"))});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const char* name : {"grab.png", "grab.dpx", "grab.exr"}) {
            r = cli({"process", friday, "--frames", "12-12", "-o", dir.filePath(QLatin1String(name))});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("frame 1/1")), qPrintable(r.err));
            QVERIFY2(r.out.contains(QStringLiteral(": 1 frame in, 1 frame out at 30 fps")),
                     qPrintable(r.out));
        }
        QVERIFY(
            same(dir.filePath(QStringLiteral("grab.png")), dir.filePath(QStringLiteral("seq/f.0001.png"))));
        const Run probe = cli({"probe", dir.filePath(QStringLiteral("grab.dpx"))});
        QVERIFY2(probe.code == 0 && probe.out.contains(QStringLiteral("640x480")), qPrintable(probe.out));
        QCOMPARE(dir.entryList(QDir::Files, QDir::Name),
                 (QStringList{"desk.exr", "grab.dpx", "grab.exr", "grab.png"}));  // no WAV, no .part

        // Two frames to one image: refused, nothing written.
        for (const char* name : {"two.png", "two.exr"}) {
            const QString out = dir.filePath(QLatin1String(name));
            r = cli({"process", friday, "--frames", "12-13", "-o", out});
            QCOMPARE(r.code, 1);
            const QString ext = QFileInfo(out).suffix();
            QVERIFY2(
                r.err.contains(out + QStringLiteral(": is one image, but the pass makes 2 frames: name a "
                                                    "sequence with a frame-number pattern (such as "
                                                    "name.####.%1) or choose one frame")
                                         .arg(ext)),
                qPrintable(r.err));
            QVERIFY(!QFileInfo::exists(out));
        }
        QCOMPARE(dir.entryList(QDir::Files).size(), 4);
    }

    void compareNamesAMissingFrame() {
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString a = makeSequence(QStringLiteral("full"), QStringLiteral("160x96"), 4);
        const QString b = makeSequence(QStringLiteral("hole"), QStringLiteral("160x96"), 4);
        QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("hole/s.0003.png"))));
        const Run r = cli({"compare", a, b});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(b + QStringLiteral(": frame 3 is missing")), qPrintable(r.err));
    }

    void benchJsonSchema() {
        const Run r = cli({"bench", "--json", "--repeats", "1", "--size", "320x180"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j.value(QStringLiteral("version")).toInt(), 1);
        const QJsonObject m = j.value(QStringLiteral("machine")).toObject();
        QVERIFY(!m.value(QStringLiteral("cpu")).toString().isEmpty());
        QVERIFY(m.value(QStringLiteral("cores")).toInt() >= 1);
        QVERIFY(m.contains(QStringLiteral("opencl_device")));
        QStringList seen;
        for (const QJsonValue& v : j.value(QStringLiteral("results")).toArray()) {
            const QJsonObject o = v.toObject();
            seen << o.value(QStringLiteral("operation")).toString() + QLatin1Char('/') + o.value(QStringLiteral("backend")).toString();
            QCOMPARE(o.value(QStringLiteral("width")).toInt(), 320);
            QVERIFY(o.value(QStringLiteral("fps")).toDouble() > 0);
            QVERIFY(std::abs(o.value(QStringLiteral("fps")).toDouble() * o.value(QStringLiteral("ms_per_frame")).toDouble() - 1000.0) < 1e-6);
        }
        QVERIFY(seen.contains(QStringLiteral("retime/cpu")) && seen.contains(QStringLiteral("denoise/cpu")) &&
                seen.contains(QStringLiteral("metrics/cpu")));
    }

    // Ctrl+C and SIGTERM (kill, timeout, a farm's job manager) stop after a complete frame: a sequence
    // holds only whole frames, a movie is closed and plays, no temporary file is left.
    void interruptLeavesOnlyCompleteFrames_data() {
        QTest::addColumn<int>("signal");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("output");
#ifdef Q_OS_UNIX
        QTest::newRow("SIGINT, PNG") << int(SIGINT) << 130 << QStringLiteral("i.%04d.png");
        QTest::newRow("SIGTERM, PNG") << int(SIGTERM) << 143 << QStringLiteral("i.%04d.png");
        QTest::newRow("SIGTERM, EXR") << int(SIGTERM) << 143 << QStringLiteral("i.####.exr");
        QTest::newRow("SIGTERM, movie") << int(SIGTERM) << 143 << QStringLiteral("i.mov");
#endif
    }
    void interruptLeavesOnlyCompleteFrames() {
#ifndef Q_OS_UNIX
        QSKIP("sending SIGINT to a child needs POSIX");
#else
        QFETCH(int, signal);
        QFETCH(int, code);
        QFETCH(QString, output);
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        if (m_long.isEmpty()) m_long = makeSequence(QStringLiteral("long"), QStringLiteral("640x360"), 40);
        const QString src = m_long;
        QVERIFY(!src.isEmpty());
        const QString outDir = m_dir.filePath(
            QStringLiteral("int-") +
            QString::fromLatin1(QTest::currentDataTag()).remove(QLatin1Char(' ')).remove(QLatin1Char(',')));
        QDir().mkpath(outDir);
        QProcess p;
        p.start(QStringLiteral(RUSHES_CLI), {"process", src, "-o", outDir + QLatin1Char('/') + output,
                                             "--retime", "4", "--denoise", "6", "--backend", "cpu"});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        while (!err.contains("frame 3/") && p.state() == QProcess::Running) {
            p.waitForReadyRead(200);
            err += p.readAllStandardError();
        }
        QVERIFY2(p.state() == QProcess::Running, err.constData());
        ::kill(pid_t(p.processId()), signal);
        QVERIFY(p.waitForFinished(60000));
        err += p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), code);
        QVERIFY(err.contains("interrupted"));
        const QStringList files = QDir(outDir).entryList(QDir::Files, QDir::Name);
        for (const QString& f : files) QVERIFY2(!f.contains(QStringLiteral(".part")), qPrintable(f));
        if (output.endsWith(QLatin1String(".mov"))) {
            QCOMPARE(files, QStringList{output});
            // The movie was closed: it opens and holds the frames made (at least the three seen).
            const Run probe = cli({"probe", QDir(outDir).filePath(output), "--json"});
            QVERIFY2(probe.code == 0, qPrintable(probe.err));
            const qint64 frames = QJsonDocument::fromJson(probe.out.toUtf8())
                                      .object()
                                      .value(QStringLiteral("frameCount"))
                                      .toInteger();
            QVERIFY2(frames >= 3 && frames < 157, qPrintable(QString::number(frames)));
            return;
        }
        QVERIFY(files.size() >= 3 && files.size() < 157);
        // Every frame written is whole: a PNG ends with its IEND chunk, an EXR decodes.
        for (const QString& f : files) {
            if (f.endsWith(QLatin1String(".wav"))) continue;
            if (f.endsWith(QLatin1String(".exr"))) {
                const Run md5 = cli({"framemd5", QDir(outDir).filePath(f)});
                QVERIFY2(md5.code == 0, qPrintable(f + QLatin1String(": ") + md5.err));
                continue;
            }
            QFile png(QDir(outDir).filePath(f));
            QVERIFY(png.open(QIODevice::ReadOnly));
            const QByteArray data = png.readAll();
            QVERIFY(data.startsWith("\x89PNG") && data.right(8).startsWith("IEND"));  // complete file
        }
#endif
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
