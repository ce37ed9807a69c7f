#include "converter/writer/graph_model_writer.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "io/weights_manifest.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

using ::tfjs::test_files::ReadFile;

void WriteFile(const fs::path& path, const std::string& contents) {
  std::ofstream(path, std::ios::binary) << contents;
}

std::set<std::string> ListDir(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename());
  return names;
}

template <typename T>
std::string Bytes(std::initializer_list<T> values) {
  std::string out;
  for (T value : values) out.append(reinterpret_cast<const char*>(&value), sizeof(T));
  return out;
}

FrozenModel Model(const std::string& graph_text, const std::string& signature_text = "") {
  FrozenModel model;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(graph_text, &model.graph));
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(signature_text, &model.signature));
  return model;
}

// A float Const with the given values.
std::string FloatConst(const std::string& name, std::initializer_list<float> values) {
  std::string text = "node { name: '" + name + "' op: 'Const' attr { key: 'value' value { tensor {"
                     " dtype: DT_FLOAT tensor_shape { dim { size: " +
                     std::to_string(values.size()) + " } }";
  for (float value : values) text += " float_val: " + std::to_string(value);
  return text + " } } } }";
}

class GraphModelWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(std::getenv("TEST_TMPDIR")) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
    fs::create_directories(root_);
    out_ = root_ / "model";
    options_.log = &log_;
  }

  // Everything in root_ other than the model directory: staging leftovers would show here.
  std::set<std::string> Leftovers() {
    std::set<std::string> names = ListDir(root_);
    names.erase("model");
    return names;
  }

  fs::path root_;
  fs::path out_;
  std::ostringstream log_;
  ModelWriterOptions options_;
};

TEST_F(GraphModelWriterTest, WritesModelJsonAsTensorflowjsConverterDoes) {
  const FrozenModel model = Model(
      R"pb(
        node {
          name: "x"
          op: "Placeholder"
          attr { key: "dtype" value { type: DT_FLOAT } }
        }
        node {
          name: "w"
          op: "Const"
          attr { key: "dtype" value { type: DT_FLOAT } }
          attr {
            key: "value"
            value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } } float_val: 0.5 float_val: 2 } }
          }
        }
        node { name: "y" op: "Mul" input: "x" input: "w" attr { key: "T" value { type: DT_FLOAT } } }
        versions { producer: 1205 }
      )pb",
      R"pb(
        inputs { key: "x" value { name: "x:0" dtype: DT_FLOAT tensor_shape { dim { size: 2 } } } }
        outputs { key: "y" value { name: "y:0" dtype: DT_FLOAT tensor_shape { dim { size: 2 } } } }
        method_name: "tensorflow/serving/predict"
      )pb");
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());

  EXPECT_EQ(ListDir(out_), (std::set<std::string>{"model.json", "group1-shard1of1.bin"}));
  EXPECT_EQ(ReadFile(out_ / "group1-shard1of1.bin"), Bytes<float>({0.5f, 2.0f}));
  EXPECT_EQ(
      ReadFile(out_ / "model.json"),
      R"({"format": "graph-model", "generatedBy": "tfjs_native converter v0.1.0", )"
      R"j("convertedBy": "tfjs_native converter v0.1.0 (TensorFlow.js Converter v4.22.0 format)", )j"
      R"("signature": {"inputs": {"x": {"name": "x:0", "dtype": "DT_FLOAT", "tensorShape": )"
      R"({"dim": [{"size": "2"}]}}}, "outputs": {"y": {"name": "y:0", "dtype": "DT_FLOAT", )"
      R"("tensorShape": {"dim": [{"size": "2"}]}}}}, )"
      R"("modelTopology": {"node": [{"name": "x", "op": "Placeholder", "attr": )"
      R"({"dtype": {"type": "DT_FLOAT"}}}, {"name": "w", "op": "Const", "attr": )"
      R"({"dtype": {"type": "DT_FLOAT"}, "value": {"tensor": {"dtype": "DT_FLOAT", )"
      R"("tensorShape": {"dim": [{"size": "2"}]}}}}}, {"name": "y", "op": "Mul", )"
      R"("input": ["x", "w"], "attr": {"T": {"type": "DT_FLOAT"}}}], )"
      R"("versions": {"producer": 1205}}, )"
      R"("weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": )"
      R"([{"name": "w", "shape": [2], "dtype": "float32"}]}]})");
  EXPECT_TRUE(Leftovers().empty());
}

