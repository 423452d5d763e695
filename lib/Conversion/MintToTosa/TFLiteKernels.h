//===- TFLiteKernels.h - Scalar models of TFLite's integer kernels -*- C++ -*-//
//
// TFLite's integer element-wise kernels computed one value at a time, the
// way its built-in kernels compute them (gemmlowp fixed point, TFLite's
// parameter preparation in float). The lowering evaluates them for every
// storage value of an 8-bit input and emits the results as a table, so a
// lookup reproduces the kernel bit for bit.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_LIB_CONVERSION_MINTTOTOSA_TFLITEKERNELS_H
#define MINT_LIB_CONVERSION_MINTTOTOSA_TFLITEKERNELS_H

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace mlir::mint::tflite_kernels {

/// gemmlowp's SaturatingRoundingDoublingHighMul on 32 bits.
int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b);

/// gemmlowp's RoundingDivideByPOT: a right shift rounding halves away from
/// zero. Exponents of 32 and more (which TFLite's DIV reaches) behave as
/// TFLite's x86 build runs them: the mask is all ones and the shift count
/// is taken modulo 32.
int32_t roundingDivideByPOT(int32_t x, int exponent);

/// TFLite's MultiplyByQuantizedMultiplier (the scalar, double-rounding
/// form) of `x` by `multiplier` * 2^(`shift` - 31).
int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift);

/// The outputs of an int8 element-wise kernel for the inputs -128..127, in
/// that order.
using Table = llvm::SmallVector<int64_t, 256>;

/// LOGISTIC and TANH: TFLite's int8 tables (dequantize, the float function,
/// quantize).
Table buildLogisticTable(quant::UniformQuantizedType input,
                         quant::UniformQuantizedType output);
Table buildTanhTable(quant::UniformQuantizedType input,
                     quant::UniformQuantizedType output);

/// HARD_SWISH: TFLite's 16-bit fixed-point kernel (input on a 2^-7 finer
/// scale, the "reluish" factor in [0, 1], truncating final multiply).
Table buildHardSwishTable(quant::UniformQuantizedType input,
                          quant::UniformQuantizedType output);

/// LEAKY_RELU: one requantization for x >= 0 and one, scaled by `alpha`,
/// for x < 0 (multipliers prepared in float, as TFLite does).
Table buildLeakyReluTable(quant::UniformQuantizedType input,
                          quant::UniformQuantizedType output, float alpha);

/// DIV of int8 tensors: TFLite's kernel (the divisor's reciprocal by
/// gemmlowp's Newton-Raphson, the quotient requantized by input1 scale /
/// (input2 scale * output scale)) for every pair of stored values, at
/// index (lhs + 128) * 256 + (rhs + 128), clamped to [low, high]. TFLite
/// stops with an error on a divisor equal to its zero point; the table
/// saturates toward the sign of the numerator there.
llvm::SmallVector<int8_t> buildDivTable(quant::UniformQuantizedType lhs,
                                        quant::UniformQuantizedType rhs,
                                        quant::UniformQuantizedType output,
                                        int64_t low, int64_t high);

/// int16 LOGISTIC and TANH: TFLite's interpolation in its 256-entry table of
/// sigmoid(i / 24), for every int16 input (index input + 32768). Empty when
/// TFLite would take its other path (a power-of-two input scale of 2^-12 or
/// 2^-11, computed with gemmlowp's fixed-point functions instead).
llvm::SmallVector<int16_t>
buildInt16LogisticTable(quant::UniformQuantizedType input);
llvm::SmallVector<int16_t>
buildInt16TanhTable(quant::UniformQuantizedType input);

/// int16 LEAKY_RELU: buildLeakyReluTable's kernel for every int16 input
/// (index input + 32768).
llvm::SmallVector<int16_t>
buildInt16LeakyReluTable(quant::UniformQuantizedType input,
                         quant::UniformQuantizedType output, float alpha);

/// TFLite's gen_lut for int16 lookups: `function` sampled at 513 points
/// over [inMin, inMax], scaled so that [outMin, outMax] spans 65536 steps,
/// each sample nudged by half the interpolation error at its midpoint.
llvm::SmallVector<int16_t>
generateInt16Lut(llvm::function_ref<double(double)> function, double inMin,
                 double inMax, double outMin, double outMax);

} // namespace mlir::mint::tflite_kernels

#endif // MINT_LIB_CONVERSION_MINTTOTOSA_TFLITEKERNELS_H
