//===- TargetDescription.cpp - What an accelerator target can run ---------===//
//
// Parses target descriptions (JSON, targets/*.json, built in through the
// generated TargetDescriptions.inc) and checks ops against them.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/TargetDescription.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using namespace mlir::mint;

namespace {
/// A target built into Mint: its name and the JSON text of its file.
struct BuiltinTarget {
  StringLiteral name;
  StringLiteral text;
};
} // namespace

static const BuiltinTarget kBuiltinTargets[] = {
#include "mint/Dialect/Mint/Transforms/TargetDescriptions.inc"
};

SmallVector<StringRef> mint::getBuiltinTargetNames() {
  SmallVector<StringRef> names;
  for (const BuiltinTarget &target : kBuiltinTargets)
    names.push_back(target.name);
  return names;
}

llvm::Expected<TargetDescription>
mint::parseTargetDescription(StringRef text, StringRef source) {
  llvm::Expected<llvm::json::Value> json = llvm::json::parse(text);
  if (!json)
    return llvm::createStringError("%s: malformed JSON (%s)",
                                   source.str().c_str(),
                                   llvm::toString(json.takeError()).c_str());
  TargetDescription target;
  llvm::json::Path::Root root(source);
  llvm::json::ObjectMapper mapper(*json, root);
  auto readStrings = [](const llvm::json::Array *array, auto &&add) -> bool {
    if (!array)
      return true;
    for (const llvm::json::Value &value : *array) {
      std::optional<StringRef> string = value.getAsString();
      if (!string)
        return false;
      add(*string);
    }
    return true;
  };
  const llvm::json::Object *object = json->getAsObject();
  if (!object || !mapper.map("name", target.name))
    return llvm::createStringError("%s: a target description is a JSON "
                                   "object with at least a \"name\"",
                                   source.str().c_str());
  mapper.mapOptional("description", target.description);
  mapper.mapOptional("per_channel", target.perChannel);
  mapper.mapOptional("max_rank", target.maxRank);
  mapper.mapOptional("max_dimension", target.maxDimension);
  mapper.mapOptional("max_kernel", target.maxKernel);
  mapper.mapOptional("max_stride", target.maxStride);
  static const StringLiteral kKnownTypes[] = {"i8", "i16", "i32", "f16", "f32"};
  std::string badType;
  bool ok = readStrings(object->getArray("element_types"), [&](StringRef t) {
    if (!llvm::is_contained(kKnownTypes, t))
      badType = t.str();
    if (!llvm::is_contained(target.elementTypes, t))
      target.elementTypes.push_back(t.str());
  });
  ok &= readStrings(object->getArray("ops"),
                    [&](StringRef op) { target.ops.insert(op); });
  if (const llvm::json::Object *tosa = object->getObject("tosa")) {
    ok &= readStrings(tosa->getArray("profiles"), [&](StringRef profile) {
      target.tosaProfiles.push_back(profile.str());
    });
    ok &= readStrings(tosa->getArray("extensions"), [&](StringRef extension) {
      target.tosaExtensions.push_back(extension.str());
    });
    if (std::optional<StringRef> level = tosa->getString("level"))
      target.tosaLevel = level->str();
  }
  if (!ok)
    return llvm::createStringError(
        "%s: \"element_types\", \"ops\" and the \"tosa\" lists hold strings",
        source.str().c_str());
  if (!badType.empty())
    return llvm::createStringError(
        "%s: unknown element type '%s' (i8, i16, i32, f16 or f32)",
        source.str().c_str(), badType.c_str());
  if (target.ops.empty() || target.elementTypes.empty())
    return llvm::createStringError(
        "%s: the target lists no \"ops\" or no \"element_types\"",
        source.str().c_str());
  if (target.maxRank < 1 || target.maxDimension < 1 || target.maxKernel < 1 ||
      target.maxStride < 1)
    return llvm::createStringError("%s: limits must be positive",
                                   source.str().c_str());
  return target;
}

