"""mint.compare: the numerics debugger (``mint compare``) from Python."""

import math
from typing import Dict, Iterable, List, Sequence, Union

import numpy as np

from . import _mint
from ._errors import Error

_FIELDS = ("name", "op", "order", "sqnr_db", "relative_error", "max_error")


def _bytes(model, what: str) -> bytes:
    if isinstance(model, (bytes, bytearray, memoryview)):
        return bytes(model)
    raise Error(f"give the {what} model as bytes (open(path, 'rb').read())")


def compare(reference: bytes, candidate: bytes,
            samples: Iterable[Union[np.ndarray, Sequence[np.ndarray]]],
            *, reference_name: str = "<reference>",
            candidate_name: str = "<candidate>") -> Dict[str, object]:
    """Runs ``reference`` (a float model) and ``candidate`` (a quantized
    version of it) on the same ``samples`` (one array, or one list of
    arrays per input, each; float32 values, quantized for a candidate with
    integer inputs) and measures, for every output and every tensor both
    models name alike, the SQNR (dB; ``inf`` when equal), the largest error
    relative to the reference's largest magnitude and the largest error.

    Returns ``{"samples": n, "outputs": [...], "layers": [...]}``: lists of
    dicts with keys ``name``, ``op``, ``order``, ``sqnr_db``,
    ``relative_error``, ``max_error`` (``pandas.DataFrame(report["layers"])``
    makes a table of them), layers sorted worst SQNR first."""
    arrays: List[List[np.ndarray]] = []
    for sample in samples:
        items = [sample] if isinstance(sample, np.ndarray) else list(sample)
        arrays.append([np.ascontiguousarray(a, dtype=np.float32)
                       for a in items])
    if not arrays:
        raise Error("compare needs at least one sample")
    outputs, layers = _mint.compare(_bytes(reference, "reference"),
                                    reference_name,
                                    _bytes(candidate, "candidate"),
                                    candidate_name, arrays)
    rows = lambda table: [dict(zip(_FIELDS, row)) for row in table]
    layers = sorted(rows(layers), key=lambda r: (r["sqnr_db"], r["order"]))
    return {"samples": len(arrays), "outputs": rows(outputs),
            "layers": layers}
