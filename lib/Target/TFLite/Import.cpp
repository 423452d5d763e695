//===- Import.cpp - Import TFLite flatbuffers into MLIR -------------------===//
//
// Turns a .tflite model into a module of mint ops: each subgraph becomes a
// func.func, each operator a mint op with its options as attributes (or a
// mint.custom keeping a custom or unmodelled operator verbatim), each
// constant tensor a mint.const (sparse ones keep their encoding), each
// tensor name a NameLoc, and model-level facts (description, metadata,
// signatures) attributes. The file is verified before anything is read, and
// every problem is reported with the file, subgraph, operator or tensor.
//
//===----------------------------------------------------------------------===//

#include "mint/Target/TFLite/TFLite.h"

#include "OptionsMapping.h"
#include "Schema.h"
#include "Sparsity.h"
#include "TypeMapping.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Dialect/Mint/IR/ShapeRules.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::mint;

namespace {

/// An operator code with its builtin resolved.
struct OperatorCodeInfo {
  int32_t builtin;
  StringRef customCode;
  int32_t version;
};

/// The type of a tensor and the facts it does not carry.
struct TensorTypeInfo {
  RankedTensorType type;
  DictionaryAttr info;
  /// The file gives no shape and does not say the tensor is ranked
  /// (`has_rank` false): a scalar, or a shape the converter left for the
  /// runtime to work out (TensorFlow's converter writes such outputs for
  /// the QUANTIZE of a fake-quantized weight).
  bool shapeMaybeUnknown = false;
};

class ModelImporter {
public:
  ModelImporter(llvm::MemoryBufferRef buffer, MLIRContext *context,
                const TFLiteImportOptions &options)
      : bytes(buffer.getBufferStart(), buffer.getBufferSize()),
        context(context), fileName(options.fileName),
        fileLoc(FileLineColLoc::get(context, options.fileName, 0, 0)),
        builder(context) {}

  OwningOpRef<ModuleOp> run();

private:
  /// Emits an error about the file as a whole.
  InFlightDiagnostic emitFileError() { return emitError(fileLoc); }

  LogicalResult verifyFlatbuffer();
  LogicalResult readBuffers();
  LogicalResult readOperatorCodes();
  LogicalResult importModelAttributes(ModuleOp module);
  LogicalResult importSignatures(ArrayRef<func::FuncOp> functions);
  LogicalResult verifyImported(ModuleOp module);
  FailureOr<func::FuncOp> importSubgraph(unsigned index, StringRef name);

  const uint8_t *data() const {
    return reinterpret_cast<const uint8_t *>(bytes.data());
  }

  ArrayRef<char> bytes;
  MLIRContext *context;
  std::string fileName;
  Location fileLoc;
  OpBuilder builder;
  const schema::Model *model = nullptr;
  std::vector<ArrayRef<char>> buffers;
  std::vector<OperatorCodeInfo> operatorCodes;
};

/// Imports one subgraph into a function.
class SubgraphImporter {
public:
  SubgraphImporter(const schema::SubGraph &subgraph, unsigned index,
                   MLIRContext *context, Location fileLoc,
                   ArrayRef<ArrayRef<char>> buffers,
                   ArrayRef<OperatorCodeInfo> operatorCodes,
                   ArrayRef<char> file)
      : subgraph(subgraph), index(index), context(context), fileLoc(fileLoc),
        buffers(buffers), operatorCodes(operatorCodes), file(file),
        builder(context) {}

  FailureOr<func::FuncOp> run(StringRef name);

private:
  InFlightDiagnostic emitSubgraphError() {
    InFlightDiagnostic diag = emitError(fileLoc);
    diag << "subgraph " << index << ": ";
    return diag;
  }
  InFlightDiagnostic emitTensorError(int64_t tensor);
  InFlightDiagnostic emitOperatorError(int64_t op, int32_t builtin,
                                       StringRef customCode);

  size_t numTensors() const {
    return subgraph.tensors() ? subgraph.tensors()->size() : 0;
  }
  const schema::Tensor *getTensor(int64_t index) const {
    return subgraph.tensors()->Get(index);
  }
  StringRef getTensorName(int64_t tensor) const;
  Location getTensorLoc(int64_t tensor) const;

