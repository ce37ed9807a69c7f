// Tests for the multi-dimensional FFT ops (spectral.cc): 2-D transforms are 1-D transforms along
// each axis, RFFT2D / IRFFT2D invert each other with cropping and padding, FFTND on given axes.
#include <cmath>
#include <complex>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using testing::Ints;
using ::testing::Pointwise;
using testing::RunOp;

using C = std::complex<double>;

Tensor Complex64(Shape shape, const std::vector<C>& values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_COMPLEX64, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) {
    tensor.mutable_data<float>()[2 * i] = static_cast<float>(values[i].real());
    tensor.mutable_data<float>()[2 * i + 1] = static_cast<float>(values[i].imag());
  }
  return tensor;
}

std::vector<C> Values(const Tensor& tensor) {
  std::vector<C> values(tensor.num_elements());
  for (size_t i = 0; i < values.size(); ++i) {
    values[i] = {tensor.data<float>()[2 * i], tensor.data<float>()[2 * i + 1]};
  }
  return values;
}

// The DFT of a rows x cols matrix by its definition.
std::vector<C> Dft2(const std::vector<C>& x, int rows, int cols) {
  std::vector<C> out(rows * cols);
  for (int u = 0; u < rows; ++u) {
    for (int v = 0; v < cols; ++v) {
      C sum = 0;
      for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
          sum += x[r * cols + c] *
                 std::polar(1.0, -2 * M_PI * (double(u * r) / rows + double(v * c) / cols));
        }
      }
      out[u * cols + v] = sum;
    }
  }
  return out;
}

TEST(SpectralNdTest, Fft2DIsTheTwoDimensionalDft) {
  std::vector<C> x(3 * 5);
  for (size_t i = 0; i < x.size(); ++i) x[i] = C(std::sin(i + 1.0), std::cos(2.0 * i));
  auto out = RunOp("FFT2D", {Complex64({3, 5}, x)}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<C> want = Dft2(x, 3, 5), got = Values((*out)[0]);
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(std::abs(got[i] - want[i]), 0, 1e-4) << i;
  // IFFT2D brings it back.
  auto back = RunOp("IFFT2D", {(*out)[0]}, "");
  ASSERT_TRUE(back.ok()) << back.status();
  const std::vector<C> round = Values((*back)[0]);
  for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(std::abs(round[i] - x[i]), 0, 1e-5) << i;
}

TEST(SpectralNdTest, Rfft2DCropsAndIrfft2DInverts) {
  // A 3x5 real input cropped to 2x4: the half spectrum is [2, 3].
  std::vector<float> x(15);
  for (int i = 0; i < 15; ++i) x[i] = std::sin(0.7f * i);
  auto spectrum = RunOp("RFFT2D", {Floats({3, 5}, x), Ints({2}, {2, 4})}, "");
  ASSERT_TRUE(spectrum.ok()) << spectrum.status();
  EXPECT_EQ(ShapeString((*spectrum)[0].shape()), "[2,3]");
  auto back = RunOp("IRFFT2D", {(*spectrum)[0], Ints({2}, {2, 4})}, "");
  ASSERT_TRUE(back.ok()) << back.status();
  const std::vector<float> cropped = {x[0], x[1], x[2], x[3], x[5], x[6], x[7], x[8]};
  EXPECT_THAT(FloatValues((*back)[0]), Pointwise(FloatNear(1e-5), cropped));
  EXPECT_FALSE(RunOp("RFFT2D", {Floats({3, 5}, x), Ints({1}, {4})}, "").ok());
}

TEST(SpectralNdTest, FftNdOnGivenAxesAndNegativeAxes) {
  std::vector<C> x(2 * 3);
  for (size_t i = 0; i < x.size(); ++i) x[i] = C(i + 1.0, 0);
  // Axes {-1, 0} cover both dims: the 2-D DFT.
  auto out = RunOp("FFTND", {Complex64({2, 3}, x), Ints({2}, {3, 2}), Ints({2}, {-1, 0})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<C> want = Dft2(x, 2, 3), got = Values((*out)[0]);
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(std::abs(got[i] - want[i]), 0, 1e-4) << i;
  EXPECT_FALSE(RunOp("FFTND", {Complex64({2, 3}, x), Ints({1}, {3}), Ints({1}, {2})}, "").ok());
}

}  // namespace
}  // namespace tfjs::runtime
