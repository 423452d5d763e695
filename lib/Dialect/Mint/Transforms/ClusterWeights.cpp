//===- ClusterWeights.cpp - k-means weight clustering ---------------------===//
//
// Implements `mint-cluster`: each weight of a convolution or fully
// connected layer is replaced by the nearest of a few centroids found by
// k-means over the layer's (or an output channel's) non-zero weights.
// Zeros stay zero, so clustering a pruned model keeps its sparsity.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "FloatWeights.h"
#include "mint/Dialect/Mint/Transforms/KMeans.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/FormatVariadic.h"

#include <numeric>

namespace mlir::mint {
#define GEN_PASS_DEF_CLUSTERPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {

struct ClusterPass : mint::impl::ClusterPassBase<ClusterPass> {
  using ClusterPassBase::ClusterPassBase;

  /// Clusters the non-zero values at `indices` of `values` in place.
  void cluster(SmallVectorImpl<float> &values, ArrayRef<int64_t> indices,
               uint64_t groupSeed) {
    SmallVector<float> group;
    SmallVector<int64_t> positions;
    for (int64_t index : indices) {
      if (values[index] == 0.0f) {
        // -0.0 too: stored as +0.0, a zero that sparse storage drops.
        values[index] = 0.0f;
        continue;
      }
      group.push_back(values[index]);
      positions.push_back(index);
    }
    KMeansResult result =
        clusterValues(group, clusters, init, groupSeed, iterations);
    for (auto [position, assignment] : llvm::zip(positions, result.assignments))
      values[position] = result.centroids[assignment];
  }

  void runOnOperation() override {
    if (clusters < 1) {
      emitError(getOperation().getLoc())
          << "mint-cluster: clusters must be at least 1, got "
          << static_cast<int64_t>(clusters);
      return signalPassFailure();
    }
    OpBuilder builder(&getContext());
    llvm::DenseSet<Operation *> visited;
    uint64_t layer = 0;
    getOperation().walk([&](AffineQuantizedOpInterface affine) {
      Operation *op = affine.getOperation();
      auto skip = [&](const Twine &reason) {
        op->setAttr(kClusterSkippedAttrName,
                    StringAttr::get(&getContext(), reason));
        ++numSkipped;
      };
      unsigned index = affine.getWeightOperandIndex();
      std::string reason;
      std::optional<FloatConstant> weight = getRewritableWeight(
          affine, visited, minElements, "clustered", reason);
      if (!weight)
        return skip(reason);
      int64_t size = weight->values.size();
      // Each layer (and channel) draws from its own stream of the seed.
      uint64_t layerSeed = seed * 0x100000001B3ULL + (++layer << 20);
      if (!perChannel) {
        SmallVector<int64_t> all(size);
        std::iota(all.begin(), all.end(), 0);
        cluster(weight->values, all, layerSeed);
      } else {
        // Output channels: dimension 0, or the last of a depthwise weight.
        bool depthwise = isa<DepthwiseConv2DOp>(op);
        int64_t channels =
            depthwise ? weight->shape.back() : weight->shape.front();
        int64_t perChannelSize = size / channels;
        for (int64_t c = 0; c < channels; ++c) {
          SmallVector<int64_t> indices;
          for (int64_t i = 0; i < perChannelSize; ++i)
            indices.push_back(depthwise ? i * channels + c
                                        : c * perChannelSize + i);
          cluster(weight->values, indices, layerSeed + c);
        }
      }
      replaceWithConstant(builder, op, index, *weight);
      ++numClustered;
    });
  }
};

} // namespace
