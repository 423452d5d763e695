//===- MintToTosa.cpp - The mint-to-tosa pass -----------------------------===//
//
// Implements `mint-to-tosa`: the type converter, the collection of the op
// family pattern sets, and the pass that applies them as a full conversion
// after checking up front for ops no pattern can lower, so that the user
// gets one located error per such op instead of a generic legalization
// failure.
//
//===----------------------------------------------------------------------===//

#include "mint/Conversion/MintToTosa/MintToTosa.h"

#include "TFLiteKernels.h"
#include "TosaBuilders.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::mint {
#define GEN_PASS_DEF_MINTTOTOSAPASS
#include "mint/Conversion/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

MintToTosaTypeConverter::MintToTosaTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion(
      [](quant::QuantizedType type) -> Type { return type.getStorageType(); });
  addConversion([this](RankedTensorType type) -> Type {
    Type elementType = convertType(type.getElementType());
    return elementType ? type.clone(elementType) : Type();
  });
}

void mint::populateMintToTosaConversionPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns,
    const MintToTosaPassOptions &options) {
  populateMintConvToTosaPatterns(typeConverter, patterns);
  populateMintHybridToTosaPatterns(typeConverter, patterns);
  populateMintElementwiseToTosaPatterns(typeConverter, patterns);
  populateMintShapeToTosaPatterns(typeConverter, patterns, options);
  populateMintGraphToTosaPatterns(typeConverter, patterns);
  populateMintQuantizedToTosaPatterns(typeConverter, patterns, options);
  populateMintQuantizedTablesToTosaPatterns(typeConverter, patterns);
}

/// The custom ops that have a lowering of their own.
static bool isKnownCustomOp(CustomOp op) {
  return op.getCustomCode() == "Convolution2DTransposeBias";
}

/// True if `type` is a tensor of unsigned quantized values.
static bool isUnsignedQuantized(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  auto quantized = shaped
                       ? dyn_cast<quant::QuantizedType>(shaped.getElementType())
                       : quant::QuantizedType();
  return quantized && !quantized.isSigned();
}

