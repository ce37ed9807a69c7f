#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ScatterNdTest, ElementsWithDuplicatesAdded) {
  Tensor out = RunOk("ScatterNd",
                     {Ints({4, 1}, {4, 3, 1, 4}), Floats({4}, {9, 10, 11, 12}), Ints({1}, {8})})[0];
  EXPECT_THAT(FloatValues(out), ElementsAre(0, 11, 0, 10, 21, 0, 0, 0));
}

TEST(ScatterNdTest, SlicesInt64Indices) {
  Tensor out = RunOk("ScatterNd",
                     {Int64s({2, 1}, {2, 0}), Ints({2, 2}, {1, 2, 3, 4}), Int64s({2}, {3, 2})})[0];
  EXPECT_EQ(out.shape(), Shape({3, 2}));
  EXPECT_THAT(IntValues(out), ElementsAre(3, 4, 0, 0, 1, 2));
}

// TF's ScatterNd adds with +=: on bools that is a logical or, on strings a concatenation in the
// order of the updates.
TEST(ScatterNdTest, BoolDuplicatesOr) {
  Tensor out = RunOk("ScatterNd", {Ints({4, 1}, {0, 0, 2, 2}),
                                   Bools({4}, {true, false, false, false}), Ints({1}, {3})})[0];
  EXPECT_THAT(BoolValues(out), ElementsAre(true, false, false));
}

TEST(ScatterNdTest, StringDuplicatesConcatenateInOrder) {
  Tensor out = RunOk("ScatterNd", {Ints({3, 1}, {1, 0, 1}),
                                   Tensor::Strings({3}, {"ab", "x", "c"}), Ints({1}, {3})})[0];
  EXPECT_THAT(out.strings(), ElementsAre("x", "abc", ""));
}

TEST(ScatterNdTest, EmptyIndices) {
  Tensor out = RunOk("ScatterNd", {Ints({0, 1}, {}), Floats({0}, {}), Ints({1}, {2})})[0];
  EXPECT_THAT(FloatValues(out), ElementsAre(0, 0));
}

TEST(ScatterNdTest, Errors) {
  EXPECT_THAT(RunError("ScatterNd", {Ints({1, 1}, {5}), Floats({1}, {1}), Ints({1}, {3})}),
              HasSubstr("indices[0] = [5] does not index into shape [3]"));
  EXPECT_THAT(RunError("ScatterNd", {Ints({1, 1}, {-1}), Floats({1}, {1}), Ints({1}, {3})}),
              HasSubstr("does not index into shape"));
  EXPECT_THAT(RunError("ScatterNd", {Ints({2, 1}, {0, 1}), Floats({3}, {}), Ints({1}, {3})}),
              HasSubstr("updates must have shape [2]"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
