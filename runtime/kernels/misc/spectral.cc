// FFT, IFFT, RFFT and IRFFT over the innermost dimension. TF's RFFT/IRFFT crop or zero-pad
// that dimension to fft_length (RFFT input) or fft_length / 2 + 1 (IRFFT input).
#include <complex>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/fft.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

using Complex = std::complex<double>;

constexpr int kInput = 0;
constexpr int kFftLength = 1;

bool IsComplex(DataType dtype) {
  return dtype == tensorflow::DT_COMPLEX64 || dtype == tensorflow::DT_COMPLEX128;
}

// How many innermost rows the tensor holds: the product of all dims but the last.
int64_t BatchCount(const Tensor& tensor) {
  return NumElements(Shape(tensor.shape().begin(), tensor.shape().end() - 1));
}

// Element i of a complex tensor, widened.
Complex ComplexAt(const Tensor& tensor, int64_t i) {
  if (tensor.dtype() == tensorflow::DT_COMPLEX128) {
    return {tensor.data<double>()[2 * i], tensor.data<double>()[2 * i + 1]};
  }
  return {tensor.data<float>()[2 * i], tensor.data<float>()[2 * i + 1]};
}

void SetComplex(Tensor& tensor, int64_t i, Complex value) {
  if (tensor.dtype() == tensorflow::DT_COMPLEX128) {
    tensor.mutable_data<double>()[2 * i] = value.real();
    tensor.mutable_data<double>()[2 * i + 1] = value.imag();
  } else {
    tensor.mutable_data<float>()[2 * i] = static_cast<float>(value.real());
    tensor.mutable_data<float>()[2 * i + 1] = static_cast<float>(value.imag());
  }
}

template <bool kInverse>
absl::Status ComputeComplexFft(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  if (!IsComplex(input.dtype())) {
    return context.Error(absl::StrCat("input must be complex64 or complex128, got ",
                                      DataTypeName(input.dtype())));
  }
  if (input.rank() < 1) return context.Error("input must have rank of at least 1");
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t n = input.dim(input.rank() - 1);
  const int64_t rows = BatchCount(input);
  std::vector<Complex> line(n);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t k = 0; k < n; ++k) line[k] = ComplexAt(input, r * n + k);
    misc::Fft(line, kInverse);
    for (int64_t k = 0; k < n; ++k) {
      SetComplex(*output, r * n + k, kInverse ? line[k] / static_cast<double>(n) : line[k]);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// The single fft_length of a 1-D transform.
absl::StatusOr<int64_t> FftLength(const OpContext& context) {
  const Tensor& tensor = context.input(kFftLength);
  if (tensor.dtype() != tensorflow::DT_INT32 || tensor.rank() != 1 || tensor.dim(0) != 1) {
    return context.Error("fft_length must be an int32 tensor of shape [1]");
  }
  const int64_t length = tensor.data<int32_t>()[0];
  if (length < 0) return context.Error(absl::StrCat("fft_length must be >= 0, got ", length));
  return length;
}

absl::Status ComputeRfft(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const bool is_double = input.dtype() == tensorflow::DT_DOUBLE;
  if (!is_double && input.dtype() != tensorflow::DT_FLOAT) {
    return context.Error(absl::StrCat("input must be float32 or float64, got ",
                                      DataTypeName(input.dtype())));
  }
  if (input.rank() < 1) return context.Error("input must have rank of at least 1");
  absl::StatusOr<int64_t> n = FftLength(context);
  if (!n.ok()) return n.status();
  const int64_t in_length = input.dim(input.rank() - 1);
  const int64_t bins = *n == 0 ? 0 : *n / 2 + 1;
  Shape out_shape = input.shape();
  out_shape.back() = bins;
  absl::StatusOr<Tensor> output = Tensor::Allocate(
      is_double ? tensorflow::DT_COMPLEX128 : tensorflow::DT_COMPLEX64, out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t rows = BatchCount(input);
  std::vector<Complex> line(*n);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t k = 0; k < *n; ++k) {
      const int64_t at = r * in_length + k;
      line[k] = k >= in_length ? 0.0
                : is_double    ? input.data<double>()[at]
                               : static_cast<double>(input.data<float>()[at]);
    }
    misc::Fft(line, false);
    for (int64_t k = 0; k < bins; ++k) SetComplex(*output, r * bins + k, line[k]);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeIrfft(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  if (!IsComplex(input.dtype())) {
    return context.Error(absl::StrCat("input must be complex64 or complex128, got ",
                                      DataTypeName(input.dtype())));
  }
  if (input.rank() < 1) return context.Error("input must have rank of at least 1");
  absl::StatusOr<int64_t> n = FftLength(context);
  if (!n.ok()) return n.status();
  const bool is_double = input.dtype() == tensorflow::DT_COMPLEX128;
  const int64_t in_length = input.dim(input.rank() - 1);
  const int64_t bins = *n / 2 + 1;
  Shape out_shape = input.shape();
  out_shape.back() = *n;
  absl::StatusOr<Tensor> output =
      Tensor::Allocate(is_double ? tensorflow::DT_DOUBLE : tensorflow::DT_FLOAT, out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t rows = BatchCount(input);
  std::vector<Complex> line(*n);
  for (int64_t r = 0; r < rows && *n > 0; ++r) {
    // The full Hermitian spectrum from its first half; DC and Nyquist are taken as real.
    for (int64_t k = 0; k < bins; ++k) {
      line[k] = k < in_length ? ComplexAt(input, r * in_length + k) : 0.0;
    }
    line[0].imag(0);
    if (*n % 2 == 0) line[*n / 2].imag(0);
    for (int64_t k = bins; k < *n; ++k) line[k] = std::conj(line[*n - k]);
    misc::Fft(line, true);
    for (int64_t k = 0; k < *n; ++k) {
      const double value = line[k].real() / static_cast<double>(*n);
      if (is_double) output->mutable_data<double>()[r * *n + k] = value;
      else output->mutable_data<float>()[r * *n + k] = static_cast<float>(value);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("FFT", ComputeComplexFft<false>);
REGISTER_KERNEL("IFFT", ComputeComplexFft<true>);
REGISTER_KERNEL("RFFT", ComputeRfft);
REGISTER_KERNEL("IRFFT", ComputeIrfft);

}  // namespace
}  // namespace tfjs::runtime
