#!/usr/bin/env bash
# Starts a throw-away PulseAudio server whose default sink is a null sink (a device that plays in
# real time into nothing; its monitor records what it played), for the audio tests, and prints
# the variables the tests need:  eval "$(tests/support/start-pulseaudio.sh)"
# Prints nothing (and the audio tests skip, saying why) when PulseAudio is not installed.
set -euo pipefail
command -v pulseaudio >/dev/null && command -v pactl >/dev/null || { echo "# no PulseAudio installed" >&2; exit 0; }
dir=$(mktemp -d /tmp/rushes-pulse.XXXXXX)
chmod 700 "$dir"
export XDG_RUNTIME_DIR=$dir HOME=$dir
# -n: no default script (no hardware, no suspend-on-idle); --system=no also as root (CI).
pulseaudio -n --daemonize=yes --exit-idle-time=-1 --use-pid-file=yes --system=no --log-target=file:"$dir/pulse.log" \
  -L module-native-protocol-unix -L "module-null-sink sink_name=rushes_null" >/dev/null 2>&1 || {
  echo "# PulseAudio did not start: see $dir/pulse.log" >&2; exit 0; }
for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
pactl info >/dev/null 2>&1 || { echo "# PulseAudio did not answer: see $dir/pulse.log" >&2; exit 0; }
echo "export PULSE_SERVER='unix:$dir/pulse/native'"
echo "export RUSHES_TEST_PULSE_STOP='XDG_RUNTIME_DIR=$dir HOME=$dir pulseaudio --kill'"
