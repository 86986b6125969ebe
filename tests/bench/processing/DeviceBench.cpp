// The processing core's speed and agreement on each backend, built on the operations alone
// (OpenCV and OpenCL, no Qt, no FFmpeg), so that it runs on a machine that has neither: the GPU
// machine of ../shared/EVALUATION.md section 6 (see device/run.sh beside this file).
//
//   processing_device_bench --frames DIR [--size 1920x1080] [--pairs 12] [--backends cpu,opencl]
//                           [--depths float,8,16,half] [--device-flow] [--sync-upload]
//                           [--host-pipeline] [--sync-stages] [--transfers pinned,pageable]
//                           [--json OUT.json]
//
// DIR holds consecutive real frames as binary PPM (P6, 8-bit), e.g. from
//   ffmpeg -i ../shared/media/video/flower.mp4 -frames:v 17 DIR/f%03d.ppm
// It prints, per backend:
//  - quality at the frames' own size: the drop-frame protocol (every odd frame interpolated
//    from its neighbours) and denoising of seeded Gaussian noise (sigma 15), PSNR against the
//    real frames, and how closely the OpenCL output agrees with the CPU output;
//  - speed at --size (the frames resized): a 2x retime (one setPair and one in-between per pair),
//    the denoiser on a 5-frame window - on the OpenCL device pipelines once per --depths entry
//    (default float,8): working (float) frames in and out, then frames at a decoder's depth in and
//    out (8-bit, 16-bit, half), as decoded footage arrives and as the output leaves (converted on
//    the device) - and, as the anchor in the same run, OpenCV's own DIS flow on the same backend at
//    that size (presets ultrafast, fast, medium) and at our flow size; the cost of moving one frame
//    of each depth to and from the device.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/core/ocl.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "BenchFrames.h"
#include "StageLog.h"
#include "processing/Backend.h"
#include "processing/Denoise.h"
#include "processing/Retime.h"
#include "processing/internal/Kernels.h"

using namespace rushes::processing;

namespace {

bool syncUpload =
    false;  // --sync-upload: the retime's frames go to the device before the motion is estimated
bool deviceFlow = false;  // --device-flow: OpenCV's OpenCL DIS on the OpenCL backend (default: its CPU DIS)
bool hostPipeline = false;  // --host-pipeline: the OpenCL backend's older split (flows on the CPU, warp and
                            // mean on the device)
std::vector<int> depths = {CV_32F, CV_8U};  // --depths: the frames' depths on the device pipelines
bool syncStages = false;    // --sync-stages: each device stage's own time (the device waited for after each)
// --transfers pinned,pageable: the device pipelines' frames through page-locked memory
// (internal::PinnedTransfers, the default) and/or as cv::UMat::copyTo sends them, one run each.
std::vector<bool> pinnedVariants = {true};

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Binary PPM (P6, maxval 255) as CV_8UC3 RGB; empty on any error (message in `error`).
cv::Mat readPpm(const std::filesystem::path& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path.string() + ": cannot open";
        return {};
    }
    auto token = [&in]() {
        std::string t;
        char c;
        while (in.get(c)) {
            if (c == '#') {
                std::string skip;
                std::getline(in, skip);
            } else if (!std::isspace(static_cast<unsigned char>(c))) {
                t += c;
                break;
            }
        }
        while (in.get(c) && !std::isspace(static_cast<unsigned char>(c))) t += c;
        return t;
    };
    const std::string magic = token();
    const int w = std::atoi(token().c_str()), h = std::atoi(token().c_str()),
              maxval = std::atoi(token().c_str());
    if (magic != "P6" || w <= 0 || h <= 0 || w > 16384 || h > 16384 || maxval != 255) {
        error = path.string() + ": not an 8-bit binary PPM (P6)";
        return {};
    }
    cv::Mat m(h, w, CV_8UC3);
    in.read(reinterpret_cast<char*>(m.data), std::streamsize(m.total() * 3));
    if (in.gcount() != std::streamsize(m.total() * 3)) {
        error = path.string() + ": truncated";
        return {};
    }
    return m;
}

