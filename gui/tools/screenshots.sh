#!/usr/bin/env sh
# Opens each bundled scenario in Kendall Studio under Xvfb, simulates it and saves PNGs of the
# main views. Usage: gui/tools/screenshots.sh BUILD_BIN_DIR OUT_DIR [scenario.yaml ...]
set -eu
bin="$1"; out="$2"; shift 2
here="$(cd "$(dirname "$0")/../.." && pwd)"
[ "$#" -gt 0 ] || set -- "$here"/scenarios/*.yaml
mkdir -p "$out"
for s in "$@"; do
  xvfb-run -a -s "-screen 0 1600x1000x24" "$bin/kendall-studio" --screenshots "$out" "$s"
done
ls "$out"
