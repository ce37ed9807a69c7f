#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

std::vector<float> Iota(int n) {
  std::vector<float> values(n);
  for (int i = 0; i < n; ++i) values[i] = static_cast<float>(i);
  return values;
}

TEST(SliceTest, BoxMatchesLoop) {
  Tensor input = Floats({3, 4, 5}, Iota(60));
  Tensor out = RunOk("Slice", {input, Ints({3}, {1, 1, 2}), Ints({3}, {2, -1, 2})})[0];
  EXPECT_EQ(out.shape(), Shape({2, 3, 2}));
  std::vector<float> expected;
  for (int i = 1; i < 3; ++i)
    for (int j = 1; j < 4; ++j)
      for (int k = 2; k < 4; ++k) expected.push_back(i * 20 + j * 5 + k);
  EXPECT_THAT(FloatValues(out), ElementsAreArray(expected));
}

TEST(SliceTest, WholeInputIsForwarded) {
  Tensor input = Ints({2, 2}, {1, 2, 3, 4});
  Tensor out = RunOk("Slice", {input, Int64s({2}, {0, 0}), Int64s({2}, {-1, 2})})[0];
  EXPECT_EQ(out.raw_data(), input.raw_data());
}

TEST(SliceTest, EmptyAndStrings) {
  EXPECT_EQ(RunOk("Slice", {Floats({3}, {}), Ints({1}, {3}), Ints({1}, {0})})[0].shape(),
            Shape({0}));
  EXPECT_EQ(RunOk("Slice", {Floats({0, 2}, {}), Ints({2}, {0, 1}), Ints({2}, {0, 1})})[0].shape(),
            Shape({0, 1}));
  Tensor out =
      RunOk("Slice", {Tensor::Strings({3}, {"a", "b", "c"}), Ints({1}, {1}), Ints({1}, {2})})[0];
  EXPECT_THAT(out.strings(), ElementsAre("b", "c"));
}

TEST(SliceTest, Errors) {
  Tensor input = Floats({3}, {});
  EXPECT_THAT(RunError("Slice", {input, Ints({1}, {4}), Ints({1}, {0})}),
              HasSubstr("Expected begin[0] in [0, 3], but got 4"));
  EXPECT_THAT(RunError("Slice", {input, Ints({1}, {1}), Ints({1}, {3})}),
              HasSubstr("Expected size[0] in [0, 2], but got 3"));
  EXPECT_THAT(RunError("Slice", {input, Ints({2}, {0, 0}), Ints({2}, {1, 1})}),
              HasSubstr("Expected begin and size arguments to be 1-D tensors of size 1"));
  EXPECT_THAT(RunError("Slice", {Floats({0}, {}), Ints({1}, {1}), Ints({1}, {0})}),
              HasSubstr("when input.dim_size(0) == 0"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
