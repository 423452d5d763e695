# utils/setup.sh - shared by utils/test.sh and utils/demo.sh (sourced, not
# run): installs the Debian packages Mint needs when they are missing, then
# configures and builds Mint incrementally.

MINT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MINT_BUILD_DIR=${MINT_BUILD_DIR:-$MINT_ROOT/build}

# The Debian 12 packages the build and the tests need: the toolchain and
# MLIR, LLVM's OpenMP runtime (multi-threaded models), flatbuffers,
# GoogleTest, stb (image decoding and resizing) and zlib (.npz), and
# python3-skimage for real photographs (with python3-pil, which the data
# tests use to write images).
MINT_PACKAGES=(
  cmake ninja-build git python3
  clang-22 lld-22 llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libomp-22-dev
  flatbuffers-compiler libflatbuffers-dev
  googletest libgtest-dev
  libstb-dev zlib1g-dev
  python3-skimage python3-pil
)
# The image sizes the MediaPipe models take (utils/prepare-images.py).
MINT_IMAGE_SIZES=(128x128 192x192 224x224 256x256 144x256)

mint_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the packages of MINT_PACKAGES that are not installed yet.
mint_install_packages() {
  local missing=() package
  for package in "${MINT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  mint_log "Installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Installs npm when missing (utils/fetch-models.sh packs npm packages).
mint_install_npm() {
  command -v npm >/dev/null && return 0
  MINT_PACKAGES=(nodejs npm) mint_install_packages
}

# Installs the Python packages of the tests (numpy, the LiteRT interpreter
# as the test oracle, pytest) and of building the Python package (nanobind,
# scikit-build-core) into the python3 on PATH, the one the tests run with.
mint_install_python_packages() {
  python3 -c "import numpy, ai_edge_litert, nanobind, scikit_build_core, pytest" \
    2>/dev/null && return 0
  mint_log "Installing numpy, ai-edge-litert, nanobind, scikit-build-core and pytest with pip"
  python3 -m pip install --quiet numpy ai-edge-litert nanobind scikit-build-core \
    pytest
}

# Fetches the real models and turns real photographs into inputs; prints
# the model cache directory.
mint_prepare_models() {
  local cache
  cache=$("$MINT_ROOT/utils/fetch-models.sh")
  /usr/bin/python3 "$MINT_ROOT/utils/prepare-images.py" "$cache/inputs" \
    "${MINT_IMAGE_SIZES[@]}" >/dev/null
  echo "$cache"
}

# Configures (once) and builds Mint in MINT_BUILD_DIR with clang-22, lld
# and ninja, linking the tools against libMLIR.so.
mint_build() {
  if [ ! -f "$MINT_BUILD_DIR/build.ninja" ]; then
    mint_log "Configuring $MINT_BUILD_DIR"
    cmake -G Ninja -S "$MINT_ROOT" -B "$MINT_BUILD_DIR" \
      -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
      -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir
  fi
  mint_log "Building"
  cmake --build "$MINT_BUILD_DIR" "$@"
}
