// Complex numbers: Complex builds them from real and imaginary parts (broadcasting); Real, Imag
// and ComplexAbs take them apart. complex64 holds interleaved float (re, im) pairs, complex128
// double pairs.
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kReal = 0;
constexpr int kImag = 1;
constexpr int kInput = 0;

template <typename T>
void Interleave(const Tensor& real, const Tensor& imag, const Shape& shape, T* out) {
  misc::ForEachBroadcast(shape, real.shape(), imag.shape(), [&](int64_t i, int64_t ir, int64_t ii) {
    out[2 * i] = real.data<T>()[ir];
    out[2 * i + 1] = imag.data<T>()[ii];
  });
}

absl::Status ComputeComplex(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& real = context.input(kReal);
  const Tensor& imag = context.input(kImag);
  if (real.dtype() != imag.dtype() ||
      (real.dtype() != tensorflow::DT_FLOAT && real.dtype() != tensorflow::DT_DOUBLE)) {
    return context.Error(absl::StrCat("real and imag must both be float32 or float64, got ",
                                      DataTypeName(real.dtype()), " and ",
                                      DataTypeName(imag.dtype())));
  }
  absl::StatusOr<Shape> shape = misc::BroadcastShapes(real.shape(), imag.shape());
  if (!shape.ok()) return context.Error(shape.status().message());
  const bool is_double = real.dtype() == tensorflow::DT_DOUBLE;
  absl::StatusOr<Tensor> output =
      Tensor::Allocate(is_double ? tensorflow::DT_COMPLEX128 : tensorflow::DT_COMPLEX64, *shape);
  if (!output.ok()) return context.Error(output.status().message());
  if (is_double) {
    Interleave(real, imag, *shape, output->mutable_data<double>());
  } else {
    Interleave(real, imag, *shape, output->mutable_data<float>());
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

enum class Part { kReal, kImag, kAbs };

template <Part kPart, typename T>
void TakePart(const T* in, int64_t count, T* out) {
  for (int64_t i = 0; i < count; ++i) {
    const T re = in[2 * i];
    const T im = in[2 * i + 1];
    out[i] = kPart == Part::kReal ? re : (kPart == Part::kImag ? im : std::hypot(re, im));
  }
}

template <Part kPart>
absl::Status ComputePart(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const bool is_double = input.dtype() == tensorflow::DT_COMPLEX128;
  if (!is_double && input.dtype() != tensorflow::DT_COMPLEX64) {
    return context.Error(
        absl::StrCat("input must be complex64 or complex128, got ", DataTypeName(input.dtype())));
  }
  absl::StatusOr<Tensor> output =
      Tensor::Allocate(is_double ? tensorflow::DT_DOUBLE : tensorflow::DT_FLOAT, input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  if (is_double) {
    TakePart<kPart>(input.data<double>(), input.num_elements(), output->mutable_data<double>());
  } else {
    TakePart<kPart>(input.data<float>(), input.num_elements(), output->mutable_data<float>());
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

const std::vector<DataType>& FloatDtypes() {
  static const auto* const kDtypes =
      new std::vector<DataType>{tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE};
  return *kDtypes;
}
const std::vector<DataType>& ComplexDtypes() {
  static const auto* const kDtypes =
      new std::vector<DataType>{tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128};
  return *kDtypes;
}

REGISTER_KERNEL("Complex", ComputeComplex, {{"T", FloatDtypes()}, {"Tout", ComplexDtypes()}});
REGISTER_KERNEL("Real", ComputePart<Part::kReal>,
                {{"T", ComplexDtypes()}, {"Tout", FloatDtypes()}});
REGISTER_KERNEL("Imag", ComputePart<Part::kImag>,
                {{"T", ComplexDtypes()}, {"Tout", FloatDtypes()}});
REGISTER_KERNEL("ComplexAbs", ComputePart<Part::kAbs>,
                {{"T", ComplexDtypes()}, {"Tout", FloatDtypes()}});

}  // namespace
}  // namespace tfjs::runtime
