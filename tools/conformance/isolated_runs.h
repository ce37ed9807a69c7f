// Runs tasks in forked child processes, a few at a time, so that a crash or a hang in one task
// becomes that task's error instead of ending the caller.
#ifndef TFJS_NATIVE_TOOLS_CONFORMANCE_ISOLATED_RUNS_H_
#define TFJS_NATIVE_TOOLS_CONFORMANCE_ISOLATED_RUNS_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace tfjs::conformance {

struct IsolatedRunOptions {
  // Children running at once.
  int parallel = 2;
  // A child still running after this is killed.
  absl::Duration timeout = absl::Seconds(60);
};

// Runs task(i) for every i in [0, count), each in a child process forked from the caller (which
// should not have started threads); the string the task returns is sent back through a pipe.
// done(i, result) is called in the caller as each child ends, in completion order, with that
// string, or an error for a child that was killed by a signal ("crashed: signal 11
// (Segmentation fault)"), timed out ("timed out after 60 s") or exited before returning; errors
// end with the last line the child wrote to stderr, if any. The children's stdout and stderr go
// to a temporary file, not to the caller's.
void RunIsolated(int count, const std::function<std::string(int)>& task,
                 const std::function<void(int, absl::StatusOr<std::string>)>& done,
                 const IsolatedRunOptions& options = {});

}  // namespace tfjs::conformance

#endif  // TFJS_NATIVE_TOOLS_CONFORMANCE_ISOLATED_RUNS_H_
