#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/math/reduction_shape.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::Bools;
using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::MakeTensor;
using ::testing::Pointwise;
using testing::RunOp;

const char kKeepDims[] = R"(attr { key: "keep_dims" value { b: true } })";

Tensor ReduceOk(const std::string& op, const Tensor& x, const Tensor& axes,
                const std::string& attrs = "", int num_threads = 1) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, {x, axes}, attrs, 1, {}, num_threads);
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0] : Tensor();
}

std::string ReduceError(const std::string& op, const Tensor& x, const Tensor& axes) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, {x, axes}, "");
  EXPECT_FALSE(outputs.ok());
  return std::string(outputs.status().message());
}

// [2,3] = {{1,2,3},{4,5,6}}.
const Tensor kMatrix = Floats({2, 3}, {1, 2, 3, 4, 5, 6});

TEST(ReduceTest, SumOverEachAxisAndAll) {
  Tensor rows = ReduceOk("Sum", kMatrix, Ints({1}, {1}));
  EXPECT_THAT(rows.shape(), ElementsAre(2));
  EXPECT_THAT(FloatValues(rows), ElementsAre(6, 15));
  EXPECT_THAT(FloatValues(ReduceOk("Sum", kMatrix, Ints({}, {0}))), ElementsAre(5, 7, 9));
  Tensor all = ReduceOk("Sum", kMatrix, Ints({2}, {0, 1}));
  EXPECT_TRUE(all.shape().empty());
  EXPECT_THAT(FloatValues(all), ElementsAre(21));
}

TEST(ReduceTest, NegativeAxesAndKeepDims) {
  Tensor out = ReduceOk("Mean", kMatrix, Ints({1}, {-1}), kKeepDims);
  EXPECT_THAT(out.shape(), ElementsAre(2, 1));
  EXPECT_THAT(FloatValues(out), ElementsAre(2, 5));
  Tensor int64_axis =
      ReduceOk("Max", kMatrix, MakeTensor<int64_t>(tensorflow::DT_INT64, {1}, {-2}), kKeepDims);
  EXPECT_THAT(int64_axis.shape(), ElementsAre(1, 3));
  EXPECT_THAT(FloatValues(int64_axis), ElementsAre(4, 5, 6));
}

TEST(ReduceTest, EveryReductionAgainstLoopsOnRank4) {
  // x[a][b][c][d] over [2,3,4,5]; reduce axes {0, 2} (two separate groups) and {1, 2, 3}.
  std::vector<float> x(120);
  for (int i = 0; i < 120; ++i) x[i] = static_cast<float>((i * 37) % 23) - 11.f;
  Tensor input = Floats({2, 3, 4, 5}, x);
  auto at = [&](int a, int b, int c, int d) { return x[((a * 3 + b) * 4 + c) * 5 + d]; };
  std::vector<float> sum(15, 0), max(15, -1e9f), min(15, 1e9f), prod(15, 1);
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 3; ++b)
      for (int c = 0; c < 4; ++c)
        for (int d = 0; d < 5; ++d) {
          const float v = at(a, b, c, d);
          sum[b * 5 + d] += v;
          max[b * 5 + d] = std::max(max[b * 5 + d], v);
          min[b * 5 + d] = std::min(min[b * 5 + d], v);
          prod[b * 5 + d] *= v;
        }
  std::vector<float> mean(15);
  for (int i = 0; i < 15; ++i) mean[i] = sum[i] / 8;
  const Tensor axes = Ints({2}, {2, 0});
  EXPECT_THAT(FloatValues(ReduceOk("Sum", input, axes)), Pointwise(FloatNear(1e-4f), sum));
  EXPECT_THAT(FloatValues(ReduceOk("Mean", input, axes)), Pointwise(FloatNear(1e-5f), mean));
  EXPECT_THAT(FloatValues(ReduceOk("Max", input, axes)), Pointwise(FloatNear(0), max));
  EXPECT_THAT(FloatValues(ReduceOk("Min", input, axes)), Pointwise(FloatNear(0), min));
  EXPECT_THAT(FloatValues(ReduceOk("Prod", input, axes)), Pointwise(FloatNear(1e-2f), prod));
  Tensor kept = ReduceOk("Sum", input, axes, kKeepDims);
  EXPECT_THAT(kept.shape(), ElementsAre(1, 3, 1, 5));

  std::vector<float> per_batch(2, 0);
  for (int i = 0; i < 120; ++i) per_batch[i / 60] += x[i];
  EXPECT_THAT(FloatValues(ReduceOk("Sum", input, Ints({3}, {1, 2, 3}))),
              Pointwise(FloatNear(1e-4f), per_batch));
}

TEST(ReduceTest, LargeReductionsOnTwoThreads) {
  const int rows = 64, columns = 4099;
  std::vector<float> x(rows * columns);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i % 7);
  Tensor input = Floats({rows, columns}, x);
  std::vector<float> row_sums(rows, 0), column_sums(columns, 0);
  double total = 0;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < columns; ++c) {
      row_sums[r] += x[r * columns + c];
      column_sums[c] += x[r * columns + c];
      total += x[r * columns + c];
    }
  EXPECT_THAT(FloatValues(ReduceOk("Sum", input, Ints({}, {1}), "", 2)),
              Pointwise(FloatNear(0), row_sums));
  EXPECT_THAT(FloatValues(ReduceOk("Sum", input, Ints({}, {0}), "", 2)),
              Pointwise(FloatNear(0), column_sums));
  EXPECT_THAT(FloatValues(ReduceOk("Sum", input, Ints({2}, {0, 1}), "", 2)),
              ElementsAre(static_cast<float>(total)));
}

