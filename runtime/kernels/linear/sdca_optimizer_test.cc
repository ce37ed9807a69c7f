// Tests for SdcaOptimizer(V2) and SdcaShrinkL1: one SDCA pass worked by hand for the squared and
// hinge losses (the logistic dual checked against a bisection of its optimality condition),
// L1 shrinking, the adaptive order, in-place shrinking of a reference variable, and TF's errors.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using ::testing::HasSubstr;
using testing::MakeTensor;
using ::testing::Pointwise;
using testing::RunOp;

Tensor Int64s(Shape shape, std::vector<int64_t> values) {
  return MakeTensor<int64_t>(tensorflow::DT_INT64, std::move(shape), std::move(values));
}

std::string Attrs(const std::string& loss, int sparse, int with_values, int dense, float l1,
                  float l2, bool adaptive = false, const std::string& adaptive_name = "adaptive") {
  return "attr { key: \"loss_type\" value { s: \"" + loss + "\" } }" +
         "attr { key: \"num_sparse_features\" value { i: " + std::to_string(sparse) + " } }" +
         "attr { key: \"num_sparse_features_with_values\" value { i: " +
         std::to_string(with_values) + " } }" +
         "attr { key: \"num_dense_features\" value { i: " + std::to_string(dense) + " } }" +
         "attr { key: \"l1\" value { f: " + std::to_string(l1) + " } }" +
         "attr { key: \"l2\" value { f: " + std::to_string(l2) + " } }" +
         "attr { key: \"num_loss_partitions\" value { i: 1 } }" +
         "attr { key: \"num_inner_iterations\" value { i: 1 } }" + "attr { key: \"" +
         adaptive_name + "\" value { b: " + (adaptive ? "true" : "false") + " } }";
}

// One dense feature group: inputs dense_features, weights, labels, dense_weights, state.
absl::StatusOr<std::vector<Tensor>> RunDense(const std::string& op, const std::string& attrs,
                                             Tensor features, std::vector<float> labels,
                                             std::vector<float> dense_weights) {
  const int64_t n = features.dim(0);
  const int64_t d = features.dim(1);
  return RunOp(op,
               {std::move(features), Floats({n}, std::vector<float>(n, 1)), Floats({n}, labels),
                Floats({d}, dense_weights), Floats({n, 4}, std::vector<float>(n * 4, 0))},
               attrs, 2);
}

TEST(SdcaOptimizerTest, SquaredLossDensePass) {
  // Example 0 (x 1, label 1): dual (1 - 0) / (1 + 1) = 0.5, delta 0.5. Example 1 (x 2, label 2):
  // w.x = 2 * 0.5 = 1, dual (2 - 1) / (1 + 4) = 0.2, delta 0.5 + 2 * 0.2 = 0.9. Primal losses
  // at the old weights (0): 0.5 and 2; dual losses at the old duals (0): 0.
  auto outputs = RunDense("SdcaOptimizerV2", Attrs("squared_loss", 0, 0, 1, 0, 1),
                          Floats({2, 1}, {1, 2}), {1, 2}, {0});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(testing::FloatValues((*outputs)[0]),
              Pointwise(FloatNear(1e-6), std::vector<float>{0.5f, 0.5f, 0, 1, 0.2f, 2, 0, 1}));
  EXPECT_THAT(testing::FloatValues((*outputs)[1]), Pointwise(FloatNear(1e-6), {0.9f}));
}

TEST(SdcaOptimizerTest, L1ShrinksTheWeights) {
  // l1 = l2 = 1 shrinks the nominal 3 to 2: w.x = 2, dual (0 - 2) / 2 = -1, primal loss
  // (2 - 0)^2 / 2 = 2.
  auto outputs =
      RunDense("SdcaOptimizer", Attrs("squared_loss", 0, 0, 1, 1, 1, false, "adaptative"),
               Floats({1, 1}, {1}), {0}, {3});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(testing::FloatValues((*outputs)[0]), ElementsAre(-1, 2, 0, 1));
  EXPECT_THAT(testing::FloatValues((*outputs)[1]), ElementsAre(-1));
}

TEST(SdcaOptimizerTest, AdaptiveVisitsLikelierExamplesFirst) {
  // Both x = 1; labels 1 and 3. Probabilities sqrt(1 + 1) * |label|: example 1 first, dual 1.5,
  // then example 0 at w.x 1.5: dual (1 - 1.5) / 2 = -0.25; delta 1.25. In index order it would
  // be 0.5 then (3 - 0.5) / 2 = 1.25, delta 1.75.
  auto adaptive = RunDense("SdcaOptimizerV2", Attrs("squared_loss", 0, 0, 1, 0, 1, true),
                           Floats({2, 1}, {1, 1}), {1, 3}, {0});
  ASSERT_TRUE(adaptive.ok()) << adaptive.status();
  EXPECT_THAT(testing::FloatValues((*adaptive)[1]), Pointwise(FloatNear(1e-6), {1.25f}));
  EXPECT_FLOAT_EQ(testing::FloatValues((*adaptive)[0])[0], -0.25f);
  auto ordered = RunDense("SdcaOptimizerV2", Attrs("squared_loss", 0, 0, 1, 0, 1),
                          Floats({2, 1}, {1, 1}), {1, 3}, {0});
  ASSERT_TRUE(ordered.ok()) << ordered.status();
  EXPECT_THAT(testing::FloatValues((*ordered)[1]), Pointwise(FloatNear(1e-6), {1.75f}));
}

TEST(SdcaOptimizerTest, HingeLossClipsTheDual) {
  // x 2: (1 - 0) / 4 = 0.25 stays; x 0.5: (1 - 0) / 0.25 = 4 clips to the label 1.
  auto inside = RunDense("SdcaOptimizerV2", Attrs("hinge_loss", 0, 0, 1, 0, 1), Floats({1, 1}, {2}),
                         {1}, {0});
  ASSERT_TRUE(inside.ok()) << inside.status();
  EXPECT_THAT(testing::FloatValues((*inside)[0]), ElementsAre(0.25f, 1, 0, 1));
  auto clipped = RunDense("SdcaOptimizerV2", Attrs("hinge_loss", 0, 0, 1, 0, 1),
                          Floats({1, 1}, {0.5f}), {1}, {0});
  ASSERT_TRUE(clipped.ok()) << clipped.status();
  EXPECT_FLOAT_EQ(testing::FloatValues((*clipped)[0])[0], 1);
  EXPECT_FLOAT_EQ(testing::FloatValues((*clipped)[1])[0], 0.5f);
}

// The logistic dual a (times the label) solves log(a / (1 - a)) + norm * a = 0 from a zero dual
// and zero weights; found by bisection.
double LogisticDual(double norm) {
  double low = 0, high = 1;
  for (int i = 0; i < 200; ++i) {
    const double a = (low + high) / 2;
    (std::log(a / (1 - a)) + norm * a > 0 ? high : low) = a;
  }
  return (low + high) / 2;
}

