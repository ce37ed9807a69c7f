// DeepCopy: a copy of the input in a fresh buffer (TF's guarantee that the output does not alias
// the input), for every dtype.
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeDeepCopy(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  absl::StatusOr<Tensor> output = CopyTensor(input);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("DeepCopy", ComputeDeepCopy, {{"T", dtypes::PodString()}});

}  // namespace
}  // namespace tfjs::runtime