TEST(ReduceTest, IntegersWrapAndMeanTruncates) {
  Tensor x = Ints({2, 2}, {7, 2, -7, 2});
  EXPECT_THAT(IntValues(ReduceOk("Mean", x, Ints({1}, {1}))), ElementsAre(4, -2));
  EXPECT_THAT(IntValues(ReduceOk("Prod", x, Ints({1}, {0}))), ElementsAre(-49, 4));
  EXPECT_THAT(IntValues(ReduceOk("Min", x, Ints({0}, {}))), ElementsAre(7, 2, -7, 2));
}

TEST(ReduceTest, AllAndAny) {
  Tensor x = Bools({2, 2}, {true, false, true, true});
  EXPECT_THAT(ReduceOk("All", x, Ints({1}, {1})).values<bool>(), ElementsAre(false, true));
  EXPECT_THAT(ReduceOk("Any", x, Ints({1}, {0})).values<bool>(), ElementsAre(true, true));
  EXPECT_THAT(ReduceError("All", kMatrix, Ints({1}, {0})), HasSubstr("has dtype float32"));
  EXPECT_THAT(ReduceError("Sum", x, Ints({1}, {0})), HasSubstr("has dtype bool"));
}

TEST(ReduceTest, EmptyAxesAndSizeOneAxesKeepValues) {
  Tensor empty_axes = ReduceOk("Sum", kMatrix, Ints({0}, {}));
  EXPECT_THAT(empty_axes.shape(), ElementsAre(2, 3));
  EXPECT_THAT(FloatValues(empty_axes), ElementsAre(1, 2, 3, 4, 5, 6));
  Tensor size_one = ReduceOk("Mean", Floats({2, 1}, {3, 4}), Ints({1}, {1}));
  EXPECT_THAT(size_one.shape(), ElementsAre(2));
  EXPECT_THAT(FloatValues(size_one), ElementsAre(3, 4));
}

TEST(ReduceTest, ZeroSizeReductionsGiveIdentities) {
  const Tensor empty = Floats({0, 2}, {});
  const Tensor axis0 = Ints({1}, {0});
  EXPECT_THAT(FloatValues(ReduceOk("Sum", empty, axis0)), ElementsAre(0, 0));
  EXPECT_THAT(FloatValues(ReduceOk("Prod", empty, axis0)), ElementsAre(1, 1));
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_THAT(FloatValues(ReduceOk("Max", empty, axis0)), ElementsAre(-inf, -inf));
  EXPECT_THAT(FloatValues(ReduceOk("Min", empty, axis0)), ElementsAre(inf, inf));
  EXPECT_TRUE(std::isnan(FloatValues(ReduceOk("Mean", empty, axis0))[0]));
  EXPECT_THAT(IntValues(ReduceOk("Max", Ints({0}, {}), axis0)),
              ElementsAre(std::numeric_limits<int32_t>::min()));
  EXPECT_THAT(ReduceOk("All", Bools({0}, {}), axis0).values<bool>(), ElementsAre(true));
  EXPECT_THAT(ReduceOk("Any", Bools({0}, {}), axis0).values<bool>(), ElementsAre(false));
  // Reducing the non-empty axis of an empty tensor gives an empty output.
  EXPECT_THAT(ReduceOk("Sum", empty, Ints({1}, {1})).shape(), ElementsAre(0));
}

TEST(ReduceTest, MaxPropagatesNaN) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(std::isnan(FloatValues(ReduceOk("Max", Floats({3}, {1, nan, 2}), Ints({}, {0})))[0]));
  EXPECT_TRUE(std::isnan(FloatValues(ReduceOk("Min", Floats({3}, {1, nan, 2}), Ints({}, {0})))[0]));
}

TEST(ReduceTest, AxisErrors) {
  EXPECT_THAT(ReduceError("Sum", kMatrix, Ints({1}, {2})),
              HasSubstr("Invalid reduction dimension (2 for input with 2 dimension(s)"));
  EXPECT_THAT(ReduceError("Sum", kMatrix, Ints({1}, {-3})),
              HasSubstr("Invalid reduction dimension (-3"));
  EXPECT_THAT(ReduceError("Sum", kMatrix, Ints({2}, {1, -1})),
              HasSubstr("Axes contains duplicate dimension: 1"));
  EXPECT_THAT(ReduceError("Sum", kMatrix, Floats({1}, {0})), HasSubstr("int32 or int64"));
  EXPECT_THAT(ReduceError("Sum", kMatrix, Ints({1, 1}, {0})), HasSubstr("scalar or 1-D"));
}

TEST(ReductionShapeTest, MergesGroupsAndOrdersStepsInnermostFirst) {
  math::ReductionShape shape = math::MakeReductionShape({2, 3, 1, 4, 5}, {0, 3, 4}, false);
  EXPECT_THAT(shape.output, ElementsAre(3, 1));
  EXPECT_EQ(shape.reduced_count, 40);
  ASSERT_EQ(shape.steps.size(), 2u);
  // [2, 3, 20] -> reduce the trailing 20 first, then the leading 2 of [2, 3].
  EXPECT_EQ(shape.steps[0].outer, 6);
  EXPECT_EQ(shape.steps[0].reduced, 20);
  EXPECT_EQ(shape.steps[0].inner, 1);
  EXPECT_EQ(shape.steps[1].outer, 1);
  EXPECT_EQ(shape.steps[1].reduced, 2);
  EXPECT_EQ(shape.steps[1].inner, 3);
}

}  // namespace
}  // namespace tfjs::runtime
