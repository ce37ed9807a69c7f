// Executor: runs a Graph for given feeds and fetches. It plans once per set of feeds and fetches
// (order and buffer lifetimes) and is safe to call from many threads at once. Each run draws its
// tensors' buffers from an arena of its plan, so repeated runs reuse the same memory.
#ifndef TFJS_NATIVE_RUNTIME_EXECUTOR_H_
#define TFJS_NATIVE_RUNTIME_EXECUTOR_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "runtime/buffer_arena.h"
#include "runtime/graph.h"

namespace tfjs::runtime {

class Executor {
 public:
  explicit Executor(const Graph& graph) : graph_(graph) {}

  absl::StatusOr<std::vector<Tensor>> Run(absl::Span<const std::pair<Endpoint, Tensor>> feeds,
                                          absl::Span<const Endpoint> fetches,
                                          pthreadpool_t threadpool) const;

  // The arenas' use over every plan run so far: the largest live set of tensors one run held at
  // once, the largest arena, and the system allocations made in total.
  ArenaStats arena_stats() const;

 private:
  // One kernel run: node `node`'s inputs through `kernel`, the outputs stored as node
  // `output`'s (the last node of an epilogue fusion's chain, else `node`).
  struct Step {
    int node = -1;
    const Kernel* kernel = nullptr;  // Null for fed, Const and Placeholder nodes.
    int output = -1;
  };
  // Steps to run in order, and how many planned readers (plus fetches) each node's outputs have,
  // so they are released right after their last reader.
  struct Plan {
    std::vector<Step> steps;
    std::vector<int> readers;
    // Never null; an arena per concurrent run.
    std::unique_ptr<ArenaPool> arenas = std::make_unique<ArenaPool>();
  };

  absl::StatusOr<std::shared_ptr<const Plan>> GetPlan(
      absl::Span<const std::pair<Endpoint, Tensor>> feeds, absl::Span<const Endpoint> fetches) const;
  absl::StatusOr<Plan> MakePlan(const std::vector<bool>& fed,
                                absl::Span<const Endpoint> fetches) const;
  // The steps for nodes `order`, taking each node's epilogue fusion (Node::fusion) when its
  // whole chain is planned and no node of it but the last is fed or fetched.
  std::vector<Step> ScheduleSteps(const std::vector<int>& order, const std::vector<bool>& fed,
                                  absl::Span<const Endpoint> fetches) const;
  // Runs `plan` with tensors allocated from the current arena.
  absl::StatusOr<std::vector<Tensor>> RunPlan(const Plan& plan,
                                              absl::Span<const std::pair<Endpoint, Tensor>> feeds,
                                              absl::Span<const Endpoint> fetches,
                                              pthreadpool_t threadpool) const;

  const Graph& graph_;
  mutable absl::Mutex mutex_;
  mutable absl::flat_hash_map<std::string, std::shared_ptr<const Plan>> plans_
      ABSL_GUARDED_BY(mutex_);
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_EXECUTOR_H_
