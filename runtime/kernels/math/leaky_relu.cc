// LeakyRelu: x for x >= 0, alpha * x otherwise, alpha an attr (default 0.2).
#include <memory>

#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/unary_functors.h"
#include "runtime/kernels/math/unary_kernel.h"

namespace tfjs::runtime::math {
namespace {

class LeakyReluKernel : public Kernel {
 public:
  explicit LeakyReluKernel(float alpha) : alpha_(alpha) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    return DispatchDataType(
        FloatTypes(), context, context.input(0).dtype(), "input 'x'", [&](auto type) {
          using T = decltype(type);
          return ComputeUnary<T, T>(context, 1, LeakyReluFn<T>{static_cast<T>(alpha_)});
        });
  }

 private:
  float alpha_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildLeakyRelu(const KernelBuildContext& build) {
  absl::StatusOr<float> alpha = build.attrs.GetFloat("alpha");
  if (!alpha.ok()) return alpha.status();
  return std::make_unique<LeakyReluKernel>(*alpha);
}

REGISTER_KERNEL_FACTORY("LeakyRelu", BuildLeakyRelu);

}  // namespace
}  // namespace tfjs::runtime::math
