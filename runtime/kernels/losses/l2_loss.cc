// L2Loss: sum(x ** 2) / 2 over every element, a scalar; summed in double, float16 rounded once.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

using L2LossTypes = math::TypeList<math::Half, float, double>;

absl::Status ComputeL2Loss(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  return math::DispatchDataType(L2LossTypes(), context, input.dtype(), "t", [&](auto zero) {
    using T = decltype(zero);
    double sum = 0;
    for (T value : input.values<T>()) {
      const double x = math::Widen(value);
      sum += x * x;
    }
    Tensor output = *Tensor::Allocate(input.dtype(), {});
    output.mutable_data<T>()[0] = math::Narrow<T>(static_cast<math::ComputeType<T>>(sum / 2));
    context.set_output(0, std::move(output));
    return absl::OkStatus();
  });
}

REGISTER_KERNEL("L2Loss", ComputeL2Loss, {{"T", math::DtypesOf(L2LossTypes())}});

}  // namespace
}  // namespace tfjs::runtime
