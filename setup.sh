#!/usr/bin/env sh
# Installs the Debian packages Kendall needs to build and test. Idempotent: packages that are
# already installed are skipped. Runs apt-get directly as root, through sudo otherwise.
# No downloads besides apt.
set -eu

PACKAGES="build-essential cmake ninja-build pkg-config \
  libeigen3-dev libyaml-cpp-dev libtbb-dev libfmt-dev libcli11-dev nlohmann-json3-dev \
  catch2 libbenchmark-dev libasio-dev \
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6 xvfb xauth \
  clang-format"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "setup: all Kendall build dependencies are already installed."
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "setup: need root or sudo to install:$missing" >&2
  exit 1
fi

echo "setup: installing Debian packages:$missing"
$SUDO apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
echo "setup: done."
