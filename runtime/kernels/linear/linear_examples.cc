// Op examples of the SDCA kernels, worked by hand.
#include <string>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT64;

ExampleTensor F(Shape shape, std::vector<double> values) {
  return Fixed(DT_FLOAT, std::move(shape), std::move(values));
}

std::string SdcaAttrs(const char* adaptive) {
  return std::string(
             "attr { key: 'loss_type' value { s: 'squared_loss' } } "
             "attr { key: 'num_sparse_features' value { i: 0 } } "
             "attr { key: 'num_sparse_features_with_values' value { i: 0 } } "
             "attr { key: 'num_dense_features' value { i: 1 } } "
             "attr { key: 'l1' value { f: 0 } } attr { key: 'l2' value { f: 1 } } "
             "attr { key: 'num_loss_partitions' value { i: 1 } } "
             "attr { key: 'num_inner_iterations' value { i: 1 } } attr { key: '") +
         adaptive + "' value { b: false } }";
}

// Squared loss, x = 1, label 2, no weights: dual (2 - 0) / (1 + 1) = 1, primal loss 2^2 / 2.
OpExample Sdca(const char* op, const char* adaptive) {
  return OpExample{
      .op = op,
      .attrs = SdcaAttrs(adaptive),
      .inputs = {F({1, 1}, {1}), F({1}, {1}), F({1}, {2}), F({1}, {0}), F({1, 4}, {0, 0, 0, 0})},
      .outputs = {F({1, 4}, {1, 2, 0, 1}), F({1}, {1})},
      .dtype_attr = ""};
}

REGISTER_OP_EXAMPLES(Sdca("SdcaOptimizer", "adaptative"), Sdca("SdcaOptimizerV2", "adaptive"));

// TF's own sdca_ops_test value for "abc".
REGISTER_OP_EXAMPLES(OpExample{
    .op = "SdcaFprint",
    .inputs = {Bytes({1}, {"abc"})},
    .outputs = {Fixed(DT_INT64, {1, 2}, {4143508125394299908.0, -6879828354153669051.0})},
    .dtype_attr = ""});

// A reference variable v = input_0, shrunk in place by l1 / l2 = 1, then read.
REGISTER_OP_EXAMPLES(OpExample{.op = "SdcaShrinkL1",
                               .inputs = {F({2}, {3, -0.5})},
                               .outputs = {F({2}, {2, 0})},
                               .dtype_attr = "",
                               .graph = R"pb(
                                 node {
                                   name: "v"
                                   op: "VariableV2"
                                   attr {
                                     key: "dtype"
                                     value { type: DT_FLOAT }
                                   }
                                   attr {
                                     key: "shape"
                                     value { shape { dim { size: 2 } } }
                                   }
                                 }
                                 node {
                                   name: "input_0"
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
                                   input: "input_0"
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
                                     value { f: 1 }
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
                               )pb",
                               .fetches = {"read:0"},
                               .other_ops = {"VariableV2", "Assign"}});

}  // namespace
}  // namespace tfjs::runtime::testing
