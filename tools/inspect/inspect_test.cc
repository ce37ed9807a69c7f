// InspectModel on testdata models of every format. Expected counts and bytes come from the
// models' sources (shapes in the .pbtxt files), not from the code under test.
#include "tools/inspect/inspect.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "converter/cli/convert.h"
#include "converter/cli/flags.h"
#include "converter/readers/hdf5/hdf5_test_builder.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace tfjs::tools {
namespace {

namespace fs = std::filesystem;

const std::string kRunfiles = "testdata/";  // Tests run in the workspace's runfiles root.
const std::string kConvNet = kRunfiles + "frozen/conv_net/frozen_model.pbtxt";

fs::path TempDir(const std::string& name) {
  const fs::path dir = fs::path(std::getenv("TEST_TMPDIR")) / name;
  fs::create_directories(dir);
  return dir;
}

const OpSummary* FindOp(const ModelSummary& summary, const std::string& op) {
  for (const OpSummary& entry : summary.ops) {
    if (entry.op == op) return &entry;
  }
  return nullptr;
}

const WeightDtypeSummary* FindWeights(const ModelSummary& summary, const std::string& dtype) {
  for (const WeightDtypeSummary& entry : summary.weights) {
    if (entry.dtype == dtype) return &entry;
  }
  return nullptr;
}

// conv_net: image [1,5,5,1] -> Conv2D (filter 3x3x1x2, bias 2) -> Relu -> MaxPool -> Reshape
// (shape int64 [2]) -> MatMul (8x3, bias 3) -> logits -> Softmax probs.
TEST(InspectTest, FrozenGraphSignatureOpsAndWeights) {
  absl::StatusOr<ModelSummary> summary = InspectModel(kConvNet, {});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->format, "tf_frozen_model");
  ASSERT_EQ(summary->signatures.size(), 1u);
  ASSERT_EQ(summary->signatures[0].inputs.size(), 1u);
  EXPECT_EQ(summary->signatures[0].inputs[0].key, "image");
  EXPECT_EQ(summary->signatures[0].inputs[0].dtype, "float32");
  EXPECT_EQ(summary->signatures[0].inputs[0].shape, (std::vector<int64_t>{1, 5, 5, 1}));
  ASSERT_EQ(summary->signatures[0].outputs.size(), 1u);  // logits feeds probs.
  EXPECT_EQ(summary->signatures[0].outputs[0].key, "probs");
  EXPECT_EQ(summary->signatures[0].outputs[0].dtype, "float32");

  const OpSummary* consts = FindOp(*summary, "Const");
  ASSERT_NE(consts, nullptr);
  EXPECT_EQ(consts->nodes, 5);
  const OpSummary* conv = FindOp(*summary, "Conv2D");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->nodes, 1);
  EXPECT_TRUE(conv->tfjs);
  EXPECT_TRUE(conv->native);

  const WeightDtypeSummary* floats = FindWeights(*summary, "float32");
  ASSERT_NE(floats, nullptr);
  EXPECT_EQ(floats->count, 4);
  EXPECT_EQ(floats->bytes, (18u + 2 + 24 + 3) * 4);
  const WeightDtypeSummary* int64s = FindWeights(*summary, "int64");
  ASSERT_NE(int64s, nullptr);
  EXPECT_EQ(int64s->count, 1);
  EXPECT_EQ(int64s->bytes, 2u * 8);
  EXPECT_TRUE(summary->unsupported.at("tfjs").empty());
  EXPECT_TRUE(summary->unsupported.at("native").empty());
}

TEST(InspectTest, OutputNodeNamesPruneTheFrozenGraph) {
  InspectOptions options;
  options.output_node_names = {"logits"};
  absl::StatusOr<ModelSummary> summary = InspectModel(kConvNet, options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(FindOp(*summary, "Softmax"), nullptr);
  ASSERT_EQ(summary->signatures[0].outputs.size(), 1u);
  EXPECT_EQ(summary->signatures[0].outputs[0].key, "logits");
}

// Lgamma: in this project's runtime, not in TF.js; NoSuchOp: in neither.
TEST(InspectTest, UnsupportedOpsPerTarget) {
  const fs::path file = TempDir("unsupported") / "graph.pbtxt";
  std::ofstream(file) << R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "g" op: "Lgamma" input: "x" attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "n" op: "NoSuchOp" input: "g" }
  )pb";
  absl::StatusOr<ModelSummary> summary = InspectModel(file.string(), {});
  ASSERT_TRUE(summary.ok()) << summary.status();
  const auto& tfjs = summary->unsupported.at("tfjs");
  const auto& native = summary->unsupported.at("native");
  EXPECT_EQ(tfjs.count("Lgamma"), 1u);
  EXPECT_EQ(tfjs.count("NoSuchOp"), 1u);
  EXPECT_EQ(native.count("Lgamma"), 0u);
  ASSERT_EQ(native.count("NoSuchOp"), 1u);
  EXPECT_EQ(native.at("NoSuchOp"), std::vector<std::string>{"n"});
  const OpSummary* lgamma = FindOp(*summary, "Lgamma");
  ASSERT_NE(lgamma, nullptr);
  EXPECT_FALSE(lgamma->tfjs);
  EXPECT_TRUE(lgamma->native);
}

