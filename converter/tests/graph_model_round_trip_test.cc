// Round trips through --input_format=tfjs_graph_model: model.json -> frozen GraphDef or
// SavedModel -> model.json keeps every weight bit for bit and the native runtime's outputs
// identical, on this repository's test models and on every graph model @vladmandic/human ships
// (converted by the official tensorflowjs_converter). On the human models it also compares the
// size of the graph our converter writes with the official converter's.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/cli/convert.h"
#include "converter/cli/flags.h"
#include "converter/readers/corpus_case.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "io/load_model.h"
#include "runtime/graph_model.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

std::string RunfilesRoot() {
  const char* runfiles = std::getenv("TEST_SRCDIR");
  return runfiles != nullptr ? runfiles : ".";
}

// An external repository's directory in the runfiles (Bazel 4 lays them out both ways).
std::string ExternalDir(const std::string& repository, const std::string& path) {
  for (const std::string& candidate :
       {absl::StrCat(RunfilesRoot(), "/", repository, "/", path),
        absl::StrCat(RunfilesRoot(), "/tfjs_native/external/", repository, "/", path)}) {
    std::error_code error;
    if (fs::exists(candidate, error)) return candidate;
  }
  return absl::StrCat(RunfilesRoot(), "/", repository, "/", path);
}

// Every graph model.json in @vladmandic/human's models folder, sorted.
std::vector<std::string> HumanModels() {
  std::vector<std::string> models;
  const std::string dir = ExternalDir("npm", "node_modules/@vladmandic/human/models");
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() != ".json") continue;
    std::ifstream file(it->path());
    std::stringstream content;
    content << file.rdbuf();
    if (absl::StrContains(content.str(), "\"modelTopology\"")) models.push_back(it->path());
  }
  std::sort(models.begin(), models.end());
  return models;
}

std::string ScratchDir(const std::string& name) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const fs::path dir = fs::path(tmp != nullptr ? tmp : "/tmp") / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

absl::Status Convert(const std::string& input_format, const std::string& input,
                     const std::string& output_format, const std::string& output,
                     const std::string& output_node_names = "") {
  ConverterFlags flags;
  flags.input_format = input_format;
  flags.output_format = output_format;
  flags.input_path = input;
  flags.output_path = output;
  flags.output_node_names = output_node_names;
  // Round trips of tensorflowjs_converter's graph: a graph the TF.js rewrites made can fold
  // further when converted again, rewrites or not (int32 arithmetic of Consts that were int8,
  // say), so its weights would not come back as they were.
  flags.tfjs_rewrites = false;
  // And TF.js's fused ops kept: read back, the public form of a Prelu has its alpha behind a Neg
  // that constant folding turns into a Const of its own, so the Prelu fused again would hold the
  // same alpha under another name. opencv_dnn_test runs the public-op export.
  flags.public_tf_ops = false;
  std::ostringstream log;
  return RunConverter(flags, log);
}

std::map<std::string, io::Tensor> WeightsByName(const std::string& model_json) {
  absl::StatusOr<io::LoadedModel> model = io::LoadModel(model_json);
  EXPECT_TRUE(model.ok()) << model.status();
  std::map<std::string, io::Tensor> weights;
  if (!model.ok()) return weights;
  for (io::NamedTensor& weight : model->weights) weights[weight.name] = std::move(weight.tensor);
  return weights;
}

void ExpectSameWeights(const std::string& expected_json, const std::string& actual_json) {
  const std::map<std::string, io::Tensor> expected = WeightsByName(expected_json);
  const std::map<std::string, io::Tensor> actual = WeightsByName(actual_json);
  ASSERT_FALSE(expected.empty()) << expected_json;
  ASSERT_EQ(expected.size(), actual.size()) << actual_json;
  for (const auto& [name, want] : expected) {
    auto it = actual.find(name);
    ASSERT_NE(it, actual.end()) << actual_json << " lacks weight " << name;
    const io::Tensor& got = it->second;
    EXPECT_EQ(got.dtype, want.dtype) << name;
    EXPECT_EQ(got.shape, want.shape) << name;
    EXPECT_EQ(got.strings, want.strings) << name;
    ASSERT_EQ(got.data.size(), want.data.size()) << name;
    EXPECT_EQ(std::memcmp(got.data.data(), want.data.data(), want.data.size()), 0)
        << name << " differs";
  }
}

