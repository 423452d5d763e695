"""mint.prune and mint.cluster on a real model: the same bytes as the mint
driver writes, results that run in TFLite and in mint.Interpreter alike,
and errors as mint.Error."""

import os
import subprocess

import numpy as np
import pytest

import mint


@pytest.fixture(scope="module")
def face(model_path):
    path = model_path("face_detection_short_range")
    return path, open(path, "rb").read()


@pytest.mark.parametrize("function,arguments,command", [
    (mint.prune, dict(sparsity=0.5), ["prune", "--sparsity", "0.5"]),
    (mint.prune, dict(pattern="2:4"), ["prune", "--pattern", "2:4"]),
    (mint.cluster, dict(clusters=16, init="density"),
     ["cluster", "--clusters", "16", "--init", "density"]),
    (mint.cluster, dict(clusters=32, palettize=True),
     ["cluster", "--clusters", "32", "--palettize"]),
])
def test_same_as_driver_and_runs_in_tflite(face, tools_dir, tflite, tmp_path,
                                           function, arguments, command):
    path, data = face
    result = function(data, **arguments)
    assert result.skipped and all(s.reason for s in result.skipped)
    written = tmp_path / "driver.tflite"
    subprocess.run([os.path.join(tools_dir, "mint")] + command +
                   [path, "-o", str(written)], check=True,
                   capture_output=True)
    assert result.model == written.read_bytes()

    interpreter = mint.Interpreter(model_content=result.model)
    x = np.random.default_rng(3).uniform(-1, 1, (1, 128, 128, 3)).astype(
        np.float32)
    want = tflite.run(str(written), [x])
    for got, w in zip(interpreter.run([x]), want):
        span = float(np.ptp(w)) or 1.0
        assert float(np.abs(got - w).max()) <= 1e-4 * span


def test_compress_errors(face):
    _, data = face
    with pytest.raises(mint.Error, match="sparsity"):
        mint.prune(data, sparsity=1.5)
    with pytest.raises(mint.Error, match="unknown initialization 'best'"):
        mint.cluster(data, init="best")
    with pytest.raises(mint.Error, match="as bytes"):
        mint.prune("model.tflite")
    with pytest.raises(mint.Error, match="cut.tflite"):
        mint.cluster(data[:500], name="cut.tflite")


def test_prune_refit_same_as_driver(face, tools_dir, tmp_path):
    path, data = face
    faces = np.load(os.path.join(os.path.dirname(path), "inputs",
                                 "lfw_faces_128x128.npy"))
    samples = (faces[:8] * 2 - 1).astype(np.float32)[:, None]
    np.save(tmp_path / "samples.npy", samples)
    result = mint.prune(data, pattern="2:4",
                        refit_dataset=lambda: (s for s in samples))
    written = tmp_path / "driver.tflite"
    subprocess.run([os.path.join(tools_dir, "mint"), "prune", path, "-o",
                    str(written), "--pattern", "2:4", "--refit", "--data",
                    str(tmp_path / "samples.npy")], check=True,
                   capture_output=True)
    assert result.model == written.read_bytes()
    # Refitting changed the kept weights.
    assert result.model != mint.prune(data, pattern="2:4").model


def test_prune_refit_errors(face):
    _, data = face
    with pytest.raises(mint.Error, match="refit_dataset yielded no samples"):
        mint.prune(data, refit_dataset=lambda: iter([]))
    with pytest.raises(mint.Error, match="representative sample 0, input 0"):
        mint.prune(data, refit_dataset=lambda: iter(
            [np.zeros((1, 64, 64, 3), np.float32)]))


def test_palette_lookups_same_bits(face):
    _, data = face
    palettized = mint.cluster(data, clusters=16, palettize=True).model
    x = np.random.default_rng(5).uniform(-1, 1, (1, 128, 128, 3)).astype(
        np.float32)
    expanded = mint.Interpreter(model_content=palettized).run([x])
    looked_up = mint.Interpreter(model_content=palettized,
                                 palette_lookups=True).run([x])
    for a, b in zip(expanded, looked_up):
        assert a.tobytes() == b.tobytes()
