//===- FuseActivations.cpp - Fuse activations into producers --------------===//
//
// Implements `mint-fuse-activations`: a standalone RELU, RELU6 or
// RELU_N1_TO_1 becomes the fused_activation_function of the op producing
// its input, read and set through FusedActivationOpInterface; the producer
// takes the activation's location (its tensor name).
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "PatternDriver.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::mint {
#define GEN_PASS_DEF_FUSEACTIVATIONSPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {
/// Fuses `ActivationOp` into its producer as `kActivation`.
template <typename ActivationOp, ActivationFunctionType kActivation>
struct FuseActivationIntoProducer : OpRewritePattern<ActivationOp> {
  using OpRewritePattern<ActivationOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(ActivationOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    auto producer = input.getDefiningOp<FusedActivationOpInterface>();
    if (!producer)
      return rewriter.notifyMatchFailure(
          op, "input is not produced by an op with a fused activation");
    if (producer.getFusedActivation() != ActivationFunctionType::None)
      return rewriter.notifyMatchFailure(op, "producer has an activation");
    if (producer->getNumResults() != 1 || !input.hasOneUse())
      return rewriter.notifyMatchFailure(op, "producer result has other uses");
    Type resultType = op.getType();
    if (input.getType() != resultType &&
        producer
            ->template hasTrait<OpTrait::mint::SameOperandsAndResultsScale>())
      return rewriter.notifyMatchFailure(
          op, "fusing would change the scale of a same-scale producer");
    // The producer now computes the activation's tensor, and takes its
    // name (TFLite's converter names fused outputs so too).
    rewriter.modifyOpInPlace(producer, [&] {
      producer.setFusedActivation(kActivation);
      producer->getResult(0).setType(resultType);
      producer->setLoc(op.getLoc());
    });
    rewriter.replaceOp(op, producer->getResult(0));
    return success();
  }
};

struct FuseActivationsPass
    : mint::impl::FuseActivationsPassBase<FuseActivationsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFuseActivationsPatterns(patterns);
    if (failed(
            applyPatternsWithoutFolding(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace

void mlir::mint::populateFuseActivationsPatterns(RewritePatternSet &patterns) {
  patterns
      .add<FuseActivationIntoProducer<ReluOp, ActivationFunctionType::Relu>,
           FuseActivationIntoProducer<Relu6Op, ActivationFunctionType::Relu6>,
           FuseActivationIntoProducer<ReluN1To1Op,
                                      ActivationFunctionType::ReluN1To1>>(
          patterns.getContext());
}
