#include "converter/readers/tfjs_graph_model_reader.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_replace.h"
#include "converter/writer/graph_model_writer.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

// float64 and int64 Consts (which the writer narrows), a bool, a string, and a Placeholder.
FrozenModel WideModel() {
  FrozenModel model;
  google::protobuf::TextFormat::ParseFromString(R"pb(
                                                  node {
                                                    name: "x"
                                                    op: "Placeholder"
                                                    attr {
                                                      key: "dtype"
                                                      value { type: DT_DOUBLE }
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
                                                          double_val: 0.25
                                                          double_val: -3
                                                        }
                                                      }
                                                    }
                                                  }
                                                  node {
                                                    name: "i"
                                                    op: "Const"
                                                    attr {
                                                      key: "dtype"
                                                      value { type: DT_INT64 }
                                                    }
                                                    attr {
                                                      key: "value"
                                                      value {
                                                        tensor {
                                                          dtype: DT_INT64
                                                          tensor_shape {}
                                                          int64_val: -7
                                                        }
                                                      }
                                                    }
                                                  }
                                                  node {
                                                    name: "b"
                                                    op: "Const"
                                                    attr {
                                                      key: "dtype"
                                                      value { type: DT_BOOL }
                                                    }
                                                    attr {
                                                      key: "value"
                                                      value {
                                                        tensor {
                                                          dtype: DT_BOOL
                                                          tensor_shape {}
                                                          bool_val: true
                                                        }
                                                      }
                                                    }
                                                  }
                                                  node {
                                                    name: "s"
                                                    op: "Const"
                                                    attr {
                                                      key: "dtype"
                                                      value { type: DT_STRING }
                                                    }
                                                    attr {
                                                      key: "value"
                                                      value {
                                                        tensor {
                                                          dtype: DT_STRING
                                                          tensor_shape {}
                                                          string_val: "hi"
                                                        }
                                                      }
                                                    }
                                                  }
                                                  node {
                                                    name: "y"
                                                    op: "AddV2"
                                                    input: "x"
                                                    input: "d"
                                                    attr {
                                                      key: "T"
                                                      value { type: DT_DOUBLE }
                                                    }
                                                  }
                                                  node {
                                                    name: "z"
                                                    op: "Identity"
                                                    input: "i"
                                                    input: "^b"
                                                    input: "^s"
                                                    attr {
                                                      key: "T"
                                                      value { type: DT_INT64 }
                                                    }
                                                  }
                                                )pb",
                                                &model.graph);
  (*model.signature.mutable_inputs())["x"].set_name("x:0");
  (*model.signature.mutable_outputs())["y"].set_name("y:0");
  (*model.signature.mutable_outputs())["z"].set_name("z:0");
  return model;
}

class TfjsGraphModelReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(std::getenv("TEST_TMPDIR")) /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    ModelWriterOptions options;
    options.log = nullptr;
    options.user_metadata = {{"b", "{\"k\": [1, 2]}"}, {"a", "\"text\""}};
    ASSERT_TRUE(WriteGraphModel(WideModel(), dir_.string(), options).ok());
  }

  const tensorflow::NodeDef& Node(const FrozenModel& model, const std::string& name) {
    for (const tensorflow::NodeDef& node : model.graph.node()) {
      if (node.name() == name) return node;
    }
    static const tensorflow::NodeDef missing;
    ADD_FAILURE() << "no node " << name;
    return missing;
  }

  void EditModelJson(const std::string& from, const std::string& to) {
    std::ifstream in(dir_ / "model.json");
    std::stringstream json;
    json << in.rdbuf();
    ASSERT_NE(json.str().find(from), std::string::npos) << from;
    std::ofstream(dir_ / "model.json", std::ios::trunc)
        << absl::StrReplaceAll(json.str(), {{from, to}});
  }

  fs::path dir_;
};

