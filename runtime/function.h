// Function: a FunctionDef from a graph's library, compiled once into a runnable graph, as the
// bodies of If and While ops are.
#ifndef TFJS_NATIVE_RUNTIME_FUNCTION_H_
#define TFJS_NATIVE_RUNTIME_FUNCTION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/graph.pb.h"
#include "runtime/executor.h"
#include "runtime/frame_executor.h"
#include "runtime/graph.h"

namespace tfjs::runtime {

class Function {
 public:
  // Compiles `name` from `library` (which must outlive the Function). Fails naming the function
  // when it is missing or its body cannot be built.
  static absl::StatusOr<std::unique_ptr<Function>> Build(
      absl::string_view name, const tensorflow::FunctionDefLibrary& library);

  const std::string& name() const { return name_; }
  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  // Runs the body on `args` (one per input arg) and returns one tensor per output arg.
  // Thread-safe.
  absl::StatusOr<std::vector<Tensor>> Call(absl::Span<const Tensor> args,
                                           pthreadpool_t threadpool) const;

 private:
  Function() = default;

  std::string name_;
  std::unique_ptr<Graph> graph_;
  std::vector<Endpoint> inputs_;
  std::vector<Endpoint> outputs_;
  // Exactly one is set: the frame executor when the body has TF1 control flow.
  std::unique_ptr<Executor> executor_;
  std::unique_ptr<FrameExecutor> frame_executor_;
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_FUNCTION_H_
