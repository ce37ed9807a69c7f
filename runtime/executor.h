// Executor: runs a Graph for given feeds and fetches. It plans once per set of feeds and fetches
// (order and buffer lifetimes) and is safe to call from many threads at once.
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
#include "runtime/graph.h"

namespace tfjs::runtime {

class Executor {
 public:
  explicit Executor(const Graph& graph) : graph_(graph) {}

  absl::StatusOr<std::vector<Tensor>> Run(absl::Span<const std::pair<Endpoint, Tensor>> feeds,
                                          absl::Span<const Endpoint> fetches,
                                          pthreadpool_t threadpool) const;

 private:
  // Nodes to run in order, and how many planned readers (plus fetches) each node's outputs have,
  // so they are released right after their last reader.
  struct Plan {
    std::vector<int> order;
    std::vector<int> readers;
  };

  absl::StatusOr<std::shared_ptr<const Plan>> GetPlan(
      absl::Span<const std::pair<Endpoint, Tensor>> feeds, absl::Span<const Endpoint> fetches) const;
  absl::StatusOr<Plan> MakePlan(const std::vector<bool>& fed,
                                absl::Span<const Endpoint> fetches) const;

  const Graph& graph_;
  mutable absl::Mutex mutex_;
  mutable absl::flat_hash_map<std::string, std::shared_ptr<const Plan>> plans_
      ABSL_GUARDED_BY(mutex_);
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_EXECUTOR_H_
