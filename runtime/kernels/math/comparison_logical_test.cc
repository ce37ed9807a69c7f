#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::Bools;
using ::testing::ElementsAre;
using testing::Floats;
using ::testing::HasSubstr;
using testing::Ints;
using testing::RunOp;

std::vector<bool> BoolValues(const Tensor& tensor) {
  EXPECT_EQ(tensor.dtype(), tensorflow::DT_BOOL);
  absl::Span<const bool> values = tensor.values<bool>();
  return std::vector<bool>(values.begin(), values.end());
}

Tensor RunOk(const std::string& op, const std::vector<Tensor>& inputs,
             const std::string& attrs = "") {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs);
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0] : Tensor();
}

TEST(ComparisonTest, EveryOrderingBroadcastsToBool) {
  Tensor x = Floats({3}, {1, 2, 3});
  Tensor y = Floats({}, {2});
  EXPECT_THAT(BoolValues(RunOk("Greater", {x, y})), ElementsAre(false, false, true));
  EXPECT_THAT(BoolValues(RunOk("GreaterEqual", {x, y})), ElementsAre(false, true, true));
  EXPECT_THAT(BoolValues(RunOk("Less", {x, y})), ElementsAre(true, false, false));
  EXPECT_THAT(BoolValues(RunOk("LessEqual", {x, y})), ElementsAre(true, true, false));
  EXPECT_THAT(BoolValues(RunOk("Equal", {x, y})), ElementsAre(false, true, false));
  EXPECT_THAT(BoolValues(RunOk("NotEqual", {x, y})), ElementsAre(true, false, true));
}

TEST(ComparisonTest, ColumnAgainstRow) {
  Tensor out = RunOk("Less", {Ints({2, 1}, {1, 3}), Ints({3}, {0, 2, 4})});
  EXPECT_THAT(out.shape(), ElementsAre(2, 3));
  EXPECT_THAT(BoolValues(out), ElementsAre(false, true, true, false, false, true));
}

TEST(ComparisonTest, NaNComparesUnequal) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_THAT(BoolValues(RunOk("Equal", {Floats({1}, {nan}), Floats({1}, {nan})})),
              ElementsAre(false));
  EXPECT_THAT(BoolValues(RunOk("NotEqual", {Floats({1}, {nan}), Floats({1}, {nan})})),
              ElementsAre(true));
  EXPECT_THAT(BoolValues(RunOk("Greater", {Floats({1}, {nan}), Floats({1}, {0})})),
              ElementsAre(false));
}

TEST(ComparisonTest, EqualOnBoolsAndStrings) {
  EXPECT_THAT(BoolValues(RunOk("Equal", {Bools({2}, {true, false}), Bools({}, {true})})),
              ElementsAre(true, false));
  EXPECT_THAT(
      BoolValues(RunOk("Equal", {Tensor::Strings({2}, {"a", "b"}), Tensor::Strings({}, {"b"})})),
      ElementsAre(false, true));
}

TEST(ComparisonTest, IncompatibleShapesAnswerScalarWhenAsked) {
  const std::string lenient = R"(attr { key: "incompatible_shape_error" value { b: false } })";
  Tensor equal = RunOk("Equal", {Ints({2}, {1, 2}), Ints({3}, {1, 2, 3})}, lenient);
  EXPECT_TRUE(equal.shape().empty());
  EXPECT_THAT(BoolValues(equal), ElementsAre(false));
  EXPECT_THAT(BoolValues(RunOk("NotEqual", {Ints({2}, {1, 2}), Ints({3}, {1, 2, 3})}, lenient)),
              ElementsAre(true));
  EXPECT_FALSE(RunOp("Equal", {Ints({2}, {1, 2}), Ints({3}, {1, 2, 3})}, "").ok());
}

TEST(ComparisonTest, Errors) {
  absl::StatusOr<std::vector<Tensor>> mixed = RunOp("Less", {Floats({1}, {1}), Ints({1}, {1})}, "");
  EXPECT_THAT(std::string(mixed.status().message()), HasSubstr("same dtype"));
  absl::StatusOr<std::vector<Tensor>> bools =
      RunOp("Greater", {Bools({1}, {true}), Bools({1}, {true})}, "");
  EXPECT_THAT(std::string(bools.status().message()), HasSubstr("has dtype bool"));
}

TEST(ComparisonTest, ZeroSize) {
  Tensor out = RunOk("Greater", {Floats({0}, {}), Floats({}, {1})});
  EXPECT_THAT(out.shape(), ElementsAre(0));
  EXPECT_EQ(out.dtype(), tensorflow::DT_BOOL);
}

TEST(LogicalTest, AndOrNot) {
  Tensor x = Bools({4}, {true, true, false, false});
  Tensor y = Bools({4}, {true, false, true, false});
  EXPECT_THAT(BoolValues(RunOk("LogicalAnd", {x, y})), ElementsAre(true, false, false, false));
  EXPECT_THAT(BoolValues(RunOk("LogicalOr", {x, y})), ElementsAre(true, true, true, false));
  EXPECT_THAT(BoolValues(RunOk("LogicalNot", {x})), ElementsAre(false, false, true, true));
  EXPECT_THAT(
      BoolValues(RunOk("LogicalAnd", {Bools({2, 1}, {true, false}), Bools({2}, {true, false})})),
      ElementsAre(true, false, false, false));
}

TEST(LogicalTest, RejectsNonBool) {
  absl::StatusOr<std::vector<Tensor>> out = RunOp("LogicalNot", {Floats({1}, {1})}, "");
  EXPECT_THAT(std::string(out.status().message()), HasSubstr("this op takes bool"));
  out = RunOp("LogicalOr", {Bools({1}, {true}), Ints({1}, {1})}, "");
  EXPECT_THAT(std::string(out.status().message()), HasSubstr("this op takes bool"));
}

}  // namespace
}  // namespace tfjs::runtime
