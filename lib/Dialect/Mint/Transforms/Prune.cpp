//===- Prune.cpp - Magnitude pruning of weights ---------------------------===//
//
// Implements `mint-prune`: per layer, the smallest-magnitude weights (or
// blocks of weights, or all but the N largest of every M) of convolutions
// and fully connected layers become zero. Layers that are too small, do
// not fit the pattern, or whose weights pruning would change too much
// are left as they are, with the reason attached for the driver's report.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "FloatWeights.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Regex.h"

#include <cmath>
#include <numeric>

namespace mlir::mint {
#define GEN_PASS_DEF_PRUNEPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {

/// A parsed `pattern` option.
struct PrunePattern {
  enum class Kind { Unstructured, Block, NOfM } kind = Kind::Unstructured;
  /// Block: rows (output channels) x columns (innermost elements); N:M.
  int64_t first = 1, second = 1;

  static FailureOr<PrunePattern> parse(StringRef text) {
    PrunePattern pattern;
    if (text == "unstructured")
      return pattern;
    auto parsePair = [](StringRef text, char separator, int64_t &a,
                        int64_t &b) {
      auto [left, right] = text.split(separator);
      return !left.getAsInteger(10, a) && !right.getAsInteger(10, b) && a > 0 &&
             b > 0;
    };
    if (text.consume_front("block:")) {
      pattern.kind = Kind::Block;
      if (parsePair(text, 'x', pattern.first, pattern.second))
        return pattern;
      return failure();
    }
    pattern.kind = Kind::NOfM;
    if (parsePair(text, ':', pattern.first, pattern.second) &&
        pattern.first < pattern.second)
      return pattern;
    return failure();
  }
};

/// Indices of the `count` smallest of `scores` (ties: lower index first).
SmallVector<int64_t> getSmallest(ArrayRef<double> scores, int64_t count) {
  SmallVector<int64_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  auto less = [&](int64_t a, int64_t b) {
    return scores[a] < scores[b] || (scores[a] == scores[b] && a < b);
  };
  count = std::min<int64_t>(count, order.size());
  std::nth_element(order.begin(), order.begin() + count, order.end(), less);
  order.resize(count);
  return order;
}

struct PrunePass : mint::impl::PrunePassBase<PrunePass> {
  using PrunePassBase::PrunePassBase;

  struct ScheduleEntry {
    llvm::Regex regex;
    double sparsity;
  };

  LogicalResult parseOptions(PrunePattern &parsed,
                             SmallVectorImpl<ScheduleEntry> &entries) {
    FailureOr<PrunePattern> pattern = PrunePattern::parse(this->pattern);
    if (failed(pattern))
      return emitError(getOperation().getLoc())
             << "mint-prune: pattern '" << this->pattern
             << "' is not unstructured, block:RxC or N:M with N < M";
    parsed = *pattern;
    if (sparsity < 0.0 || sparsity >= 1.0)
      return emitError(getOperation().getLoc())
             << "mint-prune: sparsity " << static_cast<double>(sparsity)
             << " is not in [0, 1)";
    for (StringRef entry : schedule) {
      size_t equals = entry.rfind('=');
      double value = 0.0;
      std::string error;
      llvm::Regex regex(entry.substr(0, equals));
      if (equals == StringRef::npos ||
          entry.substr(equals + 1).getAsDouble(value) || value < 0.0 ||
          value >= 1.0 || !regex.isValid(error))
        return emitError(getOperation().getLoc())
               << "mint-prune: schedule entry '" << entry
               << "' is not REGEX=SPARSITY with a valid regex and 0 <= "
                  "SPARSITY < 1"
               << (error.empty() ? "" : ": ") << error;
      entries.push_back({std::move(regex), value});
    }
    return success();
  }

