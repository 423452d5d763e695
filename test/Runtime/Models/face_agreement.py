"""Face/no-face agreement of an optimized face detector with its float model.

skimage's lfw_subset holds 100 faces and 100 non-faces (utils/
prepare-images.py puts them on 128 x 128 canvases). Faces 0-49 and
non-faces 100-149 calibrate `mint quantize` (or are the samples of
`mint cluster` and `mint prune`, by --command); faces 50-99 and non-faces
150-199, which calibration never sees, are evaluated. The decision is the
detector's: a face when its highest score is above 0.5 (a logit above 0).
The quantized model runs in TFLite (and in Mint, which must decide alike);
the agreement is the share of evaluation images on which it decides as
the float model does in TFLite.
"""

import argparse
import importlib.util
import os
import subprocess
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--faces", required=True)
    parser.add_argument("--mint", required=True)
    parser.add_argument("--oracle", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--min-agreement", type=float, required=True)
    parser.add_argument("--command", default="quantize",
                        choices=["quantize", "cluster", "prune"],
                        help="the mint command that optimizes the model")
    parser.add_argument("quantize_args", nargs=argparse.REMAINDER,
                        help="-- then arguments for the mint command")
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("oracle", args.oracle)
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)

    os.makedirs(args.work, exist_ok=True)
    images = np.load(args.faces).astype(np.float32) * 2.0 - 1.0
    if images.shape[0] != 200:
        sys.exit(f"expected 200 images, got {images.shape}")
    calibrate = np.concatenate([images[0:50], images[100:150]])[:, None]
    evaluate = np.concatenate([images[50:100], images[150:200]])[:, None]
    is_face = np.array([True] * 50 + [False] * 50)
    samples = os.path.join(args.work, "calibrate.npy")
    np.save(samples, calibrate)

    quantized = os.path.join(args.work, "quantized.tflite")
    extra = [a for a in args.quantize_args if a != "--"]
    result = subprocess.run(
        [args.mint, args.command, args.model, "-o", quantized, "--data",
         samples] + extra, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"mint {args.command} failed:\n{result.stderr}")

    def tflite_logit(model, image):
        return float(np.max(oracle.run(model, [image])[1]))

    reference = np.array([tflite_logit(args.model, x) > 0 for x in evaluate])
    decided = np.array([tflite_logit(quantized, x) > 0 for x in evaluate])

    # Mint's own execution of the quantized model decides alike.
    command = [args.mint, "run", quantized, "--output-dir",
               os.path.join(args.work, "mint")]
    for index, image in enumerate(evaluate):
        path = os.path.join(args.work, f"eval_{index}.npy")
        np.save(path, image)
        command += ["--input", path]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"mint run failed:\n{result.stderr}")
    mint = np.array([
        float(np.max(np.load(os.path.join(args.work, "mint", f"run_{i}",
                                          "output_1.npy")))) > 0
        for i in range(len(evaluate))])
    if not np.array_equal(mint, decided):
        sys.exit(f"Mint decides differently from TFLite on "
                 f"{int(np.sum(mint != decided))} images")

    agreement = float(np.mean(reference == decided))
    print(f"float model: {int(np.sum(reference & is_face))} of 50 faces and "
          f"{int(np.sum(reference & ~is_face))} of 50 non-faces taken for "
          f"faces")
    label = {"quantize": "quantized", "cluster": "clustered",
             "prune": "pruned"}[args.command]
    print(f"{label}: {int(np.sum(decided & is_face))} of 50 faces and "
          f"{int(np.sum(decided & ~is_face))} of 50 non-faces; agreement with "
          f"the float model {agreement:.0%} (at least "
          f"{args.min_agreement:.0%} required)")
    if agreement < args.min_agreement:
        sys.exit(1)


if __name__ == "__main__":
    main()
