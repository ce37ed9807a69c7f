#include "runtime/declared_dtype.h"

#include <cstdint>

#include "gtest/gtest.h"
#include "runtime/half.h"

namespace tfjs::runtime {
namespace {

template <typename T>
Tensor Vector(DataType dtype, std::initializer_list<T> values) {
  Tensor tensor = *Tensor::Allocate(dtype, {static_cast<int64_t>(values.size())});
  int i = 0;
  for (T value : values) tensor.mutable_data<T>()[i++] = value;
  return tensor;
}

TEST(ToDeclaredDtypeTest, WidensNarrowedFloat64AndInt64Weights) {
  absl::StatusOr<Tensor> doubles =
      ToDeclaredDtype(Vector<float>(tensorflow::DT_FLOAT, {0.5f, -2.0f}), tensorflow::DT_DOUBLE);
  ASSERT_TRUE(doubles.ok()) << doubles.status();
  ASSERT_EQ(doubles->dtype(), tensorflow::DT_DOUBLE);
  EXPECT_EQ(doubles->shape(), Shape({2}));
  EXPECT_EQ(doubles->data<double>()[0], 0.5);
  EXPECT_EQ(doubles->data<double>()[1], -2.0);

  absl::StatusOr<Tensor> longs =
      ToDeclaredDtype(Vector<int32_t>(tensorflow::DT_INT32, {-7, 3}), tensorflow::DT_INT64);
  ASSERT_TRUE(longs.ok()) << longs.status();
  ASSERT_EQ(longs->dtype(), tensorflow::DT_INT64);
  EXPECT_EQ(longs->data<int64_t>()[0], -7);
  EXPECT_EQ(longs->data<int64_t>()[1], 3);
}

TEST(ToDeclaredDtypeTest, NarrowsToHalfPrecisionAndSmallIntegers) {
  absl::StatusOr<Tensor> half =
      ToDeclaredDtype(Vector<float>(tensorflow::DT_FLOAT, {1.5f}), tensorflow::DT_HALF);
  ASSERT_TRUE(half.ok());
  ASSERT_EQ(half->dtype(), tensorflow::DT_HALF);
  EXPECT_EQ(HalfToFloat(half->data<uint16_t>()[0]), 1.5f);

  absl::StatusOr<Tensor> bfloat =
      ToDeclaredDtype(Vector<float>(tensorflow::DT_FLOAT, {1.5f}), tensorflow::DT_BFLOAT16);
  ASSERT_TRUE(bfloat.ok());
  ASSERT_EQ(bfloat->dtype(), tensorflow::DT_BFLOAT16);
  EXPECT_EQ(bfloat->data<uint16_t>()[0], 0x3fc0);

  absl::StatusOr<Tensor> small =
      ToDeclaredDtype(Vector<int32_t>(tensorflow::DT_INT32, {-128, 127}), tensorflow::DT_INT8);
  ASSERT_TRUE(small.ok());
  ASSERT_EQ(small->dtype(), tensorflow::DT_INT8);
  EXPECT_EQ(small->data<int8_t>()[0], -128);
  EXPECT_EQ(small->data<int8_t>()[1], 127);
}

TEST(ToDeclaredDtypeTest, NarrowsInt32ToUnsignedIntegersKeepingTheBits) {
  absl::StatusOr<Tensor> bytes =
      ToDeclaredDtype(Vector<int32_t>(tensorflow::DT_INT32, {0, 255}), tensorflow::DT_UINT8);
  ASSERT_TRUE(bytes.ok());
  ASSERT_EQ(bytes->dtype(), tensorflow::DT_UINT8);
  EXPECT_EQ(bytes->data<uint8_t>()[1], 255);
  absl::StatusOr<Tensor> shorts =
      ToDeclaredDtype(Vector<int32_t>(tensorflow::DT_INT32, {65535}), tensorflow::DT_UINT16);
  ASSERT_TRUE(shorts.ok());
  EXPECT_EQ(shorts->data<uint16_t>()[0], 65535);
  absl::StatusOr<Tensor> words =
      ToDeclaredDtype(Vector<int32_t>(tensorflow::DT_INT32, {-1}), tensorflow::DT_UINT32);
  ASSERT_TRUE(words.ok());
  ASSERT_EQ(words->dtype(), tensorflow::DT_UINT32);
  EXPECT_EQ(words->data<uint32_t>()[0], 4294967295u);
}

TEST(ToDeclaredDtypeTest, LeavesMatchingAndUnrelatedDtypesAlone) {
  absl::StatusOr<Tensor> same =
      ToDeclaredDtype(Vector<float>(tensorflow::DT_FLOAT, {1.0f}), tensorflow::DT_FLOAT);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->dtype(), tensorflow::DT_FLOAT);
  absl::StatusOr<Tensor> undeclared =
      ToDeclaredDtype(Vector<int32_t>(tensorflow::DT_INT32, {1}), tensorflow::DT_INVALID);
  ASSERT_TRUE(undeclared.ok());
  EXPECT_EQ(undeclared->dtype(), tensorflow::DT_INT32);
}

}  // namespace
}  // namespace tfjs::runtime
