// rushes-cli process / compare / bench end to end: clear errors for bad settings, progress and
// backend on stderr, the bench's JSON schema, and Ctrl+C leaving only complete frames.
#include <QDir>
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

class CliTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

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
    static bool haveFfmpeg() { return !QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty(); }
    QString makeSequence(const QString& name, const QString& size, int frames) {
        QDir().mkpath(m_dir.filePath(name));
        const QString pattern = m_dir.filePath(name + QStringLiteral("/s.%04d.png"));
        QProcess p;
        p.start(QStringLiteral("ffmpeg"), {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-nostdin"), QStringLiteral("-y"),
                                            QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                            QStringLiteral("testsrc2=size=%1:rate=24").arg(size), QStringLiteral("-frames:v"),
                                            QString::number(frames), QStringLiteral("-start_number"), QStringLiteral("1"), pattern});
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

    void compareMismatchedSizes() {
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString a = makeSequence(QStringLiteral("m1"), QStringLiteral("160x96"), 2);
        const QString b = makeSequence(QStringLiteral("m2"), QStringLiteral("128x96"), 2);
        const Run r = cli({"compare", a, b});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(QStringLiteral("sizes differ")) && r.err.contains(QStringLiteral("160x96")), qPrintable(r.err));
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

    void interruptLeavesOnlyCompleteFrames() {
#ifndef Q_OS_UNIX
        QSKIP("sending SIGINT to a child needs POSIX");
#else
        if (!haveFfmpeg()) QSKIP("ffmpeg binary not found");
        const QString src = makeSequence(QStringLiteral("long"), QStringLiteral("640x360"), 40);
        QVERIFY(!src.isEmpty());
        const QString outDir = m_dir.filePath(QStringLiteral("int"));
        QDir().mkpath(outDir);
        QProcess p;
        p.start(QStringLiteral(RUSHES_CLI), {"process", src, "-o", outDir + QStringLiteral("/i.%04d.png"), "--retime", "4",
                                              "--denoise", "6", "--backend", "cpu"});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        while (!err.contains("frame 3/") && p.state() == QProcess::Running) {
            p.waitForReadyRead(200);
            err += p.readAllStandardError();
        }
        QVERIFY2(p.state() == QProcess::Running, err.constData());
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        err += p.readAllStandardError();
        QCOMPARE(p.exitCode(), 130);
        QVERIFY(err.contains("interrupted"));
        const QStringList files = QDir(outDir).entryList(QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 3 && files.size() < 157);
        for (const QString& f : files) {
            QVERIFY2(!f.contains(QStringLiteral(".part")), qPrintable(f));
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
