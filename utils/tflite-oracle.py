#!/usr/bin/env python3
"""Run a .tflite model in the real TFLite interpreter: Mint's test oracle.

Uses the native LiteRT interpreter from PyPI (ai-edge-litert) with only
TFLite's built-in kernels (no XNNPACK delegate), the integer path Mint
matches bit for bit. Inputs are .npy files, one per model input, or random
values; outputs are written as DIR/output_<i>.npy.

    tflite-oracle.py MODEL [--input A.npy ...] [--random SEED] --output-dir DIR

As a module: `run(model_path, inputs) -> list of numpy arrays`.
"""

import argparse
import os
import sys

import numpy as np

try:
    from ai_edge_litert.interpreter import Interpreter, OpResolverType
except ImportError:  # pragma: no cover - reported to the user
    Interpreter = None


def require_interpreter():
    if Interpreter is None:
        sys.exit("tflite-oracle: the LiteRT interpreter is not installed "
                 "(python3 -m pip install ai-edge-litert)")


def make_interpreter(model_path):
    require_interpreter()
    interpreter = Interpreter(
        model_path=model_path, num_threads=1,
        experimental_op_resolver_type=(
            OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES))
    interpreter.allocate_tensors()
    return interpreter


def input_details(model_path):
    return make_interpreter(model_path).get_input_details()


def random_inputs(model_path, seed):
    rng = np.random.default_rng(seed)
    inputs = []
    for detail in input_details(model_path):
        dtype = np.dtype(detail["dtype"])
        shape = tuple(detail["shape"])
        if np.issubdtype(dtype, np.floating):
            inputs.append(rng.uniform(-1.0, 1.0, shape).astype(dtype))
        else:
            info = np.iinfo(dtype)
            inputs.append(rng.integers(info.min, info.max, shape,
                                       endpoint=True).astype(dtype))
    return inputs


def run(model_path, inputs):
    interpreter = make_interpreter(model_path)
    details = interpreter.get_input_details()
    if len(details) != len(inputs):
        raise ValueError(f"{model_path} has {len(details)} inputs, "
                         f"got {len(inputs)}")
    for detail, value in zip(details, inputs):
        interpreter.set_tensor(detail["index"], value)
    interpreter.invoke()
    return [interpreter.get_tensor(detail["index"]).copy()
            for detail in interpreter.get_output_details()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--input", action="append", default=[])
    parser.add_argument("--random", type=int)
    parser.add_argument("--output-dir", required=True)
    args = parser.parse_args()
    if args.input:
        inputs = [np.load(path) for path in args.input]
    elif args.random is not None:
        inputs = random_inputs(args.model, args.random)
    else:
        parser.error("give --input files or --random SEED")
    outputs = run(args.model, inputs)
    os.makedirs(args.output_dir, exist_ok=True)
    for index, output in enumerate(outputs):
        np.save(os.path.join(args.output_dir, f"output_{index}.npy"), output)


if __name__ == "__main__":
    main()
