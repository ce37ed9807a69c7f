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

TEST(NthElementTest, PicksTheNthOfEachLastAxisVector) {
  Tensor input = Floats({2, 4}, {3, 1, 4, 1.5f, 9, 2, 6, 5});
  auto ascending = RunOp("NthElement", {input, Ints({}, {1})}, "");
  auto descending =
      RunOp("NthElement", {input, Ints({}, {0})}, "attr { key: 'reverse' value { b: true } }");
  ASSERT_TRUE(ascending.ok() && descending.ok()) << ascending.status() << descending.status();
  EXPECT_EQ(ShapeString((*ascending)[0].shape()), "[2]");
  EXPECT_THAT(FloatValues((*ascending)[0]), ElementsAre(1.5f, 5));
  EXPECT_THAT(FloatValues((*descending)[0]), ElementsAre(4, 9));
}

TEST(NthElementTest, VectorGivesAScalar) {
  auto outputs = RunOp("NthElement", {Ints({5}, {5, 3, 8, 1, 3}), Ints({}, {2})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].rank(), 0);
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAre(3));
}

TEST(NthElementTest, Errors) {
  EXPECT_THAT(std::string(RunOp("NthElement", {Ints({3}, {1, 2, 3}), Ints({}, {3})}, "")
                              .status().message()),
              HasSubstr("at least n+1 columns"));
  EXPECT_THAT(std::string(RunOp("NthElement", {Ints({3}, {1, 2, 3}), Ints({}, {-1})}, "")
                              .status().message()),
              HasSubstr("n >= 0"));
  EXPECT_FALSE(RunOp("NthElement", {Ints({}, {1}), Ints({}, {0})}, "").ok());
}

}  // namespace
}  // namespace tfjs::runtime
