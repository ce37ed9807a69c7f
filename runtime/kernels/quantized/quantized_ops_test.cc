// Tests for the quantized arithmetic, matmul, convolution, pooling, array and requantize kernels:
// TF's broadcast patterns, zero points, padding and errors, against plain references here.
#include <cmath>
#include <cstdint>
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
using testing::MakeTensor;
using testing::RunOp;

std::string Attr(const std::string& name, const std::string& value) {
  return "attr { key: \"" + name + "\" value { " + value + " } }";
}
std::string Type(const std::string& name, const std::string& dtype) {
  return Attr(name, "type: " + dtype);
}
const std::string kQuint8ToQint32 =
    Type("T1", "DT_QUINT8") + Type("T2", "DT_QUINT8") + Type("Toutput", "DT_QINT32");

Tensor Quint8(Shape shape, std::vector<uint8_t> values) {
  return MakeTensor<uint8_t>(tensorflow::DT_QUINT8, std::move(shape), std::move(values));
}
Tensor Qint32(Shape shape, std::vector<int32_t> values) {
  return MakeTensor<int32_t>(tensorflow::DT_QINT32, std::move(shape), std::move(values));
}
template <typename T>
std::vector<int64_t> Codes(const Tensor& tensor) {
  std::vector<int64_t> codes;
  for (T value : tensor.values<T>()) codes.push_back(value);
  return codes;
}
Tensor Scalar(float value) { return Floats({}, {value}); }

TEST(QuantizedMulTest, ZeroPointsAndVectorBroadcast) {
  // x in [-1, 1] has zero at code 128 (rounded from 127.5); y in [0, 255] at code 0. The [3]
  // vector repeats over the [2, 3] tensor.
  auto outputs = RunOp("QuantizedMul",
                       {Quint8({2, 3}, {128, 130, 0, 255, 129, 127}), Quint8({3}, {2, 3, 4}),
                        Scalar(-1), Scalar(1), Scalar(0), Scalar(255)},
                       kQuint8ToQint32, 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<int32_t>((*outputs)[0]), ElementsAre(0, 6, -512, 254, 3, -4));
  // One step of x is 2 / 255, of y 1: the product's range is that step times qint32's range.
  EXPECT_THAT(FloatValues((*outputs)[1]), ElementsAre(2.0f / 255 * -2147483648.0f));
}

TEST(QuantizedMulTest, ScalarAndErrors) {
  auto scalar =
      RunOp("QuantizedMul",
            {Quint8({}, {3}), Quint8({2}, {5, 7}), Scalar(0), Scalar(255), Scalar(0), Scalar(255)},
            kQuint8ToQint32, 3);
  ASSERT_TRUE(scalar.ok()) << scalar.status();
  EXPECT_THAT(Codes<int32_t>((*scalar)[0]), ElementsAre(15, 21));
  auto bad_range =
      RunOp("QuantizedMul",
            {Quint8({1}, {3}), Quint8({1}, {5}), Scalar(1), Scalar(1), Scalar(0), Scalar(255)},
            kQuint8ToQint32, 3);
  ASSERT_FALSE(bad_range.ok());
  auto bad_shapes = RunOp(
      "QuantizedMul",
      {Quint8({2}, {3, 4}), Quint8({3}, {5, 6, 7}), Scalar(0), Scalar(255), Scalar(0), Scalar(255)},
      kQuint8ToQint32, 3);
  ASSERT_FALSE(bad_shapes.ok());
  EXPECT_THAT(bad_shapes.status().message(), HasSubstr("Incompatible shapes"));
  auto not_scalar = RunOp(
      "QuantizedMul",
      {Quint8({1}, {3}), Quint8({1}, {5}), Floats({1}, {0}), Scalar(255), Scalar(0), Scalar(255)},
      kQuint8ToQint32, 3);
  ASSERT_FALSE(not_scalar.ok());
  // TF broadcasts only a scalar or a repeated vector: [2, 1] against [1, 3] is refused.
  auto both = RunOp("QuantizedMul",
                    {Quint8({2, 1}, {3, 4}), Quint8({1, 3}, {5, 6, 7}), Scalar(0), Scalar(255),
                     Scalar(0), Scalar(255)},
                    kQuint8ToQint32, 3);
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.status().code(), absl::StatusCode::kUnimplemented);
}

