// Tests for SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits and L2Loss.
#include <cmath>

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
using ::testing::Pointwise;
using testing::RunOp;

// Row [1, 2, 3]: softmax = exp(x) / (e + e^2 + e^3).
std::vector<float> Softmax123() {
  const double total = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  return {float(std::exp(1.0) / total), float(std::exp(2.0) / total), float(std::exp(3.0) / total)};
}

TEST(SoftmaxCrossEntropyTest, LossAndBackprop) {
  const std::vector<float> p = Softmax123();
  auto outputs =
      RunOp("SoftmaxCrossEntropyWithLogits",
            {Floats({2, 3}, {1, 2, 3, 1, 2, 3}), Floats({2, 3}, {0, 0, 1, 0.5f, 0.5f, 0})}, "", 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const float loss0 = -std::log(p[2]);
  const float loss1 = -0.5f * std::log(p[0]) - 0.5f * std::log(p[1]);
  EXPECT_THAT(FloatValues((*outputs)[0]), Pointwise(FloatNear(1e-5), {loss0, loss1}));
  EXPECT_THAT(FloatValues((*outputs)[1]),
              Pointwise(FloatNear(1e-6), {p[0], p[1], p[2] - 1, p[0] - 0.5f, p[1] - 0.5f, p[2]}));
}

TEST(SoftmaxCrossEntropyTest, LabelsBroadcastAgainstLogits) {
  const std::vector<float> p = Softmax123();
  auto outputs = RunOp("SoftmaxCrossEntropyWithLogits",
                       {Floats({2, 3}, {1, 2, 3, 1, 2, 3}), Floats({3}, {1, 0, 0})}, "", 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]),
              Pointwise(FloatNear(1e-5), {-std::log(p[0]), -std::log(p[0])}));
  EXPECT_FALSE(
      RunOp("SoftmaxCrossEntropyWithLogits", {Floats({2, 3}, {}), Floats({2, 2}, {})}, "", 2).ok());
  EXPECT_FALSE(
      RunOp("SoftmaxCrossEntropyWithLogits", {Floats({1, 2, 3}, {}), Floats({1, 2, 3}, {})}, "", 2)
          .ok());
}

TEST(SparseSoftmaxCrossEntropyTest, LabelsAreClassIndices) {
  const std::vector<float> p = Softmax123();
  auto outputs = RunOp("SparseSoftmaxCrossEntropyWithLogits",
                       {Floats({2, 3}, {1, 2, 3, 1, 2, 3}), Ints({2}, {2, 0})}, "", 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]),
              Pointwise(FloatNear(1e-5), {-std::log(p[2]), -std::log(p[0])}));
  EXPECT_THAT(FloatValues((*outputs)[1]),
              Pointwise(FloatNear(1e-6), {p[0], p[1], p[2] - 1, p[0] - 1, p[1], p[2]}));
  EXPECT_THAT(std::string(RunOp("SparseSoftmaxCrossEntropyWithLogits",
                                {Floats({1, 3}, {1, 2, 3}), Ints({1}, {3})}, "", 2)
                              .status()
                              .message()),
              HasSubstr("outside the valid range of [0, 3)"));
}

TEST(L2LossTest, HalfTheSumOfSquares) {
  auto outputs = RunOp("L2Loss", {Floats({2, 2}, {1, -2, 3, 0.5f})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].rank(), 0);
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAre(7.125f));
  auto empty = RunOp("L2Loss", {Floats({0}, {})}, "");
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_THAT(FloatValues((*empty)[0]), ElementsAre(0));
  EXPECT_FALSE(RunOp("L2Loss", {Ints({1}, {1})}, "").ok());
}

}  // namespace
}  // namespace tfjs::runtime
