"""The MLIR of each stage (mint.import_tflite, mint.lower, mint.run_passes)
for compiler people, and its errors."""

import pytest

import mint

TINY = """
func.func @main(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = mint.add %x, %x : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %1 = mint.relu %0 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %1 : tensor<1x4xf32>
}
"""


def test_lower_to_each_stage(model_path):
    data = open(model_path("face_detection_short_range"), "rb").read()
    imported = mint.import_tflite(data)
    convolutions = imported.count("mint.conv_2d") + imported.count(
        "mint.depthwise_conv_2d")
    tosa = mint.lower(data, "tosa")
    assert "mint.conv_2d" not in tosa
    assert tosa.count("tosa.conv2d") + tosa.count(
        "tosa.depthwise_conv2d") == convolutions
    linalg = mint.lower(data, "linalg")
    assert "tosa." not in linalg and "linalg.conv_2d" in linalg
    llvm = mint.lower(data, "llvm")
    assert "llvm.func @" in llvm and "linalg." not in llvm


def test_run_passes_on_mlir_text():
    fused = mint.run_passes(TINY, "func.func(mint-fuse-activations)")
    assert "mint.relu" not in fused
    assert "fused_activation_function = #mint.activation<relu>" in fused
    # The result parses again: a pipeline can go on from it.
    assert "tosa.add" in mint.run_passes(fused, "mint-to-tosa")


def test_stage_errors(model_path):
    with pytest.raises(mint.Error, match="does not refer to a registered"):
        mint.run_passes(TINY, "no-such-pass")
    with pytest.raises(mint.Error, match="unknown stage 'spirv'"):
        mint.lower(TINY, "spirv")
    with pytest.raises(mint.Error, match=r"broken\.mlir:1:\d+: error"):
        mint.run_passes("func.func @main(", "canonicalize",
                        name="broken.mlir")
