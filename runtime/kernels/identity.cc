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
REGISTER_KERNEL("Snapshot", ComputeIdentity);
REGISTER_KERNEL("StopGradient", ComputeIdentity);

}  // namespace
}  // namespace tfjs::runtime
