"""mint.compare against the mint driver's `compare --json`, and its
errors."""

import json
import math
import os
import subprocess

import numpy as np
import pytest

import mint


def test_compare_matches_the_driver(model_path, photos, tools_dir, tmp_path):
    path = model_path("face_detection_short_range")
    images = (photos("128x128")[:, None] * 2.0 - 1.0).astype(np.float32)
    converter = mint.Converter.from_file(path)
    converter.optimizations = [mint.Optimize.DEFAULT]
    converter.representative_dataset = lambda: ([x] for x in images[:4])
    quantized = converter.convert()
    (tmp_path / "int8.tflite").write_bytes(quantized)
    np.save(tmp_path / "samples.npy", images[4:7])

    report = mint.compare(open(path, "rb").read(), quantized, images[4:7])
    driver = json.loads(subprocess.run(
        [os.path.join(tools_dir, "mint"), "compare", path,
         str(tmp_path / "int8.tflite"), "--data",
         str(tmp_path / "samples.npy"), "--json"],
        check=True, capture_output=True, text=True).stdout)
    assert report["samples"] == driver["samples"] == 3
    assert [o["name"] for o in report["outputs"]] == [
        "regressors", "classificators"]
    assert len(report["layers"]) == len(driver["layers"]) > 50
    for ours, theirs in zip(report["outputs"] + report["layers"],
                            driver["outputs"] + driver["layers"]):
        assert ours["name"] == theirs["name"]
        assert ours["sqnr_db"] == pytest.approx(float(theirs["sqnr_db"]),
                                                abs=0.006)
        assert ours["max_error"] == pytest.approx(theirs["max_error"],
                                                  rel=1e-5)
    sqnrs = [layer["sqnr_db"] for layer in report["layers"]]
    assert sqnrs == sorted(sqnrs) and all(math.isfinite(s) for s in sqnrs)


def test_compare_errors(model_path):
    face = open(model_path("face_detection_short_range"), "rb").read()
    hand = open(model_path("hand_landmark_lite"), "rb").read()
    x = np.zeros((1, 128, 128, 3), np.float32)
    with pytest.raises(mint.Error, match="compare a model with its own"):
        mint.compare(face, hand, [x])
    with pytest.raises(mint.Error, match=r"input 0 \('input'\) must be "
                                         r"float32\[1,128,128,3\]"):
        mint.compare(face, face, [np.zeros((1, 8, 8, 3), np.float32)])
    with pytest.raises(mint.Error, match="at least one sample"):
        mint.compare(face, face, [])
