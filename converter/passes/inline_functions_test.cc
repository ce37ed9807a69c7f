#include "converter/passes/inline_functions.h"

#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/handled_ops.h"
#include "converter/passes/test_graphs.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::FindNode;
using testing::ParseGraph;

std::vector<std::string> Inputs(const tensorflow::NodeDef* node) {
  return {node->input().begin(), node->input().end()};
}

// f(x, y) = x * y, called with StatefulPartitionedCall.
constexpr char kMulCall[] = R"pb(
  node {
    name: "a"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "b"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "call"
    op: "StatefulPartitionedCall"
    input: "a"
    input: "b"
    attr {
      key: "f"
      value { func { name: "f" } }
    }
    attr {
      key: "Tin"
      value { list { type: DT_FLOAT type: DT_FLOAT } }
    }
    attr {
      key: "Tout"
      value { list { type: DT_FLOAT } }
    }
  }
  node { name: "out" op: "Identity" input: "call:0" }
  library {
    function {
      signature {
        name: "f"
        input_arg { name: "x" type: DT_FLOAT }
        input_arg { name: "y" type: DT_FLOAT }
        output_arg { name: "z" type: DT_FLOAT }
      }
      node_def { name: "mul" op: "Mul" input: "x" input: "y" }
      ret { key: "z" value: "mul:z:0" }
    }
  }
)pb";

TEST(InlineFunctionCallsTest, ReplacesCallByBody) {
  tensorflow::GraphDef graph = ParseGraph(kMulCall);
  ASSERT_TRUE(InlineFunctionCalls(&graph).ok());
  const tensorflow::NodeDef* call = FindNode(graph, "call");
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->op(), "Identity");
  EXPECT_EQ(call->attr().at("T").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(Inputs(call), std::vector<std::string>{"call/mul"});
  const tensorflow::NodeDef* mul = FindNode(graph, "call/mul");
  ASSERT_NE(mul, nullptr);
  EXPECT_EQ(Inputs(mul), (std::vector<std::string>{"call/x", "call/y"}));
  const tensorflow::NodeDef* x = FindNode(graph, "call/x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->op(), "Identity");
  EXPECT_EQ(Inputs(x), std::vector<std::string>{"a"});
  for (const auto& node : graph.node()) EXPECT_NE(node.op(), "StatefulPartitionedCall");
}

TEST(InlineFunctionCallsTest, MapsOutputArgsToFlatIndices) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "a" op: "Placeholder" }
    node {
      name: "call"
      op: "PartitionedCall"
      input: "a"
      attr {
        key: "f"
        value { func { name: "outer" } }
      }
    }
    library {
      function {
        signature {
          name: "outer"
          input_arg { name: "x" type: DT_FLOAT }
          output_arg { name: "mean" type: DT_FLOAT }
          output_arg { name: "third" type: DT_FLOAT }
          output_arg { name: "second_of_pair" type: DT_FLOAT }
        }
        node_def { name: "bn" op: "FusedBatchNormV3" input: "x" input: "x" input: "x" }
        node_def {
          name: "split"
          op: "Split"
          input: "x"
          attr {
            key: "num_split"
            value { i: 3 }
          }
        }
        node_def { name: "pair" op: "inner" input: "x" }
        ret { key: "mean" value: "bn:batch_mean:0" }
        ret { key: "third" value: "split:output:2" }
        ret { key: "second_of_pair" value: "pair:second:0" }
      }
      function {
        signature {
          name: "inner"
          input_arg { name: "v" type: DT_FLOAT }
          output_arg { name: "first" type: DT_FLOAT }
          output_arg { name: "second" type: DT_FLOAT }
        }
        node_def { name: "neg" op: "Neg" input: "v" }
        ret { key: "first" value: "v" }
        ret { key: "second" value: "neg:y:0" }
      }
    }
  )pb");
  ASSERT_TRUE(InlineFunctionCalls(&graph).ok());
  const tensorflow::NodeDef* call = FindNode(graph, "call");
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->op(), "IdentityN");
  EXPECT_EQ(call->attr().at("T").list().type_size(), 3);
  EXPECT_EQ(Inputs(call), (std::vector<std::string>{"call/bn:1", "call/split:2", "call/pair:1"}));
  // The nested call was inlined in a second round.
  const tensorflow::NodeDef* pair = FindNode(graph, "call/pair");
  ASSERT_NE(pair, nullptr);
  EXPECT_EQ(pair->op(), "IdentityN");
  EXPECT_EQ(Inputs(pair), (std::vector<std::string>{"call/pair/v", "call/pair/neg"}));
  EXPECT_EQ(Inputs(FindNode(graph, "call/pair/v")), std::vector<std::string>{"call/x"});
}