TEST(QuantizedAddTest, ScalarAndVectorAgreeWithFloatSums) {
  // Both in [0, 255]: the output range is +-255 * 2^14, one output code about 0.00195 apart.
  // TF moves the tensor operands with a code step rounded to an integer (514 for 514.008), so
  // codes stand for the float sums within 255 * 0.008 + 1 steps.
  const float max_z = 255.0f * (1 << 14);
  const Tensor x = Quint8({2, 2}, {0, 10, 100, 255});
  for (const Tensor& y : {Quint8({}, {7}), Quint8({2}, {7, 9}), Quint8({2, 2}, {1, 2, 3, 4})}) {
    auto outputs = RunOp("QuantizedAdd", {x, y, Scalar(0), Scalar(255), Scalar(0), Scalar(255)},
                         kQuint8ToQint32, 3);
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_THAT(FloatValues((*outputs)[2]), ElementsAre(max_z));
    const std::vector<int64_t> codes = Codes<int32_t>((*outputs)[0]);
    const double step = 2.0 * max_z / 4294967295.0;
    for (int i = 0; i < 4; ++i) {
      const double y_value = y.num_elements() == 1 ? 7 : y.data<uint8_t>()[i % y.num_elements()];
      EXPECT_NEAR(codes[i] * step, x.data<uint8_t>()[i] + y_value, 4 * step) << i;
    }
  }
}

TEST(QuantizedBiasAddTest, Errors) {
  auto rank =
      RunOp("QuantizedBiasAdd",
            {Quint8({2}, {1, 2}), Quint8({2}, {1, 2}), Scalar(0), Scalar(1), Scalar(0), Scalar(1)},
            Type("T1", "DT_QUINT8") + Type("T2", "DT_QUINT8") + Type("out_type", "DT_QINT32"), 3);
  ASSERT_FALSE(rank.ok());
  EXPECT_THAT(rank.status().message(), HasSubstr("at least 2D"));
  auto count = RunOp(
      "QuantizedBiasAdd",
      {Quint8({1, 2}, {1, 2}), Quint8({3}, {1, 2, 3}), Scalar(0), Scalar(1), Scalar(0), Scalar(1)},
      Type("T1", "DT_QUINT8") + Type("T2", "DT_QUINT8") + Type("out_type", "DT_QINT32"), 3);
  ASSERT_FALSE(count.ok());
  EXPECT_THAT(count.status().message(), HasSubstr("as many biases"));
}

// sum_k (a[i][k] - offset_a) * (b[k][j] - offset_b), for row-major untransposed a and b.
std::vector<int64_t> ReferenceMatMul(const std::vector<int>& a, const std::vector<int>& b, int m,
                                     int k, int n, int offset_a, int offset_b) {
  std::vector<int64_t> c(m * n, 0);
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      for (int l = 0; l < k; ++l)
        c[i * n + j] += (a[i * k + l] - offset_a) * (b[l * n + j] - offset_b);
    }
  }
  return c;
}

