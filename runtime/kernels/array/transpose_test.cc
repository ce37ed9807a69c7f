#include <array>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

std::vector<float> Iota(int64_t n) {
  std::vector<float> values(n);
  for (int64_t i = 0; i < n; ++i) values[i] = static_cast<float>(i);
  return values;
}

// out[n][c][h][w] = in[n][h][w][c], by loop.
std::vector<float> NhwcToNchw(const std::vector<float>& in, int n, int h, int w, int c) {
  std::vector<float> out(in.size());
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < c; ++b)
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
          out[((a * c + b) * h + y) * w + x] = in[((a * h + y) * w + x) * c + b];
  return out;
}

TEST(TransposeTest, Matrix) {
  Tensor out = RunOk("Transpose", {Floats({2, 3}, {0, 1, 2, 3, 4, 5}), Ints({2}, {1, 0})})[0];
  EXPECT_EQ(out.shape(), Shape({3, 2}));
  EXPECT_THAT(FloatValues(out), ElementsAre(0, 3, 1, 4, 2, 5));
}

TEST(TransposeTest, NhwcToNchwSmallAndLargeMultithreaded) {
  for (auto [n, h, w, c] : {std::array<int, 4>{1, 2, 3, 4}, std::array<int, 4>{2, 37, 41, 19}}) {
    const std::vector<float> input = Iota(int64_t{n} * h * w * c);
    for (int threads : {1, 2}) {
      auto out = RunOp("Transpose", {Floats({n, h, w, c}, input), Ints({4}, {0, 3, 1, 2})}, "", 1,
                       {}, threads);
      ASSERT_TRUE(out.ok()) << out.status();
      EXPECT_EQ((*out)[0].shape(), Shape({n, c, h, w}));
      EXPECT_THAT(FloatValues((*out)[0]), ElementsAreArray(NhwcToNchw(input, n, h, w, c)));
    }
  }
}

TEST(TransposeTest, NchwToNhwcRoundTrips) {
  const std::vector<float> input = Iota(2 * 5 * 6 * 7);
  Tensor nchw = RunOk("Transpose", {Floats({2, 5, 6, 7}, input), Ints({4}, {0, 3, 1, 2})})[0];
  Tensor back = RunOk("Transpose", {nchw, Int64s({4}, {0, 2, 3, 1})})[0];
  EXPECT_EQ(back.shape(), Shape({2, 5, 6, 7}));
  EXPECT_THAT(FloatValues(back), ElementsAreArray(input));
}

TEST(TransposeTest, MovingSizeOneDimsIsAReshape) {
  Tensor input = Floats({1, 3, 1, 2}, Iota(6));
  Tensor out = RunOk("Transpose", {input, Ints({4}, {2, 1, 0, 3})})[0];
  EXPECT_EQ(out.raw_data(), input.raw_data());
  EXPECT_EQ(out.shape(), Shape({1, 3, 1, 2}));
}

TEST(TransposeTest, StringsBoolsScalarsAndEmpty) {
  Tensor strings =
      RunOk("Transpose", {Tensor::Strings({2, 2}, {"a", "b", "c", "d"}), Ints({2}, {1, 0})})[0];
  EXPECT_THAT(strings.strings(), ElementsAre("a", "c", "b", "d"));
  Tensor bools =
      RunOk("Transpose", {Bools({1, 2, 2}, {true, false, false, false}), Ints({3}, {2, 1, 0})})[0];
  EXPECT_THAT(BoolValues(bools), ElementsAre(true, false, false, false));
  EXPECT_EQ(RunOk("Transpose", {Floats({}, {1}), Ints({0}, {})})[0].shape(), Shape({}));
  EXPECT_EQ(RunOk("Transpose", {Floats({0, 3}, {}), Ints({2}, {1, 0})})[0].shape(), Shape({3, 0}));
}

TEST(TransposeTest, Int64Elements) {
  Tensor out = RunOk("Transpose", {Int64s({2, 2}, {1, 2, 3, 4}), Ints({2}, {1, 0})})[0];
  EXPECT_THAT(Values<int64_t>(out), ElementsAre(1, 3, 2, 4));
}

TEST(TransposeTest, Errors) {
  Tensor input = Floats({2, 3}, {});
  EXPECT_THAT(
      RunError("Transpose", {input, Ints({1}, {0})}),
      HasSubstr("transpose expects a vector of size 2. But input(1) is a vector of size 1"));
  EXPECT_THAT(RunError("Transpose", {input, Ints({2}, {0, 2})}),
              HasSubstr("2 is out of range [0 .. 2)"));
  EXPECT_THAT(RunError("Transpose", {input, Ints({2}, {0, 0})}),
              HasSubstr("1 is missing from {0,0}."));
}

}  // namespace
}  // namespace tfjs::runtime::testing