  FailureOr<TensorTypeInfo> getTensorType(int64_t tensor);
  /// Gives the results of `op` whose tensors have no shape in the file the
  /// shape TFLite's shape rules give them (the runtime resizes them so).
  LogicalResult inferUnknownShapes(Operation *op, ArrayRef<int32_t> outputs);
  FailureOr<Value> getOrCreateValue(int64_t tensor, int64_t reader);
  FailureOr<Value> createConstant(int64_t tensor);
  FailureOr<Operation *> createOperator(int64_t opIndex,
                                        const schema::Operator &op);
  FailureOr<Operation *> createMintOp(int64_t opIndex,
                                      const schema::Operator &op,
                                      const BuiltinMapping &mapping,
                                      ArrayRef<int32_t> inputs,
                                      TypeRange resultTypes, Location loc);
  FailureOr<Operation *> createCustomOp(int64_t opIndex,
                                        const schema::Operator &op,
                                        const OperatorCodeInfo &code,
                                        ArrayRef<int32_t> inputs,
                                        TypeRange resultTypes, Location loc);

  const schema::SubGraph &subgraph;
  unsigned index;
  MLIRContext *context;
  Location fileLoc;
  ArrayRef<ArrayRef<char>> buffers;
  ArrayRef<OperatorCodeInfo> operatorCodes;
  ArrayRef<char> file;
  OpBuilder builder;
  std::vector<Value> values;
  std::vector<std::optional<TensorTypeInfo>> types;
};

} // namespace

//===----------------------------------------------------------------------===//
// ModelImporter
//===----------------------------------------------------------------------===//

LogicalResult ModelImporter::verifyFlatbuffer() {
  if (bytes.size() < 8) {
    emitFileError() << "is too small to be a TFLite model (" << bytes.size()
                    << " bytes)";
    return failure();
  }
  if (!schema::ModelBufferHasIdentifier(data())) {
    emitFileError() << "is not a TFLite model (no TFL3 file identifier)";
    return failure();
  }
  // The flatbuffer proper is at most 2 GB; larger models keep buffer data
  // after it.
  size_t flatbufferSize =
      std::min<size_t>(bytes.size(), FLATBUFFERS_MAX_BUFFER_SIZE - 1);
  flatbuffers::Verifier::Options verifierOptions;
  verifierOptions.max_depth = 128;
  verifierOptions.max_tables = size_t(1) << 28;
  verifierOptions.check_alignment = true;
  flatbuffers::Verifier verifier(data(), flatbufferSize, verifierOptions);
  if (!schema::VerifyModelBuffer(verifier)) {
    emitFileError() << "is truncated or corrupt: its flatbuffer does not "
                       "verify against the TFLite schema";
    return failure();
  }
  model = schema::GetModel(data());
  if (model->version() != kTFLiteSchemaVersion) {
    emitFileError() << "has schema version " << model->version()
                    << "; Mint reads version " << kTFLiteSchemaVersion;
    return failure();
  }
  if ((model->external_buffer_groups() &&
       model->external_buffer_groups()->size()) ||
      (model->external_buffers() && model->external_buffers()->size())) {
    emitFileError() << "uses external buffer files, which Mint does not "
                       "support";
    return failure();
  }
  return success();
}

LogicalResult ModelImporter::readBuffers() {
  if (!model->buffers())
    return success();
  for (auto [index, buffer] : llvm::enumerate(*model->buffers())) {
    if (!buffer) {
      buffers.emplace_back();
      continue;
    }
    // offset > 1 marks data stored after the flatbuffer.
    if (buffer->offset() > 1) {
      uint64_t offset = buffer->offset(), size = buffer->size();
      if (offset > bytes.size() || size > bytes.size() - offset) {
        emitFileError() << "buffer " << index << " spans bytes [" << offset
                        << ", " << offset + size << ") beyond the end of the "
                        << bytes.size() << "-byte file";
        return failure();
      }
      buffers.push_back(bytes.slice(offset, size));
      continue;
    }
    if (const flatbuffers::Vector<uint8_t> *data = buffer->data())
      buffers.emplace_back(reinterpret_cast<const char *>(data->data()),
                           data->size());
    else
      buffers.emplace_back();
  }
  return success();
}

LogicalResult ModelImporter::readOperatorCodes() {
  if (!model->operator_codes())
    return success();
  for (const schema::OperatorCode *code : *model->operator_codes()) {
    if (!code) {
      emitFileError() << "has an empty operator code";
      return failure();
    }
    StringRef custom;
    if (code->custom_code())
      custom = toStringRef(code->custom_code());
    operatorCodes.push_back({getBuiltinCode(*code), custom, code->version()});
  }
  return success();
}

