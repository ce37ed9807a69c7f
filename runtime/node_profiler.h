// NodeProfiler: per-node wall time and minor page faults of the executor runs made on a thread
// while the profiler is current there (benchmark_model --profile), to see where a run's time goes.
#ifndef TFJS_NATIVE_RUNTIME_NODE_PROFILER_H_
#define TFJS_NATIVE_RUNTIME_NODE_PROFILER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "proto/graph.pb.h"

namespace tfjs::runtime {

class NodeProfiler {
 public:
  // One node's totals over the profiled runs.
  struct NodeTotals {
    std::string name;
    std::string op;
    int64_t calls = 0;
    double milliseconds = 0;
    int64_t page_faults = 0;
  };

  // Times one Compute of `node` from construction to destruction, when a profiler is current.
  class Timer {
   public:
    explicit Timer(const tensorflow::NodeDef& node);
    ~Timer();
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

   private:
    NodeProfiler* profiler_;
    const tensorflow::NodeDef& node_;
    int64_t start_ns_ = 0;
    int64_t start_faults_ = 0;
  };

  // Makes `profiler` current on this thread for the scope's lifetime.
  class Scope {
   public:
    explicit Scope(NodeProfiler* profiler);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    NodeProfiler* previous_;
  };

  // Every node seen, slowest first.
  std::vector<NodeTotals> Totals() const;

 private:
  void Record(const tensorflow::NodeDef& node, int64_t nanoseconds, int64_t page_faults);

  absl::flat_hash_map<const tensorflow::NodeDef*, NodeTotals> totals_;
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_NODE_PROFILER_H_
