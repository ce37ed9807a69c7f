// Op examples of the graph-plumbing kernels (graph_ops.cc), run for every dtype each declares
// by //runtime/kernels:dtype_matrix_test.
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

}  // namespace
}  // namespace tfjs::runtime::testing