  /// Zeroes weights of `weight` (of `op`) by `pattern` at `target`
  /// sparsity; returns why it cannot, or an empty string.
  std::string prune(Operation *op, FloatConstant &weight,
                    const PrunePattern &pattern, double target) {
    int64_t size = weight.values.size();
    bool depthwise = isa<DepthwiseConv2DOp>(op);
    int64_t rows = weight.shape.front();
    int64_t inner = weight.shape.back();
    SmallVector<float> &values = weight.values;
    switch (pattern.kind) {
    case PrunePattern::Kind::Unstructured: {
      SmallVector<double> scores;
      for (float value : values)
        scores.push_back(std::abs(value));
      for (int64_t index : getSmallest(
               scores, std::llround(target * static_cast<double>(size))))
        values[index] = 0.0f;
      return {};
    }
    case PrunePattern::Kind::Block: {
      int64_t r = pattern.first, c = pattern.second;
      if (rows % r || inner % c)
        return llvm::formatv("its output channels or innermost dimension do "
                             "not divide into {0}x{1} blocks",
                             r, c)
            .str();
      int64_t middle = size / (rows * inner);
      // Blocks indexed by (row block, middle, column block).
      int64_t rowBlocks = rows / r, colBlocks = inner / c;
      auto forEachElement = [&](int64_t block, auto &&fn) {
        int64_t colBlock = block % colBlocks;
        int64_t mid = (block / colBlocks) % middle;
        int64_t rowBlock = block / (colBlocks * middle);
        for (int64_t i = 0; i < r; ++i)
          for (int64_t j = 0; j < c; ++j)
            fn(((rowBlock * r + i) * middle + mid) * inner + colBlock * c + j);
      };
      int64_t blocks = rowBlocks * middle * colBlocks;
      SmallVector<double> scores(blocks, 0.0);
      for (int64_t block = 0; block < blocks; ++block)
        forEachElement(block, [&](int64_t index) {
          scores[block] += static_cast<double>(values[index]) * values[index];
        });
      for (int64_t block : getSmallest(
               scores, std::llround(target * static_cast<double>(blocks))))
        forEachElement(block, [&](int64_t index) { values[index] = 0.0f; });
      return {};
    }
    case PrunePattern::Kind::NOfM: {
      int64_t n = pattern.first, m = pattern.second;
      if (depthwise)
        return llvm::formatv("{0}:{1} groups run along a reduction "
                             "dimension, and a depthwise convolution "
                             "reduces only over its window, per channel",
                             n, m)
            .str();
      int64_t reduction = size / rows;
      if (reduction % m)
        return llvm::formatv("its weights per output channel do not divide "
                             "into groups of {0}",
                             m)
            .str();
      for (int64_t group = 0; group < size / m; ++group) {
        SmallVector<double> scores;
        for (int64_t i = 0; i < m; ++i)
          scores.push_back(std::abs(values[group * m + i]));
        for (int64_t index : getSmallest(scores, m - n))
          values[group * m + index] = 0.0f;
      }
      return {};
    }
    }
    llvm_unreachable("unknown pattern");
  }

  void runOnOperation() override {
    PrunePattern parsed;
    SmallVector<ScheduleEntry> entries;
    if (failed(parseOptions(parsed, entries)))
      return signalPassFailure();
    OpBuilder builder(&getContext());
    llvm::DenseSet<Operation *> visited;
    getOperation().walk([&](AffineQuantizedOpInterface affine) {
      Operation *op = affine.getOperation();
      auto skip = [&](const Twine &reason) {
        op->setAttr(kPruneSkippedAttrName,
                    StringAttr::get(&getContext(), reason));
        ++numSkipped;
      };
      double target = sparsity;
      for (const ScheduleEntry &entry : entries)
        if (llvm::any_of(getTensorNames(op->getLoc()), [&](StringRef name) {
              return entry.regex.match(name);
            })) {
          target = entry.sparsity;
          break;
        }
      if (target == 0.0 && parsed.kind != PrunePattern::Kind::NOfM)
        return skip("the schedule gives it sparsity 0");
      unsigned index = affine.getWeightOperandIndex();
      std::string reason;
      std::optional<FloatConstant> weight =
          getRewritableWeight(affine, visited, minElements, "pruned", reason);
      if (!weight)
        return skip(reason);
      SmallVector<float> original = weight->values;
      reason = prune(op, *weight, parsed, target);
      if (!reason.empty())
        return skip(reason);
      double energy = 0.0, change = 0.0;
      int64_t zeroed = 0;
      for (auto [before, after] : llvm::zip(original, weight->values)) {
        energy += static_cast<double>(before) * before;
        change += static_cast<double>(before - after) * (before - after);
        zeroed += before != 0.0f && after == 0.0f;
      }
      double error = energy > 0.0 ? std::sqrt(change / energy) : 0.0;
      if (error > maxWeightError)
        return skip(llvm::formatv("pruning would change its weights by more "
                                  "than {0} in relative L2 norm "
                                  "(max-weight-error)",
                                  maxWeightError));
      replaceWithConstant(builder, op, index, *weight);
      ++numPruned;
      numZeroed += zeroed;
    });
  }
};

} // namespace
