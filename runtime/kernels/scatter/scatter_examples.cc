// Op examples of the reference-variable writes on values (assign.cc, ref_scatter.cc), the
// value-semantics ScatterNdNonAliasingAdd and the reference ops that take any tensor
// (IsVariableInitialized, CountUpTo), run for every dtype each declares by
// //runtime/kernels:dtype_matrix_test. Values are small integers, exact in every dtype.
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_BOOL;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

// The dtypes examples can hold: TF's number types and bool (not string, resource, variant).
std::vector<DataType> PodDtypes() { return dtypes::Pod(); }

OpExample Scatter(const char* op, std::vector<double> expected) {
  // ref [3, 2]; rows 2, 0, 2 (row 2 twice) updated from [3, 2] updates.
  return OpExample{.op = op,
                   .attrs = "attr { key: 'Tindices' value { type: DT_INT32 } }",
                   .inputs = {X({3, 2}, {4, 6, 1, 1, 8, 4}), Fixed(DT_INT32, {3}, {2, 0, 2}),
                              X({3, 2}, {2, 1, 3, 3, 1, 2})},
                   .outputs = {X({3, 2}, std::move(expected))}};
}

REGISTER_OP_EXAMPLES(
    OpExample{.op = "Assign",
              .inputs = {X({3}, {0, 0, 0}), X({3}, {1, 0, 1})},
              .outputs = {X({3}, {1, 0, 1})},
              .only_dtypes = dtypes::Join({PodDtypes(), dtypes::Quantized()})},
    OpExample{.op = "AssignAdd",
              .inputs = {X({3}, {1, 2, 3}), X({3}, {4, 0, 2})},
              .outputs = {X({3}, {5, 2, 5})}},
    OpExample{.op = "AssignSub",
              .inputs = {X({3}, {5, 2, 3}), X({3}, {4, 0, 2})},
              .outputs = {X({3}, {1, 2, 1})}},
    OpExample{.op = "ScatterUpdate",
              .attrs = "attr { key: 'Tindices' value { type: DT_INT32 } }",
              .inputs = {X({3, 2}, {1, 1, 0, 0, 1, 1}), Fixed(DT_INT32, {2}, {2, 0}),
                         X({2, 2}, {0, 1, 1, 0})},
              .outputs = {X({3, 2}, {1, 0, 0, 0, 0, 1})},
              .only_dtypes = PodDtypes()},
    Scatter("ScatterAdd", {7, 9, 1, 1, 11, 7}), Scatter("ScatterSub", {1, 3, 1, 1, 5, 1}),
    Scatter("ScatterMul", {12, 18, 1, 1, 16, 8}), Scatter("ScatterMin", {3, 3, 1, 1, 1, 1}),
    Scatter("ScatterMax", {4, 6, 1, 1, 8, 4}),
    OpExample{
        .op = "ScatterDiv",
        .attrs = "attr { key: 'Tindices' value { type: DT_INT64 } }",
        .inputs = {X({2, 2}, {8, 6, 5, 4}), Fixed(DT_INT64, {2}, {0, 0}), X({2, 2}, {2, 3, 2, 1})},
        .outputs = {X({2, 2}, {2, 2, 5, 4})}},
    OpExample{.op = "ScatterNdNonAliasingAdd",
              .attrs = "attr { key: 'Tindices' value { type: DT_INT32 } }",
              .inputs = {X({4}, {1, 0, 1, 0}), Fixed(DT_INT32, {2, 1}, {3, 1}), X({2}, {1, 0})},
              .outputs = {X({4}, {1, 0, 1, 1})}},
    OpExample{.op = "IsVariableInitialized",
              .inputs = {Fixed(tensorflow::DT_FLOAT, {2}, {1, 2})},
              .outputs = {Fixed(DT_BOOL, {}, {1})},
              .dtype_attr = "dtype",
              .only_dtypes = {tensorflow::DT_FLOAT}},
    OpExample{.op = "CountUpTo",
              .attrs = "attr { key: 'limit' value { i: 5 } }",
              .inputs = {X({}, {3})},
              .outputs = {X({}, {3})}});

}  // namespace
}  // namespace tfjs::runtime::testing
