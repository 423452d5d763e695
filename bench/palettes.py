#!/usr/bin/env python3
"""Palettized weights looked up at run time against expanded at compile time.

For each MediaPipe model, clustered to 16 values per layer and palettized
(`mint cluster --clusters 16 --palettize`), the script compiles the model
ahead of time both ways (`mint compile`, with and without
`--palette-lookups`) and prints the object file sizes, then times both in
alternating `mint bench` runs of the same binary (best median of the
rounds) on one core. A benchmark, not a test: it asserts nothing.

    bench/palettes.py --mint build/bin --models ~/.cache/mint/models \\
        [--only face_detection_short_range,...] [--clusters 16]
"""

import argparse
import json
import os
import subprocess
import sys

MODELS = [
    "face_detection_short_range",
    "face_detection_full_range",
    "face_detection_full_range_sparse",
    "hand_landmark_lite",
    "hand_landmark_full",
    "selfie_segmentation",
    "selfie_segmentation_landscape",
]


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    return result.stdout


def flag(lookups):
    return "--palette-lookups=" + ("true" if lookups else "false")


def median_ms(mint, model, lookups, iterations):
    out = run([mint, "bench", model, "--json", "--iterations",
               str(iterations), flag(lookups)])
    return json.loads(out)["median_ms"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mint", required=True, help="Mint's bin directory")
    parser.add_argument("--models", required=True,
                        help="directory of the MediaPipe .tflite files")
    parser.add_argument("--work", default="/tmp/mint-bench-palettes")
    parser.add_argument("--only", help="comma-separated model names")
    parser.add_argument("--clusters", type=int, default=16)
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    mint = os.path.join(args.mint, "mint")
    os.makedirs(args.work, exist_ok=True)
    models = args.only.split(",") if args.only else MODELS

    print(f"| model | palettized layers | object, expanded B | object, "
          f"lookups B (x smaller) | expanded ms | lookups ms | "
          f"lookups / expanded |")
    print("|---|---|---|---|---|---|---|")
    for name in models:
        source = os.path.join(args.models, name + ".tflite")
        model = os.path.join(args.work, name + ".palette.tflite")
        summary = json.loads(run([mint, "cluster", source, "-o", model,
                                  "--clusters", str(args.clusters),
                                  "--palettize", "--json"]))
        layers = sum(layer["palettized"] for layer in summary["layers"])
        sizes = []
        for lookups in (False, True):
            obj = os.path.join(args.work, f"{name}.{int(lookups)}.o")
            run([mint, "compile", model, "-o", obj, flag(lookups)])
            sizes.append(os.path.getsize(obj))
        expanded, looked_up = [], []
        for _ in range(args.rounds):
            expanded.append(median_ms(mint, model, False, args.iterations))
            looked_up.append(median_ms(mint, model, True, args.iterations))
        e, l = min(expanded), min(looked_up)
        print(f"| {name} | {layers} | {sizes[0]:,} | {sizes[1]:,} "
              f"({sizes[0] / sizes[1]:.2f}) | {e:.3f} | {l:.3f} | "
              f"{l / e:.2f} |", flush=True)


if __name__ == "__main__":
    main()
