// WriteGraphModel with weights held by reference (FrozenModel::external_weights): the files are
// the bytes the same model gives with every weight in memory.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "converter/frozen_model.h"
#include "converter/readers/checkpoint/crc32c.h"
#include "converter/writer/graph_model_writer.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

using ::tfjs::test_files::ReadFile;

template <typename T>
std::string Bytes(std::initializer_list<T> values) {
  std::string out;
  for (T value : values) out.append(reinterpret_cast<const char*>(&value), sizeof(T));
  return out;
}

// "k" (float32 [5]) and "d" (float64 [2], narrowed to float32) are held by reference, "a" is in
// memory, and function "f" has a Const "c" whose weight name "f/c" also names a (stale) reference
// that must not be used for it.
constexpr char kGraph[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "a"
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
          tensor_shape { dim { size: 2 } }
          float_val: 7
          float_val: 8
        }
      }
    }
  }
  node {
    name: "k"
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
          tensor_shape { dim { size: 5 } }
        }
      }
    }
  }
  node {
    name: "d"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_DOUBLE }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_DOUBLE
          tensor_shape { dim { size: 2 } }
        }
      }
    }
  }
  library {
    function {
      signature {
        name: "f"
        output_arg { name: "out" type: DT_INT32 }
      }
      node_def {
        name: "c"
        op: "Const"
        attr {
          key: "dtype"
          value { type: DT_INT32 }
        }
        attr {
          key: "value"
          value {
            tensor {
              dtype: DT_INT32
              tensor_shape { dim { size: 1 } }
              int_val: 42
            }
          }
        }
      }
      ret { key: "out" value: "c:output:0" }
    }
  }
)pb";

class GraphModelWriterExternalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(std::getenv("TEST_TMPDIR")) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
    fs::create_directories(root_);
    kernel_ = Bytes<float>({1.5f, -2, 3, 4, 5});
    doubles_ = Bytes<double>({0.25, -3.5});
    data_path_ = (root_ / "variables.data-00000-of-00001").string();
    std::ofstream(data_path_, std::ios::binary) << "13 junk bytes" << kernel_ << doubles_;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kGraph, &model_.graph));
    model_.external_weights["k"] = Source("dense/kernel", 13, kernel_);
    model_.external_weights["d"] = Source("dense/doubles", 13 + kernel_.size(), doubles_);
    model_.external_weights["f/c"] = Source("stale", 0, "13 j");
    options_.weight_shard_size_bytes = 7;  // Weights straddle shards.
    options_.log = nullptr;
  }

  WeightSource Source(const std::string& key, uint64_t offset, const std::string& bytes) {
    WeightSource source;
    source.path = data_path_;
    source.offset = offset;
    source.size = bytes.size();
    source.crc32c = crc32c::Value(bytes);
    source.dtype = key == "dense/doubles" ? tensorflow::DT_DOUBLE : tensorflow::DT_FLOAT;
    source.shape.add_dim()->set_size(key == "dense/doubles" ? 2 : 5);
    source.checkpoint_key = key;
    return source;
  }

  // Every file of a written model, by name.
  std::map<std::string, std::string> Files(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
      files[entry.path().filename()] = ReadFile(entry.path());
    }
    return files;
  }

  fs::path root_;
  std::string kernel_;
  std::string doubles_;
  std::string data_path_;
  FrozenModel model_;
  ModelWriterOptions options_;
};

TEST_F(GraphModelWriterExternalTest, ReferencedWeightsGiveTheBytesOfInMemoryWeights) {
  absl::Status status = WriteGraphModel(model_, (root_ / "by_reference").string(), options_);
  ASSERT_TRUE(status.ok()) << status;

  FrozenModel in_memory = model_;
  for (tensorflow::NodeDef& node : *in_memory.graph.mutable_node()) {
    status = MaterializeConst(&in_memory, &node);
    ASSERT_TRUE(status.ok()) << status;
  }
  EXPECT_EQ(in_memory.external_weights.size(), 1u);  // Only the stale "f/c" is left.
  status = WriteGraphModel(in_memory, (root_ / "in_memory").string(), options_);
  ASSERT_TRUE(status.ok()) << status;

  const std::map<std::string, std::string> by_reference = Files(root_ / "by_reference");
  EXPECT_EQ(by_reference, Files(root_ / "in_memory"));
  std::string weights;
  for (int i = 1; i <= 6; ++i) {
    weights += by_reference.at("group1-shard" + std::to_string(i) + "of6.bin");
  }
  EXPECT_EQ(weights,
            Bytes<float>({7, 8}) + kernel_ + Bytes<float>({0.25f, -3.5f}) + Bytes<int32_t>({42}));
  EXPECT_TRUE(absl::StrContains(by_reference.at("model.json"),
                                R"({"name": "d", "shape": [2], "dtype": "float32"})"));
}

TEST_F(GraphModelWriterExternalTest, CrcMismatchFailsNamingFileAndVariableAndLeavesNothing) {
  for (const char* name : {"k", "d"}) {
    SCOPED_TRACE(name);
    FrozenModel model = model_;
    model.external_weights[name].crc32c ^= 0x100;
    const fs::path out = root_ / "model";
    absl::Status status = WriteGraphModel(model, out.string(), options_);
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
    EXPECT_TRUE(absl::StrContains(status.message(), data_path_)) << status;
    EXPECT_TRUE(absl::StrContains(status.message(), model.external_weights[name].checkpoint_key))
        << status;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(Files(root_).size(), 1u);  // The data file only: no staging directory left.
  }
}

// A byte of "k" changed in the data file after it was indexed: its crc is checked (on the crc
// thread, over the three shard pieces it spans) and the conversion fails without output.
TEST_F(GraphModelWriterExternalTest, CorruptDataFileFailsNamingFileAndVariableAndLeavesNothing) {
  std::string data = ReadFile(data_path_);
  data[13 + 9] ^= 0x40;
  std::ofstream(data_path_, std::ios::binary | std::ios::trunc) << data;
  const fs::path out = root_ / "model";
  absl::Status status = WriteGraphModel(model_, out.string(), options_);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_TRUE(absl::StrContains(status.message(), data_path_)) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "'dense/kernel'")) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "crc32c mismatch")) << status;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(Files(root_).size(), 1u);  // The data file only: no staging directory left.
}

TEST_F(GraphModelWriterExternalTest, ReferenceToANodeThatHoldsDataIsAnError) {
  tensorflow::TensorProto* value =
      (*model_.graph.mutable_node(2)->mutable_attr())["value"].mutable_tensor();
  value->set_tensor_content(kernel_);
  absl::Status status = WriteGraphModel(model_, (root_ / "model").string(), options_);
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(absl::StrContains(status.message(), "'k'")) << status;
}

}  // namespace
}  // namespace tfjs::converter
