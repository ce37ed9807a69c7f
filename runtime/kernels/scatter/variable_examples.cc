// Op examples of the live variables (resource_variable.cc, resource_scatter.cc, ref_variable.cc)
// as small graphs: a variable is made, written and read back within one graph, for every dtype
// the writing kernel declares that examples hold. Scatter values are those of
// scatter_examples.cc's reference-variable scatters, worked by hand there.
#include <string>
#include <vector>

#include "runtime/kernels/control/graph_text.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using graph_text::Bool;
using graph_text::Const;
using graph_text::Graph;
using graph_text::Input;
using graph_text::Int;
using graph_text::Node;
using graph_text::ShapeAttr;
using graph_text::Str;
using graph_text::Type;
using graph_text::UnknownShape;
using tensorflow::DT_BOOL;
using tensorflow::DT_INT32;

// TF_CALL_ALL_TYPES and the quantized types without resource and variant, which examples
// cannot hold.
std::vector<DataType> Holdable() {
  return dtypes::Join({dtypes::PodString(), dtypes::Quantized()});
}

std::string Variable(const char* name = "var") {
  return Node(name, "VarHandleOp", {}, {{"dtype", Type("$T")}, {"shape", UnknownShape()}});
}
// input_0 assigned to `var`.
std::string AssignInput0(const std::vector<std::string>& control = {}) {
  std::vector<std::string> inputs = {"var", "input_0"};
  inputs.insert(inputs.end(), control.begin(), control.end());
  return Node("assign", "AssignVariableOp", inputs, {{"dtype", Type("$T")}});
}
std::string Read(const char* name, const char* after) {
  return Node(name, "ReadVariableOp", {"var", after}, {{"dtype", Type("$T")}});
}

// Uninitialized until assigned; read, shaped and destroyed, after which it is uninitialized again.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "AssignVariableOp",
    .inputs = {X({2}, {1, 0})},
    .outputs = {Fixed(DT_BOOL, {}, {0}), X({2}, {1, 0}), Fixed(DT_BOOL, {}, {1}),
                Fixed(DT_INT32, {1}, {2}), Fixed(DT_BOOL, {}, {0})},
    .dtype_attr = "dtype",
    .only_dtypes = Holdable(),
    .graph = Graph({Input(0, "$T"), Variable(), Node("before", "VarIsInitializedOp", {"var"}),
                    AssignInput0({"^before"}), Read("read", "^assign"),
                    Node("initialized", "VarIsInitializedOp", {"var", "^assign"}),
                    Node("shape", "VariableShape", {"var", "^assign"},
                         {{"out_type", Type("DT_INT32")}}),
                    Node("disable", "DisableCopyOnRead", {"var", "^assign"}),
                    Node("destroy", "DestroyResourceOp",
                         {"var", "^read", "^initialized", "^shape", "^disable"}),
                    Node("after", "VarIsInitializedOp", {"var", "^destroy"})}),
    .fetches = {"before:0", "read:0", "initialized:0", "shape:0", "after:0"},
    .other_ops = {"VarHandleOp", "ReadVariableOp", "VarIsInitializedOp", "VariableShape",
                  "DisableCopyOnRead", "DestroyResourceOp"}});

// {5, 2} + {1, 3} = {6, 5}; then - {2, 1} = {4, 4}.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "AssignAddVariableOp",
    .inputs = {X({2}, {5, 2}), X({2}, {1, 3}), X({2}, {2, 1})},
    .outputs = {X({2}, {6, 5}), X({2}, {4, 4})},
    .dtype_attr = "dtype",
    .graph = Graph(
        {Input(0, "$T"), Input(1, "$T"), Input(2, "$T"), Variable(), AssignInput0(),
         Node("add", "AssignAddVariableOp", {"var", "input_1", "^assign"}, {{"dtype", Type("$T")}}),
         Read("sum", "^add"),
         Node("sub", "AssignSubVariableOp", {"var", "input_2", "^sum"}, {{"dtype", Type("$T")}}),
         Read("difference", "^sub")}),
    .fetches = {"sum:0", "difference:0"},
    .other_ops = {"AssignSubVariableOp"}});

