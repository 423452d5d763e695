#!/usr/bin/env bash
# bench/table/run.sh [table.py options] - Mint against TensorFlow's own
# optimization tools on Fashion-MNIST classifiers, as one results table
# (bench/table/README.md). Not a test and not run by CI: it trains models
# (about 40 minutes on 2 cores in all).
#
# Installs Debian's dataset-fashion-mnist and Mint's build dependencies,
# fetches the MediaPipe models (the selfie segmenter), builds mint, makes a virtual environment with TensorFlow, tf_keras, the
# TF Model Optimization Toolkit and the LiteRT interpreter (pinned below;
# ~/.cache/mint/table-venv), and runs table.py; the tables, results.json
# and the chart land in build/table.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../utils/setup.sh"

MINT_PACKAGES+=(dataset-fashion-mnist python3-venv)
mint_install_packages
mint_install_npm
mint_log "Fetching the MediaPipe models"
cache=$(mint_prepare_models)
mint_build --target mint mint-translate mint-opt

venv=${MINT_TABLE_VENV:-$HOME/.cache/mint/table-venv}
if [[ ! -x $venv/bin/python ]]; then
  mint_log "Making $venv (TensorFlow and TF-MOT from PyPI)"
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet \
  tensorflow==2.21.0 tf_keras==2.21.0 tensorflow-model-optimization==0.8.1 \
  ai-edge-litert==2.3.0

work="$MINT_BUILD_DIR/table"
mkdir -p "$work"
mint_log "Training, optimizing and measuring (bench/table/table.py)"
# mint bench --compare-tflite runs the python3 on PATH: the environment's.
PATH="$venv/bin:$PATH" python "$MINT_ROOT/bench/table/table.py" \
  --bin "$MINT_BUILD_DIR/bin" --work "$work" \
  --segmenter "$cache/selfie_segmentation.tflite" "$@" 2> >(grep -v \
  -e "^WARNING: All log messages" -e "^I0000" -e "^W0000" -e "^E0000" \
  -e "^fully_quantize: " -e "^INFO: Created TensorFlow Lite" >&2)
