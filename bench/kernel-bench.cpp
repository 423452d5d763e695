//===- kernel-bench.cpp - XNNPACK and machine-peak reference timings ------===//
//
// The reference side of bench/kernels.py: times one convolution shape with
// XNNPACK (Debian libxnnpack-dev, the library TFLite's default CPU delegate
// is built on) and measures the machine's peak throughput per core with
// tight loops of independent AVX-512 FMAs (float32) and VNNI dot products
// (int8). Prints JSON; asserts nothing.
//
//   mint-kernel-bench peak
//   mint-kernel-bench conv N H W C F KH KW SH SW PT PB PL PR DEPTHWISE
//                     [THREADS] [ITERATIONS]
//
//===----------------------------------------------------------------------===//

#include <xnnpack.h>

#include <immintrin.h>
#include <pthreadpool.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

namespace {

double seconds() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// 16 independent accumulators hide the FMA latency (4 cycles, 2 ports).
__attribute__((target("avx512f"))) double measureFmaPeak() {
  __m512 acc[16];
  for (int i = 0; i < 16; ++i)
    acc[i] = _mm512_set1_ps(static_cast<float>(i));
  const __m512 a = _mm512_set1_ps(0.999f), b = _mm512_set1_ps(1e-6f);
  const long iterations = 20'000'000;
  double start = seconds();
  for (long it = 0; it < iterations; ++it)
    for (int i = 0; i < 16; ++i)
      acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  double elapsed = seconds() - start;
  float sink = 0;
  for (int i = 0; i < 16; ++i)
    sink += _mm512_reduce_add_ps(acc[i]);
  std::fprintf(stderr, "%s", sink == 12345.0f ? " " : "");
  // 16 lanes x 2 operations (multiply, add) per FMA.
  return iterations * 16.0 * 16 * 2 / elapsed / 1e9;
}

/// vpdpbusd: 64 u8 x s8 products summed into 16 int32 lanes.
__attribute__((target("avx512f,avx512vnni"))) double measureVnniPeak() {
  __m512i acc[16];
  for (int i = 0; i < 16; ++i)
    acc[i] = _mm512_set1_epi32(i);
  const __m512i a = _mm512_set1_epi8(3), b = _mm512_set1_epi8(-2);
  const long iterations = 20'000'000;
  double start = seconds();
  for (long it = 0; it < iterations; ++it)
    for (int i = 0; i < 16; ++i)
      acc[i] = _mm512_dpbusd_epi32(acc[i], a, b);
  double elapsed = seconds() - start;
  int sink = 0;
  for (int i = 0; i < 16; ++i)
    sink += _mm512_reduce_add_epi32(acc[i]);
  std::fprintf(stderr, "%s", sink == 12345 ? " " : "");
  // 64 multiply-adds = 128 operations per instruction.
  return iterations * 16.0 * 128 / elapsed / 1e9;
}

int runConv(int argc, char **argv) {
  if (argc < 16) {
    std::fprintf(stderr, "usage: mint-kernel-bench conv N H W C F KH KW SH SW "
                         "PT PB PL PR DEPTHWISE [THREADS] [ITERATIONS]\n");
    return 2;
  }
  auto arg = [&](int i) { return std::strtoul(argv[i], nullptr, 10); };
  size_t n = arg(2), h = arg(3), w = arg(4), c = arg(5), f = arg(6);
  uint32_t kh = arg(7), kw = arg(8), sh = arg(9), sw = arg(10);
  uint32_t pt = arg(11), pb = arg(12), pl = arg(13), pr = arg(14);
  bool depthwise = arg(15) != 0;
  size_t threads = argc > 16 ? arg(16) : 1;
  int iterations = argc > 17 ? static_cast<int>(arg(17)) : 50;
  if (xnn_initialize(nullptr) != xnn_status_success) {
    std::fprintf(stderr, "xnn_initialize failed\n");
    return 1;
  }
  size_t oh = (h + pt + pb - kh) / sh + 1, ow = (w + pl + pr - kw) / sw + 1;
  std::mt19937 rng(0);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  auto fill = [&](std::vector<float> &v) {
    for (float &x : v)
      x = uniform(rng);
  };
  std::vector<float> input(n * h * w * c), output(n * oh * ow * f),
      kernel(static_cast<size_t>(f) * kh * kw * (depthwise ? 1 : c)), bias(f);
  fill(input);
  fill(kernel);
  fill(bias);
  xnn_operator_t op = nullptr;
  enum xnn_status status =
      depthwise ? xnn_create_convolution2d_nhwc_f32(
                      pt, pr, pb, pl, kh, kw, sh, sw, 1, 1, /*groups=*/c, 1,
                      f / c, c, f, kernel.data(), bias.data(), -INFINITY,
                      INFINITY, XNN_FLAG_DEPTHWISE_CONVOLUTION, &op)
                : xnn_create_convolution2d_nhwc_f32(
                      pt, pr, pb, pl, kh, kw, sh, sw, 1, 1, 1, c, f, c, f,
                      kernel.data(), bias.data(), -INFINITY, INFINITY, 0, &op);
  if (status != xnn_status_success) {
    std::fprintf(stderr, "xnn_create_convolution2d_nhwc_f32 failed (%d)\n",
                 status);
    return 1;
  }
  pthreadpool_t pool = threads > 1 ? pthreadpool_create(threads) : nullptr;
  if (xnn_setup_convolution2d_nhwc_f32(op, n, h, w, input.data(), output.data(),
                                       pool) != xnn_status_success) {
    std::fprintf(stderr, "xnn_setup_convolution2d_nhwc_f32 failed\n");
    return 1;
  }
  std::vector<double> times;
  for (int i = 0; i < iterations + 3; ++i) {
    double start = seconds();
    xnn_run_operator(op, pool);
    if (i >= 3)
      times.push_back(seconds() - start);
  }
  std::sort(times.begin(), times.end());
  double flops = 2.0 * n * oh * ow * f * kh * kw * (depthwise ? 1 : c);
  double median = times[times.size() / 2];
  std::printf("{\"median_ms\": %.4f, \"gflops\": %.2f}\n", median * 1e3,
              flops / median / 1e9);
  xnn_delete_operator(op);
  if (pool)
    pthreadpool_destroy(pool);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc >= 2 && std::strcmp(argv[1], "peak") == 0) {
    double fma = measureFmaPeak();
    double vnni = __builtin_cpu_supports("avx512vnni") ? measureVnniPeak() : 0;
    std::printf("{\"fp32_fma_gflops\": %.1f, \"int8_vnni_gops\": %.1f}\n", fma,
                vnni);
    return 0;
  }
  if (argc >= 2 && std::strcmp(argv[1], "conv") == 0)
    return runConv(argc, argv);
  std::fprintf(stderr, "usage: mint-kernel-bench peak | conv ...\n");
  return 2;
}
