#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::FloatValues;
using testing::Floats;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

// ref [3,2], indices [2, 0, 2] (row 2 twice), updates [3,2].
const Tensor& Ref() {
  static const Tensor* ref = new Tensor(Floats({3, 2}, {1, 2, 3, 4, 5, 6}));
  return *ref;
}
const Tensor& Indices() {
  static const Tensor* indices = new Tensor(Ints({3}, {2, 0, 2}));
  return *indices;
}
const Tensor& Updates() {
  static const Tensor* updates = new Tensor(Floats({3, 2}, {10, 20, 2, 0.5f, 1, 4}));
  return *updates;
}

std::vector<float> Scatter(const std::string& op) {
  auto outputs = RunOp(op, {Ref(), Indices(), Updates()}, "");
  EXPECT_TRUE(outputs.ok()) << op << ": " << outputs.status();
  return outputs.ok() ? FloatValues((*outputs)[0]) : std::vector<float>{};
}

TEST(RefScatterTest, CombinesRowsInIndexOrder) {
  EXPECT_THAT(Scatter("ScatterUpdate"), ElementsAre(2, 0.5f, 3, 4, 1, 4));
  EXPECT_THAT(Scatter("ScatterAdd"), ElementsAre(3, 2.5f, 3, 4, 16, 30));
  EXPECT_THAT(Scatter("ScatterSub"), ElementsAre(-1, 1.5f, 3, 4, -6, -18));
  EXPECT_THAT(Scatter("ScatterMul"), ElementsAre(2, 1, 3, 4, 50, 480));
  EXPECT_THAT(Scatter("ScatterDiv"), ElementsAre(0.5f, 4, 3, 4, 0.5f, 6.0f / 20 / 4));
  EXPECT_THAT(Scatter("ScatterMin"), ElementsAre(1, 0.5f, 3, 4, 1, 4));
  EXPECT_THAT(Scatter("ScatterMax"), ElementsAre(2, 2, 3, 4, 10, 20));
}

TEST(RefScatterTest, ScalarUpdatesEveryAddressedElement) {
  auto outputs = RunOp("ScatterMax", {Ints({2, 2}, {1, 5, 3, 3}), Ints({1}, {0}), Ints({}, {4})},
                       "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAre(4, 5, 3, 3));
}

TEST(RefScatterTest, EmptyIndicesLeaveTheValue) {
  auto outputs = RunOp("ScatterMul", {Ref(), Ints({0}, {}), Floats({0, 2}, {})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAre(1, 2, 3, 4, 5, 6));
}

TEST(RefScatterTest, Errors) {
  EXPECT_THAT(std::string(RunOp("ScatterAdd", {Ref(), Ints({1}, {3}), Floats({1, 2}, {1, 1})},
                                "").status().message()),
              HasSubstr("indices[0] = 3 is not in [0, 3)"));
  EXPECT_THAT(std::string(RunOp("ScatterAdd", {Ref(), Ints({1}, {0}), Floats({1, 3}, {1, 1, 1})},
                                "").status().message()),
              HasSubstr("updates.shape = indices.shape + params.shape[1:]"));
  EXPECT_THAT(std::string(RunOp("ScatterDiv", {Ints({2}, {4, 4}), Ints({1}, {1}), Ints({1}, {0})},
                                "").status().message()),
              HasSubstr("division by zero"));
  EXPECT_FALSE(RunOp("ScatterAdd", {Floats({}, {1}), Ints({1}, {0}), Floats({}, {1})}, "").ok());
}

}  // namespace
}  // namespace tfjs::runtime