TEST(QuantizedMatMulTest, OffsetsAndTransposes) {
  // a in [-1, 1]: zero is code 128; b in [-2, 6]: zero is code 64 (255 / 8 * 2 = 63.75).
  const std::vector<int> a = {0, 128, 255, 200, 17, 100};  // [2, 3]
  const std::vector<int> b = {64, 0, 255, 70, 90, 3};      // [3, 2]
  const std::vector<int64_t> expected = ReferenceMatMul(a, b, 2, 3, 2, 128, 64);
  // a transposed is [3, 2], b transposed is [2, 3].
  const std::vector<uint8_t> a_t = {0, 200, 128, 17, 255, 100};
  const std::vector<uint8_t> b_t = {64, 255, 90, 0, 70, 3};
  const std::vector<uint8_t> a_u8(a.begin(), a.end()), b_u8(b.begin(), b.end());
  for (const bool ta : {false, true}) {
    for (const bool tb : {false, true}) {
      auto outputs = RunOp("QuantizedMatMul",
                           {ta ? Quint8({3, 2}, a_t) : Quint8({2, 3}, a_u8),
                            tb ? Quint8({2, 3}, b_t) : Quint8({3, 2}, b_u8), Scalar(-1), Scalar(1),
                            Scalar(-2), Scalar(6)},
                           kQuint8ToQint32 + Attr("transpose_a", ta ? "b: true" : "b: false") +
                               Attr("transpose_b", tb ? "b: true" : "b: false"),
                           3);
      ASSERT_TRUE(outputs.ok()) << outputs.status();
      EXPECT_THAT(Codes<int32_t>((*outputs)[0]), ElementsAreArray(expected)) << ta << tb;
    }
  }
}

TEST(QuantizedMatMulTest, Errors) {
  const Tensor a = Quint8({2, 2}, {1, 2, 3, 4});
  auto size = RunOp("QuantizedMatMul",
                    {a, Quint8({3, 1}, {1, 2, 3}), Scalar(0), Scalar(1), Scalar(0), Scalar(1)},
                    kQuint8ToQint32, 3);
  ASSERT_FALSE(size.ok());
  EXPECT_THAT(size.status().message(), HasSubstr("Matrix size-incompatible"));
  auto range = RunOp("QuantizedMatMul", {a, a, Scalar(1), Scalar(0), Scalar(0), Scalar(1)},
                     kQuint8ToQint32, 3);
  ASSERT_FALSE(range.ok());
  EXPECT_THAT(range.status().message(), HasSubstr("max_a must be larger than min_a"));
  auto vector =
      RunOp("QuantizedMatMul", {Quint8({2}, {1, 2}), a, Scalar(0), Scalar(1), Scalar(0), Scalar(1)},
            kQuint8ToQint32, 3);
  ASSERT_FALSE(vector.ok());
}

const std::string kConvTypes =
    Type("Tinput", "DT_QUINT8") + Type("Tfilter", "DT_QUINT8") + Type("out_type", "DT_QINT32");

