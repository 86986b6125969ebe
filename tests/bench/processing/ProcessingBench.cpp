// The drop-frame (retime) and synthetic-noise (denoise) protocols of EVALUATION.md, with
// FFmpeg's anchors (minterpolate, nlmeans, hqdn3d) run on the same frames in the same run.
//   processing_bench [--smoke] [--clips a.mp4,b.mov] [--only retime|denoise] [--no-anchors]
//                    [--backend cpu|opencl] [--repeat N] [--oracle] [--factor N] [--auto] [--grain PX]
//                    [--shot] [--start N]
// --factor N: the slow-motion form of the drop-frame protocol: every Nth of the 61 frames is kept
// (N = 2, 3, 4, 5, 6 divide 60) and N x asked for, the N - 1 in-betweens of each pair compared with the
// real frames, per phase too; minterpolate at N times the rate. The default, 2, is EVALUATION.md's.
// --auto: the denoise protocol lets ours estimate the noise (the app's and rushes-cli's "auto") instead
// of giving it the sigma that was added. --grain PX: the added noise is grain, white noise blurred by a
// Gaussian of PX pixels and then scaled to the stated deviation per channel (the anchors are given
// 0.8 of that deviation, as for white noise). --shot: the added noise grows with brightness as a
// sensor's photon noise does, its deviation sigma * sqrt(I / 128) at level I (the stated sigma at
// mid-grey; the anchors are given 0.8 of it).
// --repeat N: the retime protocol times ours and minterpolate alike, each as the fastest of N whole
// runs of the 30 in-betweens (steadier ratios on a loaded machine), each minterpolate run right after
// one of ours, and prints each run's own ratio too (median and range); the denoise protocol times ours
// as the fastest of N runs per frame and its anchors once, so its ratios use the default (1).
// --start N: the protocols take their frames from frame N on (the retime's 61 instead of from 0, the
// denoiser's 10 instead of from 40): the clips' other stretches, on which nothing was tuned, a check
// that the figures hold beyond the protocols' frames.
// --oracle adds retime ceilings that use the real odd frame: our motion at the phase that fits
// it best, and that plus its mean level (the cost of the source's own timing and exposure jitter);
// then motion fitted to the real frame itself (OpenCV's DIS, medium preset, from it to each frame of
// the pair, bicubic warps blended half and half), and the same motion made straight: each pixel put
// midway between its two fitted positions, where any interpolator that moves a pixel along a straight
// path between the pair puts it (the cost of motion that is not uniform over the pair's interval).
// --opencv-dis runs both operations with OpenCV's DIS and refinement on the CPU instead of the
// project's (CpuFlow.h, CpuRefine.h), for comparing the two.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>
#include <opencv2/video/tracking.hpp>

#include "BenchFrames.h"
#include "FfmpegPipe.h"
#include "StageLog.h"
#include "processing/Backend.h"
#include "processing/Denoise.h"
#include "processing/Metrics.h"
#include "processing/Retime.h"

using namespace rushes;
using namespace rushes::processing;

