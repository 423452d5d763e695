//===- Refit.cpp - Least-squares refit of pruned weights ------------------===//
//
// Implements refitPrunedWeights. Layer by layer in op order, the unpruned
// model and the pruned one as refitted so far (compiled once, with the
// refitted weights as arguments) run over the samples with every activation
// observed; the layer's input patches (im2col rows of a
// convolution, per channel for a depthwise one, rows of a fully connected
// layer) accumulate into G = X'^T X' (X': what the pruned model feeds the
// layer) and C = X'^T X (X: what the unpruned model feeds it); then per
// output channel with original weights w and kept set m, the kept weights
// become the solution of (G_mm + lambda I) w'_m = (C w)_m + lambda w_m, by
// Cholesky factorization.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Refit.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Runtime/Calibration.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mint;

namespace {

/// A pruned layer, what it reads, and the Gram matrices of its inputs.
struct Layer {
  enum class Kind { Conv, Depthwise, FullyConnected } kind;
  Operation *op;
  ConstOp weight;
  SmallVector<float> original;
  SmallVector<int64_t> weightShape;
  /// The layer's input: an observed activation (of the unpruned model, and
  /// of the pruned one) or an entry argument.
  int64_t observed = -1, argument = -1, prunedObserved = -1;
  SmallVector<int64_t> inputShape;
  /// Convolution geometry.
  int64_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  int64_t padTop = 0, padLeft = 0, outH = 0, outW = 0;
  /// Patch length and number of Gram matrices (1, or the input channels of
  /// a depthwise convolution).
  int64_t patch = 0, groups = 1;
  /// Per group, G = X'^T X' (upper triangle) of the inputs X' the pruned
  /// layer sees, and C = X'^T X with the inputs X of the unpruned one
  /// (empty when X' = X).
  std::vector<double> gram, cross;
};

/// Before-padding and output size of a TFLite window.
std::pair<int64_t, int64_t> getWindow(Padding padding, int64_t input,
                                      int64_t kernel, int64_t stride,
                                      int64_t dilation) {
  int64_t effective = (kernel - 1) * dilation + 1;
  if (padding == Padding::Same) {
    int64_t out = (input + stride - 1) / stride;
    int64_t total =
        std::max<int64_t>((out - 1) * stride + effective - input, 0);
    return {total / 2, out};
  }
  return {0, (input - effective + stride) / stride};
}

/// Adds p p^T to the upper triangle of the `n` x `n` matrix `gram`, and
/// p q^T to `cross` unless it is null.
void addOuterProduct(double *gram, double *cross, const double *p,
                     const double *q, int64_t n) {
  for (int64_t a = 0; a < n; ++a) {
    double pa = p[a];
    if (pa == 0.0)
      continue;
    double *row = gram + a * n;
    for (int64_t b = a; b < n; ++b)
      row[b] += pa * p[b];
    if (cross)
      for (int64_t b = 0; b < n; ++b)
        cross[a * n + b] += pa * q[b];
  }
}

/// Adds the patches of `input` (what the pruned layer reads) to the layer's
/// Gram matrices, and with `reference` (what the unpruned layer reads) to
/// its cross matrices.
void accumulate(Layer &layer, const float *input, const float *reference) {
  double *cross = reference ? layer.cross.data() : nullptr;
  ArrayRef<int64_t> in = layer.inputShape;
  if (layer.kind == Layer::Kind::FullyConnected) {
    int64_t depth = layer.patch;
    int64_t rows = 1;
    for (int64_t size : in)
      rows *= size;
    rows /= depth;
    std::vector<double> p(depth), q(depth);
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t k = 0; k < depth; ++k) {
        p[k] = input[r * depth + k];
        q[k] = reference ? reference[r * depth + k] : 0.0;
      }
      addOuterProduct(layer.gram.data(), cross, p.data(), q.data(), depth);
    }
    return;
  }
  int64_t batch = in[0], height = in[1], width = in[2], channels = in[3];
  int64_t kh = layer.weightShape[1], kw = layer.weightShape[2];
  bool depthwise = layer.kind == Layer::Kind::Depthwise;
  std::vector<double> p(layer.patch), q(layer.patch);
  int64_t square = layer.patch * layer.patch;
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t oy = 0; oy < layer.outH; ++oy)
      for (int64_t ox = 0; ox < layer.outW; ++ox) {
        // Element (ky, kx, c) of the window; 0 in the padding.
        auto at = [&](const float *data, int64_t ky, int64_t kx,
                      int64_t c) -> double {
          int64_t y = oy * layer.strideH - layer.padTop + ky * layer.dilationH;
          int64_t x = ox * layer.strideW - layer.padLeft + kx * layer.dilationW;
          if (!data || y < 0 || y >= height || x < 0 || x >= width)
            return 0.0;
          return data[((n * height + y) * width + x) * channels + c];
        };
        if (!depthwise) {
          int64_t k = 0;
          for (int64_t ky = 0; ky < kh; ++ky)
            for (int64_t kx = 0; kx < kw; ++kx)
              for (int64_t c = 0; c < channels; ++c, ++k) {
                p[k] = at(input, ky, kx, c);
                q[k] = at(reference, ky, kx, c);
              }
          addOuterProduct(layer.gram.data(), cross, p.data(), q.data(),
                          layer.patch);
          continue;
        }
        for (int64_t c = 0; c < channels; ++c) {
          int64_t k = 0;
          for (int64_t ky = 0; ky < kh; ++ky)
            for (int64_t kx = 0; kx < kw; ++kx, ++k) {
              p[k] = at(input, ky, kx, c);
              q[k] = at(reference, ky, kx, c);
            }
          addOuterProduct(layer.gram.data() + c * square,
                          cross ? cross + c * square : nullptr, p.data(),
                          q.data(), layer.patch);
        }
      }
}