// tf1_lookup_table: a TF1 SavedModel (TensorFlow 1.15.5) whose table initializer fills a table.
TEST(InspectTest, SavedModelListsSignaturesAndInspectsServingDefault) {
  absl::StatusOr<ModelSummary> summary =
      InspectModel(kRunfiles + "saved_model/tf1_lookup_table/saved_model", {});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->format, "tf_saved_model");
  EXPECT_EQ(summary->producer, "TensorFlow 1.15.5");
  ASSERT_FALSE(summary->signatures.empty());
  const SignatureSummary& signature = summary->signatures[0];
  EXPECT_EQ(signature.name, "serving_default");
  EXPECT_EQ(signature.tags, "serve");
  EXPECT_TRUE(signature.inspected);
  ASSERT_EQ(signature.inputs.size(), 1u);
  EXPECT_EQ(signature.inputs[0].dtype, "int32");
  EXPECT_EQ(signature.inputs[0].shape, std::vector<int64_t>{-1});
  EXPECT_NE(FindOp(*summary, "LookupTableFindV2"), nullptr);
  EXPECT_NE(FindOp(*summary, "LookupTableImportV2"), nullptr);  // From the initializer.
}

TEST(InspectTest, HubModuleInspectsTheDefaultSignature) {
  absl::StatusOr<ModelSummary> summary = InspectModel(kRunfiles + "hub/tf1_module/module", {});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->format, "tf_hub");
  int inspected = 0;
  for (const SignatureSummary& signature : summary->signatures) {
    if (!signature.inspected) continue;
    ++inspected;
    EXPECT_EQ(signature.name, "default");
    EXPECT_EQ(signature.tags, "");
  }
  EXPECT_EQ(inspected, 1);
  EXPECT_NE(FindOp(*summary, "MatMul"), nullptr);
}

// The converter's uint8 quantization stores 1 byte per float32 element; the int64 shape is
// narrowed to int32 for TF.js.
TEST(InspectTest, GraphModelWeightsAsStored) {
  const fs::path dir = TempDir("graph_model") / "web";
  converter::ConverterFlags flags;
  flags.input_format = "tf_frozen_model";
  flags.output_node_names = "probs";
  flags.quantize_uint8 = "";
  flags.input_path = kConvNet;
  flags.output_path = dir.string();
  std::ostringstream log;
  ASSERT_TRUE(converter::RunConverter(flags, log).ok());

  absl::StatusOr<ModelSummary> summary = InspectModel(dir.string(), {});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->format, "tfjs_graph_model");
  const WeightDtypeSummary* bytes = FindWeights(*summary, "uint8");
  ASSERT_NE(bytes, nullptr);
  EXPECT_EQ(bytes->count, 4);
  EXPECT_EQ(bytes->bytes, 18u + 2 + 24 + 3);
  const WeightDtypeSummary* ints = FindWeights(*summary, "int32");
  ASSERT_NE(ints, nullptr);
  EXPECT_EQ(ints->bytes, 2u * 4);
  EXPECT_EQ(FindWeights(*summary, "float32"), nullptr);
  ASSERT_EQ(summary->signatures.size(), 1u);
  ASSERT_EQ(summary->signatures[0].inputs.size(), 1u);
  EXPECT_EQ(summary->signatures[0].inputs[0].shape, (std::vector<int64_t>{1, 5, 5, 1}));
}

