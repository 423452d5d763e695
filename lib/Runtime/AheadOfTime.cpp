//===- AheadOfTime.cpp - Compile a model to an object file and header -----===//
//
// Lowers the model with the CPU pipeline (lowerModelToLLVM), adds
// `<name>_run`, which takes one pointer per input and output and one for
// the workspace and calls the lowered entry with the expanded memref
// descriptors of their static shapes, gives every other symbol internal
// linkage (so that several models link into one program), translates to
// LLVM IR and emits code for the chosen triple and CPU as position-
// independent code. The header is written from the same tensor specs.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/AheadOfTime.h"

#include "mint/Config.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

using namespace mlir;
using namespace mlir::mint;

static constexpr StringLiteral kCKeywords[] = {
    "auto",      "bool",     "break",          "case",
    "char",      "const",    "continue",       "default",
    "do",        "double",   "else",           "enum",
    "extern",    "false",    "float",          "for",
    "goto",      "if",       "inline",         "int",
    "long",      "register", "restrict",       "return",
    "short",     "signed",   "sizeof",         "static",
    "struct",    "switch",   "true",           "typedef",
    "union",     "unsigned", "void",           "volatile",
    "while",     "_Bool",    "_Static_assert", "alignas",
    "alignof",   "nullptr",  "class",          "new",
    "delete",    "this",     "template",       "typename",
    "namespace", "operator"};

bool mint::isValidCIdentifier(StringRef name) {
  if (name.empty() || llvm::isDigit(name.front()))
    return false;
  if (!llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; }))
    return false;
  return !llvm::is_contained(kCKeywords, name);
}

std::string mint::makeCIdentifier(StringRef text) {
  std::string identifier;
  for (char c : text)
    identifier.push_back(llvm::isAlnum(c) || c == '_' ? c : '_');
  if (identifier.empty() || llvm::isDigit(identifier.front()))
    identifier.insert(identifier.begin(), '_');
  return identifier;
}

/// The C type of one element of `kind`; float16 and bool travel as their
/// bits.
static StringRef getCTypeName(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return "float";
  case ElementKind::F16:
    return "uint16_t";
  case ElementKind::I8:
    return "int8_t";
  case ElementKind::U8:
  case ElementKind::Bool:
    return "uint8_t";
  case ElementKind::I16:
    return "int16_t";
  case ElementKind::I32:
    return "int32_t";
  case ElementKind::I64:
    return "int64_t";
  }
  llvm_unreachable("unknown element kind");
}

/// The parameter names of `<name>_run`: each tensor's name as a C
/// identifier, or input_<i> / output_<i> where that is not a valid, unique
/// name (compared ignoring case, since the header's macros are upper case).
static SmallVector<std::string>
getParameterNames(ArrayRef<TensorSpec> inputs, ArrayRef<TensorSpec> outputs) {
  SmallVector<std::string> names;
  llvm::StringSet<> taken = {"workspace"};
  auto add = [&](const TensorSpec &spec, std::string fallback) {
    std::string name = makeCIdentifier(spec.name);
    if (!isValidCIdentifier(name) ||
        !taken.insert(StringRef(name).lower()).second)
      name = std::move(fallback);
    taken.insert(StringRef(name).lower());
    names.push_back(std::move(name));
  };
  for (auto [index, spec] : llvm::enumerate(inputs))
    add(spec, "input_" + std::to_string(index));
  for (auto [index, spec] : llvm::enumerate(outputs))
    add(spec, "output_" + std::to_string(index));
  return names;
}

