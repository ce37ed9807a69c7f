// Op examples of the sparse and ragged kernels that live in misc/ (SparseToDense,
// SparseFillEmptyRows, SparseTensorDenseAdd, SparseReshape, RaggedRange), run for every declared
// dtype by //runtime/kernels:dtype_matrix_test; string values (numbers as text) check the index
// outputs only.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr DataType kInt64 = tensorflow::DT_INT64;
constexpr DataType kInt32 = tensorflow::DT_INT32;
constexpr DataType kFloat = tensorflow::DT_FLOAT;

ExampleTensor I64(Shape shape, std::vector<double> values) {
  return Fixed(kInt64, std::move(shape), std::move(values));
}

const std::vector<DataType> kPod = {
    tensorflow::DT_HALF,  tensorflow::DT_BFLOAT16,  tensorflow::DT_FLOAT,     tensorflow::DT_DOUBLE,
    tensorflow::DT_INT8,  tensorflow::DT_INT16,     tensorflow::DT_INT32,     tensorflow::DT_INT64,
    tensorflow::DT_UINT8, tensorflow::DT_UINT16,    tensorflow::DT_UINT32,    tensorflow::DT_UINT64,
    tensorflow::DT_BOOL,  tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128};

std::vector<DataType> With(std::vector<DataType> types, std::vector<DataType> more) {
  types.insert(types.end(), more.begin(), more.end());
  return types;
}

// Values 1 at [0] and [2] of a [3] vector, default 0.
OpExample SparseToDense(std::string dtype_attr, std::vector<DataType> only) {
  const bool vary_values = dtype_attr == "T";
  return OpExample{.op = "SparseToDense",
                   .name = dtype_attr,
                   .attrs = vary_values ? "attr { key: \"Tindices\" value { type: DT_INT32 } }"
                                        : "attr { key: \"T\" value { type: DT_FLOAT } }",
                   .inputs = {vary_values ? Fixed(kInt32, {2, 1}, {0, 2}) : X({2, 1}, {0, 2}),
                              vary_values ? Fixed(kInt32, {1}, {3}) : X({1}, {3}),
                              vary_values ? X({2}, {1, 1}) : Fixed(kFloat, {2}, {1, 1}),
                              vary_values ? X({}, {0}) : Fixed(kFloat, {}, {0})},
                   .outputs = {vary_values ? X({3}, {1, 0, 1}) : Fixed(kFloat, {3}, {1, 0, 1})},
                   .dtype_attr = std::move(dtype_attr),
                   .only_dtypes = std::move(only)};
}

// Rows 0 and 2 of 3 have entries; row 1 gets the default 1.
OpExample FillEmptyRows(std::vector<DataType> only, bool with_values) {
  OpExample example{
      .op = "SparseFillEmptyRows",
      .name = with_values ? "" : "string",
      .inputs = {I64({2, 2}, {0, 0, 2, 1}), X({2}, {1, 0}), I64({2}, {3, 2}), X({}, {1})},
      .outputs = {I64({3, 2}, {0, 0, 1, 0, 2, 1})},
      .only_dtypes = std::move(only)};
  if (with_values) {
    example.outputs.push_back(X({3}, {1, 1, 0}));
    example.outputs.push_back(Fixed(tensorflow::DT_BOOL, {3}, {0, 1, 0}));
    example.outputs.push_back(I64({2}, {0, 2}));
  }
  return example;
}

OpExample DenseAdd(std::string dtype_attr) {
  const bool vary_values = dtype_attr == "T";
  return OpExample{.op = "SparseTensorDenseAdd",
                   .name = dtype_attr,
                   .attrs = vary_values ? "attr { key: \"Tindices\" value { type: DT_INT64 } }"
                                        : "attr { key: \"T\" value { type: DT_FLOAT } }",
                   .inputs = {vary_values ? I64({2, 1}, {0, 2}) : X({2, 1}, {0, 2}),
                              vary_values ? X({2}, {1, 2}) : Fixed(kFloat, {2}, {1, 2}),
                              vary_values ? I64({1}, {3}) : X({1}, {3}),
                              vary_values ? X({3}, {3, 4, 5}) : Fixed(kFloat, {3}, {3, 4, 5})},
                   .outputs = {vary_values ? X({3}, {4, 4, 7}) : Fixed(kFloat, {3}, {4, 4, 7})},
                   .dtype_attr = std::move(dtype_attr)};
}

// Ranges [0, 3) and [5, 7) step 2 and 1: [[0, 2], [5, 6]].
OpExample RaggedRange(std::string dtype_attr) {
  const bool vary_values = dtype_attr == "T";
  auto value = [&](Shape shape, std::vector<double> values) {
    return vary_values ? X(std::move(shape), std::move(values))
                       : Fixed(kFloat, std::move(shape), std::move(values));
  };
  return OpExample{
      .op = "RaggedRange",
      .name = dtype_attr,
      .attrs = vary_values ? "attr { key: \"Tsplits\" value { type: DT_INT64 } }"
                           : "attr { key: \"T\" value { type: DT_FLOAT } }",
      .inputs = {value({2}, {0, 5}), value({2}, {3, 7}), value({2}, {2, 1})},
      .outputs = {vary_values ? I64({3}, {0, 2, 4}) : X({3}, {0, 2, 4}), value({4}, {0, 2, 5, 6})},
      .dtype_attr = std::move(dtype_attr)};
}

REGISTER_OP_EXAMPLES(SparseToDense("T",
                                   With(kPod, {tensorflow::DT_QINT8, tensorflow::DT_QUINT8,
                                               tensorflow::DT_QINT16, tensorflow::DT_QUINT16})),
                     SparseToDense("Tindices", {}), FillEmptyRows(kPod, true),
                     FillEmptyRows({tensorflow::DT_STRING}, false), DenseAdd("T"),
                     DenseAdd("Tindices"), RaggedRange("T"), RaggedRange("Tsplits"),
                     // [2, 3] reshaped to [3, -1]: entry [1, 2] (flat 5) is [2, 1] of [3, 2].
                     OpExample{
                         .op = "SparseReshape",
                         .inputs = {I64({2, 2}, {0, 1, 1, 2}), I64({2}, {2, 3}), I64({2}, {3, -1})},
                         .outputs = {I64({2, 2}, {0, 1, 2, 1}), I64({2}, {3, 2})}});

}  // namespace
}  // namespace tfjs::runtime::testing