llvm::Expected<TargetDescription>
mint::loadTargetDescription(StringRef nameOrPath) {
  for (const BuiltinTarget &target : kBuiltinTargets)
    if (target.name == nameOrPath)
      return parseTargetDescription(target.text, target.name);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(nameOrPath);
  if (!buffer)
    return llvm::createStringError(
        "'%s' is neither a built-in target (%s) nor a readable file: %s",
        nameOrPath.str().c_str(),
        llvm::join(getBuiltinTargetNames(), ", ").c_str(),
        buffer.getError().message().c_str());
  return parseTargetDescription((*buffer)->getBuffer(), nameOrPath);
}

std::string mint::getTFLiteOpName(Operation *op) {
  if (auto custom = dyn_cast<CustomOp>(op))
    return custom.getCustomCode().str();
  return op->getName().stripDialect().upper();
}

std::string mint::describeOpForTarget(Operation *op) {
  std::string text = getTFLiteOpName(op);
  SmallVector<StringRef> names = getTensorNames(op->getLoc());
  if (!names.empty())
    text += " '" + names.front().str() + "'";
  return text;
}

/// The element type name a target lists for `type`'s elements ("i8" for
/// int8 storage, quantized or not), or empty for an unknown one.
static std::string getElementTypeName(Type element) {
  if (auto quantized = dyn_cast<quant::QuantizedType>(element))
    element = quantized.getStorageType();
  if (element.isF32())
    return "f32";
  if (element.isF16())
    return "f16";
  if (auto integer = dyn_cast<IntegerType>(element))
    return "i" + std::to_string(integer.getWidth());
  return "";
}

static bool isPerChannel(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor &&
         isa<quant::UniformQuantizedPerAxisType>(tensor.getElementType());
}

/// Kernel height and width and strides of a window op, if `op` is one.
static std::optional<std::array<int64_t, 4>> getWindow(Operation *op) {
  auto kernelOf = [](Value filter, int64_t h, int64_t w) {
    auto shape = cast<RankedTensorType>(filter.getType()).getShape();
    return std::pair(shape[h], shape[w]);
  };
  return llvm::TypeSwitch<Operation *, std::optional<std::array<int64_t, 4>>>(
             op)
      .Case<Conv2DOp, DepthwiseConv2DOp>([&](auto conv) {
        auto [kh, kw] = kernelOf(conv.getFilter(), 1, 2);
        return std::array<int64_t, 4>{kh, kw, conv.getStrideH(),
                                      conv.getStrideW()};
      })
      .Case<TransposeConvOp>([&](TransposeConvOp conv) {
        auto [kh, kw] = kernelOf(conv.getWeights(), 1, 2);
        return std::array<int64_t, 4>{kh, kw, conv.getStrideH(),
                                      conv.getStrideW()};
      })
      .Case<AveragePool2DOp, MaxPool2DOp>([](auto pool) {
        return std::array<int64_t, 4>{pool.getFilterHeight(),
                                      pool.getFilterWidth(), pool.getStrideH(),
                                      pool.getStrideW()};
      })
      .Default([](Operation *) { return std::nullopt; });
}

SmallVector<std::string> TargetDescription::getViolations(Operation *op) const {
  SmallVector<std::string> reasons;
  std::string opName = getTFLiteOpName(op);
  if (!ops.contains(opName))
    reasons.push_back("the target has no " + opName);
  llvm::StringSet<> refusedTypes;
  bool checkedRank = false, checkedDimension = false;
  auto checkTensor = [&](Value value) {
    auto tensor = dyn_cast<RankedTensorType>(value.getType());
    if (!tensor)
      return;
    std::string element = getElementTypeName(tensor.getElementType());
    if (!llvm::is_contained(elementTypes, element) &&
        refusedTypes.insert(element).second)
      reasons.push_back(
          (element.empty() ? std::string("an unknown type") : element) +
          " tensors (the target takes " + llvm::join(elementTypes, ", ") + ")");
    if (!checkedRank && tensor.getRank() > maxRank) {
      checkedRank = true;
      reasons.push_back(llvm::formatv("a rank-{0} tensor (at most {1})",
                                      tensor.getRank(), maxRank));
    }
    for (int64_t dim : tensor.getShape())
      if (!checkedDimension && dim > maxDimension) {
        checkedDimension = true;
        reasons.push_back(llvm::formatv("a dimension of {0} (at most {1})", dim,
                                        maxDimension));
      }
  };
  for (Value operand : op->getOperands())
    checkTensor(operand);
  for (Value result : op->getResults())
    checkTensor(result);
  if (!perChannel && llvm::any_of(op->getOperandTypes(), isPerChannel))
    reasons.push_back("per-channel weights (the target takes one scale per "
                      "tensor)");
  if (std::optional<std::array<int64_t, 4>> window = getWindow(op)) {
    auto [kh, kw, sh, sw] = *window;
    if (kh > maxKernel || kw > maxKernel)
      reasons.push_back(
          llvm::formatv("a {0}x{1} kernel (at most {2})", kh, kw, maxKernel));
    if (sh > maxStride || sw > maxStride)
      reasons.push_back(
          llvm::formatv("stride {0}x{1} (at most {2})", sh, sw, maxStride));
  }
  return reasons;
}

