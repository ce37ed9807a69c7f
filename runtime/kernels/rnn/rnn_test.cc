// Tests for the fused LSTM and GRU kernels against a step computed by hand.
#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::FloatNear;
using ::testing::HasSubstr;
using ::testing::Pointwise;
using testing::FloatValues;
using testing::Floats;
using testing::MakeTensor;
using testing::RunOp;

float Sigmoid(float x) { return 1 / (1 + std::exp(-x)); }

// batch 1, input 1, cell 1: w rows [x, h], columns per gate; gates (i, ci, f, o) pre-activations
// for x = 1, h = 0.5: i = 0.1 + 0.5*0.2, ci = 0.3 + 0.5*0.4, f = 0.5 + 0.5*0.6, o = 0.7 + 0.5*0.8.
Tensor W() { return Floats({2, 4}, {0.1f, 0.3f, 0.5f, 0.7f, 0.2f, 0.4f, 0.6f, 0.8f}); }

TEST(LstmBlockCellTest, OneStepWithForgetBiasAndClip) {
  const std::string attrs =
      "attr { key: 'forget_bias' value { f: 1.0 } } attr { key: 'cell_clip' value { f: 0.5 } }";
  auto outputs = RunOp("LSTMBlockCell",
                       {Floats({1, 1}, {1}), Floats({1, 1}, {0.25f}), Floats({1, 1}, {0.5f}), W(),
                        Floats({1}, {0}), Floats({1}, {0}), Floats({1}, {0}), Floats({4}, {0, 0, 0, 0})},
                       attrs, 7);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const float i = Sigmoid(0.2f), ci = std::tanh(0.5f), f = Sigmoid(0.8f + 1), o = Sigmoid(1.1f);
  const float cs = std::fmin(ci * i + 0.25f * f, 0.5f);
  const std::vector<float> expected = {i, cs, f, o, ci, std::tanh(cs), std::tanh(cs) * o};
  for (int k = 0; k < 7; ++k) {
    EXPECT_THAT(FloatValues((*outputs)[k]), Pointwise(FloatNear(1e-6), std::vector<float>{expected[k]})) << k;
  }
}

TEST(BlockLstmTest, StepsFeedTheStateAndStopAtSeqLenMax) {
  Tensor seq_len = MakeTensor<int64_t>(tensorflow::DT_INT64, {}, {1});
  Tensor x = Floats({2, 1, 1}, {1, 1});
  std::vector<Tensor> inputs = {seq_len, x, Floats({1, 1}, {0.25f}), Floats({1, 1}, {0.5f}), W(),
                                Floats({1}, {0}), Floats({1}, {0}), Floats({1}, {0}),
                                Floats({4}, {0, 0, 0, 0})};
  const std::string attrs = "attr { key: 'cell_clip' value { f: 0 } }";
  auto outputs = RunOp("BlockLSTM", inputs, attrs, 7);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const float i = Sigmoid(0.2f), ci = std::tanh(0.5f), f = Sigmoid(1.8f), o = Sigmoid(1.1f);
  const float cs = ci * i + 0.25f * f;
  EXPECT_THAT(FloatValues((*outputs)[6]),
              Pointwise(FloatNear(1e-6), std::vector<float>{std::tanh(cs) * o, 0.0f}));
  // With two steps the second starts from the first step's state.
  inputs[0] = MakeTensor<int64_t>(tensorflow::DT_INT64, {}, {2});
  auto both = RunOp("BlockLSTM", inputs, attrs, 7);
  ASSERT_TRUE(both.ok()) << both.status();
  const float h1 = std::tanh(cs) * o;
  const float i2 = Sigmoid(0.1f + 0.2f * h1), ci2 = std::tanh(0.3f + 0.4f * h1);
  const float f2 = Sigmoid(0.5f + 0.6f * h1 + 1), o2 = Sigmoid(0.7f + 0.8f * h1);
  const float cs2 = ci2 * i2 + cs * f2;
  EXPECT_THAT(FloatValues((*both)[1]), Pointwise(FloatNear(1e-6), std::vector<float>{cs, cs2}));
  EXPECT_THAT(FloatValues((*both)[6]), Pointwise(FloatNear(1e-6), std::vector<float>{h1, std::tanh(cs2) * o2}));
  inputs[4] = Floats({2, 3}, {});
  EXPECT_THAT(std::string(RunOp("BlockLSTM", inputs, attrs, 7).status().message()),
              HasSubstr("w must have shape [2,4]"));
}

TEST(GruBlockCellTest, OneStep) {
  // batch 1, input 1, cell 1; x = 1, h = 0.5.
  auto outputs = RunOp("GRUBlockCell",
                       {Floats({1, 1}, {1}), Floats({1, 1}, {0.5f}),
                        Floats({2, 2}, {0.1f, 0.2f, 0.3f, 0.4f}),
                        Floats({2, 1}, {0.5f, 0.6f}), Floats({2}, {0.01f, 0.02f}),
                        Floats({1}, {0.03f})},
                       "", 4);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const float r = Sigmoid(0.01f + 0.1f + 0.5f * 0.3f), u = Sigmoid(0.02f + 0.2f + 0.5f * 0.4f);
  const float c = std::tanh(0.03f + 0.5f + r * 0.5f * 0.6f);
  const float h = u * 0.5f + (1 - u) * c;
  EXPECT_THAT(FloatValues((*outputs)[0]), Pointwise(FloatNear(1e-6), std::vector<float>{r}));
  EXPECT_THAT(FloatValues((*outputs)[1]), Pointwise(FloatNear(1e-6), std::vector<float>{u}));
  EXPECT_THAT(FloatValues((*outputs)[2]), Pointwise(FloatNear(1e-6), std::vector<float>{c}));
  EXPECT_THAT(FloatValues((*outputs)[3]), Pointwise(FloatNear(1e-6), std::vector<float>{h}));
}

}  // namespace
}  // namespace tfjs::runtime
