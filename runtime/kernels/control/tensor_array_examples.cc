// Op examples of the TF1 tensor arrays (tensor_array.cc) as small graphs, under their V3, V2 and
// V1 names: an array filled by Scatter and Write, read back by Read, Gather, Concat and Size,
// a second array filled by Split, both closed; V1's Pack and Unpack; the gradient arrays, whose
// writes to one index add up. Run for every dtype the write kernels declare that examples hold.
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/kernels/control/graph_text.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using graph_text::Const;
using graph_text::Graph;
using graph_text::Input;
using graph_text::Node;
using graph_text::ShapeAttr;
using graph_text::Str;
using graph_text::Type;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

// TF_CALL_POD_STRING_TYPES: the writes' dtypes (TF_CALL_ALL_TYPES) that the gathers and concats
// also take and that examples can hold (not resource or variant).
std::vector<DataType> Holdable() { return dtypes::PodString(); }

// Array "ta" of 3 elements of shape [2]: rows 0 and 1 of input_0 scattered to 2 and 0, input_1
// written to 1, so it holds {0, 1}, {1, 0}, {1, 1}. Array "parts" (element shape unknown) is
// split from input_2 {0, 1, 1} into {0} and {1, 1}. `version` is "V3", "V2" or "" (V1).
std::string ArrayGraph(const std::string& version) {
  const bool v3 = version == "V3";
  const std::string create = absl::StrCat("TensorArray", version);
  auto op = [&](const char* name) { return absl::StrCat("TensorArray", name, version); };
  const graph_text::Attrs dtype = {{"dtype", Type("$T")}};
  const graph_text::Attrs t = {{"T", Type("$T")}};
  return Graph({
      Input(0, "$T"),
      Input(1, "$T"),
      Input(2, "$T"),
      Const("zero", "DT_INT32", {}, {0}),
      Const("one", "DT_INT32", {}, {1}),
      Const("two", "DT_INT32", {}, {2}),
      Const("three", "DT_INT32", {}, {3}),
      Const("to", "DT_INT32", {2}, {2, 0}),
      Const("from", "DT_INT32", {2}, {1, 2}),
      Const("lengths", "DT_INT64", {2}, {1, 2}),
      Const("flow", "DT_FLOAT", {}, {0}),
      Node("ta", create, {"three"}, {{"dtype", Type("$T")}, {"element_shape", ShapeAttr({2})}}),
      Node("scatter", op("Scatter"), {"ta", "to", "input_0", v3 ? "ta:1" : "flow"}, t),
      Node("write", op("Write"), {"ta", "one", "input_1", "scatter"}, t),
      Node("read", op("Read"), {"ta", "zero", "write"}, dtype),
      Node("gather", op("Gather"), {"ta", "from", "write"}, dtype),
      Node("concat", op("Concat"), {"ta", "write"}, dtype),
      Node("size", op("Size"), {"ta", "write"}),
      Node("parts", create, {"two"}, dtype),
      Node("split", op("Split"), {"parts", "input_2", "lengths", v3 ? "parts:1" : "flow"}, t),
      Node("part", op("Read"), {"parts", "one", "split"}, dtype),
      Node("close", op("Close"), {"ta", "^read", "^gather", "^concat", "^size"}),
      Node("close_parts", op("Close"), {"parts", "^part"}),
      Node("closed", "Identity", {"zero", "^close", "^close_parts"}, {{"T", Type("DT_INT32")}}),
  });
}