// xorshift32, the same values on every run.
class PseudoRandom {
 public:
  explicit PseudoRandom(uint32_t seed) : state_(seed == 0 ? 1 : seed) {}
  double Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_ / 4294967296.0;
  }

 private:
  uint32_t state_;
};

// One input per Placeholder of the model's graph (frozen graphs have no signature inputs): free
// batch dims are 1, other free dims 320 (the resolution the human models run at); floats in
// [0, 1), integers in [0, 256), bools half true.
std::vector<std::pair<std::string, runtime::Tensor>> MakeInputs(const std::string& model_json) {
  std::vector<std::pair<std::string, runtime::Tensor>> inputs;
  absl::StatusOr<io::ModelJson> model = io::LoadModelJson(model_json);
  EXPECT_TRUE(model.ok()) << model.status();
  if (!model.ok() || !model->graph.has_value()) return inputs;
  uint32_t seed = 0x9e3779b9;
  for (const tensorflow::NodeDef& node : model->graph->node()) {
    if (node.op() != "Placeholder") continue;
    const tensorflow::DataType dtype = node.attr().at("dtype").type();
    if (dtype == tensorflow::DT_RESOURCE) continue;  // A table the model initializer feeds.
    runtime::Shape shape;
    const auto& dims = node.attr().at("shape").shape().dim();
    for (int i = 0; i < dims.size(); ++i) {
      shape.push_back(dims[i].size() >= 0 ? dims[i].size() : (i == 0 ? 1 : 320));
    }
    absl::StatusOr<runtime::Tensor> tensor = runtime::Tensor::Allocate(dtype, shape);
    EXPECT_TRUE(tensor.ok()) << node.name() << ": " << tensor.status();
    if (!tensor.ok()) continue;
    PseudoRandom random(seed++);
    const int64_t count = tensor->num_elements();
    for (int64_t i = 0; i < count; ++i) {
      const double u = random.Next();
      switch (dtype) {
        case tensorflow::DT_FLOAT:
          tensor->mutable_data<float>()[i] = static_cast<float>(u);
          break;
        case tensorflow::DT_INT32:
          tensor->mutable_data<int32_t>()[i] = static_cast<int32_t>(u * 256);
          break;
        case tensorflow::DT_UINT8:
          tensor->mutable_data<uint8_t>()[i] = static_cast<uint8_t>(u * 256);
          break;
        case tensorflow::DT_BOOL:
          tensor->mutable_data<bool>()[i] = u < 0.5;
          break;
        default:
          ADD_FAILURE() << node.name() << ": no input generator for " << dtype;
          break;
      }
    }
    inputs.emplace_back(node.name(), *std::move(tensor));
  }
  return inputs;
}

