// core/processing's errors in the user's language, as the Process panel shows them: a frame range
// outside a real clip, recipes that are not JSON or ask for too much, a recipe file that is not
// there, a frame that cannot be written and the operations' own checks read in German with the
// German catalogue loaded, with their numbers and names; without a catalogue the text is exactly
// Error::toString(), what rushes-cli prints.
#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "MediaTestSupport.h"
#include "messages/CodecsMessages.h"
#include "processing/Metrics.h"
#include "processing/Pipeline.h"
#include "processing/Recipe.h"
#include "processing/Retime.h"
#include "rushes/codecs/MediaReader.h"

using namespace rushes;
using namespace rushes::codecs;
using namespace rushes::processing;
using namespace rushes::test;

namespace {

template <class T>
Error errorOf(const Result<T>& r) {
    return r ? Error{} : r.error();
}

const char* const kRecipeHead = R"({"format": "rushes-recipe", "version": 1, "operations": )";

}  // namespace

class ProcessingMessagesTest : public QObject {
    Q_OBJECT

    QTranslator m_german;
    QTemporaryDir m_tmp;

    void german(bool on) {
        if (on)
            QVERIFY(QCoreApplication::installTranslator(&m_german));
        else
            QCoreApplication::removeTranslator(&m_german);
    }

    QString clip() const { return mediaDir() + QStringLiteral("/video/flower.mp4"); }

    // Frames 5 to 100000 of a real clip.
    Error rangeError() {
        ProcessOptions o;
        o.input = clip().toStdString();
        o.output = m_tmp.filePath(QStringLiteral("out.mov")).toStdString();
        o.firstFrame = 5;
        o.lastFrame = 100000;
        return errorOf(processClip(o));
    }

    Error recipeError(const std::string& operations) {
        return errorOf(Recipe::fromJson(kRecipeHead + operations + "}", "take.recipe.json"));
    }

    // The second frame of a sequence cannot be written: its name is taken by a folder.
    Error frameWriteError() {
        const QString pattern = m_tmp.filePath(QStringLiteral("f.%04d.png"));
        if (!QDir().mkpath(m_tmp.filePath(QStringLiteral("f.0002.png")))) return {};
        auto sink = imageSequenceSink(pattern.toStdString(), 1, SinkChannels::Rgb);
        if (!sink) return sink.error();
        Image image;
        image.width = 4;
        image.height = 4;
        image.data.assign(image.rowBytes() * 4, 128);
        if (auto s = (*sink)->write(image); !s) return s.error();
        return errorOf((*sink)->write(image));
    }