using rushes::bench::to8;
using rushes::bench::toWorking;

using rushes::bench::median;
using rushes::bench::StageLog;

// The frame depths --depths takes, as printed and as the JSON keys' suffixes.
std::string depthName(int depth) {
    return depth == CV_8U ? "8-bit" : depth == CV_16U ? "16-bit" : depth == CV_16F ? "half" : "float";
}
std::string depthSuffix(int depth) {
    return depth == CV_8U ? "_8bit" : depth == CV_16U ? "_16bit" : depth == CV_16F ? "_half" : "";
}

// Each stage's median, one line each.
// With --sync-stages, also the sum of the stages that are not transfers (upload, download): the
// time a frame takes on the device once it is there, returned (0 otherwise).
double printStages(const StageLog& log, const char* indent) {
    double onDevice = 0;
    for (const auto& [name, ms] : log.stages) {
        std::printf("%s%-40s %7.2f ms\n", indent, name.c_str(), median(ms));
        if (name.rfind("upload", 0) != 0 && name.rfind("download", 0) != 0) onDevice += median(ms);
    }
    if (!syncStages) return 0;
    std::printf("%s%-40s %7.2f ms (%6.1f fps)\n", indent, "all but the transfers", onDevice,
                1000.0 / onDevice);
    return onDevice;
}

struct Json {
    std::string body;
    void add(const std::string& key, double value) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.4f", value);
        body += (body.empty() ? "" : ",\n") + std::string("  \"") + key + "\": " + buf;
    }
    void add(const std::string& key, const std::string& value) {
        body += (body.empty() ? "" : ",\n") + std::string("  \"") + key + "\": \"" + value + "\"";
    }
};

std::vector<cv::Mat> withNoise(const std::vector<cv::Mat>& frames, double sigma, int seed) {
    cv::RNG rng{static_cast<uint64_t>(seed)};
    std::vector<cv::Mat> out;
    for (const cv::Mat& f : frames) {
        cv::Mat n(f.size(), CV_32FC3);
        rng.fill(n, cv::RNG::NORMAL, 0.0, sigma);
        out.push_back(toWorking(to8(toWorking(f) + n)));  // clipped to 8 bits, as the protocol does
    }
    return out;
}

// Drop-frame protocol on the clip's own frames: odd frames made from their even neighbours.
std::vector<cv::Mat> retimeOdd(const std::vector<cv::Mat>& frames, Backend backend, double& psnr) {
    InterpolatorSettings s;
    s.backend = backend;
    s.deviceFlow = deviceFlow;
    s.devicePipeline = !hostPipeline;
    FrameInterpolator interp(s);
    std::vector<cv::Mat> made;
    psnr = 0;
    for (size_t i = 1; i + 1 < frames.size(); i += 2) {
        if (!interp.setPair(toWorking(frames[i - 1]), toWorking(frames[i + 1])).ok()) return {};
        made.push_back(to8(interp.at(0.5)));
        psnr += cv::PSNR(made.back(), frames[i]);
    }
    psnr /= double(made.size());
    return made;
}

std::vector<cv::Mat> denoiseInner(const std::vector<cv::Mat>& clean, const std::vector<cv::Mat>& noisy,
                                  Backend backend, double sigma, double& psnr) {
    DenoiseSettings s;
    s.backend = backend;
    s.deviceFlow = deviceFlow;
    s.devicePipeline = !hostPipeline;
    s.sigma = sigma;
    Denoiser den(s);
    std::vector<cv::Mat> made;
    psnr = 0;
    for (size_t i = 2; i + 2 < noisy.size(); ++i) {
        auto r = den.denoise(noisy, int(i));
        if (!r.ok()) return {};
        made.push_back(to8(r.value()));
        psnr += cv::PSNR(made.back(), clean[i]);
    }
    psnr /= double(made.size());
    return made;
}

