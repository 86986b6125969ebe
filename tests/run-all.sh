#!/usr/bin/env bash
# Runs every test Rushes has: builds the app and CLI, runs the unit, QML, end-to-end and
# PostgreSQL tests (with a server it starts), the codecs tests under ASan/UBSan, the fuzzer for a
# short fixed time, the benchmarks as a smoke, and builds, installs and runs the .deb.
# Usage: tests/run-all.sh   (after installer/debian-deps.sh)
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=${RUSHES_JOBS:-$(nproc)}
passed=0; failed=0; failures=()

step() { echo; echo "=== $*"; }
count_ctest() {  # adds a ctest log's totals to ours
  local log=$1 line
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1)
  if [ -z "$line" ]; then failed=$((failed + 1)); failures+=("$2 (no ctest summary)"); return; fi
  local total bad
  bad=$(sed -E 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
  passed=$((passed + total - bad)); failed=$((failed + bad))
  [ "$bad" -eq 0 ] || failures+=("$2: $bad failed")
}
check() {  # check NAME COMMAND...: one pass or fail
  if "${@:2}"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$1"); fi
}

step "build (release)"
cmake --preset release >/dev/null && cmake --build --preset release -j "$jobs" || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

step "PostgreSQL for the store tests"
pg_env=$(tests/support/start-postgres.sh) && eval "$pg_env"
[ -n "${RUSHES_TEST_PG:-}" ] && echo "server up: $RUSHES_TEST_PG" || echo "no server: the PostgreSQL tests will skip"

step "PulseAudio with a null sink for the audio tests"
pulse_env=$(tests/support/start-pulseaudio.sh) && eval "$pulse_env"
[ -n "${PULSE_SERVER:-}" ] && echo "sound server up: $PULSE_SERVER" || echo "no sound server: the audio tests will skip"

step "unit, QML, end-to-end tests (release)"
# -noreset: by default Xvfb resets when its last client disconnects, and a client that connects
# during the reset is dropped ("could not connect to display :99"): with tests run in parallel,
# one app quitting as another starts failed a row now and then.
xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" ctest --preset release -j "$jobs" 2>&1 | tee build/ctest-release.log
count_ctest build/ctest-release.log release
[ -n "${RUSHES_TEST_PG_STOP:-}" ] && eval "$RUSHES_TEST_PG_STOP" >/dev/null 2>&1
[ -n "${RUSHES_TEST_PULSE_STOP:-}" ] && eval "$RUSHES_TEST_PULSE_STOP" >/dev/null 2>&1
unset PULSE_SERVER

step "codecs under AddressSanitizer + UndefinedBehaviorSanitizer"
if cmake --preset asan >/dev/null && cmake --build --preset asan -j "$jobs"; then
  ctest --preset asan -j "$jobs" 2>&1 | tee build/ctest-asan.log
  count_ctest build/ctest-asan.log asan
else failed=$((failed + 1)); failures+=("asan build"); fi

step "fuzzing probe and frame reading (libFuzzer, fixed seed and run count)"
if cmake --preset fuzz >/dev/null && cmake --build --preset fuzz -j "$jobs" --target fuzz_media_reader; then
  # A fixed seed and run count from an empty corpus make the run repeatable: CI stays red or green
  # for the code, not for the luck of the draw or what an earlier run left (RUSHES_FUZZ_RUNS=-1
  # RUSHES_FUZZ_SECONDS=600 for a longer, random hunt). Seed 1 once ended in heap corruption that no
  # saved input reproduced: the target read every /tmp/rushes_fuzz_<pid>.exr as one sequence (now a
  # private directory), and swscale wrote past unpadded buffers (seed o_; fixed in Convert.cpp).
  # -timeout=60: some damaged movies take over 12 s to decode under ASan on a busy 2-core machine
  # (slow, not stuck); a real hang still fails the run.
  rm -rf build/fuzz/corpus && mkdir -p build/fuzz/corpus
  check "fuzz_media_reader" build/fuzz/tests/fuzz/fuzz_media_reader -seed="${RUSHES_FUZZ_SEED:-1}" \
    -runs="${RUSHES_FUZZ_RUNS:-4000}" -max_total_time="${RUSHES_FUZZ_SECONDS:-180}" \
    -rss_limit_mb=4096 -timeout=60 build/fuzz/corpus tests/fuzz/seeds
else failed=$((failed + 1)); failures+=("fuzz build"); fi

step "package: build, install and run the .deb"
deb_check() {
  (cd build/release && cpack -G DEB >/dev/null) || return 1
  local deb; deb=$(ls -t build/release/packages/rushes_*.deb | head -n 1)
  echo "package: $deb"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y --allow-downgrades "./$deb" >/dev/null || return 1
  else sudo apt-get install -y --allow-downgrades "./$deb" >/dev/null || return 1; fi
  /usr/bin/rushes --version && /usr/bin/rushes-cli --version || return 1
  # The installed app finds its QML modules and renders a frame.
  local clip=../shared/media/video/flower.mp4 shot=build/release/installed-app.png
  if [ -f "$clip" ]; then
    rm -f "$shot"
    xvfb-run -a -s "-screen 0 1920x1080x24" /usr/bin/rushes "$clip" --frame 12 --screenshot "$shot" || return 1
    [ -s "$shot" ] && echo "installed app rendered $shot"
  fi
}
check "deb package" deb_check

echo
[ ${#failures[@]} -eq 0 ] || printf 'FAILED: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
