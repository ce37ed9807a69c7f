// ParseJsonToMessage against protobuf's own JSON parser (ignore_unknown_fields): the same
// messages from the same text, and errors where the text is malformed.
#include "io/json_message.h"

#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

#include "gmock/gmock.h"
#include "google/protobuf/util/field_comparator.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "io/model_json_schema.pb.h"
#include "proto/graph.pb.h"

namespace tfjs::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

template <typename Message>
void ExpectSameAsProtobuf(const std::string& json) {
  Message ours;
  absl::Status status = ParseJsonToMessage(json, &ours);
  ASSERT_TRUE(status.ok()) << status << "\n" << json;
  Message theirs;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &theirs, options).ok()) << json;
  google::protobuf::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  google::protobuf::util::MessageDifferencer differencer;
  differencer.set_field_comparator(&comparator);
  EXPECT_TRUE(differencer.Compare(ours, theirs)) << "ours:\n"
                                                 << ours.DebugString() << "protobuf's:\n"
                                                 << theirs.DebugString();
}

TEST(JsonMessageTest, GraphAsTfjsWritesIt) {
  ExpectSameAsProtobuf<tensorflow::GraphDef>(R"({"node": [
    {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
      "shape": {"shape": {"dim": [{"size": "-1"}, {"size": "4"}]}}}},
    {"name": "w", "op": "Const", "attr": {"dtype": {"type": "DT_FLOAT"},
      "value": {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "4"}]}}}}},
    {"name": "y", "op": "AddV2", "input": ["x", "w", "^x"], "device": "/cpu:0",
     "attr": {"T": {"type": "DT_FLOAT"}, "list": {"list": {"i": ["1", 2, "-3"],
       "f": [0.5, "NaN", "Infinity", "-Infinity", 1e-3], "b": [true, false],
       "type": ["DT_INT32", 3], "s": ["YWJj", "_-8"]}},
       "f": {"f": 2.5}, "b": {"b": true}, "i": {"i": "9007199254740993"},
       "s": {"s": "aGVsbG8="}, "func": {"func": {"name": "f", "attr": {"k": {"i": "1"}}}}}}],
    "versions": {"producer": 1395, "minConsumer": 12, "bad_consumers": [1, 2]},
    "library": {"function": [{"signature": {"name": "f", "inputArg": [{"name": "a",
      "type": "DT_FLOAT"}]}, "ret": {"out": "a"}}]}})");
}

TEST(JsonMessageTest, UnknownKeysNullsAndEscapes) {
  ExpectSameAsProtobuf<tensorflow::GraphDef>(R"({"unknown": {"a": [1, {"b": null}], "c": "\""},
    "node": [{"name": "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "op": null, "input": [],
              "device": "", "attr": {}}, {"name": "snake", "experimental_debug_info": {
              "original_node_names": ["a"]}}], "versions": null, "library": {}})");
}

TEST(JsonMessageTest, ModelJsonWithMetadataAndManifest) {
  ExpectSameAsProtobuf<schema::ModelJsonCommon>(R"({"format": "graph-model",
    "generatedBy": "2.15", "converted_by": "x", "modelTopology": {"node": []},
    "userDefinedMetadata": {"labels": ["a", 1, null, {"b": true}], "version": 3},
    "signature": {"inputs": {"x:0": {"name": "x:0", "dtype": "DT_FLOAT",
      "tensorShape": {"dim": [{"size": "-1"}], "unknownRank": false}}},
      "outputs": {"y": {"name": "y:0"}}},
    "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
      {"name": "w", "shape": [2, 3.0], "dtype": "float32",
       "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1, "original_dtype": "float32"}}]}]
  })");
  ExpectSameAsProtobuf<schema::LayersModelTopology>(
      R"({"modelTopology": "not an object", "trainingConfig": {"loss": "mse"}})");
  ExpectSameAsProtobuf<schema::LayersModelTopology>(R"({"modelTopology": [1, "a"]})");
  ExpectSameAsProtobuf<schema::LayersModelTopology>(R"({"modelTopology": null})");
  ExpectSameAsProtobuf<schema::ResourceIds>(
      R"({"signature": {"inputs": {"t": {"name": "t:0", "resourceId": 66}}}})");
}

TEST(JsonMessageTest, HookSeesEachRepeatedElementOnceRead) {
  const std::string json = R"({"node": [{"name": "a", "input": ["x"], "attr": {"T": {"type": 1}}},
                                        {"name": "b", "attr": {"T": {"type": 3}}}],
                               "library": {"function": [{"nodeDef": [{"name": "c"}]}]}})";
  std::vector<std::string> seen;
  tensorflow::GraphDef graph;
  absl::Status status = ParseJsonToMessage(
      json, &graph,
      [&seen](const google::protobuf::FieldDescriptor& field, google::protobuf::Message& element) {
        if (field.message_type() != tensorflow::NodeDef::descriptor()) {
          seen.push_back(field.full_name());
          return;
        }
        auto& node = static_cast<tensorflow::NodeDef&>(element);
        // Every field of the element is there, its map included.
        seen.push_back(absl::StrCat(field.full_name(), " ", node.name(), " ", node.input_size(),
                                    " ", node.attr().contains("T") ? node.attr().at("T").type() : 0));
        node.mutable_attr()->erase("T");
      });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(seen, ElementsAre("tensorflow.GraphDef.node a 1 1", "tensorflow.GraphDef.node b 0 3",
                                "tensorflow.FunctionDef.node_def c 0 0",
                                "tensorflow.FunctionDefLibrary.function"));
  ASSERT_EQ(graph.node_size(), 2);
  EXPECT_TRUE(graph.node(0).attr().empty());
  EXPECT_EQ(graph.node(1).name(), "b");
}

TEST(JsonMessageTest, MalformedTextIsAnError) {
  for (const char* json :
       {R"({"node": [)", R"({"node": [{"name": "a"}])", R"({"node": 1})", R"({"a" 1})",
        R"({"node": [{"name": "a\q"}]})", R"({"versions": {"producer": "x"}})",
        R"({"versions": {"producer": 1.5}})", R"({} extra)", R"([])", R"({"a": tru})",
        R"({"node": [{"attr": {"b": {"b": "yes"}}}]})"}) {
    tensorflow::GraphDef graph;
    absl::Status status = ParseJsonToMessage(json, &graph);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << json;
    EXPECT_THAT(std::string(status.message()), HasSubstr("at byte")) << json;
  }
}

TEST(JsonMessageTest, DeepNestingIsRefused) {
  std::string json = R"({"unknown": )";
  for (int i = 0; i < 200; ++i) json += "[";
  for (int i = 0; i < 200; ++i) json += "]";
  json += "}";
  tensorflow::GraphDef graph;
  EXPECT_THAT(std::string(ParseJsonToMessage(json, &graph).message()), HasSubstr("deeply"));
}

}  // namespace
}  // namespace tfjs::io