double meanAgreement(const std::vector<cv::Mat>& a, const std::vector<cv::Mat>& b) {
    double sum = 0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) sum += std::min(99.0, cv::PSNR(a[i], b[i]));
    return a.empty() ? 0 : sum / double(a.size());
}

// OpenCV's DIS alone on the backend, at the frames' size: ms per flow (median).
// `asRetime`: with the retime's settings (finest level 0, its patches, no refinement) instead of the
// preset's own (ultrafast stops two pyramid levels above the input and upsamples).
double disMs(const std::vector<cv::Mat>& gray, Backend backend, int preset, int runs, bool asRetime = false) {
    activateBackend(backend);
    cv::Ptr<cv::DISOpticalFlow> dis = cv::DISOpticalFlow::create(preset);
    if (asRetime) {
        const InterpolatorSettings rs;
        dis->setFinestScale(rs.finestScale);
        dis->setPatchSize(rs.patchSize);
        dis->setPatchStride(rs.patchStride);
        dis->setVariationalRefinementIterations(0);
    }
    std::vector<double> times;
    for (int i = 0; i < runs + 2; ++i) {  // the first two warm up (kernel compilation, buffers)
        const cv::Mat& a = gray[size_t(i) % (gray.size() - 1)];
        const cv::Mat& b = gray[size_t(i) % (gray.size() - 1) + 1];
        const Clock::time_point t0 = Clock::now();
        if (backend == Backend::OpenCL) {
            cv::UMat ua = a.getUMat(cv::ACCESS_READ), ub = b.getUMat(cv::ACCESS_READ), uf;
            dis->calc(ua, ub, uf);
            cv::ocl::finish();
        } else {
            cv::Mat f;
            dis->calc(a, b, f);
        }
        if (i >= 2) times.push_back(msSince(t0));
    }
    return median(times);
}

}  // namespace

