// Tests of the complex elementwise kernels, the zero-safe and truncating binary ops,
// ApproximateEqual, ToBool, PopulationCount, Bucketize and HistogramFixedWidth: non-real complex
// values, NaN and infinities, integer division by zero and TF's errors.
#include <cmath>
#include <complex>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::MakeTensor;
using testing::RunOp;
using Complex = std::complex<float>;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr char kFloatT[] = "attr { key: \"T\" value { type: DT_FLOAT } }";
constexpr char kInt32T[] = "attr { key: \"T\" value { type: DT_INT32 } }";
constexpr char kComplexT[] = "attr { key: \"T\" value { type: DT_COMPLEX64 } }";

Tensor Complexes(Shape shape, std::vector<Complex> values) {
  return MakeTensor<Complex>(tensorflow::DT_COMPLEX64, std::move(shape), std::move(values));
}

std::vector<Complex> ComplexValues(const Tensor& tensor) {
  const auto values = tensor.values<Complex>();
  return std::vector<Complex>(values.begin(), values.end());
}

Tensor RunOk(const std::string& op, const std::vector<Tensor>& inputs, const std::string& attrs) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs);
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0] : Tensor();
}

std::string RunError(const std::string& op, const std::vector<Tensor>& inputs,
                     const std::string& attrs) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs);
  EXPECT_FALSE(outputs.ok()) << op << " should fail";
  return outputs.ok() ? "" : std::string(outputs.status().message());
}

void ExpectComplexNear(const std::vector<Complex>& actual, const std::vector<Complex>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_NEAR(actual[i].real(), expected[i].real(), 1e-5) << "element " << i;
    EXPECT_NEAR(actual[i].imag(), expected[i].imag(), 1e-5) << "element " << i;
  }
}

TEST(ComplexTest, TranscendentalOfNonRealValues) {
  // exp(i pi/2) = i; exp(1 + i pi) = -e.
  ExpectComplexNear(
      ComplexValues(RunOk("Exp", {Complexes({2}, {{0, 1.5707964f}, {1, 3.1415927f}})}, kComplexT)),
      {{0, 1}, {-2.7182817f, 0}});
  // sqrt(-4) = 2i; log(-1) = i pi.
  ExpectComplexNear(ComplexValues(RunOk("Sqrt", {Complexes({1}, {{-4, 0}})}, kComplexT)), {{0, 2}});
  ExpectComplexNear(ComplexValues(RunOk("Log", {Complexes({1}, {{-1, 0}})}, kComplexT)),
                    {{0, 3.1415927f}});
  // sign(3 + 4i) = 0.6 + 0.8i; sign(0) = 0.
  ExpectComplexNear(ComplexValues(RunOk("Sign", {Complexes({2}, {{3, 4}, {0, 0}})}, kComplexT)),
                    {{0.6f, 0.8f}, {0, 0}});
  // 1 / (1 + i) = (1 - i) / 2.
  ExpectComplexNear(ComplexValues(RunOk("Reciprocal", {Complexes({1}, {{1, 1}})}, kComplexT)),
                    {{0.5f, -0.5f}});
}