TEST_F(GraphModelWriterTest, ShardsSplitEveryShardSizeAndWeightsStraddle) {
  const FrozenModel model = Model(FloatConst("a", {1, 2, 3}) + FloatConst("b", {4, 5}) +
                                  FloatConst("c", {6}));
  options_.weight_shard_size_bytes = 10;
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());

  const std::string all = Bytes<float>({1, 2, 3, 4, 5, 6});
  EXPECT_EQ(ReadFile(out_ / "group1-shard1of3.bin"), all.substr(0, 10));
  EXPECT_EQ(ReadFile(out_ / "group1-shard2of3.bin"), all.substr(10, 10));
  EXPECT_EQ(ReadFile(out_ / "group1-shard3of3.bin"), all.substr(20));
  const std::string json = ReadFile(out_ / "model.json");
  EXPECT_NE(json.find(R"("weightsManifest": [{"paths": ["group1-shard1of3.bin", )"
                      R"("group1-shard2of3.bin", "group1-shard3of3.bin"], "weights": )"
                      R"([{"name": "a", "shape": [3], "dtype": "float32"}, )"
                      R"({"name": "b", "shape": [2], "dtype": "float32"}, )"
                      R"({"name": "c", "shape": [1], "dtype": "float32"}]}]})"),
            std::string::npos)
      << json;
}

TEST_F(GraphModelWriterTest, FunctionBodyWeightsFollowTopLevelOnes) {
  const FrozenModel model = Model(R"pb(
    library {
      function {
        signature { name: "f" }
        node_def {
          name: "k"
          op: "Const"
          attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 7 } } }
        }
      }
    }
  )pb" + FloatConst("top", {1}));
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());
  EXPECT_EQ(ReadFile(out_ / "group1-shard1of1.bin"), Bytes<float>({1}) + Bytes<int32_t>({7}));
  const std::string json = ReadFile(out_ / "model.json");
  EXPECT_NE(json.find(R"("weights": [{"name": "top", "shape": [1], "dtype": "float32"}, )"
                      R"({"name": "f/k", "shape": [], "dtype": "int32"}])"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("nodeDef": [{"name": "f/k", "op": "Const")"), std::string::npos);
}

TEST_F(GraphModelWriterTest, AddsEmptyVersionsWhenTheGraphHasNone) {
  ASSERT_TRUE(WriteGraphModel(Model("node { name: 'x' op: 'Placeholder' }"), out_.string(),
                              options_)
                  .ok());
  EXPECT_NE(ReadFile(out_ / "model.json")
                .find(R"("modelTopology": {"node": [{"name": "x", "op": "Placeholder"}], )"
                      R"("versions": {}}, )"),
            std::string::npos);
}

TEST_F(GraphModelWriterTest, NoWeightsMeansNoShards) {
  ASSERT_TRUE(WriteGraphModel(Model("node { name: 'x' op: 'Placeholder' }"), out_.string(),
                              options_)
                  .ok());
  EXPECT_EQ(ListDir(out_), std::set<std::string>{"model.json"});
  EXPECT_NE(ReadFile(out_ / "model.json").find(R"("weightsManifest": [{"paths": [], "weights": []}])"),
            std::string::npos);
}

TEST_F(GraphModelWriterTest, NarrowsFloat64AndInt64OnceNotedPerKind) {
  const FrozenModel model = Model(R"pb(
    node { name: "d" op: "Const" attr { key: "value" value { tensor { dtype: DT_DOUBLE tensor_shape {} double_val: 0.25 } } } }
    node { name: "i1" op: "Const" attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape {} int64_val: -3 } } } }
    node { name: "i2" op: "Const" attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape {} int64_val: 4 } } } }
  )pb");
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());
  EXPECT_EQ(ReadFile(out_ / "group1-shard1of1.bin"),
            Bytes<float>({0.25f}) + Bytes<int32_t>({-3, 4}));
  EXPECT_NE(ReadFile(out_ / "model.json").find(R"({"name": "i2", "shape": [], "dtype": "int32"})"),
            std::string::npos);
  EXPECT_EQ(log_.str(),
            "note: 1 float64 weight (first: 'd') converted to float32, as TF.js has no float64\n"
            "note: 2 int64 weights (first: 'i1') converted to int32, as TF.js has no int64\n");
}

