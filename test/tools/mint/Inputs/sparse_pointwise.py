"""Builds a one-layer float32 model (1x1 CONV_2D or FULLY_CONNECTED) whose
weights are zero except for random blocks of BLOCK output channels x 1
input channel, runs it with `mint run` with and without block-sparse
kernels, and compares both with a float64 numpy reference. Prints one line;
exits 1 when an error exceeds --tolerance or the two kernels disagree by
more."""

import argparse
import os
import subprocess
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--op", choices=["conv", "fc"], required=True)
    parser.add_argument("--pixels", required=True, help="HxW (conv) or N (fc)")
    parser.add_argument("--channels", type=int, required=True)
    parser.add_argument("--outputs", type=int, required=True)
    parser.add_argument("--block", type=int, required=True)
    parser.add_argument("--keep", type=float, required=True,
                        help="fraction of blocks that stay nonzero")
    parser.add_argument("--work", required=True)
    parser.add_argument("--mint", required=True)
    parser.add_argument("--mint-translate", required=True)
    parser.add_argument("--tolerance", type=float, default=1e-5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    rng = np.random.default_rng(7)
    c, f = args.channels, args.outputs
    weights = rng.uniform(-1, 1, (f, c)).astype(np.float32)
    mask = rng.random((f // args.block, c)) < args.keep
    weights *= np.repeat(mask, args.block, axis=0)
    bias = rng.uniform(-1, 1, f).astype(np.float32)
    if args.op == "conv":
        h, w = (int(v) for v in args.pixels.split("x"))
        in_shape, out_shape = (1, h, w, c), (1, h, w, f)
        w_type = f"tensor<{f}x1x1x{c}xf32>"
    else:
        in_shape, out_shape = (int(args.pixels), c), (int(args.pixels), f)
        w_type = f"tensor<{f}x{c}xf32>"
    x_type = "tensor<" + "x".join(map(str, in_shape)) + "xf32>"
    o_type = "tensor<" + "x".join(map(str, out_shape)) + "xf32>"
    b_type = f"tensor<{f}xf32>"
    if args.op == "conv":
        op = (f"mint.conv_2d %x, %w, %b {{padding = #mint.padding<valid>, "
              f"stride_h = 1 : i32, stride_w = 1 : i32}}")
    else:
        op = "mint.fully_connected %x, %w, %b"
    source = (
        f"func.func @main(%x: {x_type}) -> {o_type} {{\n"
        f"  %w = mint.const dense<\"0x{weights.tobytes().hex().upper()}\">"
        f" : {w_type}\n"
        f"  %b = mint.const dense<\"0x{bias.tobytes().hex().upper()}\">"
        f" : {b_type}\n"
        f"  %0 = {op} : ({x_type}, {w_type}, {b_type}) -> {o_type}\n"
        f"  return %0 : {o_type}\n}}\n")
    mlir = os.path.join(args.work, "layer.mlir")
    model = os.path.join(args.work, "layer.tflite")
    with open(mlir, "w") as out:
        out.write(source)
    subprocess.run([args.mint_translate, "--export-tflite", mlir, "-o", model],
                   check=True)
    x = rng.uniform(-1, 1, in_shape).astype(np.float32)
    np.save(os.path.join(args.work, "x.npy"), x)
    reference = (x.reshape(-1, c).astype(np.float64)
                 @ weights.T.astype(np.float64) + bias).reshape(out_shape)
    outputs = {}
    for sparse in ("true", "false"):
        out_dir = os.path.join(args.work, "out-" + sparse)
        subprocess.run([args.mint, "run", model, "--input",
                        os.path.join(args.work, "x.npy"), "--output-dir",
                        out_dir, "--sparse-kernels=" + sparse, "--threads",
                        str(args.threads)], check=True,
                       capture_output=True)
        outputs[sparse] = np.load(os.path.join(out_dir, "output_0.npy"))
    scale = np.abs(reference).max()
    sparse_error = np.abs(outputs["true"] - reference).max() / scale
    dense_error = np.abs(outputs["false"] - reference).max() / scale
    between = np.abs(outputs["true"] - outputs["false"]).max() / scale
    ok = max(sparse_error, dense_error, between) <= args.tolerance
    threads = f" on {args.threads} threads" if args.threads > 1 else ""
    print(f"{args.op} {args.pixels}x{c}->{f} blocks {args.block}x1{threads} "
          f"({100 * mask.mean():.0f}% kept): "
          f"{'within' if ok else 'NOT within'} {args.tolerance:g} "
          f"(sparse {sparse_error:.1e}, dense {dense_error:.1e}, "
          f"between {between:.1e})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
