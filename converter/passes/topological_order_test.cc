#include "converter/passes/topological_order.h"

#include <vector>

#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

TEST(TopologicalOrderTest, PutsInputsFirstAndLeavesCyclesOut) {
  const tensorflow::GraphDef graph = testing::ParseGraph(R"pb(
    node { name: "add" op: "AddV2" input: "x" input: "c:1" }
    node { name: "after" op: "NoOp" input: "^add" }
    node { name: "x" op: "Placeholder" }
    node { name: "c" op: "Split" input: "x" }
    node { name: "merge" op: "Merge" input: "x" input: "next" }
    node { name: "next" op: "NextIteration" input: "merge" }
    node { name: "exit" op: "Exit" input: "merge" }
    node { name: "broken" op: "Neg" input: "missing" }
  )pb");
  EXPECT_EQ(TopologicalOrder(graph), (std::vector<int>{2, 3, 0, 1}));
}

}  // namespace
}  // namespace tfjs::converter
