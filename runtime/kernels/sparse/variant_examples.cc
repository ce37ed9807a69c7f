// Op examples of the sparse kernels whose values are variants, handles or serialized bytes, as
// small graphs: the CSR sparse matrix ops between DenseToCSRSparseMatrix (or
// SparseTensorToCSRSparseMatrix) and CSRSparseMatrixToDense, SparseTensor serialization (the
// TensorProto bytes written out by hand, and round trips), the SparseTensors map (Add then Take
// within one graph) and the ragged variant encoding.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_INT32;
using tensorflow::DT_INT64;
using tensorflow::DT_STRING;

// GraphDef text of one node: attrs are (name, AttrValue text) pairs; inputs "node:k" or "^node".
using Attrs = std::vector<std::pair<std::string, std::string>>;
std::string Node(const std::string& name, const std::string& op,
                 const std::vector<std::string>& inputs = {}, const Attrs& attrs = {}) {
  std::string text = absl::StrCat("node { name: '", name, "' op: '", op, "'");
  for (const std::string& input : inputs) absl::StrAppend(&text, " input: '", input, "'");
  for (const auto& [key, value] : attrs) {
    absl::StrAppend(&text, " attr { key: '", key, "' value { ", value, " } }");
  }
  return text + " }\n";
}
std::string Input(int index, const std::string& dtype) {
  return Node(absl::StrCat("input_", index), "Placeholder", {}, {{"dtype", "type: " + dtype}});
}
std::string Type(const std::string& dtype) { return "type: " + dtype; }
std::string Int(int64_t value) { return absl::StrCat("i: ", value); }
std::string Bool(bool value) { return value ? "b: true" : "b: false"; }
// An int32 vector constant.
std::string Int32s(const std::string& name, const std::vector<int>& values) {
  std::string tensor =
      absl::StrCat("tensor { dtype: DT_INT32 tensor_shape { dim { size: ", values.size(), " } }");
  for (int value : values) absl::StrAppend(&tensor, " int_val: ", value);
  return Node(name, "Const", {}, {{"dtype", Type("DT_INT32")}, {"value", tensor + " }"}});
}
std::string Graph(const std::vector<std::string>& nodes) { return absl::StrJoin(nodes, ""); }

// A = [[1, 0, 2], [0, 0, 3]] as CSR (input_0 dense, input_1 the indices of its nonzeros).
const std::string kMatrixInputs =
    Input(0, "$T") + Input(1, "DT_INT64") +
    Node("a", "DenseToCSRSparseMatrix", {"input_0", "input_1"}, {{"T", Type("$T")}});
const ExampleTensor kA = X({2, 3}, {1, 0, 2, 0, 0, 3});
const ExampleTensor kAIndices = Fixed(DT_INT64, {3, 2}, {0, 0, 0, 2, 1, 2});

std::string ToDense(const std::string& name, const std::string& input) {
  return Node(name, "CSRSparseMatrixToDense", {input}, {{"type", Type("$T")}});
}

// The value dtypes of a CSR matrix.
const std::vector<DataType> kCsrDtypes = {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
                                          tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128};

OpExample Csr(const std::string& op, const std::string& name, std::string graph,
              std::vector<std::string> fetches, std::vector<ExampleTensor> outputs,
              std::vector<ExampleTensor> more_inputs = {}) {
  std::vector<ExampleTensor> inputs = {kA, kAIndices};
  for (ExampleTensor& input : more_inputs) inputs.push_back(std::move(input));
  return OpExample{
      .op = op,
      .name = name,
      .inputs = std::move(inputs),
      .outputs = std::move(outputs),
      .dtype_attr = op == "DenseToCSRSparseMatrix" || op == "SparseMatrixMatMul" ? "T" : "type",
      .only_dtypes = kCsrDtypes,
      .graph = kMatrixInputs + std::move(graph),
      .fetches = std::move(fetches),
      .other_ops = {"DenseToCSRSparseMatrix", "CSRSparseMatrixToDense"}};
}

