// Op examples of the random ops without an output to compare: RngSkip (its state moves on inside
// the node, as stateful_random.cc explains; the example checks it takes a valid state) and
// tf.data's seed generators (seed_generators.cc), made and deleted in one graph, which then lets
// an Identity after the deletion run.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_INT64;

// AnonymousSeedGenerator(seed, seed2, reshuffle) or AnonymousRandomSeedGenerator(seed, seed2),
// then the matching Delete op on the handle and deleter; `after` forwards input_0 once it ran.
constexpr char kSeedGeneratorGraph[] = R"pb(
  node {
    name: "input_0"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "seed"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT64
          tensor_shape {}
          int64_val: 7
        }
      }
    }
  }
  node {
    name: "reshuffle"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_BOOL }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_BOOL
          tensor_shape {}
          bool_val: true
        }
      }
    }
  }
  node { name: "made" op: "AnonymousSeedGenerator" input: "seed" input: "seed" input: "reshuffle" }
  node { name: "deleted" op: "DeleteSeedGenerator" input: "made:0" input: "made:1" }
  node { name: "made_random" op: "AnonymousRandomSeedGenerator" input: "seed" input: "seed" }
  node {
    name: "deleted_random"
    op: "DeleteRandomSeedGenerator"
    input: "made_random:0"
    input: "made_random:1"
  }
  node {
    name: "after"
    op: "Identity"
    input: "input_0"
    input: "^deleted"
    input: "^deleted_random"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
)pb";

// RngSkip(state, algorithm 1 (Philox), delta 2); `after` forwards the state once it ran.
constexpr char kRngSkipGraph[] = R"pb(
  node {
    name: "input_0"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
  }
  node {
    name: "algorithm"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT64
          tensor_shape {}
          int64_val: 1
        }
      }
    }
  }
  node {
    name: "delta"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT64
          tensor_shape {}
          int64_val: 2
        }
      }
    }
  }
  node { name: "skip" op: "RngSkip" input: "input_0" input: "algorithm" input: "delta" }
  node {
    name: "after"
    op: "Identity"
    input: "input_0"
    input: "^skip"
    attr {
      key: "T"
      value { type: DT_INT64 }
    }
  }
)pb";

REGISTER_OP_EXAMPLES(
    // A Philox state (counter 7, 1; key 5) skipped by 2: the op takes it and runs.
    OpExample{.op = "RngSkip",
              .inputs = {Fixed(DT_INT64, {3}, {7, 1, 5})},
              .outputs = {Fixed(DT_INT64, {3}, {7, 1, 5})},
              .dtype_attr = "",
              .graph = kRngSkipGraph,
              .fetches = {"after:0"}},
    OpExample{.op = "AnonymousSeedGenerator",
              .inputs = {Fixed(tensorflow::DT_FLOAT, {2}, {1, 0})},
              .outputs = {Fixed(tensorflow::DT_FLOAT, {2}, {1, 0})},
              .dtype_attr = "",
              .graph = kSeedGeneratorGraph,
              .fetches = {"after:0"},
              .other_ops = {"DeleteSeedGenerator", "AnonymousRandomSeedGenerator",
                            "DeleteRandomSeedGenerator"}});

}  // namespace
}  // namespace tfjs::runtime::testing
