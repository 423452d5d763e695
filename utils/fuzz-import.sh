#!/usr/bin/env bash
# utils/fuzz-import.sh - fuzz the TFLite importer (and the exporter behind
# it) with libFuzzer under AddressSanitizer and UndefinedBehaviorSanitizer,
# seeded with the real MediaPipe models and the test models.
#
#   utils/fuzz-import.sh [SECONDS] [JOBS]     (default: 600 seconds, 1 job)
#
# Builds into build-fuzz/ (Mint's code instrumented; LLVM/MLIR are the
# Debian libraries), keeps the corpus in build-fuzz/corpus/ between runs,
# and writes crashing inputs to build-fuzz/artifacts/. Exits non-zero if
# the fuzzer finds a crash, a leak, a hang or a sanitizer report.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

seconds=${1:-600}
jobs=${2:-1}
fuzz_dir="$MINT_ROOT/build-fuzz"
mint_install_packages
if [ ! -f "$fuzz_dir/build.ninja" ]; then
  mint_log "Configuring $fuzz_dir"
  cmake -G Ninja -S "$MINT_ROOT" -B "$fuzz_dir" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DMINT_BUILD_TESTS=OFF -DMINT_ENABLE_FUZZER=ON \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
fi
mint_log "Building mint-import-fuzzer"
cmake --build "$fuzz_dir" --target mint-import-fuzzer

# Seeds: the real models, the hand-written test models and the inputs the
# fuzzer once crashed on.
seeds="$fuzz_dir/seeds"
rm -rf "$seeds" && mkdir -p "$seeds" "$fuzz_dir/corpus" "$fuzz_dir/artifacts"
models=$("$MINT_ROOT/utils/fetch-models.sh")
cp "$models"/*.tflite "$MINT_ROOT"/test/Target/TFLite/Inputs/fuzz/*.tflite "$seeds/"
for json in "$MINT_ROOT"/test/Target/TFLite/Inputs/*.json; do
  flatc -b -o "$seeds" "$MINT_ROOT/lib/Target/TFLite/schema/tflite.fbs" "$json"
done

mint_log "Fuzzing for $seconds s"
# allow_user_poisoning=0: LLVM's BumpPtrAllocator, inlined into Mint's
# instrumented code, poisons each new slab and unpoisons what it hands out,
# but the same allocator's code inside the uninstrumented libMLIR hands out
# pieces of that slab without unpoisoning them, and ASan then reports reads
# of correctly allocated attribute storage. Mint poisons nothing itself.
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:allow_user_poisoning=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Parallel jobs write their logs into the current directory.
parallel=()
if [ "$jobs" -gt 1 ]; then
  parallel=(-jobs="$jobs" -workers="$jobs")
  cd "$fuzz_dir"
fi
"$fuzz_dir/bin/mint-import-fuzzer" "$fuzz_dir/corpus" "$seeds" \
  -max_total_time="$seconds" "${parallel[@]}" -timeout=20 \
  -rss_limit_mb=4096 -max_len=6000000 -print_final_stats=1 \
  -artifact_prefix="$fuzz_dir/artifacts/"
