"""Run a model in Mint (`mint run`) and in TFLite on each sample of a batch
file and require identical outputs."""

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
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("oracle", args.oracle)
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    os.makedirs(args.work, exist_ok=True)
    samples = np.load(args.samples)
    for index, sample in enumerate(samples):
        path = os.path.join(args.work, f"sample{index}.npy")
        np.save(path, sample)
        out = os.path.join(args.work, f"out{index}")
        subprocess.run([args.mint, "run", args.model, "--input", path,
                        "--output-dir", out], check=True, capture_output=True)
        for position, want in enumerate(oracle.run(args.model, [sample])):
            got = np.load(os.path.join(out, f"output_{position}.npy"))
            if got.dtype != want.dtype or not np.array_equal(got, want):
                sys.exit(f"sample {index}, output {position}: Mint differs "
                         f"from TFLite by up to "
                         f"{np.max(np.abs(got.astype(np.float64) - want))}")
    print(f"{os.path.basename(args.model)}: {len(samples)} samples, Mint "
          f"equals TFLite")


if __name__ == "__main__":
    main()
