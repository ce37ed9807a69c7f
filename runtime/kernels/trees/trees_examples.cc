// Op examples of the boosted-trees kernels without resources, run by
// //runtime/kernels:dtype_matrix_test (they have no type attr: float32 is their only case).
// Values are worked by hand: bucket = first boundary not below the value; exact summaries;
// one-logit gains g^2 / h.
#include <string>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;

ExampleTensor F(Shape shape, std::vector<double> values) {
  return Fixed(DT_FLOAT, std::move(shape), std::move(values));
}
ExampleTensor I(Shape shape, std::vector<double> values) {
  return Fixed(DT_INT32, std::move(shape), std::move(values));
}

std::string IntAttr(const char* name, int value) {
  return std::string("attr { key: '") + name + "' value { i: " + std::to_string(value) + " } }";
}

// One node; buckets 0, 1 and the default hold (g, h) = (1, 1), (-1, 1), (0, 0).
const ExampleTensor kStats = F({1, 1, 3, 2}, {1, 1, -1, 1, 0, 0});
const ExampleTensor kZero = F({}, {0});

REGISTER_OP_EXAMPLES(
    {.op = "BoostedTreesBucketize",
     .attrs = IntAttr("num_features", 1),
     .inputs = {F({4}, {-1, 1, 1.5, 9}), F({3}, {1, 2, 3})},
     .outputs = {I({4}, {0, 0, 1, 2})}},
    {.op = "BoostedTreesMakeQuantileSummaries",
     .attrs = IntAttr("num_features", 1),
     .inputs = {F({3}, {2, 1, 2}), F({1}, {0.5}), F({}, {0.01})},
     .outputs = {F({2, 4}, {1, 0.5, 0, 0.5, 2, 1, 0.5, 1.5})}},
    {.op = "BoostedTreesAggregateStats",
     .attrs = IntAttr("max_splits", 2) + IntAttr("num_buckets", 1),
     .inputs = {I({2}, {0, 1}), F({2, 1}, {1, 2}), F({2, 1}, {3, 4}), I({2, 1}, {0, -1})},
     .outputs = {F({2, 1, 2, 2}, {1, 3, 0, 0, 0, 0, 2, 4})}},
    {.op = "BoostedTreesSparseAggregateStats",
     .attrs = IntAttr("max_splits", 1) + IntAttr("num_buckets", 1),
     .inputs = {I({1}, {0}), F({1, 1}, {1}), F({1, 1}, {2}), I({1, 2}, {0, 0}), I({1}, {0}),
                I({2}, {1, 1})},
     .outputs = {I({2, 4}, {0, 0, 0, 0, 0, 0, 0, 1}), F({2}, {1, 2}), I({4}, {1, 1, 2, 2})}},
    {.op = "BoostedTreesCalculateBestGainsPerFeature",
     .attrs = IntAttr("max_splits", 1) + IntAttr("num_features", 1),
     .inputs = {I({2}, {0, 1}), F({1, 2, 2}, {1, 1, -1, 1}), kZero, kZero, kZero, kZero},
     .outputs = {I({1}, {0}), F({1}, {2}), I({1}, {0}), F({1, 1}, {-1}), F({1, 1}, {1})}},
    {.op = "BoostedTreesCalculateBestFeatureSplit",
     .attrs = IntAttr("logits_dimension", 1) +
              "attr { key: 'split_type' value { s: 'inequality' } }",
     .inputs = {I({2}, {0, 1}), kStats, kZero, kZero, kZero, kZero},
     .outputs = {I({1}, {0}), F({1}, {2}), I({1}, {0}), I({1}, {0}), F({1, 1}, {-1}),
                 F({1, 1}, {1})}},
    {.op = "BoostedTreesSparseCalculateBestFeatureSplit",
     .attrs = IntAttr("logits_dimension", 1),
     .inputs = {I({2}, {0, 1}), I({4, 4}, {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1}),
                F({4}, {1, 1, -1, 1}), I({4}, {1, 1, 3, 2}), kZero, kZero, kZero, kZero},
     .outputs = {I({1}, {0}), F({1}, {2}), I({1}, {0}), I({1}, {0}), F({1, 1}, {-1}),
                 F({1, 1}, {1})}},
    // Feature 7 (equality) beats feature 4 (inequality, gain 2): bucket 1's (3, 1) against the
    // rest's (0, 1) gives 9 + 9.
    {.op = "BoostedTreesCalculateBestFeatureSplitV2",
     .attrs = IntAttr("logits_dimension", 1) + IntAttr("num_features", 2),
     .inputs = {I({2}, {0, 1}), kStats, F({1, 1, 3, 2}, {0, 1, 3, 1, 0, 0}),
                Bytes({2}, {"inequality", "equality"}), I({2}, {4, 7}), kZero, kZero, kZero, kZero},
     .outputs = {I({1}, {0}), F({1}, {18}), I({1}, {7}), I({1}, {0}), I({1}, {1}), F({1, 1}, {-3}),
                 F({1, 1}, {3}), Bytes({1}, {"EQUALITY_DEFAULT_RIGHT"})}});

}  // namespace
}  // namespace tfjs::runtime::testing
