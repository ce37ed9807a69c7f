#include <cmath>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using testing::ExpectClose;
using testing::FloatAttr;
using testing::IntAttr;
using testing::RandomFloats;
using ::tfjs::runtime::testing::Floats;
using ::tfjs::runtime::testing::RunOp;

TEST(LrnTest, ByHand) {
  // radius 1, bias 1, alpha 1, beta 1: out[c] = x[c] / (1 + sum of neighbours' squares).
  auto outputs = RunOp("LRN", {Floats({1, 1, 1, 3}, {1, 2, 3})},
                       IntAttr("depth_radius", 1) + FloatAttr("bias", 1) + FloatAttr("alpha", 1) +
                           FloatAttr("beta", 1));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 1, 1, 3}, {1.0 / 6, 2.0 / 15, 3.0 / 14});
}

TEST(LrnTest, MatchesReferenceWithTableDefaultsOverridden) {
  const Tensor x = RandomFloats({2, 3, 2, 7}, 1);
  auto outputs = RunOp("LRN", {x},
                       IntAttr("depth_radius", 2) + FloatAttr("bias", 2) +
                           FloatAttr("alpha", 0.5f) + FloatAttr("beta", 0.75f));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  std::vector<double> expected;
  const float* v = x.data<float>();
  for (int64_t i = 0; i < x.num_elements(); ++i) {
    const int64_t c = i % 7, base = i - c;
    double sum = 0;
    for (int64_t j = std::max<int64_t>(0, c - 2); j <= std::min<int64_t>(6, c + 2); ++j) {
      sum += double(v[base + j]) * v[base + j];
    }
    expected.push_back(v[i] / std::pow(2 + 0.5 * sum, 0.75));
  }
  ExpectClose((*outputs)[0], {2, 3, 2, 7}, expected);
}

TEST(LrnTest, RejectsNon4DInput) {
  auto outputs = RunOp("LRN", {Floats({3}, {1, 2, 3})}, "");
  EXPECT_NE(outputs.status().message().find("input must be 4-D"), std::string::npos)
      << outputs.status();
}

}  // namespace
}  // namespace tfjs::runtime::nn
