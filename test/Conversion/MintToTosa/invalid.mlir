// RUN: mint-opt %s --mint-to-tosa --split-input-file --verify-diagnostics

func.func @unknown_custom(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'mint.custom' op 'MyOp' has no TOSA lowering; Mint cannot compile a model with this operator}}
  %0 = mint.custom "MyOp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @dynamic(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error@+1 {{'mint.relu' op result 'tensor<?x4xf32>' has a dynamic shape; Mint compiles static shapes (run mint-infer-shapes)}}
  %0 = mint.relu %x : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

!q = !quant.uniform<i16:f32, 0.1>
func.func @int16_hard_swish(%x: tensor<2x8x!q>) -> tensor<2x8x!q> {
  // expected-error@+1 {{'mint.hard_swish' op on int16 tensors has no lowering (TFLite has no int16 kernel either); Mint compiles its int8 and float forms}}
  %0 = mint.hard_swish %x : (tensor<2x8x!q>) -> tensor<2x8x!q>
  return %0 : tensor<2x8x!q>
}

// -----

!p = !quant.uniform<i16:f32, 0.0078125>
func.func @int16_power_of_two_add(%x: tensor<2x8x!p>) -> tensor<2x8x!p> {
  // expected-error@+1 {{'mint.add' op on int16 tensors with power-of-two scales and pot_scale_int16 has no lowering yet (TFLite's shift-only path); Mint lowers the general-scale int16 form}}
  %0 = mint.add %x, %x : (tensor<2x8x!p>, tensor<2x8x!p>) -> tensor<2x8x!p>
  return %0 : tensor<2x8x!p>
}

// -----

!u = !quant.uniform<u8:f32, 0.1:128>
func.func @uint8_add(%x: tensor<4x!u>) -> tensor<4x!u> {
  // expected-error@+1 {{'mint.add' op on uint8 tensors has no lowering; Mint computes int8 and int16 (requantize the model to int8, or keep uint8 only at its inputs and outputs)}}
  %0 = mint.add %x, %x : (tensor<4x!u>, tensor<4x!u>) -> tensor<4x!u>
  return %0 : tensor<4x!u>
}

// -----

func.func @quantized_maximum_scales(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>, %y: tensor<4x!quant.uniform<i8:f32, 0.2>>) -> tensor<4x!quant.uniform<i8:f32, 0.1>> {
  // expected-error@+1 {{'mint.maximum' op on quantized tensors needs its inputs and output to share scale and zero point, as TFLite's kernel does}}
  %0 = mint.maximum %x, %y : (tensor<4x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i8:f32, 0.2>>) -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.1>>
}

// -----

func.func @int16_power_of_two_logistic(%x: tensor<8x!quant.uniform<i16:f32, 2.44140625e-04>>) -> tensor<8x!quant.uniform<i16:f32, 3.0517578125e-05>> {
  // expected-error@+1 {{'mint.logistic' op on int16 tensors with input scale 2^-12 or 2^-11 has no lowering yet (TFLite's fixed-point path); Mint lowers other int16 scales}}
  %0 = mint.logistic %x : (tensor<8x!quant.uniform<i16:f32, 2.44140625e-04>>) -> tensor<8x!quant.uniform<i16:f32, 3.0517578125e-05>>
  return %0 : tensor<8x!quant.uniform<i16:f32, 3.0517578125e-05>>
}

// -----

func.func @fake_quant_narrow(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'mint.fake_quant' op with narrow_range has no lowering (TFLite's kernel refuses it too: narrow ranges are for weights)}}
  %0 = mint.fake_quant %x {min = array<f32: -1.0>, max = array<f32: 1.0>, narrow_range = true} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @fake_quant_per_axis(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'mint.fake_quant' op with per-axis ranges has no lowering (TFLite's FAKE_QUANT takes one range); Mint lowers the per-tensor form}}
  %0 = mint.fake_quant %x {min = array<f32: -1.0, -2.0>, max = array<f32: 1.0, 2.0>, axis = 1 : i32} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @gather_of_activations(%x: tensor<10x3xf32>) -> tensor<2x3xf32> {
  %i = mint.const dense<[4, 7]> : tensor<2xi32>
  // expected-error@+1 {{'mint.gather' op of values computed at run time has no lowering yet; Mint compiles GATHER and CAST of constants (such as palettized weights), which mint-densify folds}}
  %0 = mint.gather %x, %i : (tensor<10x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @palette_index_out_of_range() -> tensor<2xf32> {
  %palette = mint.const dense<[0.5, -0.5]> : tensor<2xf32>
  %indices = mint.const dense<[1, 7]> : tensor<2xui8>
  %wide = mint.cast %indices : (tensor<2xui8>) -> tensor<2xi32>
  // expected-error@+1 {{'mint.gather' op has a constant index outside its constant params (a corrupt palettized weight?)}}
  %0 = mint.gather %palette, %wide : (tensor<2xf32>, tensor<2xi32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
