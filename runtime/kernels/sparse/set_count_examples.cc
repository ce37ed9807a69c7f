// Op examples of the set ops, EditDistance and the counting ops, run for every declared dtype
// by //runtime/kernels:dtype_matrix_test (string sets hold numbers as text; their value outputs
// are left out, as the matrix cannot compare strings).
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr DataType kInt64 = tensorflow::DT_INT64;
constexpr DataType kFloat = tensorflow::DT_FLOAT;

ExampleTensor I64(Shape shape, std::vector<double> values) {
  return Fixed(kInt64, std::move(shape), std::move(values));
}

const std::vector<DataType> kIntegerSets = {tensorflow::DT_INT8,  tensorflow::DT_INT16,
                                            tensorflow::DT_INT32, tensorflow::DT_INT64,
                                            tensorflow::DT_UINT8, tensorflow::DT_UINT16};

// Sets {1, 2} and {2}: the union is {1, 2} and {2, 3} against [[2], [3]].
OpExample DenseSets(std::vector<DataType> dtypes, bool with_values) {
  OpExample example{.op = "DenseToDenseSetOperation",
                    .name = with_values ? "" : "string",
                    .attrs = "attr { key: \"set_operation\" value { s: \"union\" } }",
                    .inputs = {X({2, 2}, {1, 2, 2, 2}), X({2, 1}, {2, 3})},
                    .outputs = {I64({4, 2}, {0, 0, 0, 1, 1, 0, 1, 1})},
                    .only_dtypes = std::move(dtypes)};
  if (with_values) example.outputs.push_back(X({4}, {1, 2, 2, 3}));
  return example;
}

// The same sets with set2 sparse: [1,0] = 3.
OpExample DenseSparseSets(std::vector<DataType> dtypes, bool with_values) {
  OpExample example{
      .op = "DenseToSparseSetOperation",
      .name = with_values ? "" : "string",
      .attrs = "attr { key: \"set_operation\" value { s: \"a-b\" } }",
      .inputs = {X({2, 2}, {1, 2, 2, 3}), I64({1, 2}, {1, 0}), X({1}, {3}), I64({2}, {2, 1})},
      .outputs = {I64({3, 2}, {0, 0, 0, 1, 1, 0})},
      .only_dtypes = std::move(dtypes)};
  if (with_values) example.outputs.push_back(X({3}, {1, 2, 2}));
  return example;
}

OpExample SparseSparseSets(std::vector<DataType> dtypes, bool with_values) {
  OpExample example{.op = "SparseToSparseSetOperation",
                    .name = with_values ? "" : "string",
                    .attrs = "attr { key: \"set_operation\" value { s: \"intersection\" } }",
                    .inputs = {I64({2, 2}, {0, 0, 0, 1}), X({2}, {1, 2}), I64({2}, {1, 2}),
                               I64({1, 2}, {0, 0}), X({1}, {2}), I64({2}, {1, 2})},
                    .outputs = {I64({1, 2}, {0, 0})},
                    .only_dtypes = std::move(dtypes)};
  if (with_values) example.outputs.push_back(X({1}, {2}));
  return example;
}

const std::vector<DataType> kString = {tensorflow::DT_STRING};

REGISTER_OP_EXAMPLES(
    DenseSets(kIntegerSets, true), DenseSets(kString, false), DenseSparseSets(kIntegerSets, true),
    DenseSparseSets(kString, false), SparseSparseSets(kIntegerSets, true),
    SparseSparseSets(kString, false),
    OpExample{.op = "SetSize",
              .inputs = {I64({3, 2}, {0, 0, 0, 1, 1, 0}), X({3}, {1, 0, 1}), I64({2}, {2, 2})},
              .outputs = {Fixed(tensorflow::DT_INT32, {2}, {2, 1})}},
    // Sequences [1, 0] against [1, 1], and [1] against an empty truth.
    OpExample{.op = "EditDistance",
              .attrs = "attr { key: \"normalize\" value { b: false } }",
              .inputs = {I64({3, 2}, {0, 0, 0, 1, 1, 0}), X({3}, {1, 0, 1}), I64({2}, {2, 2}),
                         I64({2, 2}, {0, 0, 0, 1}), X({2}, {1, 1}), I64({2}, {2, 2})},
              .outputs = {Fixed(kFloat, {2}, {1, 1})}});

