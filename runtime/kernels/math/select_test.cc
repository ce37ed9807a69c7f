#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/math/half_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::BFloat16s;
using testing::Bools;
using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using testing::Halves;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

Tensor RunOk(const std::string& op, const std::vector<Tensor>& inputs) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, "");
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0] : Tensor();
}

std::string RunError(const std::string& op, const std::vector<Tensor>& inputs) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, "");
  EXPECT_FALSE(outputs.ok());
  return std::string(outputs.status().message());
}

const Tensor kThen = Floats({2, 2}, {1, 2, 3, 4});
const Tensor kElse = Floats({2, 2}, {-1, -2, -3, -4});

TEST(SelectTest, ElementwiseCondition) {
  Tensor out = RunOk("Select", {Bools({2, 2}, {true, false, false, true}), kThen, kElse});
  EXPECT_THAT(FloatValues(out), ElementsAre(1, -2, -3, 4));
}

TEST(SelectTest, ScalarConditionPicksAWholeBranch) {
  EXPECT_THAT(FloatValues(RunOk("Select", {Bools({}, {false}), kThen, kElse})),
              ElementsAre(-1, -2, -3, -4));
}

TEST(SelectTest, VectorConditionPicksRows) {
  Tensor out = RunOk("Select", {Bools({2}, {false, true}), kThen, kElse});
  EXPECT_THAT(out.shape(), ElementsAre(2, 2));
  EXPECT_THAT(FloatValues(out), ElementsAre(-1, -2, 3, 4));
}

TEST(SelectTest, RejectsBroadcastingItDoesNotDefine) {
  EXPECT_THAT(RunError("Select", {Bools({2}, {true, false}), kThen, Floats({2}, {0, 0})}),
              HasSubstr("'then' and 'else' must have the same shape"));
  EXPECT_THAT(RunError("Select", {Bools({3}, {true, false, true}), kThen, kElse}),
              HasSubstr("must match the size of 'cond'"));
  EXPECT_THAT(RunError("Select", {Bools({1, 2}, {true, false}), kThen, kElse}),
              HasSubstr("must be a scalar, a vector"));
}

TEST(SelectV2Test, BroadcastsAllThree) {
  // Condition per column, then a column vector, else a scalar.
  Tensor out =
      RunOk("SelectV2", {Bools({3}, {true, false, true}), Ints({2, 1}, {1, 2}), Ints({}, {0})});
  EXPECT_THAT(out.shape(), ElementsAre(2, 3));
  EXPECT_THAT(IntValues(out), ElementsAre(1, 0, 1, 2, 0, 2));
}

TEST(SelectV2Test, VectorConditionBroadcastsAlongLastDim) {
  // Unlike Select, a [2] condition lines up with the last dim.
  Tensor out = RunOk("SelectV2", {Bools({2}, {false, true}), kThen, kElse});
  EXPECT_THAT(FloatValues(out), ElementsAre(-1, 2, -3, 4));
}

TEST(SelectV2Test, BoolAndStringBranches) {
  Tensor bools = RunOk("SelectV2", {Bools({2}, {true, false}), Bools({2}, {false, false}),
                                    Bools({2}, {true, true})});
  EXPECT_THAT(bools.values<bool>(), ElementsAre(false, true));
  Tensor strings = RunOk("SelectV2", {Bools({2}, {true, false}), Tensor::Strings({}, {"yes"}),
                                      Tensor::Strings({2}, {"a", "b"})});
  EXPECT_THAT(strings.strings(), ElementsAre("yes", "b"));
}

TEST(SelectV2Test, ZeroSizeAndErrors) {
  Tensor empty = RunOk("SelectV2", {Bools({0}, {}), Floats({}, {1}), Floats({}, {2})});
  EXPECT_THAT(empty.shape(), ElementsAre(0));
  EXPECT_THAT(RunError("SelectV2", {Floats({1}, {1}), kThen, kElse}), HasSubstr("must be bool"));
  EXPECT_THAT(RunError("SelectV2", {Bools({3}, {}), kThen, kElse}),
              HasSubstr("Incompatible shapes"));
  EXPECT_THAT(RunError("SelectV2", {Bools({1}, {true}), kThen, Ints({1}, {1})}),
              HasSubstr("same dtype"));
}

TEST(SelectTest, Float16AndBFloat16BranchesAreCopiedBitForBit) {
  // NaN payloads, -0, subnormals and infinity pass through unchanged: selection only copies.
  const Tensor then_half = Halves({2, 2}, {0x7d01, 0x8000, 0x0001, 0x7c00});
  const Tensor else_half = Halves({2, 2}, {0x3c00, 0x3c01, 0xfc00, 0xfe42});
  Tensor rows = RunOk("Select", {Bools({2}, {false, true}), then_half, else_half});
  EXPECT_EQ(rows.dtype(), tensorflow::DT_HALF);
  EXPECT_THAT(rows.values<uint16_t>(), ElementsAre(0x3c00, 0x3c01, 0x0001, 0x7c00));
  Tensor elements =
      RunOk("Select", {Bools({2, 2}, {true, false, true, false}), then_half, else_half});
  EXPECT_THAT(elements.values<uint16_t>(), ElementsAre(0x7d01, 0x3c01, 0x0001, 0xfe42));
  Tensor bfloat16 = RunOk("SelectV2", {Bools({3}, {true, false, true}),
                                       BFloat16s({2, 1}, {0x7fc1, 0x8000}),
                                       BFloat16s({}, {0x3f80})});
  EXPECT_EQ(bfloat16.dtype(), tensorflow::DT_BFLOAT16);
  EXPECT_THAT(bfloat16.shape(), ElementsAre(2, 3));
  EXPECT_THAT(bfloat16.values<uint16_t>(),
              ElementsAre(0x7fc1, 0x3f80, 0x7fc1, 0x8000, 0x3f80, 0x8000));
  Tensor empty = RunOk("SelectV2", {Bools({0}, {}), Halves({}, {0x3c00}), Halves({}, {0})});
  EXPECT_THAT(empty.shape(), ElementsAre(0));
  EXPECT_EQ(empty.dtype(), tensorflow::DT_HALF);
  EXPECT_THAT(RunError("SelectV2", {Bools({1}, {true}), Halves({1}, {0}), BFloat16s({1}, {0})}),
              HasSubstr("same dtype"));
}

}  // namespace
}  // namespace tfjs::runtime
