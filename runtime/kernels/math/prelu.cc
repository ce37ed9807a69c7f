// Prelu (TF.js's fused op): x for x >= 0, alpha * x otherwise, alpha broadcast against x.
#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::math {
namespace {

constexpr int kX = 0;
constexpr int kAlpha = 1;

absl::Status ComputePrelu(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (absl::Status status = CheckSameDataType(context, kX, kAlpha); !status.ok()) return status;
  return DispatchDataType(FloatTypes(), context, context.input(kX).dtype(), "input 'x'",
                          [&](auto type) {
                            using T = decltype(type);
                            return ComputeBroadcastBinary<T, T, T>(
                                context, 1, [](T x, T alpha) { return x < 0 ? alpha * x : x; });
                          });
}

REGISTER_KERNEL("Prelu", ComputePrelu);

}  // namespace
}  // namespace tfjs::runtime::math
