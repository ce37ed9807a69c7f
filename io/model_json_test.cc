#include "io/model_json.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tfjs::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kGraphModel[] = R"json({
  "format": "graph-model",
  "generatedBy": "2.15.0",
  "convertedBy": "TensorFlow.js Converter v4.22.0",
  "someFutureKey": {"ignored": [1, 2, 3]},
  "signature": {
    "inputs": {"x": {"name": "x:0", "dtype": "DT_FLOAT",
                     "tensorShape": {"dim": [{"size": "-1"}, {"size": 3}]}}},
    "outputs": {"y": {"name": "Identity:0", "dtype": "DT_FLOAT"}}
  },
  "modelTopology": {
    "node": [
      {"name": "x", "op": "Placeholder",
       "attr": {"dtype": {"type": "DT_FLOAT"},
                "shape": {"shape": {"dim": [{"size": "-1"}, {"size": "3"}]}}}},
      {"name": "w", "op": "Const",
       "attr": {"value": {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": 3}]}}},
                "dtype": {"type": "DT_FLOAT"}}},
      {"name": "k", "op": "Const",
       "attr": {"value": {"tensor": {"dtype": "DT_INT32", "tensorShape": {}, "intVal": [7]}},
                "dtype": {"type": "DT_INT32"}, "big": {"i": "9007199254740993"}, "small": {"i": 5}}},
      {"name": "Identity", "op": "Identity", "input": ["x", "^w"], "unknownNodeKey": true}
    ],
    "versions": {"producer": 1482, "minConsumer": "12"},
    "library": {}
  },
  "weightsManifest": [{
    "paths": ["group1-shard1of2.bin", "group1-shard2of2.bin"],
    "weights": [
      {"name": "w", "shape": [3], "dtype": "float32"},
      {"name": "q8", "shape": ["2", 2], "dtype": "float32",
       "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.25, "original_dtype": "float32"}},
      {"name": "q16", "shape": [1], "dtype": "int32",
       "quantization": {"dtype": "uint16", "scale": 2, "min": 0}},
      {"name": "h", "shape": [], "dtype": "float32", "quantization": {"dtype": "float16"}},
      {"name": "s", "shape": [2], "dtype": "string", "group": "model"}
    ]
  }],
  "userDefinedMetadata": {"labels": ["cat", "dog"], "version": 3},
  "modelInitializer": {"node": [{"name": "table", "op": "HashTableV2"}]},
  "initializerSignature": {"outputs": {"table": {"name": "table:0", "dtype": "DT_RESOURCE",
                                                 "resourceId": 66}}}
})json";

TEST(ModelJsonTest, ParsesGraphModel) {
  absl::StatusOr<ModelJson> model = ParseModelJson(kGraphModel, "m/model.json");
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->format, "graph-model");
  EXPECT_EQ(model->generated_by, "2.15.0");
  EXPECT_EQ(model->converted_by, "TensorFlow.js Converter v4.22.0");
  ASSERT_TRUE(model->graph.has_value());
  EXPECT_FALSE(model->layers_topology.has_value());
  const tensorflow::GraphDef& graph = *model->graph;
  ASSERT_EQ(graph.node_size(), 4);
  EXPECT_EQ(graph.node(0).attr().at("shape").shape().dim(0).size(), -1);
  EXPECT_EQ(graph.node(0).attr().at("shape").shape().dim(1).size(), 3);
  // "w"'s value is its weight: the stub attr is dropped; "k" has no weight and keeps its own.
  EXPECT_FALSE(graph.node(1).attr().contains("value"));
  EXPECT_EQ(graph.node(1).attr().at("dtype").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(graph.node(2).attr().at("value").tensor().int_val(0), 7);
  // int64 beyond 2^53 survives only when read from its string form, as TF writes it.
  EXPECT_EQ(graph.node(2).attr().at("big").i(), 9007199254740993);
  EXPECT_EQ(graph.node(2).attr().at("small").i(), 5);
  EXPECT_THAT(graph.node(3).input(), ElementsAre("x", "^w"));
  EXPECT_EQ(graph.versions().producer(), 1482);
  EXPECT_EQ(graph.versions().min_consumer(), 12);

  ASSERT_TRUE(model->signature.has_value());
  EXPECT_EQ(model->signature->inputs().at("x").name(), "x:0");
  EXPECT_EQ(model->signature->inputs().at("x").tensor_shape().dim(0).size(), -1);
  EXPECT_EQ(model->signature->outputs().at("y").name(), "Identity:0");

  ASSERT_EQ(model->weights_manifest.size(), 1u);
  const WeightGroup& group = model->weights_manifest[0];
  EXPECT_THAT(group.paths, ElementsAre("group1-shard1of2.bin", "group1-shard2of2.bin"));
  ASSERT_EQ(group.weights.size(), 5u);
  EXPECT_EQ(group.weights[0].dtype, DType::kFloat32);
  EXPECT_FALSE(group.weights[0].quantization.has_value());
  EXPECT_THAT(group.weights[1].shape, ElementsAre(2, 2));
  ASSERT_TRUE(group.weights[1].quantization.has_value());
  EXPECT_EQ(group.weights[1].quantization->dtype, QuantizedDType::kUint8);
  EXPECT_EQ(group.weights[1].quantization->scale, 0.5);
  EXPECT_EQ(group.weights[1].quantization->min, -1.25);
  EXPECT_EQ(group.weights[1].quantization->original_dtype, "float32");
  EXPECT_EQ(group.weights[2].dtype, DType::kInt32);
  EXPECT_EQ(group.weights[2].quantization->dtype, QuantizedDType::kUint16);
  EXPECT_EQ(group.weights[3].quantization->dtype, QuantizedDType::kFloat16);
  EXPECT_TRUE(group.weights[3].shape.empty());
  EXPECT_EQ(group.weights[4].dtype, DType::kString);
  EXPECT_EQ(group.weights[4].group, "model");

  ASSERT_TRUE(model->user_defined_metadata.has_value());
  EXPECT_EQ(model->user_defined_metadata->fields().at("labels").list_value().values(1).string_value(),
            "dog");
  EXPECT_EQ(model->user_defined_metadata->fields().at("version").number_value(), 3);
  ASSERT_TRUE(model->model_initializer.has_value());
  EXPECT_EQ(model->model_initializer->node(0).op(), "HashTableV2");
  ASSERT_TRUE(model->initializer_signature.has_value());
  EXPECT_EQ(model->initializer_signature->outputs().at("table").name(), "table:0");
  EXPECT_EQ(model->initializer_output_resource_ids, (std::map<std::string, int64_t>{{"table", 66}}));
  EXPECT_TRUE(model->input_resource_ids.empty());
}

