// Cumprod: running products along an axis, optionally exclusive (starting from 1) and reversed.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kAxis = 1;

template <typename T>
void CumulativeProduct(const T* in, int64_t outer, int64_t count, int64_t inner, bool exclusive,
                       bool reverse, T* out) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      T product = T(1);
      for (int64_t step = 0; step < count; ++step) {
        const int64_t k = reverse ? count - 1 - step : step;
        const int64_t at = (o * count + k) * inner + i;
        if (exclusive) {
          out[at] = product;
          product *= in[at];
        } else {
          product *= in[at];
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
    return context.Error(absl::StrCat("axis ", *axis, " is out of range [", -rank, ", ", rank,
                                      ")"));
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
  const bool known = misc::DispatchRealNumber(input.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    CumulativeProduct(input.data<T>(), outer, input.dim(dim), inner, exclusive, reverse,
                      output->mutable_data<T>());
  });
  if (!known) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(input.dtype())));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Cumprod", ComputeCumprod);

}  // namespace
}  // namespace tfjs::runtime
