//===- TFLiteKernels.cpp - Scalar models of TFLite's integer kernels ------===//
//
// Implements TFLiteKernels.h. The arithmetic follows TFLite's kernels and
// gemmlowp's fixed-point helpers as documented there; every model is checked
// against the TFLite interpreter by the per-op tests in
// test/Runtime/Ops/Quantized.
//
//===----------------------------------------------------------------------===//

#include "TFLiteKernels.h"

#include "TosaBuilders.h"

#include "mlir/Support/LLVM.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::tflite_kernels;

int32_t tflite_kernels::saturatingRoundingDoublingHighMul(int32_t a,
                                                          int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min())
    return std::numeric_limits<int32_t>::max();
  int64_t product = static_cast<int64_t>(a) * b;
  int64_t nudge = product >= 0 ? (1LL << 30) : (1 - (1LL << 30));
  // C++ division truncates toward zero, as gemmlowp relies on.
  return static_cast<int32_t>((product + nudge) / (1LL << 31));
}

int32_t tflite_kernels::roundingDivideByPOT(int32_t x, int exponent) {
  if (exponent >= 32) {
    int32_t threshold = -1 + (x < 0 ? 1 : 0);
    return (x >> (exponent & 31)) + (x > threshold ? 1 : 0);
  }
  int32_t mask = static_cast<int32_t>((1LL << exponent) - 1);
  int32_t remainder = x & mask;
  int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

int32_t tflite_kernels::multiplyByQuantizedMultiplier(int32_t x,
                                                      int32_t multiplier,
                                                      int shift) {
  int leftShift = shift > 0 ? shift : 0;
  int rightShift = shift > 0 ? 0 : -shift;
  return roundingDivideByPOT(
      saturatingRoundingDoublingHighMul(
          static_cast<int32_t>(static_cast<int64_t>(x) * (1LL << leftShift)),
          multiplier),
      rightShift);
}

namespace {

/// The 16-bit forms of gemmlowp's helpers that TFLite's HARD_SWISH uses.
int16_t saturatingRoundingDoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min())
    return std::numeric_limits<int16_t>::max();
  int32_t product = static_cast<int32_t>(a) * b;
  int32_t nudge = product >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((product + nudge) / (1 << 15));
}

/// As above but truncating toward zero (ARM's SQDMULH).
int16_t saturatingDoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min())
    return std::numeric_limits<int16_t>::max();
  return static_cast<int16_t>(static_cast<int32_t>(a) * b / (1 << 15));
}

int16_t saturatingLeftShift16(int16_t value, int amount) {
  int64_t result = static_cast<int64_t>(value) * (1 << amount);
  return static_cast<int16_t>(
      std::clamp<int64_t>(result, std::numeric_limits<int16_t>::min(),
                          std::numeric_limits<int16_t>::max()));
}

/// TFLite's DownScaleInt32ToInt16Multiplier.
int16_t downScaleMultiplier(int32_t multiplier) {
  constexpr int32_t kRoundingOffset = 1 << 15;
  if (multiplier >= std::numeric_limits<int32_t>::max() - kRoundingOffset)
    return std::numeric_limits<int16_t>::max();
  return static_cast<int16_t>((multiplier + kRoundingOffset) >> 16);
}

/// Evaluates `kernel` on every int8 storage value.
template <typename Kernel> Table tabulate(Kernel kernel) {
  Table table;
  for (int32_t value = -128; value <= 127; ++value)
    table.push_back(std::clamp<int32_t>(kernel(value), -128, 127));
  return table;
}

/// Evaluates `kernel` on every int16 storage value, in order.
template <typename Kernel> SmallVector<int16_t> tabulateInt16(Kernel kernel) {
  SmallVector<int16_t> table;
  table.reserve(65536);
  for (int32_t value = -32768; value <= 32767; ++value)
    table.push_back(static_cast<int16_t>(kernel(value)));
  return table;
}

