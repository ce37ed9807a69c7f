// Tests for the bitwise ops, TensorScatterUpdate/Add/Sub/Min/Max and the ScatterNd* ref ops.
#include <climits>

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
using testing::MakeTensor;
using testing::RunOp;

TEST(BitwiseTest, BinaryOpsBroadcast) {
  Tensor x = Ints({2, 2}, {0b1100, 0b1010, -1, 7});
  Tensor y = Ints({2}, {0b1010, 0b0110});
  auto both = RunOp("BitwiseAnd", {x, y}, "");
  auto either = RunOp("BitwiseOr", {x, y}, "");
  auto one = RunOp("BitwiseXor", {x, y}, "");
  ASSERT_TRUE(both.ok() && either.ok() && one.ok()) << both.status();
  EXPECT_THAT(IntValues((*both)[0]), ElementsAre(0b1000, 0b0010, 0b1010, 0b0110));
  EXPECT_THAT(IntValues((*either)[0]), ElementsAre(0b1110, 0b1110, -1, 7));
  EXPECT_THAT(IntValues((*one)[0]), ElementsAre(0b0110, 0b1100, ~0b1010, 1));
  EXPECT_FALSE(RunOp("BitwiseAnd", {x, Ints({3}, {1, 2, 3})}, "").ok());
  EXPECT_THAT(std::string(RunOp("BitwiseAnd", {Floats({1}, {1}), Floats({1}, {1})}, "")
                              .status().message()),
              HasSubstr("integer"));
}

TEST(BitwiseTest, ShiftsClampTheAmount) {
  auto left = RunOp("LeftShift", {Ints({4}, {1, 1, 3, -1}), Ints({4}, {3, 40, -2, 1})}, "");
  ASSERT_TRUE(left.ok()) << left.status();
  EXPECT_THAT(IntValues((*left)[0]), ElementsAre(8, INT_MIN, 3, -2));
  auto right = RunOp("RightShift", {Ints({3}, {-8, 256, -1}), Ints({3}, {1, 100, 3})}, "");
  ASSERT_TRUE(right.ok()) << right.status();
  EXPECT_THAT(IntValues((*right)[0]), ElementsAre(-4, 0, -1));
}

TEST(BitwiseTest, InvertKeepsWidth) {
  auto out = RunOp("Invert", {MakeTensor<uint8_t>(tensorflow::DT_UINT8, {2}, {0, 0x0f})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].values<uint8_t>(), ElementsAre(0xff, 0xf0));
}

TEST(TensorScatterTest, UpdateRowsAndElements) {
  auto rows = RunOp("TensorScatterUpdate",
                    {Ints({3, 2}, {1, 2, 3, 4, 5, 6}), Ints({1, 1}, {2}), Ints({1, 2}, {9, 8})}, "");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT(IntValues((*rows)[0]), ElementsAre(1, 2, 3, 4, 9, 8));
  auto elements = RunOp("TensorScatterUpdate",
                        {Floats({2, 2}, {0, 0, 0, 0}), Ints({2, 2}, {0, 1, 1, 0}),
                         Floats({2}, {5, 6})}, "");
  ASSERT_TRUE(elements.ok()) << elements.status();
  EXPECT_THAT(FloatValues((*elements)[0]), ElementsAre(0, 5, 6, 0));
}

TEST(TensorScatterTest, CombiningOpsAccumulateDuplicates) {
  Tensor tensor = Ints({4}, {10, 10, 10, 10});
  Tensor indices = Ints({3, 1}, {1, 1, 3});
  Tensor updates = Ints({3}, {1, 20, 5});
  auto add = RunOp("TensorScatterAdd", {tensor, indices, updates}, "");
  auto sub = RunOp("TensorScatterSub", {tensor, indices, updates}, "");
  auto min = RunOp("TensorScatterMin", {tensor, indices, updates}, "");
  auto max = RunOp("TensorScatterMax", {tensor, indices, updates}, "");
  ASSERT_TRUE(add.ok() && sub.ok() && min.ok() && max.ok()) << add.status();
  EXPECT_THAT(IntValues((*add)[0]), ElementsAre(10, 31, 10, 15));
  EXPECT_THAT(IntValues((*sub)[0]), ElementsAre(10, -11, 10, 5));
  EXPECT_THAT(IntValues((*min)[0]), ElementsAre(10, 1, 10, 5));
  EXPECT_THAT(IntValues((*max)[0]), ElementsAre(10, 20, 10, 10));
}

TEST(TensorScatterTest, Errors) {
  Tensor tensor = Ints({4}, {0, 0, 0, 0});
  EXPECT_THAT(std::string(RunOp("TensorScatterUpdate",
                                {tensor, Ints({1, 1}, {4}), Ints({1}, {1})}, "")
                              .status().message()),
              HasSubstr("indices[0] = [4] does not index into shape [4]"));
  EXPECT_FALSE(RunOp("TensorScatterUpdate", {tensor, Ints({1, 1}, {0}), Ints({2}, {1, 2})}, "")
                   .ok());
  EXPECT_FALSE(RunOp("TensorScatterUpdate", {tensor, Ints({1, 2}, {0, 0}), Ints({1}, {1})}, "")
                   .ok());
}

TEST(ScatterNdRefTest, WritesIntoTheFrozenVariableValue) {
  // ScatterNdAdd(ref [2,3], indices [[0,1],[1,2],[0,1]], updates) as TF's ref op computes it.
  Tensor ref = Floats({2, 3}, {1, 1, 1, 1, 1, 1});
  Tensor indices = Ints({3, 2}, {0, 1, 1, 2, 0, 1});
  Tensor updates = Floats({3}, {0.5f, 2, 0.25f});
  const std::string attrs = "attr { key: 'use_locking' value { b: true } }";
  auto add = RunOp("ScatterNdAdd", {ref, indices, updates}, attrs);
  auto sub = RunOp("ScatterNdSub", {ref, indices, updates}, attrs);
  auto update = RunOp("ScatterNdUpdate", {ref, Ints({1, 1}, {1}), Floats({1, 3}, {7, 8, 9})},
                      attrs);
  auto min = RunOp("ScatterNdMin", {ref, indices, updates}, "");
  auto max = RunOp("ScatterNdMax", {ref, indices, updates}, "");
  ASSERT_TRUE(add.ok() && sub.ok() && update.ok() && min.ok() && max.ok()) << add.status();
  EXPECT_THAT(FloatValues((*add)[0]), ElementsAre(1, 1.75f, 1, 1, 1, 3));
  EXPECT_THAT(FloatValues((*sub)[0]), ElementsAre(1, 0.25f, 1, 1, 1, -1));
  EXPECT_THAT(FloatValues((*update)[0]), ElementsAre(1, 1, 1, 7, 8, 9));
  EXPECT_THAT(FloatValues((*min)[0]), ElementsAre(1, 0.25f, 1, 1, 1, 1));
  EXPECT_THAT(FloatValues((*max)[0]), ElementsAre(1, 1, 1, 1, 1, 2));
  EXPECT_FALSE(RunOp("ScatterNdAdd", {ref, Ints({1, 2}, {2, 0}), Floats({1}, {1})}, "").ok());
}

}  // namespace
}  // namespace tfjs::runtime
