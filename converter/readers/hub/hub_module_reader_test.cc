#include "converter/readers/hub/hub_module_reader.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/readers/hub/sha1.h"
#include "converter/readers/hub/tf1_module_testing.h"
#include "gtest/gtest.h"
#include "io/loopback_http_server.h"
#include "runtime/graph_model.h"
#include "testdata/tools/bundle_writer.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;
using io::testing::LoopbackHttpServer;
using io::testing::RecordedRequest;

std::string Testdata(const std::string& path) {
  return absl::StrCat(std::getenv("TEST_SRCDIR"), "/tfjs_native/testdata/", path);
}

using ::tfjs::test_files::ReadFile;

// The FrozenModel run natively on x = [[1, 2]].
// Runs the model read (its by-reference weights read first) on the inputs 1 and 2.
std::vector<float> RunOnOneTwo(FrozenModel model) {
  absl::Status status = MaterializeAllConsts(&model);
  EXPECT_TRUE(status.ok()) << status;
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> graph =
      runtime::GraphModel::FromGraphDef(model.graph, {}, model.signature, {});
  EXPECT_TRUE(graph.ok()) << graph.status();
  if (!graph.ok()) return {};
  absl::StatusOr<std::vector<float>> values = testing::RunOnOneTwo(**graph);
  EXPECT_TRUE(values.ok()) << values.status();
  return values.ok() ? *values : std::vector<float>();
}

class HubModuleReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(std::getenv("TEST_TMPDIR")) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
    fs::create_directories(root_ / "tmp");
    setenv("TMPDIR", (root_ / "tmp").c_str(), 1);
    options_.cache.cache_dir = (root_ / "cache").string();
    options_.cache.progress = [this](std::string text) { progress_.push_back(std::move(text)); };
  }

  fs::path root_;
  HubModuleReadOptions options_;
  std::vector<std::string> progress_;
};

// x @ [[0.5, -1], [2, 0.25]] + [1, -2] on [[1, 2]]: the inference variant (empty tag set).
constexpr float kDefaultOutput[] = {5.5f, -2.5f};

TEST_F(HubModuleReaderTest, Tf1ModuleDirectoryUsesTheEmptyTagSetAndRestoresVariablesByName) {
  absl::StatusOr<FrozenModel> model = ReadTfHubModule(Testdata("hub/tf1_module/module"), options_);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->tensorflow_version, "1.15.5");
  ASSERT_EQ(model->signature.outputs().count("default"), 1u);
  EXPECT_EQ(model->signature.outputs().at("default").name(), "y:0");
  for (const tensorflow::NodeDef& node : model->graph.node()) {
    EXPECT_NE(node.op(), "VarHandleOp") << node.name();
    EXPECT_NE(node.op(), "VariableV2") << node.name();
    EXPECT_NE(node.op(), "AssignVariableOp") << node.name();
  }
  EXPECT_EQ(RunOnOneTwo(*model),
            std::vector<float>(std::begin(kDefaultOutput), std::end(kDefaultOutput)));
  // --saved_model_tags does not apply to TF1 Hub modules: the "train" variant is never read.
  options_.saved_model_tags = "train";
  options_.signature_name = "scaled";
  model = ReadTfHubModule(Testdata("hub/tf1_module/module"), options_);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(RunOnOneTwo(*model), (std::vector<float>{11.0f, -5.0f}));
}

TEST_F(HubModuleReaderTest, UnknownSignatureListsTheModulesSignatures) {
  options_.signature_name = "tokens";
  absl::StatusOr<FrozenModel> model = ReadTfHubModule(Testdata("hub/tf1_module/module"), options_);
  ASSERT_EQ(model.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(model.status().message().find("available signatures: default, scaled"),
            std::string::npos)
      << model.status();
}

TEST_F(HubModuleReaderTest, LocalTarGzIsUnpackedIntoATemporaryDirectoryRemovedAfterwards) {
  absl::StatusOr<FrozenModel> model = ReadTfHubModule(Testdata("hub/tf1_module.tar.gz"), options_);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(RunOnOneTwo(*model),
            std::vector<float>(std::begin(kDefaultOutput), std::end(kDefaultOutput)));
  EXPECT_TRUE(fs::is_empty(root_ / "tmp"));
  EXPECT_FALSE(fs::exists(root_ / "cache"));
}

TEST_F(HubModuleReaderTest, Tf2SavedModelWithoutModuleDefIsReadWithTagsAndSignature) {
  const std::string dir = Testdata("saved_model/tf2_module/saved_model");
  absl::StatusOr<FrozenModel> model = ReadTfHubModule(dir, options_);
  ASSERT_EQ(model.status().code(), absl::StatusCode::kNotFound) << model.status();
  EXPECT_NE(model.status().message().find("no signature 'default'"), std::string::npos);
  EXPECT_NE(model.status().message().find("serving_default"), std::string::npos);
  options_.signature_name = "serving_default";
  model = ReadTfHubModule(dir, options_);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->tensorflow_version, "2.15.0");
}

