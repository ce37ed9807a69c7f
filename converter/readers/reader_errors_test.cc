// Bad inputs to the readers: every error is one line naming the file and the problem.
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/frozen_graph_reader.h"
#include "converter/readers/proto_file.h"
#include "converter/readers/saved_model_reader.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "proto/saved_model.pb.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

constexpr char kTf1Model[] = "tfserving__saved_model_half_plus_two_cpu_00000123";
constexpr char kTf2Model[] = "tfjs__model_multi_output";
constexpr char kFrozenCase[] = "nn/dl4j__bias_add";

std::string TempDir(const std::string& name) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  fs::path dir = fs::path(tmp != nullptr ? tmp : "/tmp") / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::string SavedModelDir(const std::string& id) {
  return testing::CorpusRoot() + "/saved_model/" + id + "/saved_model";
}

// A writable copy of a corpus SavedModel.
std::string CopySavedModel(const std::string& id, const std::string& name) {
  const std::string dir = TempDir(name);
  fs::copy(SavedModelDir(id), dir, fs::copy_options::recursive);
  return dir;
}

void ExpectError(const absl::Status& status, absl::StatusCode code,
                 const std::vector<std::string>& fragments) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_FALSE(absl::StrContains(status.message(), "\n")) << status;
  for (const std::string& fragment : fragments) {
    EXPECT_TRUE(absl::StrContains(status.message(), fragment)) << status << " lacks " << fragment;
  }
}

TEST(FrozenGraphReaderErrorsTest, EmptyTruncatedAndGarbageFiles) {
  const std::string dir = TempDir("frozen_errors");
  const std::string empty = dir + "/empty.pb";
  WriteFile(empty, "");
  ExpectError(ReadGraphDefFile(empty).status(), absl::StatusCode::kInvalidArgument,
              {empty, "empty"});

  absl::StatusOr<std::string> good =
      ReadFileToString(testing::CorpusRoot() + "/" + kFrozenCase + "/frozen_model.pb");
  ASSERT_TRUE(good.ok()) << good.status();
  const std::string truncated = dir + "/truncated.pb";
  WriteFile(truncated, good->substr(0, good->size() / 2 + 1));
  ExpectError(ReadGraphDefFile(truncated).status(), absl::StatusCode::kDataLoss,
              {truncated, "corrupt or truncated"});

  const std::string bad_text = dir + "/bad.pbtxt";
  WriteFile(bad_text, "node {\n  name: \"x\"\n  op: \"Const\"\n  colour: 3\n}\n");
  ExpectError(ReadGraphDefFile(bad_text).status(), absl::StatusCode::kInvalidArgument,
              {bad_text, "line 4", "colour"});

  ExpectError(ReadGraphDefFile(dir + "/absent.pb").status(), absl::StatusCode::kNotFound,
              {dir + "/absent.pb"});
}

TEST(FrozenGraphReaderErrorsTest, ProtobufsOwnComplaintIsPartOfTheOneLine) {
  const std::string dir = TempDir("frozen_protobuf_log");
  // GraphDef { node { name: "\xff" } }: a string field that is not UTF-8.
  const std::string bad_name = dir + "/bad_name.pb";
  WriteFile(bad_name, std::string("\x0a\x03\x0a\x01\xff", 5));
  ::testing::internal::CaptureStderr();
  const absl::Status status = ReadGraphDefFile(bad_name).status();
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(status, absl::DataLossError(
                        bad_name +
                        ": corrupt or truncated tensorflow.GraphDef at byte offset 2: node #0 (3 "
                        "bytes) is not a valid NodeDef: String field 'tensorflow.NodeDef.name' "
                        "contains invalid UTF-8 data when parsing a protocol buffer. Use the "
                        "'bytes' type if you intend to send raw bytes."));
}

TEST(FrozenGraphReaderErrorsTest, ADirectoryIsNotAGraph) {
  const std::string dir = TempDir("frozen_directory");
  EXPECT_EQ(ReadGraphDefFile(dir).status(),
            absl::InvalidArgumentError(dir + ": is a directory, expected a file"));
}