OpExample ArrayExample(const std::string& version) {
  auto op = [&](const char* name) { return absl::StrCat("TensorArray", name, version); };
  return OpExample{
      .op = op("Write"),
      .inputs = {X({2, 2}, {1, 1, 0, 1}), X({2}, {1, 0}), X({3}, {0, 1, 1})},
      .outputs = {X({2}, {0, 1}), X({2, 2}, {1, 0, 1, 1}), X({6}, {0, 1, 1, 0, 1, 1}),
                  Fixed(DT_INT64, {3}, {2, 2, 2}), Fixed(DT_INT32, {}, {3}), X({2}, {1, 1}),
                  Fixed(DT_INT32, {}, {0})},
      .only_dtypes = Holdable(),
      .graph = ArrayGraph(version),
      .fetches = {"read:0", "gather:0", "concat:0", "concat:1", "size:0", "part:0", "closed:0"},
      .other_ops = {absl::StrCat("TensorArray", version), op("Scatter"), op("Read"), op("Gather"),
                    op("Concat"), op("Split"), op("Size"), op("Close")}};
}

REGISTER_OP_EXAMPLES(ArrayExample("V3"), ArrayExample("V2"), ArrayExample(""));

// V1's Unpack writes the rows of input_0; Pack stacks them back.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "TensorArrayUnpack",
    .inputs = {X({2, 2}, {1, 0, 0, 1})},
    .outputs = {X({2, 2}, {1, 0, 0, 1})},
    .only_dtypes = Holdable(),
    .graph = Graph(
        {Input(0, "$T"), Const("two", "DT_INT32", {}, {2}), Const("flow", "DT_FLOAT", {}, {0}),
         Node("ta", "TensorArray", {"two"}, {{"dtype", Type("$T")}}),
         Node("unpack", "TensorArrayUnpack", {"ta", "input_0", "flow"}, {{"T", Type("$T")}}),
         Node("pack", "TensorArrayPack", {"ta", "unpack"}, {{"dtype", Type("$T")}})}),
    .fetches = {"pack:0"},
    .other_ops = {"TensorArrayPack"}});

// The gradient array of source "gradients" takes input_0 and input_1 at index 1 and holds their
// sum; index 0, never written, reads as zeros. The array of source "other" with shape [1]
// prepended holds [1, 2] elements.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "TensorArrayGradV3",
    .inputs = {X({2}, {1, 2}), X({2}, {3, 0}), X({1, 2}, {2, 1})},
    .outputs = {X({2}, {4, 2}), X({2}, {0, 0}), X({1, 2}, {2, 1})},
    .dtype_attr = "dtype",
    .only_dtypes = dtypes::Number(),
    .graph = Graph(
        {Input(0, "$T"), Input(1, "$T"), Input(2, "$T"), Const("zero", "DT_INT32", {}, {0}),
         Const("one", "DT_INT32", {}, {1}), Const("two", "DT_INT32", {}, {2}),
         Const("prefix", "DT_INT32", {1}, {1}),
         Node("ta", "TensorArrayV3", {"two"},
              {{"dtype", Type("$T")}, {"element_shape", ShapeAttr({2})}}),
         Node("grad", "TensorArrayGradV3", {"ta", "ta:1"}, {{"source", Str("gradients")}}),
         Node("first", "TensorArrayWriteV3", {"grad", "one", "input_0", "grad:1"},
              {{"T", Type("$T")}}),
         Node("second", "TensorArrayWriteV3", {"grad", "one", "input_1", "first"},
              {{"T", Type("$T")}}),
         Node("sum", "TensorArrayReadV3", {"grad", "one", "second"}, {{"dtype", Type("$T")}}),
         Node("unwritten", "TensorArrayReadV3", {"grad", "zero", "second"},
              {{"dtype", Type("$T")}}),
         Node("shaped", "TensorArrayGradWithShape", {"ta", "ta:1", "prefix"},
              {{"source", Str("other")}}),
         Node("write", "TensorArrayWriteV3", {"shaped", "zero", "input_2", "shaped:1"},
              {{"T", Type("$T")}}),
         Node("read", "TensorArrayReadV3", {"shaped", "zero", "write"}, {{"dtype", Type("$T")}})}),
    .fetches = {"sum:0", "unwritten:0", "read:0"},
    .other_ops = {"TensorArrayGradWithShape"}});

}  // namespace
}  // namespace tfjs::runtime::testing
