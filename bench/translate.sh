#!/usr/bin/env bash
# bench/translate.sh - time Mint's TFLite import and export on the
# MediaPipe models (fetched into the model cache if needed).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MINT_BUILD_DIR:-$root/build}
models=$("$root/utils/fetch-models.sh")
cmake --build "$build" --target mint-translate-bench >/dev/null
"$build/bin/mint-translate-bench" --runs "${RUNS:-20}" "$models"/*.tflite
