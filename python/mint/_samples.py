"""Representative samples, as TFLite's converter takes them."""

from typing import Callable, Iterable, List

import numpy as np

from ._errors import Error


def float_samples(dataset: Callable[[], Iterable],
                  what: str = "representative_dataset"
                  ) -> List[List[np.ndarray]]:
    """The samples `dataset()` yields (each one array, or a list of one per
    model input, in input order) as C-contiguous float32 arrays."""
    samples = []
    for sample in dataset():
        if isinstance(sample, dict):
            raise Error("representative samples keyed by signature "
                        "input are not supported; yield lists of "
                        "arrays in input order")
        arrays = [sample] if isinstance(sample, np.ndarray) else sample
        samples.append([np.ascontiguousarray(a, dtype=np.float32)
                        for a in arrays])
    if not samples:
        raise Error(f"the {what} yielded no samples")
    return samples
