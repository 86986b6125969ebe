#pragma once
// The project's own OpenCL kernels (source text), compiled once per context by cv::ocl.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#ifndef CL_TARGET_OPENCL_VERSION
#define CL_TARGET_OPENCL_VERSION 120
#endif
#include <CL/cl.h>
#include <opencv2/core/ocl.hpp>
#include <opencv2/core/utility.hpp>

#include "processing/Backend.h"

namespace rushes::processing::internal {

// Returns a compiled kernel from the project's program, or an empty kernel when OpenCL fails.
cv::ocl::Kernel kernel(const char* name);

// OpenCL C helpers the project's programs start with (load3; bilinear sample1 and sample2, clamped
// to the image, with a row step in floats).
const std::string& commonKernelSource();

// Kernel `name` of `source` (cv::ocl compiles a program once per context), or an empty kernel when
// OpenCL cannot build it; then says so on stderr, once per program, with `fallback`: what the
// caller does instead.
cv::ocl::Kernel buildKernel(const cv::ocl::ProgramSource& source, const char* name, const char* options,
                            const char* fallback);

// Queues the project's kernels straight on OpenCV's (in-order) OpenCL queue: OpenCV's Kernel::run
// cannot queue a kernel object again before it has finished, and the device pipelines queue the
// same kernel many times with other arguments. Arguments: cv::UMat (its buffer, which must start
// at offset 0), int or float. Any failure is remembered; ok() says whether all went through.
class DeviceQueue {
public:
    DeviceQueue()
        : m_queue(static_cast<cl_command_queue>(cv::ocl::Queue::getDefault().ptr())), m_ok(m_queue) {}
    bool ok() const { return m_ok; }
    // Work groups of 16 x 16 (x 1) over a grid padded to them (64 x 1 for a single row): the kernels
    // skip the padding.
    template <class... Args>
    void run(const cv::ocl::Kernel& k, size_t w, size_t h, size_t planes, const Args&... args) {
        if (!m_ok || k.empty()) {
            m_ok = false;
            return;
        }
        cl_kernel kernel = static_cast<cl_kernel>(k.ptr());
        cl_uint i = 0;
        (set(kernel, i++, args), ...);
        const size_t lx = h == 1 ? 64 : 16, ly = h == 1 ? 1 : 16;  // rows of work (h == 1): groups of 64
        const size_t local[3] = {lx, ly, 1};
        const size_t global[3] = {(w + lx - 1) / lx * lx, (h + ly - 1) / ly * ly, planes};
        m_ok = m_ok && clEnqueueNDRangeKernel(m_queue, kernel, 3, nullptr, global, local, 0, nullptr,
                                              nullptr) == CL_SUCCESS;
    }
    // Waits for everything queued; false if anything failed.
    bool finish() {
        if (m_queue) m_ok = clFinish(m_queue) == CL_SUCCESS && m_ok;
        return m_ok;
    }

private:
    void set(cl_kernel k, cl_uint i, const cv::UMat& m) {
        if (m.offset != 0) m_ok = false;
        cl_mem mem = static_cast<cl_mem>(m.handle(cv::ACCESS_RW));
        m_ok = m_ok && clSetKernelArg(k, i, sizeof mem, &mem) == CL_SUCCESS;
    }
    template <class T, class = std::enable_if_t<std::is_arithmetic_v<T>>>
    void set(cl_kernel k, cl_uint i, T value) {
        static_assert(std::is_same_v<T, int> || std::is_same_v<T, float>, "int or float arguments");
        m_ok = m_ok && clSetKernelArg(k, i, sizeof value, &value) == CL_SUCCESS;
    }
    cl_command_queue m_queue;
    bool m_ok;
};

// A sparse fingerprint of a frame (any of the frame types below): every channel of a 128 x 128 grid of
// pixels, and the type. With the same buffer, it tells a frame handed again from one rewritten in
// place since, or from another frame that a new allocation placed at the same address (device copies
// of frames are reused by it). Its reads mostly miss the caches, so on frames of 1M pixels and more
// the grid's rows are hashed on all threads (the H100 machine's 16: a float 1080p frame took 0.47 ms
// on one), and the rows' hashes then in order.
uint64_t sparseFingerprint(const cv::Mat& m);

// The frames the operations take: CV_32FC3 working frames (RGB on the 8-bit scale, see
// ImageBridge.h), or RGB at a decoder's own depth - CV_8UC3, CV_16UC3 (0-65535) or CV_16FC3 (1.0 is
// 255 on the working scale). On the device pipelines a native frame travels as it is (a quarter of a
// working frame's bytes for 8-bit) and becomes working floats there.
bool isFrameType(int type);
double workingScale(int depth);           // working value = native value * workingScale(depth)
cv::Mat toWorking(const cv::Mat& frame);  // CV_32FC3 (the frame itself when it is one)
// The depths the operations can hand their frames back at: CV_32F (working floats), CV_8U, CV_16U
// and CV_16F (native, as isFrameType).
bool isOutputDepth(int depth);
// A working frame at an output depth: CV_32F as it is; CV_8U and CV_16U rounded to nearest and
// saturated, as ImageBridge's fromWorkingRgb does; CV_16F scaled (1.0 is 255) and rounded to the
// nearest half. `frame` may be native.
cv::Mat toDepth(const cv::Mat& frame, int depth);
// toDepth of a working frame (CV_32FC3) into `out`, which keeps its buffer when it has the working
// frame's size and the depth's type already (a row of a larger frame, say).
void workingTo(const cv::Mat& working, int depth, cv::Mat& out);
// The same without a copy when `frame` is at `depth` already (it is then returned as it is).
inline cv::Mat asDepth(const cv::Mat& frame, int depth) {
    return frame.depth() == depth ? frame : toDepth(frame, depth);
}
// Page-locked ("pinned") host memory that frames pass through between the host and the device. A
// device copies to and from it by DMA at the bus's speed, while a copy from ordinary (pageable)
// memory goes through the driver's own staging at a single thread's memcpy speed. A frame goes in
// slices: all threads copy one slice into the pinned memory while the device reads the slice before
// (or, downwards, the device writes one while the threads copy the one before out). One per
// pipeline: not for use by two threads at once. upload() and download() return false when OpenCL
// fails them (no pinned memory, say); the callers below then copy as cv::UMat::copyTo does.
class PinnedTransfers {
public:
    // Whether they pay on the default OpenCL device: one with memory of its own. On a device that
    // shares the host's (PoCL, integrated GPUs) a copy is a memcpy already, and the detour adds one.
    static bool pay();
    // This, when `wanted` (a setting) and it pays; null otherwise: what uploadWorking and
    // downloadWorking take.
    PinnedTransfers* ifWanted(bool wanted) { return wanted && pay() ? this : nullptr; }
    PinnedTransfers() = default;
    ~PinnedTransfers();
    PinnedTransfers(const PinnedTransfers&) = delete;
    PinnedTransfers& operator=(const PinnedTransfers&) = delete;
    // `frame` into `out` (created with its size and type, offset 0, packed rows).
    bool upload(const cv::Mat& frame, cv::UMat& out);
    // `frame` (offset 0, packed rows) into `out` (created with its size and type).
    bool download(const cv::UMat& frame, cv::Mat& out);

private:
    bool reserve(size_t bytes);
    void release();
    void* m_context = nullptr;           // the OpenCL context the buffer belongs to
    cl_command_queue m_queue = nullptr;  // the queue that mapped it (retained)
    cl_mem m_buffer = nullptr;
    uchar* m_host = nullptr;  // the buffer, mapped for good
    size_t m_bytes = 0;
};

// `frame` as working floats on the device, in `out` (CV_32FC3, offset 0): a native frame goes up
// into `staging` as it is and is converted there. False when the conversion kernel cannot run.
// With `pinned`, the bytes travel through it (see PinnedTransfers), else as cv::UMat::copyTo sends them.
bool uploadWorking(const cv::Mat& frame, cv::UMat& staging, cv::UMat& out, PinnedTransfers* pinned = nullptr);
// A working frame on the device (CV_32FC3, offset 0) to the host at `depth` (as toDepth): 8-bit,
// 16-bit and half frames are made on the device (through `staging`), so that only their bytes travel.
bool downloadWorking(const cv::UMat& working, int depth, cv::UMat& staging, cv::Mat& out,
                     PinnedTransfers* pinned = nullptr);

// Whether `tasks` independent jobs should run one per thread (each then single-threaded: OpenCV runs a
// parallel region nested in another serially) rather than one after the other with all threads each:
// true when there are no more threads than tasks and more than one.
inline bool splitIntoTasks(int tasks) {
    const int threads = cv::getNumThreads();
    return threads > 1 && threads <= tasks;
}

// Appends the time since the last lap (or since construction) to a StageTimes list.
class StageClock {
public:
    explicit StageClock(StageTimes& out) : m_out(out), m_last(std::chrono::steady_clock::now()) {}
    void lap(const char* name) {
        const auto now = std::chrono::steady_clock::now();
        m_out.push_back({name, std::chrono::duration<double, std::milli>(now - m_last).count()});
        m_last = now;
    }
    void restart() { m_last = std::chrono::steady_clock::now(); }  // the next lap starts now

private:
    StageTimes& m_out;
    std::chrono::steady_clock::time_point m_last;
};

}  // namespace rushes::processing::internal
