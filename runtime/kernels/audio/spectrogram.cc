// AudioSpectrogram: per channel of a [samples, channels] float input, the magnitude (or squared
// magnitude) spectrum of each window_size-sample window, stride samples apart, as TF's
// Spectrogram computes it: a periodic Hann window, zero padding to the next power of two, a real
// FFT in double precision, bins 0 .. fft_length / 2. Output [channels, windows, bins].
#include <cmath>
#include <complex>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

// In-place radix-2 FFT of a power-of-two length.
void Fft(std::vector<std::complex<double>>& data) {
  const size_t n = data.size();
  for (size_t i = 1, j = 0; i < n; ++i) {
    size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(data[i], data[j]);
  }
  for (size_t length = 2; length <= n; length <<= 1) {
    const double angle = -2 * M_PI / static_cast<double>(length);
    for (size_t start = 0; start < n; start += length) {
      for (size_t k = 0; k < length / 2; ++k) {
        const std::complex<double> twiddle = std::polar(1.0, angle * static_cast<double>(k));
        const std::complex<double> even = data[start + k];
        const std::complex<double> odd = data[start + k + length / 2] * twiddle;
        data[start + k] = even + odd;
        data[start + k + length / 2] = even - odd;
      }
    }
  }
}

int64_t NextPowerOfTwo(int64_t value) {
  int64_t power = 1;
  while (power < value) power <<= 1;
  return power;
}

absl::Status ComputeAudioSpectrogram(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  if (input.dtype() != tensorflow::DT_FLOAT || input.rank() != 2) {
    return context.Error(absl::StrCat("input must be 2-dimensional", ShapeString(input.shape())));
  }
  const auto& attrs = context.node().attr();
  const int64_t window_size = attrs.count("window_size") ? attrs.at("window_size").i() : 0;
  const int64_t stride = attrs.count("stride") ? attrs.at("stride").i() : 0;
  const bool magnitude_squared =
      attrs.count("magnitude_squared") ? attrs.at("magnitude_squared").b() : false;
  if (window_size < 2 || stride < 1) {
    return context.Error(absl::StrCat("Spectrogram initialization failed for window size ",
                                      window_size, " and stride ", stride));
  }
  const int64_t samples = input.dim(0);
  const int64_t channels = input.dim(1);
  const int64_t fft_length = NextPowerOfTwo(window_size);
  const int64_t bins = fft_length / 2 + 1;
  const int64_t windows = samples < window_size ? 0 : 1 + (samples - window_size) / stride;
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_FLOAT, {channels, windows, bins});
  if (!output.ok()) return context.Error(output.status().message());
  std::vector<double> hann(window_size);
  for (int64_t i = 0; i < window_size; ++i) {
    hann[i] = 0.5 - 0.5 * std::cos(2 * M_PI * static_cast<double>(i) / window_size);
  }
  const float* in = input.data<float>();
  float* out = output->mutable_data<float>();
  std::vector<std::complex<double>> buffer(fft_length);
  for (int64_t channel = 0; channel < channels; ++channel) {
    for (int64_t w = 0; w < windows; ++w) {
      std::fill(buffer.begin(), buffer.end(), 0.0);
      for (int64_t i = 0; i < window_size; ++i) {
        buffer[i] = in[(w * stride + i) * channels + channel] * hann[i];
      }
      Fft(buffer);
      float* row = out + (channel * windows + w) * bins;
      for (int64_t k = 0; k < bins; ++k) {
        const double re = buffer[k].real();
        const double im = buffer[k].imag();
        const float power = static_cast<float>(re * re + im * im);
        row[k] = magnitude_squared ? power : std::sqrt(power);
      }
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("AudioSpectrogram", ComputeAudioSpectrogram);

}  // namespace
}  // namespace tfjs::runtime
