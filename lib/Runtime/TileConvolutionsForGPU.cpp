//===- TileConvolutionsForGPU.cpp - Shared-memory convolution kernels -----===//
//
// Implements `mint-tile-convolutions-for-gpu`: each NHWC convolution becomes
// a gpu.launch computing it as an implicit matrix product,
//
//   out[m, f] += sum_k in[m, k] * filter[f, k],
//   m = (n, oh, ow), k = (kh, kw, c),
//
// in tiles of T output pixels x T output channels per block of T x T
// threads, one output per thread. The reduction advances T values of k at a
// time: the block's threads copy the T x T input patch (gathered from the
// window, im2col style) and the T x T filter slice into workgroup (shared)
// memory, synchronize, and each thread accumulates its T products from
// there, so that every global value is loaded once per block instead of
// once per output. int8 convolutions accumulate four products per
// instruction with dp4a (nvvm.dot.accumulate.4way) and subtract the zero
// points' contributions at the end.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/Matchers.h"

namespace mlir::mint {
#define GEN_PASS_DEF_TILECONVOLUTIONSFORGPUPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;

namespace {
/// A convolution this pass rewrites, with everything the kernel needs.
struct Convolution {
  Value input, filter, output;
  /// Zero points of the input and filter (int8 only), as constants.
  int64_t inputZeroPoint = 0, filterZeroPoint = 0;
  int64_t batch, outHeight, outWidth, channelsOut;
  int64_t kernelHeight, kernelWidth, channelsIn;
  int64_t strideH, strideW, dilationH, dilationW;
  /// int8 x int8 → int32 (dp4a), else f32 or f16 products summed in f32.
  bool isInt8 = false;
  /// The input's and filter's element type.
  Type element;

