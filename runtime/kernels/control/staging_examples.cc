// Op examples of the staging areas (staging.cc) as small graphs: nodes naming one area (by
// shared_name) share it within the graph. Two tuples staged are unstaged first in, first out;
// a map tuple staged in two parts (slot 1, then slot 0) is unstaged, slot 0 only, by
// MapUnstageNoKey with its key.
#include "runtime/kernels/control/graph_text.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using graph_text::Const;
using graph_text::Graph;
using graph_text::Input;
using graph_text::Node;
using graph_text::Str;
using graph_text::Types;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

graph_text::Attrs AreaAttrs(const std::vector<std::string>& dtypes) {
  return {{"dtypes", Types(dtypes)}, {"shared_name", Str("area")}};
}

REGISTER_OP_EXAMPLES(OpExample{
    .op = "Unstage",
    .inputs = {X({2}, {1, 0}), Fixed(DT_INT32, {}, {7}), X({1}, {1}), Fixed(DT_INT32, {}, {8})},
    .outputs = {X({2}, {1, 0}), Fixed(DT_INT32, {}, {7}), X({1}, {1}), Fixed(DT_INT32, {}, {8})},
    .dtype_attr = "dtypes",
    .only_dtypes = {tensorflow::DT_FLOAT, tensorflow::DT_INT8, tensorflow::DT_BOOL,
                    tensorflow::DT_STRING, tensorflow::DT_COMPLEX128},
    .graph = Graph({Input(0, "$T"), Input(1, "DT_INT32"), Input(2, "$T"), Input(3, "DT_INT32"),
                    Node("stage", "Stage", {"input_0", "input_1"}, AreaAttrs({"$T", "DT_INT32"})),
                    Node("stage_again", "Stage", {"input_2", "input_3", "^stage"},
                         AreaAttrs({"$T", "DT_INT32"})),
                    Node("first", "Unstage", {"^stage_again"}, AreaAttrs({"$T", "DT_INT32"})),
                    Node("second", "Unstage", {"^first"}, AreaAttrs({"$T", "DT_INT32"}))}),
    .fetches = {"first:0", "first:1", "second:0", "second:1"},
    .other_ops = {"Stage"}});

REGISTER_OP_EXAMPLES(OpExample{
    .op = "MapUnstageNoKey",
    .inputs = {X({2}, {0, 1}), Fixed(DT_INT32, {2}, {5, 6})},
    .outputs = {Fixed(DT_INT64, {}, {42}), X({2}, {0, 1})},
    .dtype_attr = "dtypes",
    .only_dtypes = {tensorflow::DT_FLOAT, tensorflow::DT_UINT16, tensorflow::DT_BOOL,
                    tensorflow::DT_STRING},
    .graph = Graph({Input(0, "$T"), Input(1, "DT_INT32"), Const("key", "DT_INT64", {}, {42}),
                    Const("slot_0", "DT_INT32", {1}, {0}), Const("slot_1", "DT_INT32", {1}, {1}),
                    Node("stage_1", "MapStage", {"key", "slot_1", "input_1"},
                         {{"dtypes", Types({"$T", "DT_INT32"})},
                          {"fake_dtypes", Types({"DT_INT32"})},
                          {"shared_name", Str("map")}}),
                    Node("stage_0", "MapStage", {"key", "slot_0", "input_0", "^stage_1"},
                         {{"dtypes", Types({"$T", "DT_INT32"})},
                          {"fake_dtypes", Types({"$T"})},
                          {"shared_name", Str("map")}}),
                    Node("unstage", "MapUnstageNoKey", {"slot_0", "^stage_0"},
                         {{"dtypes", Types({"$T"})}, {"shared_name", Str("map")}})}),
    .fetches = {"unstage:0", "unstage:1"},
    .other_ops = {"MapStage"}});

}  // namespace
}  // namespace tfjs::runtime::testing