TEST(ModelJsonTest, ParsesLayersModel) {
  constexpr char kLayers[] = R"json({
    "format": "layers-model", "generatedBy": "keras v2.15.0",
    "modelTopology": {"class_name": "Sequential", "config": {"name": "seq", "layers": []},
                      "keras_version": "2.15.0", "node": "not a graph"},
    "trainingConfig": {"loss": "mse"},
    "weightsManifest": [{"paths": ["group1-shard1of1.bin"],
                         "weights": [{"name": "dense/kernel", "shape": [2, 1], "dtype": "float32"}]}]
  })json";
  absl::StatusOr<ModelJson> model = ParseModelJson(kLayers, "layers/model.json");
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_FALSE(model->graph.has_value());
  ASSERT_TRUE(model->layers_topology.has_value());
  EXPECT_EQ(model->layers_topology->fields().at("class_name").string_value(), "Sequential");
  ASSERT_TRUE(model->training_config.has_value());
  EXPECT_EQ(model->training_config->fields().at("loss").string_value(), "mse");
  EXPECT_EQ(model->weights_manifest[0].weights[0].name, "dense/kernel");
}

TEST(ModelJsonTest, OlderLayersModelWithoutFormatIsToldByItsTopology) {
  absl::StatusOr<ModelJson> model = ParseModelJson(
      R"({"modelTopology": {"model_config": {"class_name": "Model"}}, "weightsManifest": []})",
      "old.json");
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_TRUE(model->layers_topology.has_value());
  EXPECT_FALSE(model->graph.has_value());
}

TEST(ModelJsonTest, ParsesBareManifest) {
  absl::StatusOr<WeightsManifest> manifest = ParseWeightsManifest(
      R"([{"weights": [{"name": "conv/filters", "shape": [3, 3, 3, 32], "dtype": "float32",
                        "quantization": {"dtype": "uint8", "scale": 0.0045, "min": -0.53}}],
           "paths": ["tiny_face_detector_model-shard1"]}])",
      "tiny-weights_manifest.json");
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  ASSERT_EQ(manifest->size(), 1u);
  EXPECT_EQ((*manifest)[0].paths[0], "tiny_face_detector_model-shard1");
  EXPECT_THAT((*manifest)[0].weights[0].shape, ElementsAre(3, 3, 3, 32));
  EXPECT_EQ((*manifest)[0].weights[0].quantization->scale, 0.0045);
}

struct BadInput {
  const char* json;
  const char* message;
};

class ModelJsonErrorTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(ModelJsonErrorTest, NamesFileAndProblem) {
  absl::StatusOr<ModelJson> model = ParseModelJson(GetParam().json, "dir/bad_model.json");
  ASSERT_FALSE(model.ok());
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("dir/bad_model.json"));
  EXPECT_THAT(std::string(model.status().message()), HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Errors, ModelJsonErrorTest,
    ::testing::Values(
        BadInput{R"({"format": "graph-model", )", "invalid JSON"},
        BadInput{R"({"format": "graph-model"})", "neither modelTopology nor weightsManifest"},
        BadInput{R"({"weightsManifest": [{"paths": ["a"], "weights": [
                   {"name": "w", "shape": [1], "dtype": "bfloat16"}]}]})",
                 "unsupported dtype 'bfloat16'"},
        BadInput{R"({"weightsManifest": [{"paths": ["a"], "weights": [
                   {"name": "w", "shape": [1], "dtype": "float32",
                    "quantization": {"dtype": "uint8", "scale": 1}}]}]})",
                 "lacks its 'scale' and 'min'"},
        BadInput{R"({"weightsManifest": [{"paths": ["a"], "weights": [
                   {"name": "w", "shape": [1], "dtype": "int32",
                    "quantization": {"dtype": "float16"}}]}]})",
                 "only float32 weights support"},
        BadInput{R"({"weightsManifest": [{"paths": ["a"], "weights": [
                   {"name": "w", "shape": [1], "dtype": "float32",
                    "quantization": {"dtype": "int4"}}]}]})",
                 "unknown quantization dtype 'int4'"},
        BadInput{R"({"weightsManifest": [{"paths": ["a"], "weights": [
                   {"name": "w", "shape": [1], "dtype": "float32"}]},
                   {"paths": ["b"], "weights": [{"name": "w", "shape": [1], "dtype": "int32"}]}]})",
                 "appears twice"},
        BadInput{R"({"weightsManifest": [{"paths": ["a"], "weights": [
                   {"name": "w", "shape": [2, -1], "dtype": "float32"}]}]})",
                 "negative dimension"}));

// tensorflowjs_converter writes one empty group for a model without weights; TF.js loads it.
TEST(ModelJsonTest, AnEmptyGroupIsAModelWithoutWeights) {
  absl::StatusOr<WeightsManifest> manifest =
      ParseWeightsManifest(R"([{"paths": [], "weights": []}])", "m.json");
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  ASSERT_EQ(manifest->size(), 1);
  EXPECT_TRUE((*manifest)[0].paths.empty());
  EXPECT_TRUE((*manifest)[0].weights.empty());
}

TEST(ModelJsonTest, HostileManifestsGetOneLineSayingWhatIsWrong) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::pair<std::string, std::string> cases[] = {
      {"[null]", "m.json: invalid JSON: expected an object at byte 1"},
      {"[[]]", "m.json: invalid JSON: expected an object at byte 1"},
      {deep, "m.json: invalid JSON: expected an object at byte 1"},
      {"[{\"paths\": 3}]", "m.json: invalid JSON: expected a list for paths at byte 11"},
  };
  for (const auto& [json, message] : cases) {
    EXPECT_EQ(ParseWeightsManifest(json, "m.json").status(), absl::InvalidArgumentError(message))
        << json.substr(0, 40);
  }
  // Metadata has protobuf parse what our parser made of it: protobuf logs, we say it.
  ::testing::internal::CaptureStderr();
  const absl::Status not_utf8 =
      ParseModelJson("{\"userDefinedMetadata\": {}, \"weightsManifest\": [{\"paths\": [\"a\"], "
                     "\"weights\": [{\"name\": \"w\", \"shape\": [1], \"dtype\": \"\xff\"}]}]}",
                     "model.json")
          .status();
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(not_utf8,
            absl::InvalidArgumentError("model.json: invalid JSON: a string is not valid UTF-8"));
  EXPECT_EQ(ParseModelJson(R"({"weightsManifest": [[]]})", "model.json").status(),
            absl::InvalidArgumentError("model.json: invalid JSON: expected an object at byte 21"));
}

TEST(ModelJsonTest, BareManifestMustBeAList) {
  absl::StatusOr<WeightsManifest> manifest = ParseWeightsManifest(R"({"groups": []})", "m.json");
  ASSERT_FALSE(manifest.ok());
  EXPECT_THAT(std::string(manifest.status().message()), HasSubstr("m.json"));
}

TEST(ModelJsonTest, Float16WeightsReadAsFloat16DequantizedFloat32) {
  absl::StatusOr<WeightsManifest> manifest = ParseWeightsManifest(
      R"([{"paths": ["a"], "weights": [{"name": "h", "shape": [3], "dtype": "float16"}]}])",
      "m.json");
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  const WeightEntry& entry = (*manifest)[0].weights[0];
  EXPECT_EQ(entry.dtype, DType::kFloat32);
  ASSERT_TRUE(entry.quantization.has_value());
  EXPECT_EQ(entry.quantization->dtype, QuantizedDType::kFloat16);
  absl::StatusOr<std::optional<uint64_t>> size = StoredByteSize(entry);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(**size, 6u);
}

}  // namespace
}  // namespace tfjs::io
