//===- InspectCommand.cpp - `mint inspect` --------------------------------===//
//
// Summarizes a .tflite model as Mint imports it: operators by count,
// tensors by type, parameter bytes by type, quantization parameters,
// sparsity, subgraphs with their inputs and outputs, signatures and
// metadata. Text for people, --json for machines.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "ModelLoading.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <map>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::driver;

namespace {
/// One tensor as the summary shows it.
struct TensorEntry {
  std::string name;
  std::string type;
};

struct SignatureEntry {
  std::string key;
  SmallVector<std::string> inputs, outputs;
};

struct SubgraphEntry {
  std::string name;
  SmallVector<TensorEntry> inputs, outputs;
  int64_t numOps = 0;
  int64_t numTensors = 0;
  SmallVector<SignatureEntry> signatures;
};

/// Constant data of one element type.
struct ParameterEntry {
  int64_t tensors = 0;
  int64_t elements = 0;
  int64_t bytes = 0;
};

/// Quantized tensors of one storage type and granularity.
struct QuantizationEntry {
  int64_t tensors = 0;
  double minScale = 0, maxScale = 0;
  int64_t minZeroPoint = 0, maxZeroPoint = 0;
};

struct SparseEntry {
  std::string name;
  std::string shape;
  int64_t elements = 0;
  int64_t nonZero = 0;
  std::string encoding;
};

struct ModelSummary {
  std::string file;
  uint64_t fileBytes = 0;
  std::string description;
  SmallVector<std::pair<std::string, std::string>> metadata;
  std::vector<SubgraphEntry> subgraphs;
  std::map<std::string, int64_t> ops;
  std::map<std::string, int64_t> tensorTypes;
  std::map<std::string, ParameterEntry> parameters;
  std::map<std::string, QuantizationEntry> quantization;
  SmallVector<SparseEntry> sparse;
};
} // namespace

/// "float32[1,192,192,3]", "int8[?,10]" (quantized types note it).
static std::string describeType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return "none";
  std::string text = getTFLiteTypeName(tensor.getElementType());
  if (isa<quant::QuantizedType>(tensor.getElementType()))
    text += "(q)";
  text += "[";
  llvm::raw_string_ostream os(text);
  llvm::interleave(
      tensor.getShape(), os,
      [&](int64_t size) {
        if (ShapedType::isDynamic(size))
          os << '?';
        else
          os << size;
      },
      ",");
  os << "]";
  return text;
}

/// The tensor name a location gives result `index` of `count`, or "".
static std::string getName(Location loc, unsigned index, unsigned count) {
  SmallVector<std::string> names = getTFLiteTensorNames(loc, count);
  return names.empty() ? "" : names[index];
}

/// TFLite's name of the operator an op exports as.
static std::string getOperatorName(Operation *op) {
  if (auto custom = dyn_cast<CustomOp>(op))
    return custom.getBuiltinCode() ? custom.getCustomCode().str()
                                   : "CUSTOM " + custom.getCustomCode().str();
  return op->getName().stripDialect().upper();
}

/// Shows metadata bytes as text when they are text (without the trailing
/// NULs TFLite pads with), else as their size.
static std::string describeMetadata(StringRef bytes) {
  StringRef text = bytes.rtrim(StringRef("\0", 1));
  if (llvm::all_of(text, [](char c) { return llvm::isPrint(c); }))
    return text.str();
  return "<" + std::to_string(bytes.size()) + " bytes>";
}

static void addParameters(ModelSummary &summary, Operation *constant,
                          ElementsAttr value) {
  auto type = cast<RankedTensorType>(constant->getResult(0).getType());
  Type storage = value.getElementType();
  int64_t bits = storage.isIntOrFloat() ? storage.getIntOrFloatBitWidth() : 0;
  ParameterEntry &entry =
      summary.parameters[getTFLiteTypeName(type.getElementType())];
  ++entry.tensors;
  entry.elements += type.getNumElements();
  entry.bytes += (type.getNumElements() * std::max<int64_t>(bits, 8) + 7) / 8;
}

