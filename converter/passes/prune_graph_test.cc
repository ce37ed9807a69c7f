#include "converter/passes/prune_graph.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/handled_ops.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::FindNode;
using testing::ParseGraph;

std::vector<std::string> NodeNames(const tensorflow::GraphDef& graph) {
  std::vector<std::string> names;
  for (const auto& node : graph.node()) names.push_back(node.name());
  return names;
}

std::vector<std::string> FunctionNames(const tensorflow::GraphDef& graph) {
  std::vector<std::string> names;
  for (const auto& function : graph.library().function())
    names.push_back(function.signature().name());
  return names;
}

TEST(PruneGraphTest, KeepsWhatOutputsNeedAndDropsPlumbing) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "x" op: "Placeholder" }
    node { name: "unused_input" op: "Placeholder" }
    node { name: "w" op: "Const" }
    node { name: "init" op: "Assign" input: "w" input: "w" }
    node { name: "ready" op: "NoOp" }
    node { name: "mul" op: "Mul" input: "x" input: "w" input: "^init" input: "^ready" }
    node { name: "out" op: "Identity" input: "mul:0" }
    node { name: "save/SaveV2" op: "SaveV2" input: "w" }
  )pb");
  ASSERT_TRUE(PruneGraph({"out:0", "unused_input"}, &graph).ok());
  EXPECT_EQ(NodeNames(graph),
            (std::vector<std::string>{"x", "unused_input", "w", "ready", "mul", "out"}));
  const tensorflow::NodeDef* mul = FindNode(graph, "mul");
  EXPECT_EQ(std::vector<std::string>(mul->input().begin(), mul->input().end()),
            (std::vector<std::string>{"x", "w", "^ready"}));
}

TEST(PruneGraphTest, KeepsOnlyFunctionsStillReferenced) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "x" op: "Placeholder" }
    node {
      name: "loop"
      op: "While"
      input: "x"
      attr {
        key: "cond"
        value { func { name: "cond" } }
      }
      attr {
        key: "body"
        value { func { name: "body" } }
      }
    }
    node { name: "dead" op: "dead_fn" }
    library {
      function { signature { name: "cond" } }
      function {
        signature { name: "body" }
        node_def { name: "n" op: "helper" }
      }
      function { signature { name: "helper" } }
      function { signature { name: "dead_fn" } }
      gradient { function_name: "dead_fn" gradient_func: "helper" }
    }
  )pb");
  ASSERT_TRUE(PruneGraph({"loop"}, &graph).ok());
  EXPECT_EQ(FunctionNames(graph), (std::vector<std::string>{"cond", "body", "helper"}));
  EXPECT_EQ(graph.library().gradient_size(), 0);
}

TEST(PruneGraphTest, DropsEmptyLibrary) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "x" op: "Placeholder" }
    library { function { signature { name: "f" } } }
  )pb");
  ASSERT_TRUE(PruneGraph({"x"}, &graph).ok());
  EXPECT_FALSE(graph.has_library());
}

TEST(PruneGraphTest, NamesMissingOutputsAndInputs) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "y" op: "Neg" input: "ghost" }
  )pb");
  absl::Status missing_output = PruneGraph({"nothing:0"}, &graph);
  EXPECT_EQ(missing_output.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing_output.message().find("nothing:0"), std::string::npos);
  absl::Status missing_input = PruneGraph({"y"}, &graph);
  EXPECT_EQ(missing_input.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing_input.message().find("'ghost'"), std::string::npos) << missing_input;
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

TEST(PruneGraphTest, EveryRegisteredOpIsGone) {
  const std::set<std::string> ops = RegisteredOps("prune_graph");
  EXPECT_EQ(ops.size(), 19u);
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
  tensorflow::GraphDef graph = ParseGraph(absl::StrCat(text, " }\n", nodes));
  ASSERT_TRUE(PruneGraph({"out"}, &graph).ok());
  EXPECT_TRUE(Remaining(graph, ops).empty());
  ASSERT_NE(FindNode(graph, "out"), nullptr);
  EXPECT_EQ(FindNode(graph, "out")->input_size(), 1);
}

}  // namespace
}  // namespace tfjs::converter
