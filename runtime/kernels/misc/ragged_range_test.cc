#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using ::testing::HasSubstr;
using ::testing::Pointwise;
using testing::FloatValues;
using testing::Floats;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

TEST(RaggedRangeTest, RowsOfRangesWithBroadcastScalars) {
  auto outputs = RunOp("RaggedRange", {Ints({3}, {0, 5, 8}), Ints({3}, {3, 5, 4}), Ints({}, {-2})},
                       "attr { key: 'Tsplits' value { type: DT_INT32 } }", 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  // Row 0: 0 >= 3 going down is empty; row 1 empty; row 2: 8, 6.
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAre(0, 0, 0, 2));
  EXPECT_THAT(IntValues((*outputs)[1]), ElementsAre(8, 6));
  auto up = RunOp("RaggedRange", {Ints({2}, {0, 1}), Ints({}, {4}), Ints({2}, {2, 1})},
                  "attr { key: 'Tsplits' value { type: DT_INT32 } }", 2);
  ASSERT_TRUE(up.ok()) << up.status();
  EXPECT_THAT(IntValues((*up)[0]), ElementsAre(0, 2, 5));
  EXPECT_THAT(IntValues((*up)[1]), ElementsAre(0, 2, 1, 2, 3));
}

TEST(RaggedRangeTest, FloatsAndErrors) {
  auto outputs = RunOp("RaggedRange", {Floats({}, {0}), Floats({}, {1}), Floats({}, {0.4f})},
                       "attr { key: 'Tsplits' value { type: DT_INT32 } }", 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[1]),
              Pointwise(FloatNear(1e-6), std::vector<float>{0, 0.4f, 0.8f}));
  EXPECT_THAT(std::string(RunOp("RaggedRange", {Ints({}, {0}), Ints({}, {1}), Ints({}, {0})}, "",
                                2).status().message()),
              HasSubstr("delta != 0"));
}

TEST(FakeQuantArgsTest, RangeComesFromAttrs) {
  // min 0, max 255, 8 bits: scale 1, the grid is the integers.
  auto out = RunOp("FakeQuantWithMinMaxArgs", {Floats({4}, {-1.f, 0.4f, 1.6f, 300.f})},
                   "attr { key: 'min' value { f: 0 } } attr { key: 'max' value { f: 255 } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(0.f, 0.f, 2.f, 255.f));
  EXPECT_FALSE(RunOp("FakeQuantWithMinMaxArgs", {Floats({1}, {1})},
                     "attr { key: 'min' value { f: 1 } } attr { key: 'max' value { f: 1 } }")
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime
