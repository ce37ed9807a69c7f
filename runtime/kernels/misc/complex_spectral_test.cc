// Tests for Complex, Real, Imag, ComplexAbs and FFT, IFFT, RFFT, IRFFT.
#include <cmath>
#include <complex>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/misc/fft.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::FloatValues;
using testing::Floats;
using testing::Ints;
using testing::RunOp;

constexpr double kPi = 3.14159265358979323846;

Tensor Complex64(Shape shape, const std::vector<std::complex<float>>& values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_COMPLEX64, std::move(shape));
  float* pairs = tensor.mutable_data<float>();
  for (size_t i = 0; i < values.size(); ++i) {
    pairs[2 * i] = values[i].real();
    pairs[2 * i + 1] = values[i].imag();
  }
  return tensor;
}

std::vector<float> Pairs(const Tensor& tensor) {
  const float* data = tensor.data<float>();
  return std::vector<float>(data, data + 2 * tensor.num_elements());
}

// The textbook O(n^2) DFT as interleaved pairs.
std::vector<float> DirectDft(const std::vector<std::complex<double>>& x, bool inverse) {
  const size_t n = x.size();
  std::vector<float> pairs;
  for (size_t k = 0; k < n; ++k) {
    std::complex<double> sum = 0;
    for (size_t j = 0; j < n; ++j) {
      sum += x[j] * std::polar(1.0, (inverse ? 2 : -2) * kPi * double(j * k) / double(n));
    }
    if (inverse) sum /= double(n);
    pairs.push_back(static_cast<float>(sum.real()));
    pairs.push_back(static_cast<float>(sum.imag()));
  }
  return pairs;
}

TEST(ComplexTest, BuildsAndSplits) {
  auto built = RunOp("Complex", {Floats({2}, {3, -1}), Floats({}, {4})}, "");
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ((*built)[0].dtype(), tensorflow::DT_COMPLEX64);
  EXPECT_THAT(Pairs((*built)[0]), ElementsAre(3, 4, -1, 4));
  auto real = RunOp("Real", {(*built)[0]}, "");
  auto imag = RunOp("Imag", {(*built)[0]}, "");
  auto abs = RunOp("ComplexAbs", {(*built)[0]}, "");
  ASSERT_TRUE(real.ok() && imag.ok() && abs.ok()) << real.status();
  EXPECT_THAT(FloatValues((*real)[0]), ElementsAre(3, -1));
  EXPECT_THAT(FloatValues((*imag)[0]), ElementsAre(4, 4));
  EXPECT_THAT(FloatValues((*abs)[0]), Pointwise(FloatNear(1e-6), {5.f, std::sqrt(17.f)}));
  EXPECT_FALSE(RunOp("Real", {Floats({1}, {1})}, "").ok());
  EXPECT_FALSE(RunOp("Complex", {Floats({1}, {1}), Ints({1}, {1})}, "").ok());
}

TEST(FftTest, PowerOfTwoMatchesHandValues) {
  auto out = RunOp("FFT", {Complex64({4}, {1, 2, 3, 4})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Pairs((*out)[0]), Pointwise(FloatNear(1e-5), {10, 0, -2, 2, -2, 0, -2, -2}));
}

TEST(FftTest, AnyLengthMatchesDirectDft) {
  for (int n : {1, 3, 5, 6, 7, 12, 17}) {
    std::vector<std::complex<float>> x;
    std::vector<std::complex<double>> wide;
    for (int i = 0; i < n; ++i) {
      x.emplace_back(std::sin(1.0f + i), std::cos(0.5f * i));
      wide.emplace_back(x.back());
    }
    // Two batch rows of the same signal.
    std::vector<std::complex<float>> batch = x;
    batch.insert(batch.end(), x.begin(), x.end());
    for (bool inverse : {false, true}) {
      auto out = RunOp(inverse ? "IFFT" : "FFT", {Complex64({2, n}, batch)}, "");
      ASSERT_TRUE(out.ok()) << out.status();
      std::vector<float> expected = DirectDft(wide, inverse);
      expected.insert(expected.end(), expected.begin(), expected.end());
      EXPECT_THAT(Pairs((*out)[0]), Pointwise(FloatNear(2e-5 * n), expected)) << n;
    }
  }
}

TEST(FftTest, RfftCropsPadsAndIrfftInverts) {
  const std::vector<float> signal = {1, 2, 3, 4, 5};
  for (int n : {3, 5, 8}) {
    auto out = RunOp("RFFT", {Floats({5}, signal), Ints({1}, {n})}, "");
    ASSERT_TRUE(out.ok()) << out.status();
    std::vector<std::complex<double>> padded(n);
    for (int i = 0; i < n && i < 5; ++i) padded[i] = signal[i];
    std::vector<float> expected = DirectDft(padded, false);
    expected.resize(2 * (n / 2 + 1));
    EXPECT_EQ((*out)[0].shape(), Shape({n / 2 + 1}));
    EXPECT_THAT(Pairs((*out)[0]), Pointwise(FloatNear(1e-4), expected)) << n;
    auto back = RunOp("IRFFT", {(*out)[0], Ints({1}, {n})}, "");
    ASSERT_TRUE(back.ok()) << back.status();
    std::vector<float> original(padded.size());
    for (int i = 0; i < n; ++i) original[i] = static_cast<float>(padded[i].real());
    EXPECT_THAT(FloatValues((*back)[0]), Pointwise(FloatNear(1e-4), original)) << n;
  }
}

TEST(FftTest, IrfftIgnoresImaginaryDcAndNyquist) {
  // [4, 0, 0] for n = 4 ... with imaginary DC and Nyquist parts, which c2r drops.
  auto out = RunOp("IRFFT", {Complex64({3}, {{4, 7}, {0, 0}, {0, 9}}), Ints({1}, {4})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), Pointwise(FloatNear(1e-6), {1.f, 1.f, 1.f, 1.f}));
  EXPECT_FALSE(RunOp("IRFFT", {Floats({2}, {1, 2}), Ints({1}, {2})}, "").ok());
  EXPECT_FALSE(RunOp("RFFT", {Floats({2}, {1, 2}), Ints({2}, {2, 2})}, "").ok());
}

}  // namespace
}  // namespace tfjs::runtime
