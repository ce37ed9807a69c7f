#include "converter/passes/remove_identities.h"

#include <string>
#include <vector>

#include "converter/passes/graph_runner_testing.h"
#include "runtime/kernels/testing/op_test_util.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::ExpectSameOutputs;
using testing::FindNode;
using testing::InputsOf;
using testing::ParseGraph;

TEST(RemoveIdentitiesTest, RewiresChainsAndKeepsOutputs) {
  const tensorflow::GraphDef before = ParseGraph(R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "w" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 3 } } } }
    node { name: "side" op: "Neg" input: "x" attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "ready" op: "NoOp" input: "^side" }
    node { name: "w/read" op: "Identity" input: "w" input: "^ready"
           attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "snap" op: "Snapshot" input: "w/read" attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "pair" op: "IdentityN" input: "x" input: "snap"
           attr { key: "T" value { list { type: DT_FLOAT type: DT_FLOAT } } } }
    node { name: "stop" op: "StopGradient" input: "pair:1"
           attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "mul" op: "Mul" input: "pair" input: "stop"
           attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "y" op: "Identity" input: "mul" input: "^ready"
           attr { key: "T" value { type: DT_FLOAT } } }
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

}  // namespace
}  // namespace tfjs::converter
