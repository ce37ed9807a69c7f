#include "runtime/buffer_arena.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>

namespace tfjs::runtime {
namespace {

thread_local BufferArena* current_arena = nullptr;

// An idle buffer serves a request of at least half its size; a smaller one would waste it.
constexpr size_t kMaxSlack = 2;
// Buffers from this size on are mapped pages of their own, so freeing one returns its memory to
// the system at once instead of leaving a hole in the heap.
constexpr size_t kMapThreshold = 64 * 1024;
// Runs with more requests than this are not planned (planning is quadratic in requests).
constexpr size_t kMaxPlannedRequests = 2048;

void* AllocateMemory(size_t bytes) {
  if (bytes < kMapThreshold) return std::aligned_alloc(64, bytes);
  void* memory = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return memory == MAP_FAILED ? nullptr : memory;
}

void FreeMemory(void* memory, size_t bytes) {
  if (bytes < kMapThreshold) {
    std::free(memory);
  } else {
    munmap(memory, bytes);
  }
}

// One request of a run, in the order made; times count allocations and releases.
struct Request {
  size_t bytes = 0;
  int64_t allocated_at = 0;
  int64_t released_at = -1;  // -1: still owned when the run ended (a result).
};

// Where the next run serves request k, when it asks for the same bytes.
struct Slot {
  size_t bytes = 0;
  bool in_slab = false;
  size_t offset = 0;
  // Earlier slots sharing bytes of the slab with this one: all must be released before it is
  // handed out, or the run has diverged from the one planned.
  std::vector<int> conflicts;
};

// Offsets in one slab for the requests released within the run, greedily by size (largest
// first, at the lowest offset clear of every placed request alive at the same time); returns
// the slab's size.
size_t PlanSlots(const std::vector<Request>& trace, std::vector<Slot>& slots) {
  slots.assign(trace.size(), Slot());
  std::vector<int> order;
  for (size_t k = 0; k < trace.size(); ++k) {
    slots[k].bytes = trace[k].bytes;
    if (trace[k].released_at >= 0) order.push_back(static_cast<int>(k));
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return trace[a].bytes > trace[b].bytes; });
  const auto overlap_in_time = [&](int a, int b) {
    return trace[a].allocated_at < trace[b].released_at &&
           trace[b].allocated_at < trace[a].released_at;
  };
  std::vector<int> placed;
  std::vector<std::pair<size_t, size_t>> busy;
  size_t slab_bytes = 0;
  for (int k : order) {
    busy.clear();
    for (int other : placed) {
      if (overlap_in_time(k, other)) {
        busy.emplace_back(slots[other].offset, slots[other].offset + slots[other].bytes);
      }
    }
    std::sort(busy.begin(), busy.end());
    size_t offset = 0;
    for (const auto& [begin, end] : busy) {
      if (begin >= offset + trace[k].bytes) break;
      offset = std::max(offset, end);
    }
    slots[k].in_slab = true;
    slots[k].offset = offset;
    slab_bytes = std::max(slab_bytes, offset + trace[k].bytes);
    placed.push_back(k);
  }
  for (int k : placed) {
    for (int other : placed) {
      if (trace[other].allocated_at < trace[k].allocated_at &&
          slots[other].offset < slots[k].offset + slots[k].bytes &&
          slots[k].offset < slots[other].offset + slots[other].bytes) {
        slots[k].conflicts.push_back(other);
      }
    }
  }
  return slab_bytes;
}

}  // namespace

// Buffers come from a slab planned from the previous run while the run repeats it request for
// request, and from a pool of recycled blocks otherwise (first run, results, diverging runs).
struct BufferArena::State {
  struct Block {
    void* memory;
    size_t bytes;
    bool in_use = false;
    bool used_this_run = false;
    // Left the arena at the end of a run while still owned elsewhere: freed on release.
    bool detached = false;
    int request = -1;  // In this run's trace.
    size_t requested = 0;  // Bytes that request asked for (at most `bytes`).
    size_t index = 0;  // In `blocks`, while held there.
  };

  // The slab: one mapping sized by the plan. Tenants' deleters keep it alive, so a result
  // served from it stays valid if the arena drops it.
  struct Slab {
    Slab(void* memory, size_t bytes) : memory(memory), bytes(bytes) {}
    Slab(const Slab&) = delete;
    Slab& operator=(const Slab&) = delete;
    ~Slab() { FreeMemory(memory, bytes); }
    void* const memory;
    const size_t bytes;
  };

