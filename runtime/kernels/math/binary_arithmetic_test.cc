#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::MakeTensor;
using testing::RunOp;

Tensor RunOk(const std::string& op, const std::vector<Tensor>& inputs, int num_threads = 1) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, "", 1, {}, num_threads);
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0] : Tensor();
}

std::string RunError(const std::string& op, const std::vector<Tensor>& inputs) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, "");
  EXPECT_FALSE(outputs.ok());
  return std::string(outputs.status().message());
}

// An image [1,50,30,3] and a per-channel row [1,1,1,3], either side, on one and two threads:
// 1500 rows of 3, more than one tile of repeated rows and not a whole number of tiles.
TEST(BinaryArithmeticTest, ShortRowBroadcastAgainstAWholeImage) {
  const int kRows = 1500;
  std::vector<float> image(kRows * 3);
  for (int i = 0; i < kRows * 3; ++i) image[i] = static_cast<float>(i % 97) - 40.f;
  const std::vector<float> row = {0.5f, -2.f, 8.f};
  std::vector<float> difference, reversed;
  for (int i = 0; i < kRows * 3; ++i) {
    difference.push_back(image[i] - row[i % 3]);
    reversed.push_back(row[i % 3] - image[i]);
  }
  for (int threads : {1, 2}) {
    Tensor out = RunOk("Sub", {Floats({1, 50, 30, 3}, image), Floats({1, 1, 1, 3}, row)}, threads);
    EXPECT_THAT(out.shape(), ElementsAre(1, 50, 30, 3));
    EXPECT_THAT(FloatValues(out), ElementsAreArray(difference));
    Tensor back = RunOk("Sub", {Floats({3}, row), Floats({1, 50, 30, 3}, image)}, threads);
    EXPECT_THAT(FloatValues(back), ElementsAreArray(reversed));
  }
}

TEST(BinaryArithmeticTest, AddSameShape) {
  Tensor out = RunOk("Add", {Floats({2, 2}, {1, 2, 3, 4}), Floats({2, 2}, {10, 20, 30, 40})});
  EXPECT_THAT(out.shape(), ElementsAre(2, 2));
  EXPECT_THAT(FloatValues(out), ElementsAre(11, 22, 33, 44));
}

TEST(BinaryArithmeticTest, AddV2BroadcastsRowAndColumn) {
  Tensor out = RunOk("AddV2", {Floats({2, 1}, {1, 2}), Floats({3}, {10, 20, 30})});
  EXPECT_THAT(out.shape(), ElementsAre(2, 3));
  EXPECT_THAT(FloatValues(out), ElementsAre(11, 21, 31, 12, 22, 32));
}

TEST(BinaryArithmeticTest, SubWithScalarOnEitherSide) {
  EXPECT_THAT(FloatValues(RunOk("Sub", {Floats({}, {10}), Floats({3}, {1, 2, 3})})),
              ElementsAre(9, 8, 7));
  EXPECT_THAT(FloatValues(RunOk("Sub", {Floats({3}, {1, 2, 3}), Floats({}, {10})})),
              ElementsAre(-9, -8, -7));
}

TEST(BinaryArithmeticTest, MulRank4BroadcastMatchesLoop) {
  // [2,1,3,1] * [4,1,5]: every output element is a[n][0][h][0] * b[c][0][w]... over [2,4,3,5].
  std::vector<float> a(6), b(20);
  for (int i = 0; i < 6; ++i) a[i] = i + 1;
  for (int i = 0; i < 20; ++i) b[i] = 0.5f * i;
  Tensor out = RunOk("Mul", {Floats({2, 1, 3, 1}, a), Floats({4, 1, 5}, b)});
  ASSERT_THAT(out.shape(), ElementsAre(2, 4, 3, 5));
  std::vector<float> expected;
  for (int n = 0; n < 2; ++n)
    for (int c = 0; c < 4; ++c)
      for (int h = 0; h < 3; ++h)
        for (int w = 0; w < 5; ++w) expected.push_back(a[n * 3 + h] * b[c * 5 + w]);
  EXPECT_THAT(FloatValues(out), ElementsAreArray(expected));
}

TEST(BinaryArithmeticTest, LargeBroadcastOnTwoThreadsMatchesLoop) {
  const int rows = 300, columns = 257;
  std::vector<float> a(rows * columns), b(columns);
  for (int i = 0; i < rows * columns; ++i) a[i] = static_cast<float>(i % 97);
  for (int i = 0; i < columns; ++i) b[i] = static_cast<float>(i);
  Tensor out = RunOk("Mul", {Floats({rows, columns}, a), Floats({columns}, b)}, 2);
  std::vector<float> values = FloatValues(out);
  ASSERT_EQ(values.size(), a.size());
  for (int i = 0; i < rows * columns; ++i) ASSERT_EQ(values[i], a[i] * b[i % columns]) << i;
}

