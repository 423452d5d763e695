//===- Export.cpp - Export mint modules as TFLite flatbuffers -------------===//
//
// Writes a module of mint ops as a .tflite model: each function becomes a
// subgraph (in module order), each op an operator with the version its
// features need, each constant a tensor with a buffer (identical buffers
// are stored once; sparse constants are re-encoded), each NameLoc a tensor
// name. The module is checked first and every problem reported at its
// location. The output depends only on the module: the same module gives
// the same bytes.
//
//===----------------------------------------------------------------------===//

#include "mint/Target/TFLite/TFLite.h"

#include "OpVersions.h"
#include "OptionsMapping.h"
#include "Schema.h"
#include "Sparsity.h"
#include "TypeMapping.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/xxhash.h"

#include <deque>

using namespace mlir;
using namespace mlir::mint;

//===----------------------------------------------------------------------===//
// Exportability
//===----------------------------------------------------------------------===//

/// Checks that a value's type can be a TFLite tensor.
static LogicalResult checkTensorType(Operation *op, Type type, StringRef what) {
  if (isa<NoneType>(type))
    return success();
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return op->emitOpError("has ")
           << what << " of type " << type
           << ", which TFLite cannot hold (only ranked tensors)";
  if (!exportElementType(tensor.getElementType()))
    return op->emitOpError("has ")
           << what << " of element type " << tensor.getElementType()
           << ", which TFLite cannot hold";
  return success();
}

/// Checks a function's signature attribute against its arguments and
/// results.
static LogicalResult verifySignatures(func::FuncOp function) {
  auto signatures =
      function->getAttrOfType<ArrayAttr>(tflite_attrs::kSignatures);
  if (!signatures)
    return success();
  for (Attribute entry : signatures) {
    auto signature = dyn_cast<DictionaryAttr>(entry);
    if (!signature || !signature.getAs<StringAttr>("key"))
      return function.emitOpError("has a malformed ")
             << tflite_attrs::kSignatures << " entry " << entry;
    for (auto [key, count] :
         {std::make_pair("inputs", function.getNumArguments()),
          std::make_pair("outputs", function.getNumResults())}) {
      auto maps = signature.getAs<ArrayAttr>(key);
      if (!maps)
        continue;
      for (Attribute map : maps) {
        auto pair = dyn_cast<ArrayAttr>(map);
        if (!pair || pair.size() != 2 || !isa<StringAttr>(pair[0]) ||
            !isa<IntegerAttr>(pair[1]) ||
            cast<IntegerAttr>(pair[1]).getInt() < 0 ||
            cast<IntegerAttr>(pair[1]).getInt() >= count)
          return function.emitOpError("has a malformed signature ")
                 << key << " entry " << map;
      }
    }
  }
  return success();
}

/// Checks that every metadata entry is a string of bytes.
static LogicalResult verifyMetadata(ModuleOp module) {
  auto entries = module->getAttrOfType<DictionaryAttr>(tflite_attrs::kMetadata);
  if (!entries)
    return success();
  for (NamedAttribute entry : entries)
    if (!isa<StringAttr>(entry.getValue()))
      return module.emitError("metadata '")
             << entry.getName().getValue() << "' is not a string";
  return success();
}

