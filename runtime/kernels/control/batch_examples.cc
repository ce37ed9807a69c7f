// Op examples of batching (batch.cc) as small graphs, for one caller: Batch pads 3 rows to the
// allowed batch size 4 with copies of row 0, and Unbatch gives the call its 3 rows back by the
// batch's id; BatchFunction runs f(x, c) = x + c + rows(x) on the padded batch (4 rows) and
// returns the call's 3 rows.
#include <string>

#include "runtime/kernels/control/graph_text.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using graph_text::Graph;
using graph_text::Input;
using graph_text::Int;
using graph_text::Node;
using graph_text::Type;
using graph_text::Types;

const graph_text::Attrs kBatching = {{"max_batch_size", Int(4)},
                                     {"allowed_batch_sizes", "list { i: 2 i: 4 }"},
                                     {"num_batch_threads", Int(1)},
                                     {"batch_timeout_micros", Int(0)},
                                     {"grad_timeout_micros", Int(0)}};

graph_text::Attrs With(graph_text::Attrs attrs, const graph_text::Attrs& more) {
  attrs.insert(attrs.end(), more.begin(), more.end());
  return attrs;
}

REGISTER_OP_EXAMPLES(OpExample{
    .op = "Batch",
    .inputs = {X({3, 2}, {1, 0, 0, 1, 1, 1}), Fixed(tensorflow::DT_INT32, {3}, {7, 8, 9})},
    .outputs = {X({4, 2}, {1, 0, 0, 1, 1, 1, 1, 0}), Fixed(tensorflow::DT_INT32, {4}, {7, 8, 9, 7}),
                X({3, 2}, {1, 0, 0, 1, 1, 1})},
    .only_dtypes = {tensorflow::DT_FLOAT, tensorflow::DT_INT64, tensorflow::DT_BOOL,
                    tensorflow::DT_STRING, tensorflow::DT_COMPLEX64},
    .graph = Graph({Input(0, "$T"), Input(1, "DT_INT32"),
                    Node("batch", "Batch", {"input_0", "input_1"},
                         With(kBatching, {{"T", Types({"$T", "DT_INT32"})}})),
                    Node("unbatch", "Unbatch", {"batch:0", "batch:2", "batch:3"},
                         {{"T", Type("$T")}, {"timeout_micros", Int(0)}})}),
    .fetches = {"batch:0", "batch:1", "unbatch:0"},
    .other_ops = {"Unbatch"}});

// f(x, c) = x + c + rows(x).
constexpr char kAddRows[] = R"graph(
library {
  function {
    signature {
      name: "add_rows"
      input_arg { name: "x" type: DT_FLOAT }
      input_arg { name: "c" type: DT_FLOAT }
      output_arg { name: "y" type: DT_FLOAT }
    }
    node_def { name: "rows" op: "Size" input: "x"
               attr { key: "T" value { type: DT_FLOAT } }
               attr { key: "out_type" value { type: DT_INT32 } } }
    node_def { name: "rows_float" op: "Cast" input: "rows:output:0"
               attr { key: "SrcT" value { type: DT_INT32 } }
               attr { key: "DstT" value { type: DT_FLOAT } } }
    node_def { name: "plus_c" op: "AddV2" input: "x" input: "c"
               attr { key: "T" value { type: DT_FLOAT } } }
    node_def { name: "sum" op: "AddV2" input: "plus_c:z:0" input: "rows_float:y:0"
               attr { key: "T" value { type: DT_FLOAT } } }
    ret { key: "y" value: "sum:z:0" }
  }
}
)graph";

REGISTER_OP_EXAMPLES(OpExample{
    .op = "BatchFunction",
    .inputs = {Fixed(tensorflow::DT_FLOAT, {3}, {0, 1, 2}), Fixed(tensorflow::DT_FLOAT, {}, {10})},
    .outputs = {Fixed(tensorflow::DT_FLOAT, {3}, {14, 15, 16})},
    .dtype_attr = "",
    .graph = Graph({Input(0, "DT_FLOAT"), Input(1, "DT_FLOAT"),
                    Node("batch", "BatchFunction", {"input_0", "input_1"},
                         With(kBatching, {{"f", "func { name: \"add_rows\" }"},
                                          {"Tin", Types({"DT_FLOAT"})},
                                          {"Tcaptured", Types({"DT_FLOAT"})},
                                          {"Tout", Types({"DT_FLOAT"})}}))}) +
             kAddRows,
    .fetches = {"batch:0"}});

}  // namespace
}  // namespace tfjs::runtime::testing
