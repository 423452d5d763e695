//===- OptionsMapping.cpp - Option tables <-> attributes ------------------===//
//
// Implements the reflection-driven option mapping of OptionsMapping.h.
//
//===----------------------------------------------------------------------===//

#include "OptionsMapping.h"
#include "TypeMapping.h"

#include "mint/Dialect/Mint/IR/MintDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"

using namespace mlir;
using namespace mlir::mint;

using reflection::BaseType;

StringRef mlir::mint::getOptionsName(schema::BuiltinOptions type) {
  const char *name = schema::EnumNameBuiltinOptions(type);
  return name ? StringRef(name) : StringRef();
}

std::optional<schema::BuiltinOptions>
mlir::mint::lookupOptionsByName(StringRef name) {
  for (auto type : schema::EnumValuesBuiltinOptions())
    if (type != schema::BuiltinOptions::NONE && getOptionsName(type) == name)
      return type;
  return std::nullopt;
}

/// Returns the reflection object of options table `type`, or null.
static const reflection::Object *getOptionsObject(schema::BuiltinOptions type) {
  StringRef name = getOptionsName(type);
  if (name.empty() || type == schema::BuiltinOptions::NONE)
    return nullptr;
  std::string qualified = ("mint_tflite." + name).str();
  return getReflectionSchema().objects()->LookupByKey(qualified.c_str());
}

/// Returns the fields of `object` sorted by id (reflection sorts by name).
static SmallVector<const reflection::Field *>
getFieldsById(const reflection::Object &object) {
  SmallVector<const reflection::Field *> fields(object.fields()->begin(),
                                                object.fields()->end());
  llvm::sort(fields,
             [](const reflection::Field *lhs, const reflection::Field *rhs) {
               return lhs->id() < rhs->id();
             });
  return fields;
}

SmallVector<StringRef>
mlir::mint::getOptionsFieldNames(schema::BuiltinOptions type) {
  SmallVector<StringRef> names;
  if (const reflection::Object *object = getOptionsObject(type))
    for (const reflection::Field *field : getFieldsById(*object))
      names.push_back(toStringRef(field->name()));
  return names;
}

static bool isIntegerBase(BaseType type) {
  return type >= BaseType::Byte && type <= BaseType::ULong;
}

static unsigned getIntegerWidth(BaseType type) {
  switch (type) {
  case BaseType::Bool:
  case BaseType::Byte:
  case BaseType::UByte:
    return 8;
  case BaseType::Short:
  case BaseType::UShort:
    return 16;
  case BaseType::Int:
  case BaseType::UInt:
    return 32;
  default:
    return 64;
  }
}

/// Returns the enum a scalar field holds, or null.
static const reflection::Enum *getFieldEnum(const reflection::Field &field) {
  int32_t index = field.type()->index();
  if (index < 0 || !isIntegerBase(field.type()->base_type()))
    return nullptr;
  return getReflectionSchema().enums()->Get(index);
}

/// The short name of a schema enum ("Padding").
static StringRef getEnumShortName(const reflection::Enum &enumDef) {
  return StringRef(enumDef.name()->c_str()).rsplit('.').second;
}

//===----------------------------------------------------------------------===//
// Import
//===----------------------------------------------------------------------===//

/// Converts the integer value of an enum field to an attribute.
static Attribute importEnumValue(const reflection::Enum &enumDef, int64_t value,
                                 MLIRContext *context) {
  StringRef name = getEnumShortName(enumDef);
  if (name == "Padding") {
    if (auto padding = symbolizePadding(value))
      return PaddingAttr::get(context, *padding);
    return {};
  }
  if (name == "ActivationFunctionType") {
    if (auto activation = symbolizeActivationFunctionType(value))
      return ActivationFunctionTypeAttr::get(context, *activation);
    return {};
  }
  if (name == "FullyConnectedOptionsWeightsFormat") {
    if (auto format = symbolizeFullyConnectedWeightsFormat(value))
      return FullyConnectedWeightsFormatAttr::get(context, *format);
    return {};
  }
  const reflection::EnumVal *enumValue = enumDef.values()->LookupByKey(value);
  if (!enumValue)
    return {};
  return StringAttr::get(context, toStringRef(enumValue->name()));
}

