// BufferArena: tensor buffers recycled across runs of one execution plan, so that steady-state
// runs allocate nothing and touch no fresh pages. ArenaPool lends one arena to each concurrent run.
#ifndef TFJS_NATIVE_RUNTIME_BUFFER_ARENA_H_
#define TFJS_NATIVE_RUNTIME_BUFFER_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace tfjs::runtime {

// What an arena has seen, in bytes as allocated (64-byte rounded, with XNNPACK's read slack).
struct ArenaStats {
  // Most bytes its buffers held at once in one run: the run's largest set of live tensors.
  int64_t peak_live_bytes = 0;
  // Bytes of all buffers it keeps, idle or in use.
  int64_t held_bytes = 0;
  // Buffers it has obtained from the system allocator so far.
  int64_t system_allocations = 0;
};

class BufferArena {
 public:
  BufferArena();
  ~BufferArena();
  BufferArena(const BufferArena&) = delete;
  BufferArena& operator=(const BufferArena&) = delete;

  // At least `bytes` bytes, 64-byte aligned, readable (not meaningful) for 64 bytes past the end.
  // The buffer returns to the arena when the last owner drops it; nullptr when out of memory.
  std::shared_ptr<void> Allocate(size_t bytes);
  // Ends a run. Buffers still owned elsewhere (the run's outputs) leave the arena until their
  // owners drop them, so results never alias a later run's tensors; idle buffers this run did
  // not use are freed.
  void EndRun();
  ArenaStats stats() const;

  // The arena Tensor::Allocate draws from on this thread; nullptr outside any Scope.
  static BufferArena* Current();
  // Makes `arena` current on this thread for the scope's lifetime.
  class Scope {
   public:
    explicit Scope(BufferArena* arena);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    BufferArena* previous_;
  };

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// Arenas for the runs of one plan: each run takes its own, so concurrent runs never share one.
class ArenaPool {
 public:
  std::unique_ptr<BufferArena> Take();
  void Return(std::unique_ptr<BufferArena> arena);
  // Largest peak_live_bytes and held_bytes over the idle arenas.
  ArenaStats stats() const;

 private:
  mutable absl::Mutex mutex_;
  std::vector<std::unique_ptr<BufferArena>> idle_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_BUFFER_ARENA_H_
