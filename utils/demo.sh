#!/usr/bin/env bash
# utils/demo.sh - Mint's main job on a fresh Debian 12 machine. Until the
# TFLite import and quantization land, it installs what is missing, builds
# Mint and shows what the driver offers: its version and host, its commands,
# and the TFLite operators the mint dialect models.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

mint_install_packages
mint_build --target mint
mint="$MINT_BUILD_DIR/bin/mint"
"$mint" --version
echo
"$mint" --help
echo
"$mint" ops
