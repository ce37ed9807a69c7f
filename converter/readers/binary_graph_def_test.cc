// ReadBinaryGraphDef: the graph protobuf parses, with large Const values held by reference, and a
// one-line error naming the file and the byte offset for every corrupt or truncated file.
#include "converter/readers/binary_graph_def.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "converter/readers/checkpoint/coding.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/proto_file.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using ::google::protobuf::util::MessageDifferencer;

std::string TempPath(const std::string& name) {
  return absl::StrCat(std::getenv("TEST_TMPDIR"), "/", name);
}

std::string WriteFile(const std::string& name, const std::string& content) {
  const std::string path = TempPath(name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

struct ReadResult {
  absl::Status status;
  tensorflow::GraphDef graph;
  absl::flat_hash_map<std::string, WeightSource> external_weights;
};

ReadResult Read(const std::string& path, uint64_t min_referenced_bytes) {
  ReadResult result;
  result.status =
      ReadBinaryGraphDef(path, min_referenced_bytes, &result.graph, &result.external_weights);
  return result;
}

// Reads every referenced value back into its Const, as MaterializeConst would.
void Materialize(ReadResult* result) {
  for (tensorflow::NodeDef& node : *result->graph.mutable_node()) {
    auto source = result->external_weights.find(node.name());
    if (source == result->external_weights.end()) continue;
    tensorflow::TensorProto* tensor = (*node.mutable_attr())["value"].mutable_tensor();
    ASSERT_TRUE(tensor->tensor_content().empty()) << node.name();
    ASSERT_TRUE(ReadWeightSource(source->second, tensor->mutable_tensor_content()).ok());
  }
}

std::vector<std::string> CorpusGraphFiles() {
  std::vector<std::string> files;
  for (const std::string category : {"nn", "conv_pool", "dtypes", "control_flow", "matmul"}) {
    for (const std::string& dir : testing::CaseDirs(category)) {
      const std::string path = dir + "/frozen_model.pb";
      if (std::ifstream(path).good()) files.push_back(path);
    }
  }
  return files;
}

// Every corpus graph reads as protobuf parses it. With the default threshold nothing there is
// large enough to be held by reference; with a threshold of 1 byte every node takes the path that
// strips tensor_content out of the file, and the values read back through the references make
// the same graph.
TEST(BinaryGraphDefTest, CorpusGraphsReadAsProtobufParsesThem) {
  const std::vector<std::string> files = CorpusGraphFiles();
  ASSERT_GT(files.size(), 100u);
  int referenced = 0;
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    absl::StatusOr<std::string> content = ReadFileToString(path);
    ASSERT_TRUE(content.ok());
    tensorflow::GraphDef expected;
    ASSERT_TRUE(expected.ParseFromString(*content));

    ReadResult whole = Read(path, kMinReferencedTensorBytes);
    ASSERT_TRUE(whole.status.ok()) << whole.status;
    EXPECT_TRUE(whole.external_weights.empty());
    EXPECT_TRUE(MessageDifferencer::Equals(whole.graph, expected));

    ReadResult stripped = Read(path, 1);
    ASSERT_TRUE(stripped.status.ok()) << stripped.status;
    for (const auto& [name, source] : stripped.external_weights) {
      EXPECT_EQ(source.path, path);
      EXPECT_FALSE(source.has_crc32c);
      EXPECT_EQ(source.checkpoint_key, name);
    }
    referenced += stripped.external_weights.size();
    Materialize(&stripped);
    EXPECT_TRUE(MessageDifferencer::Equals(stripped.graph, expected));
  }
  EXPECT_GT(referenced, 100);
}

// The corpus's SavedModels read as protobuf parses them, the same way.
TEST(BinaryGraphDefTest, CorpusSavedModelsReadAsProtobufParsesThem) {
  int models = 0;
  for (const std::string& dir : testing::CaseDirs("saved_model")) {
    const std::string path = dir + "/saved_model/saved_model.pb";
    if (!std::ifstream(path).good()) continue;
    SCOPED_TRACE(path);
    ++models;
    absl::StatusOr<std::string> content = ReadFileToString(path);
    ASSERT_TRUE(content.ok());
    tensorflow::SavedModel expected;
    ASSERT_TRUE(expected.ParseFromString(*content));
    for (uint64_t threshold : {kMinReferencedTensorBytes, uint64_t{1}}) {
      tensorflow::SavedModel saved_model;
      std::vector<absl::flat_hash_map<std::string, WeightSource>> weights;
      absl::Status status = ReadBinarySavedModel(path, threshold, &saved_model, &weights);
      ASSERT_TRUE(status.ok()) << status;
      ASSERT_EQ(weights.size(), static_cast<size_t>(saved_model.meta_graphs_size()));
      for (int i = 0; i < saved_model.meta_graphs_size(); ++i) {
        ReadResult graph;
        graph.graph = saved_model.meta_graphs(i).graph_def();
        graph.external_weights = weights[i];
        if (threshold == kMinReferencedTensorBytes) EXPECT_TRUE(weights[i].empty());
        Materialize(&graph);
        *saved_model.mutable_meta_graphs(i)->mutable_graph_def() = graph.graph;
      }
      EXPECT_TRUE(MessageDifferencer::Equals(saved_model, expected));
    }
  }
  EXPECT_GT(models, 10);
}

// Cut anywhere, a graph file (the smallest corpus graph of at least 1000 bytes) reads or fails
// exactly where protobuf would, never crashing.
TEST(BinaryGraphDefTest, EveryTruncationFailsWhereProtobufFails) {
  std::string content;
  for (const std::string& path : CorpusGraphFiles()) {
    absl::StatusOr<std::string> candidate = ReadFileToString(path);
    ASSERT_TRUE(candidate.ok());
    if (candidate->size() < 1000) continue;
    if (content.empty() || candidate->size() < content.size()) content = *std::move(candidate);
  }
  ASSERT_FALSE(content.empty());
  for (size_t size = 0; size < content.size(); ++size) {
    const std::string prefix = content.substr(0, size);
    const std::string path = WriteFile("truncated.pb", prefix);
    tensorflow::GraphDef expected;
    const bool parses = expected.ParseFromString(prefix);
    for (uint64_t threshold : {uint64_t{1}, kMinReferencedTensorBytes}) {
      SCOPED_TRACE(absl::StrCat(size, " bytes, threshold ", threshold));
      ReadResult result = Read(path, threshold);
      EXPECT_EQ(result.status.ok(), parses) << result.status;
      if (result.status.ok()) continue;
      EXPECT_EQ(result.status.code(), absl::StatusCode::kDataLoss);
      EXPECT_TRUE(absl::StartsWith(result.status.message(), path + ": corrupt or truncated"))
          << result.status;
      EXPECT_FALSE(absl::StrContains(result.status.message(), "\n")) << result.status;
    }
  }
}

std::string Varint(uint64_t value) {
  std::string out;
  coding::PutVarint64(&out, value);
  return out;
}

// Tag + length + payload of a length-delimited field.
std::string Field(uint32_t number, const std::string& payload) {
  return Varint((uint64_t{number} << 3) | 2) + Varint(payload.size()) + payload;
}

struct CorruptCase {
  std::string name;
  std::string content;
  uint64_t offset;
  std::string problem;
  // Nodes below it are parsed by protobuf whole; from it on, read field by field.
  uint64_t min_referenced_bytes = 1;
};

TEST(BinaryGraphDefTest, CorruptFilesNameTheOffsetAndTheProblem) {
  const std::string node = Field(1, "n") + Field(2, "Const");
  const std::vector<CorruptCase> cases = {
      {"truncated_tag", "\x80", 0, "varint truncated by the end of the file"},
      {"truncated_length", Field(1, node) + "\x0a\xff", Field(1, node).size() + 1,
       "varint truncated by the end of the file"},
      {"length_past_eof", Field(1, node) + "\x0a\x7f" + node, Field(1, node).size() + 2,
       "field 1 has length 127, past the end of the file"},
      {"overlong_varint", std::string(11, '\xff'), 0, "varint longer than 64 bits"},
      {"field_zero", std::string("\x00\x01", 2), 0, "invalid field tag 0"},
      {"bad_wire_type", "\x0f", 0, "field 1 has invalid wire type 7"},
      {"group", "\x0b", 0, "field 1 is a group"},
      {"fixed64_past_eof", "\x19\x01\x02", 1, "field 3 needs 8 bytes but the file has only 2"},
      {"not_a_node", Field(1, "\xff\xff"), 2, "node #0 (2 bytes) is not a valid NodeDef",
       kMinReferencedTensorBytes},
      {"node_field_truncated", Field(1, "\xff\xff"), 2, "varint truncated by the end"},
      // The node's attr entry claims more bytes than the node has (read field by field).
      {"attr_past_node", Field(1, Field(5, Field(1, "value")).substr(0, 3) + "\x7f" + node), 6,
       "field 1 has length 127, past the end of its message (5 bytes left)"},
      {"bad_versions", Field(4, "\xff"), 0, "GraphDef field 4 does not parse"},
  };
  for (const CorruptCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = WriteFile(c.name + ".pb", c.content);
    ReadResult result = Read(path, c.min_referenced_bytes);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kDataLoss) << result.status;
    EXPECT_TRUE(absl::StartsWith(
        result.status.message(),
        absl::StrCat(path, ": corrupt or truncated tensorflow.GraphDef at byte offset ", c.offset,
                     ": ", c.problem)))
        << result.status;
  }
}

