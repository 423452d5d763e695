#!/usr/bin/env python3
"""Mint's quantizer beside LiteRT's (PyPI ai-edge-quantizer) on real models.

For each MediaPipe model, both quantize the same float32 model (MediaPipe's
float16 weights widened, a serving signature added, which
ai-edge-quantizer needs) calibrated on the same photographs, in each mode
both offer:

    int8          Mint --mode int8          AEQ static_wi8_ai8
    int16x8       Mint --mode int16x8       AEQ static_wi8_ai16
    dynamic-int8  Mint --mode dynamic-int8  AEQ dynamic_wi8_afp32

and the script prints one table: file size (and its share of the float32
file), output SQNR against the float32 model (both models run in the TFLite
interpreter's built-in kernels on the same photographs, integer inputs and
outputs -- ai-edge-quantizer's static models have them -- converted with
their parameters; one value per output), and the wall time each tool took (Mint: the whole `mint quantize`
command, compilation included; AEQ: calibrate + quantize in this process).
A benchmark, not a test: it asserts nothing.

    bench/quantizers.py --mint build/bin --models ~/.cache/mint/models \\
        [--only face_detection_short_range,...] [--modes int8,...]
"""

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = {
    # name: (input size, input range)
    "face_detection_short_range": ("128x128", (-1.0, 1.0)),
    "face_detection_full_range": ("192x192", (-1.0, 1.0)),
    "face_detection_full_range_sparse": ("192x192", (-1.0, 1.0)),
    "hand_landmark_lite": ("224x224", (0.0, 1.0)),
    "hand_landmark_full": ("224x224", (0.0, 1.0)),
    "selfie_segmentation": ("256x256", (0.0, 1.0)),
    "selfie_segmentation_landscape": ("144x256", (0.0, 1.0)),
}
MODES = ["int8", "int16x8", "dynamic-int8"]


