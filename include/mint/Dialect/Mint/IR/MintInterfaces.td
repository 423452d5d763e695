//===- MintInterfaces.td - Quantization behaviour of ops ---*- tablegen -*-===//
//
// Interfaces and traits through which `mint` ops declare how they behave
// under quantization and activation fusion. Passes read these declarations
// (one generic driver), never per-op code:
//
//   * SameOperandsAndResultsScale: the op moves or selects values, so its
//     quantized operands and results share one scale and zero point;
//   * FixedOutputRangeOpInterface: TFLite fixes the quantized result type;
//   * AffineQuantizedOpInterface: the op accumulates input x weight products;
//     it names its weight operand and channel axis and its bias, whose scale
//     is input scale x weight scale;
//   * FusedActivationOpInterface: the op has a fused_activation_function;
//   * ResultShapeFromInference: the result shape must agree with the shape
//     TFLite's rules infer from the operands;
//   * QuantizedTypesFitShapes: per-axis quantized types fit their tensors.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTINTERFACES_TD
#define MINT_DIALECT_MINT_IR_MINTINTERFACES_TD

include "mlir/IR/OpBase.td"

//===----------------------------------------------------------------------===//
// Traits
//===----------------------------------------------------------------------===//

// Every quantized operand and result of the op has the same scale and zero
// point; integer-valued operands (shapes, paddings, indices) are not part of
// the relation. Declarative: TFLite's converter enforces it, but TFLite's
// kernels accept some such ops with different scales, so models that break
// it are not rejected.
def Mint_SameOperandsAndResultsScale
    : NativeOpTrait<"SameOperandsAndResultsScale"> {
  let cppNamespace = "::mlir::OpTrait::mint";
}

// The result types must be compatible with the shapes that the op's
// InferShapedTypeOpInterface implementation infers. Checked after the ODS
// constraints and before the op's own verifier; inference that fails (for
// instance on an attribute the op verifier rejects) is not reported here.
def Mint_ResultShapeFromInference
    : NativeOpTrait<"ResultShapeFromInference"> {
  let cppNamespace = "::mlir::OpTrait::mint";
}

// Every per-axis quantized operand and result has its quantized dimension
// inside its rank and one scale per slice along it. Upstream's `quant`
// types do not know the shape that holds them; every mint op checks this.
def Mint_QuantizedTypesFitShapes : NativeOpTrait<"QuantizedTypesFitShapes"> {
  let cppNamespace = "::mlir::OpTrait::mint";
}

//===----------------------------------------------------------------------===//
// Interfaces
//===----------------------------------------------------------------------===//

def Mint_FixedOutputRangeOpInterface
    : OpInterface<"FixedOutputRangeOpInterface"> {
  let description = [{
    An op whose quantized result type TFLite fixes, independently of the
    calibrated range: LOGISTIC and SOFTMAX produce values in [0, 1], TANH in
    [-1, 1], LOG_SOFTMAX in [-16, 0]. The quantizer uses the fixed type
    instead of calibration statistics, and the verifier rejects any other.
  }];
  let cppNamespace = "::mlir::mint";
  let methods = [
    InterfaceMethod<[{
        Returns the quantized result type that TFLite requires for results
        stored as `storageWidth`-bit integers (signed or not) and expressed
        as `expressedType`, or null when TFLite has no kernel for that
        storage.
      }],
      "::mlir::quant::UniformQuantizedType", "getFixedOutputType",
      (ins "bool":$isSigned, "unsigned":$storageWidth,
           "::mlir::Type":$expressedType)>
  ];
}

def Mint_AffineQuantizedOpInterface
    : OpInterface<"AffineQuantizedOpInterface"> {
  let description = [{
    An op that accumulates products of an activation input and a weight
    (convolutions, fully connected): the quantizer quantizes the weight per
    channel along `getWeightChannelAxis()`, and gives the bias the scale
    input scale x weight scale (per channel) and zero point 0, stored as i32
    (i64 for int16 activations).
  }];
  let cppNamespace = "::mlir::mint";
  let methods = [
    InterfaceMethod<"Returns the index of the activation input operand.",
      "unsigned", "getInputOperandIndex">,
    InterfaceMethod<"Returns the index of the weight operand.",
      "unsigned", "getWeightOperandIndex">,
    InterfaceMethod<[{
        Returns the dimension of the weight that indexes output channels; a
        per-channel quantized weight is quantized along it.
      }],
      "int32_t", "getWeightChannelAxis">,
    InterfaceMethod<[{
        Returns the index of the bias operand, or std::nullopt when this op
        has no bias operand (the bias of these ops is optional).
      }],
      "std::optional<unsigned>", "getBiasOperandIndex">,
  ];
  let extraSharedClassDeclaration = [{
    /// Returns the weight operand.
    ::mlir::Value getWeight() {
      return $_op->getOperand($_op.getWeightOperandIndex());
    }
    /// Returns the activation input operand.
    ::mlir::Value getActivationInput() {
      return $_op->getOperand($_op.getInputOperandIndex());
    }
    /// Returns the bias operand, or null when the op has none.
    ::mlir::Value getBiasOrNull() {
      std::optional<unsigned> index = $_op.getBiasOperandIndex();
      return index ? $_op->getOperand(*index) : ::mlir::Value();
    }
  }];
}

def Mint_FusedActivationOpInterface
    : OpInterface<"FusedActivationOpInterface"> {
  let description = [{
    An op with TFLite's `fused_activation_function` attribute: its result is
    clamped (RELU, RELU_N1_TO_1, RELU6) or mapped (TANH, SIGN_BIT) after the
    op computes it. Activation fusion and quantization read and set it
    through this interface.
  }];
  let cppNamespace = "::mlir::mint";
  let methods = [
    InterfaceMethod<"Returns the fused activation function.",
      "::mlir::mint::ActivationFunctionType", "getFusedActivation", (ins),
      [{}], [{ return $_op.getFusedActivationFunction(); }]>,
    InterfaceMethod<"Sets the fused activation function.",
      "void", "setFusedActivation",
      (ins "::mlir::mint::ActivationFunctionType":$activation),
      [{}], [{ $_op.setFusedActivationFunction(activation); }]>,
  ];
}

#endif // MINT_DIALECT_MINT_IR_MINTINTERFACES_TD