/// TFLite's int8 LOGISTIC/TANH table: dequantize, apply, quantize.
template <typename Function>
Table buildFloatTable(quant::UniformQuantizedType input,
                      quant::UniformQuantizedType output, Function function) {
  float inScale = static_cast<float>(input.getScale());
  float outInverse = 1.0f / static_cast<float>(output.getScale());
  int32_t inZp = input.getZeroPoint(), outZp = output.getZeroPoint();
  return tabulate([&](int32_t value) {
    float dequantized = inScale * static_cast<float>(value - inZp);
    float rescaled = std::round(function(dequantized) * outInverse);
    return static_cast<int32_t>(rescaled + outZp);
  });
}

} // namespace

Table tflite_kernels::buildLogisticTable(quant::UniformQuantizedType input,
                                         quant::UniformQuantizedType output) {
  return buildFloatTable(input, output,
                         [](float x) { return 1.0f / (1.0f + std::exp(-x)); });
}

Table tflite_kernels::buildTanhTable(quant::UniformQuantizedType input,
                                     quant::UniformQuantizedType output) {
  return buildFloatTable(input, output, [](float x) { return std::tanh(x); });
}

Table tflite_kernels::buildHardSwishTable(quant::UniformQuantizedType input,
                                          quant::UniformQuantizedType output) {
  // The parameters, prepared in float as TFLite's HardSwishPrepare does.
  float hiresInputScale =
      (1.0f / 128.0f) * static_cast<float>(input.getScale());
  float reluishScale = 3.0f / 32768.0f;
  tosa_lowering::QuantizedMultiplier outputMultiplier =
      tosa_lowering::quantizeMultiplier(hiresInputScale /
                                        static_cast<float>(output.getScale()));
  tosa_lowering::QuantizedMultiplier reluishMultiplier =
      tosa_lowering::quantizeMultiplier(hiresInputScale / reluishScale);
  int16_t outputFixed = downScaleMultiplier(outputMultiplier.multiplier);
  int16_t reluishFixed = downScaleMultiplier(reluishMultiplier.multiplier);
  int reluishExponent = reluishMultiplier.shift;
  int outputExponent = outputMultiplier.shift;
  int32_t inZp = input.getZeroPoint(), outZp = output.getZeroPoint();

  return tabulate([&](int32_t value) -> int32_t {
    int16_t centered = static_cast<int16_t>(value - inZp);
    int16_t hires = static_cast<int16_t>(centered * (1 << 7));
    int16_t preshiftOutput =
        saturatingRoundingDoublingHighMul16(hires, outputFixed);
    // The "reluish" factor: x rescaled so that 3.0 is 32768, saturating,
    // then mapped from [-1, 1] to [0, 1].
    int16_t reluish = hires;
    if (reluishExponent > 0)
      reluish = saturatingLeftShift16(reluish, reluishExponent - 1);
    reluish = saturatingRoundingDoublingHighMul16(reluish, reluishFixed);
    if (reluishExponent > 0)
      reluish = saturatingLeftShift16(reluish, 1);
    if (reluishExponent < 0)
      reluish =
          static_cast<int16_t>(roundingDivideByPOT(reluish, -reluishExponent));
    reluish = static_cast<int16_t>((reluish + (1 << 15)) >> 1);
    int16_t preshift = saturatingDoublingHighMul16(reluish, preshiftOutput);
    int32_t result = roundingDivideByPOT(preshift, -outputExponent);
    return result + outZp;
  });
}

namespace {

/// TFLite's quantized LEAKY_RELU on one stored value: one requantization
/// for x >= 0 and one, scaled by alpha, for x < 0 (multipliers prepared in
/// float, as TFLite does), clamped to [low, high].
struct LeakyReluKernel {
  LeakyReluKernel(quant::UniformQuantizedType input,
                  quant::UniformQuantizedType output, float alpha) {
    float inScale = static_cast<float>(input.getScale());
    float outScale = static_cast<float>(output.getScale());
    identity = tosa_lowering::quantizeMultiplier(inScale / outScale);
    scaled = tosa_lowering::quantizeMultiplier(inScale * alpha / outScale);
    inZp = input.getZeroPoint();
    outZp = output.getZeroPoint();
    low = output.getStorageTypeMin();
    high = output.getStorageTypeMax();
  }