static void addQuantization(ModelSummary &summary, Type type) {
  Type element = getElementTypeOrSelf(type);
  auto quantized = dyn_cast<quant::QuantizedType>(element);
  if (!quantized)
    return;
  SmallVector<double> scales;
  SmallVector<int64_t> zeroPoints;
  std::string granularity;
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(quantized)) {
    scales.push_back(perTensor.getScale());
    zeroPoints.push_back(perTensor.getZeroPoint());
    granularity = "per-tensor";
  } else if (auto perAxis =
                 dyn_cast<quant::UniformQuantizedPerAxisType>(quantized)) {
    scales.assign(perAxis.getScales().begin(), perAxis.getScales().end());
    zeroPoints.assign(perAxis.getZeroPoints().begin(),
                      perAxis.getZeroPoints().end());
    granularity = "per-axis";
  }
  if (scales.empty())
    return;
  QuantizationEntry &entry =
      summary.quantization[getTFLiteTypeName(element) + " " + granularity];
  double minScale = *llvm::min_element(scales);
  double maxScale = *llvm::max_element(scales);
  int64_t minZeroPoint = *llvm::min_element(zeroPoints);
  int64_t maxZeroPoint = *llvm::max_element(zeroPoints);
  if (entry.tensors == 0) {
    entry.minScale = minScale;
    entry.maxScale = maxScale;
    entry.minZeroPoint = minZeroPoint;
    entry.maxZeroPoint = maxZeroPoint;
  } else {
    entry.minScale = std::min(entry.minScale, minScale);
    entry.maxScale = std::max(entry.maxScale, maxScale);
    entry.minZeroPoint = std::min(entry.minZeroPoint, minZeroPoint);
    entry.maxZeroPoint = std::max(entry.maxZeroPoint, maxZeroPoint);
  }
  ++entry.tensors;
}

static void addSparse(ModelSummary &summary, SparseConstOp constant) {
  SparseEntry entry;
  entry.name = getName(constant.getLoc(), 0, 1);
  entry.shape = describeType(constant.getType());
  entry.elements = constant.getType().getNumElements();
  if (auto dense = dyn_cast<DenseElementsAttr>(constant.getValue())) {
    ArrayRef<char> raw = dense.getRawData();
    Type storage = dense.getElementType();
    size_t bytes =
        storage.isIntOrFloat()
            ? std::max<size_t>(storage.getIntOrFloatBitWidth() / 8, 1)
            : 1;
    if (dense.isSplat()) {
      bool zero = llvm::all_of(raw, [](char c) { return c == 0; });
      entry.nonZero = zero ? 0 : entry.elements;
    } else {
      for (size_t offset = 0; offset + bytes <= raw.size(); offset += bytes)
        if (llvm::any_of(raw.slice(offset, bytes),
                         [](char c) { return c != 0; }))
          ++entry.nonZero;
    }
  }
  llvm::raw_string_ostream os(entry.encoding);
  os << constant.getSparsity();
  summary.sparse.push_back(std::move(entry));
}

static ModelSummary summarize(ModuleOp module, StringRef file) {
  ModelSummary summary;
  summary.file = file.str();
  llvm::sys::fs::file_size(file, summary.fileBytes);
  if (auto description =
          module->getAttrOfType<StringAttr>(tflite_attrs::kDescription))
    summary.description = description.str();
  if (auto metadata =
          module->getAttrOfType<DictionaryAttr>(tflite_attrs::kMetadata))
    for (NamedAttribute entry : metadata)
      if (auto bytes = dyn_cast<StringAttr>(entry.getValue()))
        summary.metadata.push_back(
            {entry.getName().str(), describeMetadata(bytes.getValue())});

  for (func::FuncOp function : module.getOps<func::FuncOp>()) {
    SubgraphEntry subgraph;
    subgraph.name = function.getSymName().str();
    Block &body = function.getBody().front();
    for (BlockArgument argument : body.getArguments()) {
      subgraph.inputs.push_back(
          {getName(argument.getLoc(), 0, 1), describeType(argument.getType())});
      summary.tensorTypes[getTFLiteTypeName(
          getElementTypeOrSelf(argument.getType()))]++;
      addQuantization(summary, argument.getType());
      ++subgraph.numTensors;
    }
    function.walk([&](Operation *op) {
      if (op == function.getOperation() || isa<NoValueOp>(op))
        return;
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        for (Value value : ret.getOperands()) {
          std::string name;
          if (auto argument = dyn_cast<BlockArgument>(value))
            name = getName(argument.getLoc(), 0, 1);
          else
            name = getName(value.getDefiningOp()->getLoc(),
                           cast<OpResult>(value).getResultNumber(),
                           value.getDefiningOp()->getNumResults());
          subgraph.outputs.push_back({name, describeType(value.getType())});
        }
        return;
      }
      for (Value result : op->getResults()) {
        summary.tensorTypes[getTFLiteTypeName(
            getElementTypeOrSelf(result.getType()))]++;
        addQuantization(summary, result.getType());
        ++subgraph.numTensors;
      }
      if (auto constant = dyn_cast<ConstOp>(op)) {
        addParameters(summary, op, constant.getValue());
        return;
      }
      if (auto sparse = dyn_cast<SparseConstOp>(op)) {
        addParameters(summary, op, sparse.getValue());
        addSparse(summary, sparse);
        return;
      }
      ++subgraph.numOps;
      summary.ops[getOperatorName(op)]++;
    });
    if (auto signatures =
            function->getAttrOfType<ArrayAttr>(tflite_attrs::kSignatures)) {
      for (Attribute entry : signatures) {
        auto dict = dyn_cast<DictionaryAttr>(entry);
        if (!dict)
          continue;
        SignatureEntry signature;
        if (auto key = dict.getAs<StringAttr>("key"))
          signature.key = key.str();
        for (auto [field, names] :
             {std::make_pair("inputs", &signature.inputs),
              std::make_pair("outputs", &signature.outputs)})
          if (auto maps = dict.getAs<ArrayAttr>(field))
            for (Attribute map : maps)
              if (auto pair = dyn_cast<ArrayAttr>(map);
                  pair && pair.size() == 2)
                if (auto name = dyn_cast<StringAttr>(pair[0]))
                  names->push_back(name.str());
        subgraph.signatures.push_back(std::move(signature));
      }
    }
    summary.subgraphs.push_back(std::move(subgraph));
  }
  return summary;
}

