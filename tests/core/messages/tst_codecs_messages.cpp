// The codecs layer's messages in the user's language: a damaged EXR, a cut MOV and a cut MP4 (made
// here from the shared media) report in German with the German catalogue loaded, naming the file
// and the numbers; without a catalogue the text is exactly Error::toString(), what rushes-cli prints.
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "MediaTestSupport.h"
#include "messages/CodecsMessages.h"
#include "rushes/codecs/MediaReader.h"
#include "rushes/codecs/MediaWriter.h"

using namespace rushes;
using namespace rushes::codecs;
using namespace rushes::test;

namespace {

bool writeCut(const QString& source, const QString& cut, int percent) {
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) return false;
    const QByteArray part = in.readAll().left(in.size() * percent / 100);
    QFile out(cut);
    return out.open(QIODevice::WriteOnly) && out.write(part) == part.size();
}

Error openError(const QString& path) {
    auto r = openMedia(path.toStdString());
    return r ? Error{} : r.error();
}

QString damaged(const char* name) {
    return mediaDir() + QStringLiteral("/damaged/") + QLatin1String(name);
}

// A writer asked for an impossible output: the error, whatever it is.
Error writerError(const QString& path, const std::string& codec = {}) {
    WriteOptions o;
    o.width = 64;
    o.height = 64;
    o.codec = codec;
    auto w = createWriter(path.toStdString(), o);
    return w ? Error{} : w.error();
}

}  // namespace

class CodecsMessagesTest : public QObject {
    Q_OBJECT

    QTranslator m_german;
    QTemporaryDir m_tmp;
    QString m_cutMov, m_cutMp4;

    void german(bool on) {
        if (on)
            QVERIFY(QCoreApplication::installTranslator(&m_german));
        else
            QCoreApplication::removeTranslator(&m_german);
    }

