// Op examples of the tensor lists (tensor_list.cc) as small graphs: lists made by Reserve,
// EmptyTensorList, FromTensor, Split and Scatter(V2), changed by SetItem, PushBack, PopBack,
// Resize, ConcatLists and ScatterIntoExistingList, read by GetItem, Gather, Stack, Concat(V2),
// Length and ElementShape, for every element dtype the list kernels declare that examples hold.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "runtime/kernels/control/graph_text.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using graph_text::Const;
using graph_text::Graph;
using graph_text::Input;
using graph_text::Node;
using graph_text::Type;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

// ListElementDtypes() of tensor_list.cc without variant, which examples cannot hold.
std::vector<DataType> Holdable() {
  return dtypes::Join({dtypes::PodString(),
                       {tensorflow::DT_QUINT8, tensorflow::DT_QINT8, tensorflow::DT_QUINT16,
                        tensorflow::DT_QINT16, tensorflow::DT_QINT32}});
}
// Lists read back with unset elements give zeros, which a string example cannot write as a
// number (TF's are empty strings).
std::vector<DataType> HoldableNumbers() {
  std::vector<DataType> dtypes = Holdable();
  dtypes.erase(std::find(dtypes.begin(), dtypes.end(), tensorflow::DT_STRING));
  return dtypes;
}

const graph_text::Attrs kElement = {{"element_dtype", Type("$T")}};
const graph_text::Attrs kElementAndShape = {{"element_dtype", Type("$T")},
                                            {"shape_type", Type("DT_INT32")}};

// A list of 3 elements of shape [2] reserved, then set to input_0, input_1, input_2; resized
// to 2.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "TensorListGetItem",
    .inputs = {X({2}, {1, 0}), X({2}, {0, 1}), X({2}, {1, 1})},
    .outputs = {Fixed(DT_INT32, {}, {3}), X({2}, {1, 1}), X({3, 2}, {1, 0, 0, 1, 1, 1}),
                X({2, 2}, {0, 1, 1, 0}), Fixed(DT_INT32, {1}, {2})},
    .dtype_attr = "element_dtype",
    .only_dtypes = Holdable(),
    .graph = Graph({Input(0, "$T"), Input(1, "$T"), Input(2, "$T"),
                    Const("zero", "DT_INT32", {}, {0}), Const("one", "DT_INT32", {}, {1}),
                    Const("two", "DT_INT32", {}, {2}), Const("three", "DT_INT32", {}, {3}),
                    Const("shape", "DT_INT32", {1}, {2}), Const("order", "DT_INT32", {2}, {1, 0}),
                    Node("reserved", "TensorListReserve", {"shape", "three"}, kElementAndShape),
                    Node("set_0", "TensorListSetItem", {"reserved", "zero", "input_0"}, kElement),
                    Node("set_1", "TensorListSetItem", {"set_0", "one", "input_1"}, kElement),
                    Node("list", "TensorListSetItem", {"set_1", "two", "input_2"}, kElement),
                    Node("length", "TensorListLength", {"list"}),
                    Node("item", "TensorListGetItem", {"list", "two", "shape"},
                         {{"element_dtype", Type("$T")}, {"Tshape", Type("DT_INT32")}}),
                    Node("stacked", "TensorListStack", {"list", "shape"}, kElement),
                    Node("resized", "TensorListResize", {"list", "two"}),
                    Node("gathered", "TensorListGather", {"resized", "order", "shape"}, kElement),
                    Node("element_shape", "TensorListElementShape", {"list"},
                         {{"shape_type", Type("DT_INT32")}})}),
    .fetches = {"length:0", "item:0", "stacked:0", "gathered:0", "element_shape:0"},
    .other_ops = {"TensorListReserve", "TensorListSetItem", "TensorListLength", "TensorListStack",
                  "TensorListResize", "TensorListGather", "TensorListElementShape"}});

// An empty list of [-1] elements: input_0 ([2]) and input_1 ([1]) pushed, then input_1 popped.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "TensorListPopBack",
    .inputs = {X({2}, {1, 0}), X({1}, {1})},
    .outputs = {X({1}, {1}), X({3}, {1, 0, 1}), Fixed(DT_INT64, {2}, {2, 1}), X({2}, {1, 0}),
                Fixed(DT_INT64, {1}, {2}), Fixed(DT_INT32, {}, {1})},
    .dtype_attr = "element_dtype",
    .only_dtypes = Holdable(),
    .graph = Graph({Input(0, "$T"), Input(1, "$T"), Const("any_length", "DT_INT32", {1}, {-1}),
                    Const("unbounded", "DT_INT32", {}, {-1}),
                    Const("leading_dims", "DT_INT64", {0}, {}),
                    Node("empty", "EmptyTensorList", {"any_length", "unbounded"}, kElementAndShape),
                    Node("first", "TensorListPushBack", {"empty", "input_0"}, kElement),
                    Node("list", "TensorListPushBack", {"first", "input_1"}, kElement),
                    Node("popped", "TensorListPopBack", {"list", "any_length"}, kElement),
                    Node("concat", "TensorListConcat", {"list"}, kElement),
                    Node("concat_rest", "TensorListConcatV2",
                         {"popped:0", "any_length", "leading_dims"}, kElementAndShape),
                    Node("length", "TensorListLength", {"popped:0"})}),
    .fetches = {"popped:1", "concat:0", "concat:1", "concat_rest:0", "concat_rest:1", "length:0"},
    .other_ops = {"EmptyTensorList", "TensorListPushBack", "TensorListConcat",
                  "TensorListConcatV2"}});