TEST(BinaryArithmeticTest, IntegerDivisionFamilies) {
  Tensor x = Ints({6}, {7, -7, 7, -7, 6, -6});
  Tensor y = Ints({6}, {2, 2, -2, -2, 3, 4});
  // Div truncates toward zero.
  EXPECT_THAT(IntValues(RunOk("Div", {x, y})), ElementsAre(3, -3, -3, 3, 2, -1));
  // FloorDiv rounds toward -inf.
  EXPECT_THAT(IntValues(RunOk("FloorDiv", {x, y})), ElementsAre(3, -4, -4, 3, 2, -2));
  // FloorMod takes the divisor's sign.
  EXPECT_THAT(IntValues(RunOk("FloorMod", {x, y})), ElementsAre(1, 1, -1, -1, 0, 2));
}

TEST(BinaryArithmeticTest, IntegerDivisionByMinusOneWraps) {
  const int32_t min = std::numeric_limits<int32_t>::min();
  Tensor x = Ints({2}, {min, 5});
  Tensor y = Ints({}, {-1});
  EXPECT_THAT(IntValues(RunOk("FloorDiv", {x, y})), ElementsAre(min, -5));
  EXPECT_THAT(IntValues(RunOk("FloorMod", {x, y})), ElementsAre(0, 0));
}

TEST(BinaryArithmeticTest, IntegerDivisionByZeroFails) {
  for (const char* op : {"Div", "FloorDiv", "FloorMod"}) {
    EXPECT_THAT(RunError(op, {Ints({2}, {1, 2}), Ints({2}, {1, 0})}),
                HasSubstr("Integer division by zero"))
        << op;
  }
}

TEST(BinaryArithmeticTest, FloatFloorDivAndFloorMod) {
  Tensor x = Floats({3}, {-7.5f, 7.5f, 1.f});
  Tensor y = Floats({3}, {2.f, -2.f, 0.f});
  std::vector<float> div = FloatValues(RunOk("FloorDiv", {x, y}));
  EXPECT_EQ(div[0], -4.f);
  EXPECT_EQ(div[1], -4.f);
  EXPECT_TRUE(std::isinf(div[2]));
  std::vector<float> mod = FloatValues(RunOk("FloorMod", {x, y}));
  EXPECT_EQ(mod[0], 0.5f);
  EXPECT_EQ(mod[1], -0.5f);
  EXPECT_TRUE(std::isnan(mod[2]));
}

TEST(BinaryArithmeticTest, RealDivIsFloatOnly) {
  EXPECT_THAT(FloatValues(RunOk("RealDiv", {Floats({2}, {1, 3}), Floats({}, {2})})),
              ElementsAre(0.5f, 1.5f));
  EXPECT_THAT(RunError("RealDiv", {Ints({1}, {1}), Ints({1}, {2})}),
              HasSubstr("has dtype int32; this op takes float32, float64"));
}

TEST(BinaryArithmeticTest, MaximumMinimumPropagateNaN) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Tensor x = Floats({3}, {nan, 1.f, 5.f});
  Tensor y = Floats({3}, {1.f, nan, 2.f});
  std::vector<float> max = FloatValues(RunOk("Maximum", {x, y}));
  EXPECT_TRUE(std::isnan(max[0]));
  EXPECT_TRUE(std::isnan(max[1]));
  EXPECT_EQ(max[2], 5.f);
  std::vector<float> min = FloatValues(RunOk("Minimum", {x, y}));
  EXPECT_TRUE(std::isnan(min[0]));
  EXPECT_TRUE(std::isnan(min[1]));
  EXPECT_EQ(min[2], 2.f);
  EXPECT_THAT(IntValues(RunOk("Maximum", {Ints({2}, {-3, 4}), Ints({}, {0})})), ElementsAre(0, 4));
}

TEST(BinaryArithmeticTest, SquaredDifference) {
  EXPECT_THAT(FloatValues(RunOk("SquaredDifference", {Floats({2}, {1, 5}), Floats({}, {3})})),
              ElementsAre(4, 4));
  EXPECT_THAT(IntValues(RunOk("SquaredDifference", {Ints({2}, {-2, 7}), Ints({2}, {1, 1})})),
              ElementsAre(9, 36));
}

TEST(BinaryArithmeticTest, PowFloatAndInteger) {
  std::vector<float> pow =
      FloatValues(RunOk("Pow", {Floats({3}, {2, 9, 2}), Floats({3}, {3, 0.5f, -1})}));
  EXPECT_THAT(pow, ElementsAre(8.f, 3.f, 0.5f));
  EXPECT_THAT(IntValues(RunOk("Pow", {Ints({4}, {2, -3, 5, 0}), Ints({4}, {10, 3, 0, 0})})),
              ElementsAre(1024, -27, 1, 1));
  EXPECT_THAT(RunError("Pow", {Ints({1}, {2}), Ints({1}, {-1})}),
              HasSubstr("Integers to negative integer powers are not allowed"));
}

