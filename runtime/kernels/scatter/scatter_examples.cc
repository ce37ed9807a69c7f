// Op examples of the reference-variable writes, run for every declared dtype by
// //runtime/kernels:dtype_matrix_test (string, resource and variant, which examples cannot hold
// or compare, only by the gtests).
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr DataType kInt32 = tensorflow::DT_INT32;

const std::vector<DataType> kNumbers = {
    tensorflow::DT_HALF,      tensorflow::DT_BFLOAT16,  tensorflow::DT_FLOAT,
    tensorflow::DT_DOUBLE,    tensorflow::DT_INT8,      tensorflow::DT_INT16,
    tensorflow::DT_INT32,     tensorflow::DT_INT64,     tensorflow::DT_UINT8,
    tensorflow::DT_UINT16,    tensorflow::DT_UINT32,    tensorflow::DT_UINT64,
    tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128};

std::vector<DataType> With(std::vector<DataType> types, std::vector<DataType> more) {
  types.insert(types.end(), more.begin(), more.end());
  return types;
}

// ref [4, 2, 3] written at rows [0, 2] with updates [2, 1].
OpExample Scatter(const char* op, std::vector<double> want, std::vector<DataType> dtypes) {
  return OpExample{.op = op,
                   .attrs = "attr { key: \"Tindices\" value { type: DT_INT32 } }",
                   .inputs = {X({3}, {4, 2, 3}), Fixed(kInt32, {2}, {0, 2}), X({2}, {2, 1})},
                   .outputs = {X({3}, std::move(want))},
                   .only_dtypes = std::move(dtypes)};
}

// The same write varying the indices' dtype.
OpExample ScatterIndices(const char* op, std::vector<double> want) {
  return OpExample{.op = op,
                   .name = "indices",
                   .attrs = "attr { key: \"T\" value { type: DT_FLOAT } }",
                   .inputs = {Fixed(tensorflow::DT_FLOAT, {3}, {4, 2, 3}), X({2}, {0, 2}),
                              Fixed(tensorflow::DT_FLOAT, {2}, {2, 1})},
                   .outputs = {Fixed(tensorflow::DT_FLOAT, {3}, std::move(want))},
                   .dtype_attr = "Tindices"};
}

const std::vector<DataType> kMinMax = {tensorflow::DT_HALF,  tensorflow::DT_BFLOAT16,
                                       tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
                                       tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_OP_EXAMPLES(
    OpExample{.op = "Assign",
              .inputs = {X({2}, {0, 0}), X({2}, {1, 0})},
              .outputs = {X({2}, {1, 0})},
              .only_dtypes = With(kNumbers,
                                  {tensorflow::DT_BOOL, tensorflow::DT_QINT8, tensorflow::DT_QUINT8,
                                   tensorflow::DT_QUINT16, tensorflow::DT_QINT32})},
    OpExample{
        .op = "AssignAdd", .inputs = {X({2}, {1, 2}), X({2}, {3, 4})}, .outputs = {X({2}, {4, 6})}},
    OpExample{
        .op = "AssignSub", .inputs = {X({2}, {3, 4}), X({2}, {1, 2})}, .outputs = {X({2}, {2, 2})}},
    Scatter("ScatterUpdate", {2, 2, 1}, kNumbers),
    OpExample{.op = "ScatterUpdate",
              .name = "bool",
              .attrs = "attr { key: \"Tindices\" value { type: DT_INT32 } }",
              .inputs = {X({3}, {0, 1, 0}), Fixed(kInt32, {2}, {0, 2}), X({2}, {1, 1})},
              .outputs = {X({3}, {1, 1, 1})},
              .only_dtypes = {tensorflow::DT_BOOL}},
    Scatter("ScatterAdd", {6, 2, 4}, kNumbers), Scatter("ScatterSub", {2, 2, 2}, kNumbers),
    Scatter("ScatterMul", {8, 2, 3}, kNumbers), Scatter("ScatterDiv", {2, 2, 3}, kNumbers),
    Scatter("ScatterMin", {2, 2, 1}, kMinMax), Scatter("ScatterMax", {4, 2, 3}, kMinMax),
    ScatterIndices("ScatterUpdate", {2, 2, 1}), ScatterIndices("ScatterAdd", {6, 2, 4}),
    ScatterIndices("ScatterSub", {2, 2, 2}), ScatterIndices("ScatterMul", {8, 2, 3}),
    ScatterIndices("ScatterDiv", {2, 2, 3}), ScatterIndices("ScatterMin", {2, 2, 1}),
    ScatterIndices("ScatterMax", {4, 2, 3}));

}  // namespace
}  // namespace tfjs::runtime::testing
