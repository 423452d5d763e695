#!/usr/bin/env bash
# utils/demo.sh [MODEL.tflite] - Mint's main job on a fresh Debian 12
# machine. Until quantization lands, the job is what every later step
# stands on: it installs what is missing, fetches the real MediaPipe models,
# builds Mint, shows what is in the model (default: MediaPipe's hand
# landmark model), imports it into the mint dialect, cleans it (float16
# weights folded to float32, sparse weights densified), exports it, runs
# the original and Mint's model side by side in the real TFLite interpreter
# on real photographs, then compiles the model to native code for this CPU,
# runs it on the same photographs against TFLite, and times it against the
# TFLite interpreter on 1 and 2 threads.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

mint_install_packages
mint_install_npm
mint_install_python_packages
mint_log "Fetching the MediaPipe models and preparing real images"
cache=$(mint_prepare_models)
mint_build --target mint mint-translate mint-opt
bin="$MINT_BUILD_DIR/bin"
model=${1:-$cache/hand_landmark_full.tflite}
work="$MINT_BUILD_DIR/demo"
mkdir -p "$work"
name=$(basename "$model" .tflite)

mint_log "mint inspect $model"
"$bin/mint" inspect "$model"

mint_log "Import, clean and export"
"$bin/mint-translate" --import-tflite "$model" --mlir-print-debuginfo -o "$work/$name.mlir"
"$bin/mint-translate" --export-tflite "$work/$name.mlir" -o "$work/$name.roundtrip.tflite"
"$bin/mint-opt" --mint-densify --mint-fold-f16-weights --mlir-print-debuginfo "$work/$name.mlir" |
  "$bin/mint-translate" --export-tflite -o "$work/$name.clean.tflite"
for file in "$model" "$work/$name.roundtrip.tflite" "$work/$name.clean.tflite"; do
  printf '  %12d bytes  %s\n' "$(stat -c %s "$file")" "$file"
done

mint_log "The original and Mint's models in the TFLite interpreter, on real photographs"
python3 "$MINT_ROOT/utils/compare-models.py" --images-dir "$cache/inputs" \
  "$model" "$work/$name.roundtrip.tflite" "$work/$name.clean.tflite"

mint_log "Mint compiles the model for this CPU and runs it on the same photographs"
size=$(python3 -c "
import importlib.util, sys
spec = importlib.util.spec_from_file_location('o', '$MINT_ROOT/utils/tflite-oracle.py')
o = importlib.util.module_from_spec(spec); spec.loader.exec_module(o)
shape = o.input_details(sys.argv[1])[0]['shape']
print(f'{shape[1]}x{shape[2]}')" "$model" 2> >(grep -v "^INFO" >&2))
python3 "$MINT_ROOT/test/Runtime/Models/compare_with_tflite.py" \
  --mint "$bin/mint" --oracle "$MINT_ROOT/utils/tflite-oracle.py" \
  --flatc "$(command -v flatc)" \
  --schema "$MINT_ROOT/lib/Target/TFLite/schema/tflite.fbs" \
  --model "$model" --images "$cache/inputs/images_$size.npy" \
  --work "$work/run" 2> >(grep -v "^INFO" >&2) | sed 's/^/  /'

for threads in 1 2; do
  mint_log "mint bench --compare-tflite --threads $threads"
  "$bin/mint" bench "$model" --compare-tflite --threads "$threads" \
    2> >(grep -v "^INFO" >&2)
done

mint_log "mint quantize: float16 and full integer int8 (calibrated on the photographs)"
python3 -c "
import numpy as np, sys
np.save(sys.argv[2], np.load(sys.argv[1]).astype(np.float32)[:, None])" \
  "$cache/inputs/images_$size.npy" "$work/samples.npy"
"$bin/mint" quantize "$work/$name.clean.tflite" --mode float16 \
  -o "$work/$name.float16.tflite" --data "$work/samples.npy" | sed 's/^/  /'
"$bin/mint" quantize "$work/$name.clean.tflite" --mode int8 \
  -o "$work/$name.int8.tflite" --data "$work/samples.npy" | sed 's/^/  /'

mint_log "The int8 model in TFLite and in Mint: equal bit for bit"
python3 "$MINT_ROOT/test/Runtime/Models/compare_with_tflite.py" \
  --mint "$bin/mint" --oracle "$MINT_ROOT/utils/tflite-oracle.py" \
  --flatc "$(command -v flatc)" \
  --schema "$MINT_ROOT/lib/Target/TFLite/schema/tflite.fbs" \
  --model "$work/$name.int8.tflite" --images "$cache/inputs/images_$size.npy" \
  --tolerance 0 --work "$work/run8" 2> >(grep -v "^INFO" >&2) | sed 's/^/  /'
