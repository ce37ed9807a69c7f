#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using testing::BoolAttr;
using testing::ExpectClose;
using testing::IntListAttr;
using testing::RandomFloats;
using testing::StringAttr;
using ::tfjs::runtime::testing::Floats;
using ::tfjs::runtime::testing::RunOp;

std::string Attrs(const std::string& padding, std::vector<int64_t> ksize,
                  std::vector<int64_t> strides, bool include_batch) {
  return StringAttr("padding", padding) + IntListAttr("ksize", ksize) +
         IntListAttr("strides", strides) + BoolAttr("include_batch_in_index", include_batch);
}

// Expected max and flat index per output, by a naive loop over NHWC windows.
void Reference(const Tensor& x, int64_t k, int64_t s, int64_t pad, int64_t out_h, int64_t out_w,
               bool include_batch, std::vector<double>* values, std::vector<int64_t>* indices) {
  const int64_t h = x.dim(1), w = x.dim(2), c = x.dim(3);
  for (int64_t b = 0; b < x.dim(0); ++b)
    for (int64_t oy = 0; oy < out_h; ++oy)
      for (int64_t ox = 0; ox < out_w; ++ox)
        for (int64_t ch = 0; ch < c; ++ch) {
          int64_t best = -1;
          for (int64_t ky = 0; ky < k; ++ky)
            for (int64_t kx = 0; kx < k; ++kx) {
              const int64_t iy = oy * s - pad + ky, ix = ox * s - pad + kx;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              const int64_t flat = ((b * h + iy) * w + ix) * c + ch;
              if (best < 0 || x.data<float>()[flat] > x.data<float>()[best]) best = flat;
            }
          values->push_back(x.data<float>()[best]);
          indices->push_back(include_batch ? best : best - b * h * w * c);
        }
}

TEST(MaxPoolWithArgmaxTest, SameWithAndWithoutBatchInIndex) {
  Tensor x = RandomFloats({2, 5, 5, 3}, 1);
  for (bool include_batch : {false, true}) {
    auto outputs = RunOp("MaxPoolWithArgmax", {x},
                         Attrs("SAME", {1, 3, 3, 1}, {1, 2, 2, 1}, include_batch), 2);
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    std::vector<double> values;
    std::vector<int64_t> indices;
    Reference(x, 3, 2, 1, 3, 3, include_batch, &values, &indices);
    ExpectClose((*outputs)[0], {2, 3, 3, 3}, values);
    const Tensor& argmax = (*outputs)[1];
    ASSERT_EQ(argmax.dtype(), tensorflow::DT_INT64);
    ASSERT_EQ(ShapeString(argmax.shape()), "[2,3,3,3]");
    EXPECT_EQ(std::vector<int64_t>(argmax.data<int64_t>(),
                                   argmax.data<int64_t>() + argmax.num_elements()),
              indices);
  }
}

TEST(MaxPoolWithArgmaxTest, ValidFirstMaxWinsTiesAndInt32IndicesAreRefused) {
  Tensor x = Floats({1, 2, 4, 1}, {5, 5, 1, 2, 3, 5, 2, 2});
  const std::string attrs = Attrs("VALID", {1, 2, 2, 1}, {1, 2, 2, 1}, false);
  auto outputs = RunOp("MaxPoolWithArgmax", {x}, attrs, 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 1, 2, 1}, {5, 2});
  const Tensor& argmax = (*outputs)[1];
  EXPECT_EQ(std::vector<int64_t>(argmax.data<int64_t>(), argmax.data<int64_t>() + 2),
            (std::vector<int64_t>{0, 3}));
  // TF's CPU kernel registers int64 indices only.
  EXPECT_FALSE(RunOp("MaxPoolWithArgmax", {x},
                     attrs + "attr { key: \"Targmax\" value { type: DT_INT32 } } ", 2)
                   .ok());
}

TEST(MaxPoolWithArgmaxTest, IntegerAndDoubleInputsKeepTheirDtype) {
  using ::tfjs::runtime::testing::MakeTensor;
  // Windows [-5, -7, -1, -9] and [4, 8, 3, 8]: the first maximum wins.
  const Tensor ints =
      MakeTensor<int64_t>(tensorflow::DT_INT64, {1, 2, 4, 1}, {-5, -7, 4, 8, -1, -9, 3, 8});
  auto outputs =
      RunOp("MaxPoolWithArgmax", {ints}, Attrs("VALID", {1, 2, 2, 1}, {1, 2, 2, 1}, false), 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ASSERT_EQ((*outputs)[0].dtype(), tensorflow::DT_INT64);
  EXPECT_EQ((*outputs)[0].data<int64_t>()[0], -1);
  EXPECT_EQ((*outputs)[0].data<int64_t>()[1], 8);
  EXPECT_EQ((*outputs)[1].data<int64_t>()[0], 4);
  EXPECT_EQ((*outputs)[1].data<int64_t>()[1], 3);

  const Tensor doubles = MakeTensor<double>(tensorflow::DT_DOUBLE, {1, 1, 2, 1}, {1e-12, 2e-12});
  outputs =
      RunOp("MaxPoolWithArgmax", {doubles}, Attrs("VALID", {1, 1, 2, 1}, {1, 1, 2, 1}, false), 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ASSERT_EQ((*outputs)[0].dtype(), tensorflow::DT_DOUBLE);
  EXPECT_EQ((*outputs)[0].data<double>()[0], 2e-12);
}

TEST(MaxPoolWithArgmaxTest, BadAttrsAreErrors) {
  Tensor x = RandomFloats({1, 4, 4, 1}, 2);
  EXPECT_FALSE(
      RunOp("MaxPoolWithArgmax", {x}, Attrs("EXPLICIT", {1, 2, 2, 1}, {1, 1, 1, 1}, false), 2)
          .ok());
  EXPECT_FALSE(
      RunOp("MaxPoolWithArgmax", {x}, Attrs("VALID", {1, 2, 2, 2}, {1, 1, 1, 1}, false), 2).ok());
  EXPECT_FALSE(RunOp("MaxPoolWithArgmax", {RandomFloats({4, 4, 1}, 3)},
                     Attrs("VALID", {1, 2, 2, 1}, {1, 1, 1, 1}, false), 2)
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime::nn