namespace {

struct Score {
    double psnr = 0, ssim = 0;
    int n = 0;
    void add(const cv::Mat& a, const cv::Mat& ref) {
        psnr += cv::PSNR(a, ref);
        ssim += scoreRgb(a, ref).value().ssim;
        ++n;
    }
    double meanPsnr() const { return n ? psnr / n : 0; }
    double meanSsim() const { return n ? ssim / n : 0; }
};

using bench::to8;
using bench::toWorking;

using bench::median;
using bench::StageLog;

// --stages: each stage's median over the clip's pairs.
void printStages(const StageLog& log, const char* clip) {
    for (const auto& [name, ms] : log.stages)
        std::printf("  %-12s   stage %-36s %8.2f ms (median of %zu)\n", clip, name.c_str(), median(ms),
                    ms.size());
}

double seconds(const QElapsedTimer& t) { return double(t.nsecsElapsed()) * 1e-9; }
// Processor time of this process (all threads) since `start`, seconds: on a loaded machine it
// moves much less than wall time, for comparing our own variants (std::clock is processor time on
// POSIX systems; on Windows it is wall time).
double cpuSeconds(std::clock_t start) { return double(std::clock() - start) / CLOCKS_PER_SEC; }

void row(const char* clip, const char* method, double psnr, double ssim, double ms) {
    if (ms > 0)
        std::printf("  %-12s %-44s PSNR %6.2f dB  SSIM %.4f  %8.2f ms/frame\n", clip, method, psnr, ssim, ms);
    else
        std::printf("  %-12s %-44s PSNR %6.2f dB  SSIM %.4f\n", clip, method, psnr, ssim);
}

struct Options {
    bool smoke = false, anchors = true;
    bool oracle = false;  // --oracle: our motion at the best-fitting phase per frame, and with the frame's level
    bool stages = false;  // --stages: the median time of each of our stages
    int repeat = 1;       // --repeat: see above
    int factor = 2;       // --factor: see above
    int start = -1;       // --start: see above (-1: the protocol's own frames)
    bool autoSigma = false;  // --auto
    double grain = 0;        // --grain
    bool shot = false;       // --shot
    QString only;
    Backend backend = Backend::Cpu;
    InterpolatorSettings retime;
    DenoiseSettings denoise;
};

// --oracle's fitted motion: PSNR against `truth` of the pair warped to it along flows fitted from it
// to each frame (fitted), and along those flows' mean straight-line motion (straight).
struct FittedMotion {
    double fitted = 0, straight = 0;
};
FittedMotion fittedMotion(const cv::Mat& a, const cv::Mat& b, const cv::Mat& truth) {
    static const cv::Ptr<cv::DISOpticalFlow> dis =
        cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_MEDIUM);
    cv::Mat ga, gb, gt, fa, fb;
    cv::cvtColor(a, ga, cv::COLOR_RGB2GRAY);
    cv::cvtColor(b, gb, cv::COLOR_RGB2GRAY);
    cv::cvtColor(truth, gt, cv::COLOR_RGB2GRAY);
    dis->calc(gt, ga, fa);
    dis->calc(gt, gb, fb);
    // The frame sampled at x + sign * flow(x).
    const auto warp = [](const cv::Mat& frame, const cv::Mat& flow, float sign) {
        cv::Mat map(flow.size(), CV_32FC2);
        for (int y = 0; y < flow.rows; ++y)
            for (int x = 0; x < flow.cols; ++x) {
                const cv::Vec2f v = flow.at<cv::Vec2f>(y, x);
                map.at<cv::Vec2f>(y, x) = {float(x) + sign * v[0], float(y) + sign * v[1]};
            }
        cv::Mat out;
        cv::remap(frame, out, map, cv::noArray(), cv::INTER_CUBIC, cv::BORDER_REPLICATE);
        return out;
    };
    cv::Mat blend, straight, half = 0.5 * (fa - fb);  // a's side of the straight path through both fits
    cv::addWeighted(warp(a, fa, 1), 0.5, warp(b, fb, 1), 0.5, 0, blend);
    cv::addWeighted(warp(a, half, 1), 0.5, warp(b, half, -1), 0.5, 0, straight);
    return {cv::PSNR(blend, truth), cv::PSNR(straight, truth)};
}

