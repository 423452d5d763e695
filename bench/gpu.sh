#!/usr/bin/env bash
# bench/gpu.sh - Mint's CUDA target on the 7 MediaPipe models, in one go.
#
#   bench/gpu.sh [--chip sm_80]
#
# Builds Mint, fetches the models and, for each model in float32, in
# float32 computed in float16 (--precision float16) and quantized to int8,
# compiles it with `mint compile --target cuda` and
# prints the kernels, the PTX size and the compile time. Where `ptxas` is
# on PATH (the CUDA toolkit), it also assembles each PTX file into a cubin
# for the chip, which checks the PTX the way the driver will.
#
# Then it looks for a GPU: the CUDA driver must load and find one (`mint
# bench --target cuda` says so). Without one it says so and exits 0 after
# the compile-only checks. With one, for each model and form it runs the
# model once on the CPU and once on the GPU (`mint run --target cuda`) on
# the same real photograph and compares every output: float32 models must
# agree within 1e-3 of the largest output magnitude (the two back ends
# round and order sums differently), float16 within 0.2 (float16's
# precision; at the edges of the selfie masks it reaches 0.12), int8
# models within 1% (a step or two of the output's quantization); then it
# times both with `mint bench` and
# prints the GPU/CPU latency ratio (the CPU's runs go alongside the GPU's,
# on other cores). Exits 1 if any check fails. The compile-only part takes
# under 3 minutes on 2 cores; the GPU part adds four compilations per model
# and form, two of them in parallel.
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

# Sets `input` (the .tflite) and `precision` (mint's --precision) for a
# model in a form: float32, float16 (the float model computed in float16)
# or int8 (the quantized model).
select_form() {
  input=$cache/$1.tflite
  [[ $2 == int8 ]] && input=$work/$1.int8.tflite
  precision=float32
  [[ $2 == float16 ]] && precision=float16
  return 0
}

ptxas=$(command -v ptxas || true)
printf '%-34s %-8s %8s %10s %8s %s\n' model form kernels "PTX B" "time s" \
  "${ptxas:+ptxas}"
failures=0
# The int8 models, quantized side by side.
for model in "${models[@]}"; do
  "$bin/mint" quantize "$cache/$model.tflite" -o "$work/$model.int8.tflite" \
    --mode int8 --data "$cache/inputs/images_${SIZE[$model]}.npy" \
    >/dev/null &
done
wait
for model in "${models[@]}"; do
  for form in float32 float16 int8; do
    select_form "$model" "$form"
    ptx=$work/$model.$form.ptx
    if ! json=$("$bin/mint" compile "$input" --target cuda --chip "$chip" \
        --precision "$precision" -o "$ptx" --json 2>"$work/error"); then
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

# A GPU is there if Mint's runtime can load the driver and find one.
if ! probe=$("$bin/mint" bench "$cache/face_detection_short_range.tflite" \
    --target cuda --warmup 0 --iterations 1 --json 2>&1); then
  echo "no GPU present: compile-only checks passed ($(tail -1 <<<"$probe"))"
  exit 0
fi
device=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["device"])' \
  "$(grep '^{' <<<"$probe")")
echo "GPU: $device; comparing with the CPU and timing (median of 20 runs)"
printf '%-34s %-8s %-7s %12s %10s %10s %8s\n' model form outputs \
  "max diff" "CPU ms" "GPU ms" "GPU/CPU"
for model in "${models[@]}"; do
  for form in float32 float16 int8; do
    select_form "$model" "$form"
    tolerance=1e-3
    [[ $form == float16 ]] && tolerance=2e-1
    [[ $form == int8 ]] && tolerance=1e-2
    image=$work/$model.input.npy
    python3 -c '
import sys, numpy as np
images = np.load(sys.argv[1])
np.save(sys.argv[2], images[:1].astype(np.float32) * 2 - 1)' \
      "$cache/inputs/images_${SIZE[$model]}.npy" "$image"
    rm -rf "$work/cpu" "$work/gpu"
    # The CPU's side runs and is timed alongside the GPU's (other cores).
    (
      "$bin/mint" run "$input" --input "$image" --output-dir "$work/cpu" \
        >/dev/null 2>"$work/cpu-error" &&
        "$bin/mint" bench "$input" --iterations 20 --json >"$work/cpu.json" \
          2>>"$work/cpu-error"
    ) &
    cpu_job=$!
    gpu_ok=true
    "$bin/mint" run "$input" --target cuda --precision "$precision" \
      --input "$image" --output-dir "$work/gpu" >/dev/null \
      2>"$work/error" || gpu_ok=false
    cpu_ok=true
    wait "$cpu_job" || cpu_ok=false
    if ! $gpu_ok || ! $cpu_ok; then
      cat "$work/cpu-error" >>"$work/error"
      printf '%-34s %-8s FAILED: %s\n' "$model" "$form" "$(head -1 "$work/error")"
      failures=$((failures + 1))
      continue
    fi
    if ! verdict=$(python3 -c '
import glob, os, sys, numpy as np
cpu_dir, gpu_dir, tolerance = sys.argv[1], sys.argv[2], float(sys.argv[3])
worst, ok = 0.0, True
names = sorted(glob.glob(os.path.join(cpu_dir, "output_*.npy")))
for name in names:
    cpu = np.load(name).astype(np.float64)
    gpu = np.load(os.path.join(gpu_dir, os.path.basename(name))).astype(np.float64)
    scale = max(1.0, float(np.abs(cpu).max()))
    diff = float(np.abs(cpu - gpu).max()) / scale
    worst = max(worst, diff)
    ok &= bool(np.isfinite(gpu).all()) and diff <= tolerance
print(len(names), "%.2e" % worst)
sys.exit(0 if ok else 1)' "$work/cpu" "$work/gpu" "$tolerance"); then
      failures=$((failures + 1))
      verdict="$verdict MISMATCH"
    fi
    read -r outputs diff mismatch <<<"$verdict"
    cpu_ms=$(python3 -c 'import json, sys; print("%.3f" % json.load(sys.stdin)["median_ms"])' \
      <"$work/cpu.json")
    gpu_ms=$("$bin/mint" bench "$input" --target cuda --precision "$precision" \
        --iterations 20 --json |
      python3 -c 'import json, sys; print("%.3f" % json.load(sys.stdin)["median_ms"])')
    printf '%-34s %-8s %-7s %12s %10s %10s %8s %s\n' "$model" "$form" \
      "$outputs" "$diff" "$cpu_ms" "$gpu_ms" \
      "$(python3 -c "print('%.2f' % ($gpu_ms / $cpu_ms))")" "${mismatch:-}"
  done
done
if ((failures)); then
  echo "$failures GPU check(s) failed"
  exit 1
fi
echo "GPU checks passed: every output within tolerance of the CPU's"
