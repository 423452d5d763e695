//===- MintConvOps.td - Convolution, fully connected, pooling -*- tablegen -*-===//
//
// Ops over NHWC windows and weights: CONV_2D, DEPTHWISE_CONV_2D,
// TRANSPOSE_CONV, FULLY_CONNECTED, AVERAGE_POOL_2D and MAX_POOL_2D.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTCONVOPS_TD
#define MINT_DIALECT_MINT_IR_MINTCONVOPS_TD

// Ops that multiply an activation by a weight and add a bias.
class Mint_AffineOp<string mnemonic, list<Trait> traits = []>
    : Mint_PureOp<mnemonic, !listconcat([
        DeclareOpInterfaceMethods<Mint_AffineQuantizedOpInterface>,
        Mint_FusedActivationOpInterface], traits)> {
  let hasVerifier = 1;
}

def Mint_Conv2DOp : Mint_AffineOp<"conv_2d"> {
  let summary = "2-D convolution (TFLite CONV_2D)";
  let description = [{
    Convolves an NHWC `input` with an OHWI `filter` and adds `bias` (one value
    per output channel; optional). `padding` is TFLite's: with `same` the
    output has ceil(in / stride) rows and columns, with `valid` it has
    ceil((in - (k - 1) * dilation) / stride). When the filter has fewer input
    channels than the input, the convolution is grouped: input channels must
    be a multiple of filter channels.

    Float form: input, filter, bias and result share `f32` (or `f16`).
    Quantized form: input and result are quantized with the same storage
    type (i8, or i16 for 16x8), the filter is i8 quantized per tensor or per
    axis 0, the bias i32 (i32 or i64 for 16x8) quantized with zero point 0.
    `quantized_bias_type` (TFLite's option, on TRANSPOSE_CONV and
    FULLY_CONNECTED too) names the bias and accumulator type of a 16x8
    kernel, i32 or i64; a bias present must have it as storage type.
    Hybrid (dynamic-range) form: float input and result with a quantized
    filter and a float bias.

    Example:

    ```mlir
    %0 = mint.conv_2d %input, %filter, %bias {
           padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32,
           fused_activation_function = #mint.activation<relu6>}
         : (tensor<1x224x224x3xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>)
        -> tensor<1x112x112x16xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor4D:$input,
    Mint_Tensor4D:$filter,
    Optional<Mint_Tensor1D>:$bias,
    Mint_PaddingAttr:$padding,
    Mint_PositiveI32Attr:$stride_h,
    Mint_PositiveI32Attr:$stride_w,
    Mint_DefaultOneI32Attr:$dilation_h_factor,
    Mint_DefaultOneI32Attr:$dilation_w_factor,
    Mint_DefaultActivationAttr:$fused_activation_function,
    Mint_QuantizedBiasTypeAttr:$quantized_bias_type
  );
  let results = (outs Mint_Tensor4D:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Mint_DepthwiseConv2DOp : Mint_AffineOp<"depthwise_conv_2d"> {
  let summary = "depthwise 2-D convolution (TFLite DEPTHWISE_CONV_2D)";
  let description = [{
    Convolves each channel of an NHWC `input` separately with
    `depth_multiplier` filters. The `filter` is `1 x KH x KW x (C * M)`:
    output channel `c * M + m` uses input channel `c`. `bias` has one value
    per output channel (optional). Padding, strides, dilation and the fused
    activation are as for `mint.conv_2d`; per-axis quantized filters are
    quantized along axis 3. `depth_multiplier` is the schema's deprecated
    field: 0 means "derived from the shapes", any other value must agree with
    them.

    Example:

    ```mlir
    %0 = mint.depthwise_conv_2d %input, %filter, %bias {
           padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32,
           depth_multiplier = 1 : i32}
         : (tensor<1x56x56x32xf32>, tensor<1x3x3x32xf32>, tensor<32xf32>)
        -> tensor<1x56x56x32xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor4D:$input,
    Mint_Tensor4D:$filter,
    Optional<Mint_Tensor1D>:$bias,
    Mint_PaddingAttr:$padding,
    Mint_PositiveI32Attr:$stride_h,
    Mint_PositiveI32Attr:$stride_w,
    DefaultValuedAttr<ConfinedAttr<I32Attr, [IntNonNegative]>, "0">
        :$depth_multiplier,
    Mint_DefaultOneI32Attr:$dilation_h_factor,
    Mint_DefaultOneI32Attr:$dilation_w_factor,
    Mint_DefaultActivationAttr:$fused_activation_function
  );
  let results = (outs Mint_Tensor4D:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Mint_TransposeConvOp : Mint_AffineOp<"transpose_conv"> {
  let summary = "transposed 2-D convolution (TFLite TRANSPOSE_CONV)";
  let description = [{
    The gradient of `mint.conv_2d` with respect to its input: scatters each
    input pixel through the OHWI `weights` into a result of shape
    `output_shape` (a 4-element i32 tensor, constant in practice). A forward
    convolution of the result with the same padding and strides would have
    the input's spatial size. `bias` (optional) has one value per output
    channel; per-axis quantized weights are quantized along axis 0.

    Example:

    ```mlir
    %shape = mint.const dense<[1, 64, 64, 16]> : tensor<4xi32>
    %0 = mint.transpose_conv %shape, %weights, %input, %bias {
           padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32}
         : (tensor<4xi32>, tensor<16x2x2x32xf32>, tensor<1x32x32x32xf32>,
            tensor<16xf32>) -> tensor<1x64x64x16xf32>
    ```
  }];
  let arguments = (ins
    Mint_IndexVector:$output_shape,
    Mint_Tensor4D:$weights,
    Mint_Tensor4D:$input,
    Optional<Mint_Tensor1D>:$bias,
    Mint_PaddingAttr:$padding,
    Mint_PositiveI32Attr:$stride_h,
    Mint_PositiveI32Attr:$stride_w,
    Mint_DefaultActivationAttr:$fused_activation_function,
    Mint_QuantizedBiasTypeAttr:$quantized_bias_type
  );
  let results = (outs Mint_Tensor4D:$output);
  let assemblyFormat = [{
    $output_shape `,` $weights `,` $input (`,` $bias^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def Mint_FullyConnectedOp : Mint_AffineOp<"fully_connected"> {
  let summary = "fully connected layer (TFLite FULLY_CONNECTED)";
  let description = [{
    Multiplies the rows of `input` by the transposed `filter` (`N x K`, one
    row per output unit) and adds `bias` (`N`, optional). The input is read
    as `M x K` rows: all elements count, so their number must be a multiple
    of K. With `keep_num_dims` the result keeps the input's leading
    dimensions (`[d0, ..., dn-1, N]`, the last input dimension must be K);
    otherwise it is `M x N`. Per-axis quantized filters are quantized along
    axis 0. `asymmetric_quantize_inputs` selects asymmetric on-the-fly input
    quantization for hybrid (dynamic-range) kernels.

    Example:

    ```mlir
    %0 = mint.fully_connected %input, %filter, %bias {keep_num_dims = false}
         : (tensor<1x1x1x1280xf32>, tensor<1001x1280xf32>, tensor<1001xf32>)
        -> tensor<1x1001xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor:$input,
    RankedTensorOf<Mint_ElementTypes, [HasAnyRankOfPred<[2]>],
                   "2D tensor of TFLite element type">:$filter,
    Optional<Mint_Tensor1D>:$bias,
    Mint_DefaultActivationAttr:$fused_activation_function,
    DefaultValuedAttr<Mint_FullyConnectedWeightsFormatAttr,
        "::mlir::mint::FullyConnectedWeightsFormat::Default">:$weights_format,
    Mint_DefaultFalseAttr:$keep_num_dims,
    Mint_DefaultFalseAttr:$asymmetric_quantize_inputs,
    Mint_QuantizedBiasTypeAttr:$quantized_bias_type
  );
  let results = (outs Mint_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

// Pools: TFLite's Pool2DOptions.
class Mint_PoolOp<string mnemonic, list<Trait> traits = []>
    : Mint_PureOp<mnemonic, !listconcat([
        Mint_SameOperandsAndResultsScale, Mint_FusedActivationOpInterface],
        traits)> {
  let arguments = (ins
    Mint_Tensor4D:$input,
    Mint_PaddingAttr:$padding,
    Mint_PositiveI32Attr:$stride_h,
    Mint_PositiveI32Attr:$stride_w,
    Mint_PositiveI32Attr:$filter_height,
    Mint_PositiveI32Attr:$filter_width,
    Mint_DefaultActivationAttr:$fused_activation_function
  );
  let results = (outs Mint_Tensor4D:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mint_AveragePool2DOp : Mint_PoolOp<"average_pool_2d"> {
  let summary = "2-D average pooling (TFLite AVERAGE_POOL_2D)";
  let description = [{
    Averages each `filter_height x filter_width` window of an NHWC input,
    counting only the elements inside the input (padding does not dilute the
    average). The output size follows TFLite's padding rule. Quantized input
    and result share scale and zero point.

    Example:

    ```mlir
    %0 = mint.average_pool_2d %input {
           padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32,
           filter_height = 7 : i32, filter_width = 7 : i32}
         : (tensor<1x7x7x1280xf32>) -> tensor<1x1x1x1280xf32>
    ```
  }];
}

def Mint_MaxPool2DOp : Mint_PoolOp<"max_pool_2d"> {
  let summary = "2-D max pooling (TFLite MAX_POOL_2D)";
  let description = [{
    Takes the maximum of each `filter_height x filter_width` window of an
    NHWC input; padded positions never win. The output size follows TFLite's
    padding rule. Quantized input and result share scale and zero point.

    Example:

    ```mlir
    %0 = mint.max_pool_2d %input {
           padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32,
           filter_height = 2 : i32, filter_width = 2 : i32}
         : (tensor<1x64x64x24xf32>) -> tensor<1x32x32x24xf32>
    ```
  }];
}

#endif // MINT_DIALECT_MINT_IR_MINTCONVOPS_TD
