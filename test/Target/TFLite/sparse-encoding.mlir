// Sparse constants in three encodings (row blocks of 1x4, plain CSR, and
// column-major CSC), exported and run in the TFLite interpreter through
// DENSIFY: with a zero input the outputs are the constants, so TFLite's own
// decoder checks Mint's encoder. Re-importing gives the same constants.
//
// RUN: rm -rf %t && mkdir %t
// RUN: mint-translate --export-tflite %s -o %t/model.tflite
// RUN: %python %mint_src_root/utils/tflite-oracle.py %t/model.tflite --input %S/Inputs/zeros_4x8.npy --output-dir %t/out
// RUN: %python -c "import numpy as n, sys; o=[n.load('%t/out/output_%%d.npy' %% i) for i in range(3)]; print(*[' '.join(str(int(v)) for v in x.ravel()) for x in o], sep='\n')" | FileCheck %s --check-prefix=TFLITE
// RUN: %flatc --json --strict-json --raw-binary -o %t %mint_src_root/lib/Target/TFLite/schema/tflite.fbs -- %t/model.tflite
// RUN: FileCheck %s --check-prefix=JSON < %t/model.json
// RUN: mint-translate --import-tflite %t/model.tflite | FileCheck %s --check-prefix=MLIR

// TFLITE: 1 2 3 4 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 5 6 7 8 9 0 0 0 0 0 0 10
// TFLITE-NEXT: 1 2 3 4 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 5 6 7 8 9 0 0 0 0 0 0 10
// TFLITE-NEXT: 1 2 3 4 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 5 6 7 8 9 0 0 0 0 0 0 10

// Blocks: rows 0, 2 and 3 keep block 0, 1 and both blocks; the block
// values are stored whole (9, 0, 0, 0 included).
// JSON: "block_map": [
// JSON-NEXT: 1
// JSON: "dense_size": 4
// JSON: "format": "SPARSE_CSR",
// JSON: "array_segments": {
// JSON-NEXT: "values": [
// JSON-NEXT: 0,
// JSON-NEXT: 1,
// JSON-NEXT: 1,
// JSON-NEXT: 2,
// JSON-NEXT: 4
// JSON: "array_indices": {
// JSON-NEXT: "values": [
// JSON-NEXT: 0,
// JSON-NEXT: 1,
// JSON-NEXT: 0,
// JSON-NEXT: 1

// MLIR-COUNT-3: mint.sparse_const {{.*}} dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00], [9.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+01]]> : tensor<4x8xf32>

func.func @main(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %blocks = mint.sparse_const #mint.sparsity<traversal_order = [0, 1, 2], block_map = [1], block_sizes = [4], levels = [dense, sparse_csr, dense]>
      dense<[[1.0, 2.0, 3.0, 4.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 5.0, 6.0, 7.0, 8.0], [9.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0]]> : tensor<4x8xf32>
  %csr = mint.sparse_const #mint.sparsity<traversal_order = [0, 1], levels = [dense, sparse_csr]>
      dense<[[1.0, 2.0, 3.0, 4.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 5.0, 6.0, 7.0, 8.0], [9.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0]]> : tensor<4x8xf32>
  %csc = mint.sparse_const #mint.sparsity<traversal_order = [1, 0], levels = [dense, sparse_csr]>
      dense<[[1.0, 2.0, 3.0, 4.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 5.0, 6.0, 7.0, 8.0], [9.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0]]> : tensor<4x8xf32>
  %0 = mint.densify %blocks : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = mint.densify %csr : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %2 = mint.densify %csc : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %r0 = mint.add %x, %0 : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %r1 = mint.add %x, %1 : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %r2 = mint.add %x, %2 : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %r0, %r1, %r2 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}
