#include "runtime/buffer_arena.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>

namespace tfjs::runtime {
namespace {

thread_local BufferArena* current_arena = nullptr;

// An idle buffer serves a request of at least half its size; a smaller one would waste it.
constexpr size_t kMaxSlack = 2;

}  // namespace

struct BufferArena::State {
  struct Block {
    void* memory;
    size_t bytes;
    bool in_use = false;
    bool used_this_run = false;
    // Left the arena at the end of a run while still owned elsewhere: freed on release.
    bool detached = false;
  };

  // Returns a buffer handed out by Allocate, from whichever thread drops it last.
  void Release(Block* block) {
    {
      absl::MutexLock lock(&mutex);
      if (!block->detached) {
        block->in_use = false;
        live_bytes -= block->bytes;
        idle.emplace(block->bytes, block);
        return;
      }
    }
    std::free(block->memory);
    delete block;
  }

  ~State() {
    for (Block* block : blocks) {
      std::free(block->memory);
      delete block;
    }
  }

  mutable absl::Mutex mutex;
  std::vector<Block*> blocks ABSL_GUARDED_BY(mutex);
  std::multimap<size_t, Block*> idle ABSL_GUARDED_BY(mutex);
  int64_t live_bytes ABSL_GUARDED_BY(mutex) = 0;
  ArenaStats stats ABSL_GUARDED_BY(mutex);
};

BufferArena::BufferArena() : state_(std::make_shared<State>()) {}

// Every buffer still owned elsewhere keeps the state alive through its deleter.
BufferArena::~BufferArena() { EndRun(); }

std::shared_ptr<void> BufferArena::Allocate(size_t bytes) {
  bytes = (bytes + 63) / 64 * 64 + 64;
  State& state = *state_;
  absl::MutexLock lock(&state.mutex);
  State::Block* block = nullptr;
  auto it = state.idle.lower_bound(bytes);
  if (it != state.idle.end() && it->first <= bytes * kMaxSlack) {
    block = it->second;
    state.idle.erase(it);
  } else {
    void* memory = std::aligned_alloc(64, bytes);
    if (memory == nullptr) return nullptr;
    block = new State::Block{memory, bytes};
    state.blocks.push_back(block);
    state.stats.held_bytes += bytes;
    ++state.stats.system_allocations;
  }
  block->in_use = true;
  block->used_this_run = true;
  state.live_bytes += block->bytes;
  state.stats.peak_live_bytes = std::max(state.stats.peak_live_bytes, state.live_bytes);
  return std::shared_ptr<void>(block->memory,
                               [state = state_, block](void*) { state->Release(block); });
}

void BufferArena::EndRun() {
  State& state = *state_;
  std::vector<State::Block*> unused;
  {
    absl::MutexLock lock(&state.mutex);
    std::vector<State::Block*> kept;
    state.idle.clear();
    for (State::Block* block : state.blocks) {
      if (block->in_use) {
        block->detached = true;
        state.live_bytes -= block->bytes;
        state.stats.held_bytes -= block->bytes;
      } else if (!block->used_this_run) {
        state.stats.held_bytes -= block->bytes;
        unused.push_back(block);
      } else {
        block->used_this_run = false;
        kept.push_back(block);
        state.idle.emplace(block->bytes, block);
      }
    }
    state.blocks = std::move(kept);
  }
  for (State::Block* block : unused) {
    std::free(block->memory);
    delete block;
  }
}

ArenaStats BufferArena::stats() const {
  absl::MutexLock lock(&state_->mutex);
  return state_->stats;
}

BufferArena* BufferArena::Current() { return current_arena; }

BufferArena::Scope::Scope(BufferArena* arena) : previous_(current_arena) {
  current_arena = arena;
}

BufferArena::Scope::~Scope() { current_arena = previous_; }

std::unique_ptr<BufferArena> ArenaPool::Take() {
  {
    absl::MutexLock lock(&mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<BufferArena> arena = std::move(idle_.back());
      idle_.pop_back();
      return arena;
    }
  }
  return std::make_unique<BufferArena>();
}

void ArenaPool::Return(std::unique_ptr<BufferArena> arena) {
  absl::MutexLock lock(&mutex_);
  idle_.push_back(std::move(arena));
}

ArenaStats ArenaPool::stats() const {
  absl::MutexLock lock(&mutex_);
  ArenaStats total;
  for (const auto& arena : idle_) {
    const ArenaStats stats = arena->stats();
    total.peak_live_bytes = std::max(total.peak_live_bytes, stats.peak_live_bytes);
    total.held_bytes = std::max(total.held_bytes, stats.held_bytes);
    total.system_allocations += stats.system_allocations;
  }
  return total;
}

}  // namespace tfjs::runtime
