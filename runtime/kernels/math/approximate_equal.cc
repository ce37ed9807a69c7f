// ApproximateEqual: |x - y| < tolerance elementwise, for x and y of one shape (no broadcasting,
// as TF's).
#include <cmath>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::math {
namespace {

constexpr int kX = 0;
constexpr int kY = 1;

class ApproximateEqualKernel : public Kernel {
 public:
  explicit ApproximateEqualKernel(float tolerance) : tolerance_(tolerance) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    if (absl::Status status = CheckSameDataType(context, kX, kY); !status.ok()) return status;
    const Tensor& x = context.input(kX);
    const Tensor& y = context.input(kY);
    if (x.shape() != y.shape()) {
      return context.Error(
          absl::StrCat("x and y must be of the same shape. x shape: ", ShapeString(x.shape()),
                       ". y shape: ", ShapeString(y.shape())));
    }
    return DispatchDataType(FloatTypes(), context, x.dtype(), "input 'x'", [&](auto type) {
      using T = decltype(type);
      const T tolerance = static_cast<T>(tolerance_);
      return ComputeBroadcastBinary<T, T, bool>(
          context, 2, [tolerance](T a, T b) { return std::abs(a - b) < tolerance; });
    });
  }

 private:
  float tolerance_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildApproximateEqual(const KernelBuildContext& build) {
  absl::StatusOr<float> tolerance = build.attrs.GetFloat("tolerance");
  if (!tolerance.ok()) return tolerance.status();
  return std::make_unique<ApproximateEqualKernel>(*tolerance);
}

REGISTER_KERNEL_FACTORY("ApproximateEqual", BuildApproximateEqual, {{"T", DtypesOf(FloatTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