// A list of input_0's 2 rows joined with itself; input_1 split into [1] and [2] elements;
// input_2's row scattered into the first list at index 3, leaving index 2 unset.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "TensorListFromTensor",
    .inputs = {X({2, 2}, {1, 0, 0, 1}), X({3}, {0, 1, 1}), X({1, 2}, {1, 1})},
    .outputs = {Fixed(DT_INT32, {}, {4}), X({2}, {1, 0}), X({2}, {1, 1}), Fixed(DT_INT32, {}, {4}),
                X({2}, {1, 1})},
    .dtype_attr = "element_dtype",
    .only_dtypes = Holdable(),
    .graph = Graph(
        {Input(0, "$T"), Input(1, "$T"), Input(2, "$T"), Const("one", "DT_INT32", {}, {1}),
         Const("two", "DT_INT32", {}, {2}), Const("three", "DT_INT32", {}, {3}),
         Const("shape", "DT_INT32", {1}, {2}), Const("any_length", "DT_INT32", {1}, {-1}),
         Const("lengths", "DT_INT64", {2}, {1, 2}), Const("at_3", "DT_INT32", {1}, {3}),
         Node("list", "TensorListFromTensor", {"input_0", "shape"}, kElementAndShape),
         Node("joined", "TensorListConcatLists", {"list", "list"}, kElement),
         Node("joined_length", "TensorListLength", {"joined"}),
         Node("joined_item", "TensorListGetItem", {"joined", "two", "shape"},
              {{"element_dtype", Type("$T")}, {"Tshape", Type("DT_INT32")}}),
         Node("split", "TensorListSplit", {"input_1", "any_length", "lengths"}, kElementAndShape),
         Node("split_item", "TensorListGetItem", {"split", "one", "any_length"},
              {{"element_dtype", Type("$T")}, {"Tshape", Type("DT_INT32")}}),
         Node("scattered", "TensorListScatterIntoExistingList", {"list", "input_2", "at_3"},
              kElement),
         Node("scattered_length", "TensorListLength", {"scattered"}),
         Node("scattered_item", "TensorListGetItem", {"scattered", "three", "shape"},
              {{"element_dtype", Type("$T")}, {"Tshape", Type("DT_INT32")}})}),
    .fetches = {"joined_length:0", "joined_item:0", "split_item:0", "scattered_length:0",
                "scattered_item:0"},
    .other_ops = {"TensorListConcatLists", "TensorListSplit",
                  "TensorListScatterIntoExistingList"}});

// input_0's rows scattered to indices 2 and 0 of a list of 4 (V2) and to 1 and 0 of a list of
// 2; unset elements stack as zeros.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "TensorListScatterV2",
    .inputs = {X({2, 2}, {1, 0, 1, 1})},
    .outputs = {X({4, 2}, {1, 1, 0, 0, 1, 0, 0, 0}), X({2, 2}, {1, 1, 1, 0})},
    .dtype_attr = "element_dtype",
    .only_dtypes = HoldableNumbers(),
    .graph = Graph(
        {Input(0, "$T"), Const("shape", "DT_INT32", {1}, {2}), Const("four", "DT_INT32", {}, {4}),
         Const("to", "DT_INT32", {2}, {2, 0}), Const("swap", "DT_INT32", {2}, {1, 0}),
         Node("scattered", "TensorListScatterV2", {"input_0", "to", "shape", "four"},
              kElementAndShape),
         Node("stacked", "TensorListStack", {"scattered", "shape"}, kElement),
         Node("swapped", "TensorListScatter", {"input_0", "swap", "shape"}, kElementAndShape),
         Node("stacked_swapped", "TensorListStack", {"swapped", "shape"}, kElement)}),
    .fetches = {"stacked:0", "stacked_swapped:0"},
    .other_ops = {"TensorListScatter"}});

// A list of unknown element rank holding the float32 1.5, serialized as TF's TensorList::Encode
// writes it: TensorProto {dtype: DT_VARIANT (08 15), shape: [] (12 00), variant_val (7a 2b):
// {type_name (0a 16) "tensorflow::TensorList", metadata (12 05): no unset elements (00),
// element dtype float32 (01), max_num_elements 3 (03), element shape {unknown_rank: true} (18 01),
// tensors (1a 0a): {dtype float32 (08 01), shape [] (12 00), tensor_content 1.5 (22 04 0000c03f)}}}.
// A second push into that list of at most 3 is fine; TF refuses a push past max_num_elements.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "EmptyTensorList",
    .name = "encoded",
    .inputs = {Fixed(tensorflow::DT_FLOAT, {}, {1.5})},
    .outputs = {Bytes({}, {absl::HexStringToBytes("081512007a2b0a16" +
                                                  absl::BytesToHexString("tensorflow::TensorList") +
                                                  "12050001031801"
                                                  "1a0a0801120022040000c03f")})},
    .dtype_attr = "",
    .graph = Graph({Input(0, "DT_FLOAT"), Const("unknown_rank", "DT_INT32", {}, {-1}),
                    Const("at_most_3", "DT_INT32", {}, {3}),
                    Node("empty", "EmptyTensorList", {"unknown_rank", "at_most_3"},
                         {{"element_dtype", Type("DT_FLOAT")}, {"shape_type", Type("DT_INT32")}}),
                    Node("list", "TensorListPushBack", {"empty", "input_0"},
                         {{"element_dtype", Type("DT_FLOAT")}}),
                    Node("serialized", "SerializeTensor", {"list"}, {{"T", Type("DT_VARIANT")}})}),
    .fetches = {"serialized:0"},
    .other_ops = {"TensorListPushBack", "SerializeTensor"}});

}  // namespace
}  // namespace tfjs::runtime::testing