/// Adds `runSymbol` (one pointer per input, output and the workspace) that
/// calls `entrySymbol` with the expanded descriptors of their static
/// shapes, and makes every other symbol of `module` internal.
static LogicalResult addRunFunction(LoweredModel &lowered,
                                    StringRef entrySymbol,
                                    StringRef runSymbol) {
  ModuleOp module = *lowered.module;
  MLIRContext *context = module.getContext();
  auto entry = module.lookupSymbol<LLVM::LLVMFuncOp>(entrySymbol);
  if (!entry)
    return emitError(module.getLoc(), "the lowered model has no function '")
           << entrySymbol << "'";
  if (module.lookupSymbol(runSymbol))
    return emitError(module.getLoc(), "the symbol '")
           << runSymbol << "' is already taken in the lowered model";

  SmallVector<SmallVector<int64_t>> shapes;
  for (const TensorSpec &spec : lowered.inputs)
    shapes.push_back(spec.shape);
  for (const TensorSpec &spec : lowered.outputs)
    shapes.push_back(spec.shape);
  shapes.push_back({lowered.workspaceBytes});

  Location loc = entry.getLoc();
  auto builder = OpBuilder::atBlockEnd(module.getBody());
  auto pointerType = LLVM::LLVMPointerType::get(context);
  auto runType = LLVM::LLVMFunctionType::get(
      LLVM::LLVMVoidType::get(context),
      SmallVector<Type>(shapes.size(), pointerType));
  auto run = LLVM::LLVMFuncOp::create(builder, loc, runSymbol, runType);
  Block *body = run.addEntryBlock(builder);
  builder.setInsertionPointToStart(body);
  auto getIndex = [&](int64_t value) -> Value {
    return LLVM::ConstantOp::create(builder, loc, builder.getI64Type(),
                                    builder.getI64IntegerAttr(value));
  };
  SmallVector<Value> operands;
  for (auto [index, shape] : llvm::enumerate(shapes)) {
    Value pointer = body->getArgument(index);
    operands.append({pointer, pointer, getIndex(0)});
    SmallVector<int64_t> strides(shape.size(), 1);
    for (size_t dim = shape.size(); dim-- > 1;)
      strides[dim - 1] = strides[dim] * shape[dim];
    for (int64_t size : shape)
      operands.push_back(getIndex(size));
    for (int64_t stride : strides)
      operands.push_back(getIndex(stride));
  }
  LLVM::LLVMFunctionType entryType = entry.getFunctionType();
  if (entryType.getNumParams() != operands.size() ||
      !llvm::all_of(llvm::zip(entryType.getParams(), operands), [](auto pair) {
        return std::get<0>(pair) == std::get<1>(pair).getType();
      }))
    return emitError(loc, "the lowered entry function has type ")
           << entryType << ", not the expanded memref descriptors of "
           << shapes.size() << " buffers";
  LLVM::CallOp::create(builder, loc, entry, operands);
  LLVM::ReturnOp::create(builder, loc, ValueRange());

  for (auto func : module.getOps<LLVM::LLVMFuncOp>())
    if (func != run && !func.isExternal())
      func.setLinkage(LLVM::Linkage::Internal);
  for (auto global : module.getOps<LLVM::GlobalOp>())
    if (global.getLinkage() != LLVM::Linkage::Private)
      global.setLinkage(LLVM::Linkage::Internal);
  return success();
}

/// Adds the undefined symbols of the object file `bytes` to `names`.
static LogicalResult listUndefinedSymbols(Location loc, StringRef bytes,
                                          SmallVectorImpl<std::string> &names) {
  llvm::Expected<std::unique_ptr<llvm::object::ObjectFile>> object =
      llvm::object::ObjectFile::createObjectFile(
          llvm::MemoryBufferRef(bytes, "object"));
  if (!object)
    return emitError(loc, "cannot read back the object file: ")
           << llvm::toString(object.takeError());
  for (const llvm::object::SymbolRef &symbol : (*object)->symbols()) {
    llvm::Expected<uint32_t> flags = symbol.getFlags();
    llvm::Expected<StringRef> name = symbol.getName();
    if (!flags || !name) {
      llvm::consumeError(flags.takeError());
      llvm::consumeError(name.takeError());
      continue;
    }
    if ((*flags & llvm::object::SymbolRef::SF_Undefined) && !name->empty())
      names.push_back(name->str());
  }
  return success();
}

