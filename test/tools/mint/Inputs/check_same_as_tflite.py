"""Run a model in Mint (`mint run`) and in TFLite on each sample of a batch
file and require identical outputs (or, with --tolerance, float outputs
within that absolute difference). Float samples for an integer input are
quantized with the input's scale and zero point first, as an application
feeding a model with integer inputs does."""

import argparse
import importlib.util
import os
import subprocess
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--samples", required=True)
    parser.add_argument("--mint", required=True)
    parser.add_argument("--oracle", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--tolerance", type=float, default=0.0)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("oracle", args.oracle)
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    os.makedirs(args.work, exist_ok=True)
    samples = np.load(args.samples)
    detail = oracle.input_details(args.model)[0]
    dtype = np.dtype(detail["dtype"])
    if not np.issubdtype(dtype, np.floating) and \
            np.issubdtype(samples.dtype, np.floating):
        scale, zero_point = detail["quantization"]
        info = np.iinfo(dtype)
        samples = np.clip(np.round(samples / scale) + zero_point, info.min,
                          info.max).astype(dtype)
    for index, sample in enumerate(samples):
        path = os.path.join(args.work, f"sample{index}.npy")
        np.save(path, sample)
        out = os.path.join(args.work, f"out{index}")
        subprocess.run([args.mint, "run", args.model, "--input", path,
                        "--output-dir", out], check=True, capture_output=True)
        for position, want in enumerate(oracle.run(args.model, [sample])):
            got = np.load(os.path.join(out, f"output_{position}.npy"))
            differs = not np.array_equal(got, want) if not args.tolerance \
                else np.max(np.abs(got.astype(np.float64) - want)) > \
                args.tolerance
            if got.dtype != want.dtype or got.shape != want.shape or differs:
                sys.exit(f"sample {index}, output {position}: Mint differs "
                         f"from TFLite by up to "
                         f"{np.max(np.abs(got.astype(np.float64) - want))}")
    verdict = f"matches TFLite within {args.tolerance:g}" \
        if args.tolerance else "equals TFLite"
    print(f"{os.path.basename(args.model)}: {len(samples)} samples, Mint "
          f"{verdict}")


if __name__ == "__main__":
    main()