// Runs both models on the same inputs, fetching the expected model's outputs by graph tensor
// name, and requires identical bytes.
void ExpectSameOutputs(const std::string& expected_json, const std::string& actual_json) {
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> expected =
      runtime::GraphModel::Load(expected_json);
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> actual =
      runtime::GraphModel::Load(actual_json);
  ASSERT_TRUE(expected.ok()) << expected.status();
  ASSERT_TRUE(actual.ok()) << actual.status();
  std::vector<std::string> fetches;
  for (const runtime::TensorSpec& spec : (*expected)->outputs()) fetches.push_back(spec.name);
  const auto inputs = MakeInputs(expected_json);
  absl::StatusOr<std::vector<runtime::Tensor>> want = (*expected)->ExecuteAsync(inputs, fetches);
  absl::StatusOr<std::vector<runtime::Tensor>> got = (*actual)->ExecuteAsync(inputs, fetches);
  ASSERT_TRUE(want.ok()) << want.status();
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->size(), want->size());
  for (size_t i = 0; i < want->size(); ++i) {
    const runtime::Tensor& a = (*want)[i];
    const runtime::Tensor& b = (*got)[i];
    EXPECT_EQ(b.dtype(), a.dtype()) << fetches[i];
    ASSERT_EQ(b.shape(), a.shape()) << fetches[i];
    if (a.dtype() == tensorflow::DT_STRING) {
      EXPECT_EQ(b.strings(), a.strings()) << fetches[i];
    } else if (a.dtype() == tensorflow::DT_FLOAT) {
      // Converting again re-runs the optimizations (folding, fusion), which may reassociate
      // float arithmetic (or move a conv between XNNPACK and plain loops): float32 outputs agree
      // to 1e-4 relative, everything else exactly.
      for (int64_t k = 0; k < a.num_elements(); ++k) {
        const float x = a.data<float>()[k];
        const float y = b.data<float>()[k];
        if (std::isnan(x)) {
          EXPECT_TRUE(std::isnan(y)) << fetches[i] << " at " << k;
        } else {
          ASSERT_NEAR(y, x, 1e-4 * std::max(1.0f, std::abs(x))) << fetches[i] << " at " << k;
        }
      }
    } else {
      EXPECT_EQ(std::memcmp(a.raw_data(), b.raw_data(), a.byte_size()), 0)
          << fetches[i] << " differs";
    }
  }
}

// The node names of the model's signature outputs, as --output_node_names takes them.
std::string OutputNodeNames(const std::string& model_json) {
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
      runtime::GraphModel::Load(model_json);
  EXPECT_TRUE(model.ok()) << model.status();
  if (!model.ok()) return "";
  std::vector<std::string> names;
  for (const runtime::TensorSpec& spec : (*model)->outputs()) names.push_back(spec.name);
  return absl::StrJoin(names, ",");
}

// model.json -> frozen .pb -> model.json, in `dir`; returns the last model.json.
std::string RoundTripThroughFrozenGraph(const std::string& model_json, const std::string& dir) {
  const std::string pb = dir + "/frozen/model.pb";
  const std::string web = dir + "/from_frozen";
  absl::Status status = Convert("tfjs_graph_model", model_json, "tf_frozen_model", pb);
  EXPECT_TRUE(status.ok()) << status;
  status = Convert("tf_frozen_model", pb, "tfjs_graph_model", web, OutputNodeNames(model_json));
  EXPECT_TRUE(status.ok()) << status;
  return web + "/model.json";
}

// model.json -> SavedModel -> model.json, in `dir`; returns the last model.json.
std::string RoundTripThroughSavedModel(const std::string& model_json, const std::string& dir) {
  const std::string saved_model = dir + "/saved_model";
  const std::string web = dir + "/from_saved_model";
  absl::Status status = Convert("tfjs_graph_model", model_json, "tf_saved_model", saved_model);
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_TRUE(fs::exists(saved_model + "/saved_model.pb"));
  status = Convert("tf_saved_model", saved_model, "tfjs_graph_model", web);
  EXPECT_TRUE(status.ok()) << status;
  return web + "/model.json";
}

// TensorFlow formats cannot take a modelInitializer (hash-table setup) over: for such a model,
// expects that refusal and returns true.
bool RefusedForItsInitializer(const std::string& model_json, const std::string& dir) {
  std::ifstream file(model_json);
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (text.find("\"modelInitializer\"") == std::string::npos) return false;
  absl::Status status =
      Convert("tfjs_graph_model", model_json, "tf_frozen_model", dir + "/refused.pb");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnimplemented) << status;
  return true;
}

