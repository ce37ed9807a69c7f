// L2Loss: sum(x ** 2) / 2 over every element, a scalar.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

template <typename T>
T HalfSumOfSquares(const Tensor& input) {
  double sum = 0;
  for (T value : input.values<T>()) sum += static_cast<double>(value) * value;
  return static_cast<T>(sum / 2);
}

absl::Status ComputeL2Loss(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  if (input.dtype() == tensorflow::DT_FLOAT) {
    context.set_output(0, Tensor::Scalar(input.dtype(), HalfSumOfSquares<float>(input)));
  } else if (input.dtype() == tensorflow::DT_DOUBLE) {
    context.set_output(0, Tensor::Scalar(input.dtype(), HalfSumOfSquares<double>(input)));
  } else {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(input.dtype())));
  }
  return absl::OkStatus();
}

REGISTER_KERNEL("L2Loss", ComputeL2Loss);

}  // namespace
}  // namespace tfjs::runtime
