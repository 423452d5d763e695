"""Run a model with `mint run` on the CPU and with `mint run --target
cuda-emulator` (the CUDA path's kernels run on the CPU thread by thread)
on the same inputs, and compare every output: integer models must agree
bit for bit, float ones within --tolerance of the largest output
magnitude (--precision float16: kernels computing in float16, compared
with the float32 CPU run). Inputs: real photographs (float inputs, mapped to --range) or,
for integer inputs, the photographs quantized to the input's full range.
Prints one line per model and exits 1 on a mismatch."""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np


def scale_of(array):
    return max(1.0, float(np.abs(array.astype(np.float64)).max()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mint", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--images", required=True)
    parser.add_argument("--range", default="-1,1")
    parser.add_argument("--count", type=int, default=2)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--precision", default="float32",
                        help="the emulated kernels' --precision")
    args = parser.parse_args()

    info = json.loads(subprocess.run(
        [args.mint, "inspect", args.model, "--json"], check=True,
        capture_output=True, text=True).stdout)
    inputs = info["subgraphs"][0]["inputs"]
    if len(inputs) != 1:
        sys.exit("expected a single-input model")
    match = re.fullmatch(r"(\w+)(\(q\))?\[([0-9,]+)\]", inputs[0]["type"])
    kind, shape = match.group(1), [int(d) for d in match.group(3).split(",")]
    low, high = (float(v) for v in args.range.split(","))
    images = np.load(args.images).astype(np.float32)[: args.count]
    with tempfile.TemporaryDirectory() as work:
        paths = []
        for i, image in enumerate(images):
            x = image.reshape(shape)
            if kind == "float32":
                x = (low + (high - low) * x).astype(np.float32)
            elif kind in ("int8", "uint8"):
                info_ = np.iinfo(kind)
                x = np.round(info_.min + (info_.max - info_.min) * x).astype(kind)
            else:
                sys.exit("unsupported input type " + kind)
            path = os.path.join(work, "input_%d.npy" % i)
            np.save(path, x)
            paths += ["--input", path]
        for target in ("cpu", "cuda-emulator"):
            extra = ([] if target == "cpu" else
                     ["--precision", args.precision])
            subprocess.run([args.mint, "run", args.model, "--target", target,
                            "--output-dir", os.path.join(work, target)]
                           + extra + paths,
                           check=True, stdout=subprocess.DEVNULL)
        worst, exact, outputs, total, count = 0.0, True, 0, 0.0, 0
        for run in range(len(images)):
            directory = "run_%d" % run if len(images) > 1 else ""
            cpu_dir = os.path.join(work, "cpu", directory)
            for name in sorted(os.listdir(cpu_dir)):
                cpu = np.load(os.path.join(cpu_dir, name))
                gpu = np.load(os.path.join(work, "cuda-emulator", directory,
                                           name))
                outputs += 1
                exact &= bool(np.array_equal(cpu, gpu))
                difference = np.abs(cpu.astype(np.float64) -
                                    gpu.astype(np.float64)) / scale_of(cpu)
                worst = max(worst, float(difference.max()))
                total += float(difference.sum())
                count += cpu.size
    integer = kind != "float32" and args.precision == "float32"
    ok = exact if integer else worst <= args.tolerance
    print("%s (%s): %d outputs over %d inputs, %s, worst relative difference "
          "%.2e (mean %.1e): %s" % (os.path.basename(args.model),
                                    args.precision, outputs, len(images),
                                    "identical" if exact else "not identical",
                                    worst, total / max(count, 1),
                                    "ok" if ok else "MISMATCH"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