void retimeProtocol(const QString& path, const Options& o) {
    const QByteArray name = QFileInfo(path).fileName().left(12).toUtf8();
    cv::Size size = bench::probeSize(path);
    if (o.smoke) size = {160, 90};
    const int count = o.smoke ? 9 : 61;
    bench::Clip clip = bench::readFrames(path, std::max(0, o.start), count, size.width, size.height, o.smoke);
    if (int(clip.frames.size()) < count) {
        std::printf("  %s: cannot read %d frames (%s)\n", name.constData(), count, qPrintable(clip.error));
        return;
    }
    // Every F-th frame kept; pair k's in-between j (phase j / F) is frame F k + j.
    const int F = o.factor;
    std::vector<cv::Mat> even;
    for (int i = 0; i < count; i += F) even.push_back(clip.frames[size_t(i)]);
    Score dup, blend, ours, mi;
    std::vector<Score> oursAt(static_cast<size_t>(F)), miAt(static_cast<size_t>(F));  // by phase j / F
    InterpolatorSettings s = o.retime;
    s.backend = o.backend;
    // --repeat N: each repetition's whole-sequence time, and the fastest of them; with the anchors,
    // minterpolate runs right after each of our runs (its pipe's cost measured beside it), so that
    // each run's ratio compares times taken moments apart on a machine whose speed drifts.
    std::vector<double> repSeconds(size_t(o.repeat), 0.0), repCpu(size_t(o.repeat), 0.0);
    std::vector<double> miSeconds, baseSeconds;
    double oraclePhase = 0, oracleLevel = 0, oracleFitted = 0, oracleStraight = 0;
    int cuts = 0;
    StageLog stages;
    const int pairs = int(even.size()) - 1, made = pairs * (F - 1);
    // minterpolate on the same kept frames (at 15 fps), at F times their rate; subtract the pipe's own cost.
    const QString outFps = QStringLiteral("fps=%1").arg(15 * F);
    const QString mi2 =
        QStringLiteral("minterpolate=%1:mi_mode=mci:mc_mode=aobmc:me_mode=bidir:vsbmc=1").arg(outFps);
    // minterpolate holds back its last frames: the last input is repeated so that all odd frames come out.
    std::vector<cv::Mat> padded = even;
    padded.push_back(even.back());
    padded.push_back(even.back());
    bench::Clip m;  // minterpolate's frames (the first complete run's)
    for (int rep = 0; rep < o.repeat; ++rep) {
        // A new interpolator each repetition: it sees every pair once, as in real use (its flow cache
        // would otherwise answer the repeats).
        FrameInterpolator in(s);
        // The working frames: as in `process`, where a window of decoded frames feeds the pairs, each
        // frame is made a working frame once (the first pair converts both of its frames, each later
        // pair its second), in the timed region.
        std::vector<cv::Mat> work(even.size());
        for (size_t k = 0; k + 1 < even.size(); ++k) {
            QElapsedTimer t;
            t.start();
            const std::clock_t c0 = std::clock();
            // The neighbours are converted only when the motion model uses them.
            const cv::Mat before = s.quadratic && k > 0 ? toWorking(even[k - 1]) : cv::Mat();
            const cv::Mat after = s.quadratic && k + 2 < even.size() ? toWorking(even[k + 2]) : cv::Mat();
            if (work[k].empty()) work[k] = toWorking(even[k]);
            work[k + 1] = toWorking(even[k + 1]);
            if (!in.setPair(work[k], work[k + 1], before, after).ok()) return;
            if (k > 0) work[k - 1].release();
            std::vector<cv::Mat> mids;  // as process asks for an 8-bit output's frames (to8's rounding)
            for (int j = 1; j < F; ++j) mids.push_back(in.at(double(j) / F, CV_8U));
            repSeconds[size_t(rep)] += seconds(t);
            if (o.stages) stages.add(in.stageTimes());
            repCpu[size_t(rep)] += cpuSeconds(c0);
            if (rep > 0) continue;  // the scores, once
            cuts += in.isCut();
            cv::Mat b;
            for (int j = 1; j < F; ++j) {
                const double ph = double(j) / F;
                const cv::Mat& truth = clip.frames[size_t(F) * k + size_t(j)];
                dup.add(ph <= 0.5 ? even[k] : even[k + 1], truth);
                cv::addWeighted(even[k], 1 - ph, even[k + 1], ph, 0, b);
                blend.add(b, truth);
                ours.add(mids[size_t(j - 1)], truth);
                oursAt[size_t(j)].add(mids[size_t(j - 1)], truth);
            }
            const cv::Mat& truth = clip.frames[size_t(F) * k + size_t(F / 2)];  // the middle phase's
            const cv::Mat& mid = mids[size_t(F / 2 - 1)];
            if (o.oracle && F == 2) {
                // The same motion at the phase that fits the real frame best (0.05 steps), then also
                // with the real frame's mean level per channel: what the source's own timing jitter
                // (pulldown, time-lapse intervals) and exposure flicker cost, which no interpolator
                // can know from the even frames alone.
                double bestPsnr = -1, bestPhase = 0.5;
                cv::Mat bestOut;
                for (int i = 1; i < 20; ++i) {
                    cv::Mat out = to8(in.at(i * 0.05));
                    const double p = cv::PSNR(out, truth);
                    if (p > bestPsnr) bestPsnr = p, bestPhase = i * 0.05, bestOut = out;
                }
                cv::Mat lev;
                bestOut.convertTo(lev, CV_32F);
                lev += cv::mean(truth) - cv::mean(bestOut);
                const double levPsnr = cv::PSNR(to8(lev), truth);
                const FittedMotion fit = fittedMotion(even[k], even[k + 1], truth);
                oraclePhase += bestPsnr;
                oracleLevel += levPsnr;
                oracleFitted += fit.fitted;
                oracleStraight += fit.straight;
                if (getenv("RUSHES_BENCH_VERBOSE"))
                    std::printf(
                        "    pair %zu: best phase %.2f %.2f dB, with the frame's level %.2f dB; fitted "
                        "motion "
                        "%.2f dB, straight %.2f dB\n",
                        k, bestPhase, bestPsnr, levPsnr, fit.fitted, fit.straight);
            }
            if (getenv("RUSHES_BENCH_VERBOSE")) {
                cv::addWeighted(even[k], 0.5, even[k + 1], 0.5, 0, b);
                std::printf("    pair %zu: ours %.2f (phase %d/%d) err %.2f blend %.2f\n", k,
                            cv::PSNR(mid, truth), F / 2, F, in.motionError(), cv::PSNR(b, truth));
            }
        }
        if (!o.anchors) continue;
        bench::Clip b = bench::runFfmpeg({QStringLiteral("-vf"), outFps}, size.width, size.height, padded,
                                         size.width, size.height, 15);
        bench::Clip r = bench::runFfmpeg({QStringLiteral("-vf"), mi2}, size.width, size.height, padded,
                                         size.width, size.height, 15);
        if (int(r.frames.size()) < count) {
            std::printf("  minterpolate gave %zu frames (%s)\n", r.frames.size(), qPrintable(r.error));
            return;
        }
        if (m.frames.empty()) m = r;
        baseSeconds.push_back(b.seconds);
        miSeconds.push_back(r.seconds);
    }
    const double ourSeconds = *std::min_element(repSeconds.begin(), repSeconds.end());
    const double ourCpu = *std::min_element(repCpu.begin(), repCpu.end());
    row(name, "duplicate", dup.meanPsnr(), dup.meanSsim(), 0);
    row(name, "blend 50/50", blend.meanPsnr(), blend.meanSsim(), 0);
    const double ourMs = ourSeconds * 1000 / made;
    char label[128];
    std::snprintf(label, sizeof label, "rushes retime (%s)%s", backendName(o.backend), cuts ? " [cuts!]" : "");
    row(name, label, ours.meanPsnr(), ours.meanSsim(), ourMs);
    std::printf("  %-12s %-44s %8.1f ms/frame processor time (all threads)\n", name.constData(), "", ourCpu * 1000 / made);
    if (o.stages) printStages(stages, name.constData());
    if (o.oracle && F == 2) {
        std::printf("  %-12s %-44s PSNR %6.2f dB\n", name.constData(), "oracle: best phase per frame", oraclePhase / made);
        std::printf("  %-12s %-44s PSNR %6.2f dB\n", name.constData(), "oracle: best phase + the frame's level", oracleLevel / made);
        std::printf("  %-12s %-44s PSNR %6.2f dB\n", name.constData(),
                    "oracle: motion fitted to the real frame", oracleFitted / made);
        std::printf("  %-12s %-44s PSNR %6.2f dB\n", name.constData(), "oracle: that motion made straight",
                    oracleStraight / made);
    }
    if (!o.anchors) return;
    for (int k = 0; k < pairs; ++k) {
        for (int j = 1; j < F; ++j) {
            const size_t i = size_t(F) * size_t(k) + size_t(j);
            mi.add(m.frames[i], clip.frames[i]);
            miAt[size_t(j)].add(m.frames[i], clip.frames[i]);
        }
        const size_t i = size_t(F) * size_t(k) + size_t(F / 2);
        if (getenv("RUSHES_BENCH_VERBOSE"))
            std::printf("    pair %d: minterpolate %.2f (phase %d/%d)\n", k,
                        cv::PSNR(m.frames[i], clip.frames[i]), F / 2, F);
    }
    // The fastest run of each pipe, as for ours.
    const double miMs = std::max(1e-3, *std::min_element(miSeconds.begin(), miSeconds.end()) -
                                           *std::min_element(baseSeconds.begin(), baseSeconds.end())) *
                        1000 / made;
    row(name, "FFmpeg minterpolate (mci)", mi.meanPsnr(), mi.meanSsim(), miMs);
    for (int j = 1; F > 2 && j < F; ++j)
        std::printf(
            "  %-12s phase %d/%d: rushes PSNR %6.2f dB SSIM %.4f, minterpolate PSNR %6.2f dB SSIM %.4f\n",
            name.constData(), j, F, oursAt[size_t(j)].meanPsnr(), oursAt[size_t(j)].meanSsim(),
            miAt[size_t(j)].meanPsnr(), miAt[size_t(j)].meanSsim());
    std::printf("  %-12s rushes - minterpolate: %+.2f dB, time ratio %.3f (goal >= +1.50 dB, <= 0.100)\n", name.constData(),
                ours.meanPsnr() - mi.meanPsnr(), ourMs / miMs);
    if (o.repeat > 1) {  // each run's own ratio: ours and minterpolate moments apart
        std::vector<double> ratios;
        for (int rep = 0; rep < o.repeat; ++rep)
            ratios.push_back(repSeconds[size_t(rep)] /
                             std::max(1e-6, miSeconds[size_t(rep)] - baseSeconds[size_t(rep)]));
        std::sort(ratios.begin(), ratios.end());
        const double median = ratios.size() % 2
                                  ? ratios[ratios.size() / 2]
                                  : 0.5 * (ratios[ratios.size() / 2 - 1] + ratios[ratios.size() / 2]);
        std::printf("  %-12s time ratio run by run: median %.3f, %.3f-%.3f over %d runs\n", name.constData(),
                    median, ratios.front(), ratios.back(), o.repeat);
    }
}

