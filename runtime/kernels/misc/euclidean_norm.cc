// EuclideanNorm: sqrt of the sum of squares over the given axes (float16 and bfloat16 summed in
// float32; complex numbers by their absolute values).
#include <cmath>
#include <complex>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kAxes = 1;

absl::Status ComputeEuclideanNorm(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  absl::StatusOr<std::vector<int64_t>> axes = misc::IndexValues(context.input(kAxes), "axis");
  if (!axes.ok()) return context.Error(axes.status().message());
  const int rank = input.rank();
  std::vector<bool> reduced(rank, false);
  for (int64_t axis : *axes) {
    if (axis < -rank || axis >= rank) {
      return context.Error(absl::StrCat("Invalid reduction dimension (", axis, " for input with ",
                                        rank, " dimension(s)"));
    }
    reduced[axis < 0 ? axis + rank : axis] = true;
  }
  NodeAttrs attrs(context.node(), nullptr);
  const bool keep_dims = attrs.Has("keep_dims") && attrs.GetBool("keep_dims").value_or(false);
  Shape out_shape;
  Shape kept_strides_shape;  // Input shape with reduced dims set to 1.
  for (int d = 0; d < rank; ++d) {
    if (!reduced[d])
      out_shape.push_back(input.dim(d));
    else if (keep_dims)
      out_shape.push_back(1);
    kept_strides_shape.push_back(reduced[d] ? 1 : input.dim(d));
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  // The sum of squares per output element, walking the input in order.
  auto sums_of_squares = [&](auto zero, auto read) {
    std::vector<decltype(zero)> sums(output->num_elements(), zero);
    std::vector<int64_t> index(rank, 0);
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      int64_t at = 0;
      for (int d = 0; d < rank; ++d) at = at * kept_strides_shape[d] + (reduced[d] ? 0 : index[d]);
      const auto value = read(i);
      sums[at] += value * value;
      for (int d = rank - 1; d >= 0 && ++index[d] == input.dim(d); --d) index[d] = 0;
    }
    return sums;
  };
  bool known = true;
  if (input.dtype() == tensorflow::DT_HALF || input.dtype() == tensorflow::DT_BFLOAT16) {
    // Widened to float32, summed there and rounded once, as Sum does for them.
    const bool half = input.dtype() == tensorflow::DT_HALF;
    const uint16_t* in = input.data<uint16_t>();
    const std::vector<float> sums = sums_of_squares(
        0.0f, [&](int64_t i) { return half ? HalfToFloat(in[i]) : BFloat16ToFloat(in[i]); });
    uint16_t* out = output->mutable_data<uint16_t>();
    for (size_t i = 0; i < sums.size(); ++i) {
      const float norm = std::sqrt(sums[i]);
      out[i] = half ? FloatToHalf(norm) : FloatToBFloat16(norm);
    }
  } else if (input.dtype() == tensorflow::DT_COMPLEX64 ||
             input.dtype() == tensorflow::DT_COMPLEX128) {
    // sqrt(sum |x|^2), a complex number with a zero imaginary part, as TF's reducer gives.
    auto complex_norm = [&](auto zero) {
      using Real = decltype(zero);
      using Complex = std::complex<Real>;
      const Complex* in = input.data<Complex>();
      const std::vector<Real> sums =
          sums_of_squares(zero, [&](int64_t i) { return std::abs(in[i]); });
      for (size_t i = 0; i < sums.size(); ++i) {
        output->mutable_data<Complex>()[i] = Complex(std::sqrt(sums[i]), 0);
      }
    };
    if (input.dtype() == tensorflow::DT_COMPLEX64) {
      complex_norm(0.0f);
    } else {
      complex_norm(0.0);
    }
  } else {
    known = math::DispatchTag(misc::NoHalfRealTypes(), input.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      using Acc = std::conditional_t<std::is_floating_point_v<T>, T, double>;
      const T* in = input.data<T>();
      const std::vector<Acc> sums =
          sums_of_squares(Acc(0), [&](int64_t i) { return static_cast<Acc>(in[i]); });
      for (size_t i = 0; i < sums.size(); ++i) {
        output->mutable_data<T>()[i] = static_cast<T>(std::sqrt(sums[i]));
      }
    });
  }
  if (!known) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(input.dtype())));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("EuclideanNorm", ComputeEuclideanNorm,
                {{"T",
                  {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                   tensorflow::DT_DOUBLE, tensorflow::DT_INT8, tensorflow::DT_INT16,
                   tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_UINT8,
                   tensorflow::DT_UINT16, tensorflow::DT_UINT32, tensorflow::DT_UINT64,
                   tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}},
                 {"Tidx", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
