// Time per request of BufferArena against the number of buffers it holds (Google Benchmark; not
// a test): a long unrolled sequence keeps one small result per step and trims an idle block
// every step, as a long-sequence RNN writing a TensorArray does. Linear trimming keeps the time
// per step flat as the step count grows.
#include <cstddef>
#include <memory>
#include <vector>

#include "benchmark/benchmark.h"
#include "runtime/buffer_arena.h"

namespace tfjs::runtime {
namespace {

void BM_LongSequenceTrimsIdle(benchmark::State& state) {
  const int64_t steps = state.range(0);
  // Larger than every step's kept results together, so freeing it is always due.
  const size_t big = static_cast<size_t>(steps) * 512 + (1 << 20);
  for (auto _ : state) {
    BufferArena arena;
    std::vector<std::shared_ptr<void>> kept;
    kept.reserve(steps);
    for (int64_t step = 0; step < steps; ++step) {
      kept.push_back(arena.Allocate(64));
      arena.Allocate(big).reset();
      // Alternating sizes, so the idle block of the step before never serves this one.
      arena.Allocate(step % 2 == 0 ? 100 << 10 : 300 << 10).reset();
    }
    benchmark::DoNotOptimize(kept.data());
    kept.clear();
    arena.EndRun();
  }
  state.SetItemsProcessed(state.iterations() * steps);
}
BENCHMARK(BM_LongSequenceTrimsIdle)
    ->RangeMultiplier(4)
    ->Range(4096, 262144)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tfjs::runtime

BENCHMARK_MAIN();