  int32_t operator()(int32_t value) const {
    int32_t centered = value - inZp;
    const tosa_lowering::QuantizedMultiplier &multiplier =
        centered >= 0 ? identity : scaled;
    int64_t result =
        outZp + multiplyByQuantizedMultiplier(centered, multiplier.multiplier,
                                              multiplier.shift);
    return static_cast<int32_t>(std::clamp<int64_t>(result, low, high));
  }

  tosa_lowering::QuantizedMultiplier identity, scaled;
  int32_t inZp, outZp;
  int64_t low, high;
};

} // namespace

Table tflite_kernels::buildLeakyReluTable(quant::UniformQuantizedType input,
                                          quant::UniformQuantizedType output,
                                          float alpha) {
  return tabulate(LeakyReluKernel(input, output, alpha));
}

SmallVector<int16_t>
tflite_kernels::buildInt16LeakyReluTable(quant::UniformQuantizedType input,
                                         quant::UniformQuantizedType output,
                                         float alpha) {
  return tabulateInt16(LeakyReluKernel(input, output, alpha));
}

namespace {

/// The number of leading zero bits of a 32-bit value (32 for 0).
int countLeadingZeros(uint32_t value) {
  return value ? __builtin_clz(value) : 32;
}

/// TFLite's CountLeadingSignBits for int32.
int countLeadingSignBits(int32_t value) {
  if (value >= 0)
    return countLeadingZeros(static_cast<uint32_t>(value)) - 1;
  if (value == std::numeric_limits<int32_t>::min())
    return 0;
  return countLeadingZeros(2 * static_cast<uint32_t>(-value) - 1);
}

/// gemmlowp's saturating multiplication by 2^exponent (exponent > 0).
int32_t saturatingLeftShift(int32_t value, int exponent) {
  int32_t threshold = (1 << (31 - exponent)) - 1;
  if (value > threshold)
    return std::numeric_limits<int32_t>::max();
  if (value < -threshold)
    return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(static_cast<uint32_t>(value) << exponent);
}

/// gemmlowp's RoundingHalfSum.
int32_t roundingHalfSum(int32_t a, int32_t b) {
  int64_t sum = static_cast<int64_t>(a) + b;
  int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

/// Wrapping 32-bit addition (gemmlowp adds raw values).
int32_t wrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) +
                              static_cast<uint32_t>(b));
}

/// gemmlowp's one_over_one_plus_x_for_x_in_0_1 on raw Q0.31 values:
/// Newton-Raphson from 48/17 - 32/17 x in Q2.29, three steps.
int32_t oneOverOnePlusX(int32_t a) {
  constexpr int32_t kOne2 = 1 << 29;
  int32_t halfDenominator =
      roundingHalfSum(a, std::numeric_limits<int32_t>::max());
  int32_t x = wrappingAdd(1515870810, saturatingRoundingDoublingHighMul(
                                          halfDenominator, -1010580540));
  for (int i = 0; i < 3; ++i) {
    int32_t product = saturatingRoundingDoublingHighMul(halfDenominator, x);
    int32_t oneMinus = wrappingAdd(kOne2, -product);
    x = wrappingAdd(x, saturatingLeftShift(
                           saturatingRoundingDoublingHighMul(x, oneMinus), 2));
  }
  return saturatingLeftShift(x, 1);
}

