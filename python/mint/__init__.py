"""Mint: an MLIR-based optimizing compiler for TensorFlow Lite models.

The Python interface to Mint's C++ library (the extension module
``mint._mint``)::

    import mint
    interpreter = mint.Interpreter(model_path="model.tflite")
    outputs = interpreter.run([image])          # numpy arrays in and out
    print(mint.import_tflite(open("model.tflite", "rb").read()))  # MLIR

Every error raises :class:`mint.Error` with Mint's located message.
"""

from ._interpreter import Interpreter, TensorDetails
from ._errors import Error
from . import _mint

_mint.set_error_type(Error)


def import_tflite(model, name="<model>", debug_info=False):
    """The MLIR (mint dialect) of a .tflite model given as bytes, as
    ``mint-translate --import-tflite`` prints it; ``debug_info`` adds the
    locations (the TFLite tensor names)."""
    return _mint.import_tflite(bytes(model), name, debug_info)


__all__ = ["Error", "Interpreter", "TensorDetails", "import_tflite"]
__version__ = "0.1.0"
