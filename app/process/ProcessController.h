#pragma once
// The Process panel's controller: applies a recipe (denoise, retime) to a shot with the processing
// core's processClip - the same code rushes-cli process runs - on a worker thread, with progress,
// cancel, and a message naming the file and the cause when it fails. The view opens the result in
// the session when it is done.
#include <QtQml/qqmlregistration.h>
#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class ProcessController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)  // 0..1 of the output frames
    Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)  // the last outcome or error
    Q_PROPERTY(bool failed READ failed NOTIFY messageChanged)
    Q_PROPERTY(QString lastOutput READ lastOutput NOTIFY finished)
    Q_PROPERTY(QString openclDevice READ openclDevice CONSTANT)  // empty when there is none
    Q_PROPERTY(bool openclIsGpu READ openclIsGpu CONSTANT)       // what "auto" picks it for

public:
    explicit ProcessController(QObject* parent = nullptr);
    ~ProcessController() override;  // cancels a run and waits for it

    bool running() const { return m_running; }
    double progress() const { return m_progress; }
    QString progressText() const;
    QString message() const { return m_message; }
    bool failed() const { return m_failed; }
    QString lastOutput() const { return m_lastOutput; }
    QString openclDevice() const;
    bool openclIsGpu() const;

    // Where the pass of `source` goes by default: beside it (in the user's movies folder, under
    // Rushes, when the shot's folder is read-only), named after it with "_rushes" (then "_rushes_v2"
    // ... when taken): a ProRes movie for movies, an EXR sequence for image sequences. start() makes
    // the folder.
    Q_INVOKABLE static QString suggestedOutput(const QString& source);
    // Whether `output` is there already (a sequence: its first frame); start() refuses to write over it.
    Q_INVOKABLE static bool outputExists(const QString& output);
    // Starts the pass. denoise: "off", "auto" or a sigma (8-bit scale); retime: a factor (0: none);
    // fps: a target rate instead of the factor (0: none); backend: "auto", "cpu" or "opencl".
    // False, with `message` saying why, when the settings are wrong or a pass is running.
    Q_INVOKABLE bool start(const QString& source, const QString& output, const QString& denoise,
                           double retime, double fps, const QString& backend);
    Q_INVOKABLE void cancel();

signals:
    void runningChanged();
    void progressChanged();
    void messageChanged();
    void finished(const QString& output);  // the pass is complete and written
    void stopped();                        // cancelled or failed: see message

private:
    void setMessage(const QString& text, bool failed);
    void report(qint64 done, qint64 total);

    bool m_running = false;
    double m_progress = 0;
    qint64 m_done = 0, m_total = 0;
    QString m_message, m_lastOutput;
    bool m_failed = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFuture<void> m_future;
};