LogicalResult mlir::mint::verifyTFLiteExportable(ModuleOp module) {
  bool ok = succeeded(verifyMetadata(module));
  bool sawFunction = false;
  for (Operation &op : module.getBody()->getOperations()) {
    auto function = dyn_cast<func::FuncOp>(op);
    if (!function) {
      op.emitOpError("cannot be exported to TFLite: a model holds only "
                     "functions (subgraphs) at the top level");
      ok = false;
      continue;
    }
    sawFunction = true;
    if (failed(verifySignatures(function)))
      ok = false;
    if (function.isExternal() || !function.getBody().hasOneBlock()) {
      function.emitOpError("cannot be exported to TFLite: a subgraph needs "
                           "a body of one block");
      ok = false;
      continue;
    }
    for (auto [index, type] :
         llvm::enumerate(function.getFunctionType().getInputs()))
      if (failed(checkTensorType(function, type,
                                 "argument #" + std::to_string(index))))
        ok = false;
    function.walk([&](Operation *nested) {
      if (nested == function.getOperation())
        return;
      if (isa<func::ReturnOp>(nested)) {
        for (Value operand : nested->getOperands())
          if (isa<NoneType>(operand.getType())) {
            nested->emitOpError("returns an omitted value");
            ok = false;
          }
        return;
      }
      if (!isa<MintDialect>(nested->getDialect())) {
        nested->emitOpError("cannot be exported to TFLite: only mint ops "
                            "map to TFLite operators");
        ok = false;
        return;
      }
      for (auto [index, type] : llvm::enumerate(nested->getResultTypes()))
        if (failed(checkTensorType(nested, type,
                                   "result #" + std::to_string(index))))
          ok = false;
      if (isa<ConstOp, SparseConstOp>(nested)) {
        if (!isa<DenseElementsAttr>(nested->getAttr("value"))) {
          nested->emitOpError("cannot be exported to TFLite: its value must "
                              "be dense elements");
          ok = false;
        }
      } else if (auto fakeQuant = dyn_cast<FakeQuantOp>(nested)) {
        if (fakeQuant.getAxis() || fakeQuant.getMin().size() != 1) {
          fakeQuant.emitOpError("cannot be exported to TFLite: FAKE_QUANT "
                                "has one range per tensor, not per axis");
          ok = false;
        }
      } else if (!isa<CustomOp, NoValueOp>(nested) &&
                 !lookupBuiltinByMnemonic(nested->getName().stripDialect())) {
        nested->emitOpError("has no TFLite operator");
        ok = false;
      }
      if (!isa<CustomOp>(nested))
        for (Value operand : nested->getOperands())
          if (isa<NoneType>(operand.getType())) {
            nested->emitOpError("takes an omitted value; only mint.custom "
                                "can");
            ok = false;
          }
    });
  }
  if (!sawFunction) {
    module.emitError("cannot be exported to TFLite: it has no function");
    ok = false;
  }
  return success(ok);
}

//===----------------------------------------------------------------------===//
// ModelExporter
//===----------------------------------------------------------------------===//

namespace {

/// A tensor of a subgraph, ready to serialize.
struct TensorRecord {
  SmallVector<int32_t> shape;
  SmallVector<int32_t> shapeSignature; // empty unless a dimension is dynamic
  schema::TensorType type;
  uint32_t buffer = 0;
  std::string name;
  ExportedQuantization quantization;
  std::optional<EncodedSparseTensor> sparse;
  SparsityAttr sparsity;
};

/// An operator of a subgraph, ready to serialize.
struct OperatorRecord {
  uint32_t opcodeIndex;
  SmallVector<int32_t> inputs, outputs;
  Operation *op;
  schema::BuiltinOptions optionsType = schema::BuiltinOptions::NONE;
  /// For mint.custom of a builtin: the options dictionary.
  DictionaryAttr builtinOptions;
  std::string customOptions;
};

struct SubgraphRecord {
  std::string name;
  std::vector<TensorRecord> tensors;
  std::vector<OperatorRecord> operators;
  SmallVector<int32_t> inputs, outputs;
  func::FuncOp function;
};

/// The key of an operator code.
struct OperatorCodeKey {
  int32_t builtin;
  std::string custom;
  int32_t version;
  bool operator==(const OperatorCodeKey &other) const {
    return builtin == other.builtin && custom == other.custom &&
           version == other.version;
  }
};

class ModelExporter {
public:
  ModelExporter(ModuleOp module, const TFLiteExportOptions &options)
      : module(module), options(options) {}

  LogicalResult run(llvm::raw_ostream &output);

private:
  LogicalResult collectSubgraph(func::FuncOp function);
  FailureOr<int32_t> addConstant(Operation *constant, ElementsAttr value,
                                 SparsityAttr sparsity,
                                 SubgraphRecord &subgraph);
  LogicalResult addOperator(Operation *op, SubgraphRecord &subgraph);
  uint32_t addBuffer(ArrayRef<char> data);
  uint32_t getOperatorCode(OperatorCodeKey key);
  int32_t addTensor(SubgraphRecord &subgraph, Type type, std::string name,
                    DictionaryAttr info);

