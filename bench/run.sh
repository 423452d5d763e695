#!/usr/bin/env bash
# bench/run.sh - Mint's benchmarks on this machine (not tests; they print).
#
#   bench/run.sh [models|kernels|translate|sparse|all]
#
# Installs what the benchmarks need (XNNPACK for the kernel reference, the
# LiteRT interpreter for the model baseline), builds Mint, fetches the
# models, and prints the tables: the 7 MediaPipe models against the TFLite
# interpreter (XNNPACK) on 1 and 2 threads, the convolution shapes of
# hand_landmark_full against XNNPACK and the machine's peak, the
# translator's import/export speed, and Mint's block-sparse kernels against
# its dense ones on pruned layers and models.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../utils/setup.sh"
MINT_PACKAGES+=(libxnnpack-dev libpthreadpool-dev)
mint_install_packages
mint_install_python_packages
mint_build
cache=$(mint_prepare_models)
what=${1:-all}
bin=$MINT_BUILD_DIR/bin
if [[ $what == models || $what == all ]]; then
  python3 "$MINT_ROOT/bench/models.py" --mint "$bin/mint" --models "$cache"
fi
if [[ $what == kernels || $what == all ]]; then
  python3 "$MINT_ROOT/bench/kernels.py" --mint "$bin/mint" \
    --mint-translate "$bin/mint-translate" \
    --kernel-bench "$bin/mint-kernel-bench" \
    --model "$cache/hand_landmark_full.tflite"
fi
if [[ $what == translate || $what == all ]]; then
  "$MINT_ROOT/bench/translate.sh"
fi
if [[ $what == sparse || $what == all ]]; then
  python3 "$MINT_ROOT/bench/sparse.py" --mint "$bin" --models "$cache" \
    --data "$cache/inputs"
fi