// Outputs 3 and leaves 4.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "ResourceCountUpTo",
    .inputs = {X({}, {3})},
    .outputs = {X({}, {3}), X({}, {4})},
    .graph = Graph({Input(0, "$T"), Variable(), AssignInput0(),
                    Node("count", "ResourceCountUpTo", {"var", "^assign"},
                         {{"T", Type("$T")}, {"limit", Int(5)}}),
                    Read("next", "^count")}),
    .fetches = {"count:0", "next:0"}});

// Rows 2 and 0 of {1, 0}, {0, 1}, {1, 1}; elements [1, 1] and [2, 0].
REGISTER_OP_EXAMPLES(OpExample{
    .op = "ResourceGather",
    .inputs = {X({3, 2}, {1, 0, 0, 1, 1, 1})},
    .outputs = {X({2, 2}, {1, 1, 1, 0}), X({2}, {1, 1})},
    .dtype_attr = "dtype",
    .only_dtypes = Holdable(),
    .graph = Graph({Input(0, "$T"), Variable(), AssignInput0(),
                    Const("rows", "DT_INT32", {2}, {2, 0}),
                    Const("elements", "DT_INT32", {2, 2}, {1, 1, 2, 0}),
                    Node("gather", "ResourceGather", {"var", "rows", "^assign"},
                         {{"dtype", Type("$T")}, {"Tindices", Type("DT_INT32")}}),
                    Node("gather_nd", "ResourceGatherNd", {"var", "elements", "^assign"},
                         {{"dtype", Type("$T")}, {"Tindices", Type("DT_INT32")}})}),
    .fetches = {"gather:0", "gather_nd:0"},
    .other_ops = {"ResourceGatherNd"}});

// `op`(var = input_0, input_1 as indices, input_2 as updates), then the variable read back.
OpExample ScatterExample(const char* op, const char* dtype_attr, ExampleTensor value,
                         ExampleTensor indices, ExampleTensor updates, ExampleTensor expected,
                         std::vector<DataType> only_dtypes = {}) {
  const DataType index_dtype = indices.dtype;
  return OpExample{
      .op = op,
      .inputs = {std::move(value), std::move(indices), std::move(updates)},
      .outputs = {std::move(expected)},
      .dtype_attr = dtype_attr,
      .only_dtypes = std::move(only_dtypes),
      .graph = Graph({Input(0, "$T"), Input(1, tensorflow::DataType_Name(index_dtype)),
                      Input(2, "$T"), Variable(), AssignInput0(),
                      Node("scatter", op, {"var", "input_1", "input_2", "^assign"},
                           {{dtype_attr, Type("$T")},
                            {"Tindices", Type(tensorflow::DataType_Name(index_dtype))}}),
                      Read("read", "^scatter")}),
      .fetches = {"read:0"}};
}

// Rows 2, 0, 2 (row 2 twice) of a [3, 2] variable updated from [3, 2] updates.
OpExample RowScatter(const char* op, std::vector<double> expected) {
  return ScatterExample(op, "dtype", X({3, 2}, {4, 6, 1, 1, 8, 4}), Fixed(DT_INT32, {3}, {2, 0, 2}),
                        X({3, 2}, {2, 1, 3, 3, 1, 2}), X({3, 2}, std::move(expected)));
}

// Elements 3 and 1 of a [4] variable.
OpExample NdScatter(const char* op, std::vector<double> value, std::vector<double> updates,
                    std::vector<double> expected) {
  return ScatterExample(op, "T", X({4}, std::move(value)), Fixed(DT_INT32, {2, 1}, {3, 1}),
                        X({2}, std::move(updates)), X({4}, std::move(expected)));
}