TEST_F(GraphModelWriterTest, StringAndBoolWeights) {
  const FrozenModel model = Model(R"pb(
    node { name: "s" op: "Const" attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 2 } } string_val: "hi" string_val: "" } } } }
    node { name: "b" op: "Const" attr { key: "value" value { tensor { dtype: DT_BOOL tensor_shape { dim { size: 2 } } bool_val: true bool_val: false } } } }
  )pb");
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());
  EXPECT_EQ(ReadFile(out_ / "group1-shard1of1.bin"),
            Bytes<uint32_t>({2}) + "hi" + Bytes<uint32_t>({0}) + std::string("\x01\x00", 2));
  EXPECT_NE(ReadFile(out_ / "model.json")
                .find(R"([{"name": "s", "shape": [2], "dtype": "string"}, )"
                      R"({"name": "b", "shape": [2], "dtype": "bool"}])"),
            std::string::npos);
}

TEST_F(GraphModelWriterTest, UserMetadataInGivenOrderReformatted) {
  options_.user_metadata = {{"zeta", "{\"b\":1.50,\n \"a\" : [true,null]}"}, {"alpha", "\"x\""}};
  ASSERT_TRUE(WriteGraphModel(Model(FloatConst("w", {1})), out_.string(), options_).ok());
  const std::string json = ReadFile(out_ / "model.json");
  EXPECT_NE(json.find(R"(}, "userDefinedMetadata": {"zeta": {"b": 1.5, "a": [true, null]}, )"
                      R"("alpha": "x"}, "weightsManifest": )"),
            std::string::npos)
      << json;
}

TEST_F(GraphModelWriterTest, InvalidMetadataFailsWithoutWriting) {
  options_.user_metadata = {{"broken", "{\"a\": }"}};
  absl::Status status = WriteGraphModel(Model(FloatConst("w", {1})), out_.string(), options_);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("broken"), std::string::npos);
  EXPECT_TRUE(ListDir(root_).empty());
}

TEST_F(GraphModelWriterTest, SameModelGivesSameBytes) {
  const FrozenModel model = Model(FloatConst("a", {1, 2}) + FloatConst("b", {3}));
  options_.weight_shard_size_bytes = 5;
  ASSERT_TRUE(WriteGraphModel(model, (root_ / "one").string(), options_).ok());
  ASSERT_TRUE(WriteGraphModel(model, (root_ / "two").string(), options_).ok());
  ASSERT_EQ(ListDir(root_ / "one"), ListDir(root_ / "two"));
  for (const std::string& name : ListDir(root_ / "one")) {
    EXPECT_EQ(ReadFile(root_ / "one" / name), ReadFile(root_ / "two" / name)) << name;
  }
}

