// Identity and its aliases: forward inputs to outputs without copying.
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeIdentity(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  context.set_output(0, context.input(0));
  return absl::OkStatus();
}

absl::Status ComputeIdentityN(OpContext& context) {
  for (int i = 0; i < context.num_inputs(); ++i) context.set_output(i, context.input(i));
  return absl::OkStatus();
}

REGISTER_KERNEL("Identity", ComputeIdentity);
REGISTER_KERNEL("IdentityN", ComputeIdentityN);
// TF's Snapshot kernel is registered for the POD number types and bool only.
REGISTER_KERNEL("Snapshot", ComputeIdentity,
                {{"T",
                  {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                   tensorflow::DT_DOUBLE, tensorflow::DT_INT8, tensorflow::DT_INT16,
                   tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_UINT8,
                   tensorflow::DT_UINT16, tensorflow::DT_UINT32, tensorflow::DT_UINT64,
                   tensorflow::DT_BOOL, tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}}});
REGISTER_KERNEL("StopGradient", ComputeIdentity);

}  // namespace
}  // namespace tfjs::runtime