    // The errors and warnings the tests look at, from real files.
    QList<Error> sampleErrors() {
        QList<Error> out{
            openError(damaged("memory_DOS_1")),
            openError(damaged("asan_heap-oob_7f730474b07c_543_fb506af38c88894d92ba0d433cf41abc_exr")),
            openError(damaged("NULL_pointer")),
            openError(m_cutMov),
            openError(mediaDir() + QStringLiteral("/no such file.mov")),
            writerError(m_tmp.filePath(QStringLiteral("out.%1x"))),
            writerError(m_tmp.filePath(QStringLiteral("out.####.exr")), "png")};
        auto r = openMedia(m_cutMp4.toStdString());
        if (r) {
            for (const Error& w : (*r)->info().warnings) out << w;
            auto f = (*r)->readFrame((*r)->info().frameCount);
            if (!f) out << f.error();
        }
        return out;
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_german.load(QStringLiteral(RUSHES_QM_FILE)), RUSHES_QM_FILE);
        QVERIFY(m_tmp.isValid());
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        // A MOV whose index comes last, and an MP4 whose index comes first, cut short.
        m_cutMov = m_tmp.filePath(QStringLiteral("cut.mov"));
        m_cutMp4 = m_tmp.filePath(QStringLiteral("cut.mp4"));
        QVERIFY(writeCut(mediaDir() + QStringLiteral("/movie-masters/flower_2s_dnxhr_sq.mov"), m_cutMov, 60));
        QVERIFY(writeCut(mediaDir() + QStringLiteral("/video/flower.mp4"), m_cutMp4, 60));
    }

    // Substitution is one pass: an argument's own "%1" or "%2" is not replaced again; "%04d" and a
    // placeholder without an argument stay.
    void argumentsAreNotSubstitutedAgain() {
        const std::vector<std::string> args{"take%2.mov", "frame %1"};
        QCOMPARE(QString::fromStdString(substitute("%1 and %2, %3, %04d, 100%", args)),
                 QStringLiteral("take%2.mov and frame %1, %3, %04d, 100%"));
        QCOMPARE(
            messages::substitute(QStringLiteral("%2 vor %1"), {QStringLiteral("a%2"), QStringLiteral("b%1")}),
            QStringLiteral("b%1 vor a%2"));

        german(true);
        Error e;
        e.path = "/clips/take%1.mov";
        e.text = "cannot open the %1 decoder: %2";
        e.args = {"x%2", "%1 failed"};
        e.message = substitute(e.text, e.args);
        QCOMPARE(messages::localText(e),
                 QStringLiteral("/clips/take%1.mov: der Decoder x%2 lässt sich nicht öffnen: %1 failed"));
        // A real one: the extension asked for, "%1x", comes back as it is.
        const Error w = writerError(m_tmp.filePath(QStringLiteral("out.%1x")));
        QVERIFY(!w.text.empty());
        QCOMPARE(
            messages::localMessage(w),
            QStringLiteral(".%1x-Dateien können nicht geschrieben werden: Filme sind .mov, .mxf, .mp4 oder "
                           ".mkv, Bildsequenzen name.####.exr, .dpx oder .png"));
        QCOMPARE(messages::localMessage(writerError(m_tmp.filePath(QStringLiteral("out.####.exr")), "png")),
                 QStringLiteral("die Endung passt nicht zum Codec png"));
        german(false);
    }

    // Without a catalogue: the same text as toString(), byte for byte; and message is the template
    // with its arguments put in.
    void englishIsToString() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        const QList<Error> errors = sampleErrors();
        QCOMPARE(errors.size(), 9);
        for (const Error& e : errors) {
            QVERIFY2(!e.message.empty() && !e.text.empty(), e.toString().c_str());
            QCOMPARE(e.message, substitute(e.text, e.args));
            QCOMPARE(messages::localText(e), QString::fromStdString(e.toString()));
        }
        auto r = openMedia(m_cutMp4.toStdString());
        QVERIFY(r);
        QCOMPARE((*r)->info().warnings.size(), size_t(1));
        QCOMPARE(messages::localWarnings((*r)->info()),
                 QStringList{QString::fromStdString((*r)->info().warnings[0].toString())});
        // A library's own words are not translated, with or without a catalogue.
        german(true);
        const Error library{"/x.exr", "Invalid data found when processing input"};
        QCOMPARE(messages::localText(library),
                 QStringLiteral("/x.exr: Invalid data found when processing input"));
        german(false);
    }

    void damagedExrInGerman() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        german(true);
        const QString huge = damaged("memory_DOS_1");
        QCOMPARE(
            messages::localText(openError(huge)),
            huge + QStringLiteral(": Datenfenster 1x452984833 ist größer als unterstützt (268435456 Pixel)"));
        const QString cutAttribute =
            damaged("asan_heap-oob_7f730474b07c_543_fb506af38c88894d92ba0d433cf41abc_exr");
        QCOMPARE(
            messages::localText(openError(cutAttribute)),
            cutAttribute +
                QStringLiteral(
                    ": beschädigter OpenEXR-Header (Attribut „dataWindow“ reicht über das Ende hinaus)"));
        const QString unterminated = damaged("NULL_pointer");
        QCOMPARE(messages::localText(openError(unterminated)),
                 unterminated + QStringLiteral(": beschädigter OpenEXR-Header (Attributname ohne Ende)"));
        german(false);
    }

    void truncatedMoviesInGerman() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        german(true);
        // The MOV's index was to come after the pictures: nothing can be found.
        const Error mov = openError(m_cutMov);
        QCOMPARE(mov.args.size(), size_t(3));
        const QString size = QString::number(QFileInfo(m_cutMov).size());
        const QString needed = QString::fromStdString(mov.args[2]);
        QVERIFY2(needed.toLongLong() > size.toLongLong(), qPrintable(needed));
        QCOMPARE(messages::localText(mov),
                 m_cutMov +
                     QStringLiteral(": abgeschnitten: die Datei endet in ihrer „mdat“-Box (%1 der %2 Bytes, "
                                    "die sie braucht), vor der „moov“-Box, die angibt, wo jeder Frame liegt: "
                                    "kein Frame ist auffindbar")
                         .arg(size, needed));

        // The MP4 plays up to where it stops; the warning and the missing frames say so.
        auto r = openMedia(m_cutMp4.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        const MediaInfo& info = (*r)->info();
        const qint64 have = info.frameCount, listed = info.listedFrameCount;
        QVERIFY2(have > 0 && listed > have, qPrintable(QStringLiteral("%1 of %2").arg(have).arg(listed)));
        QCOMPARE(messages::localWarnings(info),
                 QStringList{
                     m_cutMp4 +
                     QStringLiteral(": abgeschnitten: die Daten enden nach %1 der %2 Frames, die "
                                    "der Container aufführt (die Frames %1-%3 fehlen)")
                         .arg(QString::number(have), QString::number(listed), QString::number(listed - 1))});
        auto f = (*r)->readFrame(have);
        QVERIFY(!f.ok());
        QCOMPARE(messages::localText(f.error()),
                 m_cutMp4 + QStringLiteral(
                                ": Datei ist abgeschnitten: Frame %1 fehlt (die Daten enden nach Frame %2)")
                                .arg(QString::number(have), QString::number(have - 1)));
        german(false);
    }

    // What the system says (errno) comes in the project's words, translated: a PNG sequence whose
    // folder went away while it was written. Reasons without words of ours stay the system's.
    void systemReasonsInGerman() {
        QTemporaryDir tmp;
        const QString folder = tmp.filePath(QStringLiteral("shots"));
        QVERIFY(QDir().mkpath(folder));
        WriteOptions o;
        o.width = 16;
        o.height = 8;
        o.codec = "png";
        auto w = createWriter((folder + QStringLiteral("/f.%04d.png")).toStdString(), o);
        QVERIFY2(w.ok(), w.ok() ? "" : w.error().toString().c_str());
        Image grey;
        grey.width = 16;
        grey.height = 8;
        grey.data.assign(16 * 8 * 4, 128);
        QVERIFY(QDir(folder).removeRecursively());
        const Status st = (*w)->writeImage(grey);
        QVERIFY(!st.ok());
        const Error& e = st.error();
        QCOMPARE(QString::fromStdString(e.toString()),
                 folder + QStringLiteral("/f.0001.png: cannot create: no such file or folder"));
        QVERIFY(e.cause);
        german(true);
        QCOMPARE(messages::localText(e),
                 folder + QStringLiteral(
                              "/f.0001.png: kann nicht angelegt werden: Datei oder Ordner gibt es nicht"));
        german(false);
        QCOMPARE(messages::localText(e), QString::fromStdString(e.toString()));
    }

    // Every message the shared damaged files give is a marked template, and the catalogue has each.
    void damagedFilesAreTranslated() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        const QDir dir(mediaDir() + QStringLiteral("/damaged"));
        int checked = 0;
        for (const QFileInfo& fi : dir.entryInfoList(QDir::Files)) {
            const Error e = openError(fi.filePath());
            if (e.message.empty()) continue;  // it opens (OpenEXR reports its damage when reading)
            if (e.text == "not a movie FFmpeg can read (damaged, or not a media file: %1)") {
                QCOMPARE(e.args.size(), size_t(1));  // FFmpeg's words, kept as they are
            }
            QVERIFY2(!e.text.empty(), e.toString().c_str());
            german(true);
            const QString de = messages::localMessage(e);
            german(false);
            QVERIFY2(de != QString::fromStdString(e.message), qPrintable(de));
            ++checked;
        }
        QVERIFY(checked > 40);
    }
};

QTEST_GUILESS_MAIN(CodecsMessagesTest)
#include "tst_codecs_messages.moc"
