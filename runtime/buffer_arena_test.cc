#include "runtime/buffer_arena.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {
namespace {

TEST(BufferArenaTest, ReusesReleasedBuffersInsteadOfAllocating) {
  BufferArena arena;
  void* first_address;
  {
    std::shared_ptr<void> first = arena.Allocate(1000);
    first_address = first.get();
    EXPECT_EQ(reinterpret_cast<uintptr_t>(first_address) % 64, 0);
  }
  std::shared_ptr<void> second = arena.Allocate(900);
  EXPECT_EQ(second.get(), first_address);
  EXPECT_EQ(arena.stats().system_allocations, 1);
}

TEST(BufferArenaTest, DoesNotServeSmallRequestsFromMuchLargerBuffers) {
  BufferArena arena;
  arena.Allocate(1 << 20);
  std::shared_ptr<void> small = arena.Allocate(100);
  EXPECT_EQ(arena.stats().system_allocations, 2);
}

TEST(BufferArenaTest, UnplannedRunsFreeIdleBlocksBeforeHoldingTwiceTheLiveBytes) {
  BufferArena arena;
  arena.Allocate(1 << 20).reset();
  // The idle 1 MiB block is too large to serve 100 KiB, and holding both would be more than
  // twice the live bytes: it is freed first.
  std::shared_ptr<void> small = arena.Allocate(100 << 10);
  EXPECT_EQ(arena.stats().system_allocations, 2);
  EXPECT_EQ(arena.stats().held_bytes, (100 << 10) + 64);
}

TEST(BufferArenaTest, TrimmingABlockAmongOthersKeepsTheRestServing) {
  BufferArena arena;
  std::shared_ptr<void> first = arena.Allocate(1000);
  arena.Allocate(1 << 20).reset();
  std::shared_ptr<void> last = arena.Allocate(2000);
  void* const last_address = last.get();
  // Frees the idle 1 MiB block, held between the two live ones.
  std::shared_ptr<void> trimmed = arena.Allocate(100 << 10);
  EXPECT_EQ(arena.stats().held_bytes, (1024 + 64) + (2048 + 64) + ((100 << 10) + 64));
  last.reset();
  EXPECT_EQ(arena.Allocate(1900).get(), last_address);
  EXPECT_EQ(arena.stats().system_allocations, 4);
}

TEST(BufferArenaTest, SteadyStateRunsAllocateNothing) {
  BufferArena arena;
  auto run = [&arena] {
    {
      std::shared_ptr<void> a = arena.Allocate(4096);
      std::shared_ptr<void> b = arena.Allocate(1 << 16);
      a.reset();
      std::shared_ptr<void> c = arena.Allocate(4000);
    }
    arena.EndRun();
  };
  run();
  run();
  const int64_t after_second = arena.stats().system_allocations;
  for (int i = 0; i < 5; ++i) run();
  EXPECT_EQ(arena.stats().system_allocations, after_second);
  EXPECT_EQ(arena.stats().peak_live_bytes, (4096 + 64) + ((1 << 16) + 64));
  // One slab planned from the first run: a and b live together, c may take a's bytes.
  EXPECT_EQ(arena.stats().held_bytes, (4096 + 64) + ((1 << 16) + 64));
}

// Repeats a pattern of allocations and releases with random divergences, and checks that no
// two live buffers ever share a byte, including results kept through the next run.
TEST(BufferArenaTest, DivergingRunsNeverHandOutLiveBytes) {
  struct Tagged {
    std::shared_ptr<void> buffer;
    size_t bytes;
    uint8_t tag;
  };
  const auto intact = [](const Tagged& tagged) {
    const uint8_t* bytes = static_cast<const uint8_t*>(tagged.buffer.get());
    return std::all_of(bytes, bytes + tagged.bytes, [&](uint8_t b) { return b == tagged.tag; });
  };
  BufferArena arena;
  std::mt19937 random(7);
  const std::vector<size_t> pattern = {4096, 1 << 16, 300, 4096, 1 << 17, 64, 5000, 1 << 16};
  std::vector<Tagged> previous_results;
  uint8_t tag = 0;
  for (int run = 0; run < 40; ++run) {
    std::vector<Tagged> live, results;
    const auto drop = [&](size_t index) {
      EXPECT_TRUE(intact(live[index])) << "run " << run;
      live.erase(live.begin() + index);
    };
    for (size_t step = 0; step < pattern.size(); ++step) {
      size_t bytes = pattern[step];
      if (random() % 4 == 0) bytes = 64 + random() % (1 << 17);  // Diverge.
      tag = tag == 255 ? 1 : tag + 1;
      Tagged tagged{arena.Allocate(bytes), bytes, tag};
      std::memset(tagged.buffer.get(), tag, bytes);
      live.push_back(tagged);
      if (step % 3 == 2) results.push_back(tagged);
      // Release in the pattern's order, sometimes in a random one.
      if (live.size() > 2) drop(random() % 5 == 0 ? random() % live.size() : 0);
    }
    while (!live.empty()) drop(0);
    arena.EndRun();
    for (const Tagged& result : previous_results) EXPECT_TRUE(intact(result)) << "run " << run;
    previous_results = std::move(results);
  }
}

TEST(BufferArenaTest, BuffersHeldPastTheRunLeaveTheArena) {
  BufferArena arena;
  std::shared_ptr<void> result = arena.Allocate(256);
  std::memset(result.get(), 7, 256);
  arena.EndRun();
  EXPECT_EQ(arena.stats().held_bytes, 0);
  // The next run cannot be handed the result's buffer, even after the result is dropped later.
  std::shared_ptr<void> next = arena.Allocate(256);
  EXPECT_NE(next.get(), result.get());
  std::memset(next.get(), 1, 256);
  EXPECT_EQ(static_cast<unsigned char*>(result.get())[255], 7);
  result.reset();
  EXPECT_EQ(arena.stats().system_allocations, 2);
}

TEST(BufferArenaTest, ResultsDroppedBeforeTheNextRunAreReused) {
  BufferArena arena;
  std::shared_ptr<void> result = arena.Allocate(1 << 20);
  void* const memory = result.get();
  arena.EndRun();
  EXPECT_EQ(arena.stats().held_bytes, 0);
  result.reset();
  EXPECT_EQ(arena.stats().held_bytes, (1 << 20) + 64);
  std::shared_ptr<void> next = arena.Allocate(1 << 20);
  EXPECT_EQ(next.get(), memory);
  EXPECT_EQ(arena.stats().system_allocations, 1);
  next.reset();
  // A dropped result the next run leaves unused is freed at that run's end.
  arena.EndRun();
  arena.EndRun();
  EXPECT_EQ(arena.stats().held_bytes, 0);
}

TEST(BufferArenaTest, ResultsDroppedAfterTheArenaAreFreed) {
  std::shared_ptr<void> result;
  {
    BufferArena arena;
    result = arena.Allocate(1 << 20);
  }
  std::memset(result.get(), 1, 1 << 20);
  result.reset();
}

TEST(BufferArenaTest, FreesIdleBuffersARunDidNotUse) {
  BufferArena arena;
  arena.Allocate(1 << 20);
  arena.EndRun();
  EXPECT_EQ(arena.stats().held_bytes, (1 << 20) + 64);
  arena.Allocate(100);
  arena.EndRun();
  EXPECT_EQ(arena.stats().held_bytes, 128 + 64);
}

TEST(BufferArenaTest, OutlivedBuffersStayValid) {
  std::shared_ptr<void> kept;
  {
    BufferArena arena;
    kept = arena.Allocate(64);
    std::memset(kept.get(), 3, 64);
  }
  EXPECT_EQ(static_cast<unsigned char*>(kept.get())[63], 3);
}

TEST(BufferArenaTest, TensorAllocateDrawsFromTheCurrentArenaOnItsThreadOnly) {
  BufferArena arena;
  {
    BufferArena::Scope scope(&arena);
    EXPECT_EQ(BufferArena::Current(), &arena);
    Tensor tensor = *Tensor::Allocate(tensorflow::DT_FLOAT, {4, 4});
    EXPECT_EQ(arena.stats().system_allocations, 1);
    EXPECT_TRUE(tensor.can_reuse_buffer());
    std::thread other([] { EXPECT_EQ(BufferArena::Current(), nullptr); });
    other.join();
  }
  EXPECT_EQ(BufferArena::Current(), nullptr);
  Tensor outside = *Tensor::Allocate(tensorflow::DT_FLOAT, {4, 4});
  EXPECT_EQ(arena.stats().system_allocations, 1);
}

TEST(ArenaPoolTest, ConcurrentTakersGetDistinctArenas) {
  ArenaPool pool;
  std::unique_ptr<BufferArena> a = pool.Take();
  std::unique_ptr<BufferArena> b = pool.Take();
  EXPECT_NE(a.get(), b.get());
  BufferArena* a_address = a.get();
  pool.Return(std::move(a));
  EXPECT_EQ(pool.Take().get(), a_address);
}

}  // namespace
}  // namespace tfjs::runtime
