"""Quantize a real model with `mint quantize` and check the result.

The MediaPipe models store their weights as float16 behind DEQUANTIZE;
the float32 model that quantization starts from is that model with its
weights widened to float32 (mint-densify, mint-fold-f16-weights: exact).
The script writes it, runs `mint quantize --mode MODE` on it, checks the
parameter bytes of the result against the float32 model's
(--max-size-ratio) and the file against the float32 file (--max-file-ratio:
the rest of a .tflite, tensors, operators, names and the integer modes'
per-channel scales, does not shrink, and weighs 5-10% of the small
MediaPipe models), and
prints the file sizes and `mint quantize`'s summary. compare_with_tflite.py then checks that
TFLite runs the quantized model and that Mint's execution matches it.
"""

import argparse
import json
import os
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--mode", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--max-size-ratio", type=float, required=True,
                        help="largest parameter bytes / float32's")
    parser.add_argument("--max-file-ratio", type=float,
                        help="largest file size / the float32 file's")
    parser.add_argument("--mint", required=True)
    parser.add_argument("--mint-opt", required=True)
    parser.add_argument("--mint-translate", required=True)
    parser.add_argument("--images",
                        help=".npy of photographs [N, H, W, 3] in [0, 1] to "
                             "calibrate on (the integer modes)")
    parser.add_argument("--quantize-arg", action="append", default=[],
                        help="one more argument for mint quantize")
    parser.add_argument("--range", default="0,1",
                        help="the model's input range, e.g. -1,1")
    args = parser.parse_args()

    name = os.path.splitext(os.path.basename(args.model))[0]
    work = os.path.dirname(os.path.abspath(args.output))
    float32 = os.path.join(work, name + ".float32.tflite")
    imported = subprocess.run(
        [args.mint_translate, "--import-tflite", args.model,
         "--mlir-print-debuginfo"], capture_output=True, text=True)
    if imported.returncode:
        sys.exit(imported.stderr)
    widened = subprocess.run(
        [args.mint_opt, "--mint-densify", "--mint-fold-f16-weights",
         "--mlir-print-debuginfo"], input=imported.stdout,
        capture_output=True, text=True)
    if widened.returncode:
        sys.exit(widened.stderr)
    exported = subprocess.run(
        [args.mint_translate, "--export-tflite", "-o", float32],
        input=widened.stdout, capture_output=True, text=True)
    if exported.returncode:
        sys.exit(exported.stderr)

    command = [args.mint, "quantize", float32, "-o", args.output, "--mode",
               args.mode, "--json"] + args.quantize_arg
    if args.images:
        import numpy as np
        low, high = (float(v) for v in args.range.split(","))
        images = np.load(args.images).astype(np.float32)
        samples = os.path.join(work, name + ".samples.npy")
        np.save(samples, (low + (high - low) * images)[:, None])
        command += ["--data", samples]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"mint quantize failed:\n{result.stderr}")
    summary = json.loads(result.stdout)
    before = sum(summary["parameter_bytes_before"].values())
    after = sum(summary["parameter_bytes_after"].values())
    ratio = after / before
    if ratio > args.max_size_ratio:
        sys.exit(f"{name}: {args.mode} parameters are {ratio:.1%} of the "
                 f"float32 model's (at most {args.max_size_ratio:.0%} "
                 f"expected)")
    size = os.path.getsize(args.output)
    file_ratio = size / os.path.getsize(float32)
    if args.max_file_ratio is not None and file_ratio > args.max_file_ratio:
        sys.exit(f"{name}: the {args.mode} file is {file_ratio:.1%} of the "
                 f"float32 file (at most {args.max_file_ratio:.1%} expected)")
    sqnr = ", ".join(str(v) for v in summary["sqnr_db"])
    print(f"{name}: {args.mode} {size} B, {file_ratio:.1%} "
          f"of the float32 file ({os.path.getsize(float32)} B); parameters "
          f"{after} B, {ratio:.1%}; {summary['float_ops']} of "
          f"{summary['ops']} ops in float; output SQNR {sqnr} dB")


if __name__ == "__main__":
    main()
