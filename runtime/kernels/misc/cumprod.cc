// Cumprod: running products along an axis, optionally exclusive (starting from 1) and reversed.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kAxis = 1;

// Each partial product is stored as T, so float16 and bfloat16 round after every product as TF's
// do; integers wrap.
template <typename T>
void CumulativeProduct(const T* in, int64_t outer, int64_t count, int64_t inner, bool exclusive,
                       bool reverse, T* out) {
  const auto multiply = [](T a, T b) {
    return math::Narrow<T>(math::MulFn()(math::Widen(a), math::Widen(b)));
  };
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      T product = math::Narrow<T>(math::ComputeType<T>{1});
      for (int64_t step = 0; step < count; ++step) {
        const int64_t k = reverse ? count - 1 - step : step;
        const int64_t at = (o * count + k) * inner + i;
        if (exclusive) {
          out[at] = product;
          product = multiply(product, in[at]);
        } else {
          product = multiply(product, in[at]);
          out[at] = product;
        }
      }
    }
  }
}

absl::Status ComputeCumprod(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  absl::StatusOr<int64_t> axis = misc::IndexScalar(context.input(kAxis), "axis");
  if (!axis.ok()) return context.Error(axis.status().message());
  if (context.input(kAxis).rank() != 0) return context.Error("axis must be a scalar");
  const int rank = input.rank();
  if (*axis < -rank || *axis >= rank) {
    return context.Error(
        absl::StrCat("axis ", *axis, " is out of range [", -rank, ", ", rank, ")"));
  }
  const int dim = static_cast<int>(*axis < 0 ? *axis + rank : *axis);
  NodeAttrs attrs(context.node(), nullptr);
  const bool exclusive = attrs.Has("exclusive") && attrs.GetBool("exclusive").value_or(false);
  const bool reverse = attrs.Has("reverse") && attrs.GetBool("reverse").value_or(false);
  int64_t outer = 1, inner = 1;
  for (int d = 0; d < dim; ++d) outer *= input.dim(d);
  for (int d = dim + 1; d < rank; ++d) inner *= input.dim(d);
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  if (absl::Status status =
          math::DispatchDataType(math::NumberTypes(), context, input.dtype(), "input 'x'",
                                 [&](auto type) {
                                   using T = decltype(type);
                                   CumulativeProduct(input.data<T>(), outer, input.dim(dim), inner,
                                                     exclusive, reverse, output->mutable_data<T>());
                                   return absl::OkStatus();
                                 });
      !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Cumprod", ComputeCumprod,
                {{"T", math::DtypesOf(math::NumberTypes())},
                 {"Tidx", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
