// Logical ops on bool tensors: LogicalAnd and LogicalOr (broadcasting), LogicalNot.
#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/binary_kernel.h"
#include "runtime/kernels/math/output.h"
#include "runtime/kernels/math/parallel.h"

namespace tfjs::runtime::math {
namespace {

absl::Status CheckBool(const OpContext& context, int index) {
  const DataType dtype = context.input(index).dtype();
  if (dtype == tensorflow::DT_BOOL) return absl::OkStatus();
  return context.Error(
      absl::StrCat("input ", index, " has dtype ", DataTypeName(dtype), "; this op takes bool"));
}

template <typename Fn>
absl::Status ComputeLogicalBinary(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  for (int i = 0; i < 2; ++i) {
    if (absl::Status status = CheckBool(context, i); !status.ok()) return status;
  }
  return ComputeBroadcastBinary<bool, bool, bool>(context, 1, Fn());
}

absl::Status ComputeLogicalNot(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  if (absl::Status status = CheckBool(context, 0); !status.ok()) return status;
  const Tensor& x = context.input(0);
  absl::StatusOr<Tensor> output = ReuseOrAllocate(context, {0}, tensorflow::DT_BOOL, x.shape());
  if (!output.ok()) return output.status();
  const bool* in = x.data<bool>();
  bool* out = output->mutable_data<bool>();
  ParallelFor(context.threadpool(), x.num_elements(), 1, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = !in[i];
  });
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("LogicalAnd", ComputeLogicalBinary<LogicalAndFn>);
REGISTER_KERNEL("LogicalOr", ComputeLogicalBinary<LogicalOrFn>);
REGISTER_KERNEL("LogicalNot", ComputeLogicalNot);

}  // namespace
}  // namespace tfjs::runtime::math
