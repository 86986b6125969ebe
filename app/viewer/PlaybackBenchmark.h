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
#include <vector>

class QProcess;

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
    bool allFrames = false;  // play every frame (slower rather than skipping)
    // A stall_probe executable (tests/bench/playback/StallProbe.cpp) to run beside the play, as a
    // witness: a long frame interval that the probe, a separate process, also stalled in was the
    // machine's, not the player's. Empty: none.
    QString stallProbe;
};

// One tick of stall_probe's that was far off its median: it asked to wake at `dueS` (steady
// clock, seconds) and finished its work at `endS`; `worstMs` is its largest figure (wake-up
// delay, copy or loop).
struct ProbeStall {
    double dueS = 0, endS = 0, worstMs = 0;
};
// The stalls in stall_probe's output (its "  at T s (+x s): wake-up L ms late, copy C ms, loop P ms"
// lines).
std::vector<ProbeStall> parseProbeStalls(const QString& output);
// The largest stall of `stalls` that overlaps [fromS, toS], in ms; 0 if none does.
double probeStallWithin(const std::vector<ProbeStall>& stalls, double fromS, double toS);

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
    QProcess* m_probe = nullptr;  // stall_probe, while playing
    qint64 m_scrubTarget = -1;
    qint64 m_scrubShown = 0;
    double m_scrubFirstMs = 0, m_scrubWorstMs = 0;  // request to screen
};

// Decoding rate of `ffmpeg -threads 0 -i FILE -map 0:v:0 -f null -` in frames per second (0 on failure).
double ffmpegDecodeFps(const QString& file, qint64* frames = nullptr, double* seconds = nullptr);

}  // namespace rushes::viewer
