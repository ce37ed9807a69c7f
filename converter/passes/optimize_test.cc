#include "converter/passes/optimize.h"

#include "converter/passes/graph_runner_testing.h"
#include "runtime/kernels/testing/op_test_util.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::ExpectSameOutputs;
using testing::FindNode;
using testing::ParseGraph;

// y = (size(x) < 3 ? x * 2 : x) read through identities, with an unused input `spare`: the
// predicate folds (x's shape is static), then the cond, then the identities go.
constexpr char kGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "shape" value { shape { dim { size: 2 } } } } }
  node { name: "spare" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "size" op: "Size" input: "x" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "three" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 3 } } } }
  node { name: "small" op: "Less" input: "size" input: "three"
         attr { key: "T" value { type: DT_INT32 } } }
  node { name: "cond/Switch" op: "Switch" input: "x" input: "small"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/switch_t" op: "Identity" input: "cond/Switch:1"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/two" op: "Const" input: "^cond/switch_t"
         attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2 } } } }
  node { name: "cond/double" op: "Mul" input: "cond/Switch:1" input: "cond/two"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/same" op: "Identity" input: "cond/Switch"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/Merge" op: "Merge" input: "cond/same" input: "cond/double"
         attr { key: "T" value { type: DT_FLOAT } } attr { key: "N" value { i: 2 } } }
  node { name: "read" op: "Identity" input: "cond/Merge" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "y" op: "Identity" input: "read" attr { key: "T" value { type: DT_FLOAT } } }
)pb";

TEST(OptimizeTest, FoldsTheCondAndRemovesIdentitiesKeepingNames) {
  FrozenModel model;
  model.graph = ParseGraph(kGraph);
  (*model.signature.mutable_outputs())["y"].set_name("y:0");
  const tensorflow::GraphDef before = model.graph;
  ASSERT_TRUE(RunOptimizationPasses(model).ok());
  std::vector<std::string> names;
  for (const tensorflow::NodeDef& node : model.graph.node()) names.push_back(node.name());
  // x * 2 with the Const folded into the cond's branch; both inputs keep their names.
  EXPECT_EQ(names, (std::vector<std::string>{"x", "spare", "cond/two", "cond/double", "y"}));
  EXPECT_EQ(FindNode(model.graph, "cond/two")->input_size(), 0);
  ExpectSameOutputs(before, model.graph, {{"x", runtime::testing::Floats({2}, {1.5f, -3})}}, {"y:0"});
}

}  // namespace
}  // namespace tfjs::converter