TEST(FrozenGraphReaderErrorsTest, TextChosenByContentNotName) {
  const std::string dir = TempDir("frozen_text");
  const std::string path = dir + "/graph.pb";  // text despite the name
  WriteFile(path, "# a comment\nnode { name: \"x\" op: \"Placeholder\" }\n"
                  "node { name: \"y\" op: \"Neg\" input: \"x\" }\n");
  absl::StatusOr<FrozenModel> model = ReadFrozenModel(path, {"y"});
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->graph.node_size(), 2);
  EXPECT_EQ(model->signature.outputs().at("y").name(), "y");
}

TEST(FrozenGraphReaderErrorsTest, BrokenGraphs) {
  const std::string dir = TempDir("frozen_broken");
  const std::string missing_input = dir + "/missing_input.pbtxt";
  WriteFile(missing_input, "node { name: \"y\" op: \"Neg\" input: \"ghost\" }\n");
  ExpectError(ReadFrozenModel(missing_input, {"y"}).status(), absl::StatusCode::kNotFound,
              {missing_input, "'y'", "ghost"});

  const std::string cycle = dir + "/cycle.pbtxt";
  WriteFile(cycle, "node { name: \"a\" op: \"Neg\" input: \"b\" }\n"
                   "node { name: \"b\" op: \"Neg\" input: \"a\" }\n");
  ExpectError(ReadFrozenModel(cycle, {"a"}).status(), absl::StatusCode::kInvalidArgument,
              {cycle, "cycle"});

  const std::string good = testing::CorpusRoot() + "/" + kFrozenCase + "/frozen_model.pb";
  ExpectError(ReadFrozenModel(good, {"no_such_node"}).status(), absl::StatusCode::kNotFound,
              {good, "no_such_node"});
  // No names: the graph's sink tensors; a graph without any is an error naming the file.
  absl::StatusOr<FrozenModel> sinks = ReadFrozenModel(good, {});
  ASSERT_TRUE(sinks.ok()) << sinks.status();
  EXPECT_EQ(sinks->output_nodes, std::vector<std::string>{"output"});
  const std::string no_sinks = dir + "/no_sinks.pbtxt";
  WriteFile(no_sinks, "node { name: \"x\" op: \"Placeholder\" }\n");
  ExpectError(ReadFrozenModel(no_sinks, {}).status(), absl::StatusCode::kInvalidArgument,
              {no_sinks, "--output_node_names"});
}

TEST(SavedModelReaderErrorsTest, UnknownTagsAndSignatureListWhatExists) {
  const std::string dir = SavedModelDir(kTf1Model);
  SavedModelReadOptions options;
  options.tags = "serve,tpu";
  ExpectError(ReadSavedModel(dir, options).status(), absl::StatusCode::kNotFound,
              {dir + "/saved_model.pb", "[serve,tpu]", "available tag sets: [serve]"});

  options = SavedModelReadOptions();
  options.signature_name = "nope";
  ExpectError(ReadSavedModel(dir, options).status(), absl::StatusCode::kNotFound,
              {"'nope'", "serving_default"});
}

TEST(SavedModelReaderErrorsTest, TagOrderDoesNotMatter) {
  // The TF1 half_plus_two has a single tag; a duplicated, spaced list names the same set.
  SavedModelReadOptions options;
  options.tags = " serve , serve";
  EXPECT_TRUE(ReadSavedModel(SavedModelDir(kTf1Model), options).ok());
}

TEST(SavedModelReaderErrorsTest, MissingFilesAndDirectories) {
  const std::string absent = TempDir("sm_absent") + "/nothing_here";
  ExpectError(ReadSavedModel(absent, {}).status(), absl::StatusCode::kNotFound, {absent});

  const std::string empty = TempDir("sm_empty_dir");
  ExpectError(ReadSavedModel(empty, {}).status(), absl::StatusCode::kNotFound,
              {empty, "saved_model.pb"});

  const std::string no_variables = CopySavedModel(kTf2Model, "sm_no_variables");
  fs::remove_all(no_variables + "/variables");
  ExpectError(ReadSavedModel(no_variables, {}).status(), absl::StatusCode::kNotFound,
              {no_variables + "/variables", "missing variables directory"});

  const std::string truncated = CopySavedModel(kTf1Model, "sm_truncated");
  absl::StatusOr<std::string> content = ReadFileToString(truncated + "/saved_model.pb");
  ASSERT_TRUE(content.ok());
  WriteFile(truncated + "/saved_model.pb", content->substr(0, content->size() - 7));
  ExpectError(ReadSavedModel(truncated, {}).status(), absl::StatusCode::kDataLoss,
              {truncated + "/saved_model.pb", "corrupt or truncated"});
}

