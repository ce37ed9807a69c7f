// Op examples of the control-flow ops that take functions or move values between frames, as
// small graphs: If/StatelessIf, While/StatelessWhile, Case/StatelessCase, For and the function
// calls (functional.cc, case.cc) with a `library`; a TF1 while loop (Enter, Merge, LoopCond,
// Switch, NextIteration, Exit, and the Ref forms) carrying a value of each dtype; NoOp and
// ControlTrigger as control inputs.
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "runtime/kernels/control/graph_text.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using graph_text::Bool;
using graph_text::Graph;
using graph_text::Input;
using graph_text::Node;
using graph_text::Str;
using graph_text::Type;
using tensorflow::DT_BOOL;
using tensorflow::DT_DOUBLE;
using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;
using tensorflow::DT_INT8;
using tensorflow::DT_UINT8;

// Library functions on float32: negate(v) = -v, square(v) = v * v, add(a, b), mul(a, b),
// neg(a, b) = -a; step(i, acc) = 2 acc + i on int32; and the while loop's cond(i, n, acc) = i < n
// and body(i, n, acc) = (i + 1, n, 2 acc).
constexpr char kLibrary[] = R"pb(
  library {
    function {
      signature {
        name: "negate"
        input_arg { name: "v" type: DT_FLOAT }
        output_arg { name: "out" type: DT_FLOAT }
      }
      node_def { name: "neg" op: "Neg" input: "v" }
      ret { key: "out" value: "neg:y:0" }
    }
    function {
      signature {
        name: "square"
        input_arg { name: "v" type: DT_FLOAT }
        output_arg { name: "out" type: DT_FLOAT }
      }
      node_def { name: "sq" op: "Square" input: "v" }
      ret { key: "out" value: "sq:y:0" }
    }
    function {
      signature {
        name: "add"
        input_arg { name: "a" type: DT_FLOAT }
        input_arg { name: "b" type: DT_FLOAT }
        output_arg { name: "out" type: DT_FLOAT }
      }
      node_def { name: "sum" op: "AddV2" input: "a" input: "b" }
      ret { key: "out" value: "sum:z:0" }
    }
    function {
      signature {
        name: "mul"
        input_arg { name: "a" type: DT_FLOAT }
        input_arg { name: "b" type: DT_FLOAT }
        output_arg { name: "out" type: DT_FLOAT }
      }
      node_def { name: "product" op: "Mul" input: "a" input: "b" }
      ret { key: "out" value: "product:z:0" }
    }
    function {
      signature {
        name: "neg"
        input_arg { name: "a" type: DT_FLOAT }
        input_arg { name: "b" type: DT_FLOAT }
        output_arg { name: "out" type: DT_FLOAT }
      }
      node_def { name: "negated" op: "Neg" input: "a" }
      ret { key: "out" value: "negated:y:0" }
    }
    function {
      signature {
        name: "step"
        input_arg { name: "i" type: DT_INT32 }
        input_arg { name: "acc" type: DT_INT32 }
        output_arg { name: "out" type: DT_INT32 }
      }
      node_def { name: "twice" op: "AddV2" input: "acc" input: "acc" }
      node_def { name: "plus_i" op: "AddV2" input: "twice:z:0" input: "i" }
      ret { key: "out" value: "plus_i:z:0" }
    }
    function {
      signature {
        name: "cond"
        input_arg { name: "i" type: DT_INT32 }
        input_arg { name: "n" type: DT_INT32 }
        input_arg { name: "acc" type: DT_FLOAT }
        output_arg { name: "keep_going" type: DT_BOOL }
      }
      node_def { name: "less" op: "Less" input: "i" input: "n" }
      ret { key: "keep_going" value: "less:z:0" }
    }
    function {
      signature {
        name: "body"
        input_arg { name: "i" type: DT_INT32 }
        input_arg { name: "n" type: DT_INT32 }
        input_arg { name: "acc" type: DT_FLOAT }
        output_arg { name: "next_i" type: DT_INT32 }
        output_arg { name: "same_n" type: DT_INT32 }
        output_arg { name: "next_acc" type: DT_FLOAT }
      }
      node_def {
        name: "one"
        op: "Const"
        attr {
          key: "dtype"
          value { type: DT_INT32 }
        }
        attr {
          key: "value"
          value {
            tensor {
              dtype: DT_INT32
              tensor_shape {}
              int_val: 1
            }
          }
        }
      }
      node_def {
        name: "two"
        op: "Const"
        attr {
          key: "dtype"
          value { type: DT_FLOAT }
        }
        attr {
          key: "value"
          value {
            tensor {
              dtype: DT_FLOAT
              tensor_shape {}
              float_val: 2
            }
          }
        }
      }
      node_def { name: "add" op: "AddV2" input: "i" input: "one:output:0" }
      node_def { name: "mul" op: "Mul" input: "acc" input: "two:output:0" }
      ret { key: "next_i" value: "add:z:0" }
      ret { key: "same_n" value: "n" }
      ret { key: "next_acc" value: "mul:z:0" }
    }
  }
)pb";

