// Op examples of TensorScatter{Update,Add,Sub,Min,Max} and the ref ops ScatterNd{Update,Add,Sub,
// Min,Max} (tensor_scatter.cc), for every dtype each declares and both index dtypes. Values are
// small integers, exact in every dtype (bool and string hold only 0 and 1).
#include <string>
#include <vector>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

constexpr char kInt32Indices[] = "attr { key: 'Tindices' value { type: DT_INT32 } }";

// Rows 2, 0, 2 (row 2 twice) of a [3, 2] tensor combined with [3, 2] updates.
OpExample Rows(const std::string& op, std::vector<double> tensor, std::vector<double> updates,
               std::vector<double> expected) {
  return OpExample{.op = op,
                   .attrs = kInt32Indices,
                   .inputs = {X({3, 2}, std::move(tensor)), Fixed(DT_INT32, {3, 1}, {2, 0, 2}),
                              X({3, 2}, std::move(updates))},
                   .outputs = {X({3, 2}, std::move(expected))}};
}

// The update of element [1, 0] and of [0, 1] (indices of depth 2) in a [2, 2] tensor.
OpExample Update(const std::string& op) {
  return OpExample{
      .op = op,
      .attrs = kInt32Indices,
      .inputs = {X({2, 2}, {1, 1, 0, 0}), Fixed(DT_INT32, {2, 2}, {1, 0, 0, 1}), X({2}, {1, 0})},
      .outputs = {X({2, 2}, {1, 0, 1, 0})}};
}

// The index dtypes on float32 values: element 1 of [1, 2, 3] combined with 5.
OpExample IndexDtypes(const std::string& op, double expected) {
  return OpExample{
      .op = op,
      .name = "Tindices",
      .attrs = "attr { key: 'T' value { type: DT_FLOAT } }",
      .inputs = {Fixed(DT_FLOAT, {3}, {1, 2, 3}), X({1, 1}, {1}), Fixed(DT_FLOAT, {1}, {5})},
      .outputs = {Fixed(DT_FLOAT, {3}, {1, expected, 3})},
      .dtype_attr = "Tindices"};
}

// The examples of one family, "TensorScatter" or "ScatterNd". Add: row 0 + [1, 1], row 2 +
// [2, 2] + [3, 3]; Sub likewise; Min and Max take the smallest and largest of the row and its
// updates, elementwise.
std::vector<OpExample> Family(const std::string& prefix) {
  const std::string update = prefix + "Update", add = prefix + "Add", sub = prefix + "Sub",
                    min = prefix + "Min", max = prefix + "Max";
  return {Update(update),
          IndexDtypes(update, 5),
          Rows(add, {1, 2, 3, 4, 5, 6}, {2, 2, 1, 1, 3, 3}, {2, 3, 3, 4, 10, 11}),
          IndexDtypes(add, 7),
          Rows(sub, {9, 9, 5, 5, 9, 9}, {2, 2, 1, 1, 3, 3}, {8, 8, 5, 5, 4, 4}),
          IndexDtypes(sub, -3),
          Rows(min, {4, 6, 1, 1, 8, 4}, {2, 1, 3, 3, 1, 2}, {3, 3, 1, 1, 1, 1}),
          IndexDtypes(min, 2),
          Rows(max, {4, 6, 1, 1, 8, 4}, {2, 9, 3, 7, 9, 2}, {4, 7, 1, 1, 9, 9}),
          IndexDtypes(max, 5)};
}

const bool kTensorScatterRegistered [[maybe_unused]] = RegisterOpExamples(Family("TensorScatter"));
const bool kScatterNdRegistered [[maybe_unused]] = RegisterOpExamples(Family("ScatterNd"));

}  // namespace
}  // namespace tfjs::runtime::testing