LogicalResult ModelImporter::importModelAttributes(ModuleOp module) {
  if (model->description())
    module->setAttr(tflite_attrs::kDescription,
                    builder.getStringAttr(toStringRef(model->description())));
  if (model->metadata_buffer() && model->metadata_buffer()->size())
    module->setAttr(
        tflite_attrs::kMetadataBuffer,
        builder.getDenseI32ArrayAttr(readScalars(model->metadata_buffer())));
  if (!model->metadata() || model->metadata()->size() == 0)
    return success();
  NamedAttrList metadata;
  for (const schema::Metadata *entry : *model->metadata()) {
    if (!entry || !entry->name()) {
      emitFileError() << "has a metadata entry without a name";
      return failure();
    }
    StringRef name = toStringRef(entry->name());
    if (entry->buffer() >= buffers.size()) {
      emitFileError() << "metadata '" << name << "' refers to buffer "
                      << entry->buffer() << " of " << buffers.size();
      return failure();
    }
    if (metadata.get(name)) {
      emitFileError() << "has two metadata entries named '" << name << "'";
      return failure();
    }
    ArrayRef<char> data = buffers[entry->buffer()];
    metadata.set(name,
                 builder.getStringAttr(StringRef(data.data(), data.size())));
  }
  module->setAttr(tflite_attrs::kMetadata, metadata.getDictionary(context));
  return success();
}

LogicalResult
ModelImporter::importSignatures(ArrayRef<func::FuncOp> functions) {
  if (!model->signature_defs())
    return success();
  SmallVector<SmallVector<Attribute>> signatures(functions.size());
  for (const schema::SignatureDef *signature : *model->signature_defs()) {
    if (!signature)
      continue;
    StringRef key = toStringRef(signature->signature_key());
    unsigned subgraphIndex = signature->subgraph_index();
    if (subgraphIndex >= functions.size()) {
      emitFileError() << "signature '" << key << "' refers to subgraph "
                      << subgraphIndex << " of " << functions.size();
      return failure();
    }
    const schema::SubGraph *subgraph = model->subgraphs()->Get(subgraphIndex);
    // Maps each tensor name of a signature to the position of its tensor
    // among the subgraph's inputs (or outputs).
    auto mapTensors =
        [&](const flatbuffers::Vector<flatbuffers::Offset<schema::TensorMap>>
                *maps,
            const flatbuffers::Vector<int32_t> *ends,
            StringRef what) -> FailureOr<ArrayAttr> {
      SmallVector<Attribute> entries;
      if (!maps)
        return builder.getArrayAttr(entries);
      for (const schema::TensorMap *map : *maps) {
        if (!map)
          continue;
        StringRef name = toStringRef(map->name());
        std::optional<unsigned> position;
        if (ends)
          for (auto [i, tensor] : llvm::enumerate(*ends))
            if (tensor >= 0 &&
                static_cast<uint32_t>(tensor) == map->tensor_index())
              position = i;
        if (!position) {
          emitFileError() << "signature '" << key << "' " << what << " '"
                          << name << "' refers to tensor "
                          << map->tensor_index() << ", which is not an " << what
                          << " of subgraph " << subgraphIndex;
          return failure();
        }
        entries.push_back(
            builder.getArrayAttr({builder.getStringAttr(name),
                                  builder.getI32IntegerAttr(*position)}));
      }
      return builder.getArrayAttr(entries);
    };
    auto inputs = mapTensors(signature->inputs(), subgraph->inputs(), "input");
    auto outputs =
        mapTensors(signature->outputs(), subgraph->outputs(), "output");
    if (failed(inputs) || failed(outputs))
      return failure();
    NamedAttrList entry;
    entry.set("key", builder.getStringAttr(key));
    entry.set("inputs", *inputs);
    entry.set("outputs", *outputs);
    if (signature->deprecated_tag() && signature->deprecated_tag()->size())
      entry.set("tag", builder.getStringAttr(
                           toStringRef(signature->deprecated_tag())));
    signatures[subgraphIndex].push_back(entry.getDictionary(context));
  }
  for (auto [function, entries] : llvm::zip(functions, signatures))
    if (!entries.empty())
      function->setAttr(tflite_attrs::kSignatures,
                        builder.getArrayAttr(entries));
  return success();
}

FailureOr<func::FuncOp> ModelImporter::importSubgraph(unsigned index,
                                                      StringRef name) {
  SubgraphImporter importer(*model->subgraphs()->Get(index), index, context,
                            fileLoc, buffers, operatorCodes, bytes);
  return importer.run(name);
}

