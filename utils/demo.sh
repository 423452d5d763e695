#!/usr/bin/env bash
# utils/demo.sh [MODEL.tflite] - Mint's main job on a fresh Debian 12
# machine: optimize a real model every way Mint can and show what each
# gained, in one table and an HTML report. It installs what is missing,
# fetches the real MediaPipe models, builds Mint, and runs utils/demo.py on
# MediaPipe's face detector (default) with real faces and non-faces from
# Debian's python3-skimage (lfw_subset): `mint quantize` to float16,
# dynamic-range int8, int8 and int16x8 (calibrated on 50 faces and 50
# non-faces, as PNG files), `mint prune` (2:4 with --refit), `mint cluster`
# (16 values, palettized) and the three combined; then per result its size
# raw and gzip-compressed, output SQNR and face/no-face agreement with the
# float model on 100 other images, whether Mint runs it to TFLite's bits,
# and its latency in Mint and in the TFLite interpreter. The table is
# printed and written to build/demo/demo.md; build/demo/report.html adds
# the per-layer error chart of the int8 model and every command's summary.
# With another one-image MODEL it uses skimage's photographs instead of the
# faces and leaves out the face/no-face column.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

mint_install_packages
mint_install_npm
mint_install_python_packages
mint_log "Fetching the MediaPipe models and preparing real images"
cache=$(mint_prepare_models)
mint_build --target mint mint-translate mint-opt
model=${1:-$cache/face_detection_short_range.tflite}
work="$MINT_BUILD_DIR/demo"
rm -rf "$work" && mkdir -p "$work"
face=()
[[ $(basename "$model") == face_detection_short_range.tflite ]] && face=(--face)

mint_log "Optimizing $(basename "$model") every way (utils/demo.py)"
python3 "$MINT_ROOT/utils/demo.py" --bin "$MINT_BUILD_DIR/bin" \
  --model "$model" --images "$cache/inputs" --work "$work" "${face[@]}" \
  2> >(grep -v "^INFO" >&2)
