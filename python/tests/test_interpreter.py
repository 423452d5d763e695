"""mint.Interpreter against TFLite's interpreter on real models, and its
errors."""

import os
import subprocess

import numpy as np
import pytest

import mint


def test_float_model_matches_tflite(model_path, photos, tflite):
    path = model_path("face_detection_short_range")
    interpreter = mint.Interpreter(model_path=path)
    (detail,) = interpreter.get_input_details()
    assert detail.shape == (1, 128, 128, 3)
    assert detail.dtype == np.float32
    assert [d.name for d in interpreter.get_output_details()] == [
        "regressors", "classificators"]
    for image in photos("128x128")[:3]:
        x = (image[None] * 2.0 - 1.0).astype(np.float32)
        got = interpreter.run([x])
        want = tflite.run(path, [x])
        for g, w in zip(got, want):
            assert g.shape == w.shape and g.dtype == w.dtype
            scale = max(float(np.abs(w).max()), 1e-6)
            assert float(np.abs(g - w).max()) <= 1e-4 * scale


def test_int8_model_matches_tflite_bit_for_bit(model_path, photos, tflite,
                                               tools_dir, tmp_path):
    # Quantized by the mint driver with integer I/O, calibrated on photos.
    samples = tmp_path / "samples.npy"
    images = photos("224x224")
    np.save(samples, images[:4, None].astype(np.float32))
    quantized = tmp_path / "hand.int8.tflite"
    subprocess.run(
        [os.path.join(tools_dir, "mint"), "quantize",
         model_path("hand_landmark_lite"), "-o", str(quantized), "--mode",
         "int8", "--io-type", "int8", "--data", str(samples)],
        check=True, capture_output=True)
    interpreter = mint.Interpreter(model_content=quantized.read_bytes())
    (detail,) = interpreter.get_input_details()
    assert detail.dtype == np.int8
    rng = np.random.default_rng(0)
    for _ in range(2):
        x = rng.integers(-128, 128, detail.shape, dtype=np.int8)
        got = interpreter.run([x])
        want = tflite.run(str(quantized), [x])
        assert len(got) == len(want) == 4
        for g, w in zip(got, want):
            assert g.dtype == w.dtype == np.int8
            np.testing.assert_array_equal(g, w)


def test_inputs_are_converted_or_rejected(model_path):
    interpreter = mint.Interpreter(
        model_path=model_path("face_detection_short_range"))
    shape = interpreter.get_input_details()[0].shape
    # float64 is cast; a Fortran-ordered array is copied to C order.
    as_float32 = np.random.default_rng(1).uniform(-1, 1, shape).astype(
        np.float32)
    reference = interpreter.run([as_float32])
    for variant in (as_float32.astype(np.float64),
                    np.asfortranarray(as_float32)):
        for got, want in zip(interpreter.run([variant]), reference):
            np.testing.assert_array_equal(got, want)
    with pytest.raises(mint.Error, match=r"must have shape \(1, 128, 128, 3\)"):
        interpreter.run([np.zeros((1, 64, 64, 3), np.float32)])
    with pytest.raises(mint.Error, match="takes 1 inputs, got 2"):
        interpreter.run([as_float32, as_float32])
    with pytest.raises(mint.Error, match="must be float32, got complex64"):
        interpreter.run([as_float32.astype(np.complex64)])


def test_bad_models_raise_located_errors(model_path, tmp_path):
    with pytest.raises(mint.Error, match="missing.tflite: error: cannot read"):
        mint.Interpreter(model_path=str(tmp_path / "missing.tflite"))
    data = open(model_path("face_detection_short_range"), "rb").read()
    # Truncated: the importer names the model and what is wrong.
    with pytest.raises(mint.Error, match=r"<model>.*error"):
        mint.Interpreter(model_content=data[: len(data) // 3])
    with pytest.raises(mint.Error, match="not-a-model.tflite.*error"):
        mint.import_tflite(b"\x00" * 64, name="not-a-model.tflite")
    with pytest.raises(mint.Error, match="either model_path or model_content"):
        mint.Interpreter()


def test_import_tflite_gives_the_mint_dialect(model_path):
    data = open(model_path("face_detection_short_range"), "rb").read()
    text = mint.import_tflite(data)
    assert "func.func @" in text
    assert text.count("mint.conv_2d") + text.count("mint.depthwise_conv_2d") > 20
    with_locations = mint.import_tflite(data, debug_info=True)
    assert "classificators" in with_locations
