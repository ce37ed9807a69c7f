// Tests for Roll, Bitcast, DynamicPartition and DynamicStitch.
#include <cstring>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::FloatValues;
using testing::Floats;
using testing::Ints;
using testing::IntValues;
using testing::RunError;
using testing::RunOk;

TEST(RollTest, ShiftsWrapAroundAndRepeatedAxesAdd) {
  Tensor input = Ints({2, 3}, {1, 2, 3, 4, 5, 6});
  EXPECT_THAT(IntValues(RunOk("Roll", {input, Ints({}, {1}), Ints({}, {1})})[0]),
              ElementsAre(3, 1, 2, 6, 4, 5));
  EXPECT_THAT(IntValues(RunOk("Roll", {input, Ints({2}, {-1, 1}), Ints({2}, {1, 0})})[0]),
              ElementsAre(5, 6, 4, 2, 3, 1));
  EXPECT_THAT(IntValues(RunOk("Roll", {input, Ints({2}, {2, 2}), Ints({2}, {-1, -1})})[0]),
              ElementsAre(3, 1, 2, 6, 4, 5));
  EXPECT_THAT(RunError("Roll", {input, Ints({2}, {1, 1}), Ints({1}, {0})}), HasSubstr("same size"));
  EXPECT_THAT(RunError("Roll", {input, Ints({}, {1}), Ints({}, {2})}), HasSubstr("out of range"));
}

TEST(BitcastTest, WidthsDecideTheShape) {
  Tensor input = Floats({2}, {1.0f, -2.0f});
  std::vector<Tensor> as_int = RunOk("Bitcast", {input}, testing::TypeAttr("type", "DT_INT32"));
  int32_t bits;
  const float one = 1.0f;
  std::memcpy(&bits, &one, 4);
  EXPECT_EQ(IntValues(as_int[0])[0], bits);
  std::vector<Tensor> as_bytes = RunOk("Bitcast", {input}, testing::TypeAttr("type", "DT_UINT8"));
  EXPECT_EQ(ShapeString(as_bytes[0].shape()), "[2,4]");
  std::vector<Tensor> back = RunOk("Bitcast", {as_bytes[0]}, testing::TypeAttr("type", "DT_FLOAT"));
  EXPECT_THAT(FloatValues(back[0]), ElementsAre(1.0f, -2.0f));
  EXPECT_THAT(RunError("Bitcast", {Ints({3}, {1, 2, 3})}, testing::TypeAttr("type", "DT_INT64")),
              HasSubstr("must end in 2"));
}

TEST(DynamicPartitionTest, SplitsByPartitionId) {
  std::vector<Tensor> outputs =
      RunOk("DynamicPartition", {Ints({3, 2}, {1, 2, 3, 4, 5, 6}), Ints({3}, {1, 0, 1})},
            testing::IntAttr("num_partitions", 3), 3);
  EXPECT_THAT(IntValues(outputs[0]), ElementsAre(3, 4));
  EXPECT_THAT(IntValues(outputs[1]), ElementsAre(1, 2, 5, 6));
  EXPECT_EQ(ShapeString(outputs[2].shape()), "[0,2]");
  EXPECT_THAT(RunError("DynamicPartition", {Ints({2}, {1, 2}), Ints({2}, {0, 3})},
                       testing::IntAttr("num_partitions", 3), 3),
              HasSubstr("partitions[1] = 3 is not in [0, 3)"));
}

TEST(DynamicStitchTest, LaterInputsWinAndGapsAreZero) {
  std::vector<Tensor> outputs =
      RunOk("DynamicStitch", {Ints({2}, {0, 3}), Ints({1}, {0}), Floats({2, 2}, {1, 2, 3, 4}),
                              Floats({1, 2}, {9, 9})},
            testing::IntAttr("N", 2));
  EXPECT_EQ(ShapeString(outputs[0].shape()), "[4,2]");
  EXPECT_THAT(FloatValues(outputs[0]), ElementsAre(9, 9, 0, 0, 0, 0, 3, 4));
  EXPECT_THAT(RunError("DynamicStitch", {Ints({2}, {0, 1}), Floats({3}, {1, 2, 3})}),
              HasSubstr("data[0] must have shape [2]"));
}

}  // namespace
}  // namespace tfjs::runtime