/// Sorts a count map by decreasing count, then name.
static SmallVector<std::pair<std::string, int64_t>>
byCount(const std::map<std::string, int64_t> &counts) {
  SmallVector<std::pair<std::string, int64_t>> sorted(counts.begin(),
                                                      counts.end());
  llvm::sort(sorted, [](const auto &lhs, const auto &rhs) {
    return lhs.second != rhs.second ? lhs.second > rhs.second
                                    : lhs.first < rhs.first;
  });
  return sorted;
}

static void printText(const ModelSummary &summary, llvm::raw_ostream &os) {
  os << "model        " << summary.file << " (" << summary.fileBytes
     << " bytes)\n";
  if (!summary.description.empty())
    os << "description  " << summary.description << "\n";
  for (const auto &[name, value] : summary.metadata)
    os << "metadata     " << name << " = " << value << "\n";
  for (auto [index, subgraph] : llvm::enumerate(summary.subgraphs)) {
    os << "\nsubgraph " << index << " '" << subgraph.name
       << "': " << subgraph.numOps << " ops, " << subgraph.numTensors
       << " tensors\n";
    for (const TensorEntry &tensor : subgraph.inputs)
      os << llvm::formatv("  input   {0,-28} {1}\n", tensor.name, tensor.type);
    for (const TensorEntry &tensor : subgraph.outputs)
      os << llvm::formatv("  output  {0,-28} {1}\n", tensor.name, tensor.type);
    for (const SignatureEntry &signature : subgraph.signatures)
      os << "  signature '" << signature.key << "': ("
         << llvm::join(signature.inputs, ", ") << ") -> ("
         << llvm::join(signature.outputs, ", ") << ")\n";
  }
  os << "\nops\n";
  for (const auto &[name, count] : byCount(summary.ops))
    os << llvm::formatv("  {0,-32} {1,6}\n", name, count);
  os << "\ntensors by type\n";
  for (const auto &[name, count] : byCount(summary.tensorTypes))
    os << llvm::formatv("  {0,-32} {1,6}\n", name, count);
  os << "\nparameters by type\n";
  int64_t totalBytes = 0;
  for (const auto &[name, entry] : summary.parameters) {
    os << llvm::formatv("  {0,-10} {1,6} tensors {2,12} values {3,12} bytes\n",
                        name, entry.tensors, entry.elements, entry.bytes);
    totalBytes += entry.bytes;
  }
  os << llvm::formatv("  {0,-10} {1,48} bytes\n", "total", totalBytes);
  os << "\nquantization";
  if (summary.quantization.empty())
    os << "  none\n";
  else
    os << "\n";
  for (const auto &[name, entry] : summary.quantization)
    os << llvm::formatv("  {0,-18} {1,6} tensors, scales {2:e3} .. {3:e3}, "
                        "zero points {4} .. {5}\n",
                        name, entry.tensors, entry.minScale, entry.maxScale,
                        entry.minZeroPoint, entry.maxZeroPoint);
  os << "\nsparsity";
  if (summary.sparse.empty()) {
    os << "      none\n";
    return;
  }
  int64_t elements = 0, nonZero = 0;
  for (const SparseEntry &entry : summary.sparse) {
    elements += entry.elements;
    nonZero += entry.nonZero;
  }
  os << llvm::formatv("      {0} sparse constants, {1} of {2} values non-zero "
                      "({3:f1}%)\n",
                      summary.sparse.size(), nonZero, elements,
                      elements ? 100.0 * nonZero / elements : 0.0);
  for (const SparseEntry &entry : summary.sparse)
    os << llvm::formatv(
        "  {0,-40} {1,-22} {2:f1}% non-zero\n", entry.name, entry.shape,
        entry.elements ? 100.0 * entry.nonZero / entry.elements : 0.0);
}