// A Keras save_weights() file: keras_version 2.2.4, one layer with a float32 weight of 3 values.
TEST(InspectTest, KerasWeightsFile) {
  using namespace converter::hdf5::testing;  // NOLINT: the builder's byte-level vocabulary.
  FileBuilder file;
  const std::vector<float> values = {1.5f, -2.0f, 4.0f};
  const uint64_t data = file.Append(
      std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)));
  const uint64_t dataset =
      file.ObjectHeader({{0x01, Dataspace({values.size()})},
                         {0x03, FloatType(4, false)},
                         {0x08, U8(3) + U8(1) + U64(data) + U64(values.size() * sizeof(float))}});
  const uint64_t layer = file.ObjectHeader(
      {{0x02, LinkInfoMessage()},
       {0x06, HardLinkMessage("w:0", dataset)},
       {0x0C, AttributeMessage("weight_names", FixedStringType(3, 1), Dataspace({1}), "w:0")}});
  const uint64_t root = file.ObjectHeader(
      {{0x02, LinkInfoMessage()},
       {0x06, HardLinkMessage("dense", layer)},
       {0x0C, AttributeMessage("keras_version", FixedStringType(5, 1), Dataspace({}), "2.2.4")},
       {0x0C, AttributeMessage("layer_names", FixedStringType(5, 1), Dataspace({1}), "dense")}});
  const fs::path path = TempDir("keras") / "weights.h5";
  std::ofstream(path, std::ios::binary) << file.Finish(root);

  absl::StatusOr<ModelSummary> summary = InspectModel(path.string(), {});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->format, "keras");
  EXPECT_EQ(summary->producer, "Keras 2.2.4");
  ASSERT_EQ(summary->weights.size(), 1u);
  EXPECT_EQ(summary->weights[0].dtype, "float32");
  EXPECT_EQ(summary->weights[0].count, 1);
  EXPECT_EQ(summary->weights[0].bytes, 12u);
  EXPECT_TRUE(summary->ops.empty());
}

TEST(InspectTest, JsonCarriesTheSameFacts) {
  absl::StatusOr<ModelSummary> summary = InspectModel(kConvNet, {});
  ASSERT_TRUE(summary.ok()) << summary.status();
  absl::StatusOr<std::string> json = SummaryJson(*summary);
  ASSERT_TRUE(json.ok()) << json.status();
  google::protobuf::Struct parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(*json, &parsed).ok()) << *json;
  const auto& fields = parsed.fields();
  EXPECT_EQ(fields.at("format").string_value(), "tf_frozen_model");
  const auto& input = fields.at("signatures").list_value().values(0).struct_value().fields().at(
      "inputs").list_value().values(0).struct_value().fields();
  EXPECT_EQ(input.at("dtype").string_value(), "float32");
  EXPECT_EQ(input.at("shape").list_value().values(1).number_value(), 5);
  double weight_bytes = 0;
  for (const auto& weight : fields.at("weights").list_value().values()) {
    weight_bytes += weight.struct_value().fields().at("bytes").number_value();
  }
  EXPECT_EQ(weight_bytes, 47 * 4 + 2 * 8);
  EXPECT_EQ(fields.at("unsupported").struct_value().fields().at("tfjs").struct_value().fields_size(),
            0);
}

// Object keys come sorted at every level, so two runs print the same bytes.
TEST(InspectTest, JsonKeysAreSorted) {
  absl::StatusOr<ModelSummary> summary = InspectModel(kConvNet, {});
  ASSERT_TRUE(summary.ok()) << summary.status();
  absl::StatusOr<std::string> json = SummaryJson(*summary);
  ASSERT_TRUE(json.ok()) << json.status();
  size_t previous = 0;
  for (const char* key : {"\"format\"", "\"ops\"", "\"path\"", "\"producer\"",
                          "\"signatures\"", "\"unsupported\"", "\"weights\""}) {
    const size_t at = json->find(key);
    ASSERT_NE(at, std::string::npos) << key;
    EXPECT_GT(at, previous) << key << " out of order in " << *json;
    previous = at;
  }
  // The first op entry: "native" < "nodes" < "op" < "tfjs".
  const size_t ops = json->find("\"ops\"");
  EXPECT_LT(json->find("\"native\"", ops), json->find("\"nodes\"", ops));
  EXPECT_LT(json->find("\"nodes\"", ops), json->find("\"op\"", ops));
  EXPECT_LT(json->find("\"op\"", ops), json->find("\"tfjs\"", ops));
}

TEST(InspectTest, UnknownDirectoryIsAnError) {
  absl::StatusOr<ModelSummary> summary = InspectModel(TempDir("empty").string(), {});
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.status().message().find("no model.json"), std::string::npos);
}

}  // namespace
}  // namespace tfjs::tools