OwningOpRef<ModuleOp> ModelImporter::run() {
  context->loadDialect<MintDialect, func::FuncDialect, quant::QuantDialect>();
  if (failed(verifyFlatbuffer()) || failed(readBuffers()) ||
      failed(readOperatorCodes()))
    return nullptr;
  if (!model->subgraphs() || model->subgraphs()->size() == 0) {
    emitFileError() << "has no subgraphs";
    return nullptr;
  }
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  if (failed(importModelAttributes(*module)))
    return nullptr;

  // Function names: the subgraph's own name when it is unique, else one
  // made from its index ("main" for the entry subgraph).
  llvm::StringSet<> names;
  SmallVector<func::FuncOp> functions;
  builder.setInsertionPointToEnd(module->getBody());
  for (unsigned index = 0; index < model->subgraphs()->size(); ++index) {
    const schema::SubGraph *subgraph = model->subgraphs()->Get(index);
    if (!subgraph) {
      emitFileError() << "subgraph " << index << " is empty";
      return nullptr;
    }
    std::string name;
    if (subgraph->name() && subgraph->name()->size())
      name = subgraph->name()->str();
    else
      name = index == 0 ? "main" : "subgraph" + std::to_string(index);
    if (!names.insert(name).second)
      name += "_" + std::to_string(index);
    names.insert(name);
    FailureOr<func::FuncOp> function = importSubgraph(index, name);
    if (failed(function))
      return nullptr;
    module->getBody()->push_back(*function);
    functions.push_back(*function);
  }
  if (failed(importSignatures(functions)))
    return nullptr;
  if (failed(verifyImported(*module)))
    return nullptr;
  return module;
}

