// fma_peak: one core's peak float32 multiply-add throughput, the roofline against which the
// runtime benchmark reports each model's GFLOP/s.
//
//   fma_peak [--milliseconds 300]
//
// Runs independent chains of vector FMAs (enough to cover the FMA latency on every FMA port) on
// the calling thread for about --milliseconds per instruction set the CPU has (AVX-512F, then
// AVX2+FMA), in 10 timed rounds each after one untimed round, and prints the best round:
//   fma_gflops_avx512: G       (only when the CPU has AVX-512F)
//   fma_gflops_avx2: G         (only when the CPU has AVX2 and FMA)
//   fma_peak_gflops: G         (the larger; one multiply-add counts as 2 FLOPs)
//   fma_peak_isa: avx512|avx2
#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/strings/numbers.h"
#include "tools/command_line.h"

namespace tfjs::tools {
namespace {

// Keeps the chains' results alive, so the compiler cannot drop the loops.
volatile float sink;

// 16 chains of 16 lanes: FMA latency 4 cycles x 2 ports needs at least 8 chains in flight.
__attribute__((target("avx512f"))) int64_t Avx512Fmas(int64_t iterations) {
  constexpr int kChains = 16;
  __m512 acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = _mm512_set1_ps(0.001f * c);
  // acc = acc * 0.999999 + 1e-7 stays near 0.1: no overflow, no denormals.
  const __m512 scale = _mm512_set1_ps(0.999999f);
  const __m512 add = _mm512_set1_ps(1e-7f);
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kChains; ++c) acc[c] = _mm512_fmadd_ps(acc[c], scale, add);
  }
  __m512 total = acc[0];
  for (int c = 1; c < kChains; ++c) total = _mm512_add_ps(total, acc[c]);
  sink = _mm512_reduce_add_ps(total);
  return iterations * kChains * 16;
}

// 12 chains of 8 lanes (16 ymm registers: 12 accumulators and the 2 constants).
__attribute__((target("avx2,fma"))) int64_t Avx2Fmas(int64_t iterations) {
  constexpr int kChains = 12;
  __m256 acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = _mm256_set1_ps(0.001f * c);
  const __m256 scale = _mm256_set1_ps(0.999999f);
  const __m256 add = _mm256_set1_ps(1e-7f);
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 12
    for (int c = 0; c < kChains; ++c) acc[c] = _mm256_fmadd_ps(acc[c], scale, add);
  }
  __m256 total = acc[0];
  for (int c = 1; c < kChains; ++c) total = _mm256_add_ps(total, acc[c]);
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, total);
  float sum = 0;
  for (float lane : lanes) sum += lane;
  sink = sum;
  return iterations * kChains * 8;
}

// Best GFLOP/s of `fmas` over rounds of about `milliseconds` / 10 each.
double PeakGflops(int64_t (*fmas)(int64_t), double milliseconds) {
  using Clock = std::chrono::steady_clock;
  const auto seconds = [](Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  // Calibrate: grow the iteration count until a round takes a millisecond (also the warm-up
  // that lets the core reach its vector clock).
  int64_t iterations = 1 << 10;
  double elapsed = 0;
  while (elapsed < 1e-3) {
    iterations *= 2;
    const Clock::time_point start = Clock::now();
    fmas(iterations);
    elapsed = seconds(start);
  }
  iterations = std::max<int64_t>(1, iterations * (milliseconds / 10 / 1e3) / elapsed);
  fmas(iterations);
  double best = 0;
  for (int round = 0; round < 10; ++round) {
    const Clock::time_point start = Clock::now();
    const int64_t count = fmas(iterations);
    best = std::max(best, 2.0 * count / seconds(start) / 1e9);
  }
  return best;
}

constexpr char kUsage[] =
    "usage: fma_peak [--milliseconds 300]\n"
    "Measures one core's peak float32 FMA throughput (AVX-512F and AVX2+FMA, best of each).\n"
    "  --milliseconds  how long each measurement runs, default 300\n";

int Main(int argc, char** argv) {
  double milliseconds = 300;
  for (int i = 1; i < argc; ++i) {
    std::string value;
    if (IsHelpFlag(argv[i])) {
      std::printf("%s%s", kUsage, kExitStatusHelp);
      return 0;
    }
    if (MatchFlag("--milliseconds", argc, argv, &i, &value) &&
        absl::SimpleAtod(value, &milliseconds) && milliseconds > 0) {
      continue;
    }
    std::fprintf(stderr, "error: bad argument '%s'\n%s", argv[i], kUsage);
    return kExitUsage;
  }
  __builtin_cpu_init();
  double peak = 0;
  const char* isa = nullptr;
  if (__builtin_cpu_supports("avx512f")) {
    const double gflops = PeakGflops(Avx512Fmas, milliseconds);
    std::printf("fma_gflops_avx512: %.1f\n", gflops);
    peak = gflops;
    isa = "avx512";
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    const double gflops = PeakGflops(Avx2Fmas, milliseconds);
    std::printf("fma_gflops_avx2: %.1f\n", gflops);
    if (gflops > peak) {
      peak = gflops;
      isa = "avx2";
    }
  }
  if (isa == nullptr) {
    std::fprintf(stderr, "error: the CPU has neither AVX-512F nor AVX2+FMA\n");
    return kExitFailure;
  }
  std::printf("fma_peak_gflops: %.1f\nfma_peak_isa: %s\n", peak, isa);
  return 0;
}

}  // namespace
}  // namespace tfjs::tools

int main(int argc, char** argv) { return tfjs::tools::Main(argc, argv); }
