#!/usr/bin/env bash
# Collects processing_device_bench, the shared libraries it needs (all but the C and C++ runtimes,
# which the GPU machine has in newer versions), the OpenCL ICD loader and 17 real frames (PNG) into
# one folder that a device run carries. Usage: bundle.sh BUILD_DIR OUT_DIR
set -euo pipefail
build=${1:?build dir}
out=${2:?output folder}
here=$(cd "$(dirname "$0")" && pwd)
media="$here/../../../../../shared/media"
bin="$build/tests/bench/processing/processing_device_bench"
[ -x "$bin" ] || { echo "bundle.sh: $bin not built" >&2; exit 1; }
[ -f "$media/video/flower.mp4" ] || { echo "bundle.sh: $media/video/flower.mp4 missing" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/bin" "$out/lib" "$out/frames"
cp "$bin" "$out/bin/"
ldd "$bin" | awk '$3 ~ /^\// {print $3}' |
  grep -v -E '/(libc|libm|libstdc\+\+|libgcc_s|libpthread|libdl|librt)\.so' |
  while read -r lib; do cp -L "$lib" "$out/lib/"; done
cp -L "$(ldconfig -p | awk '/libOpenCL.so.1 / {print $NF; exit}')" "$out/lib/libOpenCL.so.1"
cp "$out/lib/libOpenCL.so.1" "$out/lib/libOpenCL.so"
ffmpeg -v error -i "$media/video/flower.mp4" -frames:v 17 -compression_level 100 "$out/frames/f%03d.png"
du -sh "$out"
