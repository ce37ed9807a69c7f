// ClipByValue: max(min(x, clip_value_max), clip_value_min), the bounds scalars or x's shape;
// complex numbers are clipped to the box the bounds span, real and imaginary parts apart.
#include <complex>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/output.h"
#include "runtime/kernels/math/parallel.h"

namespace tfjs::runtime::math {
namespace {

// TF's CPU registrations for ClipByValue (cwise_op_clip.cc).
using ClipTypes = TypeList<float, double, Half, BFloat16, int32_t, int64_t, uint8_t, int8_t,
                           int16_t, uint16_t, std::complex<float>, std::complex<double>>;

// std::max(std::min(value, high), low) as TF computes it: a NaN value stays NaN, and low wins
// when the bounds cross.
template <typename T>
T Clip(T value, T low, T high) {
  const T lowered = high < value ? high : value;
  return lowered < low ? low : lowered;
}

template <typename T>
std::complex<T> Clip(std::complex<T> value, std::complex<T> low, std::complex<T> high) {
  return {Clip(value.real(), low.real(), high.real()), Clip(value.imag(), low.imag(), high.imag())};
}

constexpr int kX = 0;
constexpr int kMin = 1;
constexpr int kMax = 2;

absl::Status ComputeClipByValue(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& x = context.input(kX);
  for (int bound : {kMin, kMax}) {
    if (absl::Status status = CheckSameDataType(context, kX, bound); !status.ok()) return status;
    const Tensor& tensor = context.input(bound);
    if (tensor.num_elements() != 1 && tensor.shape() != x.shape()) {
      return context.Error(absl::StrCat("clip_value_", bound == kMin ? "min" : "max",
                                        " must be a scalar or have the shape of "
                                        "x ",
                                        ShapeString(x.shape()), ", got ",
                                        ShapeString(tensor.shape())));
    }
  }
  return DispatchDataType(ClipTypes(), context, x.dtype(), "input 'x'", [&](auto type) {
    using T = decltype(type);
    absl::StatusOr<Tensor> output = ReuseOrAllocate(context, {kX}, x.dtype(), x.shape());
    if (!output.ok()) return output.status();
    const T* in = x.data<T>();
    const T* low = context.input(kMin).template data<T>();
    const T* high = context.input(kMax).template data<T>();
    // Stride 0 reads a scalar bound for every element.
    const int64_t low_stride = context.input(kMin).num_elements() == 1 ? 0 : 1;
    const int64_t high_stride = context.input(kMax).num_elements() == 1 ? 0 : 1;
    T* out = output->mutable_data<T>();
    ParallelFor(context.threadpool(), x.num_elements(), 1, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        const ComputeType<T> value = Widen(in[i]);
        const ComputeType<T> lo = Widen(low[i * low_stride]);
        const ComputeType<T> hi = Widen(high[i * high_stride]);
        out[i] = Narrow<T>(Clip(value, lo, hi));
      }
    });
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  });
}

REGISTER_KERNEL("ClipByValue", ComputeClipByValue, {{"T", DtypesOf(ClipTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
