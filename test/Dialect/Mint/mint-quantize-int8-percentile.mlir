// RUN: mint-opt %s --mint-quantize="mode=int8 calibration-method=percentile percentile=90" | FileCheck %s
// RUN: mint-opt %s --mint-quantize="mode=int8 calibration-method=minmax" | FileCheck %s --check-prefix=MINMAX

// 90 of 100 values fall in [0, 1), 10 in [9, 10]: the 90th percentile is
// 1.0 (the top of the first bin), so the range is [0, 1] (scale 1/255, zero
// point -128) instead of min/max's [0, 10] (scale 10/255).
// CHECK: mint.relu %{{.*}} -> tensor<8x!quant.uniform<i8:f32, 0.0039215688593685627:-128>>
// MINMAX: mint.relu %{{.*}} -> tensor<8x!quant.uniform<i8:f32, 0.039215687662363052:-128>>
func.func @main(%x: tensor<8xf32> {mint.stats = #mint.stats<min = 0.0, max = 10.0, average_min = 0.0, average_max = 10.0, samples = 1, histogram_min = 0.0, bin_width = 1.0, counts = [90, 0, 0, 0, 0, 0, 0, 0, 0, 10]>}) -> tensor<8xf32> {
  %0 = mint.relu %x {mint.stats = [#mint.stats<min = 0.0, max = 10.0, average_min = 0.0, average_max = 10.0, samples = 1, histogram_min = 0.0, bin_width = 1.0, counts = [90, 0, 0, 0, 0, 0, 0, 0, 0, 10]>]} : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
