#!/usr/bin/env python3
"""Mint's convolution kernels against XNNPACK and the machine's peak.

Takes every distinct CONV_2D and DEPTHWISE_CONV_2D shape of a model
(hand_landmark_full by default), builds a one-op float32 model of it with
random weights (written in the mint dialect, exported with mint-translate),
and times it with `mint bench`; mint-kernel-bench times the same shape with
XNNPACK (Debian libxnnpack-dev) and measures the peak per core: 16
independent chains of AVX-512 FMAs (float32) and of VNNI vpdpbusd (int8).
Prints GFLOP/s of both and their share of the peak. Then the same 1x1
shapes as int8 layers (per-tensor scales, requantized output): Mint's
GOP/s against the VNNI peak (Mint computes them with vpdpbusd when the
input channels are a multiple of 4 and the outputs of 16). Asserts
nothing.

    kernels.py --mint build/bin/mint --mint-translate build/bin/mint-translate
               --kernel-bench build/bin/mint-kernel-bench --model M.tflite
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

OP = re.compile(r"mint\.(conv_2d|depthwise_conv_2d) %\w+, %\w+(?:, %\w+)? "
                r"\{(.*?)\} : \((.*?)\) -> (tensor<[^>]*>)")


def dims(text):
    return [int(v) for v in re.match(r"tensor<([\dx]+)x", text).group(1)
            .split("x")]


def padding(attrs, size, kernel, stride):
    if "padding<valid>" in attrs:
        return 0, 0
    out = (size + stride - 1) // stride
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def attr(attrs, name, default=1):
    m = re.search(name + r" = (\d+)", attrs)
    return int(m.group(1)) if m else default


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mint", required=True)
    parser.add_argument("--mint-translate", required=True)
    parser.add_argument("--kernel-bench", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--iterations", type=int, default=30)
    args = parser.parse_args()

    peak = json.loads(subprocess.run([args.kernel_bench, "peak"],
                                     capture_output=True, text=True,
                                     check=True).stdout)
    fma = peak["fp32_fma_gflops"]
    print(f"peak per core (measured): float32 FMA {fma:.0f} GFLOP/s, "
          f"int8 VNNI {peak['int8_vnni_gops']:.0f} GOP/s")
    mlir = subprocess.run([args.mint_translate, "--import-tflite", args.model],
                          capture_output=True, text=True, check=True).stdout
    shapes = {}
    for m in OP.finditer(mlir):
        key = (m.group(1), m.group(2), m.group(3), m.group(4))
        shapes[key] = shapes.get(key, 0) + 1
    rng = np.random.default_rng(0)
    work = tempfile.mkdtemp(prefix="mint-kernels-")
    print(f"{'op':9s} {'n':>2s} {'input':>16s} {'filter':>14s} {'s':>1s} "
          f"{'Mint GF/s':>9s} {'XNNPACK':>8s} {'Mint/XNN':>8s} "
          f"{'Mint %pk':>8s} {'XNN %pk':>8s}")
    for (kind, attrs, operands, result), count in sorted(shapes.items()):
        types = re.findall(r"tensor<[^>]*>", operands)
        x, w = dims(types[0]), dims(types[1])
        out = dims(result)
        weights = rng.uniform(-0.1, 0.1, w).astype(np.float32)
        blob = weights.tobytes().hex().upper()
        xt, wt = types[0], types[1]
        bt = f"tensor<{out[3]}xf32>"
        source = (f"func.func @main(%x: {xt}) -> {result} {{\n"
                  f"  %w = mint.const dense<\"0x{blob}\"> : {wt}\n"
                  f"  %b = mint.const dense<0.1> : {bt}\n"
                  f"  %0 = mint.{kind} %x, %w, %b {{{attrs}}} : "
                  f"({xt}, {wt}, {bt}) -> {result}\n"
                  f"  return %0 : {result}\n}}\n")
        mint = bench_layer(args, source, work)
        depthwise = kind == "depthwise_conv_2d"
        kh, kw = w[1], w[2]
        sh, sw = attr(attrs, "stride_h"), attr(attrs, "stride_w")
        pt, pb = padding(attrs, x[1], kh, sh)
        pl, pr = padding(attrs, x[2], kw, sw)
        xnn = json.loads(subprocess.run(
            [args.kernel_bench, "conv", str(x[0]), str(x[1]), str(x[2]),
             str(x[3]), str(out[3]), str(kh), str(kw), str(sh), str(sw),
             str(pt), str(pb), str(pl), str(pr), "1" if depthwise else "0",
             "1", str(args.iterations)],
            capture_output=True, text=True, check=True).stdout)
        flops = 2.0 * np.prod(out) * kh * kw * (1 if depthwise else x[3])
        mint_gflops = flops / mint["median_ms"] / 1e6
        print(f"{'dw' if depthwise else 'conv':9s} {count:2d} "
              f"{'x'.join(map(str, x[1:])):>16s} "
              f"{'x'.join(map(str, w)):>14s} {sh:1d} {mint_gflops:9.1f} "
              f"{xnn['gflops']:8.1f} {mint_gflops / xnn['gflops']:8.2f} "
              f"{100 * mint_gflops / fma:7.0f}% "
              f"{100 * xnn['gflops'] / fma:7.0f}%", flush=True)
    if peak["int8_vnni_gops"] > 0:
        int8_pointwise(args, shapes, peak["int8_vnni_gops"], work)


def bench_layer(args, source, work):
    """Exports a one-layer model written in the mint dialect and times it
    with `mint bench`; returns its JSON report."""
    mlir_path = os.path.join(work, "layer.mlir")
    tflite_path = os.path.join(work, "layer.tflite")
    with open(mlir_path, "w") as out:
        out.write(source)
    subprocess.run([args.mint_translate, "--export-tflite", mlir_path, "-o",
                    tflite_path], check=True)
    return json.loads(subprocess.run(
        [args.mint, "bench", tflite_path, "--json", "--iterations",
         str(args.iterations)], capture_output=True, text=True,
        check=True).stdout)


def int8_pointwise(args, shapes, vnni_peak, work):
    """Times each 1x1 shape as an int8 layer; prints GOP/s and % of peak."""
    rng = np.random.default_rng(1)
    print(f"\nint8 1x1 convolutions (whole layer: offset, accumulate, "
          f"requantize; peak {vnni_peak:.0f} GOP/s)")
    print(f"{'input':>16s} {'outputs':>7s} {'vnni':>4s} {'Mint GOP/s':>10s} "
          f"{'%peak':>6s}")
    seen = set()
    for (kind, attrs, operands, result) in sorted(shapes):
        types = re.findall(r"tensor<[^>]*>", operands)
        x, w = dims(types[0]), dims(types[1])
        if kind != "conv_2d" or w[1] != 1 or w[2] != 1 or \
                "stride_h = 1 " not in attrs + " ":
            continue
        h, c, f = x[1], x[3], w[0]
        if (h, c, f) in seen:
            continue
        seen.add((h, c, f))
        qa = "!quant.uniform<i8:f32, 0.05:-7>"
        qw = "!quant.uniform<i8:f32, 0.004>"
        qb = "!quant.uniform<i32:f32, 2.0E-4>"
        qo = "!quant.uniform<i8:f32, 0.2:3>"
        weights = rng.integers(-127, 128, (f, 1, 1, c)).astype(np.int8)
        bias = rng.integers(-1000, 1000, f).astype(np.int32)
        xt = f"tensor<1x{h}x{x[2]}x{c}x{qa}>"
        ot = f"tensor<1x{h}x{x[2]}x{f}x{qo}>"
        wt = f"tensor<{f}x1x1x{c}x{qw}>"
        bt = f"tensor<{f}x{qb}>"
        source = (
            f"func.func @main(%x: {xt}) -> {ot} {{\n"
            f"  %w = mint.const dense<\"0x{weights.tobytes().hex().upper()}\">"
            f" : tensor<{f}x1x1x{c}xi8> -> {wt}\n"
            f"  %b = mint.const dense<{bias.tolist()}> : tensor<{f}xi32> -> {bt}\n"
            f"  %0 = mint.conv_2d %x, %w, %b {{padding = #mint.padding<same>, "
            f"stride_h = 1 : i32, stride_w = 1 : i32}} : ({xt}, {wt}, {bt}) "
            f"-> {ot}\n  return %0 : {ot}\n}}\n")
        mint = bench_layer(args, source, work)
        ops = 2.0 * h * x[2] * c * f
        gops = ops / mint["median_ms"] / 1e6
        vnni = "yes" if c % 4 == 0 and f % 16 == 0 else "no"
        print(f"{f'{h}x{x[2]}x{c}':>16s} {f:7d} {vnni:>4s} {gops:10.1f} "
              f"{100 * gops / vnni_peak:5.0f}%", flush=True)


if __name__ == "__main__":
    main()