TEST_F(GraphModelWriterTest, QuantizedWeightsCarryTheirQuantizationInTheManifest) {
  const FrozenModel model = Model(FloatConst("w8", {-1, 0, 0.41, 2}) + FloatConst("h", {1, -2}) +
                                  FloatConst("keep", {5}) + R"pb(
    node { name: "i" op: "Const" attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 7 } } } }
  )pb");
  options_.quantization = {
      QuantizationRequest{io::QuantizedDType::kUint8, "--quantize_uint8", {{"w*"}}},
      QuantizationRequest{io::QuantizedDType::kFloat16, "--quantize_float16", {{"h", "i"}}}};
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());
  const std::string json = ReadFile(out_ / "model.json");
  EXPECT_NE(json.find(R"("weights": [{"name": "w8", "shape": [4], "dtype": "float32", )"
                      R"("quantization": {"dtype": "uint8", "min": -1.0, )"
                      R"("scale": 0.011764705882352941, "original_dtype": "float32"}}, )"
                      R"({"name": "h", "shape": [2], "dtype": "float32", )"
                      R"("quantization": {"dtype": "float16", "original_dtype": "float32"}}, )"
                      R"({"name": "keep", "shape": [1], "dtype": "float32"}, )"
                      R"({"name": "i", "shape": [], "dtype": "int32"}]}]})"),
            std::string::npos)
      << json;
  // uint8 codes (0 is code 85), float16 bits, then the untouched float32 and int32.
  EXPECT_EQ(ReadFile(out_ / "group1-shard1of1.bin"),
            Bytes<uint8_t>({0, 85, 120, 255}) + Bytes<uint16_t>({0x3c00, 0xc000}) +
                Bytes<float>({5}) + Bytes<int32_t>({7}));
  EXPECT_EQ(log_.str(), "");
}

TEST_F(GraphModelWriterTest, ConstantWeightQuantizesToScaleOne) {
  options_.quantization = {QuantizationRequest{io::QuantizedDType::kUint16, "--quantize_uint16", {}}};
  ASSERT_TRUE(WriteGraphModel(Model(FloatConst("c", {0, 0})), out_.string(), options_).ok());
  EXPECT_NE(ReadFile(out_ / "model.json")
                .find(R"("quantization": {"dtype": "uint16", "min": 0.0, "scale": 1.0, )"),
            std::string::npos);
  EXPECT_EQ(ReadFile(out_ / "group1-shard1of1.bin"), std::string(4, '\0'));
}

TEST_F(GraphModelWriterTest, WeightsWithNanStayFloat32WithAWarning) {
  options_.quantization = {QuantizationRequest{io::QuantizedDType::kUint8, "--quantize_uint8", {}}};
  const FrozenModel model = Model(R"pb(
    node { name: "n" op: "Const" attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } } float_val: 1 float_val: nan } } } }
  )pb");
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());
  EXPECT_NE(ReadFile(out_ / "model.json").find(R"({"name": "n", "shape": [2], "dtype": "float32"})"),
            std::string::npos);
  EXPECT_NE(log_.str().find("warning: weight 'n' stays float32"), std::string::npos) << log_.str();
}

TEST_F(GraphModelWriterTest, OverlappingQuantizationFailsWithoutWriting) {
  options_.quantization = {
      QuantizationRequest{io::QuantizedDType::kUint8, "--quantize_uint8", {{"w"}}},
      QuantizationRequest{io::QuantizedDType::kUint16, "--quantize_uint16", {{"*"}}}};
  absl::Status status = WriteGraphModel(Model(FloatConst("w", {1})), out_.string(), options_);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("'w'"), std::string::npos) << status;
  EXPECT_TRUE(ListDir(root_).empty());
}

TEST_F(GraphModelWriterTest, VerboseReportsSavingsAndError) {
  options_.quantization = {QuantizationRequest{io::QuantizedDType::kUint8, "--quantize_uint8", {}}};
  options_.verbose = true;
  ASSERT_TRUE(
      WriteGraphModel(Model(FloatConst("w", {-1, 0, 0.41, 2})), out_.string(), options_).ok());
  EXPECT_NE(log_.str().find("quantized 'w' to uint8: 16 -> 4 bytes (12 saved), max abs error 0.0017"),
            std::string::npos)
      << log_.str();
  EXPECT_NE(log_.str().find("quantized 1 weights: 16 -> 4 bytes (12 saved)"), std::string::npos);
}