TEST(SdcaOptimizerTest, LogisticLossSparseFeaturesWithoutValues) {
  // Two examples, each with one feature of value 1 (ids 10 and 20): norms 1 / l2 = 0.5. Labels 1
  // and 0 (read as -1) give duals a and -a; the deltas are a * 1 / l2 and -a / l2.
  const double a = LogisticDual(0.5);
  auto outputs =
      RunOp("SdcaOptimizerV2",
            {Int64s({2}, {0, 1}), Int64s({2}, {10, 20}), Floats({2}, {1, 1}), Floats({2}, {1, 0}),
             Int64s({2}, {20, 10}), Floats({2}, {0, 0}), Floats({2, 4}, std::vector<float>(8, 0))},
            Attrs("logistic_loss", 1, 0, 0, 0, 2), 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const std::vector<float> state = testing::FloatValues((*outputs)[0]);
  EXPECT_NEAR(state[0], a, 1e-6);
  EXPECT_NEAR(state[4], -a, 1e-6);
  EXPECT_NEAR(state[1], std::log(2.0), 1e-6);  // log(1 + e^0)
  // sparse_indices (20, 10): position 0 is feature 20.
  EXPECT_THAT(testing::FloatValues((*outputs)[1]),
              Pointwise(FloatNear(1e-6),
                        std::vector<float>{static_cast<float>(-a / 2), static_cast<float>(a / 2)}));
}

TEST(SdcaOptimizerTest, SparseValuesAndSkippedExamples) {
  // Squared loss; example 1 has no sparse feature and keeps dual (label - 0) / 1 = 4 (norm 0);
  // example 0 has feature 5 with value 2: norm 4, dual 1 / 5 = 0.2, delta 2 * 0.2 = 0.4.
  auto outputs = RunOp("SdcaOptimizerV2",
                       {Int64s({1}, {0}), Int64s({1}, {5}), Floats({1}, {2}), Floats({2}, {1, 1}),
                        Floats({2}, {1, 4}), Int64s({1}, {5}), Floats({1}, {0}),
                        Floats({2, 4}, std::vector<float>(8, 0))},
                       Attrs("squared_loss", 1, 1, 0, 0, 1), 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(testing::FloatValues((*outputs)[0]),
              Pointwise(FloatNear(1e-6), std::vector<float>{0.2f, 0.5f, 0, 1, 4, 8, 0, 1}));
  EXPECT_THAT(testing::FloatValues((*outputs)[1]), Pointwise(FloatNear(1e-6), {0.4f}));
}

TEST(SdcaOptimizerTest, Errors) {
  auto label = RunDense("SdcaOptimizerV2", Attrs("logistic_loss", 0, 0, 1, 0, 1),
                        Floats({1, 1}, {1}), {0.5f}, {0});
  ASSERT_FALSE(label.ok());
  EXPECT_THAT(label.status().message(), HasSubstr("Only labels of 0.0 or 1.0"));
  auto poisson = RunDense("SdcaOptimizerV2", Attrs("poisson_loss", 0, 0, 1, 0, 1),
                          Floats({1, 1}, {1}), {-1}, {0});
  ASSERT_FALSE(poisson.ok());
  EXPECT_THAT(poisson.status().message(), HasSubstr("non-negative labels"));
  auto no_features =
      RunOp("SdcaOptimizerV2", {Floats({1}, {1}), Floats({1}, {1}), Floats({1, 4}, {0, 0, 0, 0})},
            Attrs("squared_loss", 0, 0, 0, 0, 1), 1);
  ASSERT_FALSE(no_features.ok());
  EXPECT_THAT(no_features.status().message(), HasSubstr("at least one feature"));
  auto state = RunOp("SdcaOptimizerV2",
                     {Floats({1, 1}, {1}), Floats({1}, {1}), Floats({1}, {1}), Floats({1}, {0}),
                      Floats({1, 3}, {0, 0, 0})},
                     Attrs("squared_loss", 0, 0, 1, 0, 1), 2);
  ASSERT_FALSE(state.ok());
  EXPECT_THAT(state.status().message(), HasSubstr("example_state_data"));
  auto unknown = RunOp("SdcaOptimizerV2",
                       {Int64s({1}, {0}), Int64s({1}, {7}), Floats({1}, {1}), Floats({1}, {1}),
                        Int64s({1}, {5}), Floats({1}, {0}), Floats({1, 4}, {0, 0, 0, 0})},
                       Attrs("squared_loss", 1, 0, 0, 0, 1), 2);
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("out of valid range: 7"));
}

// A reference variable v = x, shrunk with l1 = 1, l2 = 2 (by 0.5), then read.
constexpr char kShrinkGraph[] = R"pb(
  node {
    name: "v"
    op: "VariableV2"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value { shape { dim { size: 4 } } }
    }
  }
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "init"
    op: "Assign"
    input: "v"
    input: "x"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "shrink"
    op: "SdcaShrinkL1"
    input: "v"
    input: "^init"
    attr {
      key: "num_features"
      value { i: 1 }
    }
    attr {
      key: "l1"
      value { f: 1 }
    }
    attr {
      key: "l2"
      value { f: 2 }
    }
  }
  node {
    name: "read"
    op: "Identity"
    input: "v"
    input: "^shrink"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
)pb";

TEST(SdcaShrinkL1Test, ShrinksAReferenceVariableInPlace) {
  auto outputs =
      testing::RunGraph(kShrinkGraph, {{"x", Floats({4}, {2, -0.25f, -3, 0})}}, {"read:0"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(testing::FloatValues((*outputs)[0]), ElementsAre(1.5f, 0, -2.5f, 0));
}

}  // namespace
}  // namespace tfjs::runtime