REGISTER_OP_EXAMPLES(
    // Not variant, which examples cannot hold.
    ScatterExample("ResourceScatterUpdate", "dtype", X({3, 2}, {1, 1, 0, 0, 1, 1}),
                   Fixed(DT_INT32, {2}, {2, 0}), X({2, 2}, {0, 1, 1, 0}),
                   X({3, 2}, {1, 0, 0, 0, 0, 1}),
                   dtypes::Join({dtypes::Number(), {tensorflow::DT_STRING, DT_BOOL}})),
    RowScatter("ResourceScatterAdd", {7, 9, 1, 1, 11, 7}),
    RowScatter("ResourceScatterSub", {1, 3, 1, 1, 5, 1}),
    RowScatter("ResourceScatterMul", {12, 18, 1, 1, 16, 8}),
    RowScatter("ResourceScatterMin", {3, 3, 1, 1, 1, 1}),
    RowScatter("ResourceScatterMax", {4, 6, 1, 1, 8, 4}),
    // Row 0 divided by {2, 3} and {2, 1}, int64 indices.
    ScatterExample("ResourceScatterDiv", "dtype", X({2, 2}, {8, 6, 5, 4}),
                   Fixed(tensorflow::DT_INT64, {2}, {0, 0}), X({2, 2}, {2, 3, 2, 1}),
                   X({2, 2}, {2, 2, 5, 4})),
    NdScatter("ResourceScatterNdUpdate", {1, 0, 1, 0}, {1, 0}, {1, 0, 1, 1}),
    NdScatter("ResourceScatterNdAdd", {1, 0, 1, 0}, {1, 0}, {1, 0, 1, 1}),
    NdScatter("ResourceScatterNdSub", {1, 1, 1, 1}, {1, 0}, {1, 1, 1, 0}),
    NdScatter("ResourceScatterNdMin", {4, 2, 3, 5}, {1, 6}, {4, 2, 3, 1}),
    NdScatter("ResourceScatterNdMax", {4, 2, 3, 5}, {1, 6}, {4, 6, 3, 5}));

// variable[1:4:2] = {1, 1}.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "ResourceStridedSliceAssign",
    .inputs = {X({4}, {0, 0, 0, 0}), X({2}, {1, 1})},
    .outputs = {X({4}, {0, 1, 0, 1})},
    .only_dtypes = Holdable(),
    .graph = Graph({Input(0, "$T"), Input(1, "$T"), Variable(), AssignInput0(),
                    Const("begin", "DT_INT32", {1}, {1}), Const("end", "DT_INT32", {1}, {4}),
                    Const("strides", "DT_INT32", {1}, {2}),
                    Node("slice_assign", "ResourceStridedSliceAssign",
                         {"var", "begin", "end", "strides", "input_1", "^assign"},
                         {{"T", Type("$T")}, {"Index", Type("DT_INT32")}}),
                    Read("read", "^slice_assign")}),
    .fetches = {"read:0"}});

// A reference variable of shape [2]: uninitialized, then assigned input_0, read through its
// reference. `op` is "VariableV2" or "Variable".
OpExample RefVariableExample(const char* op) {
  return OpExample{
      .op = op,
      .inputs = {X({2}, {1, 0})},
      .outputs = {Fixed(DT_BOOL, {}, {0}), X({2}, {1, 0}), Fixed(DT_BOOL, {}, {1})},
      .dtype_attr = "dtype",
      .only_dtypes = Holdable(),
      .graph = Graph(
          {Input(0, "$T"), Node("var", op, {}, {{"dtype", Type("$T")}, {"shape", ShapeAttr({2})}}),
           Node("before", "IsVariableInitialized", {"var"}, {{"dtype", Type("$T")}}),
           Node("assign", "Assign", {"var", "input_0", "^before"},
                {{"T", Type("$T")}, {"validate_shape", Bool(true)}}),
           Node("read", "Identity", {"var", "^assign"}, {{"T", Type("$T")}}),
           Node("after", "IsVariableInitialized", {"var", "^assign"}, {{"dtype", Type("$T")}})}),
      .fetches = {"before:0", "read:0", "after:0"}};
}
REGISTER_OP_EXAMPLES(RefVariableExample("VariableV2"), RefVariableExample("Variable"));

// A temporary of shape [2] assigned input_0, whose value its destruction outputs.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "TemporaryVariable",
    .inputs = {X({2}, {0, 1})},
    .outputs = {X({2}, {0, 1})},
    .dtype_attr = "dtype",
    .only_dtypes = Holdable(),
    .graph =
        Graph({Input(0, "$T"),
               Node("tmp", "TemporaryVariable", {},
                    {{"dtype", Type("$T")}, {"shape", ShapeAttr({2})}, {"var_name", Str("t")}}),
               Node("assign", "Assign", {"tmp", "input_0"}, {{"T", Type("$T")}}),
               Node("destroy", "DestroyTemporaryVariable", {"tmp", "^assign"},
                    {{"T", Type("$T")}, {"var_name", Str("t")}})}),
    .fetches = {"destroy:0"},
    .other_ops = {"DestroyTemporaryVariable"}});

}  // namespace
}  // namespace tfjs::runtime::testing
