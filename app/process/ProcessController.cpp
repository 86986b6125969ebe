#include "ProcessController.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMetaObject>
#include <QPointer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

#include "messages/CodecsMessages.h"
#include "processing/Backend.h"
#include "processing/Pipeline.h"
#include "rushes/codecs/MediaWriter.h"

using namespace rushes;
using namespace rushes::processing;

ProcessController::ProcessController(QObject* parent) : QObject(parent) {}

ProcessController::~ProcessController() {
    if (m_cancel) m_cancel->store(true);
    m_future.waitForFinished();
}

QString ProcessController::openclDevice() const {
    return QString::fromStdString(openclDeviceName());
}

bool ProcessController::openclIsGpu() const {
    return openclDeviceIsGpu();
}

QString ProcessController::progressText() const {
    if (m_total <= 0) return {};
    return tr("frame %1 of %2").arg(m_done).arg(m_total);
}

QString ProcessController::suggestedOutput(const QString& source) {
    if (source.isEmpty()) return {};
    const QFileInfo fi(source);
    const bool sequence = source.contains(QLatin1Char('%')) || source.contains(QLatin1Char('#')) ||
                          QStringList{QStringLiteral("exr"), QStringLiteral("dpx"), QStringLiteral("png"),
                                      QStringLiteral("tif"), QStringLiteral("tiff")}
                              .contains(fi.suffix().toLower());
    // "shot.%04d.exr", "shot.####.exr", "shot.0001.exr": the name before the frame number.
    QString stem = fi.completeBaseName();
    if (sequence) {
        stem = fi.fileName();
        const int cut = stem.indexOf(QRegularExpression(QStringLiteral("[._]?(%0?\\d*d|#+|\\d+)\\.[^.]+$")));
        if (cut > 0) stem = stem.left(cut);
    }
    // Beside the shot when its folder takes files, else in the user's movies folder (shared media is
    // often read-only).
    QString dir = fi.absolutePath();
    if (!QFileInfo(dir).isWritable()) {
        QString movies = QStandardPaths::writableLocation(QStandardPaths::MoviesLocation);
        if (movies.isEmpty()) movies = QDir::homePath();
        dir = QDir(movies).filePath(QStringLiteral("Rushes"));
    }
    // The first name not taken: shot_rushes.mov, shot_rushes_v2.mov, ...
    for (int version = 1;; ++version) {
        const QString name = stem + QStringLiteral("_rushes") +
                             (version > 1 ? QStringLiteral("_v%1").arg(version) : QString()) +
                             (sequence ? QStringLiteral(".%04d.exr") : QStringLiteral(".mov"));
        const QString path = QDir(dir).filePath(name);
        if (!outputExists(path) || version >= 999) return path;
    }
}

bool ProcessController::outputExists(const QString& output) {
    // A sequence is there when the first frame process writes (numbered 1) is.
    return QFileInfo::exists(QString::fromStdString(codecs::firstFileWritten(output.toStdString())));
}

void ProcessController::setMessage(const QString& text, bool failed) {
    m_message = text;
    m_failed = failed;
    emit messageChanged();
}

void ProcessController::report(qint64 done, qint64 total) {
    m_done = done;
    m_total = total;
    m_progress = total > 0 ? double(done) / double(total) : 0.0;
    emit progressChanged();
}

bool ProcessController::start(const QString& source, const QString& output, const QString& denoise,
                              double retime, double fps, const QString& backend) {
    if (m_running) {
        setMessage(tr("A pass is running: cancel it first."), true);
        return false;
    }
    if (source.isEmpty()) {
        setMessage(tr("Open a shot to process first."), true);
        return false;
    }
    if (output.trimmed().isEmpty()) {
        setMessage(tr("Name the output: a movie (.mov, .mp4, .mkv) or a sequence (shot.%04d.exr)."), true);
        return false;
    }
    if (QFileInfo(output).absoluteFilePath() == QFileInfo(source).absoluteFilePath()) {
        setMessage(tr("%1: the output would overwrite the shot itself.").arg(output), true);
        return false;
    }
    // Never over an earlier pass: the session may be playing it.
    if (outputExists(output)) {
        setMessage(tr("%1 exists already: choose another name.").arg(output), true);
        return false;
    }
    Recipe recipe;
    if (denoise != QLatin1String("off")) {
        Operation op;
        op.kind = Operation::Kind::Denoise;
        if (denoise != QLatin1String("auto")) {
            bool ok = false;
            op.sigma = denoise.toDouble(&ok);
            if (!ok || !std::isfinite(op.sigma) || op.sigma < 0) {
                setMessage(tr("Denoise strength '%1' must be a number, 0 or more.").arg(denoise), true);
                return false;
            }
        }
        recipe.operations.push_back(op);
    }
    if (retime > 0 || fps > 0) {
        Operation op;
        op.kind = Operation::Kind::Retime;
        if (fps > 0)
            op.fps = fps;
        else
            op.factor = retime;
        recipe.operations.push_back(op);
    }
    if (recipe.operations.empty()) {
        setMessage(tr("Choose a denoise or a retime."), true);
        return false;
    }
    if (auto v = recipe.validate(); !v.ok()) {
        setMessage(messages::localText(v.error()), true);
        return false;
    }
    // The folder of the output, made when missing (the suggested one may not exist yet).
    const QString folder = QFileInfo(output).absolutePath();
    if (!QDir().mkpath(folder)) {
        setMessage(tr("%1: cannot make the folder for the output.").arg(folder), true);
        return false;
    }
    ProcessOptions o;
    o.input = source.toStdString();
    o.output = output.toStdString();
    o.recipe = recipe;
    o.backend = parseBackend(backend.toStdString()).value_or(Backend::Auto);

    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    emit runningChanged();
    report(0, 0);
    setMessage(tr("Processing %1").arg(QFileInfo(source).fileName()), false);
    QPointer<ProcessController> self(this);
    auto cancel = m_cancel;
    m_future = QtConcurrent::run([self, o, cancel] {
        auto progress = [self](int64_t done, int64_t total) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, done, total] {
                    if (self) self->report(done, total);
                },
                Qt::QueuedConnection);
        };
        auto r = processClip(o, progress, cancel.get());
        QString text;
        bool ok = r.ok() && !r.value().cancelled;
        if (!r.ok()) {
            text = messages::localText(r.error());
        } else if (r.value().cancelled) {
            text = tr("Cancelled after %1 frames; the frames written so far are complete.")
                       .arg(r.value().framesOut);
        } else {
            const ProcessReport& rep = r.value();
            text = tr("%1: %2 frames in, %3 out at %4 fps, backend %5, %6 s")
                       .arg(QString::fromStdString(o.output))
                       .arg(rep.framesIn)
                       .arg(rep.framesOut)
                       .arg(QLocale().toString(rep.outputRate, 'f', 2))
                       .arg(QString::fromLatin1(backendName(rep.backend)))
                       .arg(QLocale().toString(rep.seconds, 'f', 1));
            if (rep.denoise.sigma >= 0)
                text +=
                    QLatin1Char(' ') +
                    (!rep.denoise.estimated ? tr("(denoised at noise sigma %1)")
                     : rep.denoise.shotOffset >= 0
                         ? tr("(denoised at noise sigma %1 at mid-grey, growing with brightness, estimated "
                              "from the footage)")
                     : rep.denoise.grain
                         ? tr("(denoised at noise sigma %1, estimated from the footage: grain)")
                         : tr("(denoised at noise sigma %1, estimated from the footage)"))
                        .arg(QLocale().toString(rep.denoise.midGreySigma(), 'f', 2));
        }
        const QString out = QString::fromStdString(o.output);
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok, text, out] {
                if (!self) return;
                self->m_running = false;
                emit self->runningChanged();
                self->setMessage(text, !ok);
                if (ok) {
                    self->m_lastOutput = out;
                    emit self->finished(out);
                } else {
                    emit self->stopped();
                }
            },
            Qt::QueuedConnection);
    });
    return true;
}

void ProcessController::cancel() {
    if (m_cancel) m_cancel->store(true);
}