TEST(BinaryArithmeticTest, Int64AndDouble) {
  Tensor x = MakeTensor<int64_t>(tensorflow::DT_INT64, {2}, {int64_t{1} << 40, -9});
  Tensor y = MakeTensor<int64_t>(tensorflow::DT_INT64, {}, {4});
  Tensor out = RunOk("FloorDiv", {x, y});
  EXPECT_EQ(out.dtype(), tensorflow::DT_INT64);
  EXPECT_THAT(out.values<int64_t>(), ElementsAre(int64_t{1} << 38, -3));
  Tensor d = RunOk("Mul", {MakeTensor<double>(tensorflow::DT_DOUBLE, {2}, {0.1, 3}),
                           MakeTensor<double>(tensorflow::DT_DOUBLE, {2}, {3, 0.5})});
  EXPECT_THAT(d.values<double>(), ElementsAre(0.1 * 3, 1.5));
}

TEST(BinaryArithmeticTest, IntegerAddWrapsOnOverflow) {
  const int32_t max = std::numeric_limits<int32_t>::max();
  EXPECT_THAT(IntValues(RunOk("Add", {Ints({1}, {max}), Ints({1}, {1})})),
              ElementsAre(std::numeric_limits<int32_t>::min()));
}

TEST(BinaryArithmeticTest, ModTruncatesLikeC) {
  EXPECT_THAT(IntValues(RunOk("Mod", {Ints({4}, {7, -7, 7, -7}), Ints({4}, {3, 3, -3, -3})})),
              ElementsAre(1, -1, 1, -1));
  EXPECT_THAT(FloatValues(RunOk("Mod", {Floats({2}, {-7.5f, 7.5f}), Floats({}, {2})})),
              ElementsAre(-1.5f, 1.5f));
}

TEST(BinaryArithmeticTest, DivNoNanGivesZeroForZeroDivisor) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_THAT(FloatValues(RunOk("DivNoNan", {Floats({3}, {1, nan, 3}), Floats({3}, {0, 0, 2})})),
              ElementsAre(0, 0, 1.5f));
}

TEST(BinaryArithmeticTest, Atan2TakesQuadrants) {
  std::vector<float> out =
      FloatValues(RunOk("Atan2", {Floats({3}, {1, 1, -1}), Floats({3}, {1, -1, 0})}));
  EXPECT_THAT(out, ::testing::Pointwise(::testing::FloatNear(1e-6f),
                                        {0.78539816f, 2.3561945f, -1.5707963f}));
}

TEST(BinaryArithmeticTest, NarrowAndUnsignedIntegers) {
  Tensor sum = RunOk("Add", {MakeTensor<int8_t>(tensorflow::DT_INT8, {2}, {100, -5}),
                             MakeTensor<int8_t>(tensorflow::DT_INT8, {}, {100})});
  EXPECT_EQ(sum.dtype(), tensorflow::DT_INT8);
  EXPECT_THAT(sum.values<int8_t>(), ElementsAre(-56, 95));
  // 255 is not -1 for an unsigned divisor.
  Tensor quotient = RunOk("FloorDiv", {MakeTensor<uint8_t>(tensorflow::DT_UINT8, {2}, {200, 7}),
                                       MakeTensor<uint8_t>(tensorflow::DT_UINT8, {2}, {255, 2})});
  EXPECT_THAT(quotient.values<uint8_t>(), ElementsAre(0, 3));
  Tensor difference = RunOk("Sub", {MakeTensor<int16_t>(tensorflow::DT_INT16, {1}, {-3}),
                                    MakeTensor<int16_t>(tensorflow::DT_INT16, {1}, {4})});
  EXPECT_THAT(difference.values<int16_t>(), ElementsAre(-7));
}

TEST(BinaryArithmeticTest, AddConcatenatesStrings) {
  Tensor out = RunOk("Add", {Tensor::Strings({2}, {"a", "b"}), Tensor::Strings({}, {"!"})});
  EXPECT_THAT(out.strings(), ElementsAre("a!", "b!"));
}

TEST(BinaryArithmeticTest, ZeroSizeBroadcast) {
  Tensor out = RunOk("Add", {Floats({0, 3}, {}), Floats({3}, {1, 2, 3})});
  EXPECT_THAT(out.shape(), ElementsAre(0, 3));
  Tensor empty = RunOk("Mul", {Floats({2, 0}, {}), Floats({}, {2})});
  EXPECT_THAT(empty.shape(), ElementsAre(2, 0));
}

TEST(BinaryArithmeticTest, Errors) {
  EXPECT_THAT(RunError("Add", {Floats({2, 3}, {}), Floats({4}, {})}),
              HasSubstr("Incompatible shapes: [2,3] vs. [4]"));
  EXPECT_THAT(RunError("Mul", {Floats({1}, {1}), Ints({1}, {1})}),
              HasSubstr("must have the same dtype, got float32 and int32"));
  EXPECT_THAT(RunError("Sub", {testing::Bools({1}, {true}), testing::Bools({1}, {true})}),
              HasSubstr("has dtype bool"));
  EXPECT_THAT(RunError("Add", {Floats({1}, {1})}), HasSubstr("expects 2 inputs, got 1"));
}

}  // namespace
}  // namespace tfjs::runtime
