// The FFT ops over the innermost 1, 2 or 3 dims (FFT/IFFT, FFT2D/IFFT2D, FFT3D/IFFT3D) or given
// axes (FFTND/IFFTND), and their real forms (RFFT*, IRFFT*). The real forms, and the ND ones,
// crop or zero-pad each transformed dim to fft_length first (the innermost real dim of IRFFT's
// input to fft_length / 2 + 1). IRFFT inverts the outer dims, then each innermost line from its
// Hermitian half (the DC and Nyquist bins taken as real). Inverses divide by the point count.
#include <algorithm>
#include <complex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/fft.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

using Complex = std::complex<double>;
using tensorflow::DT_COMPLEX128;
using tensorflow::DT_COMPLEX64;
using tensorflow::DT_DOUBLE;
using tensorflow::DT_FLOAT;

constexpr int kInput = 0;
constexpr int kFftLength = 1;
constexpr int kAxes = 2;

enum class Kind { kComplex, kReal, kInverseReal };

bool IsComplex(DataType dtype) { return dtype == DT_COMPLEX64 || dtype == DT_COMPLEX128; }

std::vector<Complex> ComplexValues(const Tensor& tensor) {
  std::vector<Complex> values(tensor.num_elements());
  for (size_t i = 0; i < values.size(); ++i) {
    switch (tensor.dtype()) {
      case DT_COMPLEX128:
        values[i] = {tensor.data<double>()[2 * i], tensor.data<double>()[2 * i + 1]};
        break;
      case DT_COMPLEX64:
        values[i] = {tensor.data<float>()[2 * i], tensor.data<float>()[2 * i + 1]};
        break;
      case DT_DOUBLE:
        values[i] = tensor.data<double>()[i];
        break;
      default:
        values[i] = tensor.data<float>()[i];
        break;
    }
  }
  return values;
}

absl::StatusOr<Tensor> ToTensor(DataType dtype, const Shape& shape,
                                const std::vector<Complex>& values) {
  absl::StatusOr<Tensor> tensor = Tensor::Allocate(dtype, shape);
  if (!tensor.ok()) return tensor.status();
  for (size_t i = 0; i < values.size(); ++i) {
    switch (dtype) {
      case DT_COMPLEX128:
        tensor->mutable_data<double>()[2 * i] = values[i].real();
        tensor->mutable_data<double>()[2 * i + 1] = values[i].imag();
        break;
      case DT_COMPLEX64:
        tensor->mutable_data<float>()[2 * i] = static_cast<float>(values[i].real());
        tensor->mutable_data<float>()[2 * i + 1] = static_cast<float>(values[i].imag());
        break;
      case DT_DOUBLE:
        tensor->mutable_data<double>()[i] = values[i].real();
        break;
      default:
        tensor->mutable_data<float>()[i] = static_cast<float>(values[i].real());
        break;
    }
  }
  return tensor;
}

// `values` of `shape` cropped or zero-padded to `target` (same rank).
std::vector<Complex> Resized(const std::vector<Complex>& values, const Shape& shape,
                             const Shape& target) {
  if (shape == target) return values;
  std::vector<Complex> out(NumElements(target));
  const int rank = static_cast<int>(shape.size());
  for (int64_t i = 0; i < static_cast<int64_t>(out.size()); ++i) {
    int64_t rest = i, at = 0, stride = 1;
    bool inside = true;
    for (int d = rank - 1; d >= 0; --d) {
      const int64_t index = rest % target[d];
      rest /= target[d];
      inside = inside && index < shape[d];
      at += index * stride;
      stride *= shape[d];
    }
    out[i] = inside ? values[at] : Complex(0);
  }
  return out;
}

// In place, the (unnormalized) transform of every line along `axis`.
void TransformAxis(std::vector<Complex>& values, const Shape& shape, int axis, bool inverse) {
  const int64_t n = shape[axis];
  if (n == 0 || values.empty()) return;
  int64_t inner = 1;
  for (size_t d = axis + 1; d < shape.size(); ++d) inner *= shape[d];
  const int64_t outer = static_cast<int64_t>(values.size()) / (n * inner);
  std::vector<Complex> line(n);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      Complex* base = values.data() + o * n * inner + i;
      for (int64_t k = 0; k < n; ++k) line[k] = base[k * inner];
      misc::Fft(line, inverse);
      for (int64_t k = 0; k < n; ++k) base[k * inner] = line[k];
    }
  }
}

