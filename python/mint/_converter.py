"""mint.Converter: TFLite's TFLiteConverter workflow over Mint's quantizer."""

import enum
import os
from typing import Callable, Iterable, List, Optional

import numpy as np

from . import _mint
from ._errors import Error
from ._samples import float_samples


class Optimize(enum.Enum):
    """What to optimize for, as TFLite's ``tf.lite.Optimize`` says it."""

    DEFAULT = "DEFAULT"


class QuantizedType:
    """A type ``target_spec.supported_types`` can hold: ``mint.float16``,
    ``mint.int8`` or ``mint.int16x8`` (int16 activations, int8 weights)."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self):
        return f"mint.{self.name}"


float16 = QuantizedType("float16")
int8 = QuantizedType("int8")
int16x8 = QuantizedType("int16x8")


class TargetSpec:
    """``supported_types``: which of float16, int8, int16x8 the result may
    use; ``int8_only``: fail (listing the ops) rather than leave an op in
    float, as accelerators need."""

    def __init__(self):
        self.supported_types: List[QuantizedType] = []
        self.int8_only = False


class Converter:
    """Quantizes a float .tflite model as TFLite's ``TFLiteConverter``
    does, with Mint's passes (the same flow as ``mint quantize``)::

        converter = mint.Converter.from_file("model.tflite")
        converter.optimizations = [mint.Optimize.DEFAULT]
        converter.representative_dataset = lambda: ([x] for x in samples)
        converter.target_spec.supported_types = [mint.int8]
        data = converter.convert()          # the bytes of a .tflite

    The mode follows TFLite's rules: without ``optimizations`` the model is
    returned as it is; with ``Optimize.DEFAULT``, ``float16`` in
    ``supported_types`` gives float16 weights, ``int16x8`` int16
    activations with int8 weights, and otherwise a representative dataset
    gives full integer int8 (float inputs and outputs unless
    ``inference_input_type`` / ``inference_output_type`` say int8 or
    uint8) and its absence dynamic-range int8 (int8 weights, float
    activations). Mint's own options: ``calibration_method`` (minmax,
    moving-average, percentile, mse, entropy; ``percentile``),
    ``equalize`` and ``bias_correction`` (accuracy recovery),
    ``deny_ops`` / ``deny_names`` (ops kept in float),
    ``min_weight_elements`` (dynamic-int8)."""

    def __init__(self, model: bytes, name: str = "<model>"):
        self._model = bytes(model)
        self._name = name
        self.optimizations: List[Optimize] = []
        self.representative_dataset: Optional[Callable[[], Iterable]] = None
        self.target_spec = TargetSpec()
        self.inference_input_type = np.float32
        self.inference_output_type = np.float32
        self.calibration_method = "minmax"
        self.percentile = 99.99
        self.equalize = False
        self.bias_correction = False
        self.deny_ops: List[str] = []
        self.deny_names = ""
        self.min_weight_elements = 1024

    @classmethod
    def from_file(cls, path) -> "Converter":
        path = os.fspath(path)
        try:
            with open(path, "rb") as f:
                return cls(f.read(), path)
        except OSError as error:
            raise Error(f"{path}: error: cannot read the file: "
                        f"{error.strerror}") from None

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<model>") -> "Converter":
        return cls(data, name)

    def _mode(self) -> Optional[str]:
        if not self.optimizations:
            return None
        unknown = [o for o in self.optimizations if o is not Optimize.DEFAULT]
        if unknown:
            raise Error(f"unsupported optimizations {unknown}; use "
                        f"[mint.Optimize.DEFAULT]")
        types = list(self.target_spec.supported_types)
        for t in types:
            if t not in (float16, int8, int16x8):
                raise Error(f"unsupported type {t!r} in supported_types "
                            f"(mint.float16, mint.int8, mint.int16x8)")
        if float16 in types and len(types) == 1:
            return "float16"
        if int16x8 in types:
            return "int16x8"
        if int8 in types and self.representative_dataset is None:
            raise Error("int8 quantizes activations too: give a "
                        "representative_dataset to calibrate on")
        return "int8" if self.representative_dataset else "dynamic-int8"

    def _io_type(self, mode: str) -> str:
        names = {np.dtype(np.float32): "float", np.dtype(np.int8): "int8",
                 np.dtype(np.uint8): "uint8", np.dtype(np.int16): "int16"}
        kinds = set()
        for t in (self.inference_input_type, self.inference_output_type):
            dtype = np.dtype(t)
            if dtype not in names:
                raise Error(f"inference types are float32, int8, uint8 or "
                            f"int16, got {dtype}")
            kinds.add(names[dtype])
        if len(kinds) != 1:
            raise Error("inference_input_type and inference_output_type "
                        "must be the same (Mint converts both ends)")
        return kinds.pop()

    def _samples(self) -> List[List[np.ndarray]]:
        if self.representative_dataset is None:
            return []
        return float_samples(self.representative_dataset)

    def convert(self) -> bytes:
        """The converted model, the bytes of a .tflite file."""
        mode = self._mode()
        if mode is None:
            return self._model
        arguments = _mint.QuantizeArguments()
        arguments.mode = mode
        arguments.io_type = self._io_type(mode)
        arguments.calibration_method = self.calibration_method
        arguments.percentile = float(self.percentile)
        arguments.min_weight_elements = int(self.min_weight_elements)
        arguments.int8_only = bool(self.target_spec.int8_only)
        arguments.equalize = bool(self.equalize)
        arguments.bias_correction = bool(self.bias_correction)
        arguments.deny_ops = list(self.deny_ops)
        arguments.deny_names = self.deny_names
        samples = self._samples() if mode in ("int8", "int16x8") else []
        return _mint.quantize(self._model, self._name, arguments, samples)
