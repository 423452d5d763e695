"""Run two models in TFLite on each sample of a batch file and require
identical outputs."""

import argparse
import importlib.util
import os
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument("--samples", required=True)
    parser.add_argument("--oracle", required=True)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("oracle", args.oracle)
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    samples = np.load(args.samples)
    for index, sample in enumerate(samples):
        for position, (a, b) in enumerate(zip(oracle.run(args.first, [sample]),
                                              oracle.run(args.second,
                                                         [sample]))):
            if a.dtype != b.dtype or not np.array_equal(a, b):
                sys.exit(f"sample {index}, output {position}: the models "
                         f"differ by up to "
                         f"{np.max(np.abs(a.astype(np.float64) - b))}")
    print(f"{os.path.basename(args.first)} and {os.path.basename(args.second)}"
          f": equal outputs in TFLite on {len(samples)} samples")


if __name__ == "__main__":
    main()
