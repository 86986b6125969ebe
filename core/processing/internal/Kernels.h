#pragma once
// The project's own OpenCL kernels (source text), compiled once per context by cv::ocl.
#include <chrono>

#include <opencv2/core/ocl.hpp>
#include <opencv2/core/utility.hpp>

#include "processing/Backend.h"

namespace rushes::processing::internal {

// Returns a compiled kernel from the project's program, or an empty kernel when OpenCL fails.
cv::ocl::Kernel kernel(const char* name);

// Kernel `name` of `source` (cv::ocl compiles a program once per context), or an empty kernel when
// OpenCL cannot build it; then says so on stderr, once per program, with `fallback`: what the
// caller does instead.
cv::ocl::Kernel buildKernel(const cv::ocl::ProgramSource& source, const char* name, const char* options,
                            const char* fallback);

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

private:
    StageTimes& m_out;
    std::chrono::steady_clock::time_point m_last;
};

}  // namespace rushes::processing::internal