TEST_F(GraphModelWriterTest, SplitWeightsByLayerGivesEveryWeightItsGroup) {
  options_.split_weights_by_layer = true;
  options_.weight_shard_size_bytes = 8;
  const FrozenModel model = Model(FloatConst("a", {1, 2, 3}) + FloatConst("b", {4}));
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());
  EXPECT_EQ(ListDir(out_), (std::set<std::string>{"model.json", "group1-shard1of2.bin",
                                                   "group1-shard2of2.bin", "group2-shard1of1.bin"}));
  EXPECT_EQ(ReadFile(out_ / "group1-shard2of2.bin"), Bytes<float>({3}));
  EXPECT_EQ(ReadFile(out_ / "group2-shard1of1.bin"), Bytes<float>({4}));
  EXPECT_NE(ReadFile(out_ / "model.json")
                .find(R"("weightsManifest": [{"paths": ["group1-shard1of2.bin", )"
                      R"("group1-shard2of2.bin"], "weights": [{"name": "a", "shape": [3], )"
                      R"("dtype": "float32"}]}, {"paths": ["group2-shard1of1.bin"], "weights": )"
                      R"([{"name": "b", "shape": [1], "dtype": "float32"}]}]})"),
            std::string::npos)
      << ReadFile(out_ / "model.json");
}

TEST_F(GraphModelWriterTest, StructuredOutputKeysAreTheSortedSignatureKeys) {
  options_.use_structured_outputs_names = true;
  options_.user_metadata = {{"info", "1"}};
  const FrozenModel model = Model(FloatConst("w", {1}), R"pb(
    outputs { key: "zeta" value { name: "w:0" } }
    outputs { key: "alpha" value { name: "w:0" } }
  )pb");
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());
  EXPECT_NE(ReadFile(out_ / "model.json")
                .find(R"("userDefinedMetadata": {"info": 1, "structuredOutputKeys": )"
                      R"(["alpha", "zeta"]}, "weightsManifest")"),
            std::string::npos)
      << ReadFile(out_ / "model.json");
}

TEST_F(GraphModelWriterTest, SameModelAndQuantizationGiveSameBytes) {
  const FrozenModel model = Model(FloatConst("a", {1, -2, 0.3}) + FloatConst("b", {3, 4}) +
                                  FloatConst("c", {0.1, 0.2}));
  options_.weight_shard_size_bytes = 3;
  options_.split_weights_by_layer = true;
  options_.quantization = {
      QuantizationRequest{io::QuantizedDType::kUint8, "--quantize_uint8", {{"a"}}},
      QuantizationRequest{io::QuantizedDType::kUint16, "--quantize_uint16", {{"b"}}},
      QuantizationRequest{io::QuantizedDType::kFloat16, "--quantize_float16", {}}};
  ASSERT_TRUE(WriteGraphModel(model, (root_ / "one").string(), options_).ok());
  ASSERT_TRUE(WriteGraphModel(model, (root_ / "two").string(), options_).ok());
  ASSERT_EQ(ListDir(root_ / "one"), ListDir(root_ / "two"));
  EXPECT_EQ(ListDir(root_ / "one").size(), 1 + 1 + 2 + 2);  // model.json, 1 + 4 + 4 bytes.
  for (const std::string& name : ListDir(root_ / "one")) {
    EXPECT_EQ(ReadFile(root_ / "one" / name), ReadFile(root_ / "two" / name)) << name;
  }
}

