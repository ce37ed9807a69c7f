// Tests for Roll, Bitcast, DynamicPartition and DynamicStitch.
#include <cstring>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
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

// tf.bitcast between 64-bit and narrower types: little-endian halves in a new last dim, and a
// last dim of the size ratio folded back.
TEST(BitcastTest, SixtyFourBitTypesSplitAndJoinLittleEndian) {
  Tensor wide = *Tensor::Allocate(tensorflow::DT_INT64, {2});
  wide.mutable_data<int64_t>()[0] = (int64_t{2} << 32) | 1;
  wide.mutable_data<int64_t>()[1] = -2;
  std::vector<Tensor> halves = RunOk("Bitcast", {wide}, testing::TypeAttr("type", "DT_INT32"));
  EXPECT_EQ(ShapeString(halves[0].shape()), "[2,2]");
  EXPECT_THAT(IntValues(halves[0]), ElementsAre(1, 2, -2, -1));
  std::vector<Tensor> joined = RunOk("Bitcast", {halves[0]}, testing::TypeAttr("type", "DT_INT64"));
  EXPECT_EQ(ShapeString(joined[0].shape()), "[2]");
  EXPECT_EQ(joined[0].data<int64_t>()[0], (int64_t{2} << 32) | 1);
  // The bytes of 1.5 (0x3ff8000000000000) as float64.
  Tensor bytes = *Tensor::Zeros(tensorflow::DT_UINT8, {1, 8});
  bytes.mutable_data<uint8_t>()[6] = 0xf8;
  bytes.mutable_data<uint8_t>()[7] = 0x3f;
  std::vector<Tensor> real = RunOk("Bitcast", {bytes}, testing::TypeAttr("type", "DT_DOUBLE"));
  EXPECT_EQ(ShapeString(real[0].shape()), "[1]");
  EXPECT_EQ(real[0].data<double>()[0], 1.5);
  Tensor complex = *Tensor::Allocate(tensorflow::DT_COMPLEX64, {1});
  complex.mutable_data<float>()[0] = 1.5f;
  complex.mutable_data<float>()[1] = -2.f;
  std::vector<Tensor> parts = RunOk("Bitcast", {complex}, testing::TypeAttr("type", "DT_FLOAT"));
  EXPECT_THAT(FloatValues(parts[0]), ElementsAre(1.5f, -2.f));
  std::vector<Tensor> bits = RunOk("Bitcast", {complex}, testing::TypeAttr("type", "DT_INT64"));
  EXPECT_EQ(ShapeString(bits[0].shape()), "[1]");
  EXPECT_EQ(static_cast<uint64_t>(bits[0].data<int64_t>()[0]), 0xc00000003fc00000ull);
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
  std::vector<Tensor> outputs = RunOk(
      "DynamicStitch",
      {Ints({2}, {0, 3}), Ints({1}, {0}), Floats({2, 2}, {1, 2, 3, 4}), Floats({1, 2}, {9, 9})},
      testing::IntAttr("N", 2));
  EXPECT_EQ(ShapeString(outputs[0].shape()), "[4,2]");
  EXPECT_THAT(FloatValues(outputs[0]), ElementsAre(9, 9, 0, 0, 0, 0, 3, 4));
  EXPECT_THAT(RunError("DynamicStitch", {Ints({2}, {0, 1}), Floats({3}, {1, 2, 3})}),
              HasSubstr("data[0] must have shape [2]"));
}

}  // namespace
}  // namespace tfjs::runtime