/// Solves (G_mm + lambda I) x = b_m for the kept set `kept` of the
/// symmetric `n` x `n` matrix `gram` (upper triangle stored); false if the
/// system is not positive definite.
bool solveKept(const double *gram, int64_t n, ArrayRef<int64_t> kept,
               ArrayRef<double> b, double lambda, SmallVectorImpl<double> &x) {
  int64_t m = kept.size();
  std::vector<double> l(m * m, 0.0);
  auto g = [&](int64_t i, int64_t j) {
    int64_t a = std::min(kept[i], kept[j]), c = std::max(kept[i], kept[j]);
    return gram[a * n + c];
  };
  // Cholesky: L L^T = G_mm + lambda I.
  for (int64_t j = 0; j < m; ++j) {
    double diagonal = g(j, j) + lambda;
    for (int64_t k = 0; k < j; ++k)
      diagonal -= l[j * m + k] * l[j * m + k];
    if (!(diagonal > 0.0))
      return false;
    double root = std::sqrt(diagonal);
    l[j * m + j] = root;
    for (int64_t i = j + 1; i < m; ++i) {
      double sum = g(i, j);
      for (int64_t k = 0; k < j; ++k)
        sum -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = sum / root;
    }
  }
  x.assign(m, 0.0);
  for (int64_t i = 0; i < m; ++i) {
    double sum = b[kept[i]];
    for (int64_t k = 0; k < i; ++k)
      sum -= l[i * m + k] * x[k];
    x[i] = sum / l[i * m + i];
  }
  for (int64_t i = m - 1; i >= 0; --i) {
    double sum = x[i];
    for (int64_t k = i + 1; k < m; ++k)
      sum -= l[k * m + i] * x[k];
    x[i] = sum / l[i * m + i];
  }
  return true;
}

/// Refits `layer`'s kept weights from its Gram matrices.
void refit(Layer &layer, double damping) {
  auto attr = cast<DenseFPElementsAttr>(layer.weight.getValue());
  SmallVector<float> pruned;
  for (const APFloat &v : attr.getValues<APFloat>())
    pruned.push_back(v.convertToFloat());
  int64_t n = layer.patch;
  bool depthwise = layer.kind == Layer::Kind::Depthwise;
  int64_t outputs =
      depthwise ? layer.weightShape.back() : layer.weightShape.front();
  int64_t multiplier = depthwise ? outputs / layer.groups : 1;
  for (int64_t o = 0; o < outputs; ++o) {
    // Entry k of output channel o: OHWI rows, or a depthwise column.
    auto index = [&](int64_t k) {
      return depthwise ? k * outputs + o : o * n + k;
    };
    int64_t group = depthwise ? o / multiplier : 0;
    const double *gram = layer.gram.data() + group * n * n;
    const double *cross =
        layer.cross.empty() ? nullptr : layer.cross.data() + group * n * n;
    double trace = 0.0;
    for (int64_t k = 0; k < n; ++k)
      trace += gram[k * n + k];
    double lambda = damping * trace / static_cast<double>(n);
    if (lambda <= 0.0)
      continue;
    SmallVector<int64_t> kept;
    for (int64_t k = 0; k < n; ++k)
      if (pruned[index(k)] != 0.0f)
        kept.push_back(k);
    if (kept.empty() || static_cast<int64_t>(kept.size()) == n)
      continue;
    // b = C w (G w when X' = X) over the original weights.
    SmallVector<double> b(n, 0.0);
    for (int64_t a = 0; a < n; ++a)
      for (int64_t c = 0; c < n; ++c) {
        double value = cross ? cross[a * n + c]
                             : gram[std::min(a, c) * n + std::max(a, c)];
        b[a] += value * layer.original[index(c)];
      }
    // The damping pulls towards zero; add lambda w to keep it unbiased
    // towards the original kept weights.
    for (int64_t k : kept)
      b[k] += lambda * layer.original[index(k)];
    SmallVector<double> solution;
    if (!solveKept(gram, n, kept, b, lambda, solution))
      continue;
    for (auto [k, value] : llvm::zip(kept, solution))
      pruned[index(k)] = static_cast<float>(value);
  }
  layer.weight.setValueAttr(
      DenseElementsAttr::get(layer.weight.getType(), ArrayRef(pruned)));
}

} // namespace