  template <typename T>
  flatbuffers::Offset<flatbuffers::Vector<T>>
  createSharedVector(ArrayRef<T> values, bool nullIfEmpty = true);
  flatbuffers::Offset<schema::Tensor> buildTensor(const TensorRecord &tensor);
  FailureOr<flatbuffers::Offset<schema::Operator>>
  buildOperator(const OperatorRecord &op);
  flatbuffers::Offset<schema::SignatureDef>
  buildSignature(DictionaryAttr signature, const SubgraphRecord &subgraph,
                 uint32_t subgraphIndex);

  ModuleOp module;
  const TFLiteExportOptions &options;
  flatbuffers::FlatBufferBuilder builder{1 << 20};

  std::vector<SubgraphRecord> subgraphs;
  /// Buffer contents; index 0 is the empty buffer.
  std::vector<ArrayRef<char>> buffers{ArrayRef<char>()};
  /// Storage for buffer contents that no attribute owns.
  std::deque<SmallVector<char>> ownedData;
  llvm::DenseMap<uint64_t, SmallVector<uint32_t, 1>> buffersByHash;
  std::vector<OperatorCodeKey> operatorCodes;
  DenseMap<Value, int32_t> tensorOf;
  /// Shapes and quantization parameters already written, by element size
  /// and bytes: a vector the file holds once however many tensors refer to
  /// it (per-channel zero points are all zero, one vector per channel
  /// count instead of one per weight and bias).
  llvm::StringMap<flatbuffers::uoffset_t> sharedVectors;
};

} // namespace

/// Returns the tensor facts (mint.tflite.tensor) of result `number` of `op`.
static DictionaryAttr getResultInfo(Operation *op, unsigned number) {
  auto infos = op->getAttrOfType<ArrayAttr>(tflite_attrs::kTensorInfo);
  if (!infos || infos.size() != op->getNumResults())
    return {};
  return dyn_cast<DictionaryAttr>(infos[number]);
}

SmallVector<std::string> mlir::mint::getTFLiteTensorNames(Location loc,
                                                          unsigned numResults) {
  SmallVector<std::string> names;
  if (auto name = dyn_cast<NameLoc>(loc)) {
    names.push_back(name.getName().str());
  } else if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location part : fused.getLocations())
      if (auto name = dyn_cast<NameLoc>(part))
        names.push_back(name.getName().str());
  }
  if (names.size() != numResults)
    names.clear();
  return names;
}

uint32_t ModelExporter::addBuffer(ArrayRef<char> data) {
  if (data.empty())
    return 0;
  uint64_t hash = llvm::xxh3_64bits(ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(data.data()), data.size()));
  SmallVector<uint32_t, 1> &candidates = buffersByHash[hash];
  for (uint32_t candidate : candidates)
    if (buffers[candidate] == data)
      return candidate;
  buffers.push_back(data);
  candidates.push_back(buffers.size() - 1);
  return buffers.size() - 1;
}

uint32_t ModelExporter::getOperatorCode(OperatorCodeKey key) {
  for (auto [index, code] : llvm::enumerate(operatorCodes))
    if (code == key)
      return index;
  operatorCodes.push_back(std::move(key));
  return operatorCodes.size() - 1;
}

int32_t ModelExporter::addTensor(SubgraphRecord &subgraph, Type type,
                                 std::string name, DictionaryAttr info) {
  auto tensorType = cast<RankedTensorType>(type);
  TensorRecord tensor;
  bool dynamic = false;
  for (int64_t size : tensorType.getShape()) {
    // TFLite writes 1 in the shape and -1 in the signature.
    dynamic |= ShapedType::isDynamic(size);
    tensor.shape.push_back(ShapedType::isDynamic(size) ? 1 : size);
    tensor.shapeSignature.push_back(ShapedType::isDynamic(size) ? -1 : size);
  }
  if (!dynamic)
    tensor.shapeSignature.clear();
  tensor.type = *exportElementType(tensorType.getElementType());
  tensor.name = std::move(name);
  tensor.quantization = exportQuantization(tensorType.getElementType(), info);
  subgraph.tensors.push_back(std::move(tensor));
  return subgraph.tensors.size() - 1;
}

