#!/usr/bin/env python3
"""Dense against block-sparse kernels in Mint's CPU path.

Per layer: every distinct float32 1x1 CONV_2D shape of a model
(hand_landmark_full by default) as a one-layer model whose weights keep
30% (then 50%) of their blocks of 16 output channels x 1 input channel
(8 or 4 channels where 16 does not divide the outputs), timed with
`mint bench` on the block-sparse kernels and with --sparse-kernels=false
(the dense kernels), alternately, in the same run.

Per model: each MediaPipe model pruned by `mint prune --pattern block:16x1
--sparsity 0.7` (and 2:4 and 70% unstructured, which leave the dense
kernels), timed the same two ways, next to the unpruned model; the output
SQNR of the pruned model against the float one (on --data when given, else
on random inputs) says what the speed cost in accuracy. Prints ratios
(dense / sparse: above 1 means the sparse kernels are faster). A benchmark,
not a test: it asserts nothing.

    sparse.py --mint build/bin --models ~/.cache/mint/models [--data DIR]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernels import OP, dims  # noqa: E402

MODELS = [
    "face_detection_short_range", "face_detection_full_range",
    "face_detection_full_range_sparse", "hand_landmark_lite",
    "hand_landmark_full", "selfie_segmentation",
    "selfie_segmentation_landscape",
]
DATA = {
    "face_detection_short_range": "images_128x128.npy",
    "face_detection_full_range": "images_192x192.npy",
    "face_detection_full_range_sparse": "images_192x192.npy",
    "hand_landmark_lite": "images_224x224.npy",
    "hand_landmark_full": "images_224x224.npy",
    "selfie_segmentation": "images_256x256.npy",
    "selfie_segmentation_landscape": "images_144x256.npy",
}


def bench(mint, model, sparse, iterations):
    result = subprocess.run(
        [os.path.join(mint, "mint"), "bench", model, "--json", "--iterations",
         str(iterations), "--sparse-kernels=" + ("true" if sparse else "false")],
        capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"mint bench {model} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def compare(mint, model, iterations, rounds=2):
    """Best median of `rounds` alternating runs: (dense ms, sparse ms,
    layers on sparse kernels)."""
    dense, sparse, layers = [], [], 0
    for _ in range(rounds):
        dense.append(bench(mint, model, False, iterations)["median_ms"])
        r = bench(mint, model, True, iterations)
        sparse.append(r["median_ms"])
        layers = r["block_sparse_convolutions"]
    return min(dense), min(sparse), layers


def per_layer(args, work):
    mlir = subprocess.run(
        [os.path.join(args.mint, "mint-translate"), "--import-tflite",
         args.layers_of], capture_output=True, text=True, check=True).stdout
    shapes = set()
    for m in OP.finditer(mlir):
        types = re.findall(r"tensor<[^>]*>", m.group(3))
        x, w = dims(types[0]), dims(types[1])
        if m.group(1) == "conv_2d" and w[1] == 1 and w[2] == 1 and \
                dims(m.group(4))[1] == x[1]:
            shapes.add((x[1], x[2], x[3], w[0]))
    rng = np.random.default_rng(0)
    print(f"per layer: 1x1 convolutions of {os.path.basename(args.layers_of)}"
          f" with random weights, blocks kept 30% / 50%")
    print(f"{'input':>12s} {'out':>4s} {'block':>5s} {'dense ms':>9s} "
          f"{'30% ms':>8s} {'x':>5s} {'50% ms':>8s} {'x':>5s}")
    for h, w, c, f in sorted(shapes):
        block = next(b for b in (16, 8, 4, 1) if f % b == 0)
        row = [f"{h}x{w}x{c}", f"{f}", f"{block}x1"]
        dense_ms = None
        for keep in (0.3, 0.5):
            weights = rng.uniform(-0.1, 0.1, (f, 1, 1, c)).astype(np.float32)
            mask = rng.random((f // block, c)) < keep
            weights *= np.repeat(mask, block, axis=0)[:, None, None, :]
            xt = f"tensor<1x{h}x{w}x{c}xf32>"
            ot = f"tensor<1x{h}x{w}x{f}xf32>"
            wt = f"tensor<{f}x1x1x{c}xf32>"
            bt = f"tensor<{f}xf32>"
            source = (
                f"func.func @main(%x: {xt}) -> {ot} {{\n"
                f"  %w = mint.const dense<\"0x{weights.tobytes().hex().upper()}"
                f"\"> : {wt}\n  %b = mint.const dense<0.1> : {bt}\n"
                f"  %0 = mint.conv_2d %x, %w, %b {{padding = "
                f"#mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : "
                f"i32}} : ({xt}, {wt}, {bt}) -> {ot}\n"
                f"  return %0 : {ot}\n}}\n")
            path = os.path.join(work, "layer.mlir")
            with open(path, "w") as out:
                out.write(source)
            model = os.path.join(work, f"layer{keep}.tflite")
            subprocess.run([os.path.join(args.mint, "mint-translate"),
                            "--export-tflite", path, "-o", model], check=True)
            d, s, layers = compare(args.mint, model, args.layer_iterations)
            dense_ms = d if dense_ms is None else min(dense_ms, d)
            row += [f"{s:.4f}" + ("" if layers else "*"), f"{d / s:.2f}"]
        print(f"{row[0]:>12s} {row[1]:>4s} {row[2]:>5s} {dense_ms:9.4f} "
              f"{row[3]:>8s} {row[4]:>5s} {row[5]:>8s} {row[6]:>5s}",
              flush=True)
    print("(* the layer stayed on the dense kernels: too many blocks kept)\n")


def prune(args, source, target, pattern, sparsity, data):
    command = [os.path.join(args.mint, "mint"), "prune", source, "-o", target,
               "--pattern", pattern, "--sparsity", str(sparsity),
               "--max-weight-error", "1", "--json"]
    if data:
        command += ["--data", data]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"mint prune {source} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def per_model(args, work):
    settings = [("block:16x1", 0.7), ("2:4", 0.5), ("unstructured", 0.7)]
    print("per model (dense = --sparse-kernels=false; x = dense / sparse)")
    print(f"{'model':34s} {'pruned':>16s} {'float ms':>9s} {'dense ms':>9s} "
          f"{'sparse ms':>9s} {'x':>5s} {'layers':>6s} {'SQNR dB':>8s}")
    for name in MODELS:
        path = os.path.join(args.models, name + ".tflite")
        base = bench(args.mint, path, True, args.iterations)["median_ms"]
        data = os.path.join(args.data, DATA[name]) if args.data else None
        for pattern, sparsity in settings:
            target = os.path.join(work, f"{name}.{pattern.replace(':', '')}"
                                  ".tflite")
            summary = prune(args, path, target, pattern, sparsity, data)
            d, s, layers = compare(args.mint, target, args.iterations)
            sqnr = "/".join(f"{v:.1f}" if isinstance(v, float) else str(v)
                            for v in summary["sqnr_db"])
            print(f"{name:34s} {f'{sparsity:.0%} {pattern}':>16s} {base:9.3f} "
                  f"{d:9.3f} {s:9.3f} {d / s:5.2f} {layers:6d} {sqnr:>8s}",
                  flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mint", required=True,
                        help="the directory of mint and mint-translate")
    parser.add_argument("--models", required=True)
    parser.add_argument("--data", help="directory of images_<H>x<W>.npy "
                        "(utils/prepare-images.py) for the SQNR column")
    parser.add_argument("--layers-of", help="model whose 1x1 shapes to time "
                        "(default hand_landmark_full)")
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--layer-iterations", type=int, default=200)
    parser.add_argument("--skip-layers", action="store_true")
    parser.add_argument("--skip-models", action="store_true")
    args = parser.parse_args()
    if not args.layers_of:
        args.layers_of = os.path.join(args.models, "hand_landmark_full.tflite")
    work = tempfile.mkdtemp(prefix="mint-sparse-")
    if not args.skip_layers:
        per_layer(args, work)
    if not args.skip_models:
        per_model(args, work)


if __name__ == "__main__":
    main()