/// TFLite's GetReciprocal for a positive x with 31 integer digits.
int32_t getReciprocal(int32_t x, int *bitsOverUnit) {
  int headroomPlusOne = countLeadingZeros(static_cast<uint32_t>(x));
  *bitsOverUnit = 31 - headroomPlusOne;
  int32_t shiftedMinusOne = static_cast<int32_t>(
      (static_cast<uint32_t>(x) << headroomPlusOne) - (1u << 31));
  return oneOverOnePlusX(shiftedMinusOne);
}

} // namespace

SmallVector<int8_t> tflite_kernels::buildDivTable(
    quant::UniformQuantizedType lhs, quant::UniformQuantizedType rhs,
    quant::UniformQuantizedType output, int64_t low, int64_t high) {
  float lhsScale = static_cast<float>(lhs.getScale());
  float rhsScale = static_cast<float>(rhs.getScale());
  float outScale = static_cast<float>(output.getScale());
  tosa_lowering::QuantizedMultiplier multiplier =
      tosa_lowering::quantizeMultiplier(lhsScale / (rhsScale * outScale));
  int32_t lhsZp = lhs.getZeroPoint(), rhsZp = rhs.getZeroPoint();
  int32_t outZp = output.getZeroPoint();
  SmallVector<int8_t> table;
  table.reserve(256 * 256);
  for (int32_t a = -128; a <= 127; ++a) {
    for (int32_t b = -128; b <= 127; ++b) {
      int32_t numerator = a - lhsZp;
      int32_t denominator = b - rhsZp;
      int64_t result;
      if (denominator == 0) {
        result = numerator >= 0 ? high : low;
      } else {
        if (denominator < 0) {
          numerator = -numerator;
          denominator = -denominator;
        }
        int reciprocalShift;
        int32_t reciprocal = getReciprocal(denominator, &reciprocalShift);
        int headroom = countLeadingSignBits(numerator);
        int32_t quotient = saturatingRoundingDoublingHighMul(
            static_cast<int32_t>(static_cast<uint32_t>(numerator) << headroom),
            reciprocal);
        // The shift is a right shift for any int8 scales TFLite accepts.
        int totalShift =
            std::min(multiplier.shift - reciprocalShift - headroom, 0);
        result =
            outZp + roundingDivideByPOT(saturatingRoundingDoublingHighMul(
                                            quotient, multiplier.multiplier),
                                        -totalShift);
      }
      table.push_back(static_cast<int8_t>(std::clamp(result, low, high)));
    }
  }
  return table;
}

namespace {

/// sigmoid(i / 24) in unsigned 0.16 fixed point, i = 0..255, as TFLite
/// publishes it (its entries differ from the rounded function in places,
/// and the results follow the published numbers).
constexpr uint16_t kSigmoidTable[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498,
    40149, 40794, 41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255,
    46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409, 51865,
    52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174,
    56503, 56823, 57133, 57433, 57724, 58007, 58280, 58544, 58800, 59048, 59288,
    59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110, 61279, 61441,
    61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886,
    62990, 63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835,
    63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450,
    64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845,
    64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079, 65097,
    65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258,
    65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360,
    65367, 65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425,
    65429, 65433, 65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465,
    65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
    65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504, 65505, 65507, 65508,
    65509, 65510, 65511, 65512, 65513, 65514, 65515, 65516, 65517, 65517, 65518,
    65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524, 65525,
    65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529,
    65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531, 65531, 65531, 65531,
    65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533, 65533, 65533,
    65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
    65534, 65534, 65535,
};

/// TFLite's input rescaling for its int16 LOGISTIC and TANH lookups (to
/// 1 / (3 * 4096) per unit): multiplier and right shift, or failure where
/// TFLite takes its power-of-two path.
FailureOr<std::pair<int32_t, int32_t>>
getInt16LookupScaling(quant::UniformQuantizedType input) {
  float scale = static_cast<float>(input.getScale());
  int exponent;
  if (std::frexp(scale, &exponent) == 0.5f) {
    // scale = 2^(exponent - 1); TFLite's shift (15 - 3) + log2(scale).
    int leftShift = 12 + (exponent - 1);
    if (leftShift == 0 || leftShift == 1)
      return failure();
  }
  double multiplier = static_cast<double>(scale) * 4096.0 * 3.0;
  int32_t shift = 0;
  while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
    ++shift;
    multiplier *= 2.0;
  }
  return std::make_pair(static_cast<int32_t>(multiplier), shift);
}