// Values [[1, 1, 3], [0, 2, 2]] counted per row.
OpExample DenseCount(std::string dtype_attr) {
  const bool vary_values = dtype_attr == "T";
  return OpExample{
      .op = "DenseCountSparseOutput",
      .name = dtype_attr,
      .attrs = std::string("attr { key: \"binary_output\" value { b: false } }") +
               (vary_values ? "attr { key: \"output_type\" value { type: DT_FLOAT } }"
                            : "attr { key: \"T\" value { type: DT_INT32 } }"),
      .inputs = {vary_values ? X({2, 3}, {1, 1, 3, 0, 2, 2})
                             : Fixed(tensorflow::DT_INT32, {2, 3}, {1, 1, 3, 0, 2, 2}),
                 vary_values ? Fixed(kFloat, {0}, {}) : X({0}, {})},
      .outputs = {I64({4, 2}, {0, 1, 0, 3, 1, 0, 1, 2}),
                  vary_values ? Fixed(kFloat, {4}, {2, 1, 1, 2}) : X({4}, {2, 1, 1, 2}),
                  I64({2}, {2, 4})},
      .dtype_attr = std::move(dtype_attr)};
}

OpExample SparseCount(std::string dtype_attr) {
  const bool vary_values = dtype_attr == "T";
  return OpExample{
      .op = "SparseCountSparseOutput",
      .name = dtype_attr,
      .attrs = std::string("attr { key: \"binary_output\" value { b: false } }") +
               (vary_values ? "attr { key: \"output_type\" value { type: DT_FLOAT } }"
                            : "attr { key: \"T\" value { type: DT_INT32 } }"),
      .inputs = {I64({3, 2}, {0, 0, 0, 1, 1, 0}),
                 vary_values ? X({3}, {2, 2, 1}) : Fixed(tensorflow::DT_INT32, {3}, {2, 2, 1}),
                 I64({2}, {2, 2}), vary_values ? Fixed(kFloat, {3}, {1, 2, 4}) : X({3}, {1, 2, 4})},
      .outputs = {I64({2, 2}, {0, 2, 1, 1}),
                  vary_values ? Fixed(kFloat, {2}, {3, 4}) : X({2}, {3, 4}), I64({2}, {2, 3})},
      .dtype_attr = std::move(dtype_attr)};
}

OpExample RaggedCount(std::string dtype_attr) {
  const bool vary_values = dtype_attr == "T";
  return OpExample{
      .op = "RaggedCountSparseOutput",
      .name = dtype_attr,
      .attrs = std::string("attr { key: \"binary_output\" value { b: true } }") +
               (vary_values ? "attr { key: \"output_type\" value { type: DT_FLOAT } }"
                            : "attr { key: \"T\" value { type: DT_INT32 } }"),
      .inputs = {I64({3}, {0, 2, 3}),
                 vary_values ? X({3}, {4, 4, 0}) : Fixed(tensorflow::DT_INT32, {3}, {4, 4, 0}),
                 vary_values ? Fixed(kFloat, {0}, {}) : X({0}, {})},
      .outputs = {I64({2, 2}, {0, 4, 1, 0}),
                  vary_values ? Fixed(kFloat, {2}, {1, 1}) : X({2}, {1, 1}), I64({2}, {2, 5})},
      .dtype_attr = std::move(dtype_attr)};
}

// Bins of values [1, 1, 3] (rows 0, 0, 1) with weights [1, 2, 4], size 4.
OpExample Bincount(bool ragged, std::string dtype_attr) {
  const bool vary_weights = dtype_attr == "T";
  ExampleTensor values =
      vary_weights ? Fixed(tensorflow::DT_INT32, {3}, {1, 1, 3}) : X({3}, {1, 1, 3});
  ExampleTensor size = vary_weights ? Fixed(tensorflow::DT_INT32, {}, {4}) : X({}, {4});
  ExampleTensor weights = vary_weights ? X({3}, {1, 2, 4}) : Fixed(kFloat, {3}, {1, 2, 4});
  OpExample example{.op = ragged ? "RaggedBincount" : "SparseBincount",
                    .name = dtype_attr,
                    .attrs = vary_weights ? "attr { key: \"Tidx\" value { type: DT_INT32 } }"
                                          : "attr { key: \"T\" value { type: DT_FLOAT } }",
                    .outputs = {vary_weights ? X({2, 4}, {0, 3, 0, 0, 0, 0, 0, 4})
                                             : Fixed(kFloat, {2, 4}, {0, 3, 0, 0, 0, 0, 0, 4})},
                    .dtype_attr = std::move(dtype_attr)};
  if (ragged) {
    example.inputs = {I64({3}, {0, 2, 3}), values, size, weights};
  } else {
    example.inputs = {I64({3, 2}, {0, 0, 0, 1, 1, 0}), values, I64({2}, {2, 3}), size, weights};
  }
  return example;
}

REGISTER_OP_EXAMPLES(DenseCount("T"), DenseCount("output_type"), SparseCount("T"),
                     SparseCount("output_type"), RaggedCount("T"), RaggedCount("output_type"),
                     Bincount(false, "T"), Bincount(false, "Tidx"), Bincount(true, "T"),
                     Bincount(true, "Tidx"));

}  // namespace
}  // namespace tfjs::runtime::testing
