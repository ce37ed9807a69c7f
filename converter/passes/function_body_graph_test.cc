#include "converter/passes/function_body_graph.h"

#include <algorithm>

#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::InputsOf;
using testing::ParseGraph;

// top(v, k) read by output arg names, an Identity, and a call of another library function.
constexpr char kLibrary[] = R"pb(
  library {
    function {
      signature { name: "f" input_arg { name: "v" type: DT_FLOAT } input_arg { name: "k" type: DT_INT32 }
                  output_arg { name: "indices" type: DT_INT32 } output_arg { name: "twice" type: DT_FLOAT }
                  output_arg { name: "called" type: DT_FLOAT } }
      node_def { name: "top" op: "TopKV2" input: "v" input: "k" attr { key: "T" value { type: DT_FLOAT } } }
      node_def { name: "same" op: "Identity" input: "top:indices:0"
                 attr { key: "T" value { type: DT_INT32 } } }
      node_def { name: "twice" op: "AddV2" input: "top:values:0" input: "top:values:0" input: "^k"
                 attr { key: "T" value { type: DT_FLOAT } } }
      node_def { name: "call" op: "g" input: "twice:z:0" }
      ret { key: "indices" value: "same:output:0" }
      ret { key: "twice" value: "twice:z:0" }
      ret { key: "called" value: "call:b:0" }
    }
    function {
      signature { name: "g" input_arg { name: "x" type: DT_FLOAT }
                  output_arg { name: "a" type: DT_FLOAT } output_arg { name: "b" type: DT_FLOAT } }
      ret { key: "a" value: "x" }
      ret { key: "b" value: "x" }
    }
  }
)pb";

TEST(FunctionBodyGraphTest, GraphHasArgPlaceholdersAndFlatInputs) {
  const tensorflow::GraphDef graph = ParseGraph(kLibrary);
  absl::StatusOr<FunctionBodyGraph> body =
      FunctionBodyGraph::FromFunction(graph.library().function(0), graph.library());
  ASSERT_TRUE(body.ok()) << body.status();
  const tensorflow::GraphDef& g = body->graph();
  ASSERT_EQ(g.node_size(), 6);
  EXPECT_EQ(g.node(0).op(), "Placeholder");
  EXPECT_EQ(g.node(0).attr().at("dtype").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(InputsOf(g.node(3)), (std::vector<std::string>{"top:1"}));
  EXPECT_EQ(InputsOf(g.node(4)), (std::vector<std::string>{"top", "top", "^k"}));
  std::vector<std::string> keep = body->Keep();
  std::sort(keep.begin(), keep.end());
  // The returned Identity is looked through.
  EXPECT_EQ(keep, (std::vector<std::string>{"call:1", "k", "top:1", "twice", "v"}));
}

TEST(FunctionBodyGraphTest, WriteBackRestoresBodySyntax) {
  tensorflow::GraphDef graph = ParseGraph(kLibrary);
  tensorflow::FunctionDef& function = *graph.mutable_library()->mutable_function(0);
  absl::StatusOr<FunctionBodyGraph> body = FunctionBodyGraph::FromFunction(function, graph.library());
  ASSERT_TRUE(body.ok()) << body.status();
  // A pass replacing "twice" by a new op and dropping the Identity.
  tensorflow::GraphDef& g = body->graph();
  g.mutable_node(4)->set_op("Mul");
  g.mutable_node()->DeleteSubrange(3, 1);
  ASSERT_TRUE(body->WriteBack(&function).ok());
  ASSERT_EQ(function.node_def_size(), 3);
  EXPECT_EQ(InputsOf(function.node_def(0)), (std::vector<std::string>{"v", "k"}));
  // Control inputs on args go; a node whose op changed names its output by the op's default.
  EXPECT_EQ(InputsOf(function.node_def(1)), (std::vector<std::string>{"top:values:0", "top:values:0"}));
  EXPECT_EQ(InputsOf(function.node_def(2)), (std::vector<std::string>{"twice:output:0"}));
  EXPECT_EQ(function.ret().at("indices"), "top:indices:0");
  EXPECT_EQ(function.ret().at("twice"), "twice:output:0");
  EXPECT_EQ(function.ret().at("called"), "call:b:0");
}

TEST(FunctionBodyGraphTest, LeavesFunctionsWithAttrTypedArgs) {
  const tensorflow::GraphDef graph = ParseGraph(R"pb(
    library { function { signature { name: "h" input_arg { name: "x" type_attr: "T" }
                                     output_arg { name: "y" type_attr: "T" } }
                         ret { key: "y" value: "x" } } }
  )pb");
  EXPECT_EQ(FunctionBodyGraph::FromFunction(graph.library().function(0), graph.library())
                .status()
                .code(),
            absl::StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace tfjs::converter
