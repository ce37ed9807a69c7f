// Runs a benchmark's child process to completion and measures it: wall time, CPU time and peak
// resident memory (wait4's rusage).
#ifndef TFJS_NATIVE_TOOLS_BENCHMARKS_CHILD_PROCESS_H_
#define TFJS_NATIVE_TOOLS_BENCHMARKS_CHILD_PROCESS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tfjs::benchmarks {

struct ChildRun {
  double seconds = 0;
  // User + system CPU time: on a shared machine, what the wall time would be without contention
  // (for single-threaded children).
  double cpu_seconds = 0;
  double peak_rss_mib = 0;
};

// Runs `args` (args[0] looked up in PATH) to completion; fails unless it exits with status 0.
absl::StatusOr<ChildRun> RunChild(const std::vector<std::string>& args);

}  // namespace tfjs::benchmarks

#endif  // TFJS_NATIVE_TOOLS_BENCHMARKS_CHILD_PROCESS_H_
