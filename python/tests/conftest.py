"""Fixtures of the mint package's tests.

MINT_MODEL_CACHE names the folder of real MediaPipe models that
utils/fetch-models.sh fills (default ~/.cache/mint/models); MINT_TOOLS_DIR
the folder of the built `mint` tools (default ../../build/bin). A test that
needs a missing model is skipped, unless MINT_REQUIRE_MODELS=1 (as
utils/test.sh sets it), where it fails.
"""

import importlib.util
import os

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def _model_cache():
    return os.environ.get("MINT_MODEL_CACHE",
                          os.path.expanduser("~/.cache/mint/models"))


@pytest.fixture(scope="session")
def model_path():
    def find(name):
        path = os.path.join(_model_cache(), name + ".tflite")
        if not os.path.exists(path):
            message = f"{path} is missing (utils/fetch-models.sh fetches it)"
            if os.environ.get("MINT_REQUIRE_MODELS") == "1":
                pytest.fail(message)
            pytest.skip(message)
        return path
    return find


@pytest.fixture(scope="session")
def photos(model_path):
    """Real photographs [N, H, W, 3] in [0, 1] (prepare-images.py)."""
    def load(size):
        model_path("face_detection_short_range")  # the cache is there
        return np.load(os.path.join(_model_cache(), "inputs",
                                    f"images_{size}.npy"))
    return load


@pytest.fixture(scope="session")
def tools_dir():
    path = os.environ.get("MINT_TOOLS_DIR",
                          os.path.join(ROOT, "build", "bin"))
    if not os.path.exists(os.path.join(path, "mint")):
        pytest.fail(f"{path}/mint is missing: build Mint first "
                    f"(or set MINT_TOOLS_DIR)")
    return path


@pytest.fixture(scope="session")
def tflite():
    """utils/tflite-oracle.py: TFLite's interpreter, built-in kernels."""
    spec = importlib.util.spec_from_file_location(
        "tflite_oracle", os.path.join(ROOT, "utils", "tflite-oracle.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.require_interpreter()
    return module
