//===- MintShapeOps.td - Data movement and reduction ops ---*- tablegen -*-===//
//
// Ops that move, select or resample values: RESHAPE, SQUEEZE, CONCATENATION,
// PAD, PADV2, SLICE, STRIDED_SLICE, TRANSPOSE, GATHER, RESIZE_BILINEAR,
// RESIZE_NEAREST_NEIGHBOR, DEPTH_TO_SPACE, SPACE_TO_DEPTH; and MEAN.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTSHAPEOPS_TD
#define MINT_DIALECT_MINT_IR_MINTSHAPEOPS_TD

// Data movement: quantized values pass through unchanged, so operands and
// results share scale and zero point.
class Mint_MovementOp<string mnemonic, list<Trait> traits = []>
    : Mint_PureOp<mnemonic, !listconcat([Mint_SameOperandsAndResultsScale],
                                        traits)> {
  let results = (outs Mint_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mint_ReshapeOp : Mint_MovementOp<"reshape"> {
  let summary = "change the shape (TFLite RESHAPE)";
  let description = [{
    Reinterprets `input` with a new shape holding the same number of
    elements. The shape comes from the optional `shape` operand (1-D, at
    most one -1 that stands for the remaining size), else from the legacy
    `new_shape` option, else from the result type.

    Example:

    ```mlir
    %shape = mint.const dense<[1, 1280]> : tensor<2xi32>
    %0 = mint.reshape %x, %shape
         : (tensor<1x1x1x1280xf32>, tensor<2xi32>) -> tensor<1x1280xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor:$input,
    Optional<Mint_IndexVector>:$shape,
    OptionalAttr<DenseI32ArrayAttr>:$new_shape
  );
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Mint_SqueezeOp : Mint_MovementOp<"squeeze"> {
  let summary = "remove dimensions of size 1 (TFLite SQUEEZE)";
  let description = [{
    Removes the dimensions listed in `squeeze_dims` (negative values count
    from the end), each of which must have size 1; with an empty list it
    removes every dimension of size 1.

    Example:

    ```mlir
    %0 = mint.squeeze %x {squeeze_dims = array<i32: 1, 2>}
         : (tensor<1x1x1x1001xf32>) -> tensor<1x1001xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor:$input,
    DefaultValuedAttr<DenseI32ArrayAttr, "{}">:$squeeze_dims
  );
  let hasFolder = 1;
}

def Mint_ConcatenationOp : Mint_MovementOp<"concatenation",
    [Mint_FusedActivationOpInterface]> {
  let summary = "join tensors along an axis (TFLite CONCATENATION)";
  let description = [{
    Concatenates `values` along `axis` (negative values count from the end).
    All values have the same rank and agree in every other dimension and in
    element type; the fused activation is applied to the result.

    Example:

    ```mlir
    %0 = mint.concatenation %a, %b {axis = 3 : i32}
         : (tensor<1x8x8x16xf32>, tensor<1x8x8x32xf32>) -> tensor<1x8x8x48xf32>
    ```
  }];
  let arguments = (ins
    Variadic<Mint_Tensor>:$values,
    I32Attr:$axis,
    Mint_DefaultActivationAttr:$fused_activation_function
  );
  let hasFolder = 1;
}

def Mint_PadOp : Mint_MovementOp<"pad"> {
  let summary = "pad with zeros (TFLite PAD)";
  let description = [{
    Pads `input` with `paddings` (`rank x 2`, non-negative: elements before
    and after each dimension) of zero (for quantized tensors: the zero
    point, i.e. the value 0.0).

    Example:

    ```mlir
    %p = mint.const dense<[[0, 0], [1, 1], [1, 1], [0, 0]]> : tensor<4x2xi32>
    %0 = mint.pad %x, %p : (tensor<1x8x8x3xf32>, tensor<4x2xi32>) -> tensor<1x10x10x3xf32>
    ```
  }];
  let arguments = (ins Mint_Tensor:$input, Mint_IndexTensor:$paddings);
  let hasFolder = 1;
}

def Mint_PadV2Op : Mint_MovementOp<"padv2"> {
  let summary = "pad with a given value (TFLite PADV2)";
  let description = [{
    As `mint.pad`, but pads with `constant_values`, a one-element tensor of
    the input's element type.

    Example:

    ```mlir
    %0 = mint.padv2 %x, %p, %v
         : (tensor<1x8x8x3xf32>, tensor<4x2xi32>, tensor<f32>) -> tensor<1x10x10x3xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor:$input,
    Mint_IndexTensor:$paddings,
    Mint_Tensor:$constant_values
  );
  let hasFolder = 1;
}

def Mint_SliceOp : Mint_MovementOp<"slice"> {
  let summary = "extract a contiguous block (TFLite SLICE)";
  let description = [{
    Extracts the block that starts at `begin` and spans `size` elements per
    dimension (`-1`: to the end). Both are 1-D with one entry per input
    dimension.

    Example:

    ```mlir
    %0 = mint.slice %x, %begin, %size
         : (tensor<1x8x8x16xf32>, tensor<4xi32>, tensor<4xi32>) -> tensor<1x8x8x4xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor:$input,
    Mint_IndexVector:$begin,
    Mint_IndexVector:$size
  );
  let hasFolder = 1;
}

def Mint_StridedSliceOp : Mint_MovementOp<"strided_slice"> {
  let summary = "extract a strided block (TFLite STRIDED_SLICE)";
  let description = [{
    NumPy-style slicing `input[begin:end:strides]` with TensorFlow's masks:
    bit i of `begin_mask` / `end_mask` ignores begin[i] / end[i] (full range),
    `ellipsis_mask` marks the one spec entry that stands for all remaining
    dimensions, `new_axis_mask` inserts a dimension of size 1,
    `shrink_axis_mask` takes one element and drops the dimension. With
    `offset`, `end` is relative to `begin`.

    Example:

    ```mlir
    %0 = mint.strided_slice %x, %begin, %end, %strides {shrink_axis_mask = 1 : i32}
         : (tensor<4x8xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>)
        -> tensor<8xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor:$input,
    Mint_IndexVector:$begin,
    Mint_IndexVector:$end,
    Mint_IndexVector:$strides,
    DefaultValuedAttr<I32Attr, "0">:$begin_mask,
    DefaultValuedAttr<I32Attr, "0">:$end_mask,
    DefaultValuedAttr<I32Attr, "0">:$ellipsis_mask,
    DefaultValuedAttr<I32Attr, "0">:$new_axis_mask,
    DefaultValuedAttr<I32Attr, "0">:$shrink_axis_mask,
    Mint_DefaultFalseAttr:$offset
  );
}

def Mint_TransposeOp : Mint_MovementOp<"transpose"> {
  let summary = "permute dimensions (TFLite TRANSPOSE)";
  let description = [{
    Result dimension i is input dimension `perm[i]`; `perm` is a
    permutation of `[0, rank)`.

    Example:

    ```mlir
    %perm = mint.const dense<[0, 3, 1, 2]> : tensor<4xi32>
    %0 = mint.transpose %x, %perm
         : (tensor<1x8x8x16xf32>, tensor<4xi32>) -> tensor<1x16x8x8xf32>
    ```
  }];
  let arguments = (ins Mint_Tensor:$input, Mint_IndexVector:$perm);
  let hasFolder = 1;
}

def Mint_GatherOp : Mint_MovementOp<"gather"> {
  let summary = "select slices by index (TFLite GATHER)";
  let description = [{
    Selects slices of `params` along `axis` by the values of `indices`:
    the result's shape is `params.shape[:axis] + indices.shape[batch_dims:]
    + params.shape[axis + 1:]`, and the first `batch_dims` dimensions of
    `params` and `indices` pair up. Negative `axis` and `batch_dims` count
    from the end. A palettized weight (`mint-palettize-weights`) is a
    gather of its palette by its indices.

    Example:

    ```mlir
    %0 = mint.gather %palette, %indices
         : (tensor<16xf32>, tensor<16x3x3x8xi32>) -> tensor<16x3x3x8xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor:$params,
    Mint_IndexTensor:$indices,
    DefaultValuedAttr<I32Attr, "0">:$axis,
    DefaultValuedAttr<I32Attr, "0">:$batch_dims
  );
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// `axis` and `batch_dims` with negative values resolved, if valid.
    std::optional<std::pair<int64_t, int64_t>> getResolvedAxes();

    /// For a palettized weight (constant params gathered by constant
    /// indices, directly or through a `mint.cast`): the values it stands
    /// for (null for an index out of range), and the stored indices'
    /// constant. Both null for any other gather.
    std::pair<::mlir::DenseElementsAttr, ConstOp> getPaletteValues();
  }];
}

class Mint_ResizeOp<string mnemonic, string tfliteName, string how>
    : Mint_MovementOp<mnemonic> {
  let summary = "resize images, " # how # " (TFLite " # tfliteName # ")";
  let description = [{
    Resizes NHWC images to `size` (`[new_height, new_width]`) by }] # how #
    [{. `align_corners` maps the corner pixels onto each other;
    `half_pixel_centers` samples at pixel centers. At most one of them is
    set.

    Example:

    ```mlir
    %0 = mint.}] # mnemonic # [{ %x, %size {half_pixel_centers = true}
         : (tensor<1x16x16x8xf32>, tensor<2xi32>) -> tensor<1x32x32x8xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor4D:$input,
    Mint_IndexVector:$size,
    Mint_DefaultFalseAttr:$align_corners,
    Mint_DefaultFalseAttr:$half_pixel_centers
  );
  let results = (outs Mint_Tensor4D:$output);
}

def Mint_ResizeBilinearOp : Mint_ResizeOp<"resize_bilinear",
    "RESIZE_BILINEAR", "bilinear interpolation">;
def Mint_ResizeNearestNeighborOp : Mint_ResizeOp<"resize_nearest_neighbor",
    "RESIZE_NEAREST_NEIGHBOR", "picking the nearest pixel">;

class Mint_BlockRearrangeOp<string mnemonic, string tfliteName, string what,
                            string example>
    : Mint_MovementOp<mnemonic> {
  let summary = what # " (TFLite " # tfliteName # ")";
  let description = [{
    Moves `block_size x block_size` blocks between the spatial dimensions
    and the channel dimension of an NHWC tensor (TensorFlow's DCR order).

    Example:

    ```mlir
    }] # example # [{
    ```
  }];
  let arguments = (ins Mint_Tensor4D:$input, Mint_PositiveI32Attr:$block_size);
  let results = (outs Mint_Tensor4D:$output);
}

def Mint_DepthToSpaceOp : Mint_BlockRearrangeOp<"depth_to_space",
    "DEPTH_TO_SPACE", "move channel blocks into space",
    "%0 = mint.depth_to_space %x {block_size = 2 : i32} "
    ": (tensor<1x8x8x16xf32>) -> tensor<1x16x16x4xf32>">;
def Mint_SpaceToDepthOp : Mint_BlockRearrangeOp<"space_to_depth",
    "SPACE_TO_DEPTH", "move spatial blocks into channels",
    "%0 = mint.space_to_depth %x {block_size = 2 : i32} "
    ": (tensor<1x16x16x4xf32>) -> tensor<1x8x8x16xf32>">;

def Mint_MeanOp : Mint_PureOp<"mean"> {
  let summary = "mean over axes (TFLite MEAN)";
  let description = [{
    Averages `input` over the dimensions listed in `axis` (0-D or 1-D;
    negative values count from the end; repeats are allowed). With
    `keep_dims` the reduced dimensions stay with size 1. Quantized results
    may have their own scale.

    Example:

    ```mlir
    %axis = mint.const dense<[1, 2]> : tensor<2xi32>
    %0 = mint.mean %x, %axis {keep_dims = true}
         : (tensor<1x7x7x1280xf32>, tensor<2xi32>) -> tensor<1x1x1x1280xf32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor:$input,
    Mint_IndexScalarOrVector:$axis,
    Mint_DefaultFalseAttr:$keep_dims
  );
  let results = (outs Mint_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $axis attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // MINT_DIALECT_MINT_IR_MINTSHAPEOPS_TD