// This repository's test models, first converted to model.json by this converter.
class TestdataRoundTripTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Converts the case to a TF.js graph model and returns its model.json.
  std::string MakeGraphModel(const std::string& dir) {
    absl::StatusOr<testing::CorpusCase> test_case = testing::ReadCase(dir);
    EXPECT_TRUE(test_case.ok()) << test_case.status();
    const std::string web = dir_ + "/original";
    ConverterFlags flags;
    flags.input_format = test_case->format;
    flags.output_path = web;
    if (test_case->format == "tf_frozen_model") {
      flags.input_path = dir + "/frozen_model.pb";
      std::vector<std::string> outputs;
      for (const testing::CorpusTensor& output : test_case->outputs)
        outputs.push_back(output.tensor);
      flags.output_node_names = absl::StrJoin(outputs, ",");
    } else {
      flags.input_path = dir + "/saved_model";
      flags.signature_name = test_case->signature;
      flags.saved_model_tags = test_case->tags;
    }
    flags.tfjs_rewrites = false;  // See Convert().
    std::ostringstream log;
    absl::Status status = RunConverter(flags, log);
    EXPECT_TRUE(status.ok()) << status;
    return web + "/model.json";
  }

  void SetUp() override { dir_ = ScratchDir(fs::path(GetParam()).filename()); }
  std::string dir_;
};

TEST_P(TestdataRoundTripTest, ThroughFrozenGraph) {
  const std::string original = MakeGraphModel(GetParam());
  if (RefusedForItsInitializer(original, dir_)) return;
  const std::string round_trip = RoundTripThroughFrozenGraph(original, dir_);
  ExpectSameWeights(original, round_trip);
  ExpectSameOutputs(original, round_trip);
}

TEST_P(TestdataRoundTripTest, ThroughSavedModel) {
  const std::string original = MakeGraphModel(GetParam());
  if (RefusedForItsInitializer(original, dir_)) return;
  const std::string round_trip = RoundTripThroughSavedModel(original, dir_);
  ExpectSameWeights(original, round_trip);
  ExpectSameOutputs(original, round_trip);
}

TEST_P(TestdataRoundTripTest, ReshardsIntoSmallerFiles) {
  const std::string original = MakeGraphModel(GetParam());
  ConverterFlags flags;
  flags.input_format = "tfjs_graph_model";
  flags.input_path = fs::path(original).parent_path();  // The directory works as well.
  flags.output_path = dir_ + "/resharded";
  flags.weight_shard_size_bytes = 16;
  flags.tfjs_rewrites = false;  // See Convert().
  std::ostringstream log;
  absl::Status status = RunConverter(flags, log);
  ASSERT_TRUE(status.ok()) << status;
  uint64_t shards = 0;
  uint64_t bytes = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(flags.output_path)) {
    if (entry.path().extension() != ".bin") continue;
    ++shards;
    bytes += entry.file_size();
    EXPECT_LE(entry.file_size(), 16u) << entry.path();
  }
  EXPECT_GT(bytes, 0u);
  EXPECT_EQ(shards, (bytes + 15) / 16);
  ExpectSameWeights(original, flags.output_path + "/model.json");
  ExpectSameOutputs(original, flags.output_path + "/model.json");
  // Hash tables keep their initializer and the resource ids that match it to the model.
  absl::StatusOr<io::ModelJson> before = io::LoadModelJson(original);
  absl::StatusOr<io::ModelJson> after = io::LoadModelJson(flags.output_path + "/model.json");
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(after->model_initializer.has_value(), before->model_initializer.has_value());
  EXPECT_EQ(after->initializer_signature.has_value(), before->initializer_signature.has_value());
  EXPECT_EQ(after->input_resource_ids, before->input_resource_ids);
  EXPECT_EQ(after->initializer_output_resource_ids, before->initializer_output_resource_ids);
}

