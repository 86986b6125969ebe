#!/usr/bin/env bash
# Runs processing_device_bench on the GPU machine (../shared/EVALUATION.md section 6). That machine
# has CUDA and the NVIDIA driver but no Qt, OpenCV or FFmpeg and no package registry, so the bench
# travels with its shared libraries and real frames in an ignored folder, made here by
#   tests/bench/processing/device/bundle.sh build/release .gpu
# and carried with the run:  bash tests/bench/processing/device/run.sh .gpu "$OUT"
set -u
bundle=$(cd "${1:?bundle folder}" && pwd)
out=${2:-/tmp/rushes-device}
mkdir -p "$out"
exec > >(tee "$out/device-bench.log") 2>&1

# The driver's OpenCL library is present but not registered with the ICD loader.
mkdir -p /etc/OpenCL/vendors
ocl=$(ldconfig -p | awk '/libnvidia-opencl.so.1/ {print $NF; exit}')
[ -n "$ocl" ] || ocl=$(find / -name 'libnvidia-opencl.so.1*' -not -path '/proc/*' 2>/dev/null | head -1)
echo "NVIDIA OpenCL library: ${ocl:-not found}"
echo "${ocl:-libnvidia-opencl.so.1}" > /etc/OpenCL/vendors/nvidia.icd
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv 2>&1 | head -3
nproc

# Frames: PNG in the bundle (smaller to carry), PPM for the bench.
frames=/tmp/rushes-frames
mkdir -p "$frames"
python3 - "$bundle/frames" "$frames" <<'PY'
import sys, pathlib
from PIL import Image
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for p in sorted(src.glob('*.png')):
    Image.open(p).convert('RGB').save(dst / (p.stem + '.ppm'))
print('frames:', len(list(dst.glob('*.ppm'))))
PY

export LD_LIBRARY_PATH="$bundle/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export OPENCV_OPENCL_RUNTIME="$bundle/lib/libOpenCL.so.1"
bench="$bundle/bin/processing_device_bench"
ldd "$bench" | grep 'not found'
run() {  # name, then the bench's arguments
  local name=$1
  shift
  echo "== $name"
  timeout 240 "$bench" --frames "$frames" --pairs 24 --json "$out/device-bench-$name.json" "$@"
  echo "exit $?"
}
# The device pipelines, each stage waited for (the breakdown, and the time on the device without the
# transfers), then as they run (queued, end to end from host memory), the older host pipeline in the
# same session for comparison, and 2160p. Variants alternate: timings on that machine drift from one
# process to the next.
# Frames through pinned memory (the default) and as cv::UMat::copyTo sends them, in the same runs.
run 1080p-stages --size 1920x1080 --backends cpu,opencl --sync-stages --depths float,8,16,half --transfers pinned,pageable
run 1080p --size 1920x1080 --backends opencl --depths float,8,16,half --transfers pinned,pageable
run 1080p-host-pipeline --size 1920x1080 --backends opencl --host-pipeline
run 1080p-again --size 1920x1080 --backends opencl --depths float,8,16,half --transfers pageable,pinned
run 2160p-stages --size 3840x2160 --backends opencl --sync-stages --depths float,8,16,half