std::string FuncAttr(const std::string& name) { return "func { name: \"" + name + "\" }"; }

// If(cond of the dtype under test, x: float32): then negates x, else squares it. TF takes a
// scalar condition of bool, float32, float64, int8, int16, int32, int64 or uint8 as true when it
// is not zero, a string scalar when it is not empty, and a tensor of any other shape when it has
// elements (whatever their values).
std::string IfGraph(const std::string& op) {
  return Graph({Input(0, "$T"), Input(1, "DT_FLOAT"),
                Node("branch", op, {"input_0", "input_1"},
                     {{"Tcond", Type("$T")},
                      {"Tin", "list { type: DT_FLOAT }"},
                      {"Tout", "list { type: DT_FLOAT }"},
                      {"then_branch", FuncAttr("negate")},
                      {"else_branch", FuncAttr("square")}})}) +
         kLibrary;
}

std::vector<OpExample> IfExamples(const std::string& op) {
  // The scalar condition dtypes this runtime takes (TF's list also has int16).
  const std::vector<DataType> scalar_dtypes = {DT_BOOL,  DT_FLOAT, DT_DOUBLE, DT_INT32,
                                               DT_INT64, DT_INT8,  DT_UINT8};
  std::vector<DataType> with_string = scalar_dtypes;
  with_string.push_back(tensorflow::DT_STRING);
  auto example = [&](const std::string& name, ExampleTensor cond, std::vector<double> expected,
                     std::vector<DataType> dtypes) {
    return OpExample{.op = op,
                     .name = name,
                     .inputs = {std::move(cond), Fixed(DT_FLOAT, {2}, {3, -4})},
                     .outputs = {Fixed(DT_FLOAT, {2}, std::move(expected))},
                     .dtype_attr = "Tcond",
                     .only_dtypes = std::move(dtypes),
                     .graph = IfGraph(op),
                     .fetches = {"branch:0"}};
  };
  return {example("true", X({}, {2}), {-3, 4}, with_string),
          example("false", X({}, {0}), {9, 16}, scalar_dtypes),
          example("vector", X({1}, {0}), {-3, 4}, dtypes::PodString()),
          example("empty", X({0}, {}), {9, 16}, dtypes::PodString())};
}

// While(i, n, acc) doubles acc until i reaches n: from i = 1 to n = 4, three times.
std::string WhileGraph(const std::string& op) {
  return Graph({Input(0, "DT_INT32"), Input(1, "DT_INT32"), Input(2, "DT_FLOAT"),
                Node("loop", op, {"input_0", "input_1", "input_2"},
                     {{"T", "list { type: DT_INT32 type: DT_INT32 type: DT_FLOAT }"},
                      {"cond", FuncAttr("cond")},
                      {"body", FuncAttr("body")}})}) +
         kLibrary;
}

OpExample WhileExample(const std::string& op) {
  return OpExample{
      .op = op,
      .inputs = {Fixed(DT_INT32, {}, {1}), Fixed(DT_INT32, {}, {4}), Fixed(DT_FLOAT, {2}, {1, -3})},
      .outputs = {Fixed(DT_INT32, {}, {4}), Fixed(DT_INT32, {}, {4}),
                  Fixed(DT_FLOAT, {2}, {8, -24})},
      .dtype_attr = "",
      .graph = WhileGraph(op),
      .fetches = {"loop:0", "loop:1", "loop:2"}};
}

