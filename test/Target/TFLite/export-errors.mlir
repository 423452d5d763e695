// Export first checks that the module can be a TFLite model and reports
// every problem at its location; a module that fails writes no file.
//
// RUN: mint-translate --export-tflite --split-input-file --verify-diagnostics %s -o /dev/null
// RUN: rm -f %t.tflite && not mint-translate --export-tflite --split-input-file %s -o %t.tflite 2> /dev/null
// RUN: not ls %t.tflite

// expected-error @below {{cannot be exported to TFLite: it has no function}}
module {}

// -----

module {
  // expected-error @below {{'builtin.module' op cannot be exported to TFLite: a model holds only functions (subgraphs) at the top level}}
  module {}
  func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
    return %x : tensor<2xf32>
  }
}

// -----

// expected-error @below {{'func.func' op cannot be exported to TFLite: a subgraph needs a body of one block}}
func.func private @external(tensor<2xf32>) -> tensor<2xf32>

// -----

// expected-error @below {{'func.func' op has argument #0 of type 'tensor<*xf32>', which TFLite cannot hold (only ranked tensors)}}
func.func @main(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}

// -----

// expected-error @below {{'func.func' op has argument #0 of element type 'i7', which TFLite cannot hold}}
func.func @main(%x: tensor<2xi7>) -> tensor<2xi7> {
  return %x : tensor<2xi7>
}

// -----

func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @below {{'func.call' op cannot be exported to TFLite: only mint ops map to TFLite operators}}
  %0 = func.call @main(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @below {{'mint.fake_quant' op cannot be exported to TFLite: FAKE_QUANT has one range per tensor, not per axis}}
  %0 = mint.fake_quant %x {min = array<f32: 0.0, -2.0, -3.0>, max = array<f32: 1.0, 2.0, 3.0>, axis = 1 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @main() -> none {
  %none = mint.no_value : none
  // expected-error @below {{'func.return' op returns an omitted value}}
  return %none : none
}

// -----

func.func @main() -> tensor<2xf32> {
  // expected-error @below {{'mint.const' op cannot be exported to TFLite: its value must be dense elements}}
  %0 = mint.const dense_resource<blob> : tensor<2xf32>
  return %0 : tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000000803F00000040"
    }
  }
#-}

// -----

// expected-error @below {{'func.func' op has a malformed signature inputs entry ["x", 1 : i32]}}
func.func @main(%x: tensor<2xf32>) -> tensor<2xf32>
    attributes {mint.tflite.signatures = [{key = "serving_default", inputs = [["x", 1 : i32]], outputs = []}]} {
  return %x : tensor<2xf32>
}

// -----

// expected-error @below {{'func.func' op has a malformed mint.tflite.signatures entry {inputs = []}}}
func.func @main(%x: tensor<2xf32>) -> tensor<2xf32>
    attributes {mint.tflite.signatures = [{inputs = []}]} {
  return %x : tensor<2xf32>
}

// -----

// expected-error @below {{metadata 'min_runtime_version' is not a string}}
module attributes {mint.tflite.metadata = {min_runtime_version = 1 : i32}} {
  func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
    return %x : tensor<2xf32>
  }
}

// -----

func.func @main(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error @below {{'mint.custom' op has unknown builtin_options_type 'NoSuchOptions'}}
  %0 = mint.custom "WHILE"(%x) {builtin_code = 119 : i32, builtin_options = {}, builtin_options_type = "NoSuchOptions"} : (tensor<1x8xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

// Every problem is reported, not only the first.
// expected-error @below {{metadata 'note' is not a string}}
module attributes {mint.tflite.metadata = {note = [1 : i32]}} {
  func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
    // expected-error @below {{'func.call' op cannot be exported to TFLite: only mint ops map to TFLite operators}}
    %0 = func.call @main(%x) : (tensor<2xf32>) -> tensor<2xf32>
    return %0 : tensor<2xf32>
  }
  // expected-error @below {{'func.func' op has argument #0 of element type 'i7', which TFLite cannot hold}}
  func.func @other(%x: tensor<2xi7>) -> tensor<2xi7> {
    return %x : tensor<2xi7>
  }
}
