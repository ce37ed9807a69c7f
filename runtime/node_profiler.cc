#include "runtime/node_profiler.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>

namespace tfjs::runtime {
namespace {

thread_local NodeProfiler* current_profiler = nullptr;

int64_t NowNanoseconds() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Minor page faults of the whole process: kernels may touch fresh pages on pool threads too.
int64_t MinorPageFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

}  // namespace

NodeProfiler::Timer::Timer(const tensorflow::NodeDef& node)
    : profiler_(current_profiler), node_(node) {
  if (profiler_ == nullptr) return;
  start_faults_ = MinorPageFaults();
  start_ns_ = NowNanoseconds();
}

NodeProfiler::Timer::~Timer() {
  if (profiler_ == nullptr) return;
  const int64_t elapsed = NowNanoseconds() - start_ns_;
  profiler_->Record(node_, elapsed, MinorPageFaults() - start_faults_);
}

NodeProfiler::Scope::Scope(NodeProfiler* profiler) : previous_(current_profiler) {
  current_profiler = profiler;
}

NodeProfiler::Scope::~Scope() { current_profiler = previous_; }

void NodeProfiler::Record(const tensorflow::NodeDef& node, int64_t nanoseconds,
                          int64_t page_faults) {
  NodeTotals& totals = totals_[&node];
  if (totals.calls == 0) {
    totals.name = node.name();
    totals.op = node.op();
  }
  ++totals.calls;
  totals.milliseconds += nanoseconds / 1e6;
  totals.page_faults += page_faults;
}

std::vector<NodeProfiler::NodeTotals> NodeProfiler::Totals() const {
  std::vector<NodeTotals> totals;
  totals.reserve(totals_.size());
  for (const auto& [node, node_totals] : totals_) totals.push_back(node_totals);
  std::sort(totals.begin(), totals.end(), [](const NodeTotals& a, const NodeTotals& b) {
    return a.milliseconds > b.milliseconds;
  });
  return totals;
}

}  // namespace tfjs::runtime
