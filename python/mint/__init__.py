"""Mint: an MLIR-based optimizing compiler for TensorFlow Lite models.

The Python interface to Mint's C++ library (the extension module
``mint._mint``)::

    import mint
    converter = mint.Converter.from_file("model.tflite")
    converter.optimizations = [mint.Optimize.DEFAULT]
    converter.representative_dataset = lambda: ([x] for x in samples)
    converter.target_spec.supported_types = [mint.int8]
    quantized = converter.convert()             # bytes of a .tflite
    interpreter = mint.Interpreter(model_content=quantized)
    outputs = interpreter.run([image])          # numpy arrays in and out
    print(mint.import_tflite(open("model.tflite", "rb").read()))  # MLIR

Every error raises :class:`mint.Error` with Mint's located message.
"""

from ._compare import compare
from ._compress import CompressedModel, SkippedLayer, cluster, prune
from ._converter import (Converter, Optimize, QuantizedType, TargetSpec,
                         float16, int8, int16x8)
from ._interpreter import Interpreter, TensorDetails
from ._errors import Error
from . import _mint

_mint.set_error_type(Error)


#: The pipelines `lower` runs to reach each stage of Mint's CPU path.
STAGES = {
    "tosa": "func.func(mint-densify,mint-fold-f16-weights),mint-to-tosa",
    "linalg": "mint-to-linalg-pipeline",
    "llvm": "mint-cpu-pipeline",
}


def run_passes(model, pipeline, name="<model>", debug_info=False):
    """Runs a textual pass pipeline (any pass or pipeline ``mint-opt``
    has, e.g. ``"func.func(mint-fuse-activations)"``) on a model given as
    .tflite bytes or as MLIR text (str); returns the MLIR text."""
    is_text = isinstance(model, str)
    data = model.encode() if is_text else bytes(model)
    return _mint.run_passes(data, is_text, name, pipeline, debug_info)


def lower(model, to="linalg", name="<model>", debug_info=False):
    """The MLIR of a model (.tflite bytes or MLIR text) at a stage of Mint's
    CPU path: ``"tosa"``, ``"linalg"`` (linalg on tensors) or ``"llvm"``
    (the LLVM dialect that the runtime JIT-compiles)."""
    if to not in STAGES:
        raise Error(f"unknown stage '{to}' ({', '.join(STAGES)})")
    return run_passes(model, STAGES[to], name, debug_info)


def import_tflite(model, name="<model>", debug_info=False):
    """The MLIR (mint dialect) of a .tflite model given as bytes, as
    ``mint-translate --import-tflite`` prints it; ``debug_info`` adds the
    locations (the TFLite tensor names)."""
    return _mint.import_tflite(bytes(model), name, debug_info)


__all__ = ["compare", "CompressedModel", "SkippedLayer", "cluster", "prune", "Converter", "Error", "Interpreter", "Optimize", "QuantizedType",
           "TargetSpec", "TensorDetails", "float16", "import_tflite", "int8",
           "int16x8", "lower", "run_passes", "STAGES"]
__version__ = "0.1.0"
