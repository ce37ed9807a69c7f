// Reads the real TF checkpoints of the corpus SavedModels.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "converter/readers/checkpoint/checkpoint_reader.h"
#include "gtest/gtest.h"
#include "proto/trackable_object_graph.pb.h"
#include "testdata/tools/bundle_writer.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

std::string CorpusDir() {
  const char* runfiles = std::getenv("TEST_SRCDIR");
  EXPECT_NE(runfiles, nullptr);
  return std::string(runfiles ? runfiles : ".") + "/corpus/saved_model/";
}

std::string VariablesPrefix(const std::string& case_id) {
  return CorpusDir() + case_id + "/saved_model/variables/variables";
}

using ::tfjs::test_files::ReadFile;

float ReadScalarFloat(const CheckpointReader& reader, const std::string& key) {
  absl::StatusOr<tensorflow::TensorProto> tensor = reader.Read(key);
  EXPECT_TRUE(tensor.ok()) << tensor.status();
  if (!tensor.ok()) return 0;
  EXPECT_EQ(tensor->dtype(), tensorflow::DT_FLOAT);
  EXPECT_EQ(tensor->tensor_content().size(), sizeof(float));
  float value = 0;
  std::memcpy(&value, tensor->tensor_content().data(), sizeof(float));
  return value;
}

TEST(CheckpointReaderCorpusTest, HalfPlusTwoTf1WithSnappyIndex) {
  // This index was written by an old TF whose data block is snappy-compressed.
  absl::StatusOr<std::unique_ptr<CheckpointReader>> reader =
      CheckpointReader::Open(VariablesPrefix("tfserving__saved_model_half_plus_two_cpu_00000123"));
  ASSERT_TRUE(reader.ok()) << reader.status();
  const std::vector<std::string> keys = (*reader)->Keys();
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "a2", "b", "c", "c2"}));
  EXPECT_EQ(ReadScalarFloat(**reader, "a"), 0.5f);
  EXPECT_EQ(ReadScalarFloat(**reader, "b"), 2.0f);
  EXPECT_EQ(ReadScalarFloat(**reader, "c"), 3.0f);
  EXPECT_EQ(ReadScalarFloat(**reader, "c2"), 3.0f);
}

TEST(CheckpointReaderCorpusTest, HalfPlusTwoUncompressedIndex) {
  absl::StatusOr<std::unique_ptr<CheckpointReader>> reader =
      CheckpointReader::Open(VariablesPrefix("tfserving__saved_model_half_plus_two_gpu_00000123"));
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_TRUE((*reader)->Contains("a"));
  EXPECT_EQ(ReadScalarFloat(**reader, "a"), 0.5f);
  EXPECT_EQ(ReadScalarFloat(**reader, "b"), 2.0f);
}

TEST(CheckpointReaderCorpusTest, Tf2ObjectGraphCheckpoint) {
  absl::StatusOr<std::unique_ptr<CheckpointReader>> reader =
      CheckpointReader::Open(VariablesPrefix("tfjs__times_three_float"));
  ASSERT_TRUE(reader.ok()) << reader.status();
  const std::vector<std::string> keys = (*reader)->Keys();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0], "_CHECKPOINTABLE_OBJECT_GRAPH");
  EXPECT_EQ(keys[1], "v/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(ReadScalarFloat(**reader, "v/.ATTRIBUTES/VARIABLE_VALUE"), 3.0f);

  absl::StatusOr<tensorflow::TensorProto> graph = (*reader)->Read("_CHECKPOINTABLE_OBJECT_GRAPH");
  ASSERT_TRUE(graph.ok()) << graph.status();
  EXPECT_EQ(graph->dtype(), tensorflow::DT_STRING);
  ASSERT_EQ(graph->string_val_size(), 1);
  tensorflow::TrackableObjectGraph object_graph;
  ASSERT_TRUE(object_graph.ParseFromString(graph->string_val(0)));
  bool found_variable = false;
  for (const auto& node : object_graph.nodes()) {
    for (const auto& attribute : node.attributes()) {
      if (attribute.checkpoint_key() == "v/.ATTRIBUTES/VARIABLE_VALUE") found_variable = true;
    }
  }
  EXPECT_TRUE(found_variable);
}