std::vector<std::string> TestdataCases() {
  std::vector<std::string> dirs;
  for (const std::string& group : {"frozen", "saved_model"}) {
    const std::string root = absl::StrCat(RunfilesRoot(), "/tfjs_native/testdata/", group);
    for (const fs::directory_entry& entry : fs::directory_iterator(root)) {
      if (fs::exists(entry.path() / "case.json")) dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

// A test name from a case directory or model file: its stem, alphanumerics only.
std::string ParamName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Testdata, TestdataRoundTripTest, ::testing::ValuesIn(TestdataCases()),
                         ParamName);

class HumanModelTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { dir_ = ScratchDir(fs::path(GetParam()).stem()); }
  std::string dir_;
};

TEST(HumanModels, AllElevenAreFound) { EXPECT_EQ(HumanModels().size(), 11u); }

TEST_P(HumanModelTest, RoundTripThroughFrozenGraph) {
  const std::string round_trip = RoundTripThroughFrozenGraph(GetParam(), dir_);
  ExpectSameWeights(GetParam(), round_trip);
  ExpectSameOutputs(GetParam(), round_trip);
}

TEST_P(HumanModelTest, RoundTripThroughSavedModel) {
  const std::string round_trip = RoundTripThroughSavedModel(GetParam(), dir_);
  ExpectSameWeights(GetParam(), round_trip);
  ExpectSameOutputs(GetParam(), round_trip);
}

// Re-sharding a shipped model keeps its weights, outputs and userDefinedMetadata.
TEST_P(HumanModelTest, ReshardingKeepsWeightsOutputsAndMetadata) {
  ConverterFlags flags;
  flags.input_format = "tfjs_graph_model";
  flags.input_path = GetParam();
  flags.output_path = dir_ + "/resharded";
  flags.weight_shard_size_bytes = 1 << 20;
  std::ostringstream log;
  absl::Status status = RunConverter(flags, log);
  ASSERT_TRUE(status.ok()) << status;
  const std::string resharded = flags.output_path + "/model.json";
  ExpectSameWeights(GetParam(), resharded);
  ExpectSameOutputs(GetParam(), resharded);
  absl::StatusOr<io::ModelJson> original = io::LoadModelJson(GetParam());
  absl::StatusOr<io::ModelJson> written = io::LoadModelJson(resharded);
  ASSERT_TRUE(original.ok() && written.ok());
  ASSERT_EQ(written->user_defined_metadata.has_value(),
            original->user_defined_metadata.has_value());
  if (original->user_defined_metadata.has_value()) {
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        *written->user_defined_metadata, *original->user_defined_metadata));
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(flags.output_path)) {
    if (entry.path().extension() == ".bin") EXPECT_LE(entry.file_size(), 1u << 20);
  }
}

struct GraphSize {
  int nodes = 0;
  std::map<std::string, int> ops;
};

GraphSize SizeOf(const std::string& model_json) {
  absl::StatusOr<io::ModelJson> model = io::LoadModelJson(model_json);
  EXPECT_TRUE(model.ok()) << model.status();
  GraphSize size;
  if (!model.ok() || !model->graph.has_value()) return size;
  for (const tensorflow::NodeDef& node : model->graph->node()) {
    ++size.nodes;
    ++size.ops[node.op()];
  }
  return size;
}

// The official converter's model.json, re-frozen to a GraphDef and converted again by ours, is
// no larger: no more nodes and no more distinct ops. (With graph optimization passes this is
// meant to become strictly smaller on some models; without them the graphs stay as they were.)
TEST_P(HumanModelTest, OurConversionIsNoLargerThanTheOfficialOne) {
  const std::string ours = RoundTripThroughFrozenGraph(GetParam(), dir_);
  const GraphSize theirs_size = SizeOf(GetParam());
  const GraphSize ours_size = SizeOf(ours);
  std::cout << "graph size | " << fs::path(GetParam()).stem().string() << " | nodes "
            << theirs_size.nodes << " -> " << ours_size.nodes << " | op types "
            << theirs_size.ops.size() << " -> " << ours_size.ops.size() << "\n";
  EXPECT_LE(ours_size.nodes, theirs_size.nodes);
  EXPECT_LE(ours_size.ops.size(), theirs_size.ops.size());
}

INSTANTIATE_TEST_SUITE_P(Human, HumanModelTest, ::testing::ValuesIn(HumanModels()), ParamName);

}  // namespace
}  // namespace tfjs::converter