TEST(ComplexTest, ConjAngleAndArithmetic) {
  ExpectComplexNear(ComplexValues(RunOk("Conj", {Complexes({2}, {{1, 2}, {-3, -4}})}, kComplexT)),
                    {{1, -2}, {-3, 4}});
  Tensor angle = RunOk("Angle", {Complexes({3}, {{0, 1}, {-1, -1}, {0, 0}})},
                       std::string(kComplexT) + "attr { key: \"Tout\" value { type: DT_FLOAT } }");
  EXPECT_EQ(angle.dtype(), tensorflow::DT_FLOAT);
  EXPECT_THAT(FloatValues(angle), ElementsAre(::testing::FloatNear(1.5707964f, 1e-6f),
                                              ::testing::FloatNear(-2.3561945f, 1e-6f), 0));
  EXPECT_THAT(RunError("Angle", {Complexes({1}, {{0, 1}})},
                       std::string(kComplexT) + "attr { key: \"Tout\" value { type: DT_DOUBLE } }"),
              HasSubstr("Tout must be float32"));
  // (1 + 2i)(3 - i) = 5 + 5i; |(1 + 2i) - (3 - i)|^2 = 13.
  const Tensor a = Complexes({1}, {{1, 2}});
  const Tensor b = Complexes({1}, {{3, -1}});
  ExpectComplexNear(ComplexValues(RunOk("Mul", {a, b}, kComplexT)), {{5, 5}});
  ExpectComplexNear(ComplexValues(RunOk("SquaredDifference", {a, b}, kComplexT)), {{13, 0}});
  ExpectComplexNear(ComplexValues(RunOk("Div", {Complexes({1}, {{5, 5}}), b}, kComplexT)),
                    {{1, 2}});
  ExpectComplexNear(
      ComplexValues(
          RunOk("AddN", {a, b}, std::string(kComplexT) + "attr { key: \"N\" value { i: 2 } }")),
      {{4, 1}});
}

TEST(SafeOpsTest, ZeroOperandsWinOverNaNAndInfinity) {
  EXPECT_THAT(FloatValues(RunOk("MulNoNan", {Floats({3}, {kNaN, kInf, 2}), Floats({3}, {0, 0, 3})},
                                kFloatT)),
              ElementsAre(0, 0, 6));
  EXPECT_THAT(
      FloatValues(RunOk("Xdivy", {Floats({3}, {0, 0, 1}), Floats({3}, {0, kNaN, 0})}, kFloatT)),
      ElementsAre(0, 0, kInf));
  std::vector<float> xlogy =
      FloatValues(RunOk("Xlogy", {Floats({3}, {0, 2, 1}), Floats({3}, {kNaN, -1, 0})}, kFloatT));
  EXPECT_EQ(xlogy[0], 0);
  EXPECT_TRUE(std::isnan(xlogy[1]));
  EXPECT_EQ(xlogy[2], -kInf);
  // log1p keeps tiny y exact: 2 * log1p(1e-10) = 2e-10.
  EXPECT_FLOAT_EQ(
      FloatValues(RunOk("Xlog1py", {Floats({1}, {2}), Floats({1}, {1e-10f})}, kFloatT))[0], 2e-10f);
}

TEST(TruncateTest, RoundsTowardZeroAndRejectsIntegerZeroDivisors) {
  EXPECT_THAT(IntValues(RunOk("TruncateDiv",
                              {Ints({4}, {-7, 7, -2147483647 - 1, 9}), Ints({4}, {2, -2, -1, 3})},
                              kInt32T)),
              ElementsAre(-3, -3, -2147483647 - 1, 3));
  EXPECT_THAT(
      FloatValues(RunOk("TruncateDiv", {Floats({2}, {-7, 7.5f}), Floats({2}, {2, 0})}, kFloatT)),
      ElementsAre(-3, kInf));
  EXPECT_THAT(IntValues(RunOk("TruncateMod", {Ints({2}, {-7, 7}), Ints({2}, {3, -3})}, kInt32T)),
              ElementsAre(-1, 1));
  EXPECT_THAT(RunError("TruncateDiv", {Ints({2}, {1, 2}), Ints({2}, {1, 0})}, kInt32T),
              HasSubstr("Integer division by zero"));
  EXPECT_THAT(RunError("TruncateMod", {Ints({1}, {1}), Ints({1}, {0})}, kInt32T),
              HasSubstr("Integer division by zero"));
}

TEST(NextAfterTest, StepsOneUlpAndKeepsNaN) {
  std::vector<float> next = FloatValues(
      RunOk("NextAfter", {Floats({3}, {1, 0, kNaN}), Floats({3}, {0, -1, 0})}, kFloatT));
  EXPECT_EQ(next[0], std::nextafter(1.0f, 0.0f));
  EXPECT_EQ(next[1], -std::numeric_limits<float>::denorm_min());
  EXPECT_TRUE(std::isnan(next[2]));
}

