//===- EqualizeWeights.cpp - Cross-layer equalization ---------------------===//
//
// Implements `mint-equalize-weights`: the cross-layer equalization of
// data-free quantization (Nagel et al., 2019). For two convolutions in a
// row, the first's output channel c can be scaled down by s_c and the
// second's input channel c up by s_c without changing the result, when
// what lies between commutes with positive scaling (nothing, or RELU).
// Choosing s_c = sqrt(r1_c / r2_c), with r1_c and r2_c the largest weight
// magnitudes of channel c in each layer, gives both the same range per
// channel, so per-channel int8 weights lose less in the channels that a
// per-tensor activation range squeezes.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "FloatWeights.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

#include <cmath>

namespace mlir::mint {
#define GEN_PASS_DEF_EQUALIZEWEIGHTSPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {

/// The channel of element `index` of a convolution weight: its output
/// channel (CONV_2D [O, KH, KW, I]: axis 0; DEPTHWISE_CONV_2D [1, KH, KW,
/// C]: axis 3) or its input channel (CONV_2D: axis 3; DEPTHWISE_CONV_2D
/// with multiplier 1: axis 3).
int64_t getChannel(Operation *op, const FloatConstant &weight, size_t index,
                   bool output) {
  if (isa<Conv2DOp>(op) && output)
    return index / (weight.values.size() / weight.shape[0]);
  return index % weight.shape.back();
}

/// Largest magnitude per channel.
SmallVector<double> getRanges(Operation *op, const FloatConstant &weight,
                              int64_t channels, bool output) {
  SmallVector<double> ranges(channels, 0.0);
  for (size_t i = 0; i < weight.values.size(); ++i) {
    int64_t channel = getChannel(op, weight, i, output);
    ranges[channel] =
        std::max<double>(ranges[channel], std::abs(weight.values[i]));
  }
  return ranges;
}

struct EqualizeWeightsPass
    : mint::impl::EqualizeWeightsPassBase<EqualizeWeightsPass> {
  using EqualizeWeightsPassBase::EqualizeWeightsPassBase;

  /// The pair (producer, consumer) if `consumer` reads a convolution that
  /// only it reads, through nothing or a fused RELU, both with float
  /// constant weights (and biases).
  static bool isPair(Operation *producer, Operation *consumer) {
    if (!isa<Conv2DOp, DepthwiseConv2DOp>(producer) ||
        !isa<Conv2DOp, DepthwiseConv2DOp>(consumer))
      return false;
    if (!producer->getResult(0).hasOneUse() ||
        consumer->getOperand(0) != producer->getResult(0))
      return false;
    ActivationFunctionType activation =
        cast<FusedActivationOpInterface>(producer).getFusedActivation();
    if (activation != ActivationFunctionType::None &&
        activation != ActivationFunctionType::Relu)
      return false;
    if (auto depthwise = dyn_cast<DepthwiseConv2DOp>(consumer);
        depthwise && depthwise.getDepthMultiplier() != 1)
      return false;
    if (auto depthwise = dyn_cast<DepthwiseConv2DOp>(producer);
        depthwise && depthwise.getDepthMultiplier() != 1)
      return false;
    return true;
  }

  void runOnOperation() override {
    SmallVector<std::pair<Operation *, Operation *>> pairs;
    getOperation().walk([&](Operation *consumer) {
      if (consumer->getNumOperands() == 0)
        return;
      Operation *producer = consumer->getOperand(0).getDefiningOp();
      if (producer && isPair(producer, consumer))
        pairs.emplace_back(producer, consumer);
    });
    OpBuilder builder(&getContext());
    for (unsigned sweep = 0; sweep < sweeps; ++sweep)
      for (auto [producer, consumer] : pairs)
        equalize(builder, producer, consumer);
    numPairs = pairs.size();
  }

  void equalize(OpBuilder &builder, Operation *producer, Operation *consumer) {
    std::optional<FloatConstant> first =
        readFloatConstant(producer->getOperand(1));
    std::optional<FloatConstant> second =
        readFloatConstant(consumer->getOperand(1));
    std::optional<FloatConstant> bias;
    if (producer->getNumOperands() > 2)
      bias = readFloatConstant(producer->getOperand(2));
    if (!first || !second ||
        (producer->getNumOperands() > 2 && !bias &&
         !producer->getOperand(2).getDefiningOp<NoValueOp>()))
      return;
    int64_t channels =
        cast<ShapedType>(producer->getResult(0).getType()).getShape().back();
    SmallVector<double> r1 = getRanges(producer, *first, channels, true);
    SmallVector<double> r2 = getRanges(consumer, *second, channels, false);
    SmallVector<double> scales(channels, 1.0);
    for (int64_t c = 0; c < channels; ++c)
      if (r1[c] > 0.0 && r2[c] > 0.0)
        scales[c] = std::sqrt(r1[c] / r2[c]);
    for (size_t i = 0; i < first->values.size(); ++i)
      first->values[i] /= scales[getChannel(producer, *first, i, true)];
    for (size_t i = 0; i < second->values.size(); ++i)
      second->values[i] *= scales[getChannel(consumer, *second, i, false)];
    if (bias)
      for (int64_t c = 0; c < channels; ++c)
        bias->values[c] /= scales[c];
    replaceWithConstant(builder, producer, 1, *first);
    replaceWithConstant(builder, consumer, 1, *second);
    if (bias)
      replaceWithConstant(builder, producer, 2, *bias);
  }
};

} // namespace
