// Tests of QuantizedBatchNormWithGlobalNormalization against a plain float batch norm: the
// qint32 output in [-2^20, 2^20] has 2048 codes per unit, so it matches within the rounding of
// the input, scale and offset.
#include <cmath>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::HasSubstr;
using testing::MakeTensor;
using testing::RunOp;

Tensor Quint8(Shape shape, std::vector<uint8_t> values) {
  return MakeTensor<uint8_t>(tensorflow::DT_QUINT8, std::move(shape), std::move(values));
}
Tensor Scalar(float value) { return Tensor::Scalar<float>(tensorflow::DT_FLOAT, value); }

std::string Attrs(float epsilon, bool scale_after) {
  return std::string(
             "attr { key: 'Tinput' value { type: DT_QUINT8 } } "
             "attr { key: 'out_type' value { type: DT_QINT32 } } "
             "attr { key: 'variance_epsilon' value { f: ") +
         std::to_string(epsilon) + " } } attr { key: 'scale_after_normalization' value { b: " +
         (scale_after ? "true" : "false") + " } }";
}

TEST(QuantizedBatchNormTest, MatchesFloatBatchNorm) {
  // Input over [-1, 1]; channel 0: mean 0.5, var 0.25, beta -0.25, gamma 2; channel 1: mean 0,
  // var 1, beta 1, gamma 0.5 (every parameter over [0, 2], its code = value * 127.5).
  const std::vector<uint8_t> codes = {0, 64, 128, 191, 255, 17};
  const std::vector<uint8_t> mean = {64, 0}, var = {32, 128}, beta = {0, 128}, gamma = {255, 64};
  for (bool scale_after : {true, false}) {
    auto outputs =
        RunOp("QuantizedBatchNormWithGlobalNormalization",
              {Quint8({1, 1, 3, 2}, codes), Scalar(-1), Scalar(1), Quint8({2}, mean), Scalar(0),
               Scalar(2), Quint8({2}, var), Scalar(0), Scalar(2), Quint8({2}, beta), Scalar(-1),
               Scalar(1), Quint8({2}, gamma), Scalar(0), Scalar(2)},
              Attrs(0.001f, scale_after), 3);
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_EQ((*outputs)[1].data<float>()[0], -1048576.f);
    EXPECT_EQ((*outputs)[2].data<float>()[0], 1048576.f);
    const int32_t* out = (*outputs)[0].data<int32_t>();
    auto value = [](uint8_t code, float min, float max) {
      return min + code * (max - min) / 255.0f;
    };
    for (int i = 0; i < 6; ++i) {
      const int c = i % 2;
      const float x = value(codes[i], -1, 1);
      float scale = 1 / std::sqrt(value(var[c], 0, 2) + 0.001f);
      if (scale_after) scale *= value(gamma[c], 0, 2);
      const float want = (x - value(mean[c], 0, 2)) * scale + value(beta[c], -1, 1);
      EXPECT_NEAR(out[i] / 2048.0, want, 0.02) << "element " << i << " scale_after " << scale_after;
    }
  }
}

TEST(QuantizedBatchNormTest, ShapesAreChecked) {
  const Tensor params = Quint8({2}, {1, 1});
  auto not_4d =
      RunOp("QuantizedBatchNormWithGlobalNormalization",
            {Quint8({2}, {1, 2}), Scalar(0), Scalar(1), params, Scalar(0), Scalar(1), params,
             Scalar(0), Scalar(1), params, Scalar(0), Scalar(1), params, Scalar(0), Scalar(1)},
            Attrs(0, true), 3);
  EXPECT_THAT(std::string(not_4d.status().message()), HasSubstr("4-dimensional"));
  auto channels = RunOp(
      "QuantizedBatchNormWithGlobalNormalization",
      {Quint8({1, 1, 1, 3}, {1, 2, 3}), Scalar(0), Scalar(1), params, Scalar(0), Scalar(1), params,
       Scalar(0), Scalar(1), params, Scalar(0), Scalar(1), params, Scalar(0), Scalar(1)},
      Attrs(0, true), 3);
  EXPECT_THAT(std::string(channels.status().message()), HasSubstr("channels"));
  auto empty =
      RunOp("QuantizedBatchNormWithGlobalNormalization",
            {Quint8({0, 1, 1, 2}, {}), Scalar(0), Scalar(1), params, Scalar(0), Scalar(1), params,
             Scalar(0), Scalar(1), params, Scalar(0), Scalar(1), params, Scalar(0), Scalar(1)},
            Attrs(0, true), 3);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ((*empty)[0].num_elements(), 0);
}

}  // namespace
}  // namespace tfjs::runtime