TEST(BinaryGraphDefTest, MissingFileIsNotFound) {
  ReadResult result = Read(TempPath("no_such_graph.pb"), 1);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StrContains(result.status.message(), "no_such_graph.pb"));
}

// A Const of 4 float32 values and a 16-byte tensor_content elsewhere: only the Const's "value"
// of a matching size becomes a reference; the others are read into the graph.
TEST(BinaryGraphDefTest, OnlyWholeConstValuesBecomeReferences) {
  constexpr char kGraph[] = R"pb(
    node {
      name: "c"
      op: "Const"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 4 } }
            tensor_content: "0123456789abcdef"
          }
        }
      }
    }
    node {
      name: "wrong_size"
      op: "Const"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 3 } }
            tensor_content: "0123456789abcdef"
          }
        }
      }
    }
    node {
      name: "not_const"
      op: "Fill"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 4 } }
            tensor_content: "0123456789abcdef"
          }
        }
      }
    }
    node {
      name: "other_attr"
      op: "Const"
      attr {
        key: "other"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 4 } }
            tensor_content: "0123456789abcdef"
          }
        }
      }
    }
    versions { producer: 1234 }
  )pb";
  tensorflow::GraphDef graph;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kGraph, &graph));
  const std::string serialized = graph.SerializeAsString();
  const std::string path = WriteFile("kinds.pb", serialized);

  ReadResult result = Read(path, 16);
  ASSERT_TRUE(result.status.ok()) << result.status;
  ASSERT_EQ(result.external_weights.size(), 1u);
  const WeightSource& source = result.external_weights.at("c");
  EXPECT_EQ(serialized.substr(source.offset, source.size), "0123456789abcdef");
  EXPECT_EQ(source.dtype, tensorflow::DT_FLOAT);
  EXPECT_EQ(source.shape.dim(0).size(), 4);
  EXPECT_TRUE(result.graph.node(0).attr().at("value").tensor().tensor_content().empty());
  for (int i = 1; i < 4; ++i) {
    SCOPED_TRACE(result.graph.node(i).name());
    const auto& attrs = result.graph.node(i).attr();
    const auto& tensor = attrs.begin()->second.tensor();
    EXPECT_EQ(tensor.tensor_content(), "0123456789abcdef");
  }
  EXPECT_EQ(result.graph.versions().producer(), 1234);

  // Just under the threshold, nothing is held by reference.
  ReadResult small = Read(path, 17);
  ASSERT_TRUE(small.status.ok());
  EXPECT_TRUE(small.external_weights.empty());
  EXPECT_TRUE(MessageDifferencer::Equals(small.graph, graph));
}

}  // namespace
}  // namespace tfjs::converter