TEST(ApproximateEqualTest, NeedsEqualShapes) {
  EXPECT_THAT(RunError("ApproximateEqual", {Floats({2}, {1, 2}), Floats({1}, {1})}, kFloatT),
              HasSubstr("x and y must be of the same shape"));
  Tensor out = RunOk("ApproximateEqual", {Floats({3}, {1, kNaN, 0}), Floats({3}, {1, kNaN, 1e-6f})},
                     kFloatT);
  EXPECT_THAT(out.values<bool>(), ElementsAre(true, false, true));
}

TEST(ToBoolTest, ScalarsByValueTensorsBySize) {
  const std::string string_t = "attr { key: \"T\" value { type: DT_STRING } }";
  EXPECT_FALSE(RunOk("ToBool", {Tensor::Strings({}, {""})}, string_t).data<bool>()[0]);
  EXPECT_TRUE(RunOk("ToBool", {Tensor::Strings({}, {"x"})}, string_t).data<bool>()[0]);
  EXPECT_FALSE(RunOk("ToBool", {Floats({}, {-0.0f})}, kFloatT).data<bool>()[0]);
  EXPECT_TRUE(RunOk("ToBool", {Floats({}, {kNaN})}, kFloatT).data<bool>()[0]);
  EXPECT_FALSE(RunOk("ToBool", {Floats({0}, {})}, kFloatT).data<bool>()[0]);
  EXPECT_TRUE(RunOk("ToBool", {Tensor::Strings({1}, {""})}, string_t).data<bool>()[0]);
}

TEST(PopulationCountTest, CountsTwosComplementBits) {
  const Tensor x = MakeTensor<int64_t>(tensorflow::DT_INT64, {3}, {-1, 0x100000001LL, 0});
  Tensor out = RunOk("PopulationCount", {x}, "attr { key: \"T\" value { type: DT_INT64 } }");
  EXPECT_EQ(out.dtype(), tensorflow::DT_UINT8);
  EXPECT_THAT(out.values<uint8_t>(), ElementsAre(64, 2, 0));
}

TEST(BucketizeTest, BoundariesMustBeSorted) {
  const std::string boundaries = "attr { key: \"boundaries\" value { list { f: 1 f: 0 } } }";
  EXPECT_THAT(RunError("Bucketize", {Floats({1}, {0})}, std::string(kFloatT) + boundaries),
              HasSubstr("Expected sorted boundaries"));
  Tensor out =
      RunOk("Bucketize", {Floats({4}, {kNaN, 0.5f, 1, -kInf})},
            std::string(kFloatT) + "attr { key: \"boundaries\" value { list { f: 0 f: 1 } } }");
  EXPECT_THAT(IntValues(out), ElementsAre(2, 1, 2, 0));
}

TEST(HistogramFixedWidthTest, CountsAndErrors) {
  const std::string int64_out =
      std::string(kFloatT) + "attr { key: \"dtype\" value { type: DT_INT64 } }";
  Tensor out =
      RunOk("HistogramFixedWidth",
            {Floats({4}, {0, 0.99f, 1, 100}), Floats({2}, {0, 2}), Ints({}, {2})}, int64_out);
  EXPECT_EQ(out.dtype(), tensorflow::DT_INT64);
  EXPECT_THAT(out.values<int64_t>(), ElementsAre(2, 2));
  EXPECT_THAT(RunError("HistogramFixedWidth",
                       {Floats({1}, {0}), Floats({2}, {1, 1}), Ints({}, {2})}, kFloatT),
              HasSubstr("value_range[0] < value_range[1]"));
  EXPECT_THAT(RunError("HistogramFixedWidth",
                       {Floats({1}, {0}), Floats({2}, {0, 1}), Ints({}, {0})}, kFloatT),
              HasSubstr("nbins should be a positive number"));
}

}  // namespace
}  // namespace tfjs::runtime
