// Op examples of the stacks (stack.cc), optionals (optional.cc), tensor maps (tensor_map.cc),
// mutexes (mutex.cc) and composite-tensor variants (composite_tensor.cc) as small graphs: each
// container is made, filled and read back within one graph, for every dtype examples hold.
#include <string>

#include "runtime/kernels/control/graph_text.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using graph_text::Const;
using graph_text::Graph;
using graph_text::Input;
using graph_text::Node;
using graph_text::Str;
using graph_text::Type;
using graph_text::Types;
using tensorflow::DT_BOOL;
using tensorflow::DT_INT32;

// TF registers these containers' CPU kernels without a type constraint; examples hold these.
std::vector<DataType> Holdable() {
  return dtypes::Join({dtypes::PodString(), dtypes::Quantized()});
}

// A stack of at most 2 elements: input_0 and input_1 pushed (a push outputs its element), then
// popped in reverse order, then the stack closed. `version` is "V2" or "" (V1, no max size).
OpExample StackExample(const std::string& version) {
  const bool v2 = version == "V2";
  const graph_text::Attrs t = {{"T", Type("$T")}};
  const graph_text::Attrs elem_type = {{"elem_type", Type("$T")}};
  return OpExample{
      .op = "StackPush" + version,
      .inputs = {X({2}, {1, 0}), X({1}, {1})},
      .outputs = {X({2}, {1, 0}), X({1}, {1}), X({2}, {1, 0})},
      .only_dtypes = Holdable(),
      .graph = Graph({Input(0, "$T"), Input(1, "$T"), Const("max_size", "DT_INT32", {}, {2}),
                      Node("stack", "Stack" + version,
                           v2 ? std::vector<std::string>{"max_size"} : std::vector<std::string>{},
                           {{"elem_type", Type("$T")}, {"stack_name", Str("s")}}),
                      Node("push", "StackPush" + version, {"stack", "input_0"}, t),
                      Node("push_again", "StackPush" + version, {"stack", "input_1", "^push"}, t),
                      Node("pop", "StackPop" + version, {"stack", "^push_again"}, elem_type),
                      Node("pop_again", "StackPop" + version, {"stack", "^pop"}, elem_type),
                      Node("close", "StackClose" + version, {"stack", "^pop_again"}),
                      Node("closed", "Identity", {"pop_again", "^close"}, t)}),
      .fetches = {"push:0", "pop:0", "closed:0"},
      .other_ops = {"Stack" + version, "StackPop" + version, "StackClose" + version}};
}

REGISTER_OP_EXAMPLES(StackExample("V2"), StackExample(""));

// An optional of (input_0, input_1) has a value and gives it back; OptionalNone has none.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "OptionalFromValue",
    .inputs = {X({2}, {0, 1}), Fixed(DT_INT32, {}, {7})},
    .outputs = {Fixed(DT_BOOL, {}, {1}), X({2}, {0, 1}), Fixed(DT_INT32, {}, {7}),
                Fixed(DT_BOOL, {}, {0})},
    .dtype_attr = "Toutput_types",
    .only_dtypes = Holdable(),
    .graph = Graph({Input(0, "$T"), Input(1, "DT_INT32"),
                    Node("optional", "OptionalFromValue", {"input_0", "input_1"},
                         {{"Toutput_types", Types({"$T", "DT_INT32"})}}),
                    Node("has", "OptionalHasValue", {"optional"}),
                    Node("get", "OptionalGetValue", {"optional"},
                         {{"output_types", Types({"$T", "DT_INT32"})}}),
                    Node("none", "OptionalNone"), Node("has_none", "OptionalHasValue", {"none"})}),
    .fetches = {"has:0", "get:0", "get:1", "has_none:0"},
    .other_ops = {"OptionalHasValue", "OptionalGetValue", "OptionalNone"}});