TEST(InlineFunctionCallsTest, KeepsControlEdges) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "a" op: "Placeholder" }
    node { name: "gate" op: "NoOp" }
    node { name: "call" op: "f" input: "a" input: "^gate" }
    node { name: "after" op: "NoOp" input: "^call" }
    library {
      function {
        signature {
          name: "f"
          input_arg { name: "x" type: DT_FLOAT }
          output_arg { name: "y" type: DT_FLOAT }
        }
        node_def { name: "c" op: "Const" }
        node_def { name: "add" op: "AddV2" input: "x" input: "c:output:0" }
        node_def { name: "side" op: "NoOp" input: "^add" }
        ret { key: "y" value: "add:z:0" }
        control_ret { key: "side" value: "side" }
      }
    }
  )pb");
  ASSERT_TRUE(InlineFunctionCalls(&graph).ok());
  EXPECT_EQ(Inputs(FindNode(graph, "call/x")), (std::vector<std::string>{"a", "^gate"}));
  EXPECT_EQ(Inputs(FindNode(graph, "call/c")), std::vector<std::string>{"^gate"});
  EXPECT_EQ(Inputs(FindNode(graph, "call/side")), std::vector<std::string>{"^call/add"});
  EXPECT_EQ(Inputs(FindNode(graph, "call")), (std::vector<std::string>{"call/add", "^call/side"}));
  EXPECT_EQ(Inputs(FindNode(graph, "after")), std::vector<std::string>{"^call"});
}

TEST(InlineFunctionCallsTest, LeavesControlFlowFunctionsAlone) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "a" op: "Placeholder" }
    node {
      name: "loop"
      op: "While"
      input: "a"
      attr {
        key: "cond"
        value { func { name: "cond" } }
      }
      attr {
        key: "body"
        value { func { name: "body" } }
      }
    }
    library {
      function {
        signature {
          name: "cond"
          input_arg { name: "x" type: DT_FLOAT }
          output_arg { name: "p" type: DT_BOOL }
        }
        node_def { name: "t" op: "Const" }
        ret { key: "p" value: "t:output:0" }
      }
      function {
        signature {
          name: "body"
          input_arg { name: "x" type: DT_FLOAT }
          output_arg { name: "y" type: DT_FLOAT }
        }
        ret { key: "y" value: "x" }
      }
    }
  )pb");
  const tensorflow::GraphDef before = graph;
  ASSERT_TRUE(InlineFunctionCalls(&graph).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(graph, before));
}

