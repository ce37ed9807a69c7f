#include "tools/conformance/compare.h"

#include <cmath>
#include <limits>
#include <vector>

#include "gtest/gtest.h"

namespace tfjs::conformance {
namespace {

using runtime::Tensor;

template <typename T>
Tensor Make(tensorflow::DataType dtype, runtime::Shape shape, std::vector<T> values) {
  Tensor tensor = *Tensor::Allocate(dtype, shape);
  for (size_t i = 0; i < values.size(); ++i) tensor.mutable_data<T>()[i] = values[i];
  return tensor;
}

TEST(CompareOutputTest, FloatsWithinToleranceMatch) {
  const Tensor want = Make<float>(tensorflow::DT_FLOAT, {3}, {1.0f, 100.0f, 0.0f});
  const Tensor got = Make<float>(tensorflow::DT_FLOAT, {3}, {1.00005f, 100.009f, 9e-6f});
  EXPECT_EQ(CompareOutput(got, want, "float32"), std::nullopt);
}

TEST(CompareOutputTest, NamesTheFirstFloatMismatch) {
  const Tensor want = Make<float>(tensorflow::DT_FLOAT, {3}, {1.0f, 2.0f, 3.0f});
  const Tensor got = Make<float>(tensorflow::DT_FLOAT, {3}, {1.0f, 2.5f, 3.5f});
  EXPECT_EQ(CompareOutput(got, want, "float32"),
            "2/3 values differ (first at flat index 1: got 2.5, want 2)");
}

TEST(CompareOutputTest, NanEqualsNanAndInfinitiesMustMatch) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const Tensor want = Make<float>(tensorflow::DT_FLOAT, {2}, {nan, inf});
  EXPECT_EQ(CompareOutput(Make<float>(tensorflow::DT_FLOAT, {2}, {nan, inf}), want, "float32"),
            std::nullopt);
  EXPECT_NE(CompareOutput(Make<float>(tensorflow::DT_FLOAT, {2}, {0.0f, inf}), want, "float32"),
            std::nullopt);
  EXPECT_NE(CompareOutput(Make<float>(tensorflow::DT_FLOAT, {2}, {nan, 3e38f}), want, "float32"),
            std::nullopt);
}

TEST(CompareOutputTest, ShapesAndDtypesAreExact) {
  const Tensor want = Make<float>(tensorflow::DT_FLOAT, {2}, {1.0f, 2.0f});
  EXPECT_EQ(CompareOutput(Make<float>(tensorflow::DT_FLOAT, {1, 2}, {1.0f, 2.0f}), want, "float32"),
            "shape [1,2] where TF gives [2]");
  EXPECT_EQ(CompareOutput(Make<int32_t>(tensorflow::DT_INT32, {2}, {1, 2}), want, "float32"),
            "dtype int32 where TF gives float32");
}

TEST(CompareOutputTest, AcceptsTfjsNarrowingOfInt64AndFloat64) {
  const Tensor want64 = Make<int64_t>(tensorflow::DT_INT64, {2}, {(int64_t{1} << 32) + 5, -3});
  EXPECT_EQ(CompareOutput(Make<int32_t>(tensorflow::DT_INT32, {2}, {5, -3}), want64, "int64"),
            std::nullopt);
  EXPECT_NE(CompareOutput(Make<int64_t>(tensorflow::DT_INT64, {2}, {5, -3}), want64, "int64"),
            std::nullopt);
  const Tensor want_double = Make<double>(tensorflow::DT_DOUBLE, {1}, {0.1});
  EXPECT_EQ(CompareOutput(Make<float>(tensorflow::DT_FLOAT, {1}, {0.1f}), want_double, "float64"),
            std::nullopt);
  // Narrowing only goes one way: a float64 output does not stand for a float32 reference.
  EXPECT_NE(CompareOutput(want_double, Make<float>(tensorflow::DT_FLOAT, {1}, {0.1f}), "float32"),
            std::nullopt);
}

TEST(CompareOutputTest, Bfloat16ReferencesAreStoredAsFloat32) {
  // 1.5 in bfloat16 is 0x3fc0; the reference holds the same value as a float32.
  const Tensor want = Make<float>(tensorflow::DT_FLOAT, {1}, {1.5f});
  EXPECT_EQ(CompareOutput(Make<uint16_t>(tensorflow::DT_BFLOAT16, {1}, {0x3fc0}), want, "bfloat16"),
            std::nullopt);
  EXPECT_NE(CompareOutput(Make<uint16_t>(tensorflow::DT_BFLOAT16, {1}, {0x4000}), want, "bfloat16"),
            std::nullopt);
}

TEST(CompareOutputTest, IntegersAndBooleansCompareExactly) {
  EXPECT_EQ(CompareOutput(Make<int32_t>(tensorflow::DT_INT32, {2}, {7, 8}),
                          Make<int32_t>(tensorflow::DT_INT32, {2}, {7, 9}), "int32"),
            "1/2 values differ (first at flat index 1: got 8, want 9)");
  EXPECT_EQ(CompareOutput(Make<bool>(tensorflow::DT_BOOL, {2}, {true, false}),
                          Make<bool>(tensorflow::DT_BOOL, {2}, {true, false}), "bool"),
            std::nullopt);
}

TEST(FloatToleranceTest, HalfPrecisionIsLooser) {
  ASSERT_TRUE(FloatTolerance("float32").has_value());
  ASSERT_TRUE(FloatTolerance("float16").has_value());
  EXPECT_GT(FloatTolerance("float16")->rtol, FloatTolerance("float32")->rtol);
  EXPECT_GT(FloatTolerance("bfloat16")->rtol, FloatTolerance("float16")->rtol);
  EXPECT_FALSE(FloatTolerance("int32").has_value());
}

}  // namespace
}  // namespace tfjs::conformance
