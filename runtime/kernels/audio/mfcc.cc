// Mfcc: mel-frequency cepstral coefficients of each spectrogram frame ([channels, frames, bins],
// magnitudes squared), as TF's Mfcc computes them: a triangular mel filterbank (mel = 1127 *
// ln(1 + f / 700), filterbank_channel_count bands between lower_ and upper_frequency_limit,
// DC excluded as HTK) over the square roots of the bins, the log of each band (floored at 1e-12),
// and the first dct_coefficient_count coefficients of an orthonormal-scaled DCT-II.
// Output [channels, frames, dct_coefficient_count].
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

constexpr int kSpectrogram = 0;
constexpr int kSampleRate = 1;
constexpr double kFilterbankFloor = 1e-12;

double FreqToMel(double freq) { return 1127.0 * std::log1p(freq / 700.0); }

// TF's MfccMelFilterbank: bin i (start <= i <= end) adds weight[i] * sqrt(power) to band
// band_of[i] and the rest to the next band.
struct MelFilterbank {
  int channels = 0;
  int start = 0;
  int end = 0;
  std::vector<int> band_of;
  std::vector<double> weights;

  bool Initialize(int input_length, double sample_rate, int channel_count, double lower,
                  double upper) {
    channels = channel_count;
    if (channels < 1 || sample_rate <= 0 || input_length < 2 || lower < 0 || upper <= lower) {
      return false;
    }
    std::vector<double> centers(channels + 1);
    const double mel_low = FreqToMel(lower);
    const double mel_spacing = (FreqToMel(upper) - mel_low) / static_cast<double>(channels + 1);
    for (int i = 0; i < channels + 1; ++i) centers[i] = mel_low + mel_spacing * (i + 1);
    const double hz_per_bin = 0.5 * sample_rate / static_cast<double>(input_length - 1);
    start = static_cast<int>(1.5 + lower / hz_per_bin);
    end = static_cast<int>(upper / hz_per_bin);
    band_of.assign(input_length, -2);
    weights.assign(input_length, 0.0);
    int channel = 0;
    for (int i = 0; i < input_length; ++i) {
      if (i < start || i > end) continue;
      const double mel = FreqToMel(i * hz_per_bin);
      while (channel < channels && centers[channel] < mel) ++channel;
      band_of[i] = channel - 1;
      weights[i] = band_of[i] >= 0 ? (centers[band_of[i] + 1] - mel) /
                                         (centers[band_of[i] + 1] - centers[band_of[i]])
                                   : (centers[0] - mel) / (centers[0] - mel_low);
    }
    return true;
  }

  // Empty (TF logs "Input too short") when the spectrum ends before the top bin.
  std::vector<double> Compute(const float* power, int length) const {
    if (length <= end) return {};
    std::vector<double> bands(channels, 0.0);
    for (int i = start; i <= end; ++i) {
      const double magnitude = std::sqrt(static_cast<double>(power[i]));
      const double weighted = magnitude * weights[i];
      int channel = band_of[i];
      if (channel >= 0) bands[channel] += weighted;
      ++channel;
      if (channel < channels) bands[channel] += magnitude - weighted;
    }
    return bands;
  }
};

absl::Status ComputeMfcc(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& spectrogram = context.input(kSpectrogram);
  const Tensor& rate = context.input(kSampleRate);
  if (spectrogram.dtype() != tensorflow::DT_FLOAT || spectrogram.rank() != 3) {
    return context.Error(
        absl::StrCat("spectrogram must be 3-dimensional", ShapeString(spectrogram.shape())));
  }
  if (rate.dtype() != tensorflow::DT_INT32 || rate.rank() != 0) {
    return context.Error(absl::StrCat("Input sample_rate should be a scalar tensor, got ",
                                      ShapeString(rate.shape()), " instead."));
  }
  const auto& attrs = context.node().attr();
  auto float_attr = [&](const char* name, double fallback) {
    return attrs.count(name) ? static_cast<double>(attrs.at(name).f()) : fallback;
  };
  auto int_attr = [&](const char* name, int64_t fallback) {
    return attrs.count(name) ? attrs.at(name).i() : fallback;
  };
  const double upper = float_attr("upper_frequency_limit", 4000);
  const double lower = float_attr("lower_frequency_limit", 20);
  const int64_t filterbank_channels = int_attr("filterbank_channel_count", 40);
  const int64_t coefficients = int_attr("dct_coefficient_count", 13);
  const int32_t sample_rate = *rate.data<int32_t>();
  const int bins = static_cast<int>(spectrogram.dim(2));
  const int64_t frames = spectrogram.dim(1);
  const int64_t channels = spectrogram.dim(0);
  MelFilterbank filterbank;
  const bool initialized =
      filterbank.Initialize(bins, sample_rate, static_cast<int>(filterbank_channels), lower,
                            upper) &&
      coefficients >= 1 && coefficients <= filterbank_channels;
  if (!initialized) {
    return context.Error(absl::StrCat("Mfcc initialization failed for channel count ", bins,
                                      ", sample rate ", sample_rate,
                                      " and filterbank_channel_count ", filterbank_channels));
  }
  // TF's MfccDct: cosines[i][j] = sqrt(2 / n) cos(i pi (j + 1/2) / n).
  const int64_t n = filterbank_channels;
  std::vector<double> cosines(coefficients * n);
  const double norm = std::sqrt(2.0 / n);
  const double arg = std::atan(1) * 4 / n;
  for (int64_t i = 0; i < coefficients; ++i) {
    for (int64_t j = 0; j < n; ++j) cosines[i * n + j] = norm * std::cos(i * arg * (j + 0.5));
  }
  absl::StatusOr<Tensor> output =
      Tensor::Allocate(tensorflow::DT_FLOAT, {channels, frames, coefficients});
  if (!output.ok()) return context.Error(output.status().message());
  const float* in = spectrogram.data<float>();
  float* out = output->mutable_data<float>();
  for (int64_t frame = 0; frame < channels * frames; ++frame) {
    std::vector<double> bands = filterbank.Compute(in + frame * bins, bins);
    for (double& band : bands) band = std::log(std::max(band, kFilterbankFloor));
    for (int64_t i = 0; i < coefficients; ++i) {
      double sum = 0;
      for (size_t j = 0; j < bands.size(); ++j) sum += cosines[i * n + j] * bands[j];
      out[frame * coefficients + i] = static_cast<float>(sum);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Mfcc", ComputeMfcc);

}  // namespace
}  // namespace tfjs::runtime
