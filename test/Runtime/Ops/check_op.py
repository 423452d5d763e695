"""Check one op's lowering against the TFLite interpreter, input by input.

The test file is a module of mint ops with one function. It is exported to
a .tflite with mint-translate; TFLite (tflite-oracle.py: built-in kernels,
no XNNPACK) and `mint run` then run the same random inputs (floats uniform
in --range, integers over their full range). Integer outputs must be
bit-exact; float outputs must agree within --max-ulp units in the last
place, or within --max-error absolute where the float ulp distance is
meaningless (results near zero after cancellation).
"""

import argparse
import os
import subprocess
import sys

import numpy as np


def load_oracle(path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("tflite_oracle", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ulp_distance(a, b):
    """Units in the last place between float32 arrays a and b."""
    ai = a.astype(np.float32).view(np.int32).astype(np.int64)
    bi = b.astype(np.float32).view(np.int32).astype(np.int64)
    # Map the sign-magnitude bit patterns onto a monotonic integer line.
    ai = np.where(ai < 0, -(ai & 0x7FFFFFFF), ai)
    bi = np.where(bi < 0, -(bi & 0x7FFFFFFF), bi)
    return np.abs(ai - bi)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("test")
    parser.add_argument("--mint-translate", required=True)
    parser.add_argument("--mint", required=True)
    parser.add_argument("--oracle", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--cases", type=int, default=3)
    parser.add_argument("--range", default="-1,1",
                        help="range of random float inputs")
    parser.add_argument("--max-ulp", type=int, default=0)
    parser.add_argument("--max-error", type=float, default=0.0)
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    name = os.path.splitext(os.path.basename(args.test))[0]
    model = os.path.join(args.work, name + ".tflite")
    result = subprocess.run([args.mint_translate, "--export-tflite", args.test,
                             "-o", model], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{name}: export failed:\n{result.stderr}")

    oracle = load_oracle(args.oracle)
    low, high = (float(v) for v in args.range.split(","))
    rng = np.random.default_rng(0)
    cases = []
    for seed in range(args.cases):
        inputs = oracle.random_inputs(model, seed)
        inputs = [(low + (high - low) * (x + 1) / 2).astype(x.dtype)
                  if np.issubdtype(x.dtype, np.floating) else x
                  for x in inputs]
        cases.append(inputs)
    del rng

    command = [args.mint, "run", model, "--output-dir",
               os.path.join(args.work, "mint")]
    for index, inputs in enumerate(cases):
        for position, value in enumerate(inputs):
            path = os.path.join(args.work, f"case{index}_input{position}.npy")
            np.save(path, value)
            command += ["--input", path]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{name}: mint run failed:\n{result.stderr}")

    worst_ulp, worst_error, values = 0, 0.0, 0
    for index, inputs in enumerate(cases):
        expected = oracle.run(model, inputs)
        run_dir = os.path.join(args.work, "mint", f"run_{index}") \
            if len(cases) > 1 else os.path.join(args.work, "mint")
        for position, want in enumerate(expected):
            got = np.load(os.path.join(run_dir, f"output_{position}.npy"))
            if got.dtype != want.dtype or got.shape != want.shape:
                sys.exit(f"{name}: output {position} is {got.dtype}"
                         f"{list(got.shape)}, TFLite gives {want.dtype}"
                         f"{list(want.shape)}")
            values += want.size
            if not np.issubdtype(want.dtype, np.floating):
                mismatches = int(np.count_nonzero(got != want))
                if mismatches:
                    sys.exit(f"{name}: case {index}, output {position}: "
                             f"{mismatches} of {want.size} values differ "
                             f"(max |diff| {np.max(np.abs(got.astype(np.int64) - want.astype(np.int64)))})")
                continue
            ulps = ulp_distance(got, want)
            errors = np.abs(got.astype(np.float64) - want.astype(np.float64))
            bad = (ulps > args.max_ulp) & (errors > args.max_error)
            if np.any(bad) or not np.all(np.isfinite(got) == np.isfinite(want)):
                at = np.unravel_index(np.argmax(np.where(bad, ulps, -1)),
                                      want.shape)
                sys.exit(f"{name}: case {index}, output {position}: "
                         f"{int(np.count_nonzero(bad))} of {want.size} values "
                         f"beyond {args.max_ulp} ulp; at {tuple(int(i) for i in at)} "
                         f"Mint {got[at]!r}, TFLite {want[at]!r} "
                         f"({int(ulps[at])} ulp)")
            worst_ulp = max(worst_ulp, int(np.max(ulps)))
            worst_error = max(worst_error, float(np.max(errors)))
    print(f"{name}: {len(cases)} cases, {values} values: max {worst_ulp} ulp, "
          f"max |diff| {worst_error:.3g}")


if __name__ == "__main__":
    main()