FailureOr<int32_t> ModelExporter::addConstant(Operation *constant,
                                              ElementsAttr elements,
                                              SparsityAttr sparsity,
                                              SubgraphRecord &subgraph) {
  auto value = cast<DenseElementsAttr>(elements);
  auto type = cast<RankedTensorType>(constant->getResult(0).getType());
  SmallVector<std::string> names = getTFLiteTensorNames(constant->getLoc(), 1);
  int32_t index = addTensor(
      subgraph, type,
      names.empty() ? "const" + std::to_string(subgraph.tensors.size())
                    : names.front(),
      getResultInfo(constant, 0));

  // The row-major bytes TFLite stores.
  size_t elementSize = getTFLiteElementSize(subgraph.tensors[index].type);
  int64_t numElements = type.getNumElements();
  ArrayRef<char> data;
  if (value.getElementType().isInteger(1)) {
    SmallVector<char> &bytes = ownedData.emplace_back();
    for (bool bit : value.getValues<bool>())
      bytes.push_back(bit ? 1 : 0);
    data = bytes;
  } else if (value.isSplat()) {
    ArrayRef<char> element = value.getRawData();
    SmallVector<char> &bytes = ownedData.emplace_back();
    bytes.reserve(numElements * elementSize);
    for (int64_t i = 0; i < numElements; ++i)
      bytes.append(element.begin(), element.end());
    data = bytes;
  } else {
    data = value.getRawData();
  }
  if (data.size() != numElements * elementSize)
    return constant->emitOpError("holds ")
           << data.size() << " bytes where TFLite stores "
           << numElements * elementSize;

  if (sparsity) {
    EncodedSparseTensor encoded =
        encodeSparseTensor(sparsity, type.getShape(), elementSize, data);
    subgraph.tensors[index].buffer =
        addBuffer(ownedData.emplace_back(std::move(encoded.stored)));
    subgraph.tensors[index].sparse = std::move(encoded);
    subgraph.tensors[index].sparsity = sparsity;
  } else {
    subgraph.tensors[index].buffer = addBuffer(data);
  }
  return index;
}

LogicalResult ModelExporter::addOperator(Operation *op,
                                         SubgraphRecord &subgraph) {
  OperatorRecord record;
  record.op = op;
  for (Value operand : op->getOperands())
    record.inputs.push_back(tensorOf.lookup(operand));

  OperatorCodeKey key;
  if (auto custom = dyn_cast<CustomOp>(op)) {
    key.version = custom.getVersion();
    if (std::optional<uint32_t> builtin = custom.getBuiltinCode()) {
      key.builtin = static_cast<int32_t>(*builtin);
      if (StringAttr typeName = custom.getBuiltinOptionsTypeAttr()) {
        std::optional<schema::BuiltinOptions> type =
            lookupOptionsByName(typeName.getValue());
        if (!type)
          return custom.emitOpError("has unknown builtin_options_type '")
                 << typeName.getValue() << "'";
        record.optionsType = *type;
        record.builtinOptions = custom.getBuiltinOptionsAttr();
      }
    } else {
      key.builtin = static_cast<int32_t>(schema::BuiltinOperator::CUSTOM);
      key.custom = custom.getCustomCode().str();
      record.customOptions = custom.getCustomOptions().str();
    }
  } else {
    std::optional<BuiltinMapping> mapping =
        lookupBuiltinByMnemonic(op->getName().stripDialect());
    key.builtin = static_cast<int32_t>(mapping->code);
    key.version = computeOpVersion(op);
    record.optionsType = mapping->options;
    // An affine op without bias keeps its bias slot, marked -1.
    if (auto affine = dyn_cast<AffineQuantizedOpInterface>(op))
      if (!affine.getBiasOperandIndex())
        record.inputs.push_back(-1);
  }
  record.opcodeIndex = getOperatorCode(std::move(key));

  SmallVector<std::string> names =
      getTFLiteTensorNames(op->getLoc(), op->getNumResults());
  for (OpResult result : op->getResults()) {
    unsigned number = result.getResultNumber();
    std::string name;
    if (!names.empty())
      name = names[number];
    else
      name = op->getName().getStringRef().str() + ":" +
             std::to_string(subgraph.tensors.size());
    int32_t tensor =
        addTensor(subgraph, result.getType(), name, getResultInfo(op, number));
    tensorOf[result] = tensor;
    record.outputs.push_back(tensor);
  }
  subgraph.operators.push_back(std::move(record));
  return success();
}

