#!/usr/bin/env python3
"""Run a reference .tflite and other versions of it in the TFLite interpreter
on real photographs and report how far each one's outputs are from the
reference's.

    compare-models.py --images-dir DIR REFERENCE CANDIDATE... [--range 0,1]

DIR holds images_<H>x<W>.npy ([N, H, W, 3] in [0, 1], from
prepare-images.py); the file matching the reference's one image input is
used, scaled to --range. Exits non-zero when a model fails to run.
"""

import argparse
import importlib.util
import os
import sys

import numpy as np


def load_oracle():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "tflite-oracle.py")
    spec = importlib.util.spec_from_file_location("tflite_oracle", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference")
    parser.add_argument("candidates", nargs="+")
    parser.add_argument("--images-dir", required=True)
    parser.add_argument("--range", default="0,1")
    args = parser.parse_args()

    oracle = load_oracle()
    details = oracle.input_details(args.reference)
    if len(details) != 1 or len(details[0]["shape"]) != 4:
        sys.exit(f"{args.reference}: expected one [1, H, W, C] image input")
    _, height, width, _ = (int(d) for d in details[0]["shape"])
    images_path = os.path.join(args.images_dir,
                               f"images_{height}x{width}.npy")
    if not os.path.exists(images_path):
        sys.exit(f"{images_path}: no photographs of the model's input size")
    low, high = (float(v) for v in args.range.split(","))
    images = np.load(images_path)
    inputs = [[(low + (high - low) * image[None]).astype(np.float32)]
              for image in images]

    expected = [oracle.run(args.reference, value) for value in inputs]
    print(f"  {len(inputs)} photographs ({os.path.basename(images_path)}); "
          f"reference {args.reference}")
    for candidate in args.candidates:
        worst, identical = 0.0, True
        for value, reference_outputs in zip(inputs, expected):
            outputs = oracle.run(candidate, value)
            for got, want in zip(outputs, reference_outputs):
                identical &= got.tobytes() == want.tobytes()
                worst = max(worst, float(np.max(np.abs(
                    got.astype(np.float64) - want.astype(np.float64)))))
        verdict = ("bit-identical outputs" if identical else
                   f"max |difference| {worst:.3g}")
        print(f"  {verdict:32}  {candidate}")


if __name__ == "__main__":
    main()