// Case(index, x, y) over the branches add, mul, neg; an index out of range takes the last.
std::string CaseGraph(const std::string& op) {
  return Graph({Input(0, "DT_INT32"), Input(1, "DT_FLOAT"), Input(2, "DT_FLOAT"),
                Node("switch", op, {"input_0", "input_1", "input_2"},
                     {{"Tin", "list { type: DT_FLOAT type: DT_FLOAT }"},
                      {"Tout", "list { type: DT_FLOAT }"},
                      {"branches", "list { " + FuncAttr("add") + " " + FuncAttr("mul") + " " +
                                       FuncAttr("neg") + " }"}})}) +
         kLibrary;
}

std::vector<OpExample> CaseExamples(const std::string& op) {
  auto example = [&](const std::string& name, double index, double expected) {
    return OpExample{.op = op,
                     .name = name,
                     .inputs = {Fixed(DT_INT32, {}, {index}), Fixed(DT_FLOAT, {}, {3}),
                                Fixed(DT_FLOAT, {}, {4})},
                     .outputs = {Fixed(DT_FLOAT, {}, {expected})},
                     .dtype_attr = "",
                     .graph = CaseGraph(op),
                     .fetches = {"switch:0"}};
  };
  return {example("add", 0, 7), example("mul", 1, 12), example("out_of_range", 5, -3),
          example("negative", -1, -3)};
}

// For(start, limit, delta, acc) runs step(i, acc) for i in range(start, limit, delta); the calls
// run step once on (i = 3, acc = 4): 11.
std::string CallGraph() {
  return Graph({Input(0, "DT_INT32"), Input(1, "DT_INT32"), Input(2, "DT_INT32"),
                Input(3, "DT_INT32"),
                Node("loop", "For", {"input_0", "input_1", "input_2", "input_3"},
                     {{"T", "list { type: DT_INT32 }"}, {"body", FuncAttr("step")}}),
                Node("call", "PartitionedCall", {"input_0", "input_3"},
                     {{"Tin", "list { type: DT_INT32 type: DT_INT32 }"},
                      {"Tout", "list { type: DT_INT32 }"},
                      {"f", FuncAttr("step")}}),
                Node("stateful_call", "StatefulPartitionedCall", {"input_0", "input_3"},
                     {{"Tin", "list { type: DT_INT32 type: DT_INT32 }"},
                      {"Tout", "list { type: DT_INT32 }"},
                      {"f", FuncAttr("step")}})}) +
         kLibrary;
}

OpExample CallExample(const std::string& op, const std::string& fetch, std::vector<double> start,
                      double expected) {
  return OpExample{.op = op,
                   .inputs = {Fixed(DT_INT32, {}, {start[0]}), Fixed(DT_INT32, {}, {start[1]}),
                              Fixed(DT_INT32, {}, {start[2]}), Fixed(DT_INT32, {}, {start[3]})},
                   .outputs = {Fixed(DT_INT32, {}, {expected})},
                   .dtype_attr = "",
                   .graph = CallGraph(),
                   .fetches = {fetch}};
}

std::vector<OpExample> FunctionalExamples() {
  std::vector<OpExample> examples;
  for (const char* op : {"If", "StatelessIf"}) {
    for (OpExample& example : IfExamples(op)) examples.push_back(std::move(example));
  }
  for (const char* op : {"While", "StatelessWhile"}) examples.push_back(WhileExample(op));
  for (const char* op : {"Case", "StatelessCase"}) {
    for (OpExample& example : CaseExamples(op)) examples.push_back(std::move(example));
  }
  // range(0, 3, 1) from acc 1: ((1 * 2 + 0) * 2 + 1) * 2 + 2 = 12; range(3, 0, -2): i = 3, 1.
  examples.push_back(CallExample("For", "loop:0", {0, 3, 1, 1}, 12));
  OpExample backwards = CallExample("For", "loop:0", {3, 0, -2, 0}, (0 * 2 + 3) * 2 + 1);
  backwards.name = "backwards";
  examples.push_back(std::move(backwards));
  examples.push_back(CallExample("PartitionedCall", "call:0", {3, 0, 0, 4}, 11));
  examples.push_back(CallExample("StatefulPartitionedCall", "stateful_call:0", {3, 0, 0, 4}, 11));
  return examples;
}

const bool kFunctionalRegistered [[maybe_unused]] = RegisterOpExamples(FunctionalExamples());

