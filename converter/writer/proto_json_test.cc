#include "converter/writer/proto_json.h"

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "proto/graph.pb.h"
#include "proto/saved_model.pb.h"

namespace tfjs::converter {
namespace {

template <typename Message>
Message ParseText(const std::string& text) {
  Message message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  absl::Status status = AppendMessageAsPythonJson(message, &json);
  EXPECT_TRUE(status.ok()) << status;
  return json;
}

// Expected strings follow json.dump(MessageToDict(message)) as tensorflowjs_converter 4.22
// writes them (e.g. its _FusedMatMul nodes: "leakyrelu_alpha": {"f": 0.2}, "epsilon": {"f": 0.0}).
TEST(ProtoJsonTest, NodeDefMatchesMessageToDict) {
  const auto node = ParseText<tensorflow::NodeDef>(R"pb(
    name: "dense/Relu"
    op: "_FusedMatMul"
    input: "x"
    input: "dense/kernel"
    device: "/device:CPU:0"
    attr { key: "transpose_a" value { b: false } }
    attr { key: "fused_ops" value { list { s: "BiasAdd" s: "Relu" } } }
    attr { key: "num_args" value { i: 1 } }
    attr { key: "leakyrelu_alpha" value { f: 0.2 } }
    attr { key: "epsilon" value { f: 0 } }
    attr { key: "T" value { type: DT_FLOAT } }
  )pb");
  EXPECT_EQ(ToJson(node),
            R"({"name": "dense/Relu", "op": "_FusedMatMul", "input": ["x", "dense/kernel"], )"
            R"("device": "/device:CPU:0", "attr": {"T": {"type": "DT_FLOAT"}, )"
            R"("epsilon": {"f": 0.0}, "fused_ops": {"list": {"s": ["Qmlhc0FkZA==", "UmVsdQ=="]}}, )"
            R"("leakyrelu_alpha": {"f": 0.2}, "num_args": {"i": "1"}, )"
            R"("transpose_a": {"b": false}}})");
}

TEST(ProtoJsonTest, FieldNumberOrderCamelCaseAndPresence) {
  const auto graph = ParseText<tensorflow::GraphDef>(R"pb(
    versions { producer: 1205 min_consumer: 12 }
    library {}
    node {
      name: "c"
      op: "Const"
      attr {
        key: "value"
        value { tensor { dtype: DT_INT64 tensor_shape { dim { size: -1 } unknown_rank: false } } }
      }
    }
  )pb");
  // node (1), library (2, present though empty), versions (4); unset proto3 scalars are left out.
  EXPECT_EQ(ToJson(graph),
            R"({"node": [{"name": "c", "op": "Const", "attr": {"value": {"tensor": )"
            R"({"dtype": "DT_INT64", "tensorShape": {"dim": [{"size": "-1"}]}}}}}], )"
            R"("library": {}, "versions": {"producer": 1205, "minConsumer": 12}})");
}

TEST(ProtoJsonTest, SignatureTensorInfo) {
  const auto signature = ParseText<tensorflow::SignatureDef>(R"pb(
    inputs {
      key: "x"
      value { name: "x:0" dtype: DT_FLOAT tensor_shape { dim { size: -1 } dim { size: 3 } } }
    }
    outputs { key: "out" value { name: "Identity:0" dtype: DT_FLOAT tensor_shape {} } }
  )pb");
  EXPECT_EQ(ToJson(signature),
            R"({"inputs": {"x": {"name": "x:0", "dtype": "DT_FLOAT", "tensorShape": )"
            R"({"dim": [{"size": "-1"}, {"size": "3"}]}}}, "outputs": {"out": )"
            R"({"name": "Identity:0", "dtype": "DT_FLOAT", "tensorShape": {}}}})");
}

TEST(ProtoJsonTest, UnknownEnumNumbersAndNonFiniteFloats) {
  tensorflow::AttrValue list;
  list.mutable_list()->add_type(static_cast<tensorflow::DataType>(77));
  list.mutable_list()->add_f(std::numeric_limits<float>::infinity());
  list.mutable_list()->add_f(-std::numeric_limits<float>::infinity());
  list.mutable_list()->add_f(std::numeric_limits<float>::quiet_NaN());
  EXPECT_EQ(ToJson(list),
            R"({"list": {"f": ["Infinity", "-Infinity", "NaN"], "type": [77]}})");
}

TEST(ProtoJsonTest, NonAsciiNamesAreEscaped) {
  tensorflow::NodeDef node;
  node.set_name("caf\xC3\xA9");
  EXPECT_EQ(ToJson(node), R"({"name": "caf\u00e9"})");
}

}  // namespace
}  // namespace tfjs::converter
