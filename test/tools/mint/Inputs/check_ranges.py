"""Check `mint calibrate --json` ranges against TFLite's values.

Runs the model in the TFLite interpreter (tflite-oracle.py) on every
sample and compares the input's and the output's minimum and maximum over
all samples with the ranges each JSON report gives for those tensors.
"""

import argparse
import importlib.util
import json
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--samples", required=True)
    parser.add_argument("--oracle", required=True)
    parser.add_argument("reports", nargs="+")
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("oracle", args.oracle)
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)

    samples = np.load(args.samples)
    outputs = np.stack([oracle.run(args.model, [x])[0] for x in samples])
    expected = {"image": (samples.min(), samples.max()),
                "features": (outputs.min(), outputs.max())}
    reports = [json.load(open(path)) for path in args.reports]
    for name, (low, high) in expected.items():
        for path, report in zip(args.reports, reports):
            got = [t for t in report["tensors"] if t["name"] == name]
            if len(got) != 1:
                sys.exit(f"{path}: no single range for '{name}'")
            if report["samples"] != len(samples):
                sys.exit(f"{path}: {report['samples']} samples")
            if not (np.isclose(got[0]["min"], low, rtol=1e-5, atol=1e-6) and
                    np.isclose(got[0]["max"], high, rtol=1e-5, atol=1e-6)):
                sys.exit(f"{path}: '{name}' range [{got[0]['min']}, "
                         f"{got[0]['max']}], TFLite [{low}, {high}]")
        print(f"{name}: matches TFLite over {len(samples)} samples")


if __name__ == "__main__":
    main()
