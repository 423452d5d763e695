#!/usr/bin/env bash
# utils/test.sh - on a fresh Debian 12 machine: install what is missing,
# fetch the real models, build Mint, run the lit and GoogleTest suites
# (check-mint; the model round trips run in the TFLite interpreter), then
# install Mint, build and run a consumer project against the installed
# copy, and install the Python package against it and run its tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

mint_install_packages
mint_install_npm
mint_install_python_packages
mint_log "Fetching the MediaPipe models and preparing real images"
MINT_MODEL_CACHE=$(mint_prepare_models)
export MINT_MODEL_CACHE MINT_REQUIRE_MODELS=1
mint_build
mint_log "Running check-mint (lit + GoogleTest)"
cmake --build "$MINT_BUILD_DIR" --target check-mint

mint_log "GoogleTest binaries"
gtests=0
while IFS= read -r binary; do
  summary=$("$binary" --gtest_brief=1 | tail -n 1)
  printf '  %s: %s\n' "${binary#"$MINT_BUILD_DIR"/}" "$summary"
  gtests=$((gtests + $(sed -n 's/.*PASSED  ] \([0-9]*\) test.*/\1/p' <<<"$summary")))
done < <(find "$MINT_BUILD_DIR/unittests" -type f -name '*Tests' -perm -u+x | sort)
printf '  %d GoogleTest tests passed\n' "$gtests"

mint_log "Installing Mint and building a find_package(Mint) consumer"
prefix="$MINT_BUILD_DIR/install"
rm -rf "$prefix" "$MINT_BUILD_DIR/consumer"
cmake --install "$MINT_BUILD_DIR" --prefix "$prefix" >/dev/null
cmake -G Ninja -S "$MINT_ROOT/test/Consumer" -B "$MINT_BUILD_DIR/consumer" \
  -DCMAKE_CXX_COMPILER=clang++-22 -DMint_DIR="$prefix/lib/cmake/mint" >/dev/null
cmake --build "$MINT_BUILD_DIR/consumer"
"$MINT_BUILD_DIR/consumer/mint-consumer"

mint_log "Installing the Python package (pip install ./python) and running its tests"
MINT_DIR="$prefix" python3 -m pip install --quiet --no-build-isolation \
  -C build-dir="$MINT_BUILD_DIR/python" "$MINT_ROOT/python"
(cd "$MINT_BUILD_DIR" && MINT_TOOLS_DIR="$MINT_BUILD_DIR/bin" \
  python3 -m pytest -q -p no:cacheprovider "$MINT_ROOT/python/tests")
mint_log "All tests passed"
