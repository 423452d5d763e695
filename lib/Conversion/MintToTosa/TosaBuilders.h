//===- TosaBuilders.h - Shared pieces of the mint → TOSA lowering -*- C++ -*-=//
//
// Builders and facts that several op families of the mint → TOSA
// conversion share: TOSA constants and shapes, rank broadcasting, TFLite's
// window padding rule fitted to TOSA's divisibility rule, fused
// activations, and reading constant operands.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_LIB_CONVERSION_MINTTOTOSA_TOSABUILDERS_H
#define MINT_LIB_CONVERSION_MINTTOTOSA_TOSABUILDERS_H

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::mint::tosa_lowering {

/// A `!tosa.shape` constant.
Value createShape(OpBuilder &builder, Location loc, ArrayRef<int64_t> values);

/// A `tensor<1xT>` zero point (or any one-element operand) holding `value`.
Value createZeroPoint(OpBuilder &builder, Location loc, Type elementType,
                      double value = 0.0);

/// A `tensor<1x...x1xT>` constant of rank `rank` holding `value`, for
/// broadcasting against a rank-`rank` tensor.
Value createScalar(OpBuilder &builder, Location loc, Type elementType,
                   double value, int64_t rank);

/// A constant of `type` filled with `value`.
Value createSplat(OpBuilder &builder, Location loc, RankedTensorType type,
                  double value);

/// `tosa.reshape` of `value` to `shape` (same element type).
Value createReshape(OpBuilder &builder, Location loc, Value value,
                    ArrayRef<int64_t> shape);

/// Reshapes `value` to `rank` by adding leading unit dimensions.
Value expandToRank(OpBuilder &builder, Location loc, Value value, int64_t rank);

/// A `tosa.mul` (shift 0) with broadcasting to `type`.
Value createMul(OpBuilder &builder, Location loc, RankedTensorType type,
                Value lhs, Value rhs);

/// A linalg.generic computing `type` element by element from `operands`
/// (broadcast as TFLite broadcasts: leading unit dimensions added, unit
/// dimensions stretched); `body` maps the operands' scalars to the result's.
Value createElementwiseGeneric(
    OpBuilder &builder, Location loc, RankedTensorType type,
    ValueRange operands,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// Float division `lhs / rhs` with TFLite's broadcasting, as a
/// linalg.generic: TOSA has no float division, and multiplying by a
/// reciprocal differs from TFLite's quotient in the last bit.
Value createFloatDivide(OpBuilder &builder, Location loc, RankedTensorType type,
                        Value lhs, Value rhs);

/// A sum over some axes of a tensor and the number of elements it adds up.
struct ReducedSum {
  Value value;
  int64_t count = 1;
};

/// Sums `value` over TFLite's `axes` (negative ones count from the end;
/// repeats allowed) with tosa.reduce_sum, after merging each run of adjacent
/// reduced axes into one. The result keeps a unit dimension per merged run;
/// reshape it to the op's result. Fails on an axis out of range.
FailureOr<ReducedSum> createReduceSum(OpBuilder &builder, Location loc,
                                      Value value, ArrayRef<int64_t> axes);

/// The integer values of a constant operand (mint.const or tosa.const).
FailureOr<SmallVector<int64_t>> getConstantInts(Value value);

/// Padding and input crop of one spatial dimension of a window op, fitted to
/// TOSA's rule that (input - 1 + padding - (kernel - 1) * dilation) is a
/// multiple of the stride: TFLite's trailing rows that no window reaches are
/// dropped from the padding first, then from the input (`inputSize`).
struct WindowDim {
  int64_t padBefore = 0;
  int64_t padAfter = 0;
  int64_t inputSize = 0;
  int64_t outputSize = 0;
};

/// TFLite's SAME/VALID rule for one spatial dimension.
WindowDim computeWindow(Padding padding, int64_t inputSize, int64_t kernel,
                        int64_t stride, int64_t dilation);

/// Crops `input` (NHWC) to `height` x `width` when a window dropped rows or
/// columns; returns `input` itself otherwise.
Value cropSpatial(OpBuilder &builder, Location loc, Value input, int64_t height,
                  int64_t width);

/// The input of a window op (convolution, pool) cropped as TOSA needs it,
/// with TOSA's pad, stride and dilation attributes for TFLite's padding.
struct WindowAttrs {
  Value input;
  DenseI64ArrayAttr pad, stride, dilation;
};

/// Computes WindowAttrs for an NHWC `input` and a kernel of `kernelH` x
/// `kernelW`.
WindowAttrs prepareWindow(OpBuilder &builder, Location loc, Value input,
                          Padding padding, int64_t kernelH, int64_t kernelW,
                          int64_t strideH, int64_t strideW,
                          int64_t dilationH = 1, int64_t dilationW = 1);

/// TFLite's transposed convolution (weights [O, KH, KW, I]) as
/// tosa.transpose_conv2d into `resultType` (whose element type is the
/// accumulator's), with `bias` (or zeros) and the input zero point; TFLite's
/// padding becomes TOSA's negative output padding. Defined in
/// ConvToTosa.cpp.
FailureOr<Value> lowerTransposeConv(ConversionPatternRewriter &rewriter,
                                    Operation *op, RankedTensorType resultType,
                                    Value input, Value weights, Value bias,
                                    int64_t inputZp, Padding padding,
                                    int64_t strideH, int64_t strideW);

/// Applies a TFLite fused activation to a float `value`; fails (with a
/// match-failure note) on SIGN_BIT, which TFLite itself never implemented.
FailureOr<Value> applyFloatActivation(ConversionPatternRewriter &rewriter,
                                      Operation *op, Value value,
                                      ActivationFunctionType activation);

/// The converted static result type of `op`'s result `index`, or failure
/// with a note when the shape is dynamic.
FailureOr<RankedTensorType>
getStaticResultType(ConversionPatternRewriter &rewriter,
                    const TypeConverter &typeConverter, Operation *op,
                    unsigned index = 0);

/// True if `type` has a float element type (f32 or f16).
bool isFloatTensor(Type type);

//===----------------------------------------------------------------------===//
// Integer arithmetic as TFLite's built-in kernels do it
//===----------------------------------------------------------------------===//

/// A real multiplier as TFLite stores it: `multiplier` * 2^(`shift` - 31),
/// with `multiplier` in [2^30, 2^31) (QuantizeMultiplier).
struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int shift = 0;
};

/// TFLite's QuantizeMultiplier: frexp, round the mantissa to 31 bits.
QuantizedMultiplier quantizeMultiplier(double realMultiplier);

/// TFLite's rounding of a float to the nearest integer, halves away from
/// zero (TfLiteRound).
int64_t roundHalfAwayFromZero(double value);

/// The scale of `type` as TFLite holds it (a float), widened to double for
/// multiplier arithmetic.
double getTFLiteScale(quant::UniformQuantizedType type);

/// The multiplier that requantizes from `from` to `to` (TFLite's
/// input scale / output scale), quantized as TFLite does.
QuantizedMultiplier getRequantizeMultiplier(quant::UniformQuantizedType from,
                                            quant::UniformQuantizedType to);

/// The uniform quantized per-tensor type of `type`'s elements, if any.
quant::UniformQuantizedType getQuantizedType(Type type);

/// `tosa.rescale` of `input` to `type` by `multipliers` (one per channel of
/// the last dimension, or one for all): TFLite's MultiplyByQuantizedMultiplier
/// with its double rounding (32-bit multipliers, TOSA shift = 31 - TFLite
/// shift), after subtracting `inputZp` and before adding `outputZp`.
/// `rounding` SINGLE_ROUND rounds (x * multiplier) / 2^(31 - shift) once,
/// halves up, as TFLite's int16 ADD and SUB do.
Value createRescale(
    OpBuilder &builder, Location loc, RankedTensorType type, Value input,
    ArrayRef<QuantizedMultiplier> multipliers, int64_t inputZp,
    int64_t outputZp,
    tosa::RoundingMode rounding = tosa::RoundingMode::DOUBLE_ROUND);

/// The same with 16-bit multipliers and single rounding, as TFLite's int64
/// MultiplyByQuantizedMultiplier (the int16x8 kernels) computes: the
/// multiplier rounded to 16 bits, the sum shifted right with rounding.
Value createRescale16(OpBuilder &builder, Location loc, RankedTensorType type,
                      Value input, ArrayRef<QuantizedMultiplier> multipliers,
                      int64_t outputZp);

/// TFLite's MultiplyByQuantizedMultiplier (gemmlowp's scalar rounding) on
/// an i32 scalar, for use inside linalg bodies where a tosa.rescale would
/// round ties differently after a left shift.
Value emitMultiplyByQuantizedMultiplier(OpBuilder &builder, Location loc,
                                        Value value,
                                        QuantizedMultiplier multiplier);

/// TFLite's generic_int16_table_lookup of an i32 scalar `value` in
/// [-32768, 32767] in a 513-entry i16 `table` tensor: linear interpolation
/// between entries 256 + (value >> 7) and the next, rounded; an i32 result.
Value emitInt16TableLookup(OpBuilder &builder, Location loc, Value value,
                           Value table);

/// Inside a linalg.generic over all dimensions of `shape`: the row-major
/// flat index of the current element.
Value emitFlatIndex(OpBuilder &builder, Location loc, ArrayRef<int64_t> shape);

/// An i32 tensor requantized per channel (last dimension) as TFLite's
/// x86 kernels do it (its x86 build runs its NEON code through NEON_2_SSE):
/// channels below `neonChannels` as the NEON code rounds (the doubling high
/// multiply and the right shift each round halves up), the others through
/// gemmlowp's scalar code (half-up doubling high multiply, right shift rounding
/// halves away from zero). An i32 result, before the output zero point.
Value createTFLiteRequantize(OpBuilder &builder, Location loc, Value input,
                             ArrayRef<QuantizedMultiplier> multipliers,
                             int64_t neonChannels);

/// The clamp bounds that TFLite gives a quantized output with fused
/// `activation` (CalculateActivationRangeQuantized), in stored integers.
std::pair<int64_t, int64_t>
getQuantizedActivationRange(ActivationFunctionType activation,
                            quant::UniformQuantizedType type);

/// True if TFLite runs int16 ADD or SUB `op` through its power-of-two path:
/// pot_scale_int16 set, every scale a power of two and every zero point 0.
bool usesPowerOfTwoInt16Path(Operation *op);

/// Clamps an integer `value` of quantized type `type` to the range of the
/// fused `activation` (nothing when that is the storage type's range).
Value applyQuantizedActivation(OpBuilder &builder, Location loc, Value value,
                               ActivationFunctionType activation,
                               quant::UniformQuantizedType type);

/// Clamps an integer `value` to [low, high] unless that is the whole range
/// of its storage type.
Value createIntegerClamp(OpBuilder &builder, Location loc, Value value,
                         quant::UniformQuantizedType type, int64_t low,
                         int64_t high);

/// One axis of tosa.resize: input coordinate = (out * d + offset) / n.
struct ResizeAxis {
  int64_t n, d, offset, border;
};

/// TFLite's coordinate rule for one axis, as TOSA's rational scale. For
/// NEAREST, TOSA rounds half up where TFLite floors (unless aligning
/// corners), and floor(x) = roundHalfUp(x - 1/2): the offset shifts by n/2.
ResizeAxis computeResizeAxis(int64_t inputSize, int64_t outputSize,
                             bool alignCorners, bool halfPixel, bool nearest);

} // namespace mlir::mint::tosa_lowering

#endif // MINT_LIB_CONVERSION_MINTTOTOSA_TOSABUILDERS_H
