"""Round-trip a real TFLite model through Mint and check it against TFLite.

1. mint-translate --import-tflite, then --export-tflite: the export runs in
   the real TFLite interpreter and gives bit-identical outputs to the
   original model on random inputs and on real photographs;
2. importing and exporting the export again gives byte-identical bytes;
3. the model cleaned by `mint-densify` and `mint-fold-f16-weights` has no
   DENSIFY or float16 DEQUANTIZE left and still gives bit-identical
   outputs.

Models with MediaPipe's custom transposed convolution run, on both sides,
as a copy rewritten to builtins (legalize_custom_ops.py).
"""

import argparse
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import legalize_custom_ops  # noqa: E402


def load_oracle(path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("tflite_oracle", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def translate(tool, flag, source, target):
    # Tensor names are locations: keep them in the textual IR.
    extra = ["--mlir-print-debuginfo"] if flag == "--import-tflite" else []
    result = subprocess.run([tool, flag, source, "-o", target] + extra,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{tool} {flag} {source} failed:\n{result.stderr}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--images", required=True,
                        help=".npy of photographs [N, H, W, 3] in [0, 1]")
    parser.add_argument("--range", default="0,1",
                        help="the model's input range, e.g. -1,1")
    parser.add_argument("--mint-translate", required=True)
    parser.add_argument("--mint-opt", required=True)
    parser.add_argument("--oracle", required=True)
    parser.add_argument("--flatc", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--random-inputs", type=int, default=3)
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    name = os.path.splitext(os.path.basename(args.model))[0]
    first = os.path.join(args.work, "first.tflite")
    second = os.path.join(args.work, "second.tflite")
    translate(args.mint_translate, "--import-tflite", args.model,
              os.path.join(args.work, "first.mlir"))
    translate(args.mint_translate, "--export-tflite",
              os.path.join(args.work, "first.mlir"), first)
    translate(args.mint_translate, "--import-tflite", first,
              os.path.join(args.work, "second.mlir"))
    translate(args.mint_translate, "--export-tflite",
              os.path.join(args.work, "second.mlir"), second)
    with open(first, "rb") as f1, open(second, "rb") as f2:
        first_bytes, second_bytes = f1.read(), f2.read()
    if first_bytes != second_bytes:
        sys.exit(f"{name}: exporting the re-imported export changed its "
                 f"bytes ({len(first_bytes)} vs {len(second_bytes)})")

    cleaned_mlir = os.path.join(args.work, "cleaned.mlir")
    result = subprocess.run(
        [args.mint_opt, os.path.join(args.work, "first.mlir"),
         "-mint-densify", "-mint-fold-f16-weights", "--mlir-print-debuginfo",
         "-o", cleaned_mlir],
        capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{name}: mint-opt failed:\n{result.stderr}")
    with open(cleaned_mlir) as f:
        cleaned_text = f.read()
    leftovers = [op for op in ("mint.densify", "mint.sparse_const", "xf16")
                 if op in cleaned_text]
    if leftovers:
        sys.exit(f"{name}: the cleaned model still has {leftovers}")
    cleaned = os.path.join(args.work, "cleaned.tflite")
    translate(args.mint_translate, "--export-tflite", cleaned_mlir, cleaned)

    with open(args.model, "rb") as f:
        original_bytes = f.read()
    fb = legalize_custom_ops.load_schema(args.flatc, args.schema, args.work)
    customs = legalize_custom_ops.custom_codes(fb, original_bytes)
    unknown = customs - {legalize_custom_ops.CUSTOM_CODE}
    if unknown:
        sys.exit(f"{name}: custom operators {unknown} have no builtin form")
    with open(cleaned, "rb") as f:
        cleaned_bytes = f.read()
    reference, candidates = args.model, [first, cleaned]
    if customs:
        reference = os.path.join(args.work, "original.builtin.tflite")
        candidates = [os.path.join(args.work, "first.builtin.tflite"),
                      os.path.join(args.work, "cleaned.builtin.tflite")]
        for source, target in ((original_bytes, reference),
                               (first_bytes, candidates[0]),
                               (cleaned_bytes, candidates[1])):
            with open(target, "wb") as f:
                f.write(legalize_custom_ops.legalize(fb, source))

    oracle = load_oracle(args.oracle)
    # Tensor names (what users look inputs and outputs up by) survive.
    def io_names(path):
        interpreter = oracle.make_interpreter(path)
        return ([d["name"] for d in interpreter.get_input_details()],
                [d["name"] for d in interpreter.get_output_details()])
    for candidate in candidates:
        if io_names(candidate) != io_names(reference):
            sys.exit(f"{name}: {os.path.basename(candidate)} renames inputs or "
                     f"outputs: {io_names(candidate)} vs {io_names(reference)}")
    details = oracle.input_details(reference)
    if len(details) != 1:
        sys.exit(f"{name}: expected one input, got {len(details)}")
    shape = tuple(details[0]["shape"])
    low, high = (float(v) for v in args.range.split(","))
    images = np.load(args.images)
    if images.shape[1:] != shape[1:]:
        sys.exit(f"{name}: images {images.shape} do not fit input {shape}")
    cases = [(f"random {seed}", oracle.random_inputs(reference, seed))
             for seed in range(args.random_inputs)]
    for index, image in enumerate(images):
        value = (low + (high - low) * image[None]).astype(np.float32)
        cases.append((f"photo {index}", [value]))

    for label, inputs in cases:
        expected = oracle.run(reference, inputs)
        for candidate in candidates:
            actual = oracle.run(candidate, inputs)
            which = os.path.basename(candidate)
            if len(expected) != len(actual):
                sys.exit(f"{name}, {label}, {which}: {len(actual)} outputs, "
                         f"expected {len(expected)}")
            for position, (want, got) in enumerate(zip(expected, actual)):
                if want.dtype != got.dtype or want.shape != got.shape or \
                        want.tobytes() != got.tobytes():
                    diff = np.max(np.abs(want.astype(np.float64) -
                                         got.astype(np.float64)))
                    sys.exit(f"{name}, {label}, {which}: output {position} "
                             f"differs (max abs difference {diff})")
    print(f"{name}: {len(cases)} inputs ({args.random_inputs} random, "
          f"{len(images)} photographs) give bit-identical outputs; "
          f"the export ({len(first_bytes)} bytes, original "
          f"{len(original_bytes)}) re-exports byte-identically; cleaned of "
          f"float16 and sparse weights ({len(cleaned_bytes)} bytes) too"
          + ("; custom ops compared as builtins" if customs else ""))


if __name__ == "__main__":
    main()
