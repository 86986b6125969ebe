#!/usr/bin/env bash
# The full playback benchmark (EVALUATION.md sec. 5): 60 s of 1080p24 H.264, ProRes 422 HQ and
# DNxHR made from the shared clips, each played through the real app under Xvfb, each printed
# beside `ffmpeg -f null` decoding the same file in the same run; then 10 s of scrubbing each
# intra-only one.
# Usage: tests/bench/playback/run-full.sh [build dir] [seconds]
set -euo pipefail
build=${1:-build/release}
seconds=${2:-60}
media=${RUSHES_MEDIA_DIR:-$(dirname "$0")/../../../../shared/media}
work=${TMPDIR:-/tmp}/rushes-bench-playback
mkdir -p "$work"
src="$media/video/flower.mp4"
make() {  # make NAME codec-args...: 60 s at 1080p24 from the looped shared clip
  local out="$work/$1"; shift
  [ -f "$out" ] || ffmpeg -hide_banner -loglevel error -y -stream_loop -1 -i "$src" -t "$seconds" \
    -vf "scale=1920:1080:flags=lanczos,fps=24" -an "$@" "$out"
  echo "$out"
}
h264=$(make flower1080p24_h264.mp4 -c:v libx264 -crf 16 -pix_fmt yuv420p)
prores=$(make flower1080p24_prores422hq.mov -c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le)
dnxhr=$(make flower1080p24_dnxhr_hq.mov -c:v dnxhd -profile:v dnxhr_hq -pix_fmt yuv422p)
for f in "$h264" "$prores" "$dnxhr"; do
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/app/rushes" --benchmark-playback "$f" --seconds "$seconds"
done
# Scrubbing the intra-only ones: random frames, each asked for once the last is on screen (goal 24/s).
for f in "$prores" "$dnxhr"; do
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/app/rushes" --benchmark-playback "$f" --seconds 10 --scrub
done
