#include "converter/writer/const_extraction.h"

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

tensorflow::GraphDef Graph(const std::string& text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph)) << text;
  return graph;
}

constexpr char kGraph[] = R"pb(
  node { name: "x" op: "Placeholder" }
  node {
    name: "w"
    op: "Const"
    input: "^x"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_FLOAT
          tensor_shape { dim { size: 2 } }
          float_val: 1
          float_val: 2
        }
      }
    }
  }
  node { name: "y" op: "MatMul" input: "x" input: "w" }
  library {
    function {
      signature { name: "body" }
      node_def {
        name: "c"
        op: "Const"
        attr {
          key: "value"
          value {
            tensor {
              dtype: DT_INT32
              tensor_shape {}
              int_val: 3
            }
          }
        }
      }
      node_def { name: "cx" op: "Identity" input: "arg" }
      node_def { name: "add" op: "AddV2" input: "c:output:0" input: "cx:output:0" input: "^c" }
      ret { key: "out" value: "add:z:0" }
      ret { key: "raw" value: "c:output:0" }
    }
  }
)pb";

TEST(ConstExtractionTest, WeightsInNodeOrderTopLevelFirst) {
  tensorflow::GraphDef graph = Graph(kGraph);
  absl::StatusOr<ExtractedWeights> extracted = ExtractConstWeights(&graph);
  ASSERT_TRUE(extracted.ok()) << extracted.status();
  ASSERT_EQ(extracted->weights.size(), 2);
  EXPECT_EQ(extracted->weights[0].name, "w");
  EXPECT_EQ(extracted->weights[0].value->float_val_size(), 2);
  EXPECT_EQ(extracted->weights[1].name, "body/c");
  EXPECT_EQ(extracted->weights[1].value->int_val(0), 3);
}

TEST(ConstExtractionTest, ClearsValueDataButKeepsDtypeShapeAndInputs) {
  tensorflow::GraphDef graph = Graph(kGraph);
  absl::StatusOr<ExtractedWeights> extracted = ExtractConstWeights(&graph);
  ASSERT_TRUE(extracted.ok()) << extracted.status();
  const tensorflow::NodeDef& w = graph.node(1);
  EXPECT_EQ(w.input(0), "^x");
  EXPECT_EQ(w.attr().at("dtype").type(), tensorflow::DT_FLOAT);
  const tensorflow::TensorProto& value = w.attr().at("value").tensor();
  EXPECT_EQ(value.dtype(), tensorflow::DT_FLOAT);
  EXPECT_EQ(value.tensor_shape().dim(0).size(), 2);
  EXPECT_EQ(value.float_val_size(), 0);
  EXPECT_EQ(graph.node(2).DebugString(), Graph(kGraph).node(2).DebugString());
}

TEST(ConstExtractionTest, ConstCopyKeepsEveryFieldButTheValueData) {
  tensorflow::GraphDef graph = Graph(R"pb(
    node {
      name: "big"
      op: "Const"
      input: "^x"
      device: "/device:CPU:0"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
      attr {
        key: "_class"
        value { list { s: "loc:@big" } }
      }
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 2 } }
            version_number: 3
          }
        }
      }
      experimental_debug_info { original_node_names: "orig" }
      experimental_type {
        type_id: TFT_TENSOR
        args { type_id: TFT_FLOAT }
      }
    }
  )pb");
  tensorflow::TensorProto* data =
      graph.mutable_node(0)->mutable_attr()->at("value").mutable_tensor();
  data->set_tensor_content(std::string(8, '\x01'));
  const tensorflow::TensorProto original = *data;
  tensorflow::NodeDef expected = graph.node(0);
  expected.mutable_attr()->at("value").mutable_tensor()->clear_tensor_content();
  absl::StatusOr<ExtractedWeights> extracted = ExtractConstWeights(&graph);
  ASSERT_TRUE(extracted.ok()) << extracted.status();
  EXPECT_EQ(graph.node(0).DebugString(), expected.DebugString());
  ASSERT_EQ(extracted->weights.size(), 1);
  EXPECT_EQ(extracted->weights[0].value->DebugString(), original.DebugString());
}

TEST(ConstExtractionTest, RenamesFunctionConstsAndWhatReadsThem) {
  tensorflow::GraphDef graph = Graph(kGraph);
  absl::StatusOr<ExtractedWeights> extracted = ExtractConstWeights(&graph);
  ASSERT_TRUE(extracted.ok()) << extracted.status();
  const tensorflow::FunctionDef& body = graph.library().function(0);
  EXPECT_EQ(body.node_def(0).name(), "body/c");
  EXPECT_EQ(body.node_def(0).attr().at("value").tensor().int_val_size(), 0);
  // "cx" starts with "c" but is not a Const: tensorflowjs_converter's prefix match would rename
  // it; we match whole names.
  EXPECT_EQ(body.node_def(1).name(), "cx");
  EXPECT_EQ(body.node_def(2).input(0), "body/c:output:0");
  EXPECT_EQ(body.node_def(2).input(1), "cx:output:0");
  EXPECT_EQ(body.node_def(2).input(2), "^body/c");
  EXPECT_EQ(body.ret().at("out"), "add:z:0");
  EXPECT_EQ(body.ret().at("raw"), "body/c:output:0");
}

TEST(ConstExtractionTest, CollidingWeightNamesFail) {
  tensorflow::GraphDef graph = Graph(kGraph);
  graph.mutable_node(1)->set_name("body/c");
  absl::StatusOr<ExtractedWeights> extracted = ExtractConstWeights(&graph);
  ASSERT_FALSE(extracted.ok());
  EXPECT_NE(extracted.status().message().find("body/c"), std::string::npos);
}

TEST(ConstExtractionTest, ConstWithoutValueFails) {
  tensorflow::GraphDef graph = Graph(R"pb(node { name: "k" op: "Const" })pb");
  absl::StatusOr<ExtractedWeights> extracted = ExtractConstWeights(&graph);
  ASSERT_FALSE(extracted.ok());
  EXPECT_NE(extracted.status().message().find("'k'"), std::string::npos);
}

}  // namespace
}  // namespace tfjs::converter
