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
    return DispatchDataType(AllFloatTypes(), context, context.input(0).dtype(), "input 'x'",
                            [&](auto type) {
                              using T = decltype(type);
                              using Compute = ComputeType<T>;
                              // TF rounds alpha to T before multiplying.
                              const Compute alpha = Widen(Narrow<T>(static_cast<Compute>(alpha_)));
                              return ComputeUnary<T, T>(context, 1, LeakyReluFn<Compute>{alpha});
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

REGISTER_KERNEL_FACTORY("LeakyRelu", BuildLeakyRelu, {{"T", DtypesOf(AllFloatTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
