#include "converter/passes/strip_debug_ops.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "converter/passes/handled_ops.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

tensorflow::GraphDef Parse(const char* text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  return graph;
}

TEST(StripDebugOpsTest, PassThroughOpsBecomeIdentityAndAssertsGo) {
  tensorflow::GraphDef graph = Parse(R"pb(
    node { name: "x" op: "Placeholder" }
    node {
      name: "check"
      op: "CheckNumerics"
      input: "x"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
      attr {
        key: "message"
        value { s: "bad" }
      }
    }
    node { name: "print" op: "Print" input: "check" input: "x" input: "^x" }
    node { name: "cond" op: "Less" input: "x" input: "x" }
    node { name: "assert" op: "Assert" input: "cond" input: "x" }
    node { name: "y" op: "Relu" input: "print" input: "^assert" }
  )pb");
  StripDebugOps(&graph);
  ASSERT_EQ(graph.node_size(), 5);
  const tensorflow::NodeDef& check = graph.node(1);
  EXPECT_EQ(check.op(), "Identity");
  EXPECT_EQ(check.attr().size(), 1);
  EXPECT_TRUE(check.attr().contains("T"));
  const tensorflow::NodeDef& print = graph.node(2);
  EXPECT_EQ(print.op(), "Identity");
  ASSERT_EQ(print.input_size(), 2);
  EXPECT_EQ(print.input(0), "check");
  EXPECT_EQ(print.input(1), "^x");
  for (const tensorflow::NodeDef& node : graph.node()) EXPECT_NE(node.op(), "Assert");
  const tensorflow::NodeDef& y = graph.node(4);
  ASSERT_EQ(y.input_size(), 1);
  EXPECT_EQ(y.input(0), "print");
}

TEST(StripDebugOpsTest, StripsFunctionBodiesAndTheirControlReturns) {
  tensorflow::GraphDef graph = Parse(R"pb(
    library {
      function {
        signature {
          name: "f"
          input_arg { name: "a" }
          output_arg { name: "out" }
          control_output: "checked"
        }
        node_def { name: "assert" op: "Assert" input: "a" }
        node_def { name: "p" op: "PrintV2" input: "a" }
        node_def { name: "n" op: "CheckNumerics" input: "a" }
        ret { key: "out" value: "n:output:0" }
        control_ret { key: "checked" value: "assert" }
      }
    }
  )pb");
  StripDebugOps(&graph);
  const tensorflow::FunctionDef& function = graph.library().function(0);
  ASSERT_EQ(function.node_def_size(), 1);
  EXPECT_EQ(function.node_def(0).op(), "Identity");
  EXPECT_TRUE(function.control_ret().empty());
  EXPECT_EQ(function.signature().control_output_size(), 0);
}

// The ops `pass` registered as consumed (handled_ops.h).
std::set<std::string> RegisteredOps(const std::string& pass) {
  std::set<std::string> ops;
  for (const auto& [op, by] : HandledOps()) {
    if (by == pass) ops.insert(op);
  }
  return ops;
}

// The ops of `graph`'s nodes that are among `ops`.
std::set<std::string> Remaining(const tensorflow::GraphDef& graph,
                                const std::set<std::string>& ops) {
  std::set<std::string> found;
  for (const auto& node : graph.node()) {
    if (ops.count(node.op())) found.insert(node.op());
  }
  return found;
}

TEST(StripDebugOpsTest, EveryRegisteredOpIsGone) {
  const std::set<std::string> ops = RegisteredOps("strip_debug_ops");
  EXPECT_EQ(ops, (std::set<std::string>{"Assert", "CheckNumerics", "Print", "PrintV2"}));
  std::string text = R"pb(node {
                            name: "x"
                            op: "Placeholder"
                            attr {
                              key: "dtype"
                              value { type: DT_FLOAT }
                            }
                          }
                          node { name: "out" op: "Neg" input: "x")pb";
  std::string nodes;
  for (const std::string& op : ops) {
    absl::StrAppend(&text, " input: \"^", op, "\"");
    absl::StrAppend(&nodes, "node { name: \"", op, "\" op: \"", op, "\" input: \"x\" }\n");
  }
  tensorflow::GraphDef graph = Parse(absl::StrCat(text, " }\n", nodes).c_str());
  StripDebugOps(&graph);
  EXPECT_TRUE(Remaining(graph, ops).empty());
}

}  // namespace
}  // namespace tfjs::converter
