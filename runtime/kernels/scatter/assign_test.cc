#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::FloatValues;
using testing::Floats;
using testing::RunOp;

TEST(AssignTest, OutputsTheAssignedValue) {
  auto outputs = RunOp("Assign", {Floats({2}, {0, 0}), Floats({2}, {3, 4})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAre(3, 4));
}

TEST(AssignTest, ValidateShapeDecidesWhetherShapesMustMatch) {
  EXPECT_THAT(std::string(RunOp("Assign", {Floats({2}, {0, 0}), Floats({3}, {1, 2, 3})}, "")
                              .status().message()),
              HasSubstr("shapes of both tensors to match"));
  auto reshaped = RunOp("Assign", {Floats({2}, {0, 0}), Floats({3}, {1, 2, 3})},
                        "attr { key: 'validate_shape' value { b: false } }");
  ASSERT_TRUE(reshaped.ok()) << reshaped.status();
  EXPECT_THAT(FloatValues((*reshaped)[0]), ElementsAre(1, 2, 3));
}

TEST(AssignTest, AddAndSubUpdateTheValue) {
  auto add = RunOp("AssignAdd", {Floats({2}, {1, 2}), Floats({2}, {3, 4})}, "");
  auto sub = RunOp("AssignSub", {Floats({2}, {1, 2}), Floats({2}, {3, 4})}, "");
  ASSERT_TRUE(add.ok() && sub.ok()) << add.status() << sub.status();
  EXPECT_THAT(FloatValues((*add)[0]), ElementsAre(4, 6));
  EXPECT_THAT(FloatValues((*sub)[0]), ElementsAre(-2, -2));
  EXPECT_FALSE(RunOp("AssignAdd", {Floats({2}, {1, 2}), Floats({1}, {3})}, "").ok());
}

}  // namespace
}  // namespace tfjs::runtime
