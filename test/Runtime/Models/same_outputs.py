"""Run two float models in TFLite on photographs and require each output of
the second within a tolerance of the first's (relative to the first's
range): for transforms that keep a model's function, such as cross-layer
equalization."""

import argparse
import importlib.util
import os
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("reference")
    parser.add_argument("candidate")
    parser.add_argument("--images", required=True)
    parser.add_argument("--range", default="0,1")
    parser.add_argument("--tolerance", type=float, required=True)
    parser.add_argument("--oracle", required=True)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("oracle", args.oracle)
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    low, high = (float(v) for v in args.range.split(","))
    images = np.load(args.images).astype(np.float32)
    worst = 0.0
    for image in images:
        x = (low + (high - low) * image[None]).astype(np.float32)
        for want, got in zip(oracle.run(args.reference, [x]),
                             oracle.run(args.candidate, [x])):
            want = want.astype(np.float64)
            scale = max(float(np.ptp(want)), float(np.max(np.abs(want))),
                        1e-30)
            worst = max(worst, float(np.max(np.abs(got - want))) / scale)
    if worst > args.tolerance:
        sys.exit(f"{args.candidate}: outputs differ by {worst:.3g} of the "
                 f"range (tolerance {args.tolerance:g})")
    print(f"{os.path.basename(args.candidate)}: {len(images)} photographs, "
          f"outputs within {worst:.2g} of "
          f"{os.path.basename(args.reference)}'s range "
          f"(tolerance {args.tolerance:g})")


if __name__ == "__main__":
    main()