LogicalResult ModelExporter::collectSubgraph(func::FuncOp function) {
  SubgraphRecord &subgraph = subgraphs.emplace_back();
  subgraph.name = function.getSymName().str();
  subgraph.function = function;
  Block &body = function.getBody().front();
  for (BlockArgument argument : body.getArguments()) {
    SmallVector<std::string> names = getTFLiteTensorNames(argument.getLoc(), 1);
    int32_t tensor = addTensor(
        subgraph, argument.getType(),
        names.empty() ? "arg" + std::to_string(argument.getArgNumber())
                      : names.front(),
        function.getArgAttrOfType<DictionaryAttr>(argument.getArgNumber(),
                                                  tflite_attrs::kTensorInfo));
    tensorOf[argument] = tensor;
    subgraph.inputs.push_back(tensor);
  }
  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (Value operand : ret.getOperands())
        subgraph.outputs.push_back(tensorOf.lookup(operand));
      continue;
    }
    if (auto noValue = dyn_cast<NoValueOp>(op)) {
      tensorOf[noValue.getResult()] = -1;
      continue;
    }
    if (isa<ConstOp, SparseConstOp>(op)) {
      auto sparse = dyn_cast<SparseConstOp>(op);
      ElementsAttr value =
          sparse ? sparse.getValue() : cast<ConstOp>(op).getValue();
      FailureOr<int32_t> tensor = addConstant(
          &op, value, sparse ? sparse.getSparsity() : SparsityAttr(), subgraph);
      if (failed(tensor))
        return failure();
      tensorOf[op.getResult(0)] = *tensor;
      continue;
    }
    if (failed(addOperator(&op, subgraph)))
      return failure();
  }
  return success();
}

template <typename T>
static flatbuffers::Offset<flatbuffers::Vector<T>>
createVectorOrNull(flatbuffers::FlatBufferBuilder &builder,
                   ArrayRef<T> values) {
  if (values.empty())
    return 0;
  return builder.CreateVector(values.data(), values.size());
}

/// Writes `values` as a vector of T wrapped in its union table (made by
/// `create`), 4-byte aligned as TFLite's sparse index vectors are.
template <typename T, typename CreateTable>
static flatbuffers::Offset<void>
buildNarrowIndexVector(flatbuffers::FlatBufferBuilder &builder,
                       ArrayRef<int32_t> values, CreateTable create) {
  SmallVector<T> narrow(values.begin(), values.end());
  builder.ForceVectorAlignment(narrow.size(), sizeof(T), 4);
  auto vector = builder.CreateVector(narrow.data(), narrow.size());
  return create(builder, vector).Union();
}

/// Writes a sparse index array in the smallest type that holds it.
static std::pair<schema::SparseIndexVector, flatbuffers::Offset<void>>
buildIndexVector(flatbuffers::FlatBufferBuilder &builder,
                 ArrayRef<int32_t> values) {
  int32_t maxValue = 0;
  for (int32_t value : values)
    maxValue = std::max(maxValue, value);
  if (maxValue <= std::numeric_limits<uint8_t>::max())
    return {schema::SparseIndexVector::Uint8Vector,
            buildNarrowIndexVector<uint8_t>(builder, values,
                                            schema::CreateUint8Vector)};
  if (maxValue <= std::numeric_limits<uint16_t>::max())
    return {schema::SparseIndexVector::Uint16Vector,
            buildNarrowIndexVector<uint16_t>(builder, values,
                                             schema::CreateUint16Vector)};
  auto vector = builder.CreateVector(values.data(), values.size());
  return {schema::SparseIndexVector::Int32Vector,
          schema::CreateInt32Vector(builder, vector).Union()};
}

template <typename T>
flatbuffers::Offset<flatbuffers::Vector<T>>
ModelExporter::createSharedVector(ArrayRef<T> values, bool nullIfEmpty) {
  if (values.empty() && nullIfEmpty)
    return 0;
  std::string key(1, static_cast<char>(sizeof(T)));
  key.append(reinterpret_cast<const char *>(values.data()),
             values.size() * sizeof(T));
  auto [it, inserted] = sharedVectors.try_emplace(key, 0);
  if (inserted)
    it->second = builder.CreateVector(values.data(), values.size()).o;
  return flatbuffers::Offset<flatbuffers::Vector<T>>(it->second);
}

