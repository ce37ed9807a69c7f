#include "converter/passes/separate_signature_outputs.h"

#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::FindNode;
using testing::InputsOf;
using testing::ParseGraph;

// An inlined TF2 signature function: "call" is the IdentityN of its results; "split" is an op
// with two outputs.
constexpr char kGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "call/neg" op: "Neg" input: "x" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "call/abs" op: "Abs" input: "x" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "call/NoOp" op: "NoOp" }
  node { name: "call/Identity" op: "Identity" input: "call/abs" input: "^call/NoOp"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "call" op: "IdentityN" input: "call/neg" input: "call/Identity"
         attr { key: "T" value { list { type: DT_FLOAT type: DT_FLOAT } } } }
  node { name: "waiting" op: "IdentityN" input: "call/neg" input: "^x"
         attr { key: "T" value { list { type: DT_FLOAT } } } }
  node { name: "dim" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } } }
  node { name: "split" op: "Split" input: "dim" input: "x"
         attr { key: "T" value { type: DT_FLOAT } } attr { key: "num_split" value { i: 2 } } }
)pb";

tensorflow::SignatureDef Signature(
    const std::vector<std::pair<std::string, std::string>>& outputs) {
  tensorflow::SignatureDef signature;
  (*signature.mutable_inputs())["x"].set_name("x:0");
  for (const auto& [key, name] : outputs) {
    tensorflow::TensorInfo& info = (*signature.mutable_outputs())[key];
    info.set_name(name);
    info.set_dtype(tensorflow::DT_FLOAT);
  }
  return signature;
}

TEST(SeparateSignatureOutputsTest, OutputsOfAnIdentityNNameTheTensorsItForwards) {
  tensorflow::GraphDef graph = ParseGraph(kGraph);
  tensorflow::SignatureDef signature = Signature({{"b", "call:1"}, {"a", "call:0"}});
  SeparateSignatureOutputs(&signature, &graph);
  EXPECT_EQ(signature.outputs().at("a").name(), "call/neg:0");
  EXPECT_EQ(signature.outputs().at("b").name(), "call/abs:0");
  EXPECT_EQ(graph.node_size(), ParseGraph(kGraph).node_size());
}

TEST(SeparateSignatureOutputsTest, OutputsSharingANodeGetIdentitiesInKeyOrder) {
  tensorflow::GraphDef graph = ParseGraph(kGraph);
  tensorflow::SignatureDef signature = Signature(
      {{"second", "split:1"}, {"first", "split:0"}, {"again", "call:0"}, {"same", "call/neg"}});
  SeparateSignatureOutputs(&signature, &graph);
  // "again" comes first and keeps call/neg; "same" reads the same tensor.
  EXPECT_EQ(signature.outputs().at("again").name(), "call/neg:0");
  EXPECT_EQ(signature.outputs().at("same").name(), "call/neg/same:0");
  EXPECT_EQ(signature.outputs().at("first").name(), "split:0");
  EXPECT_EQ(signature.outputs().at("second").name(), "split/second:0");
  const tensorflow::NodeDef* second = FindNode(graph, "split/second");
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->op(), "Identity");
  EXPECT_EQ(InputsOf(*second), (std::vector<std::string>{"split:1"}));
  EXPECT_EQ(second->attr().at("T").type(), tensorflow::DT_FLOAT);
  ASSERT_NE(FindNode(graph, "call/neg/same"), nullptr);
  EXPECT_EQ(InputsOf(*FindNode(graph, "call/neg/same")), (std::vector<std::string>{"call/neg"}));
}

// A frozen graph's outputs are keyed by the tensor names given ("split:1").
TEST(SeparateSignatureOutputsTest, TensorNameKeysMakeNodeNamesWithoutColons) {
  tensorflow::GraphDef graph = ParseGraph(kGraph);
  tensorflow::SignatureDef signature = Signature({{"split", "split"}, {"split:1", "split:1"}});
  SeparateSignatureOutputs(&signature, &graph);
  EXPECT_EQ(signature.outputs().at("split").name(), "split");
  EXPECT_EQ(signature.outputs().at("split:1").name(), "split/split_1:0");
  ASSERT_NE(FindNode(graph, "split/split_1"), nullptr);
}

TEST(SeparateSignatureOutputsTest, KeepsOutputsOnNodesOtherThanIdentityN) {
  tensorflow::GraphDef graph = ParseGraph(kGraph);
  tensorflow::SignatureDef signature = Signature({{"a", "call/Identity:0"}});
  SeparateSignatureOutputs(&signature, &graph);
  EXPECT_EQ(signature.outputs().at("a").name(), "call/Identity:0");
}

TEST(SeparateSignatureOutputsTest, LooksThroughWaitingIdentityNAndSeparatesInputs) {
  tensorflow::GraphDef graph = ParseGraph(kGraph);
  tensorflow::SignatureDef signature = Signature({{"w", "waiting:0"}, {"echo", "x:0"}});
  SeparateSignatureOutputs(&signature, &graph);
  EXPECT_EQ(signature.outputs().at("w").name(), "call/neg:0");
  // The output reading the input gets a node of its own: TF.js keys a node by one name.
  EXPECT_EQ(signature.outputs().at("echo").name(), "x/echo:0");
  ASSERT_NE(FindNode(graph, "x/echo"), nullptr);
}

}  // namespace
}  // namespace tfjs::converter