template <typename T> static T readUnaligned(const uint8_t *data) {
  return llvm::support::endian::read<T, llvm::support::unaligned>(
      data, llvm::endianness::little);
}

/// Reads an integer vector element of type `type` at `data`.
static int64_t readIntegerElement(BaseType type, const uint8_t *data) {
  switch (type) {
  case BaseType::Bool:
  case BaseType::UByte:
  case BaseType::UType:
    return readUnaligned<uint8_t>(data);
  case BaseType::Byte:
    return readUnaligned<int8_t>(data);
  case BaseType::Short:
    return readUnaligned<int16_t>(data);
  case BaseType::UShort:
    return readUnaligned<uint16_t>(data);
  case BaseType::Int:
    return readUnaligned<int32_t>(data);
  case BaseType::UInt:
    return readUnaligned<uint32_t>(data);
  case BaseType::Long:
  case BaseType::ULong:
    return readUnaligned<int64_t>(data);
  default:
    llvm_unreachable("not an integer vector element type");
  }
}

/// Reads a floating-point vector element of type `type` at `data`.
static double readRealElement(BaseType type, const uint8_t *data) {
  if (type == BaseType::Float)
    return readUnaligned<float>(data);
  assert(type == BaseType::Double && "not a real vector element type");
  return readUnaligned<double>(data);
}

/// Reads the `size` elements of type `element` at `data` as `T`s.
template <typename T>
static SmallVector<T> readElements(BaseType element, const uint8_t *data,
                                   size_t size) {
  size_t stride = flatbuffers::GetTypeSize(element);
  SmallVector<T> values;
  values.reserve(size);
  for (size_t i = 0; i < size; ++i) {
    const uint8_t *address = data + i * stride;
    if constexpr (std::is_floating_point_v<T>)
      values.push_back(static_cast<T>(readRealElement(element, address)));
    else
      values.push_back(static_cast<T>(readIntegerElement(element, address)));
  }
  return values;
}

/// Converts a vector field to a dense array attribute. Elements are read
/// unaligned (see readScalars).
static Attribute importVector(const flatbuffers::Table &table,
                              const reflection::Field &field,
                              MLIRContext *context) {
  const flatbuffers::VectorOfAny *vector =
      flatbuffers::GetFieldAnyV(table, field);
  BaseType element = field.type()->element();
  const uint8_t *data = vector ? vector->Data() : nullptr;
  size_t size = vector ? vector->size() : 0;
  Builder builder(context);
  switch (element) {
  case BaseType::Bool:
    return builder.getDenseBoolArrayAttr(
        readElements<bool>(element, data, size));
  case BaseType::Byte:
  case BaseType::UByte:
    return builder.getDenseI8ArrayAttr(
        readElements<int8_t>(element, data, size));
  case BaseType::Short:
  case BaseType::UShort:
    return builder.getDenseI16ArrayAttr(
        readElements<int16_t>(element, data, size));
  case BaseType::Int:
  case BaseType::UInt:
    return builder.getDenseI32ArrayAttr(
        readElements<int32_t>(element, data, size));
  case BaseType::Long:
  case BaseType::ULong:
    return builder.getDenseI64ArrayAttr(
        readElements<int64_t>(element, data, size));
  case BaseType::Float:
    return builder.getDenseF32ArrayAttr(
        readElements<float>(element, data, size));
  case BaseType::Double:
    return builder.getDenseF64ArrayAttr(
        readElements<double>(element, data, size));
  default:
    return {};
  }
}

/// True for quantized_bias_type, the tensor type option that mint ops hold
/// as a type (CastOptions' tensor types stay enum names).
static bool isBiasTypeField(const reflection::Field &field) {
  return toStringRef(field.name()) == "quantized_bias_type";
}