TEST_F(GraphModelWriterTest, ModelInitializerAndItsWeightsFollowTheModel) {
  FrozenModel model = Model(R"pb(
    node { name: "table" op: "HashTableV2" attr { key: "key_dtype" value { type: DT_INT32 } } attr { key: "value_dtype" value { type: DT_FLOAT } } }
    node { name: "shared" op: "Const" attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 9 } } } }
  )pb");
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node { name: "keys" op: "Const" attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 1 } } int_val: 4 } } } }
    node { name: "shared" op: "Const" attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 9 } } } }
    node { name: "table" op: "HashTableV2" attr { key: "key_dtype" value { type: DT_INT32 } } attr { key: "value_dtype" value { type: DT_FLOAT } } }
    node { name: "init" op: "LookupTableImportV2" input: "table" input: "keys" input: "shared" }
  )pb", &model.initializer));
  options_.user_metadata = {{"m", "1"}};
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());
  const std::string json = ReadFile(out_ / "model.json");
  EXPECT_NE(json.find(R"("userDefinedMetadata": {"m": 1}, "modelInitializer": {"node": [)"
                      R"({"name": "keys", "op": "Const", "attr": {"value": {"tensor": )"
                      R"({"dtype": "DT_INT32", "tensorShape": {"dim": [{"size": "1"}]}}}}}, )"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"({"name": "init", "op": "LookupTableImportV2", "input": ["table", "keys", )"
                      R"("shared"]}]}, "weightsManifest": )"),
            std::string::npos)
      << json;
  // "shared" is in both graphs and stored once; the initializer's "keys" follows.
  EXPECT_NE(json.find(R"("weights": [{"name": "shared", "shape": [], "dtype": "float32"}, )"
                      R"({"name": "keys", "shape": [1], "dtype": "int32"}]}]})"),
            std::string::npos)
      << json;
  EXPECT_EQ(ReadFile(out_ / "group1-shard1of1.bin"), Bytes<float>({9}) + Bytes<int32_t>({4}));
}

TEST_F(GraphModelWriterTest, ResourceIdsFollowTheirTensorInfosFields) {
  FrozenModel model = Model(R"pb(
    node { name: "t" op: "Placeholder" attr { key: "dtype" value { type: DT_RESOURCE } } }
    node { name: "id" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  )pb", R"pb(
    inputs { key: "t:0" value { name: "t:0" dtype: DT_RESOURCE tensor_shape {} } }
    inputs { key: "id" value { name: "id:0" dtype: DT_INT32 } }
    outputs { key: "y" value { name: "id:0" } }
  )pb");
  model.input_resource_ids = {{"t:0", 3}};
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node { name: "t" op: "HashTableV2" }
    node { name: "h" op: "Identity" input: "t" }
  )pb", &model.initializer));
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    outputs { key: "h:0" value { name: "h:0" dtype: DT_RESOURCE tensor_shape {} } }
  )pb", &model.initializer_signature));
  model.initializer_output_resource_ids = {{"h:0", 3}};
  ASSERT_TRUE(WriteGraphModel(model, out_.string(), options_).ok());
  const std::string json = ReadFile(out_ / "model.json");
  EXPECT_NE(json.find(R"("signature": {"inputs": {"id": {"name": "id:0", "dtype": "DT_INT32"}, )"
                      R"("t:0": {"name": "t:0", "dtype": "DT_RESOURCE", "tensorShape": {}, )"
                      R"("resourceId": 3}}, "outputs": {"y": {"name": "id:0"}}}, )"
                      R"("modelTopology": )"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("input": ["t"]}]}, "initializerSignature": {"outputs": {"h:0": )"
                      R"({"name": "h:0", "dtype": "DT_RESOURCE", "tensorShape": {}, )"
                      R"("resourceId": 3}}}, "weightsManifest": )"),
            std::string::npos)
      << json;
}

TEST_F(GraphModelWriterTest, FailedWriteLeavesExistingModelIntact) {
  ASSERT_TRUE(WriteGraphModel(Model(FloatConst("w", {1})), out_.string(), options_).ok());
  const std::string old_json = ReadFile(out_ / "model.json");
  const FrozenModel unsupported = Model(R"pb(
    node { name: "q" op: "Const" attr { key: "value" value { tensor { dtype: DT_BFLOAT16 tensor_shape {} half_val: 1 } } } }
  )pb");
  absl::Status status = WriteGraphModel(unsupported, out_.string(), options_);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("'q'"), std::string::npos);
  EXPECT_EQ(ReadFile(out_ / "model.json"), old_json);
  EXPECT_EQ(ListDir(out_), (std::set<std::string>{"model.json", "group1-shard1of1.bin"}));
  EXPECT_TRUE(Leftovers().empty());
}

