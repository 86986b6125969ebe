#pragma once
// The review session QML binds to: the shots, the transport, the cache and the view settings.
// Thin: the work is in core/playback (cache, clock, playlist).
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

#include "playback/FrameCache.h"
#include "playback/PlaybackClock.h"
#include "playback/Playlist.h"
#include "viewer/AudioOutput.h"
#include "viewer/ColourPipeline.h"

namespace rushes::viewer {

// Figures of one playback run, for the HUD and the benchmark.
struct PlaybackStats {
    qint64 presented = 0;
    qint64 dropped = 0;
    qint64 late = 0;                  // shown a frame period or more after they were due (their slot missed)
    std::vector<double> intervalsMs;  // between consecutive new frames reaching the screen
    std::vector<double> intervalEndsMs;  // when each of those ended, ms since the stats were reset
    double firstShownMs = -1;            // when the first new frame reached the screen, ms since the reset
};

class PlayerController : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Player)
    Q_PROPERTY(rushes::playback::Playlist* playlist READ playlist CONSTANT)
    Q_PROPERTY(int currentShot READ currentShot WRITE selectShot NOTIFY shotChanged)
    Q_PROPERTY(QVariantMap shotInfo READ shotInfo NOTIFY shotChanged)
    Q_PROPERTY(QVariantList sessionShots READ sessionShots NOTIFY sessionShotsChanged)
    Q_PROPERTY(QStringList recentFiles READ recentFiles NOTIFY recentFilesChanged)
    Q_PROPERTY(qint64 frame READ frame NOTIFY frameChanged)
    // The frame number and timecode as text: every frame while paused, a few times a second
    // while playing (each change re-lays out several labels; nobody reads 24 numbers a second).
    Q_PROPERTY(qint64 frameNumber READ frameNumber NOTIFY frameTextChanged)
    Q_PROPERTY(qint64 frameCount READ frameCount NOTIFY shotChanged)
    Q_PROPERTY(qint64 firstFrameNumber READ firstFrameNumber NOTIFY shotChanged)
    Q_PROPERTY(QString timecode READ timecode NOTIFY frameTextChanged)
    Q_PROPERTY(QString rateText READ rateText NOTIFY shotChanged)
    Q_PROPERTY(bool playing READ playing NOTIFY playingChanged)
    // Play was asked for and waits for the cache to hold enough frames ahead (pre-roll).
    Q_PROPERTY(bool buffering READ buffering NOTIFY playingChanged)
    Q_PROPERTY(double bufferProgress READ bufferProgress NOTIFY bufferProgressChanged)
    Q_PROPERTY(int direction READ direction NOTIFY playingChanged)
    Q_PROPERTY(double speed READ speed NOTIFY playingChanged)
    Q_PROPERTY(int loopMode READ loopMode WRITE setLoopMode NOTIFY loopModeChanged)
    // Play every frame (RV's "play all frames"): when decoding cannot keep the rate, play slows
    // down instead of skipping frames; the system clock leads and there is no sound.
    Q_PROPERTY(bool playAllFrames READ playAllFrames WRITE setPlayAllFrames NOTIFY playAllFramesChanged)
    Q_PROPERTY(qint64 inPoint READ inPoint NOTIFY rangeChanged)
    Q_PROPERTY(qint64 outPoint READ outPoint NOTIFY rangeChanged)
    Q_PROPERTY(QString slateText READ slateText NOTIFY displayedChanged)
    // The frame that last reached the screen (-1 before one has): what a grab of the window shows.
    Q_PROPERTY(qint64 onScreenFrame READ onScreenFrame NOTIFY onScreenChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(QVariantList cachedRanges READ cachedRanges NOTIFY cachedRangesChanged)
    Q_PROPERTY(double cacheFill READ cacheFill NOTIFY cacheChanged)
    Q_PROPERTY(QString cacheText READ cacheText NOTIFY cacheChanged)
    Q_PROPERTY(qint64 cacheBudgetMiB READ cacheBudgetMiB WRITE setCacheBudgetMiB NOTIFY cacheChanged)
    Q_PROPERTY(qint64 droppedFrames READ droppedFrames NOTIFY statsChanged)
    Q_PROPERTY(double measuredFps READ measuredFps NOTIFY statsChanged)
    Q_PROPERTY(bool audioAvailable READ audioAvailable CONSTANT)
    Q_PROPERTY(bool audioClock READ audioClock NOTIFY playingChanged)
    Q_PROPERTY(bool muted READ muted WRITE setMuted NOTIFY mutedChanged)
    // View.
    Q_PROPERTY(double exposure READ exposure WRITE setExposure NOTIFY viewChanged)
    Q_PROPERTY(double gamma READ gamma WRITE setGamma NOTIFY viewChanged)
    Q_PROPERTY(int channel READ channel WRITE setChannel NOTIFY viewChanged)
    Q_PROPERTY(QString configName READ configName CONSTANT)
    Q_PROPERTY(QStringList displays READ displays CONSTANT)
    Q_PROPERTY(QStringList views READ views NOTIFY colourChanged)
    Q_PROPERTY(QStringList colourSpaces READ colourSpaces CONSTANT)
    Q_PROPERTY(QString display READ display WRITE setDisplay NOTIFY colourChanged)
    Q_PROPERTY(QString view READ view WRITE setView NOTIFY colourChanged)
    Q_PROPERTY(QString inputSpace READ inputSpace WRITE setInputSpace NOTIFY colourChanged)

public:
    explicit PlayerController(QObject* parent = nullptr);
    ~PlayerController() override;

    playback::Playlist* playlist() { return &m_playlist; }
    playback::FrameCache* cache() { return m_cache.get(); }
    int currentShot() const { return m_playlist.current(); }
    QVariantMap shotInfo() const;
    QVariantList sessionShots() const { return m_playlist.sessionShots(); }
    QStringList recentFiles() const;
    qint64 frame() const { return m_frame; }
    qint64 frameNumber() const;
    qint64 frameCount() const;
    qint64 firstFrameNumber() const;
    QString timecode() const;
    QString rateText() const;  // in the UI's locale: "29.97", "29,97" in German
    bool playing() const { return m_clock.running() || m_buffering; }
    bool buffering() const { return m_buffering; }
    bool playAllFrames() const { return m_playAllFrames; }
    void setPlayAllFrames(bool on);
    double bufferProgress() const { return m_bufferProgress; }
    int direction() const { return m_direction; }
    double speed() const { return double(m_speedNum) / m_speedDen; }
    int loopMode() const { return int(m_loop); }
    void setLoopMode(int mode);
    qint64 inPoint() const { return m_in; }
    qint64 outPoint() const { return m_out; }
    QString slateText() const;
    QString message() const { return m_message; }
    QVariantList cachedRanges() const { return m_ranges; }
    double cacheFill() const;
    QString cacheText() const;
    qint64 cacheBudgetMiB() const { return m_cache->budgetBytes() >> 20; }
    void setCacheBudgetMiB(qint64 mib);
    qint64 droppedFrames() const { return m_stats.dropped; }
    double measuredFps() const { return m_measuredFps; }
    bool audioAvailable() const { return m_audio.deviceAvailable(); }
    bool audioClock() const { return m_audioClock; }
    bool muted() const { return m_muted; }
    void setMuted(bool muted);

    double exposure() const { return m_exposure; }
    void setExposure(double stops);
    double gamma() const { return m_gamma; }
    void setGamma(double gamma);
    int channel() const { return m_channel; }
    void setChannel(int channel);
    QString configName() const { return m_colour.configName(); }
    QStringList displays() const { return m_colour.displays(); }
    QStringList views() const { return m_colour.views(m_display); }
    QStringList colourSpaces() const { return m_colour.colourSpaces(); }
    QString display() const { return m_display; }
    void setDisplay(const QString& display);
    QString view() const { return m_view; }
    void setView(const QString& view);
    QString inputSpace() const { return m_inputSpace; }
    void setInputSpace(const QString& space);
    const DisplayLut& displayLut() const { return m_lut; }
    quint64 lutSerial() const { return m_lutSerial; }

    // The frame on screen (null before the first one arrives).
    playback::FramePtr displayedFrame() const { return m_displayed; }
    const codecs::MediaInfo* mediaInfo() const;
    PlaybackStats& stats() { return m_stats; }
    void resetStats();
    // Called by the viewer when a new frame reached the screen.
    void notePresented(qint64 index);
    qint64 lastPresented() const { return m_lastPresented; }
    qint64 onScreenFrame() const { return m_onScreen; }

    Q_INVOKABLE int openPaths(const QStringList& paths);   // returns the first new row or -1
    Q_INVOKABLE int openUrls(const QVariantList& urls);     // file dialog and drag and drop
    Q_INVOKABLE void selectShot(int row);
    Q_INVOKABLE void removeShot(int row);
    Q_INVOKABLE void nextShot();
    Q_INVOKABLE void previousShot();
    Q_INVOKABLE void play();
    Q_INVOKABLE void playReverse();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void togglePlay();
    Q_INVOKABLE void shuttle(const QString& key);  // "j", "k", "l": RV/Avid style speeds
    Q_INVOKABLE void step(int frames);
    Q_INVOKABLE void seek(qint64 frame);
    Q_INVOKABLE void seekStart();
    Q_INVOKABLE void seekEnd();
    Q_INVOKABLE bool seekTimecode(const QString& text);  // a timecode, or a frame number
    Q_INVOKABLE void setInPoint();
    Q_INVOKABLE void setOutPoint();
    Q_INVOKABLE void clearInOut();
    Q_INVOKABLE void beginScrub();
    Q_INVOKABLE void scrub(qint64 frame);
    Q_INVOKABLE void endScrub();
    Q_INVOKABLE QVariantMap inspect(double imageX, double imageY) const;  // source values
    Q_INVOKABLE QUrl panelUrl(const QString& module, const QString& file) const;  // empty if absent
    Q_INVOKABLE void dismissMessage();

    // Blocks until the frame at `index` is on hand (for --screenshot and the benchmark).
    bool waitForFrame(qint64 index, int timeoutMs);

    // A line for the message bar (what the app could not do), as openPaths() shows a file's error.
    void showMessage(const QString& text) { setMessage(text); }

signals:
    void shotChanged();
    void sessionShotsChanged();
    void recentFilesChanged();
    void frameChanged();
    void frameTextChanged();
    void displayedChanged();
    void onScreenChanged();
    void playingChanged();
    void loopModeChanged();
    void rangeChanged();
    void messageChanged();
    void cacheChanged();
    void cachedRangesChanged();
    void statsChanged();
    void mutedChanged();
    void viewChanged();
    void colourChanged();
    void playbackFinished();
    void bufferProgressChanged();
    void playAllFramesChanged();

private:
    void tick();
    void frameMoved();
    void showFrame(qint64 index);
    void display(const playback::FramePtr& frame);
    void startClock();
    bool prerolled();  // enough cached ahead to start the clock (updates the progress)
    void beginPlay();  // the clock (and the sound) start
    void tickEveryFrame();  // tick() when every frame plays
    void stopAudio();
    void loadShot();
    void rebakeLut();
    void setMessage(const QString& text);
    void addRecent(const QString& path);
    void saveRecent();
    void refreshCacheFigures();
    QVariantMap inspectPlanes(int x, int y) const;

    static constexpr int kAheadFrames = 120, kBehindFrames = 24;  // cache window, budget permitting
    static constexpr int kAudioWarmUpDelayMs = 300;  // after a shot loads, before its sound stream opens
    static constexpr int kScrubAheadFrames = 2;                   // while scrubbing long-GOP media
    static constexpr int kFrameTextIntervalMs = 125;              // frame text while playing
    // The longest wait for pre-roll: beyond it the clock starts with what the cache holds.
    static constexpr int kMaxPrerollMs = 3000;
    // The decoders' rate is a moving average of recent frames: pre-roll counts on 90% of it.
    static constexpr double kDecodeFpsMargin = 0.9;
    playback::Playlist m_playlist;
    std::unique_ptr<playback::FrameCache> m_cache;
    playback::PlaybackClock m_clock;
    AudioOutput m_audio;
    ColourPipeline m_colour;
    QTimer m_timer;        // polls the clock while playing
    QTimer m_cacheTimer;   // refreshes the timeline's cached ranges
    QTimer m_textTimer;    // while playing: the next frame-text update
    QTimer m_recentTimer;  // saves the recent files once a shot is up
    QStringList m_pendingRecent;
    qint64 m_frame = 0;
    playback::FramePtr m_displayed;
    int m_direction = 1;
    int m_speedNum = 1, m_speedDen = 1;
    playback::LoopMode m_loop = playback::LoopMode::Loop;
    qint64 m_in = 0, m_out = 0;
    bool m_scrubbing = false, m_wasPlaying = false;
    bool m_audioClock = false;
    bool m_buffering = false;
    bool m_playAllFrames = false;
    qint64 m_position = 0;  // play-every-frame: the clock position of the frame shown
    // The last frame a viewer reported on screen (-1: none yet; no viewer, as in tests: never), and
    // when play-every-frame handed the current one over, so it waits for the screen, not only the cache.
    qint64 m_onScreen = -1;
    qint64 m_handedOverNs = 0;
    static constexpr qint64 kMaxScreenWaitNs = 500'000'000;  // a viewer that stopped drawing (minimised)
    double m_bufferProgress = 0;
    QElapsedTimer m_bufferTimer;
    bool m_muted = false;
    QString m_message;
    QVariantList m_ranges;
    QString m_cacheText;  // last figures announced, so unchanged ones cost QML nothing
    PlaybackStats m_stats;
    qint64 m_lastPresented = -1;
    QElapsedTimer m_presentTimer;
    qint64 m_lastPresentNs = -1;
    qint64 m_statsResetNs = 0;  // m_presentTimer at the last resetStats()
    double m_measuredFps = 0;
    int m_fpsCount = 0;
    qint64 m_fpsWindowStartNs = 0;
    double m_exposure = 0, m_gamma = 1;
    int m_channel = 0;
    QString m_display, m_view, m_inputSpace;
    DisplayLut m_lut;
    quint64 m_lutSerial = 0;
};

}  // namespace rushes::viewer
