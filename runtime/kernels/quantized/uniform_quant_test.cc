// Tests for the uniform quantized ops: per-axis scales and zero points, the Q31 multiplier's
// rounding, broadcasting in UniformQuantizedAdd and TF's errors, worked by hand.
#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using ::testing::HasSubstr;
using testing::Ints;
using testing::MakeTensor;
using testing::RunOp;

std::string Int(const std::string& name, int64_t value) {
  return "attr { key: \"" + name + "\" value { i: " + std::to_string(value) + " } }";
}
std::string Type(const std::string& name, const std::string& dtype) {
  return "attr { key: \"" + name + "\" value { type: " + dtype + " } }";
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

const std::string kQuantizeAttrs = Type("Tout", "DT_QINT32") + Int("quantization_min_val", -1000) +
                                   Int("quantization_max_val", 1000);

TEST(UniformQuantizeTest, PerAxisScalesAndZeroPoints) {
  // Column 0: scale 1, zero point 0; column 1: scale 0.5, zero point 10.
  auto outputs = RunOp("UniformQuantize",
                       {Floats({2, 2}, {1, 2, 3, 4}), Floats({2}, {1, 0.5f}), Ints({2}, {0, 10})},
                       kQuantizeAttrs + Int("quantization_axis", 1));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<int32_t>((*outputs)[0]), ElementsAre(1, 14, 3, 18));
}

TEST(UniformQuantizeTest, ParameterShapeErrors) {
  auto mismatch =
      RunOp("UniformQuantize", {Floats({2}, {1, 2}), Floats({2}, {1, 1}), Ints({1}, {0})},
            kQuantizeAttrs + Int("quantization_axis", 0));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_THAT(mismatch.status().message(), HasSubstr("must be same"));
  auto not_scalar =
      RunOp("UniformQuantize", {Floats({2}, {1, 2}), Floats({2}, {1, 1}), Ints({2}, {0, 0})},
            kQuantizeAttrs);
  ASSERT_FALSE(not_scalar.ok());
  auto axis = RunOp("UniformQuantize", {Floats({2}, {1, 2}), Floats({}, {1}), Ints({}, {0})},
                    kQuantizeAttrs + Int("quantization_axis", -2));
  ASSERT_FALSE(axis.ok());
}

const std::string kRequantizeAttrs =
    Type("Tin", "DT_QINT32") + Type("Tout", "DT_QINT8") + Int("input_quantization_min_val", 0) +
    Int("input_quantization_max_val", 0) + Int("output_quantization_min_val", -128) +
    Int("output_quantization_max_val", 127);

TEST(UniformRequantizeTest, PerAxisInputToPerTensorOutput) {
  // Rows at scales 1 and 2 to scale 4: 10 * 0.25 = 2.5 rounds up to 3, 10 * 0.5 = 5.
  auto outputs = RunOp("UniformRequantize",
                       {Qint32({2, 2}, {10, 10, 10, 10}), Floats({2}, {1, 2}), Ints({2}, {0, 0}),
                        Floats({}, {4}), Ints({}, {0})},
                       kRequantizeAttrs + Int("input_quantization_axis", 0));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<int8_t>((*outputs)[0]), ElementsAre(3, 3, 5, 5));
}

TEST(UniformRequantizeTest, SaturatesAndChecksScales) {
  auto saturated = RunOp(
      "UniformRequantize",
      {Qint32({2}, {1000, -1000}), Floats({}, {1}), Ints({}, {0}), Floats({}, {1}), Ints({}, {0})},
      kRequantizeAttrs);
  ASSERT_TRUE(saturated.ok()) << saturated.status();
  EXPECT_THAT(Codes<int8_t>((*saturated)[0]), ElementsAre(127, -128));
  auto zero_scale =
      RunOp("UniformRequantize",
            {Qint32({1}, {1}), Floats({}, {0}), Ints({}, {0}), Floats({}, {1}), Ints({}, {0})},
            kRequantizeAttrs);
  ASSERT_FALSE(zero_scale.ok());
  EXPECT_THAT(zero_scale.status().message(), HasSubstr("must be all positive"));
  auto axes = RunOp(
      "UniformRequantize",
      {Qint32({2, 2}, {1, 1, 1, 1}), Floats({2}, {1, 1}), Ints({2}, {0, 0}), Floats({2}, {1, 1}),
       Ints({2}, {0, 0})},
      kRequantizeAttrs + Int("input_quantization_axis", 0) + Int("output_quantization_axis", 1));
  ASSERT_FALSE(axes.ok());
  EXPECT_THAT(axes.status().message(), HasSubstr("axis must be same"));
}

std::string AddAttrs(int out_axis) {
  std::string attrs = Int("output_quantization_axis", out_axis);
  for (const char* side : {"lhs", "rhs", "output"}) {
    attrs += Int(std::string(side) + "_quantization_min_val", -1000) +
             Int(std::string(side) + "_quantization_max_val", 1000);
  }
  return attrs;
}

TEST(UniformQuantizedAddTest, RescalesAndBroadcasts) {
  // lhs at scale 1 and rhs at scale 2 onto output scale 1 with zero point 100: rhs codes
  // double; the [2] rhs repeats over the rows.
  const std::vector<Tensor> inputs = {Qint32({2, 2}, {1, 2, 3, 4}),
                                      Qint32({2}, {10, 20}),
                                      Floats({}, {1}),
                                      Ints({}, {0}),
                                      Floats({}, {2}),
                                      Ints({}, {0}),
                                      Floats({}, {1}),
                                      Ints({}, {100})};
  auto outputs = RunOp("UniformQuantizedAdd", inputs, AddAttrs(-1));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<int32_t>((*outputs)[0]), ElementsAre(121, 142, 123, 144));
  // TF moves the rhs to the output's axis even when the rhs lacks that dim: refused here.
  std::vector<Tensor> per_axis = inputs;
  per_axis[6] = Floats({2}, {1, 1});
  per_axis[7] = Ints({2}, {0, 100});
  auto lower_rank = RunOp("UniformQuantizedAdd", per_axis, AddAttrs(1));
  ASSERT_FALSE(lower_rank.ok());
  EXPECT_THAT(lower_rank.status().message(), HasSubstr("out of range"));
  auto shapes = RunOp("UniformQuantizedAdd",
                      {Qint32({2}, {1, 2}), Qint32({3}, {1, 2, 3}), Floats({}, {1}), Ints({}, {0}),
                       Floats({}, {1}), Ints({}, {0}), Floats({}, {1}), Ints({}, {0})},
                      AddAttrs(-1));
  ASSERT_FALSE(shapes.ok());
  EXPECT_THAT(shapes.status().message(), HasSubstr("Cannot Add tensors"));
}

TEST(UniformQuantizedClipByValueTest, PerAxisBounds) {
  auto outputs = RunOp("UniformQuantizedClipByValue",
                       {Qint32({2, 2}, {-5, 50, 5, -50}), Qint32({2}, {0, -10}),
                        Qint32({2}, {3, 10}), Floats({2}, {1, 1}), Ints({2}, {0, 0})},
                       Int("quantization_axis", 1) + Int("quantization_min_val", -100) +
                           Int("quantization_max_val", 100));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<int32_t>((*outputs)[0]), ElementsAre(0, 10, 3, -10));
}

}  // namespace
}  // namespace tfjs::runtime