TEST(SavedModelReaderErrorsTest, MissingCheckpointKeyNamesVariableAndKey) {
  const std::string dir = CopySavedModel(kTf1Model, "sm_missing_key");
  tensorflow::SavedModel saved_model;
  ASSERT_TRUE(ReadProtoFile(dir + "/saved_model.pb", &saved_model).ok());
  int renamed = 0;
  for (auto& meta_graph : *saved_model.mutable_meta_graphs()) {
    for (auto& node : *meta_graph.mutable_graph_def()->mutable_node()) {
      if (node.op() != "Const" || !absl::StrContains(node.name(), "tensor_names")) continue;
      auto* names = (*node.mutable_attr())["value"].mutable_tensor()->mutable_string_val();
      for (std::string& name : *names) {
        name += "_renamed";
        ++renamed;
      }
    }
  }
  ASSERT_GT(renamed, 0);
  WriteFile(dir + "/saved_model.pb", saved_model.SerializeAsString());
  ExpectError(ReadSavedModel(dir, {}).status(), absl::StatusCode::kNotFound,
              {"variable '", "_renamed'", dir + "/variables/variables"});
}

TEST(SavedModelReaderErrorsTest, SessionBundleIsRejected) {
  const std::string dir = TempDir("session_bundle");
  WriteFile(dir + "/export.meta", "x");
  WriteFile(dir + "/export-00000-of-00001", "x");
  ExpectError(CheckNotSessionBundle(dir), absl::StatusCode::kFailedPrecondition,
              {dir, "session bundle is deprecated, migrate to SavedModel"});
  ExpectError(ReadSavedModel(dir, {}).status(), absl::StatusCode::kFailedPrecondition,
              {"session bundle"});

  const std::string shards_only = TempDir("session_bundle_shards");
  WriteFile(shards_only + "/export-00000-of-00002", "x");
  EXPECT_EQ(CheckNotSessionBundle(shards_only).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckNotSessionBundle(SavedModelDir(kTf1Model)).ok());
}

TEST(SavedModelReaderTest, TextSavedModelReadsLikeBinary) {
  const std::string dir = CopySavedModel(kTf2Model, "sm_text");
  tensorflow::SavedModel saved_model;
  ASSERT_TRUE(ReadProtoFile(dir + "/saved_model.pb", &saved_model).ok());
  std::string text;
  ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(saved_model, &text));
  fs::remove(dir + "/saved_model.pb");
  WriteFile(dir + "/saved_model.pbtxt", text);

  absl::StatusOr<FrozenModel> from_text = ReadSavedModel(dir, {});
  absl::StatusOr<FrozenModel> from_binary = ReadSavedModel(SavedModelDir(kTf2Model), {});
  ASSERT_TRUE(from_text.ok()) << from_text.status();
  ASSERT_TRUE(from_binary.ok()) << from_binary.status();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(from_text->graph,
                                                                 from_binary->graph));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(from_text->signature,
                                                                 from_binary->signature));
}

TEST(SavedModelReaderTest, OutputNodeNamesOverrideTheSignature) {
  SavedModelReadOptions options;
  options.output_node_names = {"y"};
  absl::StatusOr<FrozenModel> model = ReadSavedModel(SavedModelDir(kTf1Model), options);
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_EQ(model->signature.outputs_size(), 1);
  EXPECT_EQ(model->signature.outputs().at("y").name(), "y:0");
  EXPECT_EQ(model->signature.inputs().at("x").name(), "x:0");
}

}  // namespace
}  // namespace tfjs::converter