def load_oracle():
    path = os.path.join(HERE, "..", "utils", "tflite-oracle.py")
    spec = importlib.util.spec_from_file_location("oracle", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    return result.stdout


def make_float32(bin_dir, model, work, oracle):
    """MediaPipe's model with float32 weights and a 'serving_default'
    signature over its inputs and outputs."""
    name = os.path.splitext(os.path.basename(model))[0]
    text = run([os.path.join(bin_dir, "mint-translate"), "--import-tflite",
                model, "--mlir-print-debuginfo"])
    text = run([os.path.join(bin_dir, "mint-opt"), "--mint-densify",
                "--mint-fold-f16-weights", "--mlir-print-debuginfo"],
               input=text)
    interpreter = oracle.make_interpreter(model)
    inputs = [d["name"] for d in interpreter.get_input_details()]
    outputs = [d["name"] for d in interpreter.get_output_details()]

    def entries(names):
        return ", ".join(f'["{n}", {i} : i32]' for i, n in enumerate(names))

    signature = (f'attributes {{mint.tflite.signatures = [{{key = '
                 f'"serving_default", inputs = [{entries(inputs)}], outputs '
                 f'= [{entries(outputs)}]}}]}} {{')
    text, count = re.subn(r"(func\.func @[^\n]*\)) \{\n", r"\1 " +
                          signature.replace("\\", "\\\\") + "\n", text,
                          count=1)
    if count != 1:
        sys.exit(f"{name}: cannot find the entry function")
    path = os.path.join(work, name + ".float32.tflite")
    run([os.path.join(bin_dir, "mint-translate"), "--export-tflite", "-o",
         path], input=text)
    return path, inputs[0]


def run_float(oracle, model, sample):
    """Runs `model` on a float sample, quantizing integer inputs and
    dequantizing integer outputs with their parameters (ai-edge-quantizer's
    static models take and give integers)."""
    interpreter = oracle.make_interpreter(model)
    detail = interpreter.get_input_details()[0]
    dtype = np.dtype(detail["dtype"])
    if not np.issubdtype(dtype, np.floating):
        scale, zero_point = detail["quantization"]
        info = np.iinfo(dtype)
        sample = np.clip(np.round(sample / scale) + zero_point, info.min,
                         info.max).astype(dtype)
    interpreter.set_tensor(detail["index"], sample)
    interpreter.invoke()
    outputs = []
    for detail in interpreter.get_output_details():
        value = interpreter.get_tensor(detail["index"]).astype(np.float64)
        if not np.issubdtype(np.dtype(detail["dtype"]), np.floating):
            scale, zero_point = detail["quantization"]
            value = (value - zero_point) * scale
        outputs.append(value)
    return outputs


def sqnr(oracle, reference, candidate, samples):
    signal = noise = None
    for sample in samples:
        want = run_float(oracle, reference, sample)
        got = run_float(oracle, candidate, sample)
        if signal is None:
            signal, noise = np.zeros(len(want)), np.zeros(len(want))
        for i, (w, g) in enumerate(zip(want, got)):
            signal[i] += np.sum(w * w)
            noise[i] += np.sum((g - w) ** 2)
    return [10 * np.log10(s / n) if n > 0 else float("inf")
            for s, n in zip(signal, noise)]


def quantize_aeq(float32, input_name, samples, mode, out):
    from ai_edge_quantizer import quantizer, recipe
    recipes = {"int8": recipe.static_wi8_ai8,
               "int16x8": recipe.static_wi8_ai16,
               "dynamic-int8": recipe.dynamic_wi8_afp32}
    start = time.perf_counter()
    q = quantizer.Quantizer(float32, recipes[mode]())
    calibration = None
    if q.need_calibration:
        calibration = q.calibrate(
            {"serving_default": [{input_name: s} for s in samples]})
    result = q.quantize(calibration, enable_progress_bar=False,
                        enable_progress_report=False)
    seconds = time.perf_counter() - start
    with open(out, "wb") as f:
        f.write(result.quantized_model)
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mint", required=True,
                        help="directory with mint, mint-opt, mint-translate")
    parser.add_argument("--models", required=True)
    parser.add_argument("--only", default=",".join(MODELS))
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--work", default="/tmp/mint-quantizers")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    oracle = load_oracle()

    print("| model | mode | tool | bytes | of float32 | output SQNR (dB) | "
          "seconds |")
    print("|---|---|---|---|---|---|---|", flush=True)
    for name in args.only.split(","):
        size, (low, high) = MODELS[name]
        model = os.path.join(args.models, name + ".tflite")
        try:
            float32, input_name = make_float32(args.mint, model, args.work,
                                               oracle)
        except RuntimeError as error:
            # The selfie models hold MediaPipe's custom op, which neither the
            # TFLite interpreter nor ai-edge-quantizer can run.
            print(f"{name}: skipped, TFLite cannot run it: "
                  f"{str(error).splitlines()[0]}", file=sys.stderr)
            continue
        images = np.load(os.path.join(args.models, "inputs",
                                      f"images_{size}.npy"))
        samples = [(low + (high - low) * image[None]).astype(np.float32)
                   for image in images]
        batch = os.path.join(args.work, name + ".samples.npy")
        np.save(batch, np.stack(samples))
        base = os.path.getsize(float32)
        for mode in args.modes.split(","):
            mint_out = os.path.join(args.work, f"{name}.{mode}.mint.tflite")
            start = time.perf_counter()
            command = [os.path.join(args.mint, "mint"), "quantize", float32,
                       "-o", mint_out, "--mode", mode, "--json"]
            if mode != "dynamic-int8":
                command += ["--data", batch]
            run(command)
            mint_seconds = time.perf_counter() - start
            aeq_out = os.path.join(args.work, f"{name}.{mode}.aeq.tflite")
            try:
                aeq_seconds = quantize_aeq(float32, input_name, samples, mode,
                                           aeq_out)
            except Exception as error:  # Reported in the table.
                aeq_seconds = None
                print(f"{name} {mode}: ai-edge-quantizer failed: {error}",
                      file=sys.stderr)
            for tool, out, seconds in (("Mint", mint_out, mint_seconds),
                                       ("ai-edge-quantizer", aeq_out,
                                        aeq_seconds)):
                if seconds is None:
                    print(f"| {name} | {mode} | {tool} | failed | | | |",
                          flush=True)
                    continue
                try:
                    values = sqnr(oracle, float32, out, samples)
                    quality = ", ".join(f"{v:.1f}" for v in values)
                except Exception as error:
                    quality = f"does not run in TFLite ({error})"[:60]
                out_size = os.path.getsize(out)
                row = (name, mode, tool, f"{out_size:,}",
                       f"{100 * out_size / base:.1f}%", quality,
                       f"{seconds:.1f}")
                print("| " + " | ".join(row) + " |", flush=True)
            print(f"{name} {mode} done", file=sys.stderr)



if __name__ == "__main__":
    main()