    // The errors the tests look at.
    QList<Error> sampleErrors() {
        cv::Mat none;
        FrameInterpolator interpolator;
        return {rangeError(),
                errorOf(Recipe::fromJson("{\"format\": ", "take.recipe.json")),
                recipeError(R"([{"op": "denoise"}, {"op": "retime", "factor": 100}])"),
                recipeError(R"([{"op": "retime", "fps": 24, "sgima": 2}])"),
                errorOf(Recipe::load(m_tmp.path().toStdString())),
                frameWriteError(),
                errorOf(imageSequenceSink(m_tmp.filePath(QStringLiteral("out.png")).toStdString(), 1)),
                errorOf(scoreRgb(cv::Mat(4, 6, CV_8UC3), cv::Mat(8, 6, CV_8UC3))),
                errorOf(interpolator.setPair(none, none))};
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_german.load(QStringLiteral(RUSHES_QM_FILE)), RUSHES_QM_FILE);
        QVERIFY(m_tmp.isValid());
    }

    // Without a catalogue: toString() byte for byte, and message is the template with its arguments.
    void englishIsToString() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        const QList<Error> errors = sampleErrors();
        for (const Error& e : errors) {
            QVERIFY2(!e.message.empty() && !e.text.empty(), e.toString().c_str());
            QCOMPARE(e.context, std::string("rushes::processing::Messages"));
            QCOMPARE(e.message, substitute(e.text, e.args));
            QCOMPARE(messages::localText(e), QString::fromStdString(e.toString()));
        }
        // The English the command-line tool prints stays as it was.
        QCOMPARE(errors[2].toString(),
                 std::string("take.recipe.json: operation 2: retime factor must be in [1/64, 64], got 100"));
        QCOMPARE(errors[4].message, std::string("cannot read recipe (it is a folder)"));
        QCOMPARE(errors[8].toString(), std::string("retime: empty frame"));
    }

    void frameRangeInGerman() {
        if (!haveMedia()) QSKIP("shared media not found at " RUSHES_MEDIA_DIR);
        auto reader = openMedia(clip().toStdString());
        QVERIFY(reader);
        const int64_t last = (*reader)->info().frameCount - 1;
        QVERIFY(last > 5 && last < 100000);
        const Error e = rangeError();
        QCOMPARE(e.toString(), clip().toStdString() + ": frame range 5-100000 is outside the clip (0-" +
                                   std::to_string(last) + ")");
        german(true);
        QCOMPARE(
            messages::localText(e),
            clip() +
                QStringLiteral(": der Frame-Bereich 5-100000 liegt außerhalb des Clips (0-%1)").arg(last));
        german(false);
    }

    void recipesInGerman() {
        german(true);
        const Error json = errorOf(Recipe::fromJson("{\"format\": ", "take.recipe.json"));
        QCOMPARE(json.args.size(), size_t(2));
        QCOMPARE(json.args[1], std::string("11"));  // Qt's offset; its own words stay as they are
        QCOMPARE(messages::localText(json),
                 QStringLiteral("take.recipe.json: kein gültiges JSON (%1 bei Offset 11)")
                     .arg(QString::fromStdString(json.args[0])));
        QCOMPARE(messages::localText(recipeError(R"([{"op": "denoise"}, {"op": "retime", "factor": 100}])")),
                 QStringLiteral("take.recipe.json: Operation 2: der Faktor des Retimes muss in [1/64, 64] "
                                "liegen, angegeben: 100"));
        QCOMPARE(messages::localText(recipeError(R"([{"op": "retime", "fps": 24, "sgima": 2}])")),
                 QStringLiteral("take.recipe.json: Operation 1: unbekannter Schlüssel „sgima“ (retime nimmt "
                                "factor, fps, phase)"));
        QCOMPARE(messages::localText(recipeError(R"([{"op": "denoise", "sigma": "high"}])")),
                 QStringLiteral("take.recipe.json: Operation 1: das Sigma des Entrauschens muss „auto“ oder "
                                "eine Zahl sein"));
        QCOMPARE(messages::localText(
                     errorOf(Recipe::fromJson(R"({"format": "rushes-recipe", "version": 7})", "r"))),
                 QStringLiteral("r: Rezeptversion 7 ist neuer, als dieser Build lesen kann (%1)")
                     .arg(Recipe::kVersion));
        // What the Process panel checks before it starts: validate() with no file.
        Recipe r;
        Operation op;
        op.kind = Operation::Kind::Denoise;
        op.strength = 20;
        r.operations = {op, op};
        QCOMPARE(messages::localText(errorOf(r.validate())),
                 QStringLiteral("Operation 1: die Stärke des Entrauschens muss in (0, 10] liegen"));
        german(false);
    }

    // An error wrapping the codecs layer's: both parts in German.
    void wrappedCausesInGerman() {
        const Error load = errorOf(Recipe::load(m_tmp.path().toStdString()));
        QVERIFY(load.cause);
        german(true);
        QCOMPARE(messages::localText(load),
                 m_tmp.path() + QStringLiteral(": das Rezept kann nicht gelesen werden (es ist ein Ordner)"));
        german(false);
        // A file that is not there: the system's reason (ENOENT) in the project's words, German too.
        const QString missing = m_tmp.filePath(QStringLiteral("missing.json"));
        const Error gone = errorOf(Recipe::load(missing.toStdString()));
        QVERIFY(gone.cause);
        QCOMPARE(gone.toString(), missing.toStdString() + ": cannot read recipe (no such file)");
        german(true);
        QCOMPARE(messages::localText(gone),
                 missing + QStringLiteral(": das Rezept kann nicht gelesen werden (Datei nicht vorhanden)"));
        german(false);

        const Error write = frameWriteError();
        QVERIFY2(write.cause, write.toString().c_str());
        const QString frame = m_tmp.filePath(QStringLiteral("f.0002.png"));
        QCOMPARE(QString::fromStdString(write.path), frame);
        QCOMPARE(write.message, "cannot write the image: " + write.cause->message);
        QVERIFY(!write.cause->text.empty());
        german(true);
        const QString cause = messages::localMessage(*write.cause);
        QVERIFY2(cause != QString::fromStdString(write.cause->message), qPrintable(cause));
        QCOMPARE(messages::localText(write),
                 frame + QStringLiteral(": das Bild kann nicht geschrieben werden: ") + cause);
        german(false);
    }

    void operationsInGerman() {
        german(true);
        cv::Mat none;
        FrameInterpolator interpolator;
        QCOMPARE(messages::localText(errorOf(interpolator.setPair(none, none))),
                 QStringLiteral("Retime: leerer Frame"));
        QCOMPARE(messages::localText(errorOf(scoreRgb(cv::Mat(4, 6, CV_8UC3), cv::Mat(8, 6, CV_8UC3)))),
                 QStringLiteral("Größen unterscheiden sich: 6x4 und 6x8"));
        QCOMPARE(
            messages::localText(
                errorOf(imageSequenceSink(m_tmp.filePath(QStringLiteral("out.png")).toStdString(), 1))),
            m_tmp.filePath(QStringLiteral("out.png")) +
                QStringLiteral(": eine Bildsequenz braucht ein Muster mit Frame-Nummer wie out.%04d.png oder "
                               "out.####.png"));
        german(false);
    }
};

QTEST_GUILESS_MAIN(ProcessingMessagesTest)
#include "tst_processing_messages.moc"
