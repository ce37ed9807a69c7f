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
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using ::testing::Pointwise;
using testing::RunOp;

Tensor RunOk(const std::string& op, const std::vector<Tensor>& inputs,
             const std::string& attrs = "") {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs);
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0] : Tensor();
}

std::string RunError(const std::string& op, const std::vector<Tensor>& inputs,
                     const std::string& attrs = "") {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs);
  EXPECT_FALSE(outputs.ok());
  return std::string(outputs.status().message());
}

// {{1, 9, 3}, {7, 2, 7}}.
const Tensor kMatrix = Floats({2, 3}, {1, 9, 3, 7, 2, 7});

TEST(ArgReduceTest, ArgMaxDefaultsToInt64) {
  Tensor out = RunOk("ArgMax", {kMatrix, Ints({}, {1})});
  EXPECT_EQ(out.dtype(), tensorflow::DT_INT64);
  EXPECT_THAT(out.shape(), ElementsAre(2));
  // Ties pick the first index.
  EXPECT_THAT(out.values<int64_t>(), ElementsAre(1, 0));
}

TEST(ArgReduceTest, ArgMinAlongFirstAxisAsInt32) {
  Tensor out = RunOk("ArgMin", {kMatrix, Ints({}, {-2})},
                     R"(attr { key: "output_type" value { type: DT_INT32 } })");
  EXPECT_EQ(out.dtype(), tensorflow::DT_INT32);
  EXPECT_THAT(IntValues(out), ElementsAre(0, 1, 0));
}

TEST(ArgReduceTest, IntegerInputAndMiddleAxis) {
  // [2,2,2]: x[a][b][c]; ArgMax over b.
  Tensor out = RunOk("ArgMax", {Ints({2, 2, 2}, {1, 5, 2, 4, 9, 0, 3, 8}), Ints({1}, {1})});
  EXPECT_THAT(out.shape(), ElementsAre(2, 2));
  EXPECT_THAT(out.values<int64_t>(), ElementsAre(1, 0, 0, 1));
}

TEST(ArgReduceTest, Errors) {
  EXPECT_THAT(RunError("ArgMax", {Floats({0, 2}, {}), Ints({}, {0})}),
              HasSubstr("Reduction axis 0 is empty in shape [0,2]"));
  EXPECT_THAT(RunError("ArgMax", {kMatrix, Ints({}, {2})}),
              HasSubstr("Invalid reduction dimension"));
  EXPECT_THAT(RunError("ArgMax", {kMatrix, Ints({2}, {0, 1})}), HasSubstr("one value"));
  EXPECT_THAT(RunError("ArgMax", {kMatrix, Ints({}, {0})},
                       R"(attr { key: "output_type" value { type: DT_FLOAT } })"),
              HasSubstr("float32 is not supported"));
}

TEST(SoftmaxTest, RowsSumToOne) {
  Tensor out = RunOk("Softmax", {Floats({2, 3}, {1, 2, 3, 0, 0, 0})});
  // e^(x - 3) / (e^-2 + e^-1 + 1).
  const float denominator = std::exp(-2.f) + std::exp(-1.f) + 1.f;
  EXPECT_THAT(
      FloatValues(out),
      Pointwise(FloatNear(1e-6f), {std::exp(-2.f) / denominator, std::exp(-1.f) / denominator,
                                   1.f / denominator, 1.f / 3, 1.f / 3, 1.f / 3}));
}

TEST(SoftmaxTest, LargeLogitsDoNotOverflow) {
  Tensor out = RunOk("Softmax", {Floats({2}, {1000, 1000})});
  EXPECT_THAT(FloatValues(out), ElementsAre(0.5f, 0.5f));
  Tensor log = RunOk("LogSoftmax", {Floats({2}, {1000, 1000})});
  EXPECT_THAT(FloatValues(log), Pointwise(FloatNear(1e-6f), {-0.6931472f, -0.6931472f}));
}

TEST(SoftmaxTest, LogSoftmaxMatchesLogOfSoftmax) {
  Tensor out = RunOk("LogSoftmax", {Floats({3}, {1, 2, 3})});
  const float log_sum = std::log(std::exp(1.f) + std::exp(2.f) + std::exp(3.f));
  EXPECT_THAT(FloatValues(out),
              Pointwise(FloatNear(1e-6f), {1 - log_sum, 2 - log_sum, 3 - log_sum}));
}

TEST(SoftmaxTest, ZeroSizeAndErrors) {
  EXPECT_THAT(RunOk("Softmax", {Floats({2, 0}, {})}).shape(), ElementsAre(2, 0));
  EXPECT_THAT(RunError("Softmax", {Floats({}, {1})}), HasSubstr(">= 1 dimension"));
  EXPECT_THAT(RunError("LogSoftmax", {Ints({1}, {1})}), HasSubstr("has dtype int32"));
}

}  // namespace
}  // namespace tfjs::runtime
