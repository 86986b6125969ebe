#!/usr/bin/env bash
# The full playback benchmark (EVALUATION.md sec. 5): 60 s of 1080p24 H.264, ProRes 422 HQ and
# DNxHR made from the shared clips, each played through the real app under Xvfb, each printed
# beside `ffmpeg -f null` decoding the same file in the same run; then 10 s of scrubbing each
# intra-only one.
# Each run has a witness: stall_probe, a separate process that times its own small tasks every
# 10 ms on each processor. The app reports, for each long frame interval, whether the probe
# stalled too (the machine, not the player).
# Between runs the machine settles for RUSHES_BENCH_SETTLE seconds (default 60): on this project's
# virtual machines, touching memory that another process freed moments before (the last run's
# 4-6 GB cache) stalls every processor for 20-50 ms at a time, for the probe as for the player;
# memory freed a minute earlier did not in our runs (tested by hand: a 6-GB process exits, two others
# touch 6 GB; the probe alone then sees both processors stop for 23-35 ms every 100 ms).
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
settle=${RUSHES_BENCH_SETTLE:-60}
probe=()
[ -x "$build/tests/bench/playback/stall_probe" ] && probe=(--stall-probe "$build/tests/bench/playback/stall_probe")
for f in "$h264" "$prores" "$dnxhr"; do
  sleep "$settle"
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/app/rushes" --benchmark-playback "$f" --seconds "$seconds" "${probe[@]}"
done
# Scrubbing the intra-only ones: random frames, each asked for once the last is on screen (goal 24/s).
for f in "$prores" "$dnxhr"; do
  sleep "$settle"
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/app/rushes" --benchmark-playback "$f" --seconds 10 --scrub
done