flatbuffers::Offset<schema::Tensor>
ModelExporter::buildTensor(const TensorRecord &tensor) {
  flatbuffers::Offset<schema::QuantizationParameters> quantization;
  const ExportedQuantization &q = tensor.quantization;
  if (!q.empty()) {
    flatbuffers::Offset<void> details;
    schema::QuantizationDetails detailsType = schema::QuantizationDetails::NONE;
    if (q.custom) {
      builder.ForceVectorAlignment(q.custom->size(), sizeof(uint8_t), 16);
      auto bytes = builder.CreateVector(
          reinterpret_cast<const uint8_t *>(q.custom->data()),
          q.custom->size());
      details = schema::CreateCustomQuantization(builder, bytes).Union();
      detailsType = schema::QuantizationDetails::CustomQuantization;
    }
    quantization = schema::CreateQuantizationParameters(
        builder, createSharedVector<float>(q.min),
        createSharedVector<float>(q.max), createSharedVector<float>(q.scale),
        createSharedVector<int64_t>(q.zeroPoint), detailsType, details,
        q.quantizedDimension);
  }
  flatbuffers::Offset<schema::SparsityParameters> sparsity;
  if (tensor.sparse) {
    std::vector<flatbuffers::Offset<schema::DimensionMetadata>> levels;
    for (const EncodedLevel &level : tensor.sparse->levels) {
      if (!level.sparse) {
        levels.push_back(schema::CreateDimensionMetadata(
            builder, schema::DimensionType::DENSE, level.denseSize));
        continue;
      }
      auto segments = buildIndexVector(builder, level.segments);
      auto indices = buildIndexVector(builder, level.indices);
      levels.push_back(schema::CreateDimensionMetadata(
          builder, schema::DimensionType::SPARSE_CSR, 0, segments.first,
          segments.second, indices.first, indices.second));
    }
    sparsity = schema::CreateSparsityParameters(
        builder,
        createVectorOrNull<int32_t>(builder,
                                    tensor.sparsity.getTraversalOrder()),
        createVectorOrNull<int32_t>(builder, tensor.sparsity.getBlockMap()),
        builder.CreateVector(levels));
  }
  return schema::CreateTensor(
      builder, createSharedVector<int32_t>(tensor.shape, /*nullIfEmpty=*/false),
      tensor.type, tensor.buffer, builder.CreateSharedString(tensor.name),
      quantization, /*is_variable=*/false, sparsity,
      createSharedVector<int32_t>(tensor.shapeSignature), /*has_rank=*/true);
}

FailureOr<flatbuffers::Offset<schema::Operator>>
ModelExporter::buildOperator(const OperatorRecord &record) {
  Operation *op = record.op;
  auto emitOpError = [&] { return op->emitOpError(); };
  flatbuffers::Offset<void> options;
  if (record.optionsType != schema::BuiltinOptions::NONE) {
    std::function<Attribute(StringRef)> lookup;
    if (record.builtinOptions) {
      DictionaryAttr fields = record.builtinOptions;
      lookup = [fields](StringRef name) { return fields.get(name); };
    } else {
      lookup = [op](StringRef name) -> Attribute {
        std::optional<Attribute> attr = op->getInherentAttr(name);
        if (!attr || !*attr)
          return {};
        // FAKE_QUANT's single range from mint.fake_quant's arrays.
        if (auto range = dyn_cast<DenseF32ArrayAttr>(*attr))
          if (isa<FakeQuantOp>(op) && range.size() == 1)
            return FloatAttr::get(Float32Type::get(op->getContext()), range[0]);
        return *attr;
      };
    }
    FailureOr<flatbuffers::Offset<void>> built =
        exportOptions(record.optionsType, lookup, builder, emitOpError);
    if (failed(built))
      return failure();
    options = *built;
  }
  flatbuffers::Offset<flatbuffers::Vector<uint8_t>> customOptions;
  if (!record.customOptions.empty())
    customOptions = builder.CreateVector(
        reinterpret_cast<const uint8_t *>(record.customOptions.data()),
        record.customOptions.size());
  return schema::CreateOperator(
      builder, record.opcodeIndex,
      builder.CreateVector(record.inputs.data(), record.inputs.size()),
      builder.CreateVector(record.outputs.data(), record.outputs.size()),
      record.optionsType, options, customOptions);
}