// A^T = [[1, 0], [0, 0], [2, 3]]; A A^T = [[5, 6], [6, 9]]; A [1, 2, 3]^T = [7, 9].
REGISTER_OP_EXAMPLES(
    Csr("DenseToCSRSparseMatrix", "", ToDense("dense", "a"), {"dense:0"}, {kA}),
    Csr("CSRSparseMatrixComponents", "",
        Input(2, "DT_INT32") +
            Node("parts", "CSRSparseMatrixComponents", {"a", "input_2"}, {{"type", Type("$T")}}),
        {"parts:0", "parts:1", "parts:2"},
        {Fixed(DT_INT32, {3}, {0, 2, 3}), Fixed(DT_INT32, {3}, {0, 2, 2}), X({3}, {1, 2, 3})},
        {Fixed(DT_INT32, {}, {0})}),
    Csr("CSRSparseMatrixToSparseTensor", "",
        Node("sparse", "CSRSparseMatrixToSparseTensor", {"a"}, {{"type", Type("$T")}}),
        {"sparse:0", "sparse:1", "sparse:2"},
        {Fixed(DT_INT64, {3, 2}, {0, 0, 0, 2, 1, 2}), X({3}, {1, 2, 3}),
         Fixed(DT_INT64, {2}, {2, 3})}),
    Csr("SparseMatrixNNZ", "", Node("nnz", "SparseMatrixNNZ", {"a"}), {"nnz:0"},
        {Fixed(DT_INT32, {}, {3})}),
    Csr("SparseMatrixTranspose", "",
        Node("t", "SparseMatrixTranspose", {"a"}, {{"type", Type("$T")}}) + ToDense("dense", "t"),
        {"dense:0"}, {X({3, 2}, {1, 0, 0, 0, 2, 3})}),
    Csr("SparseMatrixMatMul", "",
        Input(2, "$T") +
            Node("product", "SparseMatrixMatMul", {"a", "input_2"}, {{"T", Type("$T")}}),
        {"product:0"}, {X({2, 1}, {7, 9})}, {X({3, 1}, {1, 2, 3})}),
    Csr("SparseMatrixSparseMatMul", "",
        Node("t", "SparseMatrixTranspose", {"a"}, {{"type", Type("$T")}}) +
            Node("product", "SparseMatrixSparseMatMul", {"a", "t"}, {{"type", Type("$T")}}) +
            ToDense("dense", "product"),
        {"dense:0"}, {X({2, 2}, {5, 6, 6, 9})}));

// SparseTensorToCSRSparseMatrix from A's entries; the Cholesky factor of [[4, 2], [2, 5]] under
// the identity permutation is [[2, 0], [1, 2]].
REGISTER_OP_EXAMPLES(
    OpExample{.op = "SparseTensorToCSRSparseMatrix",
              .inputs = {kAIndices, X({3}, {1, 2, 3}), Fixed(DT_INT64, {2}, {2, 3})},
              .outputs = {kA},
              .graph = Graph({Input(0, "DT_INT64"), Input(1, "$T"), Input(2, "DT_INT64"),
                              Node("a", "SparseTensorToCSRSparseMatrix",
                                   {"input_0", "input_1", "input_2"}, {{"T", Type("$T")}}),
                              ToDense("dense", "a")}),
              .fetches = {"dense:0"},
              .other_ops = {"CSRSparseMatrixToDense"}},
    OpExample{
        .op = "SparseMatrixSparseCholesky",
        .inputs = {X({2, 2}, {4, 2, 2, 5}), Fixed(DT_INT64, {4, 2}, {0, 0, 0, 1, 1, 0, 1, 1}),
                   Fixed(DT_INT32, {2}, {0, 1})},
        .outputs = {X({2, 2}, {2, 0, 1, 2})},
        .dtype_attr = "type",
        .graph = kMatrixInputs + Input(2, "DT_INT32") +
                 Node("l", "SparseMatrixSparseCholesky", {"a", "input_2"}, {{"type", Type("$T")}}) +
                 ToDense("dense", "l"),
        .fetches = {"dense:0"},
        .other_ops = {"DenseToCSRSparseMatrix", "CSRSparseMatrixToDense"}});

