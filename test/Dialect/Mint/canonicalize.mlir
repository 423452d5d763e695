// RUN: mint-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func @reshape_to_same_type
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>
func.func @reshape_to_same_type(%x: tensor<2x3xf32>, %s: tensor<2xi32>) -> tensor<2x3xf32> {
  // CHECK-NOT: mint.reshape
  // CHECK: return %[[X]]
  %0 = mint.reshape %x, %s : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @reshape_of_reshape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>
func.func @reshape_of_reshape(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  // CHECK: %[[R:.*]] = mint.reshape %[[X]] : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
  // CHECK-NEXT: return %[[R]]
  %0 = mint.reshape %x : (tensor<2x3x4xf32>) -> tensor<24xf32>
  %1 = mint.reshape %0 : (tensor<24xf32>) -> tensor<4x6xf32>
  return %1 : tensor<4x6xf32>
}

// -----

// CHECK-LABEL: func @reshape_of_constant
func.func @reshape_of_constant() -> tensor<2x2xi32> {
  // CHECK: %[[C:.*]] = mint.const dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xi32>
  // CHECK-NEXT: return %[[C]]
  %c = mint.const dense<[1, 2, 3, 4]> : tensor<4xi32>
  %0 = mint.reshape %c : (tensor<4xi32>) -> tensor<2x2xi32>
  return %0 : tensor<2x2xi32>
}

// -----

// A quantized constant keeps its stored integers and takes the new shape.
// CHECK-LABEL: func @reshape_of_quantized_constant
func.func @reshape_of_quantized_constant() -> tensor<2x1x!quant.uniform<i8:f32, 0.5>> {
  // CHECK: %[[C:.*]] = mint.const dense<{{\[}}[3], [-4]]> : tensor<2x1xi8> -> tensor<2x1x!quant.uniform<i8:f32, 5.000000e-01>>
  // CHECK-NEXT: return %[[C]]
  %c = mint.const dense<[3, -4]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  %0 = mint.reshape %c : (tensor<2x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<2x1x!quant.uniform<i8:f32, 0.5>>
}

// -----

// A constant with other users is not duplicated.
// CHECK-LABEL: func @reshape_of_shared_constant
func.func @reshape_of_shared_constant() -> (tensor<4xf32>, tensor<2x2xf32>) {
  // CHECK: %[[C:.*]] = mint.const dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
  // CHECK: %[[R:.*]] = mint.reshape %[[C]]
  // CHECK: return %[[C]], %[[R]]
  %c = mint.const dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = mint.reshape %c : (tensor<4xf32>) -> tensor<2x2xf32>
  return %c, %0 : tensor<4xf32>, tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func @squeeze
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>
func.func @squeeze(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<3xf32>) {
  // CHECK-DAG: %[[C:.*]] = mint.const dense<7.000000e+00> : tensor<3xf32>
  // CHECK-NOT: mint.squeeze
  // CHECK: return %[[X]], %[[C]]
  %0 = mint.squeeze %x : (tensor<4xf32>) -> tensor<4xf32>
  %c = mint.const dense<7.0> : tensor<1x3xf32>
  %1 = mint.squeeze %c : (tensor<1x3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<4xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func @concatenation_of_one
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>
func.func @concatenation_of_one(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  // CHECK: %[[R:.*]] = mint.concatenation %[[X]] {axis = 0 : i32, fused_activation_function = #mint.activation<relu>}
  // CHECK: return %[[X]], %[[R]]
  %0 = mint.concatenation %x {axis = 0 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = mint.concatenation %x {axis = 0 : i32, fused_activation_function = #mint.activation<relu>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @pad_by_zero
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[V:.*]]: tensor<f32>
func.func @pad_by_zero(%x: tensor<2x3xf32>, %v: tensor<f32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x5xf32>) {
  // CHECK-DAG: %[[P:.*]] = mint.const dense<{{\[}}[0, 0], [1, 1]]>
  // CHECK: %[[R:.*]] = mint.pad %[[X]], %[[P]]
  // CHECK: return %[[X]], %[[X]], %[[R]]
  %zero = mint.const dense<0> : tensor<2x2xi32>
  %p = mint.const dense<[[0, 0], [1, 1]]> : tensor<2x2xi32>
  %0 = mint.pad %x, %zero : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<2x3xf32>
  %1 = mint.padv2 %x, %zero, %v : (tensor<2x3xf32>, tensor<2x2xi32>, tensor<f32>) -> tensor<2x3xf32>
  %2 = mint.pad %x, %p : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<2x5xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x5xf32>
}

// -----

// CHECK-LABEL: func @full_slice
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>
func.func @full_slice(%x: tensor<2x3xf32>, %b: tensor<2xi32>, %s: tensor<2xi32>) -> tensor<2x3xf32> {
  // CHECK-NOT: mint.slice
  // CHECK: return %[[X]]
  %0 = mint.slice %x, %b, %s : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>
func.func @transpose(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x2xi8>, tensor<3x2xf32>) {
  // CHECK-DAG: %[[T:.*]] = mint.const dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi8>
  // CHECK-DAG: %[[S:.*]] = mint.const dense<5.000000e-01> : tensor<3x2xf32>
  // CHECK-NOT: mint.transpose
  // CHECK: return %[[X]], %[[T]], %[[S]]
  %identity = mint.const dense<[0, 1]> : tensor<2xi32>
  %swap = mint.const dense<[1, 0]> : tensor<2xi32>
  %0 = mint.transpose %x, %identity : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  %c = mint.const dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8>
  %1 = mint.transpose %c, %swap : (tensor<2x3xi8>, tensor<2xi32>) -> tensor<3x2xi8>
  %splat = mint.const dense<0.5> : tensor<2x3xf32>
  %2 = mint.transpose %splat, %swap : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<3x2xi8>, tensor<3x2xf32>
}

// -----

// A 3-D transpose of 16-bit values moves whole elements.
// CHECK-LABEL: func @transpose_3d
func.func @transpose_3d() -> tensor<2x2x2xf16> {
  // CHECK: mint.const dense<{{\[}}{{\[}}[1.000000e+00, 5.000000e+00], [3.000000e+00, 7.000000e+00]], {{\[}}[2.000000e+00, 6.000000e+00], [4.000000e+00, 8.000000e+00]]]> : tensor<2x2x2xf16>
  %perm = mint.const dense<[2, 1, 0]> : tensor<3xi32>
  %c = mint.const dense<[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]> : tensor<2x2x2xf16>
  %0 = mint.transpose %c, %perm : (tensor<2x2x2xf16>, tensor<3xi32>) -> tensor<2x2x2xf16>
  return %0 : tensor<2x2x2xf16>
}

// -----

// CHECK-LABEL: func @quantize_constant
func.func @quantize_constant() -> (tensor<4x!quant.uniform<i8:f32, 0.5:-3>>, tensor<2x2x!quant.uniform<i8:f32:1, {1.0, 0.25}>>) {
  // x / 0.5 rounded half away from zero, plus -3, clamped.
  // CHECK-DAG: mint.const dense<[-2, -4, 127, -128]> : tensor<4xi8> -> tensor<4x!quant.uniform<i8:f32, 5.000000e-01:-3>>
  // Column 1 is divided by 0.25.
  // CHECK-DAG: mint.const dense<{{\[}}[2, 8], [-1, -6]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:1, {1.000000e+00,2.500000e-01}>>
  // CHECK-NOT: mint.quantize
  %c = mint.const dense<[0.25, -0.25, 100.0, -100.0]> : tensor<4xf32>
  %0 = mint.quantize %c : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
  %d = mint.const dense<[[1.5, 2.0], [-1.0, -1.5]]> : tensor<2x2xf32>
  %1 = mint.quantize %d : (tensor<2x2xf32>) -> tensor<2x2x!quant.uniform<i8:f32:1, {1.0, 0.25}>>
  return %0, %1 : tensor<4x!quant.uniform<i8:f32, 0.5:-3>>, tensor<2x2x!quant.uniform<i8:f32:1, {1.0, 0.25}>>
}

// -----

// CHECK-LABEL: func @dequantize_constant
func.func @dequantize_constant() -> (tensor<3xf32>, tensor<2xf32>) {
  // (q - 128) * 0.5 with q read as unsigned: 0, 128, 255.
  // CHECK-DAG: mint.const dense<[-6.400000e+01, 0.000000e+00, 6.350000e+01]> : tensor<3xf32>
  // CHECK-DAG: mint.const dense<[1.500000e+00, -2.000000e+00]> : tensor<2xf32>
  // CHECK-NOT: mint.dequantize
  %q = mint.const dense<[0, -128, -1]> : tensor<3xi8> -> tensor<3x!quant.uniform<u8:f32, 0.5:128>>
  %0 = mint.dequantize %q : (tensor<3x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<3xf32>
  %h = mint.const dense<[1.5, -2.0]> : tensor<2xf16>
  %1 = mint.dequantize %h : (tensor<2xf16>) -> tensor<2xf32>
  return %0, %1 : tensor<3xf32>, tensor<2xf32>
}

// -----

// CHECK-LABEL: func @quantize_round_trips
// CHECK-SAME: (%[[Q:.*]]: tensor<4x!quant.uniform<i8:f32, 1.000000e-01>>, %[[X:.*]]: tensor<4xf32>
func.func @quantize_round_trips(%q: tensor<4x!quant.uniform<i8:f32, 0.1>>, %x: tensor<4xf32>)
    -> (tensor<4x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i8:f32, 0.2>>) {
  // CHECK: %[[D:.*]] = mint.dequantize %[[Q]]
  // CHECK: %[[R:.*]] = mint.quantize %[[D]] : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 2.000000e-01>>
  // CHECK: return %[[Q]], %[[Q]], %[[R]]
  %d = mint.dequantize %q : (tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4xf32>
  %0 = mint.quantize %d : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  %1 = mint.quantize %q : (tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  %2 = mint.quantize %d : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.2>>
  return %0, %1, %2 : tensor<4x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i8:f32, 0.2>>
}

// -----

// Ops with unknown effects are never removed, even without users.
// CHECK-LABEL: func @custom_is_kept
func.func @custom_is_kept(%x: tensor<4xf32>) {
  // CHECK: mint.custom "Stateful"
  // CHECK-NOT: mint.relu
  %0 = mint.custom "Stateful"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = mint.relu %x : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// CAST and GATHER of constants fold: uint8 values zero-extend, floats
// truncate toward zero.
// CHECK-LABEL: func @cast_and_gather_fold
// CHECK-DAG: %[[W:.*]] = mint.const dense<[2.500000e-01, 2.500000e-01, -1.500000e+00, 7.000000e+00]> : tensor<4xf32>
// CHECK-DAG: %[[I:.*]] = mint.const dense<[-1, 2, 255]> : tensor<3xi32>
// CHECK: return %[[W]], %[[I]]
func.func @cast_and_gather_fold() -> (tensor<4xf32>, tensor<3xi32>) {
  %palette = mint.const dense<[-1.5, 0.25, 7.0]> : tensor<3xf32>
  %indices = mint.const dense<[1, 1, 0, 2]> : tensor<4xui8>
  %wide = mint.cast %indices : (tensor<4xui8>) -> tensor<4xi32>
  %0 = mint.gather %palette, %wide : (tensor<3xf32>, tensor<4xi32>) -> tensor<4xf32>
  %f = mint.const dense<[-1.75, 2.5, 255.9]> : tensor<3xf32>
  %1 = mint.cast %f : (tensor<3xf32>) -> tensor<3xi32>
  return %0, %1 : tensor<4xf32>, tensor<3xi32>
}