LogicalResult ModelImporter::verifyImported(ModuleOp module) {
  // Verifier errors name the tensor the op writes (its NameLoc), in one
  // line: "<file>: tensor '<name>': <what the verifier says>".
  bool reemitting = false;
  ScopedDiagnosticHandler handler(context, [&](Diagnostic &diag) {
    if (reemitting || diag.getSeverity() != DiagnosticSeverity::Error)
      return failure();
    std::string name;
    diag.getLocation()->walk([&](Location loc) {
      if (auto nameLoc = dyn_cast<NameLoc>(loc)) {
        name = nameLoc.getName().str();
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    reemitting = true;
    InFlightDiagnostic error = emitFileError();
    if (!name.empty())
      error << "tensor '" << name << "': ";
    error << diag.str();
    error.report();
    reemitting = false;
    return success();
  });
  return verify(module);
}

//===----------------------------------------------------------------------===//
// SubgraphImporter
//===----------------------------------------------------------------------===//

StringRef SubgraphImporter::getTensorName(int64_t tensor) const {
  const schema::Tensor *record = getTensor(tensor);
  if (record && record->name())
    return toStringRef(record->name());
  return {};
}

Location SubgraphImporter::getTensorLoc(int64_t tensor) const {
  StringRef name = getTensorName(tensor);
  if (name.empty())
    return fileLoc;
  return NameLoc::get(StringAttr::get(context, name), fileLoc);
}

InFlightDiagnostic SubgraphImporter::emitTensorError(int64_t tensor) {
  InFlightDiagnostic diag = emitSubgraphError();
  diag << "tensor " << tensor;
  if (!getTensorName(tensor).empty())
    diag << " ('" << getTensorName(tensor) << "')";
  diag << " ";
  return diag;
}

InFlightDiagnostic SubgraphImporter::emitOperatorError(int64_t op,
                                                       int32_t builtin,
                                                       StringRef customCode) {
  InFlightDiagnostic diag = emitSubgraphError();
  diag << "operator " << op << " (";
  if (!customCode.empty())
    diag << customCode;
  else if (!getBuiltinName(builtin).empty())
    diag << getBuiltinName(builtin);
  else
    diag << "builtin " << builtin;
  diag << ") ";
  return diag;
}

FailureOr<TensorTypeInfo> SubgraphImporter::getTensorType(int64_t tensor) {
  if (types[tensor])
    return *types[tensor];
  const schema::Tensor *record = getTensor(tensor);
  if (!record) {
    emitTensorError(tensor) << "is empty";
    return failure();
  }
  if (record->is_variable()) {
    emitTensorError(tensor) << "is a variable tensor; Mint does not support "
                               "stateful models";
    return failure();
  }
  if (record->variant_tensors() && record->variant_tensors()->size()) {
    emitTensorError(tensor) << "is a variant tensor, which Mint does not "
                               "support";
    return failure();
  }
  if (record->external_buffer()) {
    emitTensorError(tensor) << "uses an external buffer, which Mint does not "
                               "support";
    return failure();
  }
  SmallVector<int64_t> shape;
  if (record->shape())
    shape.assign(record->shape()->begin(), record->shape()->end());
  if (record->shape_signature() && record->shape_signature()->size()) {
    if (record->shape_signature()->size() != shape.size()) {
      emitTensorError(tensor) << "has a shape signature of rank "
                              << record->shape_signature()->size()
                              << " for a shape of rank " << shape.size();
      return failure();
    }
    for (auto [dim, size] : llvm::enumerate(*record->shape_signature()))
      if (size == -1)
        shape[dim] = ShapedType::kDynamic;
  }
  for (int64_t size : shape) {
    if (size < 0 && !ShapedType::isDynamic(size)) {
      emitTensorError(tensor) << "has negative dimension " << size;
      return failure();
    }
  }
  FailureOr<ImportedElementType> element = importElementType(
      *record, context, [&] { return emitTensorError(tensor); });
  if (failed(element))
    return failure();
  TensorTypeInfo info{RankedTensorType::get(shape, element->type),
                      element->info};
  info.shapeMaybeUnknown =
      shape.empty() && !record->has_rank() &&
      !(record->shape_signature() && record->shape_signature()->size());
  types[tensor] = info;
  return info;
}

FailureOr<Value> SubgraphImporter::createConstant(int64_t tensor) {
  FailureOr<TensorTypeInfo> typeInfo = getTensorType(tensor);
  if (failed(typeInfo))
    return failure();
  RankedTensorType type = typeInfo->type;
  const schema::Tensor *record = getTensor(tensor);
  ArrayRef<char> data = buffers[record->buffer()];
  if (!type.hasStaticShape()) {
    emitTensorError(tensor) << "is a constant with a dynamic shape";
    return failure();
  }
  size_t elementSize = getTFLiteElementSize(record->type());
  // Guard against shapes whose element count overflows.
  uint64_t numElements = 1;
  for (int64_t size : type.getShape()) {
    if (size != 0 && numElements > (uint64_t(1) << 40) / uint64_t(size)) {
      emitTensorError(tensor) << "has too many elements";
      return failure();
    }
    numElements *= size;
  }

  SmallVector<char> decoded;
  SparsityAttr sparsity;
  if (const schema::SparsityParameters *parameters = record->sparsity()) {
    // A sparse tensor expands at most this much over what the file stores.
    uint64_t denseBytes = numElements * elementSize;
    if (denseBytes > uint64_t(4096) * (data.size() + 1024) ||
        denseBytes > (uint64_t(1) << 34)) {
      emitTensorError(tensor)
          << "is a sparse constant of " << denseBytes << " bytes stored in "
          << data.size() << "; the expansion is implausible";
      return failure();
    }
    FailureOr<DecodedSparseTensor> dense =
        decodeSparseTensor(*parameters, type.getShape(), elementSize, data,
                           context, [&] { return emitTensorError(tensor); });
    if (failed(dense))
      return failure();
    decoded = std::move(dense->dense);
    data = decoded;
    sparsity = dense->sparsity;
  } else if (data.size() != numElements * elementSize) {
    emitTensorError(tensor)
        << "of type " << type << " needs " << numElements * elementSize
        << " bytes, but buffer " << record->buffer() << " holds "
        << data.size();
    return failure();
  }

  auto storageType = RankedTensorType::get(
      type.getShape(), getStorageType(type.getElementType()));
  DenseElementsAttr value;
  if (storageType.getElementType().isInteger(1)) {
    SmallVector<bool> bits;
    for (char byte : data)
      bits.push_back(byte != 0);
    value = DenseElementsAttr::get(storageType, bits);
  } else {
    bool detectedSplat = false;
    if (!DenseElementsAttr::isValidRawBuffer(storageType, data,
                                             detectedSplat)) {
      emitTensorError(tensor) << "has a buffer that does not hold " << type;
      return failure();
    }
    value = DenseElementsAttr::getFromRawBuffer(storageType, data);
  }
  Operation *constant =
      sparsity ? SparseConstOp::create(builder, getTensorLoc(tensor), type,
                                       value, sparsity)
                     .getOperation()
               : ConstOp::create(builder, getTensorLoc(tensor), type, value)
                     .getOperation();
  if (typeInfo->info)
    constant->setAttr(tflite_attrs::kTensorInfo,
                      builder.getArrayAttr({typeInfo->info}));
  return constant->getResult(0);
}

FailureOr<Value> SubgraphImporter::getOrCreateValue(int64_t tensor,
                                                    int64_t reader) {
  if (tensor < 0 || static_cast<size_t>(tensor) >= numTensors()) {
    emitSubgraphError() << "operator " << reader << " reads tensor " << tensor
                        << " of " << numTensors();
    return failure();
  }
  if (values[tensor])
    return values[tensor];
  const schema::Tensor *record = getTensor(tensor);
  if (!record) {
    emitTensorError(tensor) << "is empty";
    return failure();
  }
  if (record->buffer() >= buffers.size()) {
    emitTensorError(tensor)
        << "refers to buffer " << record->buffer() << " of " << buffers.size();
    return failure();
  }
  if (record->buffer() == 0 || buffers[record->buffer()].empty()) {
    InFlightDiagnostic diag = emitTensorError(tensor);
    if (reader >= 0)
      diag << "is read by operator " << reader << " before any operator "
           << "writes it, and it is neither an input nor a constant";
    else
      diag << "is an output that no operator writes";
    return failure();
  }
  FailureOr<Value> constant = createConstant(tensor);
  if (failed(constant))
    return failure();
  values[tensor] = *constant;
  return *constant;
}

FailureOr<Operation *> SubgraphImporter::createMintOp(
    int64_t opIndex, const schema::Operator &op, const BuiltinMapping &mapping,
    ArrayRef<int32_t> inputs, TypeRange resultTypes, Location loc) {
  OperationName name(("mint." + mapping.mnemonic).str(), context);
  std::optional<RegisteredOperationName> registered = name.getRegisteredInfo();
  auto emitOpError = [&] {
    return emitOperatorError(opIndex, static_cast<int32_t>(mapping.code), "");
  };
  // Without a stored table every field holds its default. The verifier does
  // not look at a table whose type is NONE, so it is never read then.
  schema::BuiltinOptions optionsType = op.builtin_options_type();
  const auto *optionsTable =
      static_cast<const flatbuffers::Table *>(op.builtin_options());
  if (optionsType == schema::BuiltinOptions::NONE) {
    optionsType = mapping.options;
    optionsTable = nullptr;
  }
  if (optionsType != mapping.options) {
    emitOpError() << "has options " << getOptionsName(optionsType)
                  << ", expected "
                  << (mapping.options == schema::BuiltinOptions::NONE
                          ? StringRef("none")
                          : getOptionsName(mapping.options));
    return failure();
  }
  if (op.custom_options() && op.custom_options()->size()) {
    emitOpError() << "has custom options, which a builtin operator does not "
                     "take";
    return failure();
  }
  NamedAttrList attributes;
  if (optionsType != schema::BuiltinOptions::NONE) {
    ArrayRef<StringAttr> attributeNames = registered->getAttributeNames();
    auto hasAttribute = [&](StringRef attribute) {
      return llvm::any_of(attributeNames, [&](StringAttr candidate) {
        return candidate.getValue() == attribute;
      });
    };
    if (failed(importOptions(optionsType, optionsTable, context,
                             OptionsTarget::MintOp, hasAttribute, attributes,
                             emitOpError)))
      return failure();
  }
  // FAKE_QUANT stores one range; mint.fake_quant holds per-axis arrays.
  if (mapping.code == schema::BuiltinOperator::FAKE_QUANT) {
    for (StringRef bound : {"min", "max"})
      if (auto value = dyn_cast_if_present<FloatAttr>(attributes.get(bound)))
        attributes.set(bound, builder.getDenseF32ArrayAttr({static_cast<float>(
                                  value.getValueAsDouble())}));
  }

  // Optional operands are the trailing ones; TFLite marks omitted ones -1.
  ArrayRef<int32_t> present = inputs;
  while (!present.empty() && present.back() == -1)
    present = present.drop_back();
  SmallVector<Value> operands;
  for (auto [position, tensor] : llvm::enumerate(present)) {
    if (tensor == -1) {
      emitOpError() << "omits input " << position << ", which mint."
                    << mapping.mnemonic << " requires";
      return failure();
    }
    FailureOr<Value> value = getOrCreateValue(tensor, opIndex);
    if (failed(value))
      return failure();
    operands.push_back(*value);
  }
  OperationState state(loc, name);
  state.addOperands(operands);
  state.addTypes(resultTypes);
  state.addAttributes(attributes);
  return builder.create(state);
}

FailureOr<Operation *> SubgraphImporter::createCustomOp(
    int64_t opIndex, const schema::Operator &op, const OperatorCodeInfo &code,
    ArrayRef<int32_t> inputs, TypeRange resultTypes, Location loc) {
  auto emitOpError = [&] {
    return emitOperatorError(opIndex, code.builtin, code.customCode);
  };
  bool isCustom =
      code.builtin == static_cast<int32_t>(schema::BuiltinOperator::CUSTOM);
  SmallVector<Value> operands;
  Value noValue;
  for (int32_t tensor : inputs) {
    if (tensor == -1) {
      if (!noValue)
        noValue = NoValueOp::create(builder, loc, builder.getNoneType());
      operands.push_back(noValue);
      continue;
    }
    FailureOr<Value> value = getOrCreateValue(tensor, opIndex);
    if (failed(value))
      return failure();
    operands.push_back(*value);
  }

  NamedAttrList attributes;
  std::string customCode;
  if (isCustom) {
    if (code.customCode.empty()) {
      emitOpError() << "is a custom operator without a name";
      return failure();
    }
    customCode = code.customCode.str();
    ArrayRef<char> options;
    if (op.large_custom_options_size() > 0) {
      uint64_t offset = op.large_custom_options_offset();
      uint64_t size = op.large_custom_options_size();
      if (offset > file.size() || size > file.size() - offset) {
        emitOpError() << "has custom options beyond the end of the file";
        return failure();
      }
      options = file.slice(offset, size);
    } else if (op.custom_options()) {
      options = ArrayRef<char>(
          reinterpret_cast<const char *>(op.custom_options()->data()),
          op.custom_options()->size());
    }
    if (!options.empty())
      attributes.set("custom_options", builder.getStringAttr(StringRef(
                                           options.data(), options.size())));
  } else {
    StringRef builtinName = getBuiltinName(code.builtin);
    customCode = builtinName.empty() ? "BUILTIN_" + std::to_string(code.builtin)
                                     : builtinName.str();
    attributes.set("builtin_code", builder.getI32IntegerAttr(code.builtin));
    schema::BuiltinOptions optionsType = op.builtin_options_type();
    if (optionsType != schema::BuiltinOptions::NONE) {
      NamedAttrList fields;
      if (failed(importOptions(
              optionsType,
              static_cast<const flatbuffers::Table *>(op.builtin_options()),
              context, OptionsTarget::Dictionary, {}, fields, emitOpError)))
        return failure();
      attributes.set("builtin_options", fields.getDictionary(context));
      attributes.set("builtin_options_type",
                     builder.getStringAttr(getOptionsName(optionsType)));
    }
    if (op.custom_options() && op.custom_options()->size()) {
      emitOpError() << "is a builtin operator with custom options";
      return failure();
    }
  }
  attributes.set("custom_code", builder.getStringAttr(customCode));
  if (code.version != 1)
    attributes.set("version", builder.getI32IntegerAttr(code.version));
  OperationState state(loc, CustomOp::getOperationName());
  state.addOperands(operands);
  state.addTypes(resultTypes);
  state.addAttributes(attributes);
  return builder.create(state);
}

FailureOr<Operation *>
SubgraphImporter::createOperator(int64_t opIndex, const schema::Operator &op) {
  if (op.opcode_index() >= operatorCodes.size()) {
    emitSubgraphError() << "operator " << opIndex << " has operator code "
                        << op.opcode_index() << " of " << operatorCodes.size();
    return failure();
  }
  const OperatorCodeInfo &code = operatorCodes[op.opcode_index()];
  auto emitOpError = [&] {
    return emitOperatorError(opIndex, code.builtin, code.customCode);
  };
  if (code.version < 1) {
    emitOpError() << "has version " << code.version;
    return failure();
  }
  if (op.mutating_variable_inputs() &&
      llvm::is_contained(*op.mutating_variable_inputs(), true)) {
    emitOpError() << "mutates variable inputs; Mint does not support "
                     "stateful models";
    return failure();
  }
  if (op.intermediates() && op.intermediates()->size()) {
    emitOpError() << "has intermediate tensors, which Mint does not support";
    return failure();
  }
  if (op.builtin_options_2_type() != 0) {
    emitOpError() << "has StableHLO options, which Mint does not support";
    return failure();
  }
  if (op.debug_metadata_index() != -1) {
    emitOpError() << "refers to debug metadata, which Mint does not support";
    return failure();
  }

  SmallVector<int32_t> inputs = readScalars(op.inputs());
  SmallVector<int32_t> outputs = readScalars(op.outputs());
  SmallVector<Type> resultTypes;
  SmallVector<Location> resultLocs;
  SmallVector<Attribute> resultInfo;
  bool hasInfo = false;
  for (int32_t tensor : outputs) {
    if (tensor < 0 || static_cast<size_t>(tensor) >= numTensors()) {
      emitOpError() << "writes tensor " << tensor << " of " << numTensors();
      return failure();
    }
    if (values[tensor]) {
      emitOpError() << "writes tensor " << tensor
                    << ", which already has a value";
      return failure();
    }
    FailureOr<TensorTypeInfo> type = getTensorType(tensor);
    if (failed(type))
      return failure();
    resultTypes.push_back(type->type);
    resultLocs.push_back(getTensorLoc(tensor));
    resultInfo.push_back(type->info ? Attribute(type->info)
                                    : builder.getDictionaryAttr({}));
    hasInfo |= bool(type->info);
  }
  Location loc = resultLocs.size() == 1 ? resultLocs.front()
                                        : FusedLoc::get(context, resultLocs);
  if (resultLocs.empty())
    loc = fileLoc;

  std::optional<BuiltinMapping> mapping = lookupBuiltinByCode(code.builtin);
  FailureOr<Operation *> created =
      mapping ? createMintOp(opIndex, op, *mapping, inputs, resultTypes, loc)
              : createCustomOp(opIndex, op, code, inputs, resultTypes, loc);
  if (failed(created))
    return failure();
  if (failed(inferUnknownShapes(*created, outputs)))
    return failure();
  if (hasInfo)
    (*created)->setAttr(tflite_attrs::kTensorInfo,
                        builder.getArrayAttr(resultInfo));
  for (auto [tensor, result] : llvm::zip(outputs, (*created)->getResults()))
    values[tensor] = result;
  return created;
}

LogicalResult SubgraphImporter::inferUnknownShapes(Operation *op,
                                                   ArrayRef<int32_t> outputs) {
  auto inference = dyn_cast<InferShapedTypeOpInterface>(op);
  if (!inference || llvm::none_of(outputs, [&](int32_t tensor) {
        return types[tensor]->shapeMaybeUnknown;
      }))
    return success();
  SmallVector<ShapedTypeComponents> inferred;
  if (failed(inference.inferReturnTypeComponents(
          context, /*location=*/std::nullopt, op->getOperands(),
          op->getAttrDictionary(), op->getPropertiesStorage(), op->getRegions(),
          inferred)) ||
      inferred.size() != op->getNumResults())
    return success(); // The verifier reports why.
  for (auto [tensor, result, components] :
       llvm::zip(outputs, op->getResults(), inferred)) {
    if (!types[tensor]->shapeMaybeUnknown || !components.hasRank())
      continue;
    auto type = cast<RankedTensorType>(result.getType());
    auto refined =
        RankedTensorType::get(components.getDims(), type.getElementType());
    result.setType(refined);
    types[tensor]->type = refined;
  }
  return success();
}

FailureOr<func::FuncOp> SubgraphImporter::run(StringRef name) {
  values.assign(numTensors(), Value());
  types.assign(numTensors(), std::nullopt);
  if (subgraph.debug_metadata_index() != -1) {
    emitSubgraphError() << "refers to debug metadata, which Mint does not "
                           "support";
    return failure();
  }

  SmallVector<int32_t> inputs = readScalars(subgraph.inputs());
  SmallVector<int32_t> outputs = readScalars(subgraph.outputs());
  SmallVector<Type> inputTypes;
  SmallVector<Location> inputLocs;
  SmallVector<DictionaryAttr> inputInfo;
  for (int32_t tensor : inputs) {
    if (tensor < 0 || static_cast<size_t>(tensor) >= numTensors()) {
      emitSubgraphError() << "input tensor " << tensor << " of " << numTensors()
                          << " does not exist";
      return failure();
    }
    FailureOr<TensorTypeInfo> type = getTensorType(tensor);
    if (failed(type))
      return failure();
    inputTypes.push_back(type->type);
    inputLocs.push_back(getTensorLoc(tensor));
    inputInfo.push_back(type->info);
  }
  for (int32_t tensor : outputs) {
    if (tensor < 0 || static_cast<size_t>(tensor) >= numTensors()) {
      emitSubgraphError() << "output tensor " << tensor << " of "
                          << numTensors() << " does not exist";
      return failure();
    }
  }

  auto function = func::FuncOp::create(fileLoc, name,
                                       builder.getFunctionType(inputTypes, {}));
  Block *body = function.addEntryBlock();
  for (auto [argument, loc, tensor, info] :
       llvm::zip(body->getArguments(), inputLocs, inputs, inputInfo)) {
    argument.setLoc(loc);
    if (values[tensor]) {
      emitTensorError(tensor) << "is listed twice as a subgraph input";
      function.erase();
      return failure();
    }
    values[tensor] = argument;
    if (info)
      function.setArgAttr(argument.getArgNumber(), tflite_attrs::kTensorInfo,
                          info);
  }

  builder.setInsertionPointToEnd(body);
  llvm::scope_exit cleanup([&] {
    if (function && !function->getParentOp())
      function.erase();
  });
  if (subgraph.operators()) {
    for (auto [opIndex, op] : llvm::enumerate(*subgraph.operators())) {
      if (!op) {
        emitSubgraphError() << "operator " << opIndex << " is empty";
        return failure();
      }
      if (failed(createOperator(opIndex, *op)))
        return failure();
    }
  }
  SmallVector<Value> results;
  for (int32_t tensor : outputs) {
    FailureOr<Value> value = getOrCreateValue(tensor, /*reader=*/-1);
    if (failed(value))
      return failure();
    results.push_back(*value);
  }
  func::ReturnOp::create(builder, fileLoc, results);
  function.setType(
      builder.getFunctionType(inputTypes, ValueRange(results).getTypes()));
  cleanup.release();
  return function;
}

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp>
mlir::mint::importTFLiteModel(llvm::MemoryBufferRef model, MLIRContext *context,
                              const TFLiteImportOptions &options) {
  return ModelImporter(model, context, options).run();
}

void mlir::mint::registerTFLiteDialects(DialectRegistry &registry) {
  registry.insert<MintDialect, func::FuncDialect, quant::QuantDialect>();
}