TEST(InlineFunctionCallsTest, InlinesCallsInsideFunctionBodies) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "a" op: "Placeholder" }
    node {
      name: "loop"
      op: "While"
      input: "a"
      attr {
        key: "body"
        value { func { name: "body" } }
      }
    }
    library {
      function {
        signature {
          name: "body"
          input_arg { name: "x" type: DT_FLOAT }
          output_arg { name: "y" type: DT_FLOAT }
          output_arg { name: "z" type: DT_FLOAT }
        }
        node_def {
          name: "call"
          op: "StatefulPartitionedCall"
          input: "x"
          attr {
            key: "f"
            value { func { name: "pair" } }
          }
        }
        node_def { name: "direct" op: "pair" input: "call:output:1" }
        node_def { name: "neg" op: "Neg" input: "direct:second:0" }
        ret { key: "y" value: "neg:y:0" }
        ret { key: "z" value: "direct:first:0" }
      }
      function {
        signature {
          name: "pair"
          input_arg { name: "v" type: DT_FLOAT }
          output_arg { name: "first" type: DT_FLOAT }
          output_arg { name: "second" type: DT_FLOAT }
        }
        node_def { name: "sq" op: "Square" input: "v" }
        ret { key: "first" value: "v" }
        ret { key: "second" value: "sq:y:0" }
      }
    }
  )pb");
  ASSERT_TRUE(InlineFunctionCalls(&graph).ok());
  EXPECT_EQ(FindNode(graph, "loop")->op(), "While");
  const tensorflow::FunctionDef& body = graph.library().function(0);
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> nodes;
  for (const auto& node : body.node_def()) nodes[node.name()] = &node;
  for (const auto& node : body.node_def()) {
    EXPECT_NE(node.op(), "StatefulPartitionedCall");
    EXPECT_NE(node.op(), "pair");
  }
  ASSERT_TRUE(nodes.contains("call/sq"));
  EXPECT_EQ(Inputs(nodes["call/sq"]), std::vector<std::string>{"call/v:output:0"});
  EXPECT_EQ(Inputs(nodes["call"]), (std::vector<std::string>{"call/v:output:0", "call/sq:y:0"}));
  EXPECT_EQ(Inputs(nodes["direct/v"]), std::vector<std::string>{"call:output:1"});
  EXPECT_EQ(nodes["direct"]->op(), "IdentityN");
  EXPECT_EQ(Inputs(nodes["neg"]), std::vector<std::string>{"direct:output:1"});
  EXPECT_EQ(body.ret().at("z"), "direct:output:0");
}

TEST(InlineFunctionCallsTest, RejectsRecursion) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "a" op: "Placeholder" }
    node { name: "call" op: "f" input: "a" }
    library {
      function {
        signature {
          name: "f"
          input_arg { name: "x" type: DT_FLOAT }
          output_arg { name: "y" type: DT_FLOAT }
        }
        node_def { name: "again" op: "f" input: "x" }
        ret { key: "y" value: "again:y:0" }
      }
    }
  )pb");
  absl::Status status = InlineFunctionCalls(&graph);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("recursive"), std::string::npos) << status;
}

TEST(InlineFunctionCallsTest, RejectsUnknownFunctionAndWrongArity) {
  tensorflow::GraphDef unknown = ParseGraph(R"pb(
    node {
      name: "call"
      op: "PartitionedCall"
      attr {
        key: "f"
        value { func { name: "missing" } }
      }
    }
  )pb");
  absl::Status status = InlineFunctionCalls(&unknown);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("missing"), std::string::npos) << status;

  tensorflow::GraphDef arity = ParseGraph(kMulCall);
  arity.mutable_node(2)->mutable_input()->RemoveLast();
  status = InlineFunctionCalls(&arity);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("'call'"), std::string::npos) << status;
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

TEST(InlineFunctionCallsTest, EveryRegisteredOpIsGone) {
  const std::set<std::string> ops = RegisteredOps("inline_functions");
  EXPECT_EQ(ops, (std::set<std::string>{"PartitionedCall", "StatefulPartitionedCall"}));
  std::string text = kMulCall;
  text.replace(text.find("  library {"), 0, R"pb(
    node {
      name: "plain_call"
      op: "PartitionedCall"
      input: "a"
      input: "b"
      attr {
        key: "f"
        value { func { name: "f" } }
      }
      attr {
        key: "Tin"
        value { list { type: DT_FLOAT type: DT_FLOAT } }
      }
      attr {
        key: "Tout"
        value { list { type: DT_FLOAT } }
      }
    }
  )pb");
  tensorflow::GraphDef graph = ParseGraph(text);
  ASSERT_TRUE(InlineFunctionCalls(&graph).ok());
  EXPECT_TRUE(Remaining(graph, ops).empty());
}

}  // namespace
}  // namespace tfjs::converter