flatbuffers::Offset<schema::SignatureDef>
ModelExporter::buildSignature(DictionaryAttr signature,
                              const SubgraphRecord &subgraph,
                              uint32_t subgraphIndex) {
  auto buildMaps = [&](StringRef key, ArrayRef<int32_t> ends) {
    std::vector<flatbuffers::Offset<schema::TensorMap>> maps;
    if (auto entries = signature.getAs<ArrayAttr>(key)) {
      for (Attribute entry : entries) {
        auto pair = cast<ArrayAttr>(entry);
        StringRef name = cast<StringAttr>(pair[0]).getValue();
        int64_t position = cast<IntegerAttr>(pair[1]).getInt();
        maps.push_back(schema::CreateTensorMap(
            builder, builder.CreateSharedString(name.data(), name.size()),
            ends[position]));
      }
    }
    return builder.CreateVector(maps);
  };
  auto inputs = buildMaps("inputs", subgraph.inputs);
  auto outputs = buildMaps("outputs", subgraph.outputs);
  StringRef key = signature.getAs<StringAttr>("key").getValue();
  flatbuffers::Offset<flatbuffers::String> tag;
  if (auto tagAttr = signature.getAs<StringAttr>("tag"))
    tag = builder.CreateString(tagAttr.getValue().data(), tagAttr.size());
  return schema::CreateSignatureDef(
      builder, inputs, outputs, builder.CreateString(key.data(), key.size()),
      tag, subgraphIndex);
}

