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

TEST(GatherV2Test, MiddleAxisMatchesLoop) {
  // params [2, 3, 4], indices [2, 2] along axis 1 -> [2, 2, 2, 4].
  const std::vector<int32_t> indices = {2, 0, 1, 1};
  Tensor out =
      RunOk("GatherV2", {Floats({2, 3, 4}, Iota(24)), Ints({2, 2}, indices), Int32Scalar(-2)})[0];
  EXPECT_EQ(out.shape(), Shape({2, 2, 2, 4}));
  std::vector<float> expected;
  for (int a = 0; a < 2; ++a)
    for (int32_t index : indices)
      for (int c = 0; c < 4; ++c) expected.push_back(a * 12 + index * 4 + c);
  EXPECT_THAT(FloatValues(out), ElementsAreArray(expected));
}

TEST(GatherV2Test, BatchDims) {
  // params [2, 3], indices [2, 2], batch_dims 1, axis 1: out[b][n] = params[b][indices[b][n]].
  Tensor out =
      RunOk("GatherV2", {Floats({2, 3}, Iota(6)), Int64s({2, 2}, {2, 0, 1, 1}), Int32Scalar(1)},
            IntAttr("batch_dims", -1))[0];
  EXPECT_EQ(out.shape(), Shape({2, 2}));
  EXPECT_THAT(FloatValues(out), ElementsAre(2, 0, 4, 4));
}

TEST(GatherV2Test, ScalarIndexStringsAndEmpty) {
  Tensor row =
      RunOk("GatherV2", {Ints({3, 2}, {1, 2, 3, 4, 5, 6}), Int32Scalar(1), Int32Scalar(0)})[0];
  EXPECT_EQ(row.shape(), Shape({2}));
  EXPECT_THAT(IntValues(row), ElementsAre(3, 4));
  Tensor strings = RunOk(
      "GatherV2", {Tensor::Strings({3}, {"a", "b", "c"}), Ints({2}, {2, 2}), Int32Scalar(0)})[0];
  EXPECT_THAT(strings.strings(), ElementsAre("c", "c"));
  EXPECT_EQ(RunOk("GatherV2", {Floats({0, 2}, {}), Ints({0}, {}), Int32Scalar(0)})[0].shape(),
            Shape({0, 2}));
}

TEST(GatherV2Test, Errors) {
  Tensor params = Floats({2, 3}, Iota(6));
  EXPECT_THAT(RunError("GatherV2", {params, Ints({2, 2}, {0, 1, 3, 0}), Int32Scalar(1)}),
              HasSubstr("indices[1,0] = 3 is not in [0, 3)"));
  EXPECT_THAT(RunError("GatherV2", {params, Ints({1}, {-1}), Int32Scalar(0)}),
              HasSubstr("indices[0] = -1 is not in [0, 2)"));
  EXPECT_THAT(RunError("GatherV2", {params, Ints({1}, {0}), Int32Scalar(2)}),
              HasSubstr("Expected axis in the range [-2, 2), but got 2"));
  EXPECT_THAT(RunError("GatherV2", {params, Ints({3}, {0, 0, 0}), Int32Scalar(1)},
                       IntAttr("batch_dims", 1)),
              HasSubstr("params.shape[0]: 2 should be equal to indices.shape[0]: 3"));
  EXPECT_THAT(RunError("GatherV2", {params, Ints({2, 1}, {0, 0}), Int32Scalar(0)},
                       IntAttr("batch_dims", 1)),
              HasSubstr("batch_dims (1) must be less than or equal to axis (0)."));
  EXPECT_THAT(RunError("GatherV2", {params, Floats({1}, {0}), Int32Scalar(0)}),
              HasSubstr("indices must be int32 or int64"));
}

TEST(GatherTest, AxisZero) {
  Tensor out = RunOk("Gather", {Floats({3, 2}, Iota(6)), Ints({2}, {2, 0})})[0];
  EXPECT_THAT(FloatValues(out), ElementsAre(4, 5, 0, 1));
}

TEST(GatherNdTest, ElementsAndSlices) {
  Tensor params = Floats({2, 3, 2}, Iota(12));
  Tensor elements = RunOk("GatherNd", {params, Ints({2, 3}, {1, 2, 1, 0, 0, 0})})[0];
  EXPECT_EQ(elements.shape(), Shape({2}));
  EXPECT_THAT(FloatValues(elements), ElementsAre(11, 0));
  Tensor rows = RunOk("GatherNd", {params, Int64s({1, 2, 2}, {0, 1, 1, 2})})[0];
  EXPECT_EQ(rows.shape(), Shape({1, 2, 2}));
  EXPECT_THAT(FloatValues(rows), ElementsAre(2, 3, 10, 11));
  Tensor whole = RunOk("GatherNd", {params, Ints({2, 0}, {})})[0];
  EXPECT_EQ(whole.shape(), Shape({2, 2, 3, 2}));
  EXPECT_EQ(FloatValues(whole)[12 + 5], 5.f);
}

TEST(GatherNdTest, Errors) {
  Tensor params = Floats({2, 3}, Iota(6));
  EXPECT_THAT(RunError("GatherNd", {params, Ints({2, 2}, {0, 0, 1, 3})}),
              HasSubstr("indices[1] = [1, 3] does not index into param shape [2,3]"));
  EXPECT_THAT(RunError("GatherNd", {params, Ints({1, 3}, {0, 0, 0})}),
              HasSubstr("index innermost dimension length must be <= params rank; saw: 3 vs. 2"));
  EXPECT_THAT(RunError("GatherNd", {params, Ints({}, {0})}),
              HasSubstr("indices must be at least a vector"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
