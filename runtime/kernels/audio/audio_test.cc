// Tests for DecodeWav, EncodeWav, AudioSpectrogram and Mfcc: WAV round trips and TF's header
// checks, spectrograms against a direct DFT of the Hann-windowed frames, and MFCC shapes, the
// filterbank floor and TF's initialization errors.
#include <cmath>
#include <complex>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using ::testing::Pointwise;
using testing::RunOp;

Tensor Bytes(std::string value) { return Tensor::Strings({}, {std::move(value)}); }

TEST(WavTest, EncodeThenDecodeRoundsToSixteenBits) {
  const std::vector<float> samples = {0.25f, -0.5f, 0.999f, -1.0f, 0.1f, 0.0f};
  auto encoded = RunOp("EncodeWav", {Floats({3, 2}, samples), Ints({}, {16000})}, "");
  ASSERT_TRUE(encoded.ok()) << encoded.status();
  const std::string wav = (*encoded)[0].strings()[0];
  EXPECT_EQ(wav.size(), 44u + 12u);
  EXPECT_EQ(wav.substr(0, 4), "RIFF");
  auto decoded = RunOp("DecodeWav", {Bytes(wav)}, "", 2);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ((*decoded)[0].shape(), Shape({3, 2}));
  std::vector<float> want;
  for (float s : samples) want.push_back(std::round(s * 32768) / 32768);
  EXPECT_THAT(FloatValues((*decoded)[0]), Pointwise(FloatNear(0), want));
  EXPECT_EQ(testing::IntValues((*decoded)[1])[0], 16000);
  // Extra channels repeat the last one; extra samples are zeros; fewer crop.
  auto wider = RunOp("DecodeWav", {Bytes(wav)},
                     "attr { key: 'desired_channels' value { i: 3 } } "
                     "attr { key: 'desired_samples' value { i: 4 } }",
                     2);
  ASSERT_TRUE(wider.ok()) << wider.status();
  const std::vector<float> w = FloatValues((*wider)[0]);
  ASSERT_EQ(w.size(), 12u);
  EXPECT_EQ(w[2], w[1]);
  EXPECT_EQ(w[9], 0.0f);
}

TEST(WavTest, HeaderErrorsAreTfs) {
  auto encoded = RunOp("EncodeWav", {Floats({1, 1}, {0.5f}), Ints({}, {8000})}, "");
  ASSERT_TRUE(encoded.ok());
  std::string wav = (*encoded)[0].strings()[0];
  std::string bad = wav;
  bad[34] = 8;  // 8 bits per sample
  auto eight = RunOp("DecodeWav", {Bytes(bad)}, "", 2);
  ASSERT_FALSE(eight.ok());
  EXPECT_THAT(std::string(eight.status().message()), HasSubstr("16-bit"));
  EXPECT_FALSE(RunOp("DecodeWav", {Bytes("RIFX")}, "", 2).ok());
  EXPECT_FALSE(RunOp("DecodeWav", {Bytes(wav.substr(0, 40))}, "", 2).ok());
  EXPECT_FALSE(RunOp("EncodeWav", {Floats({2}, {0, 0}), Ints({}, {8000})}, "").ok());
  EXPECT_FALSE(RunOp("EncodeWav", {Floats({1, 1}, {0}), Ints({}, {0})}, "").ok());
  EXPECT_FALSE(RunOp("EncodeWav", {Floats({1, 0}, {}), Ints({}, {8000})}, "").ok());
}

// |DFT|^2 of the periodic-Hann-windowed frame, zero padded to `fft`, by the definition.
std::vector<float> Reference(const std::vector<float>& x, int start, int window, int fft) {
  std::vector<float> power;
  for (int k = 0; k <= fft / 2; ++k) {
    std::complex<double> sum = 0;
    for (int n = 0; n < window; ++n) {
      const double hann = 0.5 - 0.5 * std::cos(2 * M_PI * n / window);
      sum += x[start + n] * hann * std::polar(1.0, -2 * M_PI * k * n / fft);
    }
    power.push_back(static_cast<float>(std::norm(sum)));
  }
  return power;
}

TEST(AudioSpectrogramTest, MatchesDirectDftOfWindowedFrames) {
  std::vector<float> x(40);
  for (int i = 0; i < 40; ++i) x[i] = std::sin(0.7 * i) + 0.3f * std::cos(2.1 * i);
  auto out = RunOp("AudioSpectrogram", {Floats({40, 1}, x)},
                   "attr { key: 'window_size' value { i: 12 } } "
                   "attr { key: 'stride' value { i: 10 } } "
                   "attr { key: 'magnitude_squared' value { b: true } }");
  ASSERT_TRUE(out.ok()) << out.status();
  // fft 16, 9 bins; windows at 0, 10, 20 (30 + 12 > 40).
  EXPECT_EQ((*out)[0].shape(), Shape({1, 3, 9}));
  std::vector<float> want;
  for (int start : {0, 10, 20}) {
    for (float p : Reference(x, start, 12, 16)) want.push_back(p);
  }
  EXPECT_THAT(FloatValues((*out)[0]), Pointwise(FloatNear(1e-4), want));
  auto magnitude = RunOp("AudioSpectrogram", {Floats({40, 1}, x)},
                         "attr { key: 'window_size' value { i: 12 } } "
                         "attr { key: 'stride' value { i: 10 } }");
  ASSERT_TRUE(magnitude.ok());
  EXPECT_NEAR(FloatValues((*magnitude)[0])[3], std::sqrt(want[3]), 1e-4);
  auto short_input = RunOp("AudioSpectrogram", {Floats({5, 2}, std::vector<float>(10, 1))},
                           "attr { key: 'window_size' value { i: 8 } } "
                           "attr { key: 'stride' value { i: 1 } }");
  ASSERT_TRUE(short_input.ok());
  EXPECT_EQ((*short_input)[0].shape(), Shape({2, 0, 5}));
  EXPECT_FALSE(RunOp("AudioSpectrogram", {Floats({5, 1}, {})},
                     "attr { key: 'window_size' value { i: 1 } } "
                     "attr { key: 'stride' value { i: 1 } }")
                   .ok());
}

TEST(MfccTest, ShapeFloorAndErrors) {
  // An all-zero spectrum floors every band at 1e-12: coefficient 0 is sqrt(2/40) * 40 ln 1e-12,
  // the others 0.
  auto out = RunOp(
      "Mfcc", {Floats({2, 3, 257}, std::vector<float>(2 * 3 * 257, 0)), Ints({}, {16000})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), Shape({2, 3, 13}));
  const std::vector<float> c = FloatValues((*out)[0]);
  EXPECT_NEAR(c[0], std::sqrt(2.0 / 40) * 40 * std::log(1e-12), 1e-3);
  for (int i = 1; i < 13; ++i) EXPECT_NEAR(c[i], 0, 1e-3) << i;
  EXPECT_FALSE(
      RunOp("Mfcc", {Floats({1, 1, 257}, std::vector<float>(257, 1)), Ints({}, {0})}, "").ok());
  EXPECT_FALSE(
      RunOp("Mfcc", {Floats({1, 257}, std::vector<float>(257, 1)), Ints({}, {16000})}, "").ok());
  EXPECT_FALSE(RunOp("Mfcc", {Floats({1, 1, 257}, std::vector<float>(257, 1)), Ints({}, {16000})},
                     "attr { key: 'dct_coefficient_count' value { i: 41 } }")
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime
