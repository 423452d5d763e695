//===- MintElementwiseOps.td - Arithmetic and activations --*- tablegen -*-===//
//
// Element-wise ops: broadcasting binary arithmetic (ADD, SUB, MUL, DIV,
// MAXIMUM, MINIMUM) and activation functions (RELU, RELU6, RELU_N1_TO_1,
// LEAKY_RELU, PRELU, LOGISTIC, TANH, HARD_SWISH, SOFTMAX, LOG_SOFTMAX).
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTELEMENTWISEOPS_TD
#define MINT_DIALECT_MINT_IR_MINTELEMENTWISEOPS_TD

//===----------------------------------------------------------------------===//
// Binary arithmetic
//===----------------------------------------------------------------------===//

// Operands broadcast against each other as in NumPy; both have the same
// element type (for quantized operands: the same storage type, scales may
// differ) and so does the result.
class Mint_BinaryOp<string mnemonic, list<Trait> traits = []>
    : Mint_PureOp<mnemonic, traits> {
  let results = (outs Mint_Tensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

class Mint_ArithmeticOp<string mnemonic, string tfliteName, string sign,
                        list<Trait> traits = []>
    : Mint_BinaryOp<mnemonic, !listconcat([Mint_FusedActivationOpInterface],
                                          traits)> {
  let summary = "element-wise " # mnemonic # " (TFLite " # tfliteName # ")";
  let description = [{
    Computes `lhs }] # sign # [{ rhs` element by element after broadcasting
    the operands against each other, then applies the fused activation.
    Quantized operands and result may each have their own scale.

    Example:

    ```mlir
    %0 = mint.}] # mnemonic # [{ %a, %b {fused_activation_function = #mint.activation<relu>}
         : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
    ```
  }];
}

def Mint_AddOp : Mint_ArithmeticOp<"add", "ADD", "+", [Commutative]> {
  let arguments = (ins
    Mint_Tensor:$lhs,
    Mint_Tensor:$rhs,
    Mint_DefaultActivationAttr:$fused_activation_function,
    DefaultValuedAttr<BoolAttr, "true">:$pot_scale_int16
  );
}

def Mint_SubOp : Mint_ArithmeticOp<"sub", "SUB", "-"> {
  let arguments = (ins
    Mint_Tensor:$lhs,
    Mint_Tensor:$rhs,
    Mint_DefaultActivationAttr:$fused_activation_function,
    DefaultValuedAttr<BoolAttr, "true">:$pot_scale_int16
  );
}

def Mint_MulOp : Mint_ArithmeticOp<"mul", "MUL", "*", [Commutative]> {
  let arguments = (ins
    Mint_Tensor:$lhs,
    Mint_Tensor:$rhs,
    Mint_DefaultActivationAttr:$fused_activation_function
  );
}

def Mint_DivOp : Mint_ArithmeticOp<"div", "DIV", "/"> {
  let arguments = (ins
    Mint_Tensor:$lhs,
    Mint_Tensor:$rhs,
    Mint_DefaultActivationAttr:$fused_activation_function
  );
}

class Mint_SelectOp<string mnemonic, string tfliteName, string what>
    : Mint_BinaryOp<mnemonic, [Commutative, Mint_SameOperandsAndResultsScale]> {
  let summary = "element-wise " # what # " (TFLite " # tfliteName # ")";
  let description = [{
    Takes the }] # what # [{ of `lhs` and `rhs` element by element after
    broadcasting them against each other. Quantized operands and result
    share scale and zero point.

    Example:

    ```mlir
    %0 = mint.}] # mnemonic # [{ %a, %b
         : (tensor<1x8x8x16xf32>, tensor<f32>) -> tensor<1x8x8x16xf32>
    ```
  }];
  let arguments = (ins Mint_Tensor:$lhs, Mint_Tensor:$rhs);
}

def Mint_MaximumOp : Mint_SelectOp<"maximum", "MAXIMUM", "maximum">;
def Mint_MinimumOp : Mint_SelectOp<"minimum", "MINIMUM", "minimum">;

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

