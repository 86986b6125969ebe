#include "processing/Backend.h"

#include <cstdlib>

#include <opencv2/core/ocl.hpp>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace rushes::processing {

namespace {
// Sets an environment variable unless it is set (no Qt here: see CMakeLists.txt).
void setEnvironmentDefault(const char* name, const char* value) {
    if (const char* v = std::getenv(name); v && *v) return;
#if defined(_WIN32)
    _putenv_s(name, value);
#else
    setenv(name, value, 1);
#endif
}
}  // namespace

std::optional<Backend> parseBackend(std::string_view text) {
    if (text == "auto") return Backend::Auto;
    if (text == "cpu") return Backend::Cpu;
    if (text == "opencl" || text == "ocl" || text == "gpu") return Backend::OpenCL;
    return std::nullopt;
}

const char* backendName(Backend backend) {
    switch (backend) {
    case Backend::Auto: return "auto";
    case Backend::Cpu: return "cpu";
    case Backend::OpenCL: return "opencl";
    }
    return "cpu";
}

bool openclAvailable() {
    static const bool available = [] {
        // OpenCV only looks at GPU devices unless told otherwise; "::" means GPU first, then CPU
        // (PoCL), so the OpenCL path can run - and be tested - on machines without a GPU.
        setEnvironmentDefault("OPENCV_OPENCL_DEVICE", "::");
        if (!cv::ocl::haveOpenCL()) return false;
        cv::ocl::setUseOpenCL(true);
        return cv::ocl::useOpenCL() && cv::ocl::Device::getDefault().available();
    }();
    return available;
}

std::string openclDeviceName() {
    if (!openclAvailable()) return {};
    return cv::ocl::Device::getDefault().name();
}

bool openclDeviceIsGpu() {
    return openclAvailable() && cv::ocl::Device::getDefault().type() == cv::ocl::Device::TYPE_GPU;
}

Backend resolveBackend(Backend requested, std::string* note) {
    switch (requested) {
    case Backend::Cpu: return Backend::Cpu;
    case Backend::OpenCL:
        if (openclAvailable()) return Backend::OpenCL;
        if (note) *note = "no OpenCL device found; running on the CPU";
        return Backend::Cpu;
    case Backend::Auto:
        if (openclDeviceIsGpu()) return Backend::OpenCL;
        if (note) *note = openclAvailable() ? "OpenCL device is not a GPU (" + openclDeviceName() + "); CPU path is faster"
                                            : "no OpenCL device found";
        return Backend::Cpu;
    }
    return Backend::Cpu;
}

void activateBackend(Backend resolved) {
    if (resolved == Backend::OpenCL) {
        openclAvailable();
        cv::ocl::setUseOpenCL(true);
    } else {
        cv::ocl::setUseOpenCL(false);
    }
}

void keepFrameBuffers() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
#endif
}

}  // namespace rushes::processing