static llvm::json::Value toJSON(const ModelSummary &summary) {
  using llvm::json::Array;
  using llvm::json::Object;
  auto counts = [](const std::map<std::string, int64_t> &map) {
    Object object;
    for (const auto &[name, count] : map)
      object[name] = count;
    return object;
  };
  auto tensors = [](ArrayRef<TensorEntry> entries) {
    Array array;
    for (const TensorEntry &entry : entries)
      array.push_back(Object{{"name", entry.name}, {"type", entry.type}});
    return array;
  };
  Object metadata;
  for (const auto &[name, value] : summary.metadata)
    metadata[name] = value;
  Array subgraphs;
  for (const SubgraphEntry &subgraph : summary.subgraphs) {
    Array signatures;
    for (const SignatureEntry &signature : subgraph.signatures) {
      Array inputs, outputs;
      for (const std::string &name : signature.inputs)
        inputs.push_back(name);
      for (const std::string &name : signature.outputs)
        outputs.push_back(name);
      signatures.push_back(Object{{"key", signature.key},
                                  {"inputs", std::move(inputs)},
                                  {"outputs", std::move(outputs)}});
    }
    subgraphs.push_back(Object{{"name", subgraph.name},
                               {"ops", subgraph.numOps},
                               {"tensors", subgraph.numTensors},
                               {"inputs", tensors(subgraph.inputs)},
                               {"outputs", tensors(subgraph.outputs)},
                               {"signatures", std::move(signatures)}});
  }
  Object parameters;
  for (const auto &[name, entry] : summary.parameters)
    parameters[name] = Object{{"tensors", entry.tensors},
                              {"values", entry.elements},
                              {"bytes", entry.bytes}};
  Object quantization;
  for (const auto &[name, entry] : summary.quantization)
    quantization[name] = Object{{"tensors", entry.tensors},
                                {"min_scale", entry.minScale},
                                {"max_scale", entry.maxScale},
                                {"min_zero_point", entry.minZeroPoint},
                                {"max_zero_point", entry.maxZeroPoint}};
  Array sparse;
  for (const SparseEntry &entry : summary.sparse)
    sparse.push_back(Object{{"name", entry.name},
                            {"type", entry.shape},
                            {"values", entry.elements},
                            {"non_zero", entry.nonZero},
                            {"encoding", entry.encoding}});
  return Object{{"file", summary.file},
                {"file_bytes", static_cast<int64_t>(summary.fileBytes)},
                {"description", summary.description},
                {"metadata", std::move(metadata)},
                {"subgraphs", std::move(subgraphs)},
                {"ops", counts(summary.ops)},
                {"tensor_types", counts(summary.tensorTypes)},
                {"parameters", std::move(parameters)},
                {"quantization", std::move(quantization)},
                {"sparse_constants", std::move(sparse)}};
}

int mlir::mint::driver::runInspectCommand(const InspectOptions &options,
                                          llvm::raw_ostream &os) {
  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  OwningOpRef<ModuleOp> module = loadTFLiteModel(options.model, &context);
  if (!module)
    return 1;
  ModelSummary summary = summarize(*module, options.model);
  if (options.json)
    os << llvm::formatv("{0:2}", toJSON(summary)) << "\n";
  else
    printText(summary, os);
  return 0;
}