/// A target machine for `options.triple` and `options.cpu`, emitting
/// position-independent code.
static FailureOr<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(Location loc, const AheadOfTimeOptions &options) {
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmPrinters();
  std::string hostTriple = llvm::sys::getProcessTriple();
  llvm::Triple triple(options.triple.empty() ? hostTriple : options.triple);
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return emitError(loc, "cannot compile for '")
           << triple.str() << "': " << error;
  std::string cpu = options.cpu;
  llvm::SubtargetFeatures features;
  if (cpu.empty() || cpu == "host") {
    if (triple.getArch() != llvm::Triple(hostTriple).getArch())
      return emitError(loc, "the host CPU is ")
             << llvm::sys::getHostCPUName() << " (" << hostTriple
             << "); name a CPU of '" << triple.str() << "' to compile for it";
    cpu = llvm::sys::getHostCPUName();
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      features.AddFeature(feature.getKey(), feature.getValue());
  }
  std::unique_ptr<llvm::MCSubtargetInfo> known(
      target->createMCSubtargetInfo(triple, cpu, ""));
  if (!known || !known->isCPUStringValid(cpu))
    return emitError(loc, "'")
           << cpu << "' is not a CPU of '" << triple.str() << "'";
  if (!options.features.empty())
    for (StringRef feature : llvm::split(options.features, ','))
      features.AddFeature(feature.trim());
  auto codeGenLevel = static_cast<llvm::CodeGenOptLevel>(
      std::min<unsigned>(options.compile.codeGenOptLevel, 3));
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features.getString(), llvm::TargetOptions(),
      llvm::Reloc::PIC_, std::nullopt, codeGenLevel));
  if (!machine)
    return emitError(loc, "cannot create a target machine for '")
           << triple.str() << "' (" << cpu << ")";
  return machine;
}

/// `text` broken into lines of at most 77 columns after " * ", the
/// continuation lines of a C block comment.
static std::string wrapComment(StringRef text) {
  std::string wrapped;
  size_t column = 3;
  for (StringRef word : llvm::split(text, ' ')) {
    if (column > 3 && column + 1 + word.size() > 77) {
      wrapped += "\n * ";
      column = 3;
    } else if (column > 3) {
      wrapped += ' ';
      ++column;
    }
    wrapped += word;
    column += word.size();
  }
  return wrapped;
}

/// The C header of `model`, compiled with `options`.
static std::string writeHeader(const AheadOfTimeModel &model,
                               const AheadOfTimeOptions &options,
                               ArrayRef<std::string> parameters,
                               bool needsOpenMP) {
  std::string prefix = StringRef(options.name).upper();
  std::string source =
      options.sourceName.empty() ? "" : options.sourceName + " ";
  std::string opening = llvm::formatv(
      "{0}: {1}compiled ahead of time by Mint {2} for {3} (CPU {4}).",
      options.name, source, MINT_VERSION, model.triple, model.cpu);
  std::string linking = llvm::formatv(
      "The object file calls {0}: link it with the C library and libm "
      "(-lm){1}.",
      model.externalFunctions.empty()
          ? std::string("no outside functions")
          : llvm::join(model.externalFunctions, ", "),
      needsOpenMP ? " and LLVM's OpenMP runtime (-lomp)" : "");
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "/* " << wrapComment(opening) << "\n *\n * " << wrapComment(linking)
     << "\n */\n"
     << "#ifndef " << prefix << "_H\n#define " << prefix << "_H\n\n"
     << "#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";

  os << "/* Bytes of the workspace " << options.name
     << "_run needs, and their alignment. */\n"
     << "#define " << prefix << "_WORKSPACE_BYTES " << model.workspaceBytes
     << "\n#define " << prefix << "_WORKSPACE_ALIGNMENT " << kWorkspaceAlignment
     << "\n\n";
  os << "/* Elements of each input and output (row-major, C order). */\n";
  size_t parameter = 0;
  auto writeSizes = [&](ArrayRef<TensorSpec> specs, StringRef role) {
    for (auto [index, spec] : llvm::enumerate(specs)) {
      os << "/* " << role << " " << index << " '" << spec.name
         << "': " << describeTensorType(spec.kind, spec.shape) << " */\n"
         << "#define " << prefix << "_"
         << StringRef(parameters[parameter++]).upper() << "_ELEMENTS "
         << spec.getNumElements() << "\n";
    }
  };
  writeSizes(model.inputs, "input");
  writeSizes(model.outputs, "output");
  os << "\n/* Runs the model once: reads the inputs, writes every element of "
        "the\n"
        " * outputs. The workspace holds the intermediate results; calls "
        "with\n"
        " * different workspaces may run at the same time. */\n"
     << model.declaration << ";\n\n"
     << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << prefix << "_H */\n";
  return text;
}