TEST(CheckpointReaderCorpusTest, EveryCorpusCheckpointReadsCompletely) {
  const std::vector<std::string> cases = {
      "tfjs__int64_multiply",
      "tfjs__model_multi_output",
      "tfjs__model_single_input_multi_output",
      "tfjs__module_with_multiple_signatures",
      "tfjs__module_with_multiple_signatures__timestwo",
      "tfjs__times_three_float",
      "tfjs__times_two_int",
      "tfjs__uint8_multiply",
      "tfserving__saved_model_counter",
      "tfserving__saved_model_half_plus_three",
      "tfserving__saved_model_half_plus_two_2_versions_00000123",
      "tfserving__saved_model_half_plus_two_2_versions_00000124",
      "tfserving__saved_model_half_plus_two_cpu_00000123",
      "tfserving__saved_model_half_plus_two_cpu_with_empty_saved_model_config_00000123",
      "tfserving__saved_model_half_plus_two_cpu_with_saved_model_config_00000123",
      "tfserving__saved_model_half_plus_two_gpu_00000123",
      "tfserving__saved_model_half_plus_two_gpu_trt_00000123",
      "tfserving__saved_model_half_plus_two_mkl_00000123",
      "tfserving__saved_model_half_plus_two_mlmd_00000123",
      "tfserving__saved_model_half_plus_two_tf2_cpu",
  };
  for (const std::string& case_id : cases) {
    SCOPED_TRACE(case_id);
    absl::StatusOr<std::unique_ptr<CheckpointReader>> reader =
        CheckpointReader::Open(VariablesPrefix(case_id));
    ASSERT_TRUE(reader.ok()) << reader.status();
    const std::vector<std::string> keys = (*reader)->Keys();
    EXPECT_FALSE(keys.empty());
    for (const std::string& key : keys) {
      absl::StatusOr<tensorflow::TensorProto> tensor = (*reader)->Read(key);
      ASSERT_TRUE(tensor.ok()) << key << ": " << tensor.status();
      if (key == "_CHECKPOINTABLE_OBJECT_GRAPH") {
        ASSERT_EQ(tensor->string_val_size(), 1);
        tensorflow::TrackableObjectGraph object_graph;
        EXPECT_TRUE(object_graph.ParseFromString(tensor->string_val(0)));
        EXPECT_GT(object_graph.nodes_size(), 0);
      }
    }
  }
}

// Writes every tensor of a TF-written checkpoint again with BundleWriter, in TF's data order,
// and expects the very same bytes.
TEST(CheckpointReaderCorpusTest, BundleWriterReproducesTfBytes) {
  const std::vector<std::string> cases = {
      "tfjs__int64_multiply",
      "tfjs__model_multi_output",
      "tfjs__times_three_float",
      "tfjs__times_two_int",
      "tfjs__uint8_multiply",
      "tfserving__saved_model_counter",
      "tfserving__saved_model_half_plus_three",
  };
  for (const std::string& case_id : cases) {
    SCOPED_TRACE(case_id);
    const std::string prefix = VariablesPrefix(case_id);
    absl::StatusOr<std::unique_ptr<CheckpointReader>> reader = CheckpointReader::Open(prefix);
    ASSERT_TRUE(reader.ok()) << reader.status();
    std::vector<std::pair<tensorflow::BundleEntryProto, std::string>> by_offset;
    for (const std::string& key : (*reader)->Keys())
      by_offset.push_back({*(*reader)->Entry(key), key});
    std::sort(by_offset.begin(), by_offset.end(), [](const auto& x, const auto& y) {
      return std::make_pair(x.first.shard_id(), x.first.offset()) <
             std::make_pair(y.first.shard_id(), y.first.offset());
    });
    const std::string copy = std::string(std::getenv("TEST_TMPDIR")) + "/" + case_id;
    testdata::BundleWriter writer(copy);
    for (const auto& [entry, key] : by_offset) {
      absl::StatusOr<tensorflow::TensorProto> tensor = (*reader)->Read(key);
      ASSERT_TRUE(tensor.ok()) << tensor.status();
      ASSERT_TRUE(writer.Add(key, *tensor, entry.shard_id()).ok());
    }
    ASSERT_TRUE(writer.Finish().ok());
    EXPECT_EQ(ReadFile(copy + ".data-00000-of-00001"), ReadFile(prefix + ".data-00000-of-00001"));
    EXPECT_EQ(ReadFile(copy + ".index"), ReadFile(prefix + ".index"));
  }
}

}  // namespace
}  // namespace tfjs::converter