int64_t mint::getMultiplyAccumulates(Operation *op) {
  auto elements = [](Value value) {
    return cast<RankedTensorType>(value.getType()).getNumElements();
  };
  auto dim = [](Value value, int64_t index) {
    return cast<RankedTensorType>(value.getType()).getDimSize(index);
  };
  return llvm::TypeSwitch<Operation *, int64_t>(op)
      .Case<Conv2DOp>([&](Conv2DOp conv) {
        return elements(conv.getResult()) * dim(conv.getFilter(), 1) *
               dim(conv.getFilter(), 2) * dim(conv.getFilter(), 3);
      })
      .Case<DepthwiseConv2DOp>([&](DepthwiseConv2DOp conv) {
        return elements(conv.getResult()) * dim(conv.getFilter(), 1) *
               dim(conv.getFilter(), 2);
      })
      .Case<FullyConnectedOp>([&](FullyConnectedOp fc) {
        return elements(fc.getResult()) * dim(fc.getFilter(), 1);
      })
      .Case<TransposeConvOp>([&](TransposeConvOp conv) {
        return elements(conv.getInput()) * dim(conv.getWeights(), 0) *
               dim(conv.getWeights(), 1) * dim(conv.getWeights(), 2);
      })
      .Case<CustomOp>([&](CustomOp custom) -> int64_t {
        // MediaPipe's transposed convolution: input, weights [O, KH, KW,
        // I], bias.
        if (custom.getCustomCode() != "Convolution2DTransposeBias" ||
            custom->getNumOperands() < 2)
          return 0;
        Value weights = custom->getOperand(1);
        auto type = dyn_cast<RankedTensorType>(weights.getType());
        if (!type || type.getRank() != 4)
          return 0;
        return elements(custom->getOperand(0)) * dim(weights, 0) *
               dim(weights, 1) * dim(weights, 2);
      })
      .Default([](Operation *) { return 0; });
}

void mint::forEachTargetOp(
    Operation *func, const TargetDescription &target,
    llvm::function_ref<void(Operation *, ArrayRef<std::string>)> fn) {
  func->walk([&](Operation *op) {
    // Weights: DENSIFY of a sparse constant folds away before code
    // generation, as do constants themselves.
    if (op == func || op->hasTrait<OpTrait::IsTerminator>() ||
        isa<ConstOp, SparseConstOp, NoValueOp, DensifyOp>(op))
      return;
    fn(op, target.getViolations(op));
  });
}

LogicalResult mint::checkTarget(Operation *func,
                                const TargetDescription &target,
                                bool allowFallback, int64_t &acceleratorOps,
                                int64_t &cpuOps) {
  MLIRContext *context = func->getContext();
  bool failedCheck = false;
  forEachTargetOp(
      func, target, [&](Operation *op, ArrayRef<std::string> reasons) {
        if (reasons.empty())
          ++acceleratorOps;
        else
          ++cpuOps;
        if (allowFallback) {
          op->setAttr(kPlacementAttrName,
                      StringAttr::get(context,
                                      reasons.empty() ? "accelerator" : "cpu"));
          if (!reasons.empty())
            op->setAttr(kPlacementReasonAttrName,
                        StringAttr::get(context, llvm::join(reasons, "; ")));
          return;
        }
        if (reasons.empty())
          return;
        failedCheck = true;
        op->emitError() << target.name << " cannot run "
                        << describeOpForTarget(op) << ": "
                        << llvm::join(reasons, "; ");
      });
  return success(!failedCheck);
}