TEST(QuantizedConv2DTest, StridedSameWithZeroPoint) {
  // A 3x3 image, 2x2 filter, stride 2, SAME: 2x2 outputs; the padding (right and bottom) counts
  // as the input's zero point, code 128 of [-1, 1]. The filter in [0, 255] has zero at code 0.
  const std::vector<uint8_t> image = {130, 120, 128, 140, 128, 100, 0, 255, 129};
  auto outputs = RunOp(
      "QuantizedConv2D",
      {Quint8({1, 3, 3, 1}, image), Quint8({2, 2, 1, 1}, {1, 2, 3, 4}), Scalar(-1), Scalar(1),
       Scalar(0), Scalar(255)},
      kConvTypes + Attr("strides", "list { i: 1 i: 2 i: 2 i: 1 }") + Attr("padding", "s: \"SAME\""),
      3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  std::vector<int64_t> expected;
  const int taps[2][2] = {{1, 2}, {3, 4}};
  for (int oy = 0; oy < 2; ++oy) {
    for (int ox = 0; ox < 2; ++ox) {
      int64_t total = 0;
      for (int fy = 0; fy < 2; ++fy) {
        for (int fx = 0; fx < 2; ++fx) {
          const int y = oy * 2 + fy, x = ox * 2 + fx;
          if (y < 3 && x < 3) total += (image[y * 3 + x] - 128) * taps[fy][fx];
        }
      }
      expected.push_back(total);
    }
  }
  EXPECT_THAT(Codes<int32_t>((*outputs)[0]), ElementsAreArray(expected));
}

TEST(QuantizedConv2DTest, Errors) {
  const Tensor image = Quint8({1, 2, 2, 1}, {1, 2, 3, 4});
  auto strides =
      RunOp("QuantizedConv2D",
            {image, Quint8({1, 1, 1, 1}, {1}), Scalar(0), Scalar(1), Scalar(0), Scalar(1)},
            kConvTypes + Attr("strides", "list { i: 1 i: 1 i: 2 i: 1 }") +
                Attr("padding", "s: \"VALID\""),
            3);
  ASSERT_FALSE(strides.ok());
  EXPECT_THAT(strides.status().message(), HasSubstr("equal length strides"));
  auto depth =
      RunOp("QuantizedConv2D",
            {image, Quint8({1, 1, 2, 1}, {1, 1}), Scalar(0), Scalar(1), Scalar(0), Scalar(1)},
            kConvTypes + Attr("strides", "list { i: 1 i: 1 i: 1 i: 1 }") +
                Attr("padding", "s: \"VALID\""),
            3);
  ASSERT_FALSE(depth.ok());
  EXPECT_THAT(depth.status().message(), HasSubstr("same depth"));
}

TEST(QuantizedPoolTest, SamePaddingAveragesInBoundsValues) {
  // 3x3 image, 2x2 window, stride 2, SAME: windows at rows/cols {0,1} and {2}.
  const Tensor image = Quint8({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  const std::string attrs = Type("T", "DT_QUINT8") + Attr("ksize", "list { i: 1 i: 2 i: 2 i: 1 }") +
                            Attr("strides", "list { i: 1 i: 2 i: 2 i: 1 }") +
                            Attr("padding", "s: \"SAME\"");
  auto average = RunOp("QuantizedAvgPool", {image, Scalar(0), Scalar(1)}, attrs, 3);
  ASSERT_TRUE(average.ok()) << average.status();
  EXPECT_THAT(Codes<uint8_t>((*average)[0]), ElementsAre(3, 4, 7, 9));  // 12/4, 9/2, 15/2, 9.
  auto max = RunOp("QuantizedMaxPool", {image, Scalar(0), Scalar(1)}, attrs, 3);
  ASSERT_TRUE(max.ok()) << max.status();
  EXPECT_THAT(Codes<uint8_t>((*max)[0]), ElementsAre(5, 6, 8, 9));
  auto batch =
      RunOp("QuantizedMaxPool", {image, Scalar(0), Scalar(1)},
            Type("T", "DT_QUINT8") + Attr("ksize", "list { i: 2 i: 2 i: 2 i: 1 }") +
                Attr("strides", "list { i: 1 i: 2 i: 2 i: 1 }") + Attr("padding", "s: \"SAME\""),
            3);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), absl::StatusCode::kUnimplemented);
}

TEST(QuantizedConcatTest, RequantizesIntoTheOverallRange) {
  // quint8 inputs in [0, 1] and [0, 2]: the output range is [0, 2]; the first input's codes
  // halve (code 255 of [0, 1] is 1.0, code 128 of [0, 2] rounded).
  auto outputs = RunOp("QuantizedConcat",
                       {MakeTensor<int32_t>(tensorflow::DT_INT32, {}, {0}), Quint8({2}, {0, 255}),
                        Quint8({1}, {255}), Scalar(0), Scalar(0), Scalar(1), Scalar(2)},
                       Type("T", "DT_QUINT8") + Attr("N", "i: 2"), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<uint8_t>((*outputs)[0]), ElementsAre(0, 128, 255));
  EXPECT_THAT(FloatValues((*outputs)[2]), ElementsAre(2.0f));
  // qint32 ranges become symmetric: [-3, 3] from [-1, 1] and [0, 3].
  auto signed_out = RunOp("QuantizedConcat",
                          {MakeTensor<int32_t>(tensorflow::DT_INT32, {}, {0}), Qint32({1}, {0}),
                           Qint32({1}, {0}), Scalar(-1), Scalar(0), Scalar(1), Scalar(3)},
                          Type("T", "DT_QINT32") + Attr("N", "i: 2"), 3);
  ASSERT_TRUE(signed_out.ok()) << signed_out.status();
  EXPECT_THAT(FloatValues((*signed_out)[1]), ElementsAre(-3.0f));
  EXPECT_THAT(FloatValues((*signed_out)[2]), ElementsAre(3.0f));
  auto dim = RunOp("QuantizedConcat",
                   {MakeTensor<int32_t>(tensorflow::DT_INT32, {}, {-1}), Quint8({1}, {0}),
                    Quint8({1}, {1}), Scalar(0), Scalar(0), Scalar(1), Scalar(1)},
                   Type("T", "DT_QUINT8") + Attr("N", "i: 2"), 3);
  ASSERT_FALSE(dim.ok());
  EXPECT_THAT(dim.status().message(), HasSubstr("Expected concatenating dimensions"));
}

TEST(QuantizedReshapeTest, Errors) {
  const Tensor input = Quint8({2, 2}, {1, 2, 3, 4});
  const std::string attrs = Type("T", "DT_QUINT8") + Type("Tshape", "DT_INT32");
  auto count = RunOp(
      "QuantizedReshape",
      {input, MakeTensor<int32_t>(tensorflow::DT_INT32, {1}, {3}), Scalar(0), Scalar(1)}, attrs, 3);
  ASSERT_FALSE(count.ok());
  auto two_unknown =
      RunOp("QuantizedReshape",
            {input, MakeTensor<int32_t>(tensorflow::DT_INT32, {2}, {-1, -1}), Scalar(0), Scalar(1)},
            attrs, 3);
  ASSERT_FALSE(two_unknown.ok());
  auto range = RunOp(
      "QuantizedReshape",
      {input, MakeTensor<int32_t>(tensorflow::DT_INT32, {1}, {4}), Floats({2}, {0, 0}), Scalar(1)},
      attrs, 3);
  ASSERT_FALSE(range.ok());
  EXPECT_THAT(range.status().message(), HasSubstr("scalar or a vector of 1 element"));
}

TEST(QuantizedReluTest, MixedTypesAreRefused) {
  auto outputs = RunOp("QuantizedRelu", {Quint8({1}, {1}), Scalar(0), Scalar(1)},
                       Type("Tinput", "DT_QUINT8") + Type("out_type", "DT_QINT32"), 3);
  ASSERT_FALSE(outputs.ok());
  EXPECT_THAT(outputs.status().message(), HasSubstr("out_type must equal Tinput"));
}

TEST(RequantizeTest, ErrorsAndEmptyInputs) {
  const std::string attrs = Type("Tinput", "DT_QINT32") + Type("out_type", "DT_QUINT8");
  auto positive_min = RunOp(
      "Requantize", {Qint32({1}, {0}), Scalar(-1), Scalar(1), Scalar(0.5f), Scalar(1)}, attrs, 3);
  ASSERT_FALSE(positive_min.ok());
  EXPECT_THAT(positive_min.status().message(), HasSubstr("requested_output_min must be <= 0"));
  auto inverted = RunOp(
      "Requantize", {Qint32({1}, {0}), Scalar(-1), Scalar(1), Scalar(-1), Scalar(-2)}, attrs, 3);
  ASSERT_FALSE(inverted.ok());
  // An empty input leaves RequantizationRange at [min(0, float(highest)), float(lowest)].
  auto range = RunOp("RequantizationRange", {Qint32({0}, {}), Scalar(-1), Scalar(1)},
                     Type("Tinput", "DT_QINT32"), 2);
  ASSERT_TRUE(range.ok()) << range.status();
  EXPECT_THAT(FloatValues((*range)[0]), ElementsAre(0.0f));
  EXPECT_THAT(FloatValues((*range)[1]), ElementsAre(-1.0f));
  auto shrink =
      RunOp("QuantizeDownAndShrinkRange", {Qint32({0}, {}), Scalar(-1), Scalar(1)}, attrs, 3);
  ASSERT_TRUE(shrink.ok()) << shrink.status();
  EXPECT_EQ((*shrink)[0].num_elements(), 0);
}

}  // namespace
}  // namespace tfjs::runtime