FailureOr<RefitSummary> mlir::mint::refitPrunedWeights(
    ModuleOp original, ModuleOp pruned,
    const std::vector<std::vector<NpyArray>> &samples, double damping) {
  RefitSummary summary;
  SmallVector<Operation *> originalOps, prunedOps;
  original.walk(
      [&](AffineQuantizedOpInterface op) { originalOps.push_back(op); });
  pruned.walk([&](AffineQuantizedOpInterface op) { prunedOps.push_back(op); });
  if (originalOps.size() != prunedOps.size())
    return emitError(pruned.getLoc())
           << "refit: the pruned model has " << prunedOps.size()
           << " layers and the original " << originalOps.size();

  FailureOr<std::unique_ptr<ObservingModel>> model =
      ObservingModel::create(original);
  if (failed(model))
    return failure();
  llvm::DenseMap<Value, int64_t> observedIndex;
  for (auto [index, value] : llvm::enumerate((*model)->getObserved()))
    observedIndex[value] = index;
  func::FuncOp entry = (*model)->getEntry();

  std::vector<Layer> layers;
  for (auto [originalOp, prunedOp] : llvm::zip(originalOps, prunedOps)) {
    auto affine = cast<AffineQuantizedOpInterface>(originalOp);
    auto before = affine.getWeight().getDefiningOp<ConstOp>();
    auto after = cast<AffineQuantizedOpInterface>(prunedOp)
                     .getWeight()
                     .getDefiningOp<ConstOp>();
    auto beforeValues =
        before ? dyn_cast<DenseFPElementsAttr>(before.getValue()) : nullptr;
    auto afterValues =
        after ? dyn_cast<DenseFPElementsAttr>(after.getValue()) : nullptr;
    if (!beforeValues || !afterValues ||
        !beforeValues.getElementType().isF32() ||
        beforeValues.getType() != afterValues.getType())
      continue;
    bool wasPruned = false;
    for (auto [a, b] : llvm::zip(beforeValues.getValues<APFloat>(),
                                 afterValues.getValues<APFloat>()))
      wasPruned |= !a.isZero() && b.isZero();
    if (!wasPruned)
      continue;
    Layer layer;
    layer.op = prunedOp;
    layer.weight = after;
    for (const APFloat &v : beforeValues.getValues<APFloat>())
      layer.original.push_back(v.convertToFloat());
    layer.weightShape = llvm::to_vector(after.getType().getShape());
    Value input = affine.getActivationInput();
    if (auto argument = dyn_cast<BlockArgument>(input);
        argument && argument.getOwner()->getParentOp() == entry)
      layer.argument = argument.getArgNumber();
    else if (observedIndex.count(input))
      layer.observed = observedIndex[input];
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    if ((layer.argument < 0 && layer.observed < 0) || !inputType ||
        !inputType.hasStaticShape() || !inputType.getElementType().isF32() ||
        after->hasOneUse() == false) {
      ++summary.skipped;
      continue;
    }
    layer.inputShape = llvm::to_vector(inputType.getShape());
    auto setWindow = [&](auto conv) {
      layer.strideH = conv.getStrideH();
      layer.strideW = conv.getStrideW();
      layer.dilationH = conv.getDilationHFactor();
      layer.dilationW = conv.getDilationWFactor();
      std::tie(layer.padTop, layer.outH) =
          getWindow(conv.getPadding(), layer.inputShape[1],
                    layer.weightShape[1], layer.strideH, layer.dilationH);
      std::tie(layer.padLeft, layer.outW) =
          getWindow(conv.getPadding(), layer.inputShape[2],
                    layer.weightShape[2], layer.strideW, layer.dilationW);
    };
    if (auto conv = dyn_cast<Conv2DOp>(originalOp)) {
      layer.kind = Layer::Kind::Conv;
      setWindow(conv);
      layer.patch =
          layer.weightShape[1] * layer.weightShape[2] * layer.weightShape[3];
      if (layer.weightShape[3] != layer.inputShape[3]) {
        ++summary.skipped;
        continue;
      }
    } else if (auto depthwise = dyn_cast<DepthwiseConv2DOp>(originalOp)) {
      layer.kind = Layer::Kind::Depthwise;
      setWindow(depthwise);
      layer.patch = layer.weightShape[1] * layer.weightShape[2];
      layer.groups = layer.inputShape[3];
    } else if (isa<FullyConnectedOp>(originalOp)) {
      layer.kind = Layer::Kind::FullyConnected;
      layer.patch = layer.weightShape[1];
    } else {
      ++summary.skipped;
      continue;
    }
    layer.gram.assign(layer.groups * layer.patch * layer.patch, 0.0);
    layers.push_back(std::move(layer));
  }

  // The pruned model compiled once, with the weights of the layers to
  // refit as extra entry arguments after the model's inputs: each refit
  // then only changes what those arguments point to.
  IRMapping mapping;
  OwningOpRef<ModuleOp> trainable = cast<ModuleOp>(pruned->clone(mapping));
  std::vector<std::vector<float>> weightBuffers;
  if (!layers.empty()) {
    func::FuncOp trainableEntry;
    for (auto func : trainable->getOps<func::FuncOp>())
      if (!func.isExternal() && func.isPublic()) {
        trainableEntry = func;
        break;
      }
    if (!trainableEntry)
      return emitError(pruned.getLoc()) << "refit: no entry function";
    for (Layer &layer : layers) {
      auto weight = cast<ConstOp>(mapping.lookup(layer.weight.getOperation()));
      unsigned position = trainableEntry.getNumArguments();
      if (failed(trainableEntry.insertArgument(position, weight.getType(), {},
                                               weight.getLoc())))
        return failure();
      weight.getResult().replaceAllUsesWith(
          trainableEntry.getArgument(position));
      weight.erase();
      auto values = cast<DenseFPElementsAttr>(layer.weight.getValue());
      weightBuffers.emplace_back(values.getValues<float>().begin(),
                                 values.getValues<float>().end());
    }
  }

  // Layer by layer, in op order: each is fitted on the inputs the pruned
  // model, refitted up to it, gives it (X'), to the outputs the unpruned
  // layer gives on its own inputs (X w), so that it makes up for what the
  // layers before it lost. The first layers, up to the first whose input a
  // pruned layer changes, see X' = X.
  std::unique_ptr<ObservingModel> prunedModel;
  llvm::DenseMap<Value, int64_t> prunedIndex;
  bool inputsChanged = false;
  for (auto [layerIndex, layer] : llvm::enumerate(layers)) {
    Value input =
        cast<AffineQuantizedOpInterface>(layer.op).getActivationInput();
    bool fromPruned = inputsChanged && layer.observed >= 0;
    if (fromPruned && !prunedModel) {
      FailureOr<std::unique_ptr<ObservingModel>> compiled =
          ObservingModel::create(*trainable);
      if (failed(compiled))
        return failure();
      prunedModel = std::move(*compiled);
      for (auto [index, value] : llvm::enumerate(prunedModel->getObserved()))
        prunedIndex[value] = index;
    }
    if (fromPruned) {
      auto it = prunedIndex.find(mapping.lookup(input));
      if (it == prunedIndex.end())
        return emitError(layer.op->getLoc())
               << "refit: the pruned model does not observe this layer's "
                  "input";
      layer.prunedObserved = it->second;
      layer.cross.assign(layer.gram.size(), 0.0);
    }
    for (const std::vector<NpyArray> &sample : samples) {
      SmallVector<const void *> inputs;
      for (const NpyArray &array : sample)
        inputs.push_back(array.data.data());
      if (llvm::Error error = (*model)->run(inputs))
        return emitError(pruned.getLoc())
               << "refit: " << llvm::toString(std::move(error));
      if (fromPruned) {
        // The pruned model as refitted so far.
        for (const std::vector<float> &weights : weightBuffers)
          inputs.push_back(weights.data());
        if (llvm::Error error = prunedModel->run(inputs))
          return emitError(pruned.getLoc())
                 << "refit: " << llvm::toString(std::move(error));
      }
      auto *reference = static_cast<const float *>(
          layer.observed >= 0 ? (*model)->getObservedData(layer.observed)
                              : sample[layer.argument].data.data());
      if (fromPruned)
        accumulate(layer,
                   static_cast<const float *>(
                       prunedModel->getObservedData(layer.prunedObserved)),
                   reference);
      else
        accumulate(layer, reference, nullptr);
    }
    refit(layer, damping);
    auto refitted = cast<DenseFPElementsAttr>(layer.weight.getValue());
    llvm::copy(refitted.getValues<float>(), weightBuffers[layerIndex].begin());
    // Later layers read what this one changed.
    inputsChanged = true;
    // The matrices are not needed any more.
    std::vector<double>().swap(layer.gram);
    std::vector<double>().swap(layer.cross);
  }
  summary.refitted = layers.size();
  return summary;
}
