"""mint.prune and mint.cluster: `mint prune` and `mint cluster` on bytes."""

from typing import Callable, Dict, Iterable, List, NamedTuple, Optional

from . import _mint
from ._errors import Error
from ._samples import float_samples


class SkippedLayer(NamedTuple):
    """A layer that pruning or clustering left alone, and why."""

    name: str
    op: str
    reason: str


class CompressedModel(NamedTuple):
    """The new .tflite (bytes) and the layers left alone."""

    model: bytes
    skipped: List[SkippedLayer]


def _read(model) -> bytes:
    if isinstance(model, (bytes, bytearray, memoryview)):
        return bytes(model)
    raise Error("give the model as bytes (open(path, 'rb').read())")


def prune(model: bytes, sparsity: float = 0.5, pattern: str = "unstructured",
          *, min_elements: int = 1024, max_weight_error: float = 0.5,
          per_layer: Optional[Dict[str, float]] = None,
          sparse_encoding: bool = True,
          refit_dataset: Optional[Callable[[], Iterable]] = None,
          name: str = "<model>") -> CompressedModel:
    """Magnitude pruning of the weights of CONV_2D, DEPTHWISE_CONV_2D,
    FULLY_CONNECTED and TRANSPOSE_CONV, as ``mint prune`` does:
    ``pattern`` is ``"unstructured"``, ``"block:RxC"`` or ``"2:4"``;
    ``per_layer`` maps a regular expression over tensor names to that
    layer's sparsity; weights that end up mostly zero are written
    sparse-encoded (TFLite SparsityParameters) unless ``sparse_encoding``
    is false. With ``refit_dataset`` (a callable yielding samples like a
    converter's ``representative_dataset``: one array, or a list of one
    per model input), the kept weights are refitted layer by layer by least
    squares on those samples, as ``mint prune --refit`` does."""
    schedule = [f"{regex}={value}" for regex, value in
                (per_layer or {}).items()]
    samples = ([] if refit_dataset is None else
               float_samples(refit_dataset, "refit_dataset"))
    data, skipped = _mint.prune(_read(model), name, float(sparsity), pattern,
                                int(min_elements), float(max_weight_error),
                                schedule, bool(sparse_encoding),
                                refit_dataset is not None, samples)
    return CompressedModel(data, [SkippedLayer(*s) for s in skipped])


def cluster(model: bytes, clusters: int = 16, init: str = "kmeans++", *,
            per_channel: bool = False, min_elements: int = 1024,
            seed: int = 0, palettize: bool = False,
            sparse_encoding: bool = True,
            name: str = "<model>") -> CompressedModel:
    """k-means weight clustering per layer (or per output channel), as
    ``mint cluster`` does: ``init`` is ``"linear"``, ``"random"``,
    ``"density"`` or ``"kmeans++"``; ``palettize`` stores each clustered
    weight as a palette and uint8 indices."""
    data, skipped = _mint.cluster(_read(model), name, int(clusters), init,
                                  bool(per_channel), int(min_elements),
                                  int(seed), bool(palettize),
                                  bool(sparse_encoding))
    return CompressedModel(data, [SkippedLayer(*s) for s in skipped])
