#!/usr/bin/env python3
"""Mint against the TFLite interpreter on the MediaPipe models.

For each model and for 1 and 2 threads, `mint bench --compare-tflite`
times Mint's compiled model and the TFLite interpreter (PyPI ai-edge-litert
with its default XNNPACK delegate) on the same random inputs in the same
run, and this script prints one table with the ratio Mint / TFLite (below
1 means Mint is faster). A benchmark, not a test: it asserts nothing.

    models.py --mint build/bin/mint --models ~/.cache/mint/models
"""

import argparse
import json
import os
import subprocess
import sys

MODELS = [
    "face_detection_short_range", "face_detection_full_range",
    "face_detection_full_range_sparse", "hand_landmark_lite",
    "hand_landmark_full", "selfie_segmentation",
    "selfie_segmentation_landscape",
]


def bench(mint, model, threads, iterations):
    result = subprocess.run(
        [mint, "bench", model, "--compare-tflite", "--json", "--threads",
         str(threads), "--iterations", str(iterations)],
        capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"mint bench {model} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mint", required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--iterations", type=int, default=50)
    args = parser.parse_args()
    print(f"{'model':34s} {'thr':>3s} {'compile s':>9s} {'TFLite ms':>9s} "
          f"{'Mint ms':>8s} {'Mint/TFLite':>11s}")
    ratios = []
    for name in MODELS:
        path = os.path.join(args.models, name + ".tflite")
        for threads in (1, 2):
            r = bench(args.mint, path, threads, args.iterations)
            ratio = r["median_ms"] / r["tflite_median_ms"]
            ratios.append(ratio)
            print(f"{name:34s} {threads:3d} {r['compile_s']:9.2f} "
                  f"{r['tflite_median_ms']:9.3f} {r['median_ms']:8.3f} "
                  f"{ratio:11.2f}", flush=True)
    print(f"worst ratio {max(ratios):.2f}, best {min(ratios):.2f}")


if __name__ == "__main__":
    main()