TEST_F(TfjsGraphModelReaderTest, WidensNarrowedWeightsBackToTheDeclaredDtypes) {
  absl::StatusOr<FrozenModel> model = ReadTfjsGraphModel(dir_.string(), {});
  ASSERT_TRUE(model.ok()) << model.status();
  const tensorflow::TensorProto& d = Node(*model, "d").attr().at("value").tensor();
  EXPECT_EQ(d.dtype(), tensorflow::DT_DOUBLE);
  ASSERT_EQ(d.tensor_content().size(), 16u);
  double doubles[2];
  std::memcpy(doubles, d.tensor_content().data(), 16);
  EXPECT_EQ(doubles[0], 0.25);
  EXPECT_EQ(doubles[1], -3.0);
  const tensorflow::TensorProto& i = Node(*model, "i").attr().at("value").tensor();
  EXPECT_EQ(i.dtype(), tensorflow::DT_INT64);
  int64_t integer = 0;
  ASSERT_EQ(i.tensor_content().size(), 8u);
  std::memcpy(&integer, i.tensor_content().data(), 8);
  EXPECT_EQ(integer, -7);
  EXPECT_EQ(Node(*model, "b").attr().at("value").tensor().tensor_content(), std::string(1, '\1'));
  EXPECT_EQ(Node(*model, "s").attr().at("value").tensor().string_val(0), "hi");
  EXPECT_EQ(model->signature.outputs().size(), 2u);
  ASSERT_EQ(model->user_metadata.size(), 2u);
  EXPECT_EQ(model->user_metadata[0].first, "a");
  EXPECT_EQ(model->user_metadata[0].second, "\"text\"");
  EXPECT_EQ(model->user_metadata[1].first, "b");
  EXPECT_EQ(model->user_metadata[1].second, "{\"k\":[1,2]}");
}

TEST_F(TfjsGraphModelReaderTest, OutputNodeNamesPruneTheGraph) {
  absl::StatusOr<FrozenModel> model = ReadTfjsGraphModel((dir_ / "model.json").string(), {"y"});
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->signature.outputs().at("y").name(), "y:0");
  EXPECT_EQ(model->graph.node_size(), 3);  // x, d, y.
}

TEST_F(TfjsGraphModelReaderTest, WithoutASignatureInputsArePlaceholdersAndOutputsUnreadNodes) {
  EditModelJson("\"signature\": {", "\"unused\": {");
  absl::StatusOr<FrozenModel> model = ReadTfjsGraphModel(dir_.string(), {});
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_EQ(model->signature.inputs().count("x"), 1u);
  EXPECT_EQ(model->signature.inputs().at("x").dtype(), tensorflow::DT_DOUBLE);
  EXPECT_EQ(model->signature.outputs().size(), 2u);
  EXPECT_EQ(model->signature.outputs().at("z").name(), "z:0");
}

TEST_F(TfjsGraphModelReaderTest, WeightsAndConstsMustMatch) {
  EditModelJson("{\"name\": \"d\", \"shape\"", "{\"name\": \"q\", \"shape\"");
  absl::StatusOr<FrozenModel> model = ReadTfjsGraphModel(dir_.string(), {});
  EXPECT_EQ(model.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(model.status().message().find("weight 'q' matches no Const node"), std::string::npos)
      << model.status();
}

TEST_F(TfjsGraphModelReaderTest, ConstWithoutAWeightAndLayersModelsFail) {
  EditModelJson("\"node\": [",
                "\"node\": [{\"name\": \"extra\", \"op\": \"Const\", "
                "\"attr\": {\"dtype\": {\"type\": \"DT_FLOAT\"}}}, ");
  absl::StatusOr<FrozenModel> model = ReadTfjsGraphModel(dir_.string(), {});
  EXPECT_NE(model.status().message().find("Const node 'extra' has no weight"), std::string::npos)
      << model.status();
  std::ofstream(dir_ / "model.json", std::ios::trunc)
      << R"({"format": "layers-model", "modelTopology": {"class_name": "Sequential"},
             "weightsManifest": []})";
  model = ReadTfjsGraphModel(dir_.string(), {});
  EXPECT_EQ(model.status().code(), absl::StatusCode::kInvalidArgument) << model.status();
  EXPECT_NE(model.status().message().find("not a TF.js graph model"), std::string::npos);
}

}  // namespace
}  // namespace tfjs::converter
