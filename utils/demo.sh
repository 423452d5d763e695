#!/usr/bin/env bash
# utils/demo.sh [MODEL.tflite] - Mint's main job on a fresh Debian 12
# machine: quantize a real model on real images and show what it gained.
# It installs what is missing, fetches the real MediaPipe models, builds
# Mint, and takes MediaPipe's face detector (default) with real faces and
# non-faces from Debian's python3-skimage (lfw_subset) as PNG files: it
# quantizes the model with `mint quantize` to float16, dynamic-range int8,
# full integer int8 (calibrated on 50 faces and 50 non-faces) and int16x8,
# printing each summary; checks on the other 100 images that the int8
# model decides face/no-face as the float model does; runs `mint compare`
# to show where the int8 error comes from (with a PNG chart); checks that
# TFLite and Mint run the int8 model to the same bits; and times it against
# the TFLite interpreter. With another one-image MODEL it quantizes that
# model, calibrated on skimage's photographs, and skips the face checks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

mint_install_packages
mint_install_npm
mint_install_python_packages
mint_log "Fetching the MediaPipe models and preparing real images"
cache=$(mint_prepare_models)
mint_build --target mint mint-translate mint-opt
bin="$MINT_BUILD_DIR/bin"
model=${1:-$cache/face_detection_short_range.tflite}
work="$MINT_BUILD_DIR/demo"
rm -rf "$work" && mkdir -p "$work/images"
name=$(basename "$model" .tflite)
quiet() { "$@" 2> >(grep -v "^INFO" >&2); }
indent() { sed 's/^/  /'; }

# The model's input size and range: MediaPipe's face detectors take [-1, 1].
size=$(quiet python3 -c "
import importlib.util, sys
spec = importlib.util.spec_from_file_location('o', '$MINT_ROOT/utils/tflite-oracle.py')
o = importlib.util.module_from_spec(spec); spec.loader.exec_module(o)
shape = o.input_details(sys.argv[1])[0]['shape']
print(f'{shape[1]}x{shape[2]}')" "$model")
face=false
[[ $name == face_detection_short_range ]] && face=true
range=(--input-scale 0.00392156862745098 --input-offset 0)
[[ $name == face_detection_* ]] && range=(--input-mean 127.5 --input-std 127.5)

mint_log "Calibration images, written as PNG files"
/usr/bin/python3 - "$cache/inputs" "$work/images" "$size" "$face" <<'PY'
import sys, numpy as np
from PIL import Image
inputs, out, size, face = sys.argv[1:]
if face == "true":
    # Faces 0-49 and non-faces 100-149; the other 100 are for evaluation.
    images = np.load(f"{inputs}/lfw_faces_128x128.npy")
    images = np.concatenate([images[0:50], images[100:150]])
else:
    images = np.load(f"{inputs}/images_{size}.npy")
for i, image in enumerate(images):
    Image.fromarray((image * 255 + 0.5).astype(np.uint8)).save(
        f"{out}/{i:03d}.png")
print(f"  {len(images)} images in {out}")
PY

for mode in float16 dynamic-int8 int8 int16x8; do
  mint_log "mint quantize $name.tflite --mode $mode --data images/"
  "$bin/mint" quantize "$model" --mode "$mode" -o "$work/$name.$mode.tflite" \
    --data "$work/images" "${range[@]}" | indent
done

if $face; then
  mint_log "Face/no-face decisions on 100 held-out lfw_subset images, int8 vs float"
  quiet python3 "$MINT_ROOT/test/Runtime/Models/face_agreement.py" \
    --model "$model" --faces "$cache/inputs/lfw_faces_128x128.npy" \
    --mint "$bin/mint" --oracle "$MINT_ROOT/utils/tflite-oracle.py" \
    --work "$work/agreement" --min-agreement 0 -- --mode int8 | indent
fi

mint_log "mint compare: where the int8 error comes from"
"$bin/mint" compare "$model" "$work/$name.int8.tflite" --data "$work/images" \
  "${range[@]}" --top 8 --plot "$work/int8-sqnr.png" | indent

mint_log "The int8 model in TFLite and in Mint: equal bit for bit"
quiet python3 "$MINT_ROOT/test/Runtime/Models/compare_with_tflite.py" \
  --mint "$bin/mint" --oracle "$MINT_ROOT/utils/tflite-oracle.py" \
  --flatc "$(command -v flatc)" \
  --schema "$MINT_ROOT/lib/Target/TFLite/schema/tflite.fbs" \
  --model "$work/$name.int8.tflite" --images "$cache/inputs/images_$size.npy" \
  --range="$([[ $name == face_detection_* ]] && echo -1,1 || echo 0,1)" \
  --tolerance 0 --work "$work/run8" | indent

mint_log "mint bench: the int8 model, Mint against the TFLite interpreter"
quiet "$bin/mint" bench "$work/$name.int8.tflite" --compare-tflite --threads 1 | indent