/// Reports the ops that no pattern lowers, each with its location and what
/// to do about it.
static LogicalResult checkLowerable(ModuleOp module) {
  bool ok = true;
  module.walk([&](Operation *op) {
    if (!isa<MintDialect>(op->getDialect()))
      return;
    if (auto custom = dyn_cast<CustomOp>(op)) {
      if (!isKnownCustomOp(custom)) {
        custom.emitOpError("'")
            << custom.getCustomCode()
            << "' has no TOSA lowering; Mint cannot compile a model with "
               "this operator";
        ok = false;
      }
      return;
    }
    // GATHER and CAST of constants (palettized weights) are folded before
    // this conversion (mint-densify); on computed values they have no
    // lowering yet.
    if (isa<GatherOp, CastOp>(op)) {
      // A cast that feeds gathers is reported with them.
      if (isa<CastOp>(op) && !op->use_empty() &&
          llvm::all_of(op->getUsers(),
                       [](Operation *user) { return isa<GatherOp>(user); }))
        return;
      auto gather = dyn_cast<GatherOp>(op);
      if (gather && gather.getPaletteValues().second)
        op->emitOpError("has a constant index outside its constant params "
                        "(a corrupt palettized weight?)");
      else
        op->emitOpError("of values computed at run time has no lowering "
                        "yet; Mint compiles GATHER and CAST of constants "
                        "(such as palettized weights), which mint-densify "
                        "folds");
      ok = false;
      return;
    }
    // Quantized forms whose TFLite integer kernels Mint does not reproduce
    // yet: refusing them beats results that differ from TFLite.
    bool quantized = llvm::any_of(op->getOperandTypes(), [](Type type) {
      auto shaped = dyn_cast<ShapedType>(type);
      return shaped && isa<quant::QuantizedType>(shaped.getElementType());
    });
    // uint8 tensors (TFLite's older quantization) enter and leave through
    // QUANTIZE and DEQUANTIZE; the other lowerings read stored values as
    // signed.
    bool unsigned8 = llvm::any_of(op->getOperandTypes(), isUnsignedQuantized) ||
                     llvm::any_of(op->getResultTypes(), isUnsignedQuantized);
    if (unsigned8 && !isa<QuantizeOp, DequantizeOp, ReshapeOp, SqueezeOp>(op)) {
      op->emitOpError("on uint8 tensors has no lowering; Mint computes "
                      "int8 and int16 (requantize the model to int8, or "
                      "keep uint8 only at its inputs and outputs)");
      ok = false;
      return;
    }
    bool int16 = llvm::any_of(op->getOperandTypes(), [](Type type) {
      quant::UniformQuantizedType element =
          tosa_lowering::getQuantizedType(type);
      return element && element.getStorageTypeIntegralWidth() == 16;
    });
    if (int16 && isa<LogisticOp, TanhOp>(op)) {
      quant::UniformQuantizedType input =
          tosa_lowering::getQuantizedType(op->getOperand(0).getType());
      if (tflite_kernels::buildInt16LogisticTable(input).empty()) {
        op->emitOpError("on int16 tensors with input scale 2^-12 or 2^-11 "
                        "has no lowering yet (TFLite's fixed-point path); "
                        "Mint lowers other int16 scales");
        ok = false;
        return;
      }
    }
    if (int16 && isa<LogSoftmaxOp, HardSwishOp, DivOp>(op)) {
      op->emitOpError("on int16 tensors has no lowering")
          << (isa<DivOp>(op) ? " yet" : " (TFLite has no int16 kernel either)")
          << "; Mint compiles its int8 and float forms";
      ok = false;
      return;
    }
    if (int16 && isa<AddOp, SubOp>(op) &&
        tosa_lowering::usesPowerOfTwoInt16Path(op)) {
      op->emitOpError("on int16 tensors with power-of-two scales and "
                      "pot_scale_int16 has no lowering yet (TFLite's "
                      "shift-only path); Mint lowers the general-scale int16 "
                      "form");
      ok = false;
      return;
    }
    if (auto fakeQuant = dyn_cast<FakeQuantOp>(op);
        fakeQuant && fakeQuant.getNarrowRange()) {
      op->emitOpError("with narrow_range has no lowering (TFLite's kernel "
                      "refuses it too: narrow ranges are for weights)");
      ok = false;
      return;
    }
    if (auto fakeQuant = dyn_cast<FakeQuantOp>(op);
        fakeQuant && fakeQuant.getMin().size() != 1) {
      op->emitOpError("with per-axis ranges has no lowering (TFLite's "
                      "FAKE_QUANT takes one range); Mint lowers the "
                      "per-tensor form");
      ok = false;
      return;
    }
    if (quantized && isa<FakeQuantOp>(op)) {
      op->emitOpError("on quantized tensors has no lowering yet; Mint "
                      "compiles its float form (dequantize the model or keep "
                      "this op in float)");
      ok = false;
      return;
    }
    if (quantized && isa<PReluOp>(op)) {
      quant::UniformQuantizedType alpha =
          tosa_lowering::getQuantizedType(op->getOperand(1).getType());
      if (!alpha || alpha.getStorageTypeIntegralWidth() != 8) {
        op->emitOpError("on quantized tensors needs an int8 alpha quantized "
                        "per tensor (TFLite's int8 and 16x8 schemes)");
        ok = false;
        return;
      }
    }
    if (quantized && isa<ResizeBilinearOp>(op) &&
        cast<ShapedType>(op->getOperand(0).getType()).getElementType() !=
            cast<ShapedType>(op->getResult(0).getType()).getElementType()) {
      op->emitOpError("on quantized tensors needs its input and output to "
                      "share scale and zero point, as TFLite's kernel does");
      ok = false;
      return;
    }
    if (quantized && isa<MaximumOp, MinimumOp>(op) &&
        (cast<ShapedType>(op->getOperand(0).getType()).getElementType() !=
             cast<ShapedType>(op->getResult(0).getType()).getElementType() ||
         cast<ShapedType>(op->getOperand(1).getType()).getElementType() !=
             cast<ShapedType>(op->getResult(0).getType()).getElementType())) {
      op->emitOpError("on quantized tensors needs its inputs and output to "
                      "share scale and zero point, as TFLite's kernel does");
      ok = false;
      return;
    }
    if (isa<SparseConstOp, DensifyOp>(op)) {
      op->emitOpError("has no TOSA lowering; run mint-densify first");
      ok = false;
      return;
    }
    for (Type type : op->getResultTypes()) {
      auto tensor = dyn_cast<RankedTensorType>(type);
      if (tensor && !tensor.hasStaticShape()) {
        op->emitOpError("result ")
            << tensor << " has a dynamic shape; Mint compiles static shapes "
            << "(run mint-infer-shapes)";
        ok = false;
        return;
      }
    }
  });
  return success(ok);
}

namespace {
struct MintToTosaPass : mint::impl::MintToTosaPassBase<MintToTosaPass> {
  using MintToTosaPassBase::MintToTosaPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(checkLowerable(module)))
      return signalPassFailure();

    MLIRContext *context = &getContext();
    MintToTosaTypeConverter typeConverter;
    ConversionTarget target(*context);
    target.addLegalDialect<tosa::TosaDialect, tensor::TensorDialect,
                           arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, scf::SCFDialect>();
    target.addLegalOp<ModuleOp>();
    target.addIllegalDialect<MintDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return typeConverter.isSignatureLegal(op.getFunctionType()) &&
             typeConverter.isLegal(&op.getBody());
    });
    target.addDynamicallyLegalOp<func::ReturnOp>(
        [&](func::ReturnOp op) { return typeConverter.isLegal(op); });

    RewritePatternSet patterns(context);
    MintToTosaPassOptions options;
    options.integerTarget = integerTarget;
    populateMintToTosaConversionPatterns(typeConverter, patterns, options);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(
        patterns, typeConverter);
    populateReturnOpTypeConversionPattern(patterns, typeConverter);
    if (failed(applyFullConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