TEST_F(HubModuleReaderTest, ModuleDefFormatAndRequiredFeaturesAreChecked) {
  const fs::path module = root_ / "module";
  fs::copy(Testdata("hub/tf1_module/module"), module, fs::copy_options::recursive);
  fs::permissions(module / "tfhub_module.pb", fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(module / "tfhub_module.pb", std::ios::trunc) << "format: FORMAT_UNSPECIFIED\n";
  absl::StatusOr<FrozenModel> model = ReadTfHubModule(module.string(), options_);
  EXPECT_EQ(model.status().code(), absl::StatusCode::kUnimplemented) << model.status();
  std::ofstream(module / "tfhub_module.pb", std::ios::trunc)
      << "format: FORMAT_V3 required_features: \"sparse_v9\"\n";
  model = ReadTfHubModule(module.string(), options_);
  EXPECT_EQ(model.status().code(), absl::StatusCode::kUnimplemented) << model.status();
  EXPECT_NE(model.status().message().find("sparse_v9"), std::string::npos);
  EXPECT_EQ(ReadTfHubModule((root_ / "nothing").string(), options_).status().code(),
            absl::StatusCode::kNotFound);
}

// hub.Module restores partitioned variables "<name>/part_<k>" from the slices the Saver stored
// under "<name>".
TEST_F(HubModuleReaderTest, PartitionedVariablesAreCutFromTheirSlices) {
  const fs::path module = root_ / "module";
  fs::create_directories(module / "variables");
  std::ofstream(module / "tfhub_module.pb") << "format: FORMAT_V3\n";
  std::ofstream(module / "saved_model.pbtxt") << R"pb(
    saved_model_schema_version: 1
    meta_graphs {
      graph_def {
        node { name: "emb/part_0" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "shape" value { shape { dim { size: 2 } dim { size: 2 } } } } }
        node { name: "emb/part_1" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "shape" value { shape { dim { size: 1 } dim { size: 2 } } } } }
        node { name: "axis" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
               attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } } }
        node { name: "table" op: "ConcatV2" input: "emb/part_0" input: "emb/part_1" input: "axis"
               attr { key: "N" value { i: 2 } } attr { key: "T" value { type: DT_FLOAT } }
               attr { key: "Tidx" value { type: DT_INT32 } } }
      }
      signature_def {
        key: "default"
        value { outputs { key: "default" value { name: "table:0" dtype: DT_FLOAT } } }
      }
    }
  )pb";
  testdata::BundleWriter writer((module / "variables/variables").string());
  tensorflow::TensorShapeProto shape;
  shape.add_dim()->set_size(3);
  shape.add_dim()->set_size(2);
  for (int part = 0; part < 2; ++part) {
    tensorflow::TensorSliceProto slice;
    slice.add_extent()->set_start(part == 0 ? 0 : 2);
    slice.mutable_extent(0)->set_length(part == 0 ? 2 : 1);
    slice.add_extent();
    tensorflow::TensorProto values;
    values.set_dtype(tensorflow::DT_FLOAT);
    values.mutable_tensor_shape()->add_dim()->set_size(part == 0 ? 2 : 1);
    values.mutable_tensor_shape()->add_dim()->set_size(2);
    for (float v : part == 0 ? std::vector<float>{1, 2, 3, 4} : std::vector<float>{5, 6}) {
      values.add_float_val(v);
    }
    ASSERT_TRUE(writer.AddSlice("emb", shape, slice, values).ok());
  }
  ASSERT_TRUE(writer.Finish().ok());

  absl::StatusOr<FrozenModel> model = ReadTfHubModule(module.string(), options_);
  ASSERT_TRUE(model.ok()) << model.status();
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> graph =
      runtime::GraphModel::FromGraphDef(model->graph, {}, model->signature, {});
  ASSERT_TRUE(graph.ok()) << graph.status();
  absl::StatusOr<std::vector<runtime::Tensor>> outputs = (*graph)->Execute({}, {});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ASSERT_EQ(outputs->size(), 1u);
  auto values = (*outputs)[0].values<float>();
  EXPECT_EQ(std::vector<float>(values.begin(), values.end()),
            (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(CompressedModuleUrlTest, AsksForTheArchiveUnlessTheUrlNamesOne) {
  EXPECT_EQ(CompressedModuleUrl("https://tfhub.dev/google/m/1"),
            "https://tfhub.dev/google/m/1?tf-hub-format=compressed");
  EXPECT_EQ(CompressedModuleUrl("https://h/m?v=2"), "https://h/m?v=2&tf-hub-format=compressed");
  EXPECT_EQ(CompressedModuleUrl("https://h/m.tar.gz"), "https://h/m.tar.gz");
  EXPECT_EQ(CompressedModuleUrl("https://h/m.TGZ?x=1"), "https://h/m.TGZ?x=1");
}

// An interrupted download resumes where it broke off; the module is then served from the cache
// without any request.
TEST_F(HubModuleReaderTest, UrlDownloadResumesThenHitsTheCache) {
  const std::string archive = ReadFile(Testdata("hub/tf1_module.tar.gz"));
  ASSERT_GT(archive.size(), 300u);
  LoopbackHttpServer server({{"/google/tf1/1", archive}});
  const std::string url = server.base_url() + "/google/tf1/1";

  server.BreakOffResponses(1, 200);
  absl::StatusOr<FrozenModel> model = ReadTfHubModule(url, options_);
  ASSERT_EQ(model.status().code(), absl::StatusCode::kUnavailable) << model.status();
  EXPECT_NE(model.status().message().find("resume"), std::string::npos) << model.status();
  const fs::path partial = root_ / "cache" / (Sha1Hex(url) + ".tar.gz.part");
  EXPECT_EQ(fs::file_size(partial), 200u);

  model = ReadTfHubModule(url, options_);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(RunOnOneTwo(*model),
            std::vector<float>(std::begin(kDefaultOutput), std::end(kDefaultOutput)));
  std::vector<RecordedRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].target, "/google/tf1/1?tf-hub-format=compressed");
  EXPECT_EQ(requests[1].target, "/google/tf1/1?tf-hub-format=compressed");
  EXPECT_EQ(server.HeaderValues("range"), (std::vector<std::string>{"", "bytes=200-"}));
  EXPECT_FALSE(fs::exists(partial));
  EXPECT_TRUE(fs::exists(root_ / "cache" / Sha1Hex(url) / "saved_model.pb"));
  ASSERT_FALSE(progress_.empty());
  // The archive is a few kB: 0.0 MB.
  EXPECT_EQ(progress_.back(),
            absl::StrCat("Downloading ", url, "?tf-hub-format=compressed: 0.0 MB of 0.0 MB (100%)"));

  model = ReadTfHubModule(url, options_);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST_F(HubModuleReaderTest, UrlErrorsNameTheModule) {
  LoopbackHttpServer server({{"/corrupt/1", std::string(2048, 'x')}});
  const std::string missing = server.base_url() + "/missing/1";
  absl::StatusOr<FrozenModel> model = ReadTfHubModule(missing, options_);
  EXPECT_EQ(model.status().code(), absl::StatusCode::kNotFound) << model.status();
  EXPECT_NE(model.status().message().find(missing), std::string::npos);
  // An archive that does not unpack is removed, so the next attempt downloads it again.
  const std::string corrupt = server.base_url() + "/corrupt/1";
  model = ReadTfHubModule(corrupt, options_);
  EXPECT_FALSE(model.ok());
  EXPECT_FALSE(fs::exists(root_ / "cache" / (Sha1Hex(corrupt) + ".tar.gz.part")));
  EXPECT_FALSE(fs::exists(root_ / "cache" / Sha1Hex(corrupt)));
}

}  // namespace
}  // namespace tfjs::converter
