//===- QuantizedConstants.h - Quantize and dequantize constants -*- C++ -*-===//
//
// Element-wise conversion of constant tensors between float values and the
// stored integers of a uniform quantized type, per tensor or per axis, with
// TFLite's arithmetic (float division and round-half-away-from-zero when
// quantizing; (q - zero_point) * scale in double when dequantizing). Used by
// the folders of mint.quantize / mint.dequantize, by mint-fold-f16-weights
// and by the quantizer.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_QUANTIZEDCONSTANTS_H
#define MINT_DIALECT_MINT_IR_QUANTIZEDCONSTANTS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::mint {

/// Quantizes float `values` to `quantizedType` (a ranked tensor of a
/// uniform quantized element type with the values' shape) and returns the
/// stored integers, typed with the storage type. Returns null when the types
/// do not fit.
DenseElementsAttr quantizeConstant(DenseFPElementsAttr values,
                                   RankedTensorType quantizedType);

/// Dequantizes the stored integers `storage` of a tensor of
/// `quantizedType` into `floatType` (f32 or f16) values. Returns null when
/// the types do not fit.
DenseElementsAttr dequantizeConstant(DenseIntElementsAttr storage,
                                     RankedTensorType quantizedType,
                                     FloatType floatType);

/// Converts float constant `values` to `floatType` (exact when widening,
/// round-to-nearest-even when narrowing).
DenseElementsAttr convertFloatConstant(DenseFPElementsAttr values,
                                       FloatType floatType);

/// The grid TFLite's FAKE_QUANT rounds to: [min, max] over the integers
/// [0 (1 with narrow_range), 2^bits - 1], nudged so that zero is a grid
/// point (the zero point from min rounded halves away from zero), in float
/// as its NudgeQuantizationRange computes it.
struct FakeQuantGrid {
  float min = 0.0f;
  float max = 0.0f;
  float scale = 1.0f;

  static FakeQuantGrid get(float min, float max, int64_t numBits,
                           bool narrowRange);

  /// `value` clamped to the grid and rounded to it (halves away from zero),
  /// as TFLite's FakeQuantizeArray does.
  float apply(float value) const;
};

} // namespace mlir::mint

#endif // MINT_DIALECT_MINT_IR_QUANTIZEDCONSTANTS_H
