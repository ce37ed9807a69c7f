// FrameExecutor: runs graphs with TF1 control flow (Switch/Merge conditionals and
// Enter/Exit/NextIteration loops) by dataflow over loop frames, as TF.js's executeAsync does.
#ifndef TFJS_NATIVE_RUNTIME_FRAME_EXECUTOR_H_
#define TFJS_NATIVE_RUNTIME_FRAME_EXECUTOR_H_

#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "runtime/buffer_arena.h"
#include "runtime/graph.h"

namespace tfjs::runtime {

class FrameExecutor {
 public:
  explicit FrameExecutor(const Graph& graph);

  // Thread-safe: every call keeps its own frames and values.
  absl::StatusOr<std::vector<Tensor>> Run(absl::Span<const std::pair<Endpoint, Tensor>> feeds,
                                          absl::Span<const Endpoint> fetches,
                                          pthreadpool_t threadpool) const;
  // The arenas' use over the runs so far (see Executor::arena_stats).
  ArenaStats arena_stats() const { return arenas_.stats(); }

 private:
  // Run, with tensors allocated from the current arena.
  absl::StatusOr<std::vector<Tensor>> RunFrames(
      absl::Span<const std::pair<Endpoint, Tensor>> feeds, absl::Span<const Endpoint> fetches,
      pthreadpool_t threadpool) const;

  const Graph& graph_;
  // One arena per concurrent run; loops make buffer sizes vary, so they are not planned ahead.
  mutable ArenaPool arenas_;
  // For each node, the nodes that read it (data or control), each listed once.
  std::vector<std::vector<int>> readers_;
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_FRAME_EXECUTOR_H_