LogicalResult ModelExporter::run(llvm::raw_ostream &output) {
  if (failed(verifyTFLiteExportable(module)))
    return failure();
  for (func::FuncOp function : module.getOps<func::FuncOp>())
    if (failed(collectSubgraph(function)))
      return failure();

  // Metadata buffers follow the constants.
  SmallVector<std::pair<std::string, uint32_t>> metadata;
  if (auto entries =
          module->getAttrOfType<DictionaryAttr>(tflite_attrs::kMetadata)) {
    for (NamedAttribute entry : entries) {
      auto bytes = cast<StringAttr>(entry.getValue());
      // Metadata keeps a buffer even when empty.
      uint32_t buffer = bytes.getValue().empty()
                            ? (buffers.push_back({}), buffers.size() - 1)
                            : addBuffer(ArrayRef<char>(bytes.getValue().data(),
                                                       bytes.size()));
      metadata.push_back({entry.getName().str(), buffer});
    }
  }

  // Buffers go after the flatbuffer when they would overflow it.
  uint64_t totalData = 0;
  for (ArrayRef<char> data : buffers)
    totalData += data.size();
  bool external = totalData > options.externalBufferThreshold;

  std::vector<flatbuffers::Offset<schema::Buffer>> bufferOffsets;
  for (ArrayRef<char> data : buffers) {
    if (data.empty()) {
      bufferOffsets.push_back(schema::CreateBuffer(builder));
    } else if (external) {
      // Offsets are patched once the flatbuffer's size is known; 1 is a
      // placeholder that keeps the field present.
      bufferOffsets.push_back(
          schema::CreateBuffer(builder, 0, /*offset=*/1, data.size()));
    } else {
      builder.ForceVectorAlignment(data.size(), sizeof(uint8_t), 16);
      auto bytes = builder.CreateVector(
          reinterpret_cast<const uint8_t *>(data.data()), data.size());
      bufferOffsets.push_back(schema::CreateBuffer(builder, bytes));
    }
  }

  std::vector<flatbuffers::Offset<schema::SubGraph>> subgraphOffsets;
  std::vector<flatbuffers::Offset<schema::SignatureDef>> signatureOffsets;
  for (auto [index, subgraph] : llvm::enumerate(subgraphs)) {
    std::vector<flatbuffers::Offset<schema::Tensor>> tensors;
    for (const TensorRecord &tensor : subgraph.tensors)
      tensors.push_back(buildTensor(tensor));
    std::vector<flatbuffers::Offset<schema::Operator>> operators;
    for (const OperatorRecord &op : subgraph.operators) {
      auto built = buildOperator(op);
      if (failed(built))
        return failure();
      operators.push_back(*built);
    }
    subgraphOffsets.push_back(schema::CreateSubGraph(
        builder, builder.CreateVector(tensors),
        builder.CreateVector(subgraph.inputs.data(), subgraph.inputs.size()),
        builder.CreateVector(subgraph.outputs.data(), subgraph.outputs.size()),
        builder.CreateVector(operators), builder.CreateString(subgraph.name)));
    if (auto signatures = subgraph.function->getAttrOfType<ArrayAttr>(
            tflite_attrs::kSignatures))
      for (Attribute signature : signatures)
        signatureOffsets.push_back(
            buildSignature(cast<DictionaryAttr>(signature), subgraph, index));
  }

  std::vector<flatbuffers::Offset<schema::OperatorCode>> codeOffsets;
  for (const OperatorCodeKey &code : operatorCodes) {
    int32_t deprecated = std::min<int32_t>(
        code.builtin,
        static_cast<int32_t>(
            schema::BuiltinOperator::PLACEHOLDER_FOR_GREATER_OP_CODES));
    codeOffsets.push_back(schema::CreateOperatorCode(
        builder, static_cast<int8_t>(deprecated),
        code.custom.empty() ? 0 : builder.CreateString(code.custom),
        code.version, static_cast<schema::BuiltinOperator>(code.builtin)));
  }

  std::vector<flatbuffers::Offset<schema::Metadata>> metadataOffsets;
  for (auto &[name, buffer] : metadata)
    metadataOffsets.push_back(
        schema::CreateMetadata(builder, builder.CreateString(name), buffer));
  flatbuffers::Offset<flatbuffers::Vector<int32_t>> metadataBuffer;
  if (auto list = module->getAttrOfType<DenseI32ArrayAttr>(
          tflite_attrs::kMetadataBuffer))
    metadataBuffer = createVectorOrNull<int32_t>(builder, list.asArrayRef());
  std::string description = "Mint";
  if (auto text = module->getAttrOfType<StringAttr>(tflite_attrs::kDescription))
    description = text.str();

  auto model = schema::CreateModel(
      builder, kTFLiteSchemaVersion, builder.CreateVector(codeOffsets),
      builder.CreateVector(subgraphOffsets), builder.CreateString(description),
      builder.CreateVector(bufferOffsets), metadataBuffer,
      metadataOffsets.empty() ? 0 : builder.CreateVector(metadataOffsets),
      signatureOffsets.empty() ? 0 : builder.CreateVector(signatureOffsets));
  schema::FinishModelBuffer(builder, model);

  // Nothing can fail from here on, so a failure above has written nothing.
  if (!external) {
    output.write(reinterpret_cast<const char *>(builder.GetBufferPointer()),
                 builder.GetSize());
    return success();
  }
  // Place each buffer after the flatbuffer, 16-byte aligned, and point the
  // Buffer tables at it.
  std::vector<uint8_t> flatbuffer(builder.GetBufferPointer(),
                                  builder.GetBufferPointer() +
                                      builder.GetSize());
  schema::Model *mutableModel = schema::GetMutableModel(flatbuffer.data());
  uint64_t offset = (flatbuffer.size() + 15) & ~uint64_t(15);
  std::vector<uint64_t> placement(buffers.size(), 0);
  for (auto [index, data] : llvm::enumerate(buffers)) {
    if (data.empty())
      continue;
    placement[index] = offset;
    mutableModel->mutable_buffers()->GetMutableObject(index)->mutate_offset(
        offset);
    offset = (offset + data.size() + 15) & ~uint64_t(15);
  }
  output.write(reinterpret_cast<const char *>(flatbuffer.data()),
               flatbuffer.size());
  uint64_t written = flatbuffer.size();
  static const char kZeros[16] = {};
  for (auto [index, data] : llvm::enumerate(buffers)) {
    if (data.empty())
      continue;
    output.write(kZeros, placement[index] - written);
    output.write(data.data(), data.size());
    written = placement[index] + data.size();
  }
  return success();
}

LogicalResult
mlir::mint::exportTFLiteModel(ModuleOp module, llvm::raw_ostream &output,
                              const TFLiteExportOptions &options) {
  return ModelExporter(module, options).run(output);
}
