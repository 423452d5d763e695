//===- Passes.td - Passes of the CPU pipeline --------------*- tablegen -*-===//
//
// The passes Mint adds to the upstream linalg → LLVM lowering for the host
// CPU: flag `mint-<verb>-<noun>`, def `...Pass`.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_PASSES_TD
#define MINT_RUNTIME_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertCopiesToLinalgPass
    : Pass<"mint-convert-copies-to-linalg", "func::FuncOp"> {
  let summary = "Turn memref.copy into linalg.copy";
  let description = [{
    Bufferization writes the interior of a padded tensor with `memref.copy`
    into a strided subview; lowered to LLVM, a copy between non-contiguous
    memrefs becomes a call to the generic `memrefCopy` runtime function,
    which is slow and absent from a JIT without MLIR's runner utilities.
    As `linalg.copy` the copy becomes loops that are vectorized with the
    rest of the code.

    Before:

    ```mlir
    memref.copy %src, %view : memref<1x8x8x3xf32>
        to memref<1x8x8x3xf32, strided<[300, 30, 3, 1], offset: 33>>
    ```

    After:

    ```mlir
    linalg.copy ins(%src : memref<1x8x8x3xf32>)
        outs(%view : memref<1x8x8x3xf32, strided<[300, 30, 3, 1], offset: 33>>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def SpecializeConvolutionsPass
    : Pass<"mint-specialize-convolutions", "func::FuncOp"> {
  let summary = "Rewrite linalg convolutions into the forms that vectorize";
  let description = [{
    TOSA lowers convolutions to `linalg.conv_2d_nhwc_fhwc` and depthwise
    convolutions to `linalg.depthwise_conv_2d_nhwc_hwcm`. This pass
    transposes FHWC filters to HWCF (so that the inner product runs along
    contiguous output channels): constant ones at compile time, ones
    computed elementwise from constants (palettized weights looked up at run
    time) with a transposing `linalg.generic` that elementwise fusion merges
    with the computation; and it turns
    depthwise convolutions with a channel multiplier of 1 into
    `linalg.depthwise_conv_2d_nhwc_hwc`; both then decompose into 1-D
    convolutions in `mint-tile-and-vectorize`.

    Before:

    ```mlir
    %w = arith.constant dense<...> : tensor<16x1x1x8xf32>
    %0 = linalg.conv_2d_nhwc_fhwc ins(%x, %w : tensor<1x4x4x8xf32>,
        tensor<16x1x1x8xf32>) outs(%init : tensor<1x4x4x16xf32>)
        -> tensor<1x4x4x16xf32>
    ```

    After:

    ```mlir
    %w = arith.constant dense<...> : tensor<1x1x8x16xf32>
    %0 = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x4x4x8xf32>,
        tensor<1x1x8x16xf32>) outs(%init : tensor<1x4x4x16xf32>)
        -> tensor<1x4x4x16xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def LowerVnniConvolutionsPass
    : Pass<"mint-lower-vnni-convolutions", "func::FuncOp"> {
  let summary = "Compute int8 pointwise convolutions with AVX-512 VNNI";
  let description = [{
    Rewrites an int8 × int8 → int32 1x1 convolution with a constant filter
    (as TOSA lowers TFLite's int8 CONV_2D and FULLY_CONNECTED) into loops
    around `vpdpbusd`, which multiplies 4 unsigned bytes by 4 signed bytes
    and adds the sum to a 32-bit lane, 64 products per instruction. The
    activations become unsigned by adding 128 (an xor of the sign bit); the
    filter is packed at compile time so that the 4 input channels of each
    output channel are adjacent; (128 + input zero point) × the filter's
    channel sums is subtracted from the accumulator's initial value (the
    bias), so results are the integers TFLite computes. Each tile keeps up
    to 8 pixels × 32 output channels of accumulators in registers. Only
    for hosts with AVX512-VNNI; the CPU pipeline adds the pass when the host
    has it.

    The dot products stay pure `vector.contract`s of a zero-extended and a
    sign-extended `vector<16x4xi8>` into `vector<16xi32>` until
    bufferization and deallocation are done (they refuse intrinsic calls,
    whose memory effects are unknown); the pipeline then runs the pass again
    with `emit-intrinsics` to turn them into `llvm.call_intrinsic
    "llvm.x86.avx512.vpdpbusd.512"`.
  }];
  let options = [
    Option<"emitIntrinsics", "emit-intrinsics", "bool", /*default=*/"false",
           "Turn the dot products into the vpdpbusd intrinsic (after "
           "bufferization) instead of rewriting convolutions">,
  ];
  let dependentDialects = [
    "::mlir::LLVM::LLVMDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def LowerPaletteLookupsPass
    : Pass<"mint-lower-palette-lookups", "func::FuncOp"> {
  let summary = "Look palettized weights up at run time";
  let description = [{
    Rewrites a palettized weight (`mint-palettize-weights`: a constant
    palette gathered by constant indices, directly or through a
    `mint.cast`) into a `linalg.generic` that reads each weight from the
    palette by its stored index when the model runs. The compiled code then
    holds the indices at their stored width (one byte per weight for uint8
    indices) and the palette, not the expanded float32 weights; each run
    expands the weight into its workspace before the layer that reads it.
    Without this pass `mint-densify` expands the palette once, at compile
    time, into a constant of the full weight. Indices outside the palette
    are left for `mint-densify` and the conversion to report.

    Before:

    ```mlir
    %palette = mint.const dense<[-0.5, 0.0, 0.25, 1.0]> : tensor<4xf32>
    %stored = mint.const dense<...> : tensor<8x3x3x16xui8>
    %indices = mint.cast %stored : ... -> tensor<8x3x3x16xi32>
    %w = mint.gather %palette[%indices] {axis = 0, batch_dims = 0}
        : ... -> tensor<8x3x3x16xf32>
    ```

    After:

    ```mlir
    %palette = arith.constant dense<[-0.5, 0.0, 0.25, 1.0]> : tensor<4xf32>
    %stored = arith.constant dense<...> : tensor<8x3x3x16xi8>
    %w = linalg.generic ... ins(%stored) outs(%empty) {
    ^bb0(%i: i8, %out: f32):
      %k = arith.index_castui %i : i8 to index
      %v = tensor.extract %palette[%k] : tensor<4xf32>
      linalg.yield %v : f32
    } -> tensor<8x3x3x16xf32>
    ```

    Per-channel palettes (`[O, K]`, gathered with `batch_dims = 1`) are
    read at the channel's row.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def LowerSparseConvolutionsPass
    : Pass<"mint-lower-sparse-convolutions", "::mlir::ModuleOp"> {
  let summary = "Compute block-sparse float32 pointwise convolutions";
  let description = [{
    Rewrites a float32 1x1, stride-1 convolution with a constant filter (as
    TOSA lowers TFLite's CONV_2D 1x1 and FULLY_CONNECTED) whose filter is
    mostly blocks of zeros into loops that skip them. The filter is packed
    at compile time as the blocks of B output channels × 1 input channel
    (B = 16, 8 or 4, whichever divides the output channels and leaves the
    fewest blocks) that hold a nonzero value, in rows of blocks (CSR: the
    values, the input channel of each block, the first block of each row).
    Tiles of 8 pixels keep their B-channel accumulators in vector registers;
    each stored block is one vector read and, per pixel, a broadcast of one
    activation and a vector multiply-add. With `threads` > 1 the tiles are
    split into that many `scf.forall` chunks (the CPU pipeline turns them
    into an OpenMP parallel loop); pixels left over from whole tiles are
    done one at a time. Pruning with
    `--pattern block:16x1` (or 8x1, 4x1) gives filters of this form.

    A filter is rewritten only when its blocks need at most `max-density`
    of the vector multiply-adds of the dense kernel (one per 16 output
    channels and input channel); denser filters, including unstructured or
    2:4 sparsity whose zeros do not line up across output channels, stay
    convolutions for the dense kernels. An all-zero filter leaves the
    accumulator's initial value (the bias). The module attribute
    `mint.block_sparse_convolutions` records how many convolutions the pass
    rewrote (the runtime reports it).

    Before:

    ```mlir
    %w = arith.constant dense<...> : tensor<32x1x1x64xf32>  // 75% zero blocks
    %0 = linalg.conv_2d_nhwc_fhwc ins(%x, %w : tensor<1x8x8x64xf32>,
        tensor<32x1x1x64xf32>) outs(%bias : tensor<1x8x8x32xf32>)
        -> tensor<1x8x8x32xf32>
    ```

    After: constants `tensor<32x16xf32>` (values), `tensor<32xi32>` (input
    channels), `tensor<3xi32>` (row offsets) and `scf.for` loops over
    8-pixel tiles, rows of blocks and the stored blocks of a row, whose body
    is `vector.fma`s of broadcast activations and `vector<16xf32>` blocks.
  }];
  let options = [
    Option<"maxDensity", "max-density", "double", /*default=*/"0.75",
           "Rewrite when the stored blocks need at most this fraction of "
           "the dense kernel's vector multiply-adds">,
    Option<"threads", "threads", "int64_t", /*default=*/"1",
           "Split the pixel tiles into this many `scf.forall` chunks for "
           "the threads to share (1: no split)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def TileAndVectorizePass
    : Pass<"mint-tile-and-vectorize", "func::FuncOp"> {
  let summary = "Tile linalg ops to register-sized blocks and vectorize them";
  let description = [{
    Gives every statically shaped linalg op of a function a tile size per
    loop, chosen for the host's vector registers (the innermost parallel
    dimension in blocks of up to `vector-width` elements, a few output
    columns, reductions in small steps), tiles it with `scf.for` loops,
    rewrites 2-D convolutions and pools with a unit window row into their
    1-D forms, and vectorizes what results. Contractions become
    `vector.contract`, lowered later to FMAs. Ops that cannot be vectorized
    (gathers of resizes, dynamic shapes) stay as they are and become plain
    loops. Works on tensors (before bufferization) and on buffers (for the
    fills and copies that bufferization creates). With `threads` > 1, each
    op's outermost parallel loop of more than one iteration (output rows of
    convolutions and pools) is first split into `threads` chunks with
    `scf.forall`, which the CPU pipeline turns into an OpenMP parallel loop.

    Before:

    ```mlir
    %0 = linalg.depthwise_conv_2d_nhwc_hwc
        ins(%in, %w : tensor<1x58x58x144xf32>, tensor<3x3x144xf32>)
        outs(%init : tensor<1x56x56x144xf32>) -> tensor<1x56x56x144xf32>
    ```

    After: `scf.for` nests over rows, column blocks and channel blocks whose
    bodies read, multiply-add and write `vector<8x16xf32>` tiles.
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "int64_t", /*default=*/"16",
           "Elements per vector register of the element type (16 f32 "
           "lanes for AVX-512)">,
    Option<"threads", "threads", "int64_t", /*default=*/"1",
           "Split each op's outermost parallel loop into this many "
           "`scf.forall` chunks for the threads to share (1: no split)">,
  ];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def PlanWorkspacePass : Pass<"mint-plan-workspace", "::mlir::ModuleOp"> {
  let summary = "Place a model's intermediate buffers in one workspace";
  let description = [{
    After bufferization, every intermediate tensor of a model is a
    `memref.alloc` freed by a `memref.dealloc` in the same block. Allocating
    them on every run costs page faults and allocator time that can exceed
    the arithmetic of small models. This pass plans them as TFLite's arena
    does: each buffer lives from its allocation to its deallocation, and
    buffers are placed greedily by decreasing size at the lowest
    64-byte-aligned offset that no buffer live at the same time occupies.
    The allocations become `memref.view`s of a new last argument of each
    public function, `memref<Nxi8>`, whose size N the pass records in the
    module attribute `mint.workspace_bytes`; the runtime allocates it once.
    Buffers in nested regions or freed conditionally stay on the heap.

    Before:

    ```mlir
    func.func @main(%x: memref<1x8xf32>, %y: memref<1x8xf32>) {
      %a = memref.alloc() {alignment = 64 : i64} : memref<1x8xf32>
      ...
      memref.dealloc %a : memref<1x8xf32>
      return
    }
    ```

    After:

    ```mlir
    module attributes {mint.workspace_bytes = 64 : i64} {
      func.func @main(%x: memref<1x8xf32>, %y: memref<1x8xf32>,
                      %ws: memref<64xi8>) {
        %c0 = arith.constant 0 : index
        %a = memref.view %ws[%c0][] : memref<64xi8> to memref<1x8xf32>
        ...
        return
      }
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

def TileParallelLoopsForGPUPass
    : Pass<"mint-tile-parallel-loops-for-gpu", "func::FuncOp"> {
  let summary = "Collapse each parallel loop nest into one dimension and "
                "tile it into thread blocks";
  let description = [{
    The CUDA path's mapping of an op onto the GPU: every outermost
    `scf.parallel` (one per linalg op after `convert-linalg-to-parallel-loops`)
    becomes one flat parallel dimension over all its iterations, split into
    an outer loop over blocks of `threads` iterations and an inner loop over
    the iterations of a block. `gpu-map-parallel-loops` then maps the outer
    loop to `blockIdx.x` and the inner one to `threadIdx.x`: one thread per
    output element whatever the op's rank (upstream's
    `scf-parallel-loop-tiling` tiles leading dimensions, and the mapping
    runs dimensions past the third sequentially). Reductions stay sequential
    loops inside each thread.

    Before:

    ```mlir
    scf.parallel (%n, %h, %w, %c) = (%c0, %c0, %c0, %c0)
        to (%c1, %c8, %c8, %c16) step (%c1, %c1, %c1, %c1) { ... }
    ```

    After (`threads=64`): an outer `scf.parallel (%b) = (%c0) to (%c1024)
    step (%c64)` around an inner `scf.parallel (%t) = (%c0) to (%c64)`,
    the original indices recovered from `%b + %t` by division and
    remainder.
  }];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::scf::SCFDialect",
  ];
  let options = [
    Option<"threads", "threads", "int64_t", /*default=*/"64",
           "Threads per block">
  ];
}

def TileConvolutionsForGPUPass
    : Pass<"mint-tile-convolutions-for-gpu", "func::FuncOp"> {
  let summary = "Compute NHWC convolutions on the GPU in shared-memory tiles";
  let description = [{
    The CUDA path's convolution kernel. Each `linalg.conv_2d_nhwc_fhwc`
    (f32, f16 with an f32 result, or int8 with an int32 result) and
    `linalg.conv_2d_nhwc_fhwc_q`
    (int8 with constant zero points) on buffers becomes a `gpu.launch`
    computing it as an implicit matrix product: output pixels
    (n, oh, ow) by output channels, reduced over (kh, kw, c). A block of
    `tile` x `tile` threads owns a `tile` x `tile` output tile, one output
    per thread. The reduction advances `tile` values at a time: the threads
    copy the input patch (gathered from each pixel's window) and the filter
    slice into two workgroup buffers (`#gpu.address_space<workgroup>`,
    PTX `.shared`), synchronize with `gpu.barrier`, and accumulate their
    products from there, so each global value is read once per block
    rather than once per output. Values past the edges of the tile are
    zero. int8 convolutions keep four consecutive reduction values in one
    32-bit word of shared memory and accumulate them with one dp4a
    (`nvvm.dot.accumulate.4way`); the zero points' contributions are
    accumulated the same way and subtracted at the end, so the int32
    result is exact. The result is added to the output buffer's initial
    value (the bias), as linalg's semantics require.

    Other element types and dynamic shapes are left to the generic path.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::NVVM::NVVMDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
  let options = [
    Option<"tile", "tile", "int64_t", /*default=*/"16",
           "Output pixels and channels per block side (threads: tile x tile; "
           "a multiple of 4 up to 32)">
  ];
}

def EmulateGPULaunchesPass
    : Pass<"mint-emulate-gpu-launches", "func::FuncOp"> {
  let summary = "Run gpu.launch kernels as host loops, for checking them "
                "without a GPU";
  let description = [{
    Rewrites each `gpu.launch` into sequential loops over its blocks and,
    inside each block, over its threads, so that the CUDA path's kernels
    (before outlining) can be lowered for the CPU and their results compared
    with the CPU path's. Barriers are honoured by fission: the kernel body
    may be a pure prologue, one `scf.for` whose body holds `gpu.barrier`s at
    its top level, and an epilogue, or hold its barriers at its own top
    level (treated as a loop of one iteration); every segment between barriers becomes
    its own loop over the threads, the prologue is recomputed in each, and
    what a thread carries from one segment to the next (the loop's
    iteration arguments and values defined before a barrier and used after
    it) waits in per-thread arrays. Workgroup memory becomes one buffer per
    block. `nvvm.dot.accumulate.4way` (dp4a) becomes its four extended
    products and sums. Other shapes of barrier use are reported as errors.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def ComputeInFloat16Pass : Pass<"mint-compute-in-f16", "func::FuncOp"> {
  let summary = "Compute a float32 TOSA function in float16";
  let description = [{
    The CUDA path's `--precision float16`: every float32 tensor of the
    function body (operation results and constants, clamp bounds) becomes
    float16, rounded to nearest, while the function keeps its float32
    inputs and outputs (`tosa.cast` at the edges). Convolution and matrix
    accumulators keep their `acc_type` (float32), so sums of products are
    still accumulated in float32 and rounded once. Reductions
    (`tosa.reduce_sum`: a global average pool sums every pixel) and ops
    other than TOSA (the `linalg.generic` of a bilinear resize, whose pixel
    coordinates need float32) keep computing in float32 between
    `tosa.cast`s. Halves
    the memory every activation and weight takes and moves; outputs then
    differ from the float32 model's by float16's precision (about 1e-3 of
    the output range on the MediaPipe models).
  }];
  let dependentDialects = ["::mlir::tosa::TosaDialect"];
}

def ParallelDimsFirstPass
    : Pass<"mint-parallel-dims-first", "func::FuncOp"> {
  let summary = "Interchange linalg loops so that parallel dimensions come "
                "first";
  let description = [{
    `convert-linalg-to-parallel-loops` nests loops in the order of an op's
    iterator types, so an op that reduces over its leading dimensions (a
    global average pool written as a sum over H and W) becomes sequential
    `scf.for` loops around a parallel loop. On the GPU path those outer
    loops would run on the host, launching one kernel per iteration. This
    pass moves every parallel dimension of such an op before its reduction
    dimensions (keeping the order within each group; named ops are first
    generalized), so that each thread runs the whole reduction of its
    output element inside one kernel. Ops already in that order are left
    alone.

    Before: `iterator_types = ["reduction", "reduction", "parallel"]`.
    After: `iterator_types = ["parallel", "reduction", "reduction"]`, with
    the indexing maps permuted to match.
  }];
}

def WrapSequentialWorkForGPUPass
    : Pass<"mint-wrap-sequential-work-for-gpu", "func::FuncOp"> {
  let summary = "Give the work outside parallel loops a one-thread kernel";
  let description = [{
    After `convert-linalg-to-parallel-loops`, an op with no parallel
    dimension (a dot product into one value, a rank-0 elementwise op) is
    plain code in the function body: loads, stores and sequential loops
    that would run on the host, on buffers that live on the GPU. This pass
    wraps each run of such work (consecutive top-level ops that read or
    write memory and contain no `scf.parallel`, with the pure ops between
    them) in a one-iteration `scf.parallel`, which
    `gpu-map-parallel-loops` and `convert-parallel-loops-to-gpu` turn into a
    kernel of one thread. Runs after the last canonicalization before the
    mapping (which would fold a one-iteration loop away). Fails, located, if
    a value computed by the work is used after it.

    Before:

    ```mlir
    memref.store %zero, %acc[] : memref<f32>
    scf.for %k = %c0 to %c672 step %c1 { ... memref.store ... }
    %v = memref.load %acc[] : memref<f32>
    %s = arith.negf %v : f32
    memref.store %s, %out[] : memref<f32>
    ```

    After: the same ops inside
    `scf.parallel (%i) = (%c0) to (%c1) step (%c1) { ... }`.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::scf::SCFDialect",
  ];
}

#endif // MINT_RUNTIME_PASSES_TD
