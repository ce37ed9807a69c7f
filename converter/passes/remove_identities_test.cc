#include "converter/passes/remove_identities.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/graph_runner_testing.h"
#include "converter/passes/handled_ops.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"
#include "ops/op_table.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::converter {
namespace {

using testing::ExpectSameOutputs;
using testing::FindNode;
using testing::InputsOf;
using testing::ParseGraph;

TEST(RemoveIdentitiesTest, RewiresChainsAndKeepsOutputs) {
  const tensorflow::GraphDef before = ParseGraph(R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "w"
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
            float_val: 3
          }
        }
      }
    }
    node {
      name: "side"
      op: "Neg"
      input: "x"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
    node { name: "ready" op: "NoOp" input: "^side" }
    node {
      name: "w/read"
      op: "Identity"
      input: "w"
      input: "^ready"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "snap"
      op: "Snapshot"
      input: "w/read"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "pair"
      op: "IdentityN"
      input: "x"
      input: "snap"
      attr {
        key: "T"
        value { list { type: DT_FLOAT type: DT_FLOAT } }
      }
    }
    node {
      name: "stop"
      op: "StopGradient"
      input: "pair:1"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "mul"
      op: "Mul"
      input: "pair"
      input: "stop"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "y"
      op: "Identity"
      input: "mul"
      input: "^ready"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
  )pb");
  tensorflow::GraphDef after = before;
  EXPECT_TRUE(RemoveIdentities({"y:0", "x:0"}, &after));
  std::vector<std::string> names;
  for (const tensorflow::NodeDef& node : after.node()) names.push_back(node.name());
  EXPECT_EQ(names, (std::vector<std::string>{"x", "w", "side", "mul", "y"}));
  EXPECT_EQ(InputsOf(*FindNode(after, "mul")), (std::vector<std::string>{"x", "w", "^side"}));
  EXPECT_EQ(InputsOf(*FindNode(after, "y")), (std::vector<std::string>{"mul", "^side"}));
  ExpectSameOutputs(before, after, {{"x", runtime::testing::Floats({2}, {1, -2})}}, {"y:0"});
}

TEST(RemoveIdentitiesTest, KeepsCondPivotsOthersWaitOn) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "x" op: "Placeholder" }
    node { name: "p" op: "Placeholder" }
    node { name: "switch" op: "Switch" input: "x" input: "p" }
    node { name: "switch_t" op: "Identity" input: "switch:1" }
    node { name: "one" op: "Const" input: "^switch_t" }
    node { name: "data_only" op: "Identity" input: "switch" }
    node { name: "neg" op: "Neg" input: "data_only" }
  )pb");
  EXPECT_TRUE(RemoveIdentities({"neg", "one"}, &graph));
  EXPECT_NE(FindNode(graph, "switch_t"), nullptr);
  EXPECT_EQ(FindNode(graph, "data_only"), nullptr);
  EXPECT_EQ(InputsOf(*FindNode(graph, "neg")), (std::vector<std::string>{"switch"}));
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

TEST(RemoveIdentitiesTest, EveryRegisteredOpIsGone) {
  const std::set<std::string> ops = RegisteredOps("remove_identities");
  // NoOp and exactly the ops the op table says forward their inputs.
  std::set<std::string> expected = {"NoOp"};
  for (const ops::OpDef& op : ops::AllOps()) {
    if (op.forwards_inputs) expected.insert(op.tf_name);
  }
  EXPECT_EQ(ops, expected);
  // x -> each identity op in a chain -> out; every NoOp a control input of out.
  std::string text = R"pb(node {
                            name: "x"
                            op: "Placeholder"
                            attr {
                              key: "dtype"
                              value { type: DT_FLOAT }
                            }
                          })pb";
  std::string previous = "x";
  for (const std::string& op : ops) {
    if (op == "NoOp") continue;
    absl::StrAppend(&text, "\nnode { name: \"", op, "\" op: \"", op, "\" input: \"", previous,
                    "\" }");
    previous = op;
  }
  absl::StrAppend(
      &text, "\nnode { name: \"NoOp\" op: \"NoOp\" }\nnode { name: \"out\" op: \"Neg\" input: \"",
      previous, "\" input: \"^NoOp\" }");
  tensorflow::GraphDef graph = ParseGraph(text);
  RemoveIdentities({"out"}, &graph);
  EXPECT_TRUE(Remaining(graph, ops).empty()) << graph.DebugString();
  EXPECT_EQ(testing::InputsOf(*FindNode(graph, "out")), std::vector<std::string>{"x"});
}

}  // namespace
}  // namespace tfjs::converter
