"""mint.Converter in every mode on a real model: the result runs in TFLite's
interpreter and in mint.Interpreter (bit for bit for the integer modes),
equals what `mint quantize` writes, and errors raise mint.Error."""

import os
import subprocess

import numpy as np
import pytest

import mint


@pytest.fixture(scope="module")
def face(model_path, photos):
    """face_detection_short_range and photographs in its [-1, 1] range:
    5 to calibrate on, 2 others to evaluate."""
    images = (photos("128x128")[:, None] * 2.0 - 1.0).astype(np.float32)
    return model_path("face_detection_short_range"), images[:5], images[5:7]


def convert(path, types, samples, **options):
    converter = mint.Converter.from_file(path)
    converter.optimizations = [mint.Optimize.DEFAULT]
    converter.target_spec.supported_types = types
    if samples is not None:
        converter.representative_dataset = lambda: ([x] for x in samples)
    for name, value in options.items():
        setattr(converter, name, value)
    return converter.convert()


def sqnr(reference, candidate):
    noise = np.sum((candidate.astype(np.float64) - reference) ** 2)
    if noise == 0:
        return np.inf
    return 10 * np.log10(np.sum(reference.astype(np.float64) ** 2) / noise)


@pytest.mark.parametrize("types,calibrated,mode_types", [
    ([mint.float16], False, "f16"),
    ([], False, "dynamic"),
    ([mint.int8], True, "i8"),
    ([mint.int16x8], True, "i16"),
])
def test_each_mode_runs_in_tflite_and_mint(face, tflite, tmp_path, types,
                                           calibrated, mode_types):
    path, calibration, evaluation = face
    data = convert(path, types, calibration if calibrated else None)
    size = len(data)
    float_size = os.path.getsize(path)
    model = tmp_path / "model.tflite"
    model.write_bytes(data)
    text = mint.import_tflite(data)
    if mode_types == "f16":
        assert "xf16>" in text and size < float_size
    elif mode_types == "dynamic":
        assert "!quant.uniform<i8:f32:" in text and "i16:f32" not in text
    elif mode_types == "i8":
        assert "!quant.uniform<i8:f32, " in text
    else:
        assert "!quant.uniform<i16:f32, " in text
    interpreter = mint.Interpreter(model_content=data)
    for x in evaluation:
        want = tflite.run(str(model), [x])
        got = interpreter.run([x])
        reference = tflite.run(path, [x])
        for g, w, r in zip(got, want, reference):
            if mode_types in ("i8", "i16"):
                np.testing.assert_array_equal(g, w)
            elif mode_types == "f16":
                span = float(np.ptp(w)) or 1.0
                assert float(np.abs(g - w).max()) <= 1e-3 * span
            # The quantized model stays close to the float one (SQNR in dB;
            # MediaPipe's float16 weights make float16 exact).
            assert sqnr(r, w) > {"f16": 60, "dynamic": 10, "i8": 5,
                                 "i16": 15}[mode_types]


def test_int8_equals_mint_quantize(face, tools_dir, tmp_path):
    path, calibration, _ = face
    samples = tmp_path / "samples.npy"
    np.save(samples, calibration)
    written = tmp_path / "cli.tflite"
    subprocess.run([os.path.join(tools_dir, "mint"), "quantize", path, "-o",
                    str(written), "--mode", "int8", "--io-type", "int8",
                    "--data", str(samples)], check=True, capture_output=True)
    data = convert(path, [mint.int8], calibration,
                   inference_input_type=np.int8,
                   inference_output_type=np.int8)
    assert data == written.read_bytes()
    (detail,) = mint.Interpreter(model_content=data).get_input_details()
    assert detail.dtype == np.int8


def test_no_optimizations_returns_the_model(face):
    path, _, _ = face
    converter = mint.Converter.from_file(path)
    assert converter.convert() == open(path, "rb").read()


def test_converter_errors(face):
    path, calibration, _ = face
    with pytest.raises(mint.Error, match="give a representative_dataset"):
        convert(path, [mint.int8], None)
    with pytest.raises(mint.Error, match=r"sample 0, input 0 \('input'\) "
                                         r"must be float32\[1,128,128,3\]"):
        convert(path, [mint.int8], [np.zeros((1, 64, 64, 3), np.float32)])
    with pytest.raises(mint.Error, match="unknown calibration method 'best'"):
        convert(path, [mint.int8], calibration, calibration_method="best")
    with pytest.raises(mint.Error, match="yielded no samples"):
        convert(path, [mint.int8], [])
    with pytest.raises(mint.Error, match="do not fit mode 'int16x8'"):
        convert(path, [mint.int16x8], calibration,
                inference_input_type=np.int8, inference_output_type=np.int8)
    with pytest.raises(mint.Error, match="cannot read the file"):
        mint.Converter.from_file("/nonexistent/model.tflite")
    truncated = open(path, "rb").read()[:1000]
    converter = mint.Converter.from_bytes(truncated, "cut.tflite")
    converter.optimizations = [mint.Optimize.DEFAULT]
    with pytest.raises(mint.Error, match="cut.tflite"):
        converter.convert()