/// Converts one field of `table` to an attribute; null if unsupported.
static Attribute importField(const flatbuffers::Table &table,
                             const reflection::Field &field,
                             MLIRContext *context) {
  Builder builder(context);
  BaseType base = field.type()->base_type();
  if (isBiasTypeField(field)) {
    // A bias (and accumulator) type: i32 or i64.
    Type type =
        getBuiltinElementType(static_cast<schema::TensorType>(
                                  flatbuffers::GetAnyFieldI(table, field)),
                              context);
    if (!type || !(type.isSignlessInteger(32) || type.isSignlessInteger(64)))
      return {};
    return TypeAttr::get(type);
  }
  if (base == BaseType::Bool)
    return builder.getBoolAttr(flatbuffers::GetAnyFieldI(table, field) != 0);
  if (isIntegerBase(base)) {
    int64_t value = flatbuffers::GetAnyFieldI(table, field);
    if (const reflection::Enum *enumDef = getFieldEnum(field))
      return importEnumValue(*enumDef, value, context);
    return builder.getIntegerAttr(builder.getIntegerType(getIntegerWidth(base)),
                                  value);
  }
  if (base == BaseType::Float)
    return builder.getF32FloatAttr(
        static_cast<float>(flatbuffers::GetAnyFieldF(table, field)));
  if (base == BaseType::Double)
    return builder.getF64FloatAttr(flatbuffers::GetAnyFieldF(table, field));
  if (base == BaseType::String) {
    const flatbuffers::String *text = flatbuffers::GetFieldS(table, field);
    return builder.getStringAttr(toStringRef(text));
  }
  if (base == BaseType::Vector)
    return importVector(table, field, context);
  return {};
}

/// Returns true if `field` of `table` holds its schema default.
static bool holdsDefault(const flatbuffers::Table &table,
                         const reflection::Field &field) {
  BaseType base = field.type()->base_type();
  if (base == BaseType::Bool || isIntegerBase(base))
    return flatbuffers::GetAnyFieldI(table, field) == field.default_integer();
  if (base == BaseType::Float || base == BaseType::Double)
    return flatbuffers::GetAnyFieldF(table, field) == field.default_real();
  // Strings, vectors and tables default to absent.
  return !table.CheckField(field.offset());
}

