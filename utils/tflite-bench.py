#!/usr/bin/env python3
"""Time a .tflite model in the TFLite interpreter (PyPI ai-edge-litert) with
its default CPU delegate, XNNPACK: the baseline `mint bench --compare-tflite`
and bench/models.py measure Mint against.

    tflite-bench.py MODEL [--input A.npy ...] [--threads N]
                    [--iterations K] [--warmup W]

Prints one JSON object: median_ms, min_ms, max_ms, iterations, threads.
Inputs default to uniform random values in [-1, 1]. Models with MediaPipe's
custom transposed convolution are timed as their builtin rewrite.
"""

import argparse
import json
import os
import sys
import tempfile
import time

import numpy as np


def load_interpreter(model_path, threads):
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:
        sys.exit("tflite-bench: the LiteRT interpreter is not installed "
                 "(python3 -m pip install ai-edge-litert)")
    with open(model_path, "rb") as f:
        data = f.read()
    if b"Convolution2DTransposeBias" in data:
        data = legalize(data)
    interpreter = Interpreter(model_content=data, num_threads=threads)
    interpreter.allocate_tensors()
    return interpreter


def legalize(data):
    """MediaPipe's custom transposed convolution as TFLite builtins."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, os.path.join(root, "test", "Target", "TFLite", "Models"))
    import legalize_custom_ops
    work = tempfile.mkdtemp(prefix="mint-tflite-bench-")
    fb = legalize_custom_ops.load_schema(
        "flatc", os.path.join(root, "lib", "Target", "TFLite", "schema",
                              "tflite.fbs"), work)
    return legalize_custom_ops.legalize(fb, data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--input", action="append", default=[])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()

    interpreter = load_interpreter(args.model, args.threads)
    details = interpreter.get_input_details()
    if args.input:
        if len(args.input) != len(details):
            sys.exit(f"tflite-bench: the model has {len(details)} inputs, "
                     f"{len(args.input)} given")
        values = [np.load(path) for path in args.input]
    else:
        rng = np.random.default_rng(0)
        values = [rng.uniform(-1, 1, d["shape"]).astype(d["dtype"])
                  for d in details]
    for detail, value in zip(details, values):
        interpreter.set_tensor(detail["index"], value)
    times = []
    for i in range(args.warmup + args.iterations):
        start = time.perf_counter()
        interpreter.invoke()
        if i >= args.warmup:
            times.append(time.perf_counter() - start)
    times.sort()
    print(json.dumps({"median_ms": 1e3 * float(np.median(times)),
                      "min_ms": 1e3 * times[0], "max_ms": 1e3 * times[-1],
                      "iterations": len(times), "threads": args.threads}))


if __name__ == "__main__":
    main()
