//===- MintToTosa.h - Lower mint ops to TOSA --------------------*- C++ -*-===//
//
// The mint → TOSA conversion: its pass, its type converter (quantized
// element types become their storage types) and its pattern sets, split by
// op family so that other pipelines can take the parts they need.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_CONVERSION_MINTTOTOSA_MINTTOTOSA_H
#define MINT_CONVERSION_MINTTOTOSA_MINTTOTOSA_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::mint {

#define GEN_PASS_DECL_MINTTOTOSAPASS
#include "mint/Conversion/Passes.h.inc"

/// Converts mint tensor types to the types TOSA computes on: a uniform
/// quantized element type becomes its storage type (i8, i16, i32); float
/// and integer types stay as they are.
class MintToTosaTypeConverter : public TypeConverter {
public:
  MintToTosaTypeConverter();
};

/// Convolutions, transposed convolutions, fully connected and pools.
void populateMintConvToTosaPatterns(const TypeConverter &typeConverter,
                                    RewritePatternSet &patterns);

/// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with float activations
/// and int8 weights, as TFLite's hybrid kernels compute them.
void populateMintHybridToTosaPatterns(const TypeConverter &typeConverter,
                                      RewritePatternSet &patterns);

/// Arithmetic, activations and softmax.
void populateMintElementwiseToTosaPatterns(const TypeConverter &typeConverter,
                                           RewritePatternSet &patterns);

/// Reshapes, concatenation, pads, slices, transposes, resizes, block
/// rearrangements and reductions.
void populateMintShapeToTosaPatterns(const TypeConverter &typeConverter,
                                     RewritePatternSet &patterns,
                                     const MintToTosaPassOptions &options = {});

/// Constants, quantize/dequantize and the known custom ops.
void populateMintGraphToTosaPatterns(const TypeConverter &typeConverter,
                                     RewritePatternSet &patterns);

/// The integer lowerings of quantized ops (convolutions, arithmetic,
/// pools, activations, QUANTIZE, DEQUANTIZE), bit-exact with TFLite's
/// built-in kernels (with `options.integerTarget`, with its reference
/// kernels' rounding, in TOSA's integer profile).
void populateMintQuantizedToTosaPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns,
    const MintToTosaPassOptions &options = {});

/// The quantized ops computed from tables (softmaxes, element-wise kernels
/// evaluated on every stored input, DIV), bit-exact with TFLite's built-in
/// kernels.
void populateMintQuantizedTablesToTosaPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns);

/// All of the above.
void populateMintToTosaConversionPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns,
    const MintToTosaPassOptions &options = {});

} // namespace mlir::mint

#endif // MINT_CONVERSION_MINTTOTOSA_MINTTOTOSA_H
