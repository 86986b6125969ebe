#!/usr/bin/env bash
# Installs the Debian 12 packages Rushes builds, runs and tests with. Idempotent; run as root
# (or it re-runs itself through sudo).
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then exec sudo "$0" "$@"; fi

PACKAGES=(
  # toolchain
  cmake ninja-build pkg-config g++ clang libclang-rt-14-dev dpkg-dev file
  # MinGW-w64, for the compile-only Windows check of the platform layer (tests/portability)
  g++-mingw-w64-x86-64-posix
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools qt6-charts-dev
  qt6-quick3d-dev qt6-multimedia-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-shadertools-dev
  libqt6sql6-sqlite libqt6sql6-psql libqt6opengl6-dev qt6-qpa-plugins
  # QML modules are split into their own packages on Debian
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-window
  qml6-module-qtquick-templates qml6-module-qtquick-dialogs qml6-module-qtqml-workerscript
  qml6-module-qtquick-shapes qml6-module-qtcharts qml6-module-qttest qml6-module-qtqml
  qml6-module-qtqml-models qml6-module-qtmultimedia qml6-module-qt-labs-platform
  qml6-module-qt-labs-settings qml6-module-qt-labs-folderlistmodel qml6-module-quick3d
  # media
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev ffmpeg
  libopenimageio-dev openimageio-tools libopenexr-dev libopencolorio-dev
  libopencv-core-dev libopencv-imgproc-dev libopencv-video-dev libopencv-dev
  # OpenCL on the CPU (PoCL) for the processing core's GPU path
  ocl-icd-opencl-dev opencl-headers pocl-opencl-icd clinfo
  # headless UI tests and screenshots
  xvfb xauth libgl1-mesa-dri libegl-mesa0 mesa-utils
  # the shared studio database the store is tested against
  postgresql
  # a sound server with a null sink for the audio tests (tests/support/start-pulseaudio.sh)
  pulseaudio pulseaudio-utils
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${#missing[@]} packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "All ${#PACKAGES[@]} packages already installed."
fi
