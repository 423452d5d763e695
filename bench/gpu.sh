#!/usr/bin/env bash
# bench/gpu.sh - Mint's CUDA target on the 7 MediaPipe models, in one go.
#
#   bench/gpu.sh [--chip sm_80]
#
# Builds Mint, fetches the models and, for each model in float32 and
# quantized to int8, compiles it with `mint compile --target cuda` and
# prints the kernels, the PTX size and the compile time. Where `ptxas` is
# on PATH (the CUDA toolkit), it also assembles each PTX file into a cubin
# for the chip, which checks the PTX the way the driver will.
#
# Then it looks for a GPU (nvidia-smi, /dev/nvidia0). Without one it says
# so and exits 0 after the compile-only checks. With one it says what is
# missing: Mint does not launch its kernels yet (no `mint run --target
# cuda`), so outputs are not compared with the CPU's and nothing is timed.
# Under 5 minutes on 2 cores.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../utils/setup.sh"
chip=sm_80
if [[ ${1:-} == --chip ]]; then
  chip=$2
fi
mint_install_packages
mint_install_python_packages
mint_build
cache=$(mint_prepare_models)
bin=$MINT_BUILD_DIR/bin
work=$(mktemp -d /tmp/mint-gpu.XXXXXX)
trap 'rm -rf "$work"' EXIT

declare -A SIZE=([face_detection_short_range]=128x128
  [face_detection_full_range]=192x192 [face_detection_full_range_sparse]=192x192
  [hand_landmark_lite]=224x224 [hand_landmark_full]=224x224
  [selfie_segmentation]=256x256 [selfie_segmentation_landscape]=144x256)
models=(face_detection_short_range face_detection_full_range
  face_detection_full_range_sparse hand_landmark_lite hand_landmark_full
  selfie_segmentation selfie_segmentation_landscape)

ptxas=$(command -v ptxas || true)
printf '%-34s %-8s %8s %10s %8s %s\n' model form kernels "PTX B" "time s" \
  "${ptxas:+ptxas}"
failures=0
for model in "${models[@]}"; do
  "$bin/mint" quantize "$cache/$model.tflite" -o "$work/$model.int8.tflite" \
    --mode int8 --data "$cache/inputs/images_${SIZE[$model]}.npy" >/dev/null
  for form in float32 int8; do
    input=$cache/$model.tflite
    [[ $form == int8 ]] && input=$work/$model.int8.tflite
    ptx=$work/$model.$form.ptx
    if ! json=$("$bin/mint" compile "$input" --target cuda --chip "$chip" \
        -o "$ptx" --json 2>"$work/error"); then
      printf '%-34s %-8s FAILED: %s\n' "$model" "$form" "$(head -1 "$work/error")"
      failures=$((failures + 1))
      continue
    fi
    read -r kernels bytes seconds < <(python3 -c '
import json, sys
d = json.loads(sys.argv[1])
print(d["kernels"], d["ptx_bytes"], "%.1f" % d["seconds"])' "$json")
    assembled=""
    if [[ -n $ptxas ]]; then
      if "$ptxas" -arch="$chip" "$ptx" -o "$work/$model.$form.cubin" \
          2>"$work/ptxas"; then
        assembled=ok
      else
        assembled="FAILED: $(head -1 "$work/ptxas")"
        failures=$((failures + 1))
      fi
    fi
    printf '%-34s %-8s %8s %10s %8s %s\n' "$model" "$form" "$kernels" \
      "$bytes" "$seconds" "$assembled"
  done
done
if [[ -z $ptxas ]]; then
  echo "ptxas not found: the PTX was not assembled (the CUDA toolkit has it)"
fi
if ((failures)); then
  echo "$failures compilation(s) failed"
  exit 1
fi

if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1 ||
    [[ -e /dev/nvidia0 ]]; then
  echo "a GPU is present, but Mint cannot launch its kernels yet (no" \
    "'mint run --target cuda'): outputs were not compared with the CPU's" \
    "and nothing was timed; compile-only checks passed"
else
  echo "no GPU present: compile-only checks passed"
fi
