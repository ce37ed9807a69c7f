#include "converter/passes/remove_control_edges.h"

#include <string>
#include <vector>

#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::FindNode;
using testing::InputsOf;
using testing::ParseGraph;

TEST(RemoveNeedlessControlEdgesTest, DropsEdgesThatCannotDelayOrKill) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "x" op: "Placeholder" }
    node { name: "c" op: "Const" }
    node { name: "start" op: "NoOp" }
    node { name: "pivot" op: "Identity" input: "x" }
    node { name: "guarded" op: "Const" input: "^pivot" }
    node { name: "neg" op: "Neg" input: "x" input: "^x" input: "^c" input: "^start"
           input: "^pivot" input: "^pivot" input: "^guarded" }
  )pb");
  EXPECT_TRUE(RemoveNeedlessControlEdges(&graph));
  EXPECT_EQ(InputsOf(*FindNode(graph, "neg")),
            (std::vector<std::string>{"x", "^pivot", "^guarded"}));
  EXPECT_FALSE(RemoveNeedlessControlEdges(&graph));
}

}  // namespace
}  // namespace tfjs::converter
