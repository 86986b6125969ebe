#pragma once
// Where the processing passes run: the CPU path or OpenCL (OpenCV's T-API plus our own kernels).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rushes::processing {

enum class Backend { Auto, Cpu, OpenCL };

std::optional<Backend> parseBackend(std::string_view text);  // "auto", "cpu", "opencl"
const char* backendName(Backend backend);

// Resolves Auto: OpenCL when a GPU device is present, the CPU path otherwise (OpenCL on a
// CPU device such as PoCL is correct but slower than the native path). Asking for OpenCL
// when no device exists falls back to the CPU and says so in `note`.
Backend resolveBackend(Backend requested, std::string* note = nullptr);

bool openclAvailable();
std::string openclDeviceName();  // empty when none
bool openclDeviceIsGpu();

// Switches OpenCV's T-API on for OpenCL and off for the CPU path.
void activateBackend(Backend resolved);

// Where an operation's last call spent its time, stage by stage, milliseconds of wall time (for the
// benchmarks; with OpenCL, device work is counted in the stage that waits for it).
struct StageTime {
    const char* name;
    double ms;
};
using StageTimes = std::vector<StageTime>;

// Keeps freed frame-sized buffers in the process instead of returning them to the system after
// every frame (glibc's default), which costs page faults on each new frame. No-op elsewhere.
void keepFrameBuffers();

}  // namespace rushes::processing
