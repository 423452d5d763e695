"""Run a real TFLite model with `mint run` and check it against TFLite.

Mint compiles the model for this CPU and runs it on random inputs and on
real photographs; the TFLite interpreter (tflite-oracle.py, built-in
kernels) runs the same inputs. Each output must match within a tolerance
relative to that output's range over all the inputs (max |mint - tflite|
divided by max(peak-to-peak, largest magnitude) of TFLite's values).

Float results depend on the order of summation, and a deep network can
amplify those last-bit differences past the tolerance on some inputs; TFLite
then disagrees with itself too: its default CPU path (the XNNPACK delegate)
gives other values than its built-in kernels. An output that misses the
tolerance against the built-in kernels passes if it meets it against
TFLite's XNNPACK path on the same input; the summary counts those.

Models with MediaPipe's custom transposed convolution run in TFLite as a
copy rewritten to builtins (legalize_custom_ops.py); Mint compiles the
original.
"""

import argparse
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Target", "TFLite", "Models"))
import legalize_custom_ops  # noqa: E402


def load_oracle(path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("tflite_oracle", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_xnnpack(model_path, value):
    """The model's outputs from TFLite with its default XNNPACK delegate."""
    from ai_edge_litert.interpreter import Interpreter
    interpreter = Interpreter(model_path=model_path)
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], value)
    interpreter.invoke()
    return [interpreter.get_tensor(detail["index"])
            for detail in interpreter.get_output_details()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--images", required=True,
                        help=".npy of photographs [N, H, W, 3] in [0, 1]")
    parser.add_argument("--range", default="0,1",
                        help="the model's input range, e.g. -1,1")
    parser.add_argument("--mint", required=True)
    parser.add_argument("--oracle", required=True)
    parser.add_argument("--flatc", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--random-inputs", type=int, default=3)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--mint-arg", action="append", default=[],
                        help="another argument for `mint run` (repeatable)")
    parser.add_argument("--sensitivity-factor", type=float, default=0.0,
                        help="for models whose outputs jump on last-bit "
                             "input changes (dynamic-range quantization): "
                             "also run TFLite on each input times "
                             "(1 + u), |u| <= 1e-6, and accept an error up "
                             "to this factor times the largest change that "
                             "causes in TFLite's own outputs")
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    name = os.path.splitext(os.path.basename(args.model))[0]
    with open(args.model, "rb") as f:
        model_bytes = f.read()
    reference = args.model
    fb = legalize_custom_ops.load_schema(args.flatc, args.schema, args.work)
    if legalize_custom_ops.custom_codes(fb, model_bytes):
        reference = os.path.join(args.work, "reference.builtin.tflite")
        with open(reference, "wb") as f:
            f.write(legalize_custom_ops.legalize(fb, model_bytes))

    oracle = load_oracle(args.oracle)
    details = oracle.input_details(reference)
    if len(details) != 1:
        sys.exit(f"{name}: expected one input, got {len(details)}")
    shape = tuple(details[0]["shape"])
    low, high = (float(v) for v in args.range.split(","))
    images = np.load(args.images)
    if images.shape[1:] != shape[1:]:
        sys.exit(f"{name}: images {images.shape} do not fit input {shape}")
    cases = [oracle.random_inputs(reference, seed)[0]
             for seed in range(args.random_inputs)]
    cases += [(low + (high - low) * image[None]).astype(np.float32)
              for image in images]

    input_paths = []
    for index, value in enumerate(cases):
        path = os.path.join(args.work, f"input_{index}.npy")
        np.save(path, value)
        input_paths.append(path)
    out_dir = os.path.join(args.work, "mint")
    command = [args.mint, "run", args.model, "--output-dir", out_dir,
               "--threads", str(args.threads)] + args.mint_arg
    for path in input_paths:
        command += ["--input", path]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{name}: mint run failed:\n{result.stderr}")

    expected = [oracle.run(reference, [value]) for value in cases]
    perturbed = []
    if args.sensitivity_factor:
        rng = np.random.default_rng(0)
        for value in cases:
            noise = rng.uniform(-1e-6, 1e-6, value.shape)
            perturbed.append(oracle.run(
                reference, [(value * (1 + noise)).astype(value.dtype)]))

    outputs = len(expected[0])
    worst = 0.0
    via_xnnpack = []
    xnnpack = {}
    jumps = []
    for position in range(outputs):
        want = np.stack([e[position] for e in expected]).astype(np.float64)
        scale = max(float(np.ptp(want)), float(np.max(np.abs(want))), 1e-30)
        tolerance = args.tolerance
        if perturbed:
            jump = max(float(np.max(np.abs(
                p[position].astype(np.float64) - want[index]))) / scale
                for index, p in enumerate(perturbed))
            tolerance = max(tolerance, args.sensitivity_factor * jump)
            jumps.append(jump)
        for index in range(len(cases)):
            run_dir = os.path.join(out_dir, f"run_{index}") \
                if len(cases) > 1 else out_dir
            got = np.load(os.path.join(run_dir, f"output_{position}.npy"))
            if got.shape != expected[index][position].shape or \
                    got.dtype != expected[index][position].dtype:
                sys.exit(f"{name}: output {position} is {got.dtype}"
                         f"{list(got.shape)}, TFLite gives "
                         f"{expected[index][position].dtype}"
                         f"{list(expected[index][position].shape)}")
            error = float(np.max(np.abs(got.astype(np.float64) -
                                        want[index]))) / scale
            if not np.isfinite(error):
                sys.exit(f"{name}: input {index}, output {position}: "
                         f"non-finite error")
            if error > tolerance:
                if perturbed:
                    sys.exit(f"{name}: input {index}, output {position}: "
                             f"error {error:.3g} of the output range exceeds "
                             f"{args.sensitivity_factor:g} x {jump:.3g} "
                             f"(TFLite's own change under 1e-6 input noise)")
                if index not in xnnpack:
                    xnnpack[index] = run_xnnpack(reference, cases[index])
                other = float(np.max(np.abs(
                    got.astype(np.float64) -
                    xnnpack[index][position].astype(np.float64)))) / scale
                if other > args.tolerance:
                    sys.exit(f"{name}: input {index}, output {position}: "
                             f"error {error:.3g} of the output range against "
                             f"TFLite's built-in kernels and {other:.3g} "
                             f"against its XNNPACK path exceed "
                             f"{args.tolerance:g}")
                via_xnnpack.append((index, position, error, other))
                continue
            worst = max(worst, error)
    print(f"{name}: {len(cases)} inputs ({args.random_inputs} random, "
          f"{len(images)} photographs), {outputs} outputs: Mint matches "
          f"TFLite within {worst:.2g} of each output's range "
          f"(tolerance {args.tolerance:g})")
    if jumps:
        print(f"{name}: TFLite's own outputs change by up to "
              f"{max(jumps):.2g} of their range under 1e-6 input noise; "
              f"Mint's largest error is {worst:.2g}")
    for index, position, error, other in via_xnnpack:
        print(f"{name}: input {index}, output {position}: {error:.2g} from "
              f"TFLite's built-in kernels, {other:.2g} from its XNNPACK path")

if __name__ == "__main__":
    main()