// Keys 1 and 2 (int32 scalars) take input_0 and input_1; erasing 2 leaves a map with key 1 only,
// while the map before the erase still has 2.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "TensorMapInsert",
    .inputs = {X({2}, {1, 0}), X({1}, {1})},
    .outputs = {Fixed(DT_INT32, {}, {2}), X({2}, {1, 0}), Fixed(DT_BOOL, {}, {0}),
                Fixed(DT_BOOL, {}, {1}), Fixed(DT_INT32, {1}, {1})},
    .dtype_attr = "value_dtype",
    .only_dtypes = Holdable(),
    .graph =
        Graph({Input(0, "$T"), Input(1, "$T"), Const("one", "DT_INT32", {}, {1}),
               Const("two", "DT_INT32", {}, {2}), Node("empty", "EmptyTensorMap"),
               Node("first", "TensorMapInsert", {"empty", "one", "input_0"},
                    {{"key_dtype", Type("DT_INT32")}, {"value_dtype", Type("$T")}}),
               Node("map", "TensorMapInsert", {"first", "two", "input_1"},
                    {{"key_dtype", Type("DT_INT32")}, {"value_dtype", Type("$T")}}),
               Node("size", "TensorMapSize", {"map"}),
               Node("lookup", "TensorMapLookup", {"map", "one"},
                    {{"key_dtype", Type("DT_INT32")}, {"value_dtype", Type("$T")}}),
               Node("erased", "TensorMapErase", {"map", "two"},
                    {{"key_dtype", Type("DT_INT32")}, {"value_dtype", Type("$T")}}),
               Node("has_erased", "TensorMapHasKey", {"erased", "two"},
                    {{"key_dtype", Type("DT_INT32")}}),
               Node("had", "TensorMapHasKey", {"map", "two"}, {{"key_dtype", Type("DT_INT32")}}),
               Node("keys", "TensorMapStackKeys", {"erased"}, {{"key_dtype", Type("DT_INT32")}})}),
    .fetches = {"size:0", "lookup:0", "has_erased:0", "had:0", "keys:0"},
    .other_ops = {"EmptyTensorMap", "TensorMapSize", "TensorMapLookup", "TensorMapErase",
                  "TensorMapHasKey", "TensorMapStackKeys"}});

// A lock taken and consumed; the value that waits for it passes.
REGISTER_OP_EXAMPLES(OpExample{.op = "MutexLock",
                               .inputs = {Fixed(tensorflow::DT_FLOAT, {2}, {1.5, -2})},
                               .outputs = {Fixed(tensorflow::DT_FLOAT, {2}, {1.5, -2})},
                               .dtype_attr = "",
                               .graph = Graph({Input(0, "DT_FLOAT"), Node("mutex", "MutexV2"),
                                               Node("lock", "MutexLock", {"mutex"}),
                                               Node("consume", "ConsumeMutexLock", {"lock"}),
                                               Node("locked", "Identity", {"input_0", "^consume"},
                                                    {{"T", Type("DT_FLOAT")}})}),
                               .fetches = {"locked:0"},
                               .other_ops = {"MutexV2", "ConsumeMutexLock"}});

// Components packed with their type spec's metadata and unpacked again.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "CompositeTensorVariantFromComponents",
    .inputs = {X({2}, {0, 1}), Fixed(DT_INT32, {3}, {4, 5, 6})},
    .outputs = {X({2}, {0, 1}), Fixed(DT_INT32, {3}, {4, 5, 6})},
    .dtype_attr = "Tcomponents",
    .only_dtypes = Holdable(),
    .graph = Graph({Input(0, "$T"), Input(1, "DT_INT32"),
                    Node("encoded", "CompositeTensorVariantFromComponents", {"input_0", "input_1"},
                         {{"metadata", Str("spec")}, {"Tcomponents", Types({"$T", "DT_INT32"})}}),
                    Node("decoded", "CompositeTensorVariantToComponents", {"encoded"},
                         {{"metadata", Str("spec")}, {"Tcomponents", Types({"$T", "DT_INT32"})}})}),
    .fetches = {"decoded:0", "decoded:1"},
    .other_ops = {"CompositeTensorVariantToComponents"}});

}  // namespace
}  // namespace tfjs::runtime::testing
