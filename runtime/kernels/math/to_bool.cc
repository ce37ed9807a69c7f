// ToBool: a tensor's truth as a bool scalar, as TF's: a scalar is true when it is non-zero (a
// string when non-empty); a tensor of rank >= 1 is true when it has any element.
#include <complex>
#include <cstdint>

#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::math {
namespace {

// The truth of a scalar: value != 0 for numbers (so -0.0 is false and NaN true), non-empty for
// strings.
absl::Status ScalarTruth(const OpContext& context, const Tensor& input, bool& truth) {
  if (input.dtype() == tensorflow::DT_STRING) {
    truth = !input.strings()[0].empty();
    return absl::OkStatus();
  }
  using Types =
      TypeList<float, double, Half, BFloat16, int32_t, int64_t, uint8_t, int8_t, int16_t, uint16_t,
               uint32_t, uint64_t, bool, std::complex<float>, std::complex<double>>;
  return DispatchDataType(Types(), context, input.dtype(), "input 'input'", [&](auto type) {
    using T = decltype(type);
    const T value = input.data<T>()[0];
    if constexpr (std::is_same_v<T, bool>) {
      truth = value;
    } else {
      truth = Widen(value) != ComputeType<T>{0};
    }
    return absl::OkStatus();
  });
}

absl::Status ComputeToBool(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  bool truth = input.num_elements() > 0;
  if (input.rank() == 0) {
    if (absl::Status status = ScalarTruth(context, input, truth); !status.ok()) return status;
  }
  context.set_output(0, Tensor::Scalar<bool>(tensorflow::DT_BOOL, truth));
  return absl::OkStatus();
}

REGISTER_KERNEL("ToBool", ComputeToBool);

}  // namespace
}  // namespace tfjs::runtime::math