/// TFLite's interpolation in kSigmoidTable: `magnitude` above its low
/// `fractionBits` bits indexes the table, those bits weight the next entry;
/// `saturated` past the table's end.
uint32_t interpolateSigmoid(uint32_t magnitude, int fractionBits,
                            uint32_t saturated) {
  uint32_t high = magnitude >> fractionBits;
  if (high >= 255)
    return saturated;
  uint32_t lower = kSigmoidTable[high], upper = kSigmoidTable[high + 1];
  uint32_t fraction = magnitude & ((1u << fractionBits) - 1);
  return (lower << fractionBits) + fraction * (upper - lower);
}

/// The input rescaled as TFLite's int16 lookups do.
int32_t rescaleLookupInput(int32_t value, int32_t multiplier, int32_t shift) {
  int32_t round = shift > 0 ? 1 << (shift - 1) : 0;
  return (value * multiplier + round) >> shift;
}

} // namespace

SmallVector<int16_t>
tflite_kernels::buildInt16LogisticTable(quant::UniformQuantizedType input) {
  FailureOr<std::pair<int32_t, int32_t>> scaling = getInt16LookupScaling(input);
  if (failed(scaling))
    return {};
  return tabulateInt16([&](int32_t value) {
    int32_t x = rescaleLookupInput(value, scaling->first, scaling->second);
    uint32_t result = interpolateSigmoid(static_cast<uint32_t>(std::abs(x)), 9,
                                         0x7FFFu << 10);
    result =
        x >= 0 ? result + (1u << 9) : (1u << (16 + 9)) - result + (1u << 9) - 1;
    return static_cast<int32_t>(result >> 10);
  });
}

SmallVector<int16_t>
tflite_kernels::buildInt16TanhTable(quant::UniformQuantizedType input) {
  FailureOr<std::pair<int32_t, int32_t>> scaling = getInt16LookupScaling(input);
  if (failed(scaling))
    return {};
  return tabulateInt16([&](int32_t value) {
    int32_t x = rescaleLookupInput(value, scaling->first, scaling->second);
    auto result = static_cast<int32_t>(interpolateSigmoid(
        static_cast<uint32_t>(std::abs(x)), 8, 0xFFFFu << 8));
    // tanh(x) = 2 sigmoid(2x) - 1.
    result = x >= 0 ? result - (1 << (14 + 9)) + (1 << (9 - 2))
                    : -result + (1 << (14 + 9)) + (1 << (9 - 2)) - 1;
    return result >> (9 - 1);
  });
}

SmallVector<int16_t>
tflite_kernels::generateInt16Lut(function_ref<double(double)> function,
                                 double inMin, double inMax, double outMin,
                                 double outMax) {
  constexpr int kSteps = 513;
  double step = (inMax - inMin) / (kSteps - 1);
  double halfStep = step / 2;
  double scaling = 65536.0 / (outMax - outMin);
  auto clampToTable = [](double value) {
    return static_cast<int16_t>(std::clamp(value, -32768.0, 32767.0));
  };
  SmallVector<int16_t> lut;
  for (int i = 0; i < kSteps - 1; ++i) {
    double value = function(inMin + i * step);
    double midpoint = function(inMin + i * step + halfStep);
    double next = function(inMin + (i + 1) * step);
    double sample = std::round(value * scaling);
    double interpolated =
        std::round((next * scaling + std::round(value * scaling)) / 2);
    double error = interpolated - std::round(midpoint * scaling);
    lut.push_back(clampToTable(sample - std::round(error / 2)));
  }
  lut.push_back(clampToTable(std::round(function(inMax) * scaling)));
  return lut;
}