// A TF1 while loop: i counts from input_1 up to 3 while x (of the dtype under test) goes round
// unchanged; Exit gives both after the last iteration. `%ENTER`, `%EXIT` and `%NEXT` name the
// frame ops on x's path (Enter or RefEnter, ...).
std::string LoopGraph(const std::string& enter, const std::string& exit, const std::string& next) {
  const std::string frame = Str("loop");
  return Graph({
      Input(0, "$T"),
      Input(1, "DT_INT32"),
      graph_text::Const("limit", "DT_INT32", {}, {3}),
      Node("enter_x", enter, {"input_0"}, {{"T", Type("$T")}, {"frame_name", frame}}),
      Node("enter_i", "Enter", {"input_1"}, {{"T", Type("DT_INT32")}, {"frame_name", frame}}),
      Node("enter_limit", "Enter", {"limit"},
           {{"T", Type("DT_INT32")}, {"frame_name", frame}, {"is_constant", Bool(true)}}),
      Node("merge_x", "Merge", {"enter_x", "next_x"}, {{"T", Type("$T")}, {"N", "i: 2"}}),
      Node("merge_i", "Merge", {"enter_i", "next_i"}, {{"T", Type("DT_INT32")}, {"N", "i: 2"}}),
      Node("less", "Less", {"merge_i", "enter_limit"}, {{"T", Type("DT_INT32")}}),
      Node("cond", "LoopCond", {"less"}),
      Node("switch_x", "Switch", {"merge_x", "cond"}, {{"T", Type("$T")}}),
      Node("switch_i", "Switch", {"merge_i", "cond"}, {{"T", Type("DT_INT32")}}),
      Node("body_x", "Identity", {"switch_x:1"}, {{"T", Type("$T")}}),
      Node("body_i", "Identity", {"switch_i:1"}, {{"T", Type("DT_INT32")}}),
      Node("one", "Const", {"^body_i"},
           {{"dtype", Type("DT_INT32")},
            {"value", "tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 }"}}),
      Node("add", "AddV2", {"body_i", "one"}, {{"T", Type("DT_INT32")}}),
      Node("next_x", next, {"body_x"}, {{"T", Type("$T")}}),
      Node("next_i", "NextIteration", {"add"}, {{"T", Type("DT_INT32")}}),
      Node("exit_x", exit, {"switch_x"}, {{"T", Type("$T")}}),
      Node("exit_i", "Exit", {"switch_i"}, {{"T", Type("DT_INT32")}}),
  });
}

// The dtypes a loop carries here: numbers, bool and string.
OpExample LoopExample(const std::string& name, const std::string& enter, const std::string& exit,
                      const std::string& next, std::vector<std::string> ops) {
  return OpExample{.op = enter,
                   .name = name,
                   .inputs = {X({2}, {1, 0}), Fixed(DT_INT32, {}, {0})},
                   .outputs = {X({2}, {1, 0}), Fixed(DT_INT32, {}, {3})},
                   .only_dtypes = dtypes::PodString(),
                   .graph = LoopGraph(enter, exit, next),
                   .fetches = {"exit_x:0", "exit_i:0"},
                   .other_ops = std::move(ops)};
}

// The same loop started at i = 5 exits at once, with i = 5.
OpExample LoopSkipped() {
  OpExample example = LoopExample("skipped", "Enter", "Exit", "NextIteration", {"Exit"});
  example.inputs[1] = Fixed(DT_INT32, {}, {5});
  example.outputs[1] = Fixed(DT_INT32, {}, {5});
  return example;
}

REGISTER_OP_EXAMPLES(LoopExample("", "Enter", "Exit", "NextIteration", {"Exit", "NextIteration"}),
                     LoopSkipped(),
                     LoopExample("ref", "RefEnter", "RefExit", "RefNextIteration",
                                 {"RefExit", "RefNextIteration"}));

// NoOp and ControlTrigger as control inputs of an Identity: the Identity runs after them.
OpExample ControlInput(const std::string& op) {
  return OpExample{
      .op = op,
      .inputs = {X({2}, {1, 0})},
      .outputs = {X({2}, {1, 0})},
      .only_dtypes = {DT_FLOAT, DT_INT32, DT_BOOL},
      .graph = Graph({Input(0, "$T"), Node("control", op),
                      Node("after", "Identity", {"input_0", "^control"}, {{"T", Type("$T")}})}),
      .fetches = {"after:0"}};
}

REGISTER_OP_EXAMPLES(ControlInput("NoOp"), ControlInput("ControlTrigger"));

}  // namespace
}  // namespace tfjs::runtime::testing
