#include "converter/writer/tf_model_writers.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "proto/saved_model.pb.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

FrozenModel NegModel() {
  FrozenModel model;
  google::protobuf::TextFormat::ParseFromString(R"pb(
                                                  node {
                                                    name: "x"
                                                    op: "Placeholder"
                                                    attr {
                                                      key: "dtype"
                                                      value { type: DT_FLOAT }
                                                    }
                                                    attr {
                                                      key: "shape"
                                                      value { shape { dim { size: 2 } } }
                                                    }
                                                  }
                                                  node {
                                                    name: "y"
                                                    op: "Neg"
                                                    input: "x"
                                                    attr {
                                                      key: "T"
                                                      value { type: DT_FLOAT }
                                                    }
                                                  }
                                                )pb",
                                                &model.graph);
  (*model.signature.mutable_inputs())["in"].set_name("x:0");
  (*model.signature.mutable_outputs())["out"].set_name("y:0");
  model.tensorflow_version = "2.15.0";
  return model;
}

class TfModelWritersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(std::getenv("TEST_TMPDIR")) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
  }
  fs::path root_;
};

TEST_F(TfModelWritersTest, FrozenGraphReplacesTheFileAndCreatesParents) {
  const fs::path file = root_ / "a/b/model.pb";
  ASSERT_TRUE(WriteFrozenGraph(NegModel(), file.string()).ok());
  std::ofstream(file, std::ios::trunc) << "old";
  ASSERT_TRUE(WriteFrozenGraph(NegModel(), file.string()).ok());
  tensorflow::GraphDef graph;
  std::ifstream in(file, std::ios::binary);
  ASSERT_TRUE(graph.ParseFromIstream(&in));
  EXPECT_EQ(graph.node_size(), 2);
  EXPECT_EQ(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()), 1);
}

TEST_F(TfModelWritersTest, FrozenGraphOntoADirectoryFailsAndLeavesNothing) {
  fs::create_directories(root_ / "dir.pb");
  absl::Status status = WriteFrozenGraph(NegModel(), (root_ / "dir.pb").string());
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("dir.pb"), std::string::npos) << status;
  EXPECT_EQ(std::distance(fs::directory_iterator(root_), fs::directory_iterator()), 1);
}

TEST_F(TfModelWritersTest, SavedModelHasServeTagsAndAServingDefaultSignature) {
  ASSERT_TRUE(WriteSavedModel(NegModel(), (root_ / "sm").string()).ok());
  tensorflow::SavedModel saved_model;
  std::ifstream in(root_ / "sm/saved_model.pb", std::ios::binary);
  ASSERT_TRUE(saved_model.ParseFromIstream(&in));
  ASSERT_EQ(saved_model.meta_graphs_size(), 1);
  const tensorflow::MetaGraphDef& meta_graph = saved_model.meta_graphs(0);
  ASSERT_EQ(meta_graph.meta_info_def().tags_size(), 1);
  EXPECT_EQ(meta_graph.meta_info_def().tags(0), "serve");
  EXPECT_EQ(meta_graph.meta_info_def().tensorflow_version(), "2.15.0");
  EXPECT_EQ(meta_graph.graph_def().node_size(), 2);
  const tensorflow::SignatureDef& signature = meta_graph.signature_def().at("serving_default");
  EXPECT_EQ(signature.method_name(), "tensorflow/serving/predict");
  // The input's dtype and shape come from its Placeholder.
  EXPECT_EQ(signature.inputs().at("in").dtype(), tensorflow::DT_FLOAT);
  EXPECT_EQ(signature.inputs().at("in").tensor_shape().dim(0).size(), 2);
  EXPECT_EQ(signature.outputs().at("out").name(), "y:0");
}

}  // namespace
}  // namespace tfjs::converter
