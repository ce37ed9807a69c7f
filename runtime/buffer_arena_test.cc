#include "runtime/buffer_arena.h"

#include <cstdint>
#include <cstring>
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
  const int64_t after_first = arena.stats().system_allocations;
  EXPECT_EQ(after_first, 2);  // c reuses a's buffer.
  for (int i = 0; i < 5; ++i) run();
  EXPECT_EQ(arena.stats().system_allocations, after_first);
  EXPECT_EQ(arena.stats().peak_live_bytes, (4096 + 64) + ((1 << 16) + 64));
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