FailureOr<AheadOfTimeModel>
mint::compileModelAheadOfTime(ModuleOp module,
                              const AheadOfTimeOptions &options) {
  Location loc = module.getLoc();
  if (!isValidCIdentifier(options.name))
    return emitError(loc, "'")
           << options.name << "' is not a C identifier to name the model";
  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine =
      createTargetMachine(loc, options);
  if (failed(machine))
    return failure();
  const llvm::MCSubtargetInfo *subtarget = (*machine)->getMCSubtargetInfo();

  CompileOptions compile = options.compile;
  compile.pipeline.vnni &= (*machine)->getTargetTriple().isX86() &&
                           subtarget->checkFeatures("+avx512vnni");
  std::string entrySymbol = options.name + "_entry";
  std::string runSymbol = options.name + "_run";
  FailureOr<LoweredModel> lowered =
      lowerModelToLLVM(module, compile, entrySymbol);
  if (failed(lowered) ||
      failed(addRunFunction(*lowered, entrySymbol, runSymbol)))
    return failure();

  AheadOfTimeModel model;
  model.triple = (*machine)->getTargetTriple().str();
  model.cpu = (*machine)->getTargetCPU().str();
  model.inputs = lowered->inputs;
  model.outputs = lowered->outputs;
  model.workspaceBytes = lowered->workspaceBytes;
  model.blockSparseConvolutions = lowered->blockSparseConvolutions;

  MLIRContext *context = module.getContext();
  registerBuiltinDialectTranslation(*context);
  registerLLVMDialectTranslation(*context);
  registerOpenMPDialectTranslation(*context);
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(*lowered->module, llvmContext, options.name);
  if (!llvmModule)
    return emitError(loc, "cannot translate the lowered model to LLVM IR");
  llvmModule->setTargetTriple((*machine)->getTargetTriple());
  llvmModule->setDataLayout((*machine)->createDataLayout());
  optimizeLLVMModule(*llvmModule, machine->get(),
                     std::min<unsigned>(compile.optLevel, 3));

  // What the object needs from outside: the functions the module declares
  // and calls, and the ones code generation adds (memset for llvm.memset).
  for (const llvm::Function &function : *llvmModule)
    if (function.isDeclaration() && !function.isIntrinsic() &&
        !function.use_empty())
      model.externalFunctions.push_back(function.getName().str());

  llvm::raw_string_ostream objectStream(model.object);
  if (options.format == ObjectFormat::LLVMIR) {
    llvmModule->print(objectStream, nullptr);
  } else {
    llvm::SmallString<0> bytes;
    llvm::raw_svector_ostream bytesStream(bytes);
    llvm::legacy::PassManager codeGen;
    if ((*machine)->addPassesToEmitFile(
            codeGen, bytesStream, nullptr,
            options.format == ObjectFormat::Object
                ? llvm::CodeGenFileType::ObjectFile
                : llvm::CodeGenFileType::AssemblyFile))
      return emitError(loc, "LLVM cannot emit ")
             << (options.format == ObjectFormat::Object ? "an object file"
                                                        : "assembly")
             << " for '" << model.triple << "'";
    codeGen.run(*llvmModule);
    objectStream << bytes;
    if (options.format == ObjectFormat::Object)
      if (failed(listUndefinedSymbols(loc, bytes, model.externalFunctions)))
        return failure();
  }
  llvm::sort(model.externalFunctions);
  model.externalFunctions.erase(llvm::unique(model.externalFunctions),
                                model.externalFunctions.end());
  bool needsOpenMP = llvm::any_of(model.externalFunctions, [](StringRef name) {
    return name.starts_with("__kmpc");
  });

  SmallVector<std::string> parameters =
      getParameterNames(model.inputs, model.outputs);
  SmallVector<std::string> declarations;
  for (auto [index, spec] : llvm::enumerate(model.inputs))
    declarations.push_back(
        ("const " + getCTypeName(spec.kind) + " *" + parameters[index]).str());
  for (auto [index, spec] : llvm::enumerate(model.outputs))
    declarations.push_back((getCTypeName(spec.kind) + " *" +
                            parameters[model.inputs.size() + index])
                               .str());
  declarations.push_back("void *workspace");
  model.declaration =
      "void " + runSymbol + "(" + llvm::join(declarations, ", ") + ")";
  model.header = writeHeader(model, options, parameters, needsOpenMP);
  return model;
}
