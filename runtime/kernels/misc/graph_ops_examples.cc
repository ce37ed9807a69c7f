// Op examples of the graph-plumbing kernels (graph_ops.cc, immutable_const.cc), run for every
// dtype each declares by //runtime/kernels:dtype_matrix_test.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

OpExample Forward(const char* op) {
  return OpExample{.op = op, .inputs = {X({3}, {1, 0, 1})}, .outputs = {X({3}, {1, 0, 1})}};
}

REGISTER_OP_EXAMPLES(
    Forward("RefIdentity"), Forward("GuaranteeConst"), Forward("Copy"), Forward("CopyHost"),
    OpExample{.op = "CheckNumerics",
              .attrs = "attr { key: 'message' value { s: 'm' } }",
              .inputs = {X({3}, {1.5, -2, 0})},
              .outputs = {X({3}, {1.5, -2, 0})}},
    OpExample{.op = "CheckNumericsV2",
              .attrs = "attr { key: 'message' value { s: 'm' } }",
              .inputs = {X({2}, {-1e3, 7})},
              .outputs = {X({2}, {-1e3, 7})}},
    OpExample{.op = "EnsureShape",
              .attrs = "attr { key: 'shape' value { shape { dim { size: -1 } } } }",
              .inputs = {X({2}, {3, 4})},
              .outputs = {X({2}, {3, 4})}},
    OpExample{.op = "PlaceholderWithDefault",
              .attrs = "attr { key: 'shape' value { shape { dim { size: 2 } } } }",
              .inputs = {X({2}, {5, 6})},
              .outputs = {X({2}, {5, 6})},
              .dtype_attr = "dtype"},
    OpExample{.op = "HostConst",
              .attrs = "attr { key: 'value' value { tensor { dtype: DT_FLOAT tensor_shape { dim "
                       "{ size: 2 } } float_val: 1.5 float_val: -2 } } }",
              .outputs = {X({2}, {1.5, -2})},
              .dtype_attr = "dtype",
              .only_dtypes = {tensorflow::DT_FLOAT}},
    OpExample{
        .op = "Print",
        .attrs = "attr { key: 'U' value { list { } } } attr { key: 'first_n' value { i: 0 } }",
        .inputs = {X({2}, {1, 2})},
        .outputs = {X({2}, {1, 2})}});

// Timestamp's value is the time: two Timestamps, the second after the first (a control edge),
// are ordered, and the first is past 2023-11-14 (1.7e9 s after the epoch).
constexpr char kTimestampGraph[] = R"pb(
  node { name: "first" op: "Timestamp" }
  node { name: "second" op: "Timestamp" input: "^first" }
  node {
    name: "ordered"
    op: "GreaterEqual"
    input: "second"
    input: "first"
    attr {
      key: "T"
      value { type: DT_DOUBLE }
    }
  }
  node {
    name: "since"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_DOUBLE }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_DOUBLE
          tensor_shape {}
          double_val: 1.7e9
        }
      }
    }
  }
  node {
    name: "recent"
    op: "Greater"
    input: "first"
    input: "since"
    attr {
      key: "T"
      value { type: DT_DOUBLE }
    }
  }
)pb";

REGISTER_OP_EXAMPLES(
    OpExample{.op = "Timestamp",
              .outputs = {Fixed(tensorflow::DT_BOOL, {}, {1}), Fixed(tensorflow::DT_BOOL, {}, {1})},
              .dtype_attr = "",
              .graph = kTimestampGraph,
              .fetches = {"ordered:0", "recent:0"}},
    // ImmutableConst maps a file: the first bytes of a file the dtype matrix test reads anyway,
    // runtime/kernels/testing/kernels_without_examples.txt, which starts with "# K" (35, 32, 75).
    OpExample{.op = "ImmutableConst",
              .attrs = "attr { key: 'shape' value { shape { dim { size: 3 } } } } "
                       "attr { key: 'memory_region_name' value { s: "
                       "'runtime/kernels/testing/kernels_without_examples.txt' } }",
              .outputs = {X({3}, {35, 32, 75})},
              .dtype_attr = "dtype",
              .only_dtypes = {tensorflow::DT_UINT8, tensorflow::DT_INT8}});

}  // namespace
}  // namespace tfjs::runtime::testing