void denoiseProtocol(const QString& path, const Options& o) {
    const QByteArray name = QFileInfo(path).fileName().left(12).toUtf8();
    cv::Size size = bench::probeSize(path);
    if (o.smoke) size = {160, 90};
    const int first = o.smoke ? 0 : o.start >= 0 ? o.start : 40;
    const int count = o.smoke ? 6 : 10;
    bench::Clip clip = bench::readFrames(path, first, count, size.width, size.height, o.smoke);
    if (int(clip.frames.size()) < count) {
        std::printf("  %s: cannot read %d frames (%s)\n", name.constData(), count, qPrintable(clip.error));
        return;
    }
    const int innerFirst = 2, innerLast = count - 3;
    const std::vector<int> sigmas = o.smoke ? std::vector<int>{15} : std::vector<int>{5, 15, 25};
    for (int sigma : sigmas) {
        cv::RNG rng(1234 + sigma);
        std::vector<cv::Mat> noisy, noisyF;
        for (const cv::Mat& f : clip.frames) {
            cv::Mat n(f.size(), CV_32FC3);
            rng.fill(n, cv::RNG::NORMAL, 0.0, o.grain > 0 ? 1.0 : double(sigma));
            if (o.grain > 0) {  // grain: blurred, then scaled to the stated deviation
                cv::GaussianBlur(n, n, cv::Size(0, 0), o.grain);
                cv::Scalar mean, sd;
                cv::meanStdDev(n.reshape(1), mean, sd);
                n *= double(sigma) / sd[0];
            }
            if (o.shot) {  // photon noise: the deviation at level I is sigma * sqrt(I / 128)
                cv::Mat level;
                cv::max(toWorking(f), 0.5, level);
                cv::sqrt(level * (1.0 / 128), level);
                n = n.mul(level);
            }
            cv::Mat sum = toWorking(f) + n;
            noisy.push_back(to8(sum));
            noisyF.push_back(toWorking(noisy.back()));
        }
        Score in, ours;
        DenoiseSettings s = o.denoise;
        s.backend = o.backend;
        // --auto: estimated once, from the window of the first frame made, as process does for a clip
        // (its time is printed, not counted in ms/frame).
        const std::vector<cv::Mat> firstWindow(noisyF.begin(), noisyF.begin() + 2 * innerFirst + 1);
        QElapsedTimer estTimer;
        estTimer.start();
        const NoiseEstimate est = estimateNoise(firstWindow, innerFirst, s);
        const double estimate = est.sigma, estimateMs = estTimer.nsecsElapsed() / 1e6;
        s.sigma = o.autoSigma ? estimate : double(sigma);
        if (o.autoSigma) s.searchStep = est.searchStep;
        if (o.autoSigma) s.shotOffset = est.shotOffset;
        Denoiser den(s);
        // One untimed call first: the first call at a size sets up its buffers (page faults), which a
        // clip pays once and six timed frames would show as a sixth of it each.
        (void)den.denoise(noisyF, innerFirst);
        double ourSeconds = 0, ourCpu = 0;
        for (int i = innerFirst; i <= innerLast; ++i) {
            in.add(noisy[size_t(i)], clip.frames[size_t(i)]);
            cv::Mat out;
            double best = 1e9, bestCpu = 1e9;
            for (int rep = 0; rep < o.repeat; ++rep) {  // --repeat: the fastest of N runs (own A/B only)
                QElapsedTimer t;
                t.start();
                const std::clock_t c0 = std::clock();
                auto r = den.denoise(noisyF, i);
                out = to8(r.value());
                best = std::min(best, seconds(t));
                bestCpu = std::min(bestCpu, cpuSeconds(c0));
            }
            ourSeconds += best;
            ourCpu += bestCpu;
            ours.add(out, clip.frames[size_t(i)]);
        }
        const int n = innerLast - innerFirst + 1;
        const double ourMs = ourSeconds * 1000 / n;
        char label[128];
        if (o.grain > 0)
            std::printf("  grain of deviation %d, blurred by %.2g px", sigma, o.grain);
        else if (o.shot)
            std::printf("  photon noise, sigma %d at mid-grey", sigma);
        else
            std::printf("  sigma %d", sigma);
        std::printf(" (estimated %.2f", noiseSigmaAt(128, estimate, est.shotOffset));
        if (est.shotOffset >= 0)
            std::printf(" at mid-grey, growing with brightness (offset %.1f)", est.shotOffset);
        std::printf(", %s%s, in %.0f ms%s)\n", describeSearch(o.denoise.searchRadius, est.searchStep).c_str(),
                    est.grain ? ", grain" : "", estimateMs, o.autoSigma ? ", which ours uses" : "");
        row(name, "noisy input", in.meanPsnr(), in.meanSsim(), 0);
        std::snprintf(label, sizeof label, "rushes denoise (%s)", backendName(o.backend));
        row(name, label, ours.meanPsnr(), ours.meanSsim(), ourMs);
        std::printf("  %-12s %-44s %8.1f ms/frame processor time (all threads)\n", name.constData(), "", ourCpu * 1000 / n);
        if (!o.anchors) continue;
        bench::Clip base = bench::runFfmpeg({QStringLiteral("-vf"), QStringLiteral("null")}, size.width, size.height, noisy,
                                            size.width, size.height);
        auto anchor = [&](const QString& vf, const char* label2) {
            bench::Clip a = bench::runFfmpeg({QStringLiteral("-vf"), vf}, size.width, size.height, noisy, size.width,
                                             size.height);
            if (int(a.frames.size()) < count) {
                std::printf("  %s failed (%s)\n", label2, qPrintable(a.error));
                return 0.0;
            }
            Score sc;
            for (int i = innerFirst; i <= innerLast; ++i) sc.add(a.frames[size_t(i)], clip.frames[size_t(i)]);
            const double ms = std::max(1e-3, a.seconds - base.seconds) * 1000 / count;
            row(name, label2, sc.meanPsnr(), sc.meanSsim(), ms);
            return ms;
        };
        anchor(QStringLiteral("hqdn3d=8:6:12:9"), "FFmpeg hqdn3d 8:6:12:9");
        const QString nl = QStringLiteral("nlmeans=s=%1").arg(0.8 * sigma);
        const double nlMs = anchor(nl, qPrintable(QStringLiteral("FFmpeg ") + nl));
        if (nlMs > 0) std::printf("  %-12s rushes/nlmeans time ratio %.3f (goal <= 0.050)\n", name.constData(), ourMs / nlMs);
        // OpenCV's non-local means (colour, h = hColor = 0.8 sigma as for nlmeans), on the inner frames.
        Score cvScore;
        double cvSeconds = 0;
        for (int i = innerFirst; i <= innerLast; ++i) {
            cv::Mat bgr, den, rgb;
            cv::cvtColor(noisy[size_t(i)], bgr, cv::COLOR_RGB2BGR);
            QElapsedTimer t;
            t.start();
            const float hh = float(0.8 * sigma);
            cv::fastNlMeansDenoisingColored(bgr, den, hh, hh, 7, 21);
            cvSeconds += seconds(t);
            cv::cvtColor(den, rgb, cv::COLOR_BGR2RGB);
            cvScore.add(rgb, clip.frames[size_t(i)]);
        }
        const double cvMs = cvSeconds * 1000 / n;
        std::snprintf(label, sizeof label, "OpenCV fastNlMeansDenoisingColored h=%.0f", 0.8 * sigma);
        row(name, label, cvScore.meanPsnr(), cvScore.meanSsim(), cvMs);
        std::printf("  %-12s rushes/OpenCV NLM time ratio %.3f\n", name.constData(), ourMs / cvMs);
    }
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they are measured
    keepFrameBuffers();
    Options o;
    QStringList clips;
    const QString media = QStringLiteral(RUSHES_MEDIA_DIR) + QStringLiteral("/video/");
    QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        auto next = [&]() { return i + 1 < args.size() ? args[++i] : QString(); };
        if (a == QLatin1String("--smoke")) o.smoke = true;
        else if (a == QLatin1String("--no-anchors")) o.anchors = false;
        else if (a == QLatin1String("--oracle")) o.oracle = true;
        else if (a == QLatin1String("--stages"))
            o.stages = true;
        else if (a == QLatin1String("--repeat")) o.repeat = std::max(1, next().toInt());
        else if (a == QLatin1String("--start"))
            o.start = std::max(0, next().toInt());
        else if (a == QLatin1String("--auto"))
            o.autoSigma = true;
        else if (a == QLatin1String("--grain"))
            o.grain = std::max(0.0, next().toDouble());
        else if (a == QLatin1String("--shot"))
            o.shot = true;
        else if (a == QLatin1String("--factor")) {
            o.factor = next().toInt();
            if (o.factor < 2 || o.factor > 6 || 60 % o.factor) {
                std::printf("--factor: 2, 3, 4, 5 or 6 (a divisor of 60), not %d\n", o.factor);
                return 2;
            }
        } else if (a == QLatin1String("--only"))
            o.only = next();
        else if (a == QLatin1String("--clips")) clips = next().split(QLatin1Char(','));
        else if (a == QLatin1String("--backend")) o.backend = parseBackend(next().toStdString()).value_or(Backend::Cpu);
        else if (a == QLatin1String("--flow-scale")) o.retime.flowScale = next().toDouble();
        else if (a == QLatin1String("--preset")) o.retime.flowPreset = next().toInt();
        else if (a == QLatin1String("--refine")) o.retime.refineIterations = next().toInt();
        else if (a == QLatin1String("--finest")) o.retime.finestScale = next().toInt();
        else if (a == QLatin1String("--min-step"))
            o.retime.flowMinStep = next().toDouble();
        else if (a == QLatin1String("--patch")) o.retime.patchSize = next().toInt();
        else if (a == QLatin1String("--stride")) o.retime.patchStride = next().toInt();
        else if (a == QLatin1String("--linear")) o.retime.quadratic = false;
        else if (a == QLatin1String("--quadratic"))
            o.retime.quadratic = true;
        else if (a == QLatin1String("--opencv-dis"))
            o.retime.projectFlow = false;
        else if (a == QLatin1String("--csigma")) o.retime.consistencySigma = next().toDouble();
        else if (a == QLatin1String("--warp")) o.retime.warpFilter = WarpFilter(std::clamp(next().toInt(), 0, 2));  // 0 auto, 1 Catmull-Rom, 2 Lanczos-3
        else if (a == QLatin1String("--dn-radius")) o.denoise.radius = next().toInt();
        else if (a == QLatin1String("--dn-search")) o.denoise.searchRadius = next().toInt();
        else if (a == QLatin1String("--dn-step"))
            o.denoise.searchStep = std::max(1, next().toInt());
        else if (a == QLatin1String("--dn-patch")) o.denoise.patchRadius = next().toInt();
        else if (a == QLatin1String("--dn-strength")) o.denoise.strength = next().toDouble();
        else if (a == QLatin1String("--dn-preset")) o.denoise.flowPreset = next().toInt();
        else if (a == QLatin1String("--dn-flow-scale")) o.denoise.flowScale = next().toDouble();
    }
    if (clips.isEmpty()) {
        clips = o.smoke ? QStringList{QStringLiteral("flower.mp4")}
                        : QStringList{QStringLiteral("flower.mp4"), QStringLiteral("friday.mp4"),
                                      QStringLiteral("PSR63_2012-06-02.mov"), QStringLiteral("Dinky_2015-06-11.m4v")};
    }
    if (!QFileInfo::exists(media + clips.first())) {
        std::printf("shared media not found at %s: nothing to measure\n", qPrintable(media));
        return 0;
    }
    o.backend = resolveBackend(o.backend);
    std::printf("backend: %s%s%s\n", backendName(o.backend), o.backend == Backend::OpenCL ? " on " : "",
                o.backend == Backend::OpenCL ? openclDeviceName().c_str() : "");
    if (o.only.isEmpty() || o.only == QLatin1String("retime")) {
        if (o.factor == 2)
            std::printf("Drop-frame protocol (retime 2x of the even frames; PSNR/SSIM on the odd frames)\n");
        else
            std::printf(
                "Drop-frame protocol, slow motion (every %dth frame kept, retimed %dx; PSNR/SSIM on the "
                "frames between)\n",
                o.factor, o.factor);
        for (const QString& c : clips) retimeProtocol(media + c, o);
    }
    if (o.only.isEmpty() || o.only == QLatin1String("denoise")) {
        std::printf("Synthetic-noise protocol (frames 40-49, seeded Gaussian %s, PSNR over frames 2..7)%s\n",
                    o.grain > 0 ? "grain"
                    : o.shot    ? "photon noise"
                                : "noise",
                    o.autoSigma ? ", ours estimating the noise" : "");
        for (const QString& c : clips) denoiseProtocol(media + c, o);
    }
    return 0;
}
