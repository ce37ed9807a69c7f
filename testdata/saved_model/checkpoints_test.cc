// Reads back the checkpoints built from testdata/saved_model/*/variables.pbtxt with the
// converter's CheckpointReader: every key, dtype, shape and value must survive, and TF2
// checkpoints must carry an object graph naming their keys.
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/readers/checkpoint/checkpoint_reader.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "proto/graph.pb.h"
#include "proto/tensor.pb.h"
#include "proto/trackable_object_graph.pb.h"

namespace tfjs::testdata {
namespace {

constexpr char kCaseDir[] = "testdata/saved_model/";
constexpr char kObjectGraphKey[] = "_CHECKPOINTABLE_OBJECT_GRAPH";

struct CheckpointCase {
  std::string name;
  bool has_object_graph;
};

tensorflow::GraphDef ReadTensorsText(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::stringstream text;
  text << in.rdbuf();
  tensorflow::GraphDef tensors;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text.str(), &tensors)) << path;
  return tensors;
}

template <typename T, typename Values>
std::string PackedBytes(const Values& values) {
  std::string bytes;
  for (const auto& value : values) {
    T typed = static_cast<T>(value);
    bytes.append(reinterpret_cast<const char*>(&typed), sizeof(T));
  }
  return bytes;
}

// The little-endian bytes of a text tensor's typed values (the dtypes these models use).
std::string ExpectedBytes(const tensorflow::TensorProto& tensor) {
  switch (tensor.dtype()) {
    case tensorflow::DT_FLOAT:
      return PackedBytes<float>(tensor.float_val());
    case tensorflow::DT_INT32:
      return PackedBytes<int32_t>(tensor.int_val());
    case tensorflow::DT_BOOL:
      return PackedBytes<uint8_t>(tensor.bool_val());
    default:
      ADD_FAILURE() << "unexpected dtype " << tensor.dtype();
      return "";
  }
}

class CheckpointsTest : public testing::TestWithParam<CheckpointCase> {};

TEST_P(CheckpointsTest, EveryTensorReadsBackUnchanged) {
  const std::string dir = absl::StrCat(kCaseDir, GetParam().name);
  auto reader = converter::CheckpointReader::Open(dir + "/saved_model/variables/variables");
  ASSERT_TRUE(reader.ok()) << reader.status();
  const tensorflow::GraphDef tensors = ReadTensorsText(dir + "/variables.pbtxt");
  ASSERT_GT(tensors.node_size(), 0);

  for (const tensorflow::NodeDef& node : tensors.node()) {
    SCOPED_TRACE(node.name());
    const tensorflow::TensorProto& want = node.attr().at("value").tensor();
    auto got = (*reader)->Read(node.name());
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(got->dtype(), want.dtype());
    EXPECT_EQ(got->tensor_shape().SerializeAsString(), want.tensor_shape().SerializeAsString());
    EXPECT_EQ(got->tensor_content(), ExpectedBytes(want));
  }
  const size_t extra = GetParam().has_object_graph ? 1 : 0;
  EXPECT_EQ((*reader)->Keys().size(), tensors.node_size() + extra);
}

TEST_P(CheckpointsTest, ObjectGraphNamesEveryVariableKey) {
  const std::string dir = absl::StrCat(kCaseDir, GetParam().name);
  auto reader = converter::CheckpointReader::Open(dir + "/saved_model/variables/variables");
  ASSERT_TRUE(reader.ok()) << reader.status();
  if (!GetParam().has_object_graph) {
    EXPECT_FALSE((*reader)->Contains(kObjectGraphKey));
    return;
  }
  auto serialized = (*reader)->Read(kObjectGraphKey);
  ASSERT_TRUE(serialized.ok()) << serialized.status();
  ASSERT_EQ(serialized->string_val_size(), 1);
  tensorflow::TrackableObjectGraph graph;
  ASSERT_TRUE(graph.ParseFromString(serialized->string_val(0)));
  int keys = 0;
  for (const auto& object : graph.nodes()) {
    for (const auto& attribute : object.attributes()) {
      EXPECT_TRUE((*reader)->Contains(attribute.checkpoint_key())) << attribute.checkpoint_key();
      ++keys;
    }
  }
  EXPECT_EQ(keys + 1, static_cast<int>((*reader)->Keys().size()));
}

INSTANTIATE_TEST_SUITE_P(Cases, CheckpointsTest,
                         testing::Values(CheckpointCase{"tf1_variables", false},
                                         CheckpointCase{"tf2_module", true},
                                         CheckpointCase{"tf2_module__count_up", true}),
                         [](const testing::TestParamInfo<CheckpointCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace tfjs::testdata
