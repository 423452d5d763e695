#!/usr/bin/env python3
"""Pruning, clustering and their combination with int8, on real models.

For each MediaPipe model, starting from its float32 form (MediaPipe's
float16 weights widened, exactly), the script runs each setting below with
the `mint` driver and prints one table: file size raw and gzip-compressed
(gzip -9) and how many times smaller each is than the float32 file, the
output SQNR against the float32 model on the photographs (both run by
Mint, which matches TFLite within 1e-4 on float models and bit for bit on
int8 ones; one value per output), and the wall time of the Mint commands.
One-shot: nothing is fine-tuned. A benchmark, not a test: it asserts
nothing.

    bench/compression.py --mint build/bin --models ~/.cache/mint/models \\
        [--only face_detection_short_range,...] [--settings prune50,...]
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import time

import numpy as np

MODELS = {
    # name: (input size, input range)
    "face_detection_short_range": ("128x128", (-1.0, 1.0)),
    "face_detection_full_range": ("192x192", (-1.0, 1.0)),
    "face_detection_full_range_sparse": ("192x192", (-1.0, 1.0)),
    "hand_landmark_lite": ("224x224", (0.0, 1.0)),
    "hand_landmark_full": ("224x224", (0.0, 1.0)),
    "selfie_segmentation": ("256x256", (0.0, 1.0)),
    "selfie_segmentation_landscape": ("144x256", (0.0, 1.0)),
}

# name: the mint commands, each (command, arguments); "int8" quantizes on
# the photographs.
SETTINGS = {
    "prune50": [("prune", [])],
    "prune2:4": [("prune", ["--pattern", "2:4"])],
    "prune-block1x16": [("prune", ["--pattern", "block:1x16",
                                   "--max-weight-error", "0.9"])],
    "cluster16": [("cluster", ["--clusters", "16"])],
    "cluster32": [("cluster", ["--clusters", "32"])],
    "cluster16-all": [("cluster", ["--clusters", "16",
                                   "--min-elements", "0"])],
    "cluster16-channel": [("cluster", ["--clusters", "16",
                                       "--per-channel"])],
    "cluster16-palettize": [("cluster", ["--clusters", "16",
                                         "--palettize"])],
    "cluster16-all-palettize": [("cluster", ["--clusters", "16",
                                             "--min-elements", "0",
                                             "--palettize"])],
    "int8": [("quantize", ["--mode", "int8"])],
    "prune50+int8": [("prune", []), ("quantize", ["--mode", "int8"])],
    "prune-block1x16+int8": [("prune", ["--pattern", "block:1x16",
                                        "--max-weight-error", "0.9"]),
                             ("quantize", ["--mode", "int8"])],
    "cluster16+int8": [("cluster", ["--clusters", "16"]),
                       ("quantize", ["--mode", "int8"])],
    "prune50+cluster16+int8": [("prune", []),
                               ("cluster", ["--clusters", "16"]),
                               ("quantize", ["--mode", "int8"])],
}


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    return result.stdout


def make_float32(bin_dir, model, path):
    text = run([os.path.join(bin_dir, "mint-translate"), "--import-tflite",
                model, "--mlir-print-debuginfo"])
    text = run([os.path.join(bin_dir, "mint-opt"), "--mint-densify",
                "--mint-fold-f16-weights", "--mlir-print-debuginfo"],
               input=text)
    run([os.path.join(bin_dir, "mint-translate"), "--export-tflite", "-o",
         path], input=text)


def gzip_size(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), compresslevel=9))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mint", required=True, help="Mint's bin directory")
    parser.add_argument("--models", required=True,
                        help="the model cache (utils/fetch-models.sh)")
    parser.add_argument("--work", default="/tmp/mint-bench-compression")
    parser.add_argument("--only", help="comma-separated model names")
    parser.add_argument("--settings", help="comma-separated settings")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(MODELS)
    settings = args.settings.split(",") if args.settings else list(SETTINGS)
    mint = os.path.join(args.mint, "mint")
    os.makedirs(args.work, exist_ok=True)

    print(f"{'model':34} {'setting':24} {'raw B':>9} {'x':>5} {'gzip B':>9} "
          f"{'x':>5}  {'time s':>6}  output SQNR dB (photos)")
    for name in names:
        size, (low, high) = MODELS[name]
        float32 = os.path.join(args.work, f"{name}.float32.tflite")
        make_float32(args.mint, os.path.join(args.models, f"{name}.tflite"),
                     float32)
        photos = np.load(os.path.join(args.models, "inputs",
                                      f"images_{size}.npy"))
        samples = os.path.join(args.work, f"{name}.samples.npy")
        np.save(samples, (photos * (high - low) + low).astype(
            np.float32)[:, None])
        base = os.path.getsize(float32)
        base_gzip = gzip_size(float32)
        print(f"{name:34} {'float32':24} {base:9} {1.0:5.2f} {base_gzip:9} "
              f"{base / base_gzip:5.2f}")
        for setting in settings:
            current = float32
            start = time.perf_counter()
            for step, (command, extra) in enumerate(SETTINGS[setting]):
                output = os.path.join(args.work,
                                      f"{name}.{setting}.{step}.tflite")
                run([mint, command, current, "-o", output, "--data", samples]
                    + extra)
                current = output
            seconds = time.perf_counter() - start
            report = run([mint, "compare", float32, current, "--data",
                          samples, "--json", "--top", "1"])
            sqnr = [o["sqnr_db"] for o in json.loads(report)["outputs"]]
            raw = os.path.getsize(current)
            packed = gzip_size(current)
            print(f"{'':34} {setting:24} {raw:9} {base / raw:5.2f} "
                  f"{packed:9} {base / packed:5.2f}  {seconds:6.1f}  "
                  f"{' / '.join(f'{v:.1f}' for v in sqnr)}", flush=True)


if __name__ == "__main__":
    main()
