// Decode benchmark: frames per second of the codecs reader against `ffmpeg -threads N -i FILE
// -f null -` on the same 1080p inputs (made once from the shared clips and cached in the build
// folder), and random access against a plain libav seek-to-keyframe-and-decode loop.
// Not a timed test: it prints both figures and the ratio. `--smoke` runs a tiny version.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <random>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include "rushes/codecs/MediaReader.h"

using namespace rushes::codecs;

namespace {

bool ffmpeg(const QStringList& args, double* seconds = nullptr) {
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(QStandardPaths::findExecutable("ffmpeg"), QStringList{"-nostdin", "-v", "error", "-y"} + args);
    if (!p.waitForStarted() || !p.waitForFinished(-1)) return false;
    if (seconds) *seconds = double(t.nsecsElapsed()) / 1e9;
    if (p.exitCode() != 0) std::fprintf(stderr, "ffmpeg failed: %s\n", p.readAllStandardError().constData());
    return p.exitCode() == 0;
}

struct Input {
    const char* name;
    QString path;        // file or pattern
    QStringList inputOptions;
};

// The anchor for random access: seek to the keyframe before the target and decode forward.
double libavSeekDecode(const std::string& path, const std::vector<int64_t>& targets, int threads) {
    AVFormatContext* fmt = nullptr;
    if (avformat_open_input(&fmt, path.c_str(), nullptr, nullptr) < 0) return -1;
    avformat_find_stream_info(fmt, nullptr);
    const int si = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    AVStream* st = fmt->streams[si];
    // Presentation timestamps of every frame, from the packets.
    std::vector<int64_t> pts;
    AVPacket* pkt = av_packet_alloc();
    while (av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == si) pts.push_back(pkt->pts);
        av_packet_unref(pkt);
    }
    std::sort(pts.begin(), pts.end());
    const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
    AVCodecContext* dec = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(dec, st->codecpar);
    dec->thread_count = threads;
    dec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    avcodec_open2(dec, codec, nullptr);
    AVFrame* frame = av_frame_alloc();
    QElapsedTimer t;
    t.start();
    for (int64_t target : targets) {
        const int64_t want = pts[size_t(target)];
        av_seek_frame(fmt, si, want, AVSEEK_FLAG_BACKWARD);
        avcodec_flush_buffers(dec);
        bool done = false;
        while (!done) {
            if (av_read_frame(fmt, pkt) < 0) {
                avcodec_send_packet(dec, nullptr);
            } else if (pkt->stream_index != si) {
                av_packet_unref(pkt);
                continue;
            } else {
                avcodec_send_packet(dec, pkt);
                av_packet_unref(pkt);
            }
            int r;
            while ((r = avcodec_receive_frame(dec, frame)) == 0) {
                if (frame->best_effort_timestamp >= want) done = true;
                av_frame_unref(frame);
                if (done) break;
            }
            if (r == AVERROR_EOF) break;
        }
    }
    const double s = double(t.nsecsElapsed()) / 1e9;
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
    return s / double(targets.size());
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool smoke = args.contains("--smoke");
    int threads = 2;
    if (int i = int(args.indexOf("--threads")); i > 0 && i + 1 < args.size()) threads = args[i + 1].toInt();
    // `--only TEXT`: only the parts whose title contains TEXT ("ProRes", "EXR", "random").
    QString only;
    if (int i = int(args.indexOf("--only")); i > 0 && i + 1 < args.size()) only = args[i + 1];
    const auto wanted = [&](const QString& title) {
        return only.isEmpty() || title.contains(only, Qt::CaseInsensitive);
    };
    const QString media = QStringLiteral(RUSHES_MEDIA_DIR);
    const QString source = media + "/video/flower.mp4";
    if (!QFileInfo::exists(source)) {
        std::printf("SKIP: shared media not found at %s\n", qPrintable(media));
        return 0;
    }
    if (QStandardPaths::findExecutable("ffmpeg").isEmpty()) {
        std::printf("SKIP: no ffmpeg binary for the anchor\n");
        return 0;
    }
    const QString size = smoke ? "320:180" : "1920:1080";
    const QString cache = QStringLiteral(RUSHES_BINARY_DIR) + (smoke ? "/bench-cache/decode-smoke" : "/bench-cache/decode");
    QDir().mkpath(cache + "/exr");
    const QString scale = "scale=" + size + ":flags=lanczos";
    const QString frames = smoke ? "24" : "150";
    const QString exrFrames = smoke ? "8" : "48";
    std::vector<Input> inputs = {
        {"H.264 (crf 16, GOP 48)", cache + "/flower_h264.mp4", {}},
        {"ProRes 422 HQ", cache + "/flower_prores.mov", {}},
        {"DNxHR HQ", cache + "/flower_dnxhr.mov", {}},
        {"EXR half (zip16)", cache + "/exr/flower.%04d.exr", {"-start_number", "1"}},
    };
    const QStringList makeArgs[] = {
        {"-c:v", "libx264", "-crf", "16", "-g", "48"},
        {"-c:v", "prores_ks", "-profile:v", "3", "-pix_fmt", "yuv422p10le"},
        {"-c:v", "dnxhd", "-profile:v", "dnxhr_hq", "-pix_fmt", "yuv422p"},
        {"-c:v", "exr", "-pix_fmt", "gbrapf32le", "-format", "1", "-compression", "3", "-start_number", "1"},
    };
    for (size_t k = 0; k < inputs.size(); ++k) {
        const bool seq = k == 3;
        const QString probe = seq ? cache + "/exr/flower.0001.exr" : inputs[k].path;
        if (QFileInfo::exists(probe)) continue;
        std::printf("making %s ...\n", qPrintable(inputs[k].path));
        std::fflush(stdout);
        if (!ffmpeg(QStringList{"-i", source, "-an", "-frames:v", seq ? exrFrames : frames, "-vf", scale} + makeArgs[k] +
                    QStringList{inputs[k].path}))
            return 1;
    }
    std::printf("\nDecode speed, %d threads, %s (frames per second, higher is better)\n", threads, qPrintable(size));
    std::printf("%-24s %10s %10s %8s\n", "input", "reader", "ffmpeg", "ratio");
    bool ok = true;
    for (const Input& in : inputs) {
        if (!wanted(in.name)) continue;
        OpenOptions opt;
        opt.threads = threads;
        // Best of two runs for each side, alternated, to even out the machine's noise.
        double best = 1e9, bestFf = 1e9;
        int64_t n = 0;
        for (int run = 0; run < (smoke ? 1 : 2); ++run) {
            QElapsedTimer t;
            t.start();
            auto r = openMedia(in.path.toStdString(), opt);
            if (!r) {
                std::printf("%s: %s\n", in.name, r.error().toString().c_str());
                ok = false;
                break;
            }
            n = (*r)->info().frameCount;
            // One Frame reused throughout, as a player's decode loop does: the figure is the
            // decoder's and the copy's, not the allocator's.
            Frame frame;
            for (int64_t i = 0; i < n; ++i) {
                if (auto st = (*r)->readFrameInto(i, frame); !st) {
                    std::printf("%s\n", st.error().toString().c_str());
                    return 1;
                }
            }
            best = std::min(best, double(t.nsecsElapsed()) / 1e9);
            double ff = 0;
            if (!ffmpeg(in.inputOptions + QStringList{"-threads", QString::number(threads), "-i", in.path, "-f", "null", "-"},
                        &ff))
                return 1;
            bestFf = std::min(bestFf, ff);
        }
        if (!n) continue;
        const double ours = double(n) / best, theirs = double(n) / bestFf;
        std::printf("%-24s %10.1f %10.1f %7.2fx\n", in.name, ours, theirs, ours / theirs);
    }
    // Random access on the long-GOP file: the reader against seek-to-keyframe-and-decode.
    if (wanted("random access")) {
        const std::string path = inputs[0].path.toStdString();
        OpenOptions opt;
        opt.threads = threads;
        auto r = openMedia(path, opt);
        if (!r) return 1;
        const int64_t n = (*r)->info().frameCount;
        std::vector<int64_t> targets;
        std::mt19937 rng(42);
        for (int i = 0; i < (smoke ? 5 : 30); ++i) targets.push_back(int64_t(rng() % uint64_t(n)));
        // Best of three runs for each side, alternated, as above.
        double ours = 1e9, anchor = 1e9;
        for (int run = 0; run < (smoke ? 1 : 3); ++run) {
            QElapsedTimer t;
            t.start();
            Frame frame;
            for (int64_t i : targets)
                if (!(*r)->readFrameInto(i, frame)) return 1;
            ours = std::min(ours, double(t.nsecsElapsed()) / 1e9 / double(targets.size()));
            anchor = std::min(anchor, libavSeekDecode(path, targets, threads));
        }
        std::printf("\nRandom access, H.264 GOP 48, %zu random frames (ms per frame, lower is better)\n", targets.size());
        std::printf("%-24s %10.1f\n%-24s %10.1f\nratio (anchor / reader)  %9.2fx\n", "reader readFrame", ours * 1e3,
                    "seek + decode (libav)", anchor * 1e3, anchor / ours);
    }
    return ok ? 0 : 1;
}