  int64_t getM() const { return batch * outHeight * outWidth; }
  int64_t getK() const { return kernelHeight * kernelWidth * channelsIn; }
};
} // namespace

/// Reads the convolution `op` if the kernel handles it: static memrefs with
/// identity layouts, f32 or int8 with an int32 result and constant int8
/// zero points.
static std::optional<Convolution> matchConvolution(linalg::LinalgOp op) {
  DenseIntElementsAttr strides, dilations;
  Value inputZp, filterZp;
  if (auto conv = dyn_cast<linalg::Conv2DNhwcFhwcOp>(op.getOperation())) {
    strides = conv.getStrides();
    dilations = conv.getDilations();
  } else if (auto conv =
                 dyn_cast<linalg::Conv2DNhwcFhwcQOp>(op.getOperation())) {
    strides = conv.getStrides();
    dilations = conv.getDilations();
    inputZp = op.getDpsInputs()[2];
    filterZp = op.getDpsInputs()[3];
  } else {
    return std::nullopt;
  }
  if (!op.hasPureBufferSemantics() || op.getNumDpsInits() != 1)
    return std::nullopt;
  Convolution conv;
  conv.input = op.getDpsInputs()[0];
  conv.filter = op.getDpsInputs()[1];
  conv.output = op.getDpsInits()[0];
  auto inputType = dyn_cast<MemRefType>(conv.input.getType());
  auto filterType = dyn_cast<MemRefType>(conv.filter.getType());
  auto outputType = dyn_cast<MemRefType>(conv.output.getType());
  if (!inputType || !filterType || !outputType || !inputType.hasStaticShape() ||
      !filterType.hasStaticShape() || !outputType.hasStaticShape() ||
      !inputType.getLayout().isIdentity() ||
      !filterType.getLayout().isIdentity() ||
      !outputType.getLayout().isIdentity())
    return std::nullopt;
  Type in = inputType.getElementType(), weight = filterType.getElementType(),
       out = outputType.getElementType();
  if (((in.isF32() && weight.isF32()) || (in.isF16() && weight.isF16())) &&
      out.isF32() && !inputZp) {
    conv.isInt8 = false;
    conv.element = in;
  } else if (in.isInteger(8) && weight.isInteger(8) && out.isInteger(32)) {
    conv.isInt8 = true;
    conv.element = in;
    for (auto [zp, value] : {std::pair(inputZp, &conv.inputZeroPoint),
                             std::pair(filterZp, &conv.filterZeroPoint)}) {
      if (!zp)
        continue;
      APInt constant;
      if (!matchPattern(zp, m_ConstantInt(&constant)))
        return std::nullopt;
      *value = constant.getSExtValue();
      if (*value < -128 || *value > 127)
        return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  ArrayRef<int64_t> outShape = outputType.getShape();
  ArrayRef<int64_t> filterShape = filterType.getShape();
  conv.batch = outShape[0];
  conv.outHeight = outShape[1];
  conv.outWidth = outShape[2];
  conv.channelsOut = outShape[3];
  conv.kernelHeight = filterShape[1];
  conv.kernelWidth = filterShape[2];
  conv.channelsIn = filterShape[3];
  auto strideValues = llvm::to_vector(strides.getValues<int64_t>());
  auto dilationValues = llvm::to_vector(dilations.getValues<int64_t>());
  conv.strideH = strideValues[0];
  conv.strideW = strideValues[1];
  conv.dilationH = dilationValues[0];
  conv.dilationW = dilationValues[1];
  return conv;
}

/// Emits the kernel of `conv` as a gpu.launch at the builder's position.
static void emitConvolutionKernel(ImplicitLocOpBuilder &b,
                                  const Convolution &conv, int64_t tile) {
  auto index = [&](int64_t value) -> Value {
    return arith::ConstantIndexOp::create(b, value);
  };
  int64_t m = conv.getM(), k = conv.getK(), f = conv.channelsOut;
  int64_t words = tile / 4;
  MLIRContext *context = b.getContext();
  auto workgroup = gpu::AddressSpaceAttr::get(
      context, gpu::GPUDialect::getWorkgroupAddressSpace());
  // f32 tiles are [k][row] (a warp reads a row of k), padded by one to
  // spread the transposing stores over the banks. int8 tiles are
  // [row][k / 4] in 32-bit words of four consecutive k, padded by a word.
  Type element = conv.element;
  auto tileType =
      conv.isInt8
          ? MemRefType::get({tile, words + 1}, b.getI32Type(), nullptr,
                            workgroup)
          : MemRefType::get({tile, tile + 1}, element, nullptr, workgroup);
  Value one = index(1), tileSize = index(tile);
  auto launch = gpu::LaunchOp::create(
      b, index(llvm::divideCeil(f, tile)), index(llvm::divideCeil(m, tile)),
      one, tileSize, tileSize, one, /*dynamicSharedMemorySize=*/nullptr,
      /*asyncTokenType=*/nullptr, /*asyncDependencies=*/{},
      TypeRange{tileType, tileType});
  Block &body = launch.getBody().front();
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&body);
  Value inputTile = launch.getWorkgroupAttributions()[0];
  Value filterTile = launch.getWorkgroupAttributions()[1];

  Value zero = index(0);
  Value tx = launch.getThreadIds().x, ty = launch.getThreadIds().y;
  Value fBase = arith::MulIOp::create(b, launch.getBlockIds().x, tileSize);
  Value mBase = arith::MulIOp::create(b, launch.getBlockIds().y, tileSize);
  auto add = [&](Value lhs, Value rhs) -> Value {
    return arith::AddIOp::create(b, lhs, rhs);
  };
  auto mul = [&](Value lhs, int64_t rhs) -> Value {
    return arith::MulIOp::create(b, lhs, index(rhs));
  };
  auto less = [&](Value lhs, int64_t bound) -> Value {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::ult, lhs,
                                 index(bound));
  };
  auto both = [&](Value lhs, Value rhs) -> Value {
    return arith::AndIOp::create(b, lhs, rhs);
  };
  auto clamp = [&](Value valid, Value value) -> Value {
    return arith::SelectOp::create(b, valid, value, zero);
  };
  auto divRem = [&](Value value, int64_t divisor) {
    Value d = index(divisor);
    return std::pair<Value, Value>(arith::DivUIOp::create(b, value, d),
                                   arith::RemUIOp::create(b, value, d));
  };
  // An output pixel `row` of the block: valid, and its (n, oh, ow).
  struct Pixel {
    Value valid, n, oh, ow;
  };
  auto getPixel = [&](Value row) {
    Value pixel = add(mBase, row);
    Value valid = less(pixel, m);
    auto [rest, ow] = divRem(clamp(valid, pixel), conv.outWidth);
    auto [n, oh] = divRem(rest, conv.outHeight);
    return Pixel{valid, n, oh, ow};
  };
  Value elementZero = arith::ConstantOp::create(b, b.getZeroAttr(element));
  // Loads input (pixel, k) and filter (channel, k), zero past the edges.
  auto loadPair = [&](const Pixel &pixel, Value channel, Value channelValid,
                      Value kk) {
    Value kValid = less(kk, k);
    auto [khkw, c] = divRem(clamp(kValid, kk), conv.channelsIn);
    auto [kh, kw] = divRem(khkw, conv.kernelWidth);
    Value ih = add(mul(pixel.oh, conv.strideH), mul(kh, conv.dilationH));
    Value iw = add(mul(pixel.ow, conv.strideW), mul(kw, conv.dilationW));
    auto guardedLoad = [&](Value valid, Value memref, ValueRange indices) {
      auto ifOp = scf::IfOp::create(b, TypeRange{element}, valid,
                                    /*withElseRegion=*/true);
      OpBuilder::InsertionGuard ifGuard(b);
      b.setInsertionPointToStart(ifOp.thenBlock());
      scf::YieldOp::create(
          b, ValueRange{memref::LoadOp::create(b, memref, indices)});
      b.setInsertionPointToStart(ifOp.elseBlock());
      scf::YieldOp::create(b, ValueRange{elementZero});
      return ifOp.getResult(0);
    };
    return std::pair<Value, Value>(
        guardedLoad(both(pixel.valid, kValid), conv.input,
                    {pixel.n, ih, iw, c}),
        guardedLoad(both(channelValid, kValid), conv.filter,
                    {clamp(channelValid, channel), kh, kw, c}));
  };
  auto word = VectorType::get({4}, b.getI8Type());
  auto pack = [&](ArrayRef<Value> bytes) -> Value {
    Value vector = vector::FromElementsOp::create(b, word, bytes);
    Value packed = vector::BitCastOp::create(
        b, VectorType::get({1}, b.getI32Type()), vector);
    return vector::ExtractOp::create(b, packed, ArrayRef<int64_t>{0});
  };
  auto unpack = [&](Value packed) -> Value {
    Value vector = vector::BroadcastOp::create(
        b, VectorType::get({1}, b.getI32Type()), packed);
    return vector::BitCastOp::create(b, word, vector);
  };

  // This thread computes output (pixel ty, channel tx). For the copies, an
  // f32 thread brings element (row ty, k tx) of both tiles; an int8 thread
  // among the first tile * tile / 4 brings word (row, w) = its index
  // divided by tile / 4.
  Pixel pixel = getPixel(ty);
  Value channel = add(fBase, tx);
  Value channelValid = less(channel, f);
  Value copyRow = ty, copyColumn = tx, copies = nullptr;
  if (conv.isInt8) {
    Value linear = add(mul(ty, tile), tx);
    copies = less(linear, tile * words);
    std::tie(copyRow, copyColumn) = divRem(clamp(copies, linear), words);
  }
  Pixel copyPixel = conv.isInt8 ? getPixel(copyRow) : pixel;
  Value copyChannel = add(fBase, copyRow);
  Value copyChannelValid = less(copyChannel, f);

  Type accType = conv.isInt8 ? Type(b.getI32Type()) : Type(b.getF32Type());
  Value accZero = arith::ConstantOp::create(b, b.getZeroAttr(accType));
  // The products, and for int8 the zero points' contributions.
  SmallVector<Value> initial = {accZero, accZero, accZero};
  auto loop = scf::ForOp::create(b, zero, index(k), tileSize, initial);
  {
    OpBuilder::InsertionGuard loopGuard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value k0 = loop.getInductionVar();
    if (conv.isInt8) {
      auto copy = scf::IfOp::create(b, copies, /*withElseRegion=*/false);
      OpBuilder::InsertionGuard copyGuard(b);
      b.setInsertionPointToStart(copy.thenBlock());
      Value kBase = add(k0, mul(copyColumn, 4));
      SmallVector<Value> inputBytes, filterBytes;
      for (int64_t i = 0; i < 4; ++i) {
        auto [x, w] = loadPair(copyPixel, copyChannel, copyChannelValid,
                               add(kBase, index(i)));
        inputBytes.push_back(x);
        filterBytes.push_back(w);
      }
      memref::StoreOp::create(b, pack(inputBytes), inputTile,
                              ValueRange{copyRow, copyColumn});
      memref::StoreOp::create(b, pack(filterBytes), filterTile,
                              ValueRange{copyRow, copyColumn});
    } else {
      auto [x, w] = loadPair(copyPixel, copyChannel, copyChannelValid,
                             add(k0, copyColumn));
      memref::StoreOp::create(b, x, inputTile, ValueRange{copyColumn, copyRow});
      memref::StoreOp::create(b, w, filterTile,
                              ValueRange{copyColumn, copyRow});
    }
    gpu::BarrierOp::create(b);

    // Accumulate this thread's products from shared memory.
    auto inner = scf::ForOp::create(b, zero, index(conv.isInt8 ? words : tile),
                                    one, loop.getRegionIterArgs());
    {
      OpBuilder::InsertionGuard innerGuard(b);
      b.setInsertionPointToStart(inner.getBody());
      Value j = inner.getInductionVar();
      ValueRange sums = inner.getRegionIterArgs();
      SmallVector<Value> next(sums);
      if (conv.isInt8) {
        Value x =
            unpack(memref::LoadOp::create(b, inputTile, ValueRange{ty, j}));
        Value y =
            unpack(memref::LoadOp::create(b, filterTile, ValueRange{tx, j}));
        auto dp4a = [&](Value lhs, Value rhs, Value acc) -> Value {
          return NVVM::DotAccumulate4WayOp::create(
              b, b.getI32Type(), lhs, NVVM::DotAccumulateType::SIGNED, rhs,
              NVVM::DotAccumulateType::SIGNED, acc);
        };
        auto splat = [&](int64_t value) -> Value {
          return arith::ConstantOp::create(
              b, DenseElementsAttr::get(word, b.getI8IntegerAttr(value)));
        };
        next[0] = dp4a(x, y, sums[0]);
        if (conv.inputZeroPoint)
          next[1] = dp4a(splat(conv.inputZeroPoint), y, sums[1]);
        if (conv.filterZeroPoint)
          next[2] = dp4a(x, splat(conv.filterZeroPoint), sums[2]);
      } else {
        Value x = memref::LoadOp::create(b, inputTile, ValueRange{j, ty});
        Value y = memref::LoadOp::create(b, filterTile, ValueRange{j, tx});
        if (!element.isF32()) {
          x = arith::ExtFOp::create(b, b.getF32Type(), x);
          y = arith::ExtFOp::create(b, b.getF32Type(), y);
        }
        next[0] =
            arith::AddFOp::create(b, sums[0], arith::MulFOp::create(b, x, y));
      }
      scf::YieldOp::create(b, next);
    }
    gpu::BarrierOp::create(b);
    scf::YieldOp::create(b, inner.getResults());
  }

  // out += sum; for int8 sum (a - za)(w - zw) = sum aw - za sum w
  // - zw sum a + K za zw.
  Value sum = loop.getResult(0);
  if (conv.isInt8) {
    sum = arith::SubIOp::create(b, sum, loop.getResult(1));
    sum = arith::SubIOp::create(b, sum, loop.getResult(2));
    int64_t constant = k * conv.inputZeroPoint * conv.filterZeroPoint;
    if (constant)
      sum = add(sum, arith::ConstantIntOp::create(b, constant, 32));
  }
  auto store = scf::IfOp::create(b, both(pixel.valid, channelValid),
                                 /*withElseRegion=*/false);
  {
    OpBuilder::InsertionGuard storeGuard(b);
    b.setInsertionPointToStart(store.thenBlock());
    SmallVector<Value> at = {pixel.n, pixel.oh, pixel.ow, channel};
    Value old = memref::LoadOp::create(b, conv.output, at);
    Value updated =
        conv.isInt8 ? add(old, sum) : Value(arith::AddFOp::create(b, old, sum));
    memref::StoreOp::create(b, updated, conv.output, at);
  }
  gpu::TerminatorOp::create(b);
}

namespace {
struct TileConvolutionsForGPUPass
    : mint::impl::TileConvolutionsForGPUPassBase<TileConvolutionsForGPUPass> {
  using TileConvolutionsForGPUPassBase::TileConvolutionsForGPUPassBase;

  void runOnOperation() override {
    if (tile < 4 || tile > 32 || tile % 4 != 0) {
      getOperation().emitError("mint-tile-convolutions-for-gpu: tile must "
                               "be a multiple of 4 from 4 to 32");
      return signalPassFailure();
    }
    SmallVector<std::pair<linalg::LinalgOp, Convolution>> convolutions;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (std::optional<Convolution> conv = matchConvolution(op))
        convolutions.emplace_back(op, *conv);
    });
    for (auto &[op, conv] : convolutions) {
      ImplicitLocOpBuilder b(op.getLoc(), op);
      emitConvolutionKernel(b, conv, tile);
      op.erase();
    }
  }
};
} // namespace
