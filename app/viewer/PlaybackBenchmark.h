#pragma once
// `rushes --benchmark-playback FILE [--seconds N] [--json]`: plays FILE through the real app
// (its player, cache and renderer) and prints presented and dropped frames, frame intervals,
// time to first frame and cache figures, beside `ffmpeg -f null` decoding the same file.
// `--scrub` instead jumps to random frames, each as soon as the last reached the screen, and
// prints how many frames a second it shows (a reviewer dragging the playhead).
#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <ctime>

class QQuickWindow;

namespace rushes::viewer {

class PlayerController;

// The scene graph a window renders with: "software", "opengl", "direct3d11", "vulkan" or "metal".
QString sceneGraphName(QQuickWindow* window);

struct BenchmarkOptions {
    QString file;
    double seconds = 10;
    bool json = false;
    bool anchor = true;  // also time `ffmpeg -f null`
    bool scrub = false;
};

class PlaybackBenchmark : public QObject {
    Q_OBJECT
public:
    PlaybackBenchmark(QQuickWindow* window, PlayerController* player, BenchmarkOptions options,
                      QObject* parent = nullptr);
    void start();  // emits finished(exit code) when done

signals:
    void finished(int code);

private:
    void firstFrameShown();
    void report();
    void startScrub();
    void reportScrub();

    QQuickWindow* m_window;
    PlayerController* m_player;
    BenchmarkOptions m_options;
    QElapsedTimer m_timer;
    double m_ttffMs = -1;
    double m_playMs = 0;
    // Processor time of all threads (std::clock on POSIX systems; on Windows it is wall time).
    std::clock_t m_cpuStart = 0;  // when play started
    bool m_audioClock = false;    // whether the picture followed the audio clock (read before pausing)
    double m_cpuMs = 0;           // processor time while playing
    bool m_windowUp = false;
    bool m_started = false;
    qint64 m_scrubTarget = -1;
    qint64 m_scrubShown = 0;
    double m_scrubFirstMs = 0, m_scrubWorstMs = 0;  // request to screen
};

// Decoding rate of `ffmpeg -threads 0 -i FILE -map 0:v:0 -f null -` in frames per second (0 on failure).
double ffmpegDecodeFps(const QString& file, qint64* frames = nullptr, double* seconds = nullptr);

}  // namespace rushes::viewer