// The SparseTensor indices [[2]], values int32 [7], dense_shape [3] serialized as three
// TensorProtos (TF's AsProtoTensorContent):
//   08 09 | 12 08 (12 02 08 01) (12 02 08 01) | 22 08 <2 as int64>   int64 [1, 1]
//   08 03 | 12 04 (12 02 08 01) | 22 04 <7 as int32>                  int32 [1]
//   08 09 | 12 04 (12 02 08 01) | 22 08 <3 as int64>                  int64 [1]
const std::vector<std::string> kSerialized = {absl::HexStringToBytes("0809"
                                                                     "1208120208011202"
                                                                     "0801"
                                                                     "22080200000000000000"),
                                              absl::HexStringToBytes("0803"
                                                                     "120412020801"
                                                                     "220407000000"),
                                              absl::HexStringToBytes("0809"
                                                                     "120412020801"
                                                                     "22080300000000000000")};

// A SparseTensor of the dtype under test through serialization and back, in `out_type`.
std::string RoundTripGraph(const std::string& serialize, const std::string& deserialize,
                           const std::string& out_type) {
  return Graph({Input(0, "DT_INT64"), Input(1, "$T"), Input(2, "DT_INT64"),
                Node("serialized", serialize, {"input_0", "input_1", "input_2"},
                     {{"T", Type("$T")}, {"out_type", Type(out_type)}}),
                Node("back", deserialize, {"serialized"},
                     {{"dtype", Type("$T")}, {"Tserialized", Type(out_type)}})});
}

// Two rows of a [2, 2] minibatch: [1, 0] and [0, 2] as entries (0, 0) and (1, 1).
OpExample RoundTrip(const std::string& serialize, const std::string& deserialize,
                    const std::string& out_type) {
  return OpExample{.op = serialize,
                   .name = out_type,
                   .inputs = {Fixed(DT_INT64, {2, 2}, {0, 0, 1, 1}), X({2}, {1, 1}),
                              Fixed(DT_INT64, {2}, {2, 2})},
                   .outputs = {Fixed(DT_INT64, {2, 2}, {0, 0, 1, 1}), X({2}, {1, 1}),
                               Fixed(DT_INT64, {2}, {2, 2})},
                   .only_dtypes = dtypes::PodString(),
                   .graph = RoundTripGraph(serialize, deserialize, out_type),
                   .fetches = {"back:0", "back:1", "back:2"},
                   .other_ops = {deserialize}};
}

REGISTER_OP_EXAMPLES(
    OpExample{.op = "SerializeSparse",
              .attrs = "attr { key: 'T' value { type: DT_INT32 } }",
              .inputs = {Fixed(DT_INT64, {1, 1}, {2}), Fixed(DT_INT32, {1}, {7}),
                         Fixed(DT_INT64, {1}, {3})},
              .outputs = {Bytes({3}, kSerialized)},
              .dtype_attr = "out_type",
              .only_dtypes = {DT_STRING}},
    OpExample{.op = "DeserializeSparse",
              .attrs = "attr { key: 'dtype' value { type: DT_INT32 } }",
              .inputs = {Bytes({3}, kSerialized)},
              .outputs = {Fixed(DT_INT64, {1, 1}, {2}), Fixed(DT_INT32, {1}, {7}),
                          Fixed(DT_INT64, {1}, {3})},
              .dtype_attr = "Tserialized",
              .only_dtypes = {DT_STRING}},
    // Deserializing a [2, 3] batch stacks the two tensors under a new first dim.
    OpExample{.op = "DeserializeManySparse",
              .attrs = "attr { key: 'dtype' value { type: DT_INT32 } }",
              .inputs = {Bytes({2, 3}, {kSerialized[0], kSerialized[1], kSerialized[2],
                                        kSerialized[0], kSerialized[1], kSerialized[2]})},
              .outputs = {Fixed(DT_INT64, {2, 2}, {0, 2, 1, 2}), Fixed(DT_INT32, {2}, {7, 7}),
                          Fixed(DT_INT64, {2}, {2, 3})},
              .dtype_attr = ""},
    RoundTrip("SerializeSparse", "DeserializeSparse", "DT_STRING"),
    RoundTrip("SerializeSparse", "DeserializeSparse", "DT_VARIANT"),
    RoundTrip("SerializeManySparse", "DeserializeManySparse", "DT_STRING"),
    RoundTrip("SerializeManySparse", "DeserializeSparse", "DT_VARIANT"));

// The SparseTensors map: AddManySparseToTensorsMap stores each row of the minibatch and returns
// its handle; TakeManySparseFromTensorsMap stacks them back. AddSparseToTensorsMap stores the
// whole tensor, here the second entry alone; taking its handle (as a [1] vector) adds a batch dim
// of 1.