  ~State() {
    for (Block* block : blocks) {
      FreeMemory(block->memory, block->bytes);
      delete block;
    }
  }

  // Records the release of request `k` of run `run`; ignored once that run has ended.
  void Released(int k, int64_t run) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex) {
    if (run != this->run || k < 0) return;
    trace[k].released_at = clock++;
    if (k < static_cast<int>(slot_released.size())) slot_released[k] = true;
  }

  void ReleaseBlock(Block* block, int64_t run) {
    {
      absl::MutexLock lock(&mutex);
      if (!block->detached) {
        Released(block->request, run);
        block->in_use = false;
        live_bytes -= block->requested;
        idle.emplace(block->bytes, block);
        return;
      }
      if (!closed) {
        // A result its owner dropped: its pages are mapped already, so the next run reuses
        // them (fresh pages cost a fault each); freed at that run's end if it does not.
        block->detached = false;
        block->in_use = false;
        block->used_this_run = false;
        block->request = -1;
        AddBlock(block);
        idle.emplace(block->bytes, block);
        stats.held_bytes += block->bytes;
        return;
      }
    }
    FreeMemory(block->memory, block->bytes);
    delete block;
  }

  void ReleaseSlot(int k, int64_t run) {
    absl::MutexLock lock(&mutex);
    if (run != this->run) return;
    Released(k, run);
    live_bytes -= slots[k].bytes;
  }

  // Holds `block` in `blocks`; RemoveBlock takes it out in constant time (by moving the last
  // block into its place), so trimming stays linear in the blocks freed however many are held.
  void AddBlock(Block* block) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex) {
    block->index = blocks.size();
    blocks.push_back(block);
  }
  void RemoveBlock(Block* block) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex) {
    Block* last = blocks.back();
    blocks[block->index] = last;
    last->index = block->index;
    blocks.pop_back();
  }

  // Before a new block of `bytes`: frees idle blocks, largest first, while the blocks would
  // hold more than twice the live bytes, so a run the slab does not serve (the first one of a
  // plan, or one leaving it) holds at most twice its live tensors.
  void TrimIdle(size_t bytes) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex) {
    const int64_t slab_bytes = slab != nullptr ? static_cast<int64_t>(slab->bytes) : 0;
    const int64_t limit = 2 * (live_bytes + static_cast<int64_t>(bytes));
    while (!idle.empty() && stats.held_bytes - slab_bytes + static_cast<int64_t>(bytes) > limit) {
      auto largest = std::prev(idle.end());
      Block* block = largest->second;
      idle.erase(largest);
      RemoveBlock(block);
      stats.held_bytes -= block->bytes;
      FreeMemory(block->memory, block->bytes);
      delete block;
    }
  }

  std::shared_ptr<void> FromSlab(int k, std::shared_ptr<State> self)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex) {
    slot_served[k] = true;
    live_bytes += slots[k].bytes;
    void* memory = static_cast<char*>(slab->memory) + slots[k].offset;
    return std::shared_ptr<void>(memory, [self = std::move(self), slab = slab, k,
                                          run = run](void*) { self->ReleaseSlot(k, run); });
  }

  // True when slot k may be handed out now: this run has made the same requests so far, and
  // every earlier tenant of its bytes has been released.
  bool SlotFree(int k, size_t bytes) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex) {
    if (k >= static_cast<int>(slots.size()) || slots[k].bytes != bytes) return false;
    for (int other : slots[k].conflicts) {
      if (!slot_served[other] || !slot_released[other]) return false;
    }
    return true;
  }

  absl::Mutex mutex;
  // Set when the arena is destroyed: buffers released after that are freed at once.
  bool closed ABSL_GUARDED_BY(mutex) = false;
  std::vector<Block*> blocks ABSL_GUARDED_BY(mutex);
  std::multimap<size_t, Block*> idle ABSL_GUARDED_BY(mutex);
  int64_t live_bytes ABSL_GUARDED_BY(mutex) = 0;
  ArenaStats stats ABSL_GUARDED_BY(mutex);

  // This run: its number, its requests, and whether it still follows the plan.
  int64_t run ABSL_GUARDED_BY(mutex) = 0;
  int64_t clock ABSL_GUARDED_BY(mutex) = 0;
  std::vector<Request> trace ABSL_GUARDED_BY(mutex);
  bool replaying ABSL_GUARDED_BY(mutex) = true;
  // The plan from an earlier run, and which of its slots this run has taken and given back.
  std::vector<Slot> slots ABSL_GUARDED_BY(mutex);
  std::shared_ptr<Slab> slab ABSL_GUARDED_BY(mutex);
  std::vector<bool> slot_served ABSL_GUARDED_BY(mutex);
  std::vector<bool> slot_released ABSL_GUARDED_BY(mutex);
};

