#include "tools/npy/tensor_npy.h"

#include <cstring>

#include "gtest/gtest.h"

namespace tfjs::tools {
namespace {

// bfloat16 has no .npy dtype: it goes out as float32 holding the exact values (0x3fc0 is 1.5,
// 0xc080 is -4, 0x3f81 is 1 + 2^-7) and comes back the same when the model wants bfloat16.
TEST(TensorNpyTest, Bfloat16TravelsAsExactFloat32) {
  runtime::Tensor tensor = *runtime::Tensor::Allocate(tensorflow::DT_BFLOAT16, {3});
  const uint16_t bits[] = {0x3fc0, 0xc080, 0x3f81};
  std::memcpy(tensor.mutable_data<uint16_t>(), bits, sizeof(bits));
  absl::StatusOr<NpyArray> array = NpyFromTensor(tensor);
  ASSERT_TRUE(array.ok()) << array.status();
  EXPECT_EQ(array->descr, "<f4");
  EXPECT_EQ(array->shape, std::vector<int64_t>{3});
  float values[3];
  ASSERT_EQ(array->data.size(), sizeof(values));
  std::memcpy(values, array->data.data(), sizeof(values));
  EXPECT_EQ(values[0], 1.5f);
  EXPECT_EQ(values[1], -4.f);
  EXPECT_EQ(values[2], 1.f + 1.f / 128);

  absl::StatusOr<runtime::Tensor> back = TensorFromNpyAs(*array, tensorflow::DT_BFLOAT16);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->dtype(), tensorflow::DT_BFLOAT16);
  EXPECT_EQ(back->data<uint16_t>()[0], 0x3fc0);
  EXPECT_EQ(back->data<uint16_t>()[1], 0xc080);
  EXPECT_EQ(back->data<uint16_t>()[2], 0x3f81);
  // Wanted as float32 (or unknown), the array is read as it is.
  EXPECT_EQ(TensorFromNpyAs(*array, tensorflow::DT_FLOAT)->dtype(), tensorflow::DT_FLOAT);
}

}  // namespace
}  // namespace tfjs::tools