int main(int argc, char** argv) {
    std::string framesDir, jsonPath;
    cv::Size size(1920, 1080);
    int pairs = 12;
    std::vector<Backend> backends = {Backend::Cpu, Backend::OpenCL};
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool more = i + 1 < argc;
        if (a == "--frames" && more)
            framesDir = argv[++i];
        else if (a == "--json" && more)
            jsonPath = argv[++i];
        else if (a == "--device-flow")
            deviceFlow = true;
        else if (a == "--sync-upload")
            syncUpload = true;
        else if (a == "--host-pipeline")
            hostPipeline = true;
        else if (a == "--sync-stages")
            syncStages = true;
        else if (a == "--transfers" && more) {
            pinnedVariants.clear();
            const std::string list = argv[++i];
            bool bad = false;
            for (size_t p = 0; p <= list.size();) {  // in the order given
                const size_t q = std::min(list.find(',', p), list.size());
                const std::string v = list.substr(p, q - p);
                bad = bad || (v != "pinned" && v != "pageable");
                pinnedVariants.push_back(v == "pinned");
                p = q + 1;
            }
            if (bad) {
                std::fprintf(stderr, "processing_device_bench: --transfers takes pinned, pageable or both\n");
                return 2;
            }
        } else if (a == "--depths" && more) {
            depths.clear();
            std::string list = argv[++i];
            size_t p = 0;
            while (p <= list.size()) {
                const size_t q = std::min(list.find(',', p), list.size());
                const std::string d = list.substr(p, q - p);
                const int depth = d == "float" || d == "32" ? CV_32F
                                  : d == "8"                ? CV_8U
                                  : d == "16"               ? CV_16U
                                  : d == "half"             ? CV_16F
                                                            : -1;
                if (depth < 0) {
                    std::fprintf(stderr, "processing_device_bench: unknown depth '%s' (float, 8, 16, half)\n",
                                 d.c_str());
                    return 2;
                }
                depths.push_back(depth);
                p = q + 1;
            }
        } else if (a == "--pairs" && more)
            pairs = std::max(2, std::atoi(argv[++i]));
        else if (a == "--size" && more) {
            if (std::sscanf(argv[++i], "%dx%d", &size.width, &size.height) != 2 || size.width < 64 ||
                size.height < 64) {
                std::fprintf(stderr, "processing_device_bench: bad --size %s (want WxH, 64 or more each)\n",
                             argv[i]);
                return 2;
            }
        } else if (a == "--backends" && more) {
            backends.clear();
            std::string list = argv[++i];
            size_t p = 0;
            while (p <= list.size()) {
                const size_t q = std::min(list.find(',', p), list.size());
                const auto b = parseBackend(list.substr(p, q - p));
                if (!b || *b == Backend::Auto) {
                    std::fprintf(stderr, "processing_device_bench: unknown backend '%s' (cpu, opencl)\n",
                                 list.substr(p, q - p).c_str());
                    return 2;
                }
                backends.push_back(*b);
                p = q + 1;
            }
        } else {
            std::fprintf(stderr,
                         "usage: processing_device_bench --frames DIR [--size WxH] [--pairs N] [--backends "
                         "cpu,opencl] [--depths float,8,16,half] "
                         "[--device-flow] [--sync-upload] [--host-pipeline] [--sync-stages] [--transfers "
                         "pinned,pageable] [--json OUT]\n");
            return 2;
        }
    }
    if (framesDir.empty()) {
        std::fprintf(
            stderr,
            "processing_device_bench: --frames DIR is required (binary PPM frames of real footage)\n");
        return 2;
    }
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(framesDir, ec))
        if (e.path().extension() == ".ppm") files.push_back(e.path());
    if (ec || files.size() < 7) {
        std::fprintf(stderr, "processing_device_bench: %s: need 7 or more .ppm frames (%s)\n",
                     framesDir.c_str(), ec ? ec.message().c_str() : "too few found");
        return 1;
    }
    std::sort(files.begin(), files.end());
    std::vector<cv::Mat> native;
    for (const auto& f : files) {
        std::string error;
        cv::Mat m = readPpm(f, error);
        if (m.empty()) {
            std::fprintf(stderr, "processing_device_bench: %s\n", error.c_str());
            return 1;
        }
        if (!native.empty() && m.size() != native.front().size()) {
            std::fprintf(stderr, "processing_device_bench: %s: size differs from the first frame\n",
                         f.string().c_str());
            return 1;
        }
        native.push_back(m);
    }
    if (native.size() % 2 == 0) native.pop_back();  // odd count: the last frame is an even one

    keepFrameBuffers();
    Json json;
    const bool ocl = openclAvailable();
    std::printf("processing_device_bench: %zu frames %dx%d from %s; OpenCV threads %d; OpenCL: %s%s\n",
                native.size(), native[0].cols, native[0].rows, framesDir.c_str(), cv::getNumThreads(),
                ocl ? openclDeviceName().c_str() : "none", ocl && !openclDeviceIsGpu() ? " (not a GPU)" : "");
    json.add("opencl_device", ocl ? openclDeviceName() : std::string());
    json.add("cpu_threads", cv::getNumThreads());
    json.add("device_flow", deviceFlow ? 1.0 : 0.0);
    json.add("sync_upload", syncUpload ? 1.0 : 0.0);
    json.add("host_pipeline", hostPipeline ? 1.0 : 0.0);
    if (ocl && !hostPipeline)
        std::printf("  OpenCL backend: the device pipelines (the project's kernels, flows included)%s\n",
                    syncStages ? "; each stage waited for" : "");
    if (ocl && hostPipeline)
        std::printf("  OpenCL backend: host pipeline, OpenCV's DIS %s; retime frames uploaded %s\n",
                    deviceFlow ? "on the device" : "on the CPU",
                    syncUpload ? "first" : "while the motion is estimated");
    if (ocl) {
        const cv::ocl::Device& d = cv::ocl::Device::getDefault();
        std::printf("  OpenCL device: %s, %s, driver %s, %d compute units\n", d.vendorName().c_str(),
                    d.version().c_str(), d.driverVersion().c_str(), d.maxComputeUnits());
    }

    // Quality at the frames' own size.
    const std::vector<cv::Mat> clean(native.begin(), native.end());
    std::vector<cv::Mat> noisyW = withNoise(clean, 15.0, 1249);
    std::vector<cv::Mat> retimeOut[3], denoiseOut[3];
    double quality[3][2] = {};  // per backend: retime and denoise PSNR
    std::printf("\nQuality at %dx%d (drop-frame: %zu in-betweens; denoise sigma 15: %zu frames)\n",
                native[0].cols, native[0].rows, native.size() / 2, native.size() - 4);
    for (Backend b : backends) {
        if (b == Backend::OpenCL && !ocl) continue;
        double rp = 0, dp = 0;
        retimeOut[int(b)] = retimeOdd(clean, b, rp);
        denoiseOut[int(b)] = denoiseInner(clean, noisyW, b, 15.0, dp);
        std::printf("  %-7s retime PSNR %6.2f dB   denoise PSNR %6.2f dB\n", backendName(b), rp, dp);
        quality[int(b)][0] = rp;
        quality[int(b)][1] = dp;
        json.add(std::string("retime_psnr_") + backendName(b), rp);
        json.add(std::string("denoise_psnr_") + backendName(b), dp);
    }
    double noisyPsnr = 0;
    for (size_t i = 2; i + 2 < noisyW.size(); ++i) noisyPsnr += cv::PSNR(to8(noisyW[i]), clean[i]);
    std::printf("  noisy input PSNR %.2f dB\n", noisyPsnr / double(noisyW.size() - 4));
    if (!retimeOut[int(Backend::Cpu)].empty() && !retimeOut[int(Backend::OpenCL)].empty()) {
        const double ra = meanAgreement(retimeOut[int(Backend::Cpu)], retimeOut[int(Backend::OpenCL)]);
        const double da = meanAgreement(denoiseOut[int(Backend::Cpu)], denoiseOut[int(Backend::OpenCL)]);
        std::printf(
            "  OpenCL against CPU: retime %.2f dB, denoise %.2f dB (PSNR of one output against the other)\n",
            ra, da);
        json.add("retime_agreement_db", ra);
        json.add("denoise_agreement_db", da);
        json.add("retime_opencl_minus_cpu_db",
                 quality[int(Backend::OpenCL)][0] - quality[int(Backend::Cpu)][0]);
        json.add("denoise_opencl_minus_cpu_db",
                 quality[int(Backend::OpenCL)][1] - quality[int(Backend::Cpu)][1]);
    }

    // Speed at the benchmark size.
    std::vector<cv::Mat> big, bigGray;  // working frames
    for (const cv::Mat& m : native) {
        cv::Mat r;
        cv::resize(m, r, size, 0, 0, cv::INTER_CUBIC);
        big.push_back(toWorking(r));
        cv::Mat g;
        cv::cvtColor(r, g, cv::COLOR_RGB2GRAY);
        bigGray.push_back(g);
    }
    const double flowScale = autoFlowScale(size.width);  // as the interpolator picks it
    std::vector<cv::Mat> smallGray;
    for (const cv::Mat& g : bigGray) {
        cv::Mat s;
        cv::resize(g, s, cv::Size(), flowScale, flowScale, cv::INTER_AREA);
        smallGray.push_back(s);
    }
    std::printf("\nSpeed at %dx%d (median ms; %d pairs; flow at %dx%d)\n", size.width, size.height, pairs,
                smallGray[0].cols, smallGray[0].rows);
    for (Backend b : backends) {
        if (b == Backend::OpenCL && !ocl) continue;
        const std::string tag = backendName(b);
        // Retime 2x: setPair on each consecutive pair, then the in-between at 0.5.
        InterpolatorSettings rs;
        rs.backend = b;
        rs.deviceFlow = deviceFlow;
        rs.asyncUpload = !syncUpload;
        rs.devicePipeline = !hostPipeline;
        rs.syncStages = syncStages;
        // Working frames in and out; on the OpenCL device pipelines also RGB at a decoder's depth in
        // and out, as decoded footage arrives and as the output leaves: the conversions run on the
        // device, and a quarter (8-bit) or a half (16-bit, half) of the bytes cross the bus.
        const std::vector<cv::Mat> noisyBig =
            withNoise(std::vector<cv::Mat>(big.begin(), big.end()), 15.0, 77);
        const bool nativeToo = b == Backend::OpenCL && !hostPipeline;
        for (size_t variant = 0; variant < (nativeToo ? pinnedVariants.size() : 1); ++variant)
            for (int depth : depths) {
                if (depth != CV_32F && !nativeToo) continue;
                const bool pinned = pinnedVariants[variant];
                rs.pinnedTransfers = pinned;
                std::vector<cv::Mat> frames, noisyFrames;
                for (const cv::Mat& m : big) frames.push_back(internal::asDepth(m, depth));
                for (const cv::Mat& m : noisyBig) noisyFrames.push_back(internal::asDepth(m, depth));
                const std::string suffix = depthSuffix(depth) + (pinned ? "" : "_pageable");
                const std::string how =
                    (depth == CV_32F ? std::string() : " [" + depthName(depth) + " frames in and out]") +
                    (pinned || !nativeToo ? "" : " [pageable transfers]");
                FrameInterpolator interp(rs);
                std::vector<double> setMs, atMs, totalMs;
                StageLog retimeStages, denoiseStages;
                for (int i = 0; i < pairs + 2; ++i) {
                    const size_t k = size_t(i) % (big.size() - 1);
                    const Clock::time_point t0 = Clock::now();
                    if (!interp.setPair(frames[k], frames[k + 1]).ok()) return 1;
                    const double s = msSince(t0);
                    const Clock::time_point t1 = Clock::now();
                    cv::Mat mid = interp.at(0.5, depth);
                    const double a = msSince(t1);
                    if (mid.empty()) return 1;
                    if (i >= 2) {
                        setMs.push_back(s), atMs.push_back(a), totalMs.push_back(s + a);
                        retimeStages.add(interp.stageTimes());
                    }
                }
                // Denoise: each frame from a 5-frame window of noisy neighbours.
                DenoiseSettings ds;
                ds.backend = b;
                ds.deviceFlow = deviceFlow;
                ds.devicePipeline = !hostPipeline;
                ds.syncStages = syncStages;
                ds.pinnedTransfers = pinned;
                ds.sigma = 15;
                Denoiser den(ds);
                std::vector<double> denMs;
                for (int i = 0; i < std::min<int>(pairs, int(noisyFrames.size()) - 4) + 2; ++i) {
                    const int c = 2 + i % (int(noisyFrames.size()) - 4);
                    const Clock::time_point t0 = Clock::now();
                    auto r = den.denoise(noisyFrames, c, -1, depth);
                    if (!r.ok()) return 1;
                    if (i >= 2) {
                        denMs.push_back(msSince(t0));
                        denoiseStages.add(den.stageTimes());
                    }
                }
                const double rt = median(totalMs), dn = median(denMs);
                std::printf(
                    "  %-7s retime 2x: %7.2f ms per in-between (%6.1f fps; motion %6.2f + in-between "
                    "%6.2f)%s\n",
                    tag.c_str(), rt, 1000.0 / rt, median(setMs), median(atMs), how.c_str());
                const double retimeCompute = printStages(retimeStages, "            ");
                std::printf("  %-7s denoise:   %7.2f ms per frame      (%6.1f fps)%s\n", tag.c_str(), dn,
                            1000.0 / dn, how.c_str());
                const double denoiseCompute = printStages(denoiseStages, "            ");
                if (syncStages) {
                    json.add("retime_compute_ms_" + tag + suffix, retimeCompute);
                    json.add("denoise_compute_ms_" + tag + suffix, denoiseCompute);
                }
                json.add("retime_ms_" + tag + suffix, rt);
                json.add("retime_motion_ms_" + tag + suffix, median(setMs));
                json.add("retime_inbetween_ms_" + tag + suffix, median(atMs));
                json.add("denoise_ms_" + tag + suffix, dn);
            }
        // The anchor: OpenCV's DIS alone, same backend, same frames.
        const char* presets[] = {"ultrafast", "fast", "medium"};
        for (int p = 0; p < 3; ++p) {
            const double full = disMs(bigGray, b, p, 8);
            std::printf("  %-7s OpenCV DIS %-9s at %dx%d: %7.2f ms per flow\n", tag.c_str(), presets[p],
                        size.width, size.height, full);
            json.add("dis_" + std::string(presets[p]) + "_ms_" + tag, full);
        }
        const double small = disMs(smallGray, b, 0, 8), ours = disMs(smallGray, b, 0, 8, true);
        std::printf(
            "  %-7s OpenCV DIS ultrafast at %dx%d: %7.2f ms per flow; with the retime's settings %.2f ms "
            "(two per pair)\n",
            tag.c_str(), smallGray[0].cols, smallGray[0].rows, small, ours);
        json.add("dis_flowsize_ms_" + tag, small);
        json.add("dis_retime_ms_" + tag, ours);
        if (b == Backend::OpenCL) {
            // One frame of `frames` to the device and back, ten times: median ms each way.
            auto transfers = [&](const std::vector<cv::Mat>& frames, const std::string& what,
                                 const std::string& suffix) {
                // Ten round trips with `up` and `down` (false: failed, counted as -1): median ms each way.
                auto roundTrips = [&frames](const auto& up, const auto& down) {
                    std::vector<double> upMs, downMs;
                    for (int i = 0; i < 10; ++i) {
                        cv::UMat u;
                        cv::Mat back;
                        Clock::time_point t0 = Clock::now();
                        const bool ok = up(frames[size_t(i) % frames.size()], u);
                        cv::ocl::finish();
                        upMs.push_back(ok ? msSince(t0) : -1);
                        t0 = Clock::now();
                        downMs.push_back(down(u, back) ? msSince(t0) : -1);
                    }
                    return std::pair(median(upMs), median(downMs));
                };
                const auto [up, down] = roundTrips(
                    [](const cv::Mat& f, cv::UMat& u) {
                        f.copyTo(u);
                        return true;
                    },
                    [](const cv::UMat& u, cv::Mat& b) {
                        u.copyTo(b);
                        return true;
                    });
                // The same through page-locked memory, as the device pipelines send frames.
                internal::PinnedTransfers pinned;
                const auto [pinnedUp, pinnedDown] =
                    roundTrips([&pinned](const cv::Mat& f, cv::UMat& u) { return pinned.upload(f, u); },
                               [&pinned](const cv::UMat& u, cv::Mat& b) { return pinned.download(u, b); });
                std::printf(
                    "  %-7s one %dx%d %s RGB frame (%.1f MB): upload %.2f ms, download %.2f ms; "
                    "through pinned memory %.2f and %.2f ms\n",
                    tag.c_str(), size.width, size.height, what.c_str(),
                    double(frames[0].total() * frames[0].elemSize()) / 1e6, up, down, pinnedUp, pinnedDown);
                json.add("upload" + suffix + "_ms", up);
                json.add("download" + suffix + "_ms", down);
                json.add("upload_pinned" + suffix + "_ms", pinnedUp);
                json.add("download_pinned" + suffix + "_ms", pinnedDown);
            };
            for (int depth : depths) {
                std::vector<cv::Mat> frames;
                for (const cv::Mat& m : big) frames.push_back(internal::asDepth(m, depth));
                transfers(frames, depthName(depth), depthSuffix(depth));
            }
        }
    }
    if (!jsonPath.empty()) {
        std::ofstream out(jsonPath);
        out << "{\n" << json.body << "\n}\n";
    }
    return 0;
}
