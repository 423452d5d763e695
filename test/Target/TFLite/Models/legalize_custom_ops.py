"""Rewrite MediaPipe's custom transposed convolution to TFLite builtins.

The selfie segmentation models use the custom operator
Convolution2DTransposeBias(input, weights, bias), whose option bytes are
TfLiteTransposeConvParams (padding, stride_w, stride_h as int32; padding
1 = SAME, 2 = VALID). Stock TFLite interpreters lack it, so the tests run a
copy where each one becomes the builtin TRANSPOSE_CONV(output_shape,
weights, input, bias) with the same parameters. The rewrite works on the
flatbuffer through Python code generated from Mint's schema by flatc and
shares nothing with Mint's importer or exporter.
"""

import importlib
import os
import struct
import subprocess
import sys

CUSTOM_CODE = b"Convolution2DTransposeBias"


def load_schema(flatc, schema, work_dir):
    """Generates the Python schema API into work_dir and imports it."""
    out = os.path.join(work_dir, "pyschema")
    if not os.path.isdir(os.path.join(out, "mint_tflite")):
        subprocess.run([flatc, "--python", "--gen-object-api", "-o", out,
                        schema], check=True)
    if out not in sys.path:
        sys.path.insert(0, out)
    return importlib.import_module("mint_tflite")


def _module(package, name):
    return importlib.import_module(f"{package.__name__}.{name}")


def custom_codes(fb, data):
    model = _module(fb, "Model").Model.GetRootAs(data, 0)
    return {model.OperatorCodes(i).CustomCode()
            for i in range(model.OperatorCodesLength())} - {None}


def legalize(fb, data):
    """Returns `data` with every Convolution2DTransposeBias rewritten."""
    import flatbuffers
    model_mod = _module(fb, "Model")
    model = model_mod.ModelT.InitFromObj(model_mod.Model.GetRootAs(data, 0))
    builtin = _module(fb, "BuiltinOperator").BuiltinOperator
    options_enum = _module(fb, "BuiltinOptions").BuiltinOptions
    tensor_type = _module(fb, "TensorType").TensorType
    padding = _module(fb, "Padding").Padding

    custom_indices = [i for i, code in enumerate(model.operatorCodes)
                      if code.customCode == CUSTOM_CODE]
    if not custom_indices:
        return data
    code = _module(fb, "OperatorCode").OperatorCodeT()
    code.builtinCode = builtin.TRANSPOSE_CONV
    code.deprecatedBuiltinCode = builtin.TRANSPOSE_CONV
    code.version = 3
    model.operatorCodes.append(code)
    transpose_conv = len(model.operatorCodes) - 1

    for subgraph in model.subgraphs:
        for op in subgraph.operators:
            if op.opcodeIndex not in custom_indices:
                continue
            raw = bytes(op.customOptions)
            pad_code, stride_w, stride_h = struct.unpack("<iii", raw[:12])
            output = subgraph.tensors[op.outputs[0]]
            shape_buffer = _module(fb, "Buffer").BufferT()
            shape_buffer.data = list(struct.pack(f"<{len(output.shape)}i",
                                                 *output.shape))
            model.buffers.append(shape_buffer)
            shape_tensor = _module(fb, "Tensor").TensorT()
            shape_tensor.shape = [len(output.shape)]
            shape_tensor.type = tensor_type.INT32
            shape_tensor.buffer = len(model.buffers) - 1
            shape_tensor.name = (output.name or b"") + b"/output_shape"
            subgraph.tensors.append(shape_tensor)
            inputs = list(op.inputs)
            op.inputs = [len(subgraph.tensors) - 1, inputs[1], inputs[0],
                         inputs[2]]
            options = _module(fb, "TransposeConvOptions").TransposeConvOptionsT()
            options.padding = padding.SAME if pad_code == 1 else padding.VALID
            options.strideW = stride_w
            options.strideH = stride_h
            op.builtinOptionsType = options_enum.TransposeConvOptions
            op.builtinOptions = options
            op.customOptions = None
            op.opcodeIndex = transpose_conv
    builder = flatbuffers.Builder(len(data) + 4096)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())
