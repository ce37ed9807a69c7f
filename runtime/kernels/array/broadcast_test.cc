#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

TEST(TileTest, MatchesLoop) {
  const std::vector<float> input = {1, 2, 3, 4, 5, 6};  // [2, 3]
  Tensor out = RunOk("Tile", {Floats({2, 3}, input), Ints({2}, {2, 3})})[0];
  EXPECT_EQ(out.shape(), Shape({4, 9}));
  std::vector<float> expected;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 9; ++j) expected.push_back(input[(i % 2) * 3 + j % 3]);
  EXPECT_THAT(FloatValues(out), ElementsAreArray(expected));
}

TEST(TileTest, ZeroMultipleScalarAndStrings) {
  EXPECT_EQ(RunOk("Tile", {Floats({2}, {1, 2}), Int64s({1}, {0})})[0].shape(), Shape({0}));
  EXPECT_EQ(RunOk("Tile", {Floats({}, {1}), Ints({0}, {})})[0].shape(), Shape({}));
  Tensor strings = RunOk("Tile", {Tensor::Strings({2}, {"a", "b"}), Ints({1}, {2})})[0];
  EXPECT_THAT(strings.strings(), ElementsAre("a", "b", "a", "b"));
}

TEST(TileTest, Errors) {
  EXPECT_THAT(RunError("Tile", {Floats({2}, {}), Ints({2}, {1, 1})}),
              HasSubstr("Expected multiples argument to be a vector of length 1 but got length 2"));
  EXPECT_THAT(RunError("Tile", {Floats({2}, {}), Ints({1}, {-1})}),
              HasSubstr("Expected multiples[0] >= 0, but got -1"));
}

TEST(BroadcastToTest, MatchesLoop) {
  Tensor out = RunOk("BroadcastTo", {Ints({3, 1}, {1, 2, 3}), Ints({3}, {2, 3, 2})})[0];
  EXPECT_EQ(out.shape(), Shape({2, 3, 2}));
  EXPECT_THAT(IntValues(out), ElementsAre(1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3));
  Tensor scalar = RunOk("BroadcastTo", {Floats({}, {7}), Int64s({2}, {2, 2})})[0];
  EXPECT_THAT(FloatValues(scalar), ElementsAre(7, 7, 7, 7));
  EXPECT_EQ(RunOk("BroadcastTo", {Floats({1}, {7}), Ints({2}, {3, 0})})[0].shape(), Shape({3, 0}));
}

TEST(BroadcastToTest, Errors) {
  EXPECT_THAT(RunError("BroadcastTo", {Floats({2}, {}), Ints({1}, {3})}),
              HasSubstr("Unable to broadcast tensor of shape [2] to tensor of shape [3]"));
  EXPECT_THAT(RunError("BroadcastTo", {Floats({2, 2}, {}), Ints({1}, {2})}),
              HasSubstr("Unable to broadcast"));
}

TEST(BroadcastArgsTest, Shapes) {
  Tensor out = RunOk("BroadcastArgs", {Ints({2}, {3, 1}), Ints({3}, {2, 1, 4})})[0];
  EXPECT_THAT(IntValues(out), ElementsAre(2, 3, 4));
  Tensor zero = RunOk("BroadcastArgs", {Int64s({1}, {0}), Int64s({0}, {})})[0];
  EXPECT_THAT(Values<int64_t>(zero), ElementsAre(0));
  EXPECT_THAT(RunError("BroadcastArgs", {Ints({1}, {2}), Ints({1}, {3})}),
              HasSubstr("Incompatible shapes: [2] vs. [3]"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
