"""mint.Interpreter: a .tflite model compiled by Mint for this CPU."""

import os
from typing import List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from . import _mint
from ._errors import Error


class TensorDetails(NamedTuple):
    """One input or output of a compiled model. A quantized tensor is
    exchanged as its stored integers (``mint inspect`` prints its scale and
    zero point)."""

    index: int
    name: str
    dtype: np.dtype
    shape: Tuple[int, ...]


class Interpreter:
    """A .tflite model compiled by Mint for this CPU (the ``mint run``
    path), run on numpy arrays.

    Give the model as a file (``model_path``) or as bytes
    (``model_content``), as TFLite's ``Interpreter`` takes it. Compilation
    happens here, once; :meth:`run` can then be called any number of times,
    one call at a time. Inputs that are C-contiguous arrays of the model's
    dtype and shape are read in place; others are converted (same shape,
    any dtype numpy casts safely). With ``palette_lookups``, palettized
    weights (``mint.cluster(..., palettize=True)``) stay one index per
    weight in the compiled code and are looked up on each run, as
    ``mint run --palette-lookups`` does."""

    def __init__(self, model_path: Optional[str] = None,
                 model_content: Optional[bytes] = None, threads: int = 1,
                 palette_lookups: bool = False):
        if (model_path is None) == (model_content is None):
            raise Error("give either model_path or model_content")
        if model_path is not None:
            name = os.fspath(model_path)
            try:
                with open(name, "rb") as f:
                    model_content = f.read()
            except OSError as error:
                raise Error(f"{name}: error: cannot read the file: "
                            f"{error.strerror}") from None
        else:
            name = "<model>"
        if threads < 1:
            raise Error(f"threads must be at least 1, got {threads}")
        self._model = _mint.Model(bytes(model_content), name, threads,
                                  bool(palette_lookups))
        self._inputs = self._details(self._model.inputs)
        self._outputs = self._details(self._model.outputs)

    @staticmethod
    def _details(specs) -> List[TensorDetails]:
        return [TensorDetails(i, name, np.dtype(dtype), tuple(shape))
                for i, (name, dtype, shape) in enumerate(specs)]

    def get_input_details(self) -> List[TensorDetails]:
        return list(self._inputs)

    def get_output_details(self) -> List[TensorDetails]:
        return list(self._outputs)

    @property
    def compile_seconds(self) -> float:
        """Seconds compilation took (MLIR pipeline, LLVM, JIT)."""
        return self._model.compile_seconds

    def run(self, inputs: Sequence[np.ndarray]) -> List[np.ndarray]:
        """Runs the model on one array per input, in order; returns one new
        array per output."""
        if isinstance(inputs, np.ndarray):
            inputs = [inputs]
        if len(inputs) != len(self._inputs):
            raise Error(f"the model takes {len(self._inputs)} inputs, got "
                        f"{len(inputs)}")
        arrays = []
        for detail, value in zip(self._inputs, inputs):
            array = np.asarray(value)
            if array.shape != detail.shape:
                raise Error(f"input {detail.index} ('{detail.name}') must "
                            f"have shape {detail.shape}, got {array.shape}")
            if array.dtype != detail.dtype:
                if not np.can_cast(array.dtype, detail.dtype, "same_kind"):
                    raise Error(f"input {detail.index} ('{detail.name}') "
                                f"must be {detail.dtype}, got {array.dtype}")
                array = array.astype(detail.dtype)
            arrays.append(np.ascontiguousarray(array))
        return self._model.run(arrays)