TEST_F(GraphModelWriterTest, ReplacesAnExistingModelWhole) {
  options_.weight_shard_size_bytes = 4;
  ASSERT_TRUE(WriteGraphModel(Model(FloatConst("w", {1, 2})), out_.string(), options_).ok());
  ASSERT_EQ(ListDir(out_).size(), 3);
  options_.weight_shard_size_bytes = 4194304;
  ASSERT_TRUE(WriteGraphModel(Model(FloatConst("v", {3})), out_.string(), options_).ok());
  EXPECT_EQ(ListDir(out_), (std::set<std::string>{"model.json", "group1-shard1of1.bin"}));
  EXPECT_EQ(ReadFile(out_ / "group1-shard1of1.bin"), Bytes<float>({3}));
  EXPECT_TRUE(Leftovers().empty());
}

TEST_F(GraphModelWriterTest, KeepsOtherFilesInTheOutputDirectory) {
  options_.weight_shard_size_bytes = 4;
  ASSERT_TRUE(WriteGraphModel(Model(FloatConst("w", {1, 2})), out_.string(), options_).ok());
  WriteFile(out_ / "README.txt", "mine");
  options_.weight_shard_size_bytes = 4194304;
  ASSERT_TRUE(WriteGraphModel(Model(FloatConst("v", {3})), out_.string(), options_).ok());
  EXPECT_EQ(ListDir(out_),
            (std::set<std::string>{"README.txt", "model.json", "group1-shard1of1.bin"}));
  EXPECT_EQ(ReadFile(out_ / "README.txt"), "mine");
  EXPECT_NE(ReadFile(out_ / "model.json").find("\"name\": \"v\""), std::string::npos);
  EXPECT_TRUE(Leftovers().empty());
}

TEST_F(GraphModelWriterTest, WritesThroughASymlinkedDirectory) {
  fs::create_directories(root_ / "real");
  fs::create_directory_symlink(root_ / "real", out_);
  ASSERT_TRUE(WriteGraphModel(Model(FloatConst("w", {1})), out_.string(), options_).ok());
  EXPECT_TRUE(fs::is_symlink(out_));
  EXPECT_EQ(ListDir(root_ / "real"), (std::set<std::string>{"model.json", "group1-shard1of1.bin"}));
  EXPECT_EQ(ListDir(root_), (std::set<std::string>{"model", "real"}));
}

TEST_F(GraphModelWriterTest, OutputPathThatIsAFileFails) {
  WriteFile(out_, "not a directory");
  ASSERT_FALSE(WriteGraphModel(Model(FloatConst("w", {1})), out_.string(), options_).ok());
  EXPECT_EQ(ReadFile(out_), "not a directory");
  EXPECT_TRUE(Leftovers().empty());
}

TEST_F(GraphModelWriterTest, CreatesMissingParentsAndRemovesThemOnFailure) {
  const fs::path nested = root_ / "a" / "b" / "model";
  ASSERT_TRUE(WriteGraphModel(Model(FloatConst("w", {1})), nested.string(), options_).ok());
  EXPECT_TRUE(fs::exists(nested / "model.json"));

  const fs::path failing = root_ / "c" / "d" / "model";
  const FrozenModel bad = Model("node { name: 'k' op: 'Const' }");
  ASSERT_FALSE(WriteGraphModel(bad, failing.string(), options_).ok());
  EXPECT_FALSE(fs::exists(root_ / "c"));
}

TEST_F(GraphModelWriterTest, RejectsNonPositiveShardSize) {
  options_.weight_shard_size_bytes = 0;
  EXPECT_FALSE(WriteGraphModel(Model(FloatConst("w", {1})), out_.string(), options_).ok());
  EXPECT_TRUE(ListDir(root_).empty());
}

}  // namespace
}  // namespace tfjs::converter
