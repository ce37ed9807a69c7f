// SdcaFprint: each string of a vector as its FarmHash Fingerprint128, a row (low64, high64) of
// an int64 [N, 2]; a low half of 0 or 1 is moved past them (TF keeps those for sentinels).
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/fingerprint.h"

namespace tfjs::runtime::linear {
namespace {

absl::Status ComputeSdcaFprint(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  if (input.rank() != 1) {
    return context.Error(
        absl::StrCat("Input must be a vector, got shape ", ShapeString(input.shape())));
  }
  const int64_t count = input.num_elements();
  Tensor output = *Tensor::Allocate(tensorflow::DT_INT64, {count, 2});
  int64_t* out = output.mutable_data<int64_t>();
  for (int64_t i = 0; i < count; ++i) {
    const misc::Fprint128 fprint = misc::Fingerprint128(input.strings()[i]);
    const uint64_t low = fprint.low64 >= 2 ? fprint.low64 : fprint.low64 + ~uint64_t{1};
    out[2 * i] = static_cast<int64_t>(low);
    out[2 * i + 1] = static_cast<int64_t>(fprint.high64);
  }
  context.set_output(0, std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("SdcaFprint", ComputeSdcaFprint);

}  // namespace
}  // namespace tfjs::runtime::linear