LogicalResult mlir::mint::importOptions(
    schema::BuiltinOptions type, const flatbuffers::Table *table,
    MLIRContext *context, OptionsTarget target,
    function_ref<bool(StringRef)> hasAttribute, NamedAttrList &attributes,
    function_ref<InFlightDiagnostic()> emitError) {
  const reflection::Object *object = getOptionsObject(type);
  if (!object) {
    emitError() << "has options of unknown type " << static_cast<int>(type);
    return failure();
  }
  // An absent table means every field holds its default.
  alignas(4) static const uint8_t kEmptyTable[] = {4, 0, 4, 0, 4, 0, 0, 0};
  const flatbuffers::Table &fields =
      table ? *table
            : *reinterpret_cast<const flatbuffers::Table *>(kEmptyTable + 4);
  for (const reflection::Field *field : getFieldsById(*object)) {
    StringRef name = toStringRef(field->name());
    bool wanted = target == OptionsTarget::MintOp
                      ? hasAttribute(name)
                      : fields.CheckField(field->offset());
    if (!wanted) {
      if (target == OptionsTarget::MintOp && !holdsDefault(fields, *field)) {
        Attribute value = importField(fields, *field, context);
        InFlightDiagnostic diag = emitError();
        diag << "sets option '" << name << "'";
        if (value)
          diag << " = " << value;
        diag << " of " << getOptionsName(type) << ", which Mint does not model";
        return failure();
      }
      continue;
    }
    // quantized_bias_type at its default (FLOAT32, "not set") stays an
    // absent attribute.
    if (isBiasTypeField(*field) && holdsDefault(fields, *field))
      continue;
    // An absent string or vector has no value; scalars read as defaults.
    reflection::BaseType base = field->type()->base_type();
    if ((base == BaseType::String || base == BaseType::Vector) &&
        !fields.CheckField(field->offset()))
      continue;
    Attribute value = importField(fields, *field, context);
    if (!value) {
      InFlightDiagnostic diag = emitError();
      diag << "has option '" << name << "'";
      // Name the enum value (quantized_bias_type = INT8).
      if (const reflection::Enum *enumDef = getFieldEnum(*field))
        if (const reflection::EnumVal *enumValue =
                enumDef->values()->LookupByKey(
                    flatbuffers::GetAnyFieldI(fields, *field)))
          diag << " = " << toStringRef(enumValue->name());
      diag << " of " << getOptionsName(type)
           << " with a value or type Mint cannot represent";
      return failure();
    }
    attributes.set(name, value);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Export
//===----------------------------------------------------------------------===//

/// Returns the integer an attribute stands for in field `field`.
static std::optional<int64_t> exportInteger(const reflection::Field &field,
                                            Attribute attr) {
  // BoolAttr is an i1 IntegerAttr, whose signed value would be -1.
  if (auto boolean = dyn_cast<BoolAttr>(attr))
    return boolean.getValue() ? 1 : 0;
  if (auto integer = dyn_cast<IntegerAttr>(attr))
    return integer.getValue().getSExtValue();
  if (auto padding = dyn_cast<PaddingAttr>(attr))
    return static_cast<int64_t>(padding.getValue());
  if (auto activation = dyn_cast<ActivationFunctionTypeAttr>(attr))
    return static_cast<int64_t>(activation.getValue());
  if (auto format = dyn_cast<FullyConnectedWeightsFormatAttr>(attr))
    return static_cast<int64_t>(format.getValue());
  if (auto type = dyn_cast<TypeAttr>(attr))
    if (std::optional<schema::TensorType> tensorType =
            exportElementType(type.getValue()))
      return static_cast<int64_t>(*tensorType);
  if (auto name = dyn_cast<StringAttr>(attr)) {
    if (const reflection::Enum *enumDef = getFieldEnum(field))
      for (const reflection::EnumVal *value : *enumDef->values())
        if (toStringRef(value->name()) == name.getValue())
          return value->value();
  }
  return std::nullopt;
}

template <typename T>
static void addScalar(flatbuffers::FlatBufferBuilder &builder,
                      const reflection::Field &field, T value, T defaultValue) {
  builder.AddElement<T>(field.offset(), value, defaultValue);
}

/// Creates the vector of a dense array attribute of type ArrayAttrT;
/// std::nullopt if `attr` is not one.
template <typename ArrayAttrT>
static std::optional<flatbuffers::uoffset_t>
createArrayVector(Attribute attr, flatbuffers::FlatBufferBuilder &builder) {
  auto values = dyn_cast<ArrayAttrT>(attr);
  if (!values)
    return std::nullopt;
  return builder.CreateVector(values.asArrayRef().data(), values.size()).o;
}

/// Creates the vector for `attr` in `builder`; std::nullopt if the
/// attribute does not fit the field.
static std::optional<flatbuffers::uoffset_t>
exportVector(const reflection::Field &field, Attribute attr,
             flatbuffers::FlatBufferBuilder &builder) {
  switch (field.type()->element()) {
  case BaseType::Bool:
    // Booleans are stored as bytes.
    if (auto values = dyn_cast<DenseBoolArrayAttr>(attr)) {
      SmallVector<uint8_t> bytes(values.asArrayRef().begin(),
                                 values.asArrayRef().end());
      return builder.CreateVector(bytes.data(), bytes.size()).o;
    }
    return std::nullopt;
  case BaseType::Byte:
  case BaseType::UByte:
    return createArrayVector<DenseI8ArrayAttr>(attr, builder);
  case BaseType::Short:
  case BaseType::UShort:
    return createArrayVector<DenseI16ArrayAttr>(attr, builder);
  case BaseType::Int:
  case BaseType::UInt:
    return createArrayVector<DenseI32ArrayAttr>(attr, builder);
  case BaseType::Long:
  case BaseType::ULong:
    return createArrayVector<DenseI64ArrayAttr>(attr, builder);
  case BaseType::Float:
    return createArrayVector<DenseF32ArrayAttr>(attr, builder);
  case BaseType::Double:
    return createArrayVector<DenseF64ArrayAttr>(attr, builder);
  default:
    return std::nullopt;
  }
}

FailureOr<flatbuffers::Offset<void>>
mlir::mint::exportOptions(schema::BuiltinOptions type,
                          function_ref<Attribute(StringRef)> lookup,
                          flatbuffers::FlatBufferBuilder &builder,
                          function_ref<InFlightDiagnostic()> emitError) {
  const reflection::Object *object = getOptionsObject(type);
  if (!object) {
    emitError() << "has no TFLite options table " << getOptionsName(type);
    return failure();
  }
  SmallVector<const reflection::Field *> fields = getFieldsById(*object);
  auto mismatch = [&](const reflection::Field &field, Attribute attr) {
    emitError() << "has attribute '" << toStringRef(field.name())
                << "' = " << attr << ", which does not fit field '"
                << toStringRef(field.name()) << "' of " << getOptionsName(type);
    return failure();
  };

  // Strings and vectors are created before the table starts.
  SmallVector<std::pair<const reflection::Field *, flatbuffers::uoffset_t>>
      offsets;
  for (const reflection::Field *field : fields) {
    BaseType base = field->type()->base_type();
    if (base != BaseType::String && base != BaseType::Vector)
      continue;
    Attribute attr = lookup(toStringRef(field->name()));
    if (!attr)
      continue;
    if (base == BaseType::String) {
      auto text = dyn_cast<StringAttr>(attr);
      if (!text)
        return mismatch(*field, attr);
      offsets.push_back(
          {field, builder.CreateString(text.getValue().data(), text.size()).o});
      continue;
    }
    std::optional<flatbuffers::uoffset_t> vector =
        exportVector(*field, attr, builder);
    if (!vector)
      return mismatch(*field, attr);
    offsets.push_back({field, *vector});
  }

  flatbuffers::uoffset_t start = builder.StartTable();
  for (const reflection::Field *field : fields) {
    BaseType base = field->type()->base_type();
    if (base == BaseType::String || base == BaseType::Vector)
      continue;
    Attribute attr = lookup(toStringRef(field->name()));
    if (!attr)
      continue;
    if (base == BaseType::Float || base == BaseType::Double) {
      auto real = dyn_cast<FloatAttr>(attr);
      if (!real)
        return mismatch(*field, attr);
      if (base == BaseType::Float)
        addScalar<float>(builder, *field,
                         static_cast<float>(real.getValueAsDouble()),
                         static_cast<float>(field->default_real()));
      else
        addScalar<double>(builder, *field, real.getValueAsDouble(),
                          field->default_real());
      continue;
    }
    std::optional<int64_t> value = exportInteger(*field, attr);
    if (!value)
      return mismatch(*field, attr);
    int64_t defaultValue = field->default_integer();
    switch (base) {
    case BaseType::Bool:
    case BaseType::UByte:
      addScalar<uint8_t>(builder, *field, *value, defaultValue);
      break;
    case BaseType::Byte:
      addScalar<int8_t>(builder, *field, *value, defaultValue);
      break;
    case BaseType::Short:
      addScalar<int16_t>(builder, *field, *value, defaultValue);
      break;
    case BaseType::UShort:
      addScalar<uint16_t>(builder, *field, *value, defaultValue);
      break;
    case BaseType::Int:
      addScalar<int32_t>(builder, *field, *value, defaultValue);
      break;
    case BaseType::UInt:
      addScalar<uint32_t>(builder, *field, *value, defaultValue);
      break;
    case BaseType::Long:
      addScalar<int64_t>(builder, *field, *value, defaultValue);
      break;
    case BaseType::ULong:
      addScalar<uint64_t>(builder, *field, *value, defaultValue);
      break;
    default:
      emitError() << "cannot write field '" << toStringRef(field->name())
                  << "' of " << getOptionsName(type);
      return failure();
    }
  }
  for (auto [field, offset] : offsets)
    builder.AddOffset(field->offset(), flatbuffers::Offset<void>(offset));
  return flatbuffers::Offset<void>(builder.EndTable(start));
}