// An element-wise function of one tensor: the result has the input's shape
// and element kind (float stays float, quantized stays quantized with the
// same storage type).
class Mint_ActivationOp<string mnemonic, string tfliteName, string formula,
                        list<Trait> traits = []>
    : Mint_PureOp<mnemonic, traits> {
  let summary = tfliteName # " activation";
  let description = [{
    Computes `}] # formula # [{` for every element (TFLite }] # tfliteName #
    [{).

    Example:

    ```mlir
    %0 = mint.}] # mnemonic # [{ %x : (tensor<1x16x16x8xf32>) -> tensor<1x16x16x8xf32>
    ```
  }];
  let arguments = (ins Mint_Tensor:$input);
  let results = (outs Mint_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mint_ReluOp : Mint_ActivationOp<"relu", "RELU", "max(x, 0)">;
def Mint_Relu6Op : Mint_ActivationOp<"relu6", "RELU6", "min(max(x, 0), 6)">;
def Mint_ReluN1To1Op
    : Mint_ActivationOp<"relu_n1_to_1", "RELU_N1_TO_1", "min(max(x, -1), 1)">;
def Mint_HardSwishOp
    : Mint_ActivationOp<"hard_swish", "HARD_SWISH", "x * relu6(x + 3) / 6">;

// Activations with a fixed quantized output range.
class Mint_FixedRangeActivationOp<string mnemonic, string tfliteName,
                                  string formula>
    : Mint_ActivationOp<mnemonic, tfliteName, formula, [
        DeclareOpInterfaceMethods<Mint_FixedOutputRangeOpInterface>]>;

def Mint_LogisticOp
    : Mint_FixedRangeActivationOp<"logistic", "LOGISTIC", "1 / (1 + exp(-x))">;
def Mint_TanhOp : Mint_FixedRangeActivationOp<"tanh", "TANH", "tanh(x)">;

def Mint_LeakyReluOp : Mint_ActivationOp<"leaky_relu", "LEAKY_RELU",
                                         "x >= 0 ? x : alpha * x"> {
  let arguments = (ins Mint_Tensor:$input, F32Attr:$alpha);
  let description = [{
    Computes `x >= 0 ? x : alpha * x` for every element (TFLite LEAKY_RELU).

    Example:

    ```mlir
    %0 = mint.leaky_relu %x {alpha = 2.000000e-01 : f32}
         : (tensor<1x16x16x8xf32>) -> tensor<1x16x16x8xf32>
    ```
  }];
}

def Mint_PReluOp : Mint_PureOp<"prelu"> {
  let summary = "parametric ReLU (TFLite PRELU)";
  let description = [{
    Computes `x >= 0 ? x : alpha * x` with a learned `alpha` that broadcasts
    against `input` (typically one slope per channel, `1 x 1 x C`). `alpha`
    is a weight: it is quantized on its own scale.

    Example:

    ```mlir
    %0 = mint.prelu %x, %alpha
         : (tensor<1x64x64x16xf32>, tensor<1x1x16xf32>) -> tensor<1x64x64x16xf32>
    ```
  }];
  let arguments = (ins Mint_Tensor:$input, Mint_Tensor:$alpha);
  let results = (outs Mint_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $alpha attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

class Mint_SoftmaxBaseOp<string mnemonic, list<Trait> traits = []>
    : Mint_PureOp<mnemonic, !listconcat([
        DeclareOpInterfaceMethods<Mint_FixedOutputRangeOpInterface>], traits)> {
  let results = (outs Mint_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mint_SoftmaxOp : Mint_SoftmaxBaseOp<"softmax"> {
  let summary = "softmax over the last dimension (TFLite SOFTMAX)";
  let description = [{
    Computes `exp(beta * x_i) / sum_j exp(beta * x_j)` along the last
    dimension. `beta` must be positive. Quantized results are fixed to
    scale 1/256 (i8: zero point -128, ui8: 0) or 1/32768 (i16).

    Example:

    ```mlir
    %0 = mint.softmax %logits {beta = 1.000000e+00 : f32}
         : (tensor<1x1001xf32>) -> tensor<1x1001xf32>
    ```
  }];
  let arguments = (ins Mint_Tensor:$input, F32Attr:$beta);
}

def Mint_LogSoftmaxOp : Mint_SoftmaxBaseOp<"log_softmax"> {
  let summary = "log of softmax over the last dimension (TFLite LOG_SOFTMAX)";
  let description = [{
    Computes `x_i - log(sum_j exp(x_j))` along the last dimension. Quantized
    results are fixed to scale 16/256 (i8: zero point 127, ui8: 255).

    Example:

    ```mlir
    %0 = mint.log_softmax %logits : (tensor<1x10xf32>) -> tensor<1x10xf32>
    ```
  }];
  let arguments = (ins Mint_Tensor:$input);
}

#endif // MINT_DIALECT_MINT_IR_MINTELEMENTWISEOPS_TD
