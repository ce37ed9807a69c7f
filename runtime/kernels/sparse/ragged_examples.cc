// Op examples of the ragged kernels, run for every declared dtype by
// //runtime/kernels:dtype_matrix_test: the ragged tensor [[1, 0], [1], []] (0/1 values so bool
// runs too). For string values (numbers as text) only the numeric outputs are checked.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr DataType kInt64 = tensorflow::DT_INT64;
constexpr DataType kFloat = tensorflow::DT_FLOAT;

ExampleTensor I64(Shape shape, std::vector<double> values) {
  return Fixed(kInt64, std::move(shape), std::move(values));
}

// Every dtype of TF's ragged kernels but string.
const std::vector<DataType> kValueTypes = {
    tensorflow::DT_FLOAT,    tensorflow::DT_DOUBLE,    tensorflow::DT_HALF,
    tensorflow::DT_BFLOAT16, tensorflow::DT_INT8,      tensorflow::DT_INT16,
    tensorflow::DT_INT32,    tensorflow::DT_INT64,     tensorflow::DT_UINT8,
    tensorflow::DT_UINT16,   tensorflow::DT_UINT32,    tensorflow::DT_UINT64,
    tensorflow::DT_BOOL,     tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128,
    tensorflow::DT_QINT8,    tensorflow::DT_QUINT8,    tensorflow::DT_QINT16,
    tensorflow::DT_QUINT16,  tensorflow::DT_QINT32};
const std::vector<DataType> kPodTypes(kValueTypes.begin(), kValueTypes.begin() + 15);
const std::vector<DataType> kString = {tensorflow::DT_STRING};

// Gathers rows [2, 0] of [[1, 0], [1], []]: [[], [1, 0]].
OpExample Gather(std::string dtype_attr, std::vector<DataType> only, bool with_values) {
  const bool vary_values = dtype_attr == "Tvalues";
  const bool vary_splits = dtype_attr == "Tsplits";
  OpExample example{.op = "RaggedGather",
                    .name = dtype_attr + (only == kString ? "_string" : ""),
                    .inputs = {vary_splits ? X({4}, {0, 2, 3, 3}) : I64({4}, {0, 2, 3, 3}),
                               vary_values ? X({3}, {1, 0, 1}) : Fixed(kFloat, {3}, {1, 0, 1}),
                               dtype_attr == "Tindices" ? X({2}, {2, 0})
                                                        : Fixed(tensorflow::DT_INT32, {2}, {2, 0})},
                    .outputs = {vary_splits ? X({3}, {0, 0, 2}) : I64({3}, {0, 0, 2})},
                    .dtype_attr = dtype_attr,
                    .only_dtypes = std::move(only)};
  if (with_values) {
    example.outputs.push_back(vary_values ? X({2}, {1, 0}) : Fixed(kFloat, {2}, {1, 0}));
  }
  example.attrs =
      "attr { key: \"PARAMS_RAGGED_RANK\" value { i: 1 } }"
      "attr { key: \"OUTPUT_RAGGED_RANK\" value { i: 1 } }";
  for (const char* attr : {"Tvalues", "Tindices", "Tsplits"}) {
    if (attr == dtype_attr) continue;
    example.attrs += std::string("attr { key: \"") + attr + "\" value { type: " +
                     (std::string(attr) == "Tvalues"   ? "DT_FLOAT"
                      : std::string(attr) == "Tsplits" ? "DT_INT64"
                                                       : "DT_INT32") +
                     " } }";
  }
  return example;
}

// [[1, 0], [1], []] as a [3, 2] tensor padded with 0; one example per type attr.
OpExample ToTensor(std::string dtype_attr, std::vector<DataType> only) {
  const bool vary_values = dtype_attr == "T";
  OpExample example{
      .op = "RaggedTensorToTensor",
      .name = dtype_attr,
      .inputs = {dtype_attr == "Tshape" ? X({2}, {-1, -1})
                                        : Fixed(tensorflow::DT_INT64, {2}, {-1, -1}),
                 vary_values ? X({3}, {1, 0, 1}) : Fixed(kFloat, {3}, {1, 0, 1}),
                 vary_values ? X({}, {0}) : Fixed(kFloat, {}, {0}),
                 dtype_attr == "Tindex" ? X({4}, {0, 2, 3, 3}) : I64({4}, {0, 2, 3, 3})},
      .outputs = {vary_values ? X({3, 2}, {1, 0, 1, 0, 0, 0})
                              : Fixed(kFloat, {3, 2}, {1, 0, 1, 0, 0, 0})},
      .dtype_attr = dtype_attr,
      .only_dtypes = std::move(only)};
  example.attrs = "attr { key: \"row_partition_types\" value { list { s: \"ROW_SPLITS\" } } }";
  for (const char* attr : {"T", "Tindex", "Tshape"}) {
    if (attr == dtype_attr) continue;
    example.attrs += std::string("attr { key: \"") + attr +
                     "\" value { type: " + (std::string(attr) == "T" ? "DT_FLOAT" : "DT_INT64") +
                     " } }";
  }
  return example;
}

// Row ids [0, 0, 2] of 4 rows: rows 1 and 3 get the default 1.
OpExample FillEmptyRows(std::vector<DataType> only, bool with_values) {
  OpExample example{.op = "RaggedFillEmptyRows",
                    .name = only == kString ? "string" : "",
                    .inputs = {I64({3}, {0, 0, 2}), X({3}, {1, 0, 0}), I64({}, {4}), X({}, {1})},
                    .outputs = {I64({5}, {0, 0, 1, 2, 3})},
                    .only_dtypes = std::move(only)};
  if (with_values) {
    example.outputs.push_back(X({5}, {1, 0, 1, 0, 1}));
    example.outputs.push_back(Fixed(tensorflow::DT_BOOL, {4}, {0, 1, 0, 1}));
    example.outputs.push_back(I64({3}, {0, 1, 3}));
  }
  return example;
}

REGISTER_OP_EXAMPLES(Gather("Tvalues", kValueTypes, true), Gather("Tvalues", kString, false),
                     Gather("Tindices", {}, true), Gather("Tsplits", {}, true),
                     ToTensor("T", kValueTypes), ToTensor("Tindex", {}), ToTensor("Tshape", {}),
                     FillEmptyRows(kPodTypes, true), FillEmptyRows(kString, false),
                     // [[1, 0], [1]] with values of shape [3, 1].
                     OpExample{.op = "RaggedTensorToSparse",
                               .attrs = "attr { key: \"RAGGED_RANK\" value { i: 1 } }"
                                        "attr { key: \"T\" value { type: DT_FLOAT } }",
                               .inputs = {X({3}, {0, 2, 3}), Fixed(kFloat, {3, 1}, {1, 0, 1})},
                               .outputs = {I64({3, 3}, {0, 0, 0, 0, 1, 0, 1, 0, 0}),
                                           Fixed(kFloat, {3}, {1, 0, 1}), I64({3}, {2, 2, 1})},
                               .dtype_attr = "Tsplits"});

}  // namespace
}  // namespace tfjs::runtime::testing