OpExample MapRoundTrip() {
  const std::string shared = "s: 'examples_$T'";
  return OpExample{
      .op = "AddManySparseToTensorsMap",
      .inputs = {Fixed(DT_INT64, {2, 2}, {0, 0, 1, 1}), X({2}, {1, 1}),
                 Fixed(DT_INT64, {2}, {2, 2})},
      .outputs = {Fixed(DT_INT64, {2, 2}, {0, 0, 1, 1}), X({2}, {1, 1}),
                  Fixed(DT_INT64, {2}, {2, 2}), Fixed(DT_INT64, {1, 3}, {0, 1, 1}), X({1}, {1}),
                  Fixed(DT_INT64, {3}, {1, 2, 2})},
      .only_dtypes = dtypes::PodString(),
      .graph = Graph(
          {Input(0, "DT_INT64"), Input(1, "$T"), Input(2, "DT_INT64"),
           Node("handles", "AddManySparseToTensorsMap", {"input_0", "input_1", "input_2"},
                {{"T", Type("$T")}, {"shared_name", shared}}),
           Node("taken", "TakeManySparseFromTensorsMap", {"handles"},
                {{"dtype", Type("$T")}, {"shared_name", shared}}),
           Int32s("one", {1}),
           Node("single_indices", "Slice", {"input_0", "begin", "size"},
                {{"T", Type("DT_INT64")}, {"Index", Type("DT_INT32")}}),
           Int32s("begin", {1, 0}), Int32s("size", {1, 2}),
           Node("single_values", "Slice", {"input_1", "value_begin", "one"},
                {{"T", Type("$T")}, {"Index", Type("DT_INT32")}}),
           Int32s("value_begin", {1}),
           Node("handle", "AddSparseToTensorsMap", {"single_indices", "single_values", "input_2"},
                {{"T", Type("$T")}, {"shared_name", shared}}),
           Node("handle_vector", "Reshape", {"handle", "one"},
                {{"T", Type("DT_INT64")}, {"Tshape", Type("DT_INT32")}}),
           Node("taken_single", "TakeManySparseFromTensorsMap", {"handle_vector"},
                {{"dtype", Type("$T")}, {"shared_name", shared}})}),
      .fetches = {"taken:0", "taken:1", "taken:2", "taken_single:0", "taken_single:1",
                  "taken_single:2"},
      .other_ops = {"AddSparseToTensorsMap", "TakeManySparseFromTensorsMap"}};
}

REGISTER_OP_EXAMPLES(MapRoundTrip());

// The ragged tensor [[1, 0], [1]] encoded as one variant (batched_input false) or one per row,
// and decoded again.
std::string RaggedGraph(bool batched) {
  return Graph({Input(0, "$T"), Input(1, "DT_INT64"),
                Node("encoded", "RaggedTensorToVariant", {"input_1", "input_0"},
                     {{"Tvalues", Type("$T")},
                      {"Tsplits", Type("DT_INT64")},
                      {"RAGGED_RANK", Int(1)},
                      {"batched_input", Bool(batched)}}),
                Node("decoded", "RaggedTensorFromVariant", {"encoded"},
                     {{"Tvalues", Type("$T")},
                      {"Tsplits", Type("DT_INT64")},
                      {"input_ragged_rank", Int(batched ? 0 : 1)},
                      {"output_ragged_rank", Int(1)}})});
}

OpExample Ragged(bool batched) {
  return OpExample{.op = "RaggedTensorToVariant",
                   .name = batched ? "batched" : "whole",
                   .inputs = {X({3}, {1, 0, 1}), Fixed(DT_INT64, {3}, {0, 2, 3})},
                   .outputs = {Fixed(DT_INT64, {3}, {0, 2, 3}), X({3}, {1, 0, 1})},
                   .dtype_attr = "Tvalues",
                   .graph = RaggedGraph(batched),
                   .fetches = {"decoded:0", "decoded:1"},
                   .other_ops = {"RaggedTensorFromVariant"}};
}

REGISTER_OP_EXAMPLES(Ragged(false), Ragged(true));

}  // namespace
}  // namespace tfjs::runtime::testing