// The node's type attr `name`, else TF's default for it (`fallback`: complex64 or float32).
DataType TypeAttr(const OpContext& context, const char* name, DataType fallback) {
  auto attr = context.node().attr().find(name);
  return attr == context.node().attr().end() ? fallback : attr->second.type();
}

// kRank: the innermost dims transformed; 0 for the ND ops, which take axes as an input.
template <Kind kKind, bool kInverse, int kRank>
absl::Status ComputeSpectral(OpContext& context) {
  const bool nd = kRank == 0;
  const bool has_length = kKind != Kind::kComplex || nd;
  const int count = nd ? 3 : has_length ? 2 : 1;
  if (absl::Status status = context.CheckNumInputs(count, count); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const bool real_input = kKind == Kind::kReal;
  if (real_input ? IsComplex(input.dtype()) : !IsComplex(input.dtype())) {
    return context.Error(absl::StrCat("input must be ",
                                      real_input ? "float32 or float64" : "complex64 or complex128",
                                      ", got ", DataTypeName(input.dtype())));
  }
  const int rank = input.rank();
  // The transformed axes, outermost first, and their lengths.
  std::vector<int> axes;
  if (nd) {
    absl::StatusOr<std::vector<int64_t>> given = misc::IndexValues(context.input(kAxes), "axes");
    if (!given.ok()) return context.Error(given.status().message());
    for (int64_t axis : *given) {
      if (axis < -rank || axis >= rank) {
        return context.Error(absl::StrCat("axis ", axis, " is out of range for rank ", rank));
      }
      const int normalized = static_cast<int>(axis < 0 ? axis + rank : axis);
      if (std::find(axes.begin(), axes.end(), normalized) != axes.end()) {
        return context.Error(absl::StrCat("axis ", axis, " is given twice"));
      }
      axes.push_back(normalized);
    }
  } else {
    if (rank < kRank) {
      return context.Error(absl::StrCat("input must have rank of at least ", kRank, ", got shape ",
                                        ShapeString(input.shape())));
    }
    for (int d = rank - kRank; d < rank; ++d) axes.push_back(d);
  }
  std::vector<int64_t> lengths;
  if (has_length) {
    const Tensor& fft_length = context.input(kFftLength);
    absl::StatusOr<std::vector<int64_t>> given = misc::IndexValues(fft_length, "fft_length");
    if (!given.ok()) return context.Error(given.status().message());
    if (fft_length.rank() != 1 || given->size() != axes.size()) {
      return context.Error(absl::StrCat("fft_length must be a vector of ", axes.size(),
                                        " lengths, got shape ", ShapeString(fft_length.shape())));
    }
    for (int64_t length : *given) {
      if (length < 0) return context.Error(absl::StrCat("fft_length must be >= 0, got ", length));
    }
    lengths = *given;
  } else {
    for (int axis : axes) lengths.push_back(input.dim(axis));
  }
  if (axes.empty()) {
    context.set_output(0, input);
    return absl::OkStatus();
  }
  const int inner = axes.back();
  // What the input is cropped or padded to.
  Shape target = input.shape();
  for (size_t i = 0; i < axes.size(); ++i) target[axes[i]] = lengths[i];
  if (kKind == Kind::kInverseReal) target[inner] = lengths.back() / 2 + 1;
  std::vector<Complex> values = Resized(ComplexValues(input), input.shape(), target);
  double points = 1;
  for (int64_t length : lengths) points *= static_cast<double>(length);
  Shape out_shape = target;
  DataType out_dtype = input.dtype();
  switch (kKind) {
    case Kind::kComplex:
      for (int axis : axes) TransformAxis(values, target, axis, kInverse);
      break;
    case Kind::kReal: {
      for (int axis : axes) TransformAxis(values, target, axis, false);
      out_shape[inner] = lengths.back() == 0 ? 0 : lengths.back() / 2 + 1;
      values = Resized(values, target, out_shape);
      out_dtype = TypeAttr(context, "Tcomplex", DT_COMPLEX64);
      break;
    }
    case Kind::kInverseReal: {
      for (int axis : axes) {
        if (axis != inner) TransformAxis(values, target, axis, true);
      }
      // Each innermost line's full spectrum from its first half.
      const int64_t n = lengths.back();
      const int64_t bins = target[inner];
      out_shape[inner] = n;
      std::vector<Complex> full = Resized(values, target, out_shape);
      int64_t stride = 1;
      for (int d = inner + 1; d < rank; ++d) stride *= out_shape[d];
      const int64_t outer = n == 0 ? 0 : static_cast<int64_t>(full.size()) / (n * stride);
      for (int64_t o = 0; o < outer; ++o) {
        for (int64_t s = 0; s < stride; ++s) {
          Complex* line = full.data() + o * n * stride + s;
          line[0].imag(0);
          if (n % 2 == 0) line[(n / 2) * stride].imag(0);
          for (int64_t k = bins; k < n; ++k) line[k * stride] = std::conj(line[(n - k) * stride]);
        }
      }
      TransformAxis(full, out_shape, inner, true);
      values = std::move(full);
      out_dtype = TypeAttr(context, "Treal", DT_FLOAT);
      break;
    }
  }
  if (kInverse && points > 0) {
    for (Complex& value : values) value /= points;
  }
  absl::StatusOr<Tensor> output = ToTensor(out_dtype, out_shape, values);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

KernelDtypes ComplexDtypes() { return {{"Tcomplex", {DT_COMPLEX64, DT_COMPLEX128}}}; }
KernelDtypes RealDtypes() {
  return {{"Treal", {DT_FLOAT, DT_DOUBLE}}, {"Tcomplex", {DT_COMPLEX64, DT_COMPLEX128}}};
}

REGISTER_KERNEL("FFT", ComputeSpectral<Kind::kComplex, false, 1>, ComplexDtypes());
REGISTER_KERNEL("IFFT", ComputeSpectral<Kind::kComplex, true, 1>, ComplexDtypes());
REGISTER_KERNEL("FFT2D", ComputeSpectral<Kind::kComplex, false, 2>, ComplexDtypes());
REGISTER_KERNEL("IFFT2D", ComputeSpectral<Kind::kComplex, true, 2>, ComplexDtypes());
REGISTER_KERNEL("FFT3D", ComputeSpectral<Kind::kComplex, false, 3>, ComplexDtypes());
REGISTER_KERNEL("IFFT3D", ComputeSpectral<Kind::kComplex, true, 3>, ComplexDtypes());
REGISTER_KERNEL("FFTND", ComputeSpectral<Kind::kComplex, false, 0>, ComplexDtypes());
REGISTER_KERNEL("IFFTND", ComputeSpectral<Kind::kComplex, true, 0>, ComplexDtypes());
REGISTER_KERNEL("RFFT", ComputeSpectral<Kind::kReal, false, 1>, RealDtypes());
REGISTER_KERNEL("RFFT2D", ComputeSpectral<Kind::kReal, false, 2>, RealDtypes());
REGISTER_KERNEL("RFFT3D", ComputeSpectral<Kind::kReal, false, 3>, RealDtypes());
REGISTER_KERNEL("RFFTND", ComputeSpectral<Kind::kReal, false, 0>, RealDtypes());
REGISTER_KERNEL("IRFFT", ComputeSpectral<Kind::kInverseReal, true, 1>, RealDtypes());
REGISTER_KERNEL("IRFFT2D", ComputeSpectral<Kind::kInverseReal, true, 2>, RealDtypes());
REGISTER_KERNEL("IRFFT3D", ComputeSpectral<Kind::kInverseReal, true, 3>, RealDtypes());
REGISTER_KERNEL("IRFFTND", ComputeSpectral<Kind::kInverseReal, true, 0>, RealDtypes());

}  // namespace
}  // namespace tfjs::runtime