BufferArena::BufferArena() : state_(std::make_shared<State>()) {}

// Every buffer still owned elsewhere keeps the state alive through its deleter.
BufferArena::~BufferArena() {
  EndRun();
  absl::MutexLock lock(&state_->mutex);
  state_->closed = true;
}

std::shared_ptr<void> BufferArena::Allocate(size_t bytes) {
  bytes = (bytes + 63) / 64 * 64 + 64;
  State& state = *state_;
  absl::MutexLock lock(&state.mutex);
  const int k = static_cast<int>(state.trace.size());
  state.trace.push_back({bytes, state.clock++});
  std::shared_ptr<void> buffer;
  if (state.replaying && state.slab != nullptr && state.SlotFree(k, bytes)) {
    if (state.slots[k].in_slab) buffer = state.FromSlab(k, state_);
  } else {
    state.replaying = false;
  }
  if (buffer == nullptr) {
    State::Block* block = nullptr;
    auto it = state.idle.lower_bound(bytes);
    if (it != state.idle.end() && it->first <= bytes * kMaxSlack) {
      block = it->second;
      state.idle.erase(it);
    } else {
      state.TrimIdle(bytes);
      void* memory = AllocateMemory(bytes);
      if (memory == nullptr) return nullptr;
      block = new State::Block{memory, bytes};
      state.AddBlock(block);
      state.stats.held_bytes += bytes;
      ++state.stats.system_allocations;
    }
    block->in_use = true;
    block->used_this_run = true;
    block->request = k;
    block->requested = bytes;
    state.live_bytes += bytes;
    buffer = std::shared_ptr<void>(
        block->memory,
        [self = state_, block, run = state.run](void*) { self->ReleaseBlock(block, run); });
  }
  state.stats.peak_live_bytes = std::max(state.stats.peak_live_bytes, state.live_bytes);
  return buffer;
}

void BufferArena::EndRun() {
  State& state = *state_;
  std::vector<State::Block*> unused;
  {
    absl::MutexLock lock(&state.mutex);
    // A slab tenant still owned (a result the plan did not foresee) keeps the slab; the arena
    // plans a new one.
    bool slab_kept = state.slab != nullptr;
    for (size_t k = 0; k < state.slot_served.size(); ++k) {
      if (state.slot_served[k] && !state.slot_released[k]) slab_kept = false;
    }
    const bool followed_plan =
        slab_kept && state.replaying && state.trace.size() == state.slots.size();
    if (!followed_plan) {
      if (state.slab != nullptr) state.stats.held_bytes -= state.slab->bytes;
      state.slab = nullptr;
      state.slots.clear();
      if (state.trace.size() <= kMaxPlannedRequests) {
        const size_t slab_bytes = PlanSlots(state.trace, state.slots);
        void* memory = slab_bytes > 0 ? AllocateMemory(slab_bytes) : nullptr;
        if (memory != nullptr) {
          state.slab = std::make_shared<State::Slab>(memory, slab_bytes);
          state.stats.held_bytes += slab_bytes;
          ++state.stats.system_allocations;
        } else {
          state.slots.clear();
        }
      }
    }

    std::vector<State::Block*> kept;
    state.idle.clear();
    for (State::Block* block : state.blocks) {
      if (block->in_use) {
        block->detached = true;
        state.stats.held_bytes -= block->bytes;
      } else if (!block->used_this_run || !followed_plan) {
        // With a new plan the slab serves what these did.
        state.stats.held_bytes -= block->bytes;
        unused.push_back(block);
      } else {
        block->used_this_run = false;
        block->index = kept.size();
        kept.push_back(block);
        state.idle.emplace(block->bytes, block);
      }
    }
    state.blocks = std::move(kept);

    ++state.run;
    state.clock = 0;
    state.trace.clear();
    state.replaying = true;
    state.live_bytes = 0;
    state.slot_served.assign(state.slots.size(), false);
    state.slot_released.assign(state.slots.size(), false);
  }
  for (State::Block* block : unused) {
    FreeMemory(block->memory, block->bytes);
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
