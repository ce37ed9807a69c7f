// Elementwise special functions on float32/float64: Lgamma, Digamma, Softsign (x / (1 + |x|)),
// and the broadcasting binary Polygamma(a, x), Zeta(x, q), Igamma(a, x) and Igammac(a, x).
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/special/special_functions.h"

namespace tfjs::runtime {
namespace {

using UnaryFunction = double (*)(double);
using BinaryFunction = double (*)(double, double);

double Lgamma(double x) { return std::lgamma(x); }
double Softsign(double x) { return x / (1 + std::fabs(x)); }

template <typename Fn>
bool DispatchFloat(DataType dtype, Fn&& fn) {
  if (dtype == tensorflow::DT_FLOAT) fn(misc::TypeTag<float>{});
  else if (dtype == tensorflow::DT_DOUBLE) fn(misc::TypeTag<double>{});
  else return false;
  return true;
}

template <UnaryFunction kFunction>
absl::Status ComputeUnary(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& x = context.input(0);
  absl::StatusOr<Tensor> output = Tensor::Allocate(x.dtype(), x.shape());
  if (!output.ok()) return context.Error(output.status().message());
  const bool known = DispatchFloat(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* in = x.data<T>();
    T* out = output->mutable_data<T>();
    for (int64_t i = 0; i < x.num_elements(); ++i) out[i] = static_cast<T>(kFunction(in[i]));
  });
  if (!known) return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(x.dtype())));
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

template <BinaryFunction kFunction>
absl::Status ComputeBinary(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& a = context.input(0);
  const Tensor& b = context.input(1);
  if (a.dtype() != b.dtype()) return context.Error("both inputs must have one dtype");
  absl::StatusOr<Shape> shape = misc::BroadcastShapes(a.shape(), b.shape());
  if (!shape.ok()) return context.Error(shape.status().message());
  absl::StatusOr<Tensor> output = Tensor::Allocate(a.dtype(), *shape);
  if (!output.ok()) return context.Error(output.status().message());
  const bool known = DispatchFloat(a.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* in_a = a.data<T>();
    const T* in_b = b.data<T>();
    T* out = output->mutable_data<T>();
    misc::ForEachBroadcast(*shape, a.shape(), b.shape(), [&](int64_t i, int64_t ai, int64_t bi) {
      out[i] = static_cast<T>(kFunction(in_a[ai], in_b[bi]));
    });
  });
  if (!known) return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(a.dtype())));
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Lgamma", ComputeUnary<Lgamma>);
REGISTER_KERNEL("Digamma", ComputeUnary<special::Digamma>);
REGISTER_KERNEL("Softsign", ComputeUnary<Softsign>);
REGISTER_KERNEL("Polygamma", ComputeBinary<special::Polygamma>);
REGISTER_KERNEL("Zeta", ComputeBinary<special::Zeta>);
REGISTER_KERNEL("Igamma", ComputeBinary<special::Igamma>);
REGISTER_KERNEL("Igammac", ComputeBinary<special::Igammac>);

}  // namespace
}  // namespace tfjs::runtime
