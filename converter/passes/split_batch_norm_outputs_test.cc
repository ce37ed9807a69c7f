#include "converter/passes/split_batch_norm_outputs.h"

#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/graph_runner_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

using ::testing::ElementsAre;
using testing::RandomConst;

tensorflow::NodeDef Node(const std::string& name, const std::string& op,
                         const std::vector<std::string>& inputs) {
  tensorflow::NodeDef node;
  node.set_name(name);
  node.set_op(op);
  for (const std::string& input : inputs) node.add_input(input);
  (*node.mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
  return node;
}

struct BatchNorm {
  std::string name;
  std::string op;
  std::string data_format;
  // "true", "false", or nullptr to leave the attr out.
  const char* is_training;
  float exponential_avg_factor;  // 1 leaves the attr out.
};

// x (3-4 x 5 x 6 x 7 in the node's layout), scale, offset, mean and a positive variance over 7
// or 5 channels, and the batch norms, each read at outputs 0-4 by the signature.
FrozenModel Model(const std::vector<BatchNorm>& norms) {
  FrozenModel model;
  unsigned seed = 1;
  for (const BatchNorm& bn : norms) {
    const bool nchw = bn.data_format == "NCHW";
    const int64_t channels = nchw ? 5 : 7;
    auto add = [&](tensorflow::NodeDef node) { *model.graph.add_node() = std::move(node); };
    add(RandomConst(bn.name + "/x", {3, 5, 6, 7}, seed++));
    add(RandomConst(bn.name + "/scale", {channels}, seed++));
    add(RandomConst(bn.name + "/offset", {channels}, seed++));
    add(RandomConst(bn.name + "/mean_in", {channels}, seed++));
    add(RandomConst(bn.name + "/variance_raw", {channels}, seed++));
    add(Node(bn.name + "/variance_in", "Square", {bn.name + "/variance_raw"}));
    tensorflow::NodeDef node =
        Node(bn.name, bn.op,
             {bn.name + "/x", bn.name + "/scale", bn.name + "/offset", bn.name + "/mean_in",
              bn.name + "/variance_in"});
    (*node.mutable_attr())["data_format"].set_s(bn.data_format);
    (*node.mutable_attr())["epsilon"].set_f(0.001f);
    if (bn.op != "FusedBatchNorm") (*node.mutable_attr())["U"].set_type(tensorflow::DT_FLOAT);
    if (bn.is_training != nullptr) {
      (*node.mutable_attr())["is_training"].set_b(std::string(bn.is_training) == "true");
    }
    if (bn.exponential_avg_factor != 1.f) {
      (*node.mutable_attr())["exponential_avg_factor"].set_f(bn.exponential_avg_factor);
    }
    add(node);
    for (int k = 0; k < 5; ++k) {
      const std::string tensor = k == 0 ? bn.name : absl::StrCat(bn.name, ":", k);
      (*model.signature.mutable_outputs())[tensor].set_name(tensor);
    }
  }
  return model;
}

// Expectations come from the native runtime on the original graph: its FusedBatchNorm kernels
// follow TensorFlow's (the corpus's training-mode cases pass with them).
void ExpectSameValues(FrozenModel model) {
  std::vector<std::string> keys, before_names;
  for (const auto& [key, info] : model.signature.outputs()) {
    keys.push_back(key);
    before_names.push_back(info.name());
  }
  absl::StatusOr<std::vector<runtime::Tensor>> want =
      testing::RunGraph(model.graph, {}, before_names);
  ASSERT_TRUE(want.ok()) << want.status();
  const tensorflow::GraphDef before = model.graph;
  ASSERT_TRUE(SplitBatchNormOutputs(&model).ok());
  std::vector<std::string> after_names;
  for (const std::string& key : keys) after_names.push_back(model.signature.outputs().at(key).name());
  absl::StatusOr<std::vector<runtime::Tensor>> got =
      testing::RunGraph(model.graph, {}, after_names);
  ASSERT_TRUE(got.ok()) << got.status();
  for (size_t k = 0; k < keys.size(); ++k) {
    const runtime::Tensor& w = (*want)[k];
    const runtime::Tensor& g = (*got)[k];
    ASSERT_EQ(runtime::ShapeString(g.shape()), runtime::ShapeString(w.shape())) << keys[k];
    for (int64_t i = 0; i < w.num_elements(); ++i) {
      const float wi = w.data<float>()[i];
      ASSERT_NEAR(g.data<float>()[i], wi, 1e-5 * std::max(1.f, std::abs(wi))) << keys[k] << "@" << i;
    }
  }
}

TEST(SplitBatchNormOutputsTest, TrainingNhwc) {
  ExpectSameValues(Model({{"bn", "FusedBatchNormV3", "NHWC", "true", 1.f}}));
}

// TF's default for is_training is true (SavedModels written with default attrs stripped leave
// it out).
TEST(SplitBatchNormOutputsTest, AbsentIsTrainingMeansTraining) {
  FrozenModel model = Model({{"bn", "FusedBatchNormV3", "NHWC", nullptr, 1.f}});
  ASSERT_TRUE(SplitBatchNormOutputs(&model).ok());
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    if (node.name() == "bn") {
      EXPECT_EQ(node.op(), "IdentityN");
    }
  }
}

// Only output 0 read and the node not named as an output: no IdentityN, the node computes y.
TEST(SplitBatchNormOutputsTest, TrainingReadOnlyAtOutput0BecomesItsValue) {
  FrozenModel model = Model({{"bn", "FusedBatchNormV3", "NCHW", "true", 1.f}});
  for (int k = 1; k < 5; ++k) model.signature.mutable_outputs()->erase(absl::StrCat("bn:", k));
  ExpectSameValues(model);
  ASSERT_TRUE(SplitBatchNormOutputs(&model).ok());
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    if (node.name() == "bn") {
      EXPECT_EQ(node.op(), "AddV2");
    }
  }
}

// A frozen graph's --output_node_names=bn lets a user fetch "bn:1" without a signature output.
TEST(SplitBatchNormOutputsTest, NamedOutputNodeKeepsEveryOutputAddressable) {
  FrozenModel model = Model({{"bn", "FusedBatchNormV3", "NHWC", "true", 1.f}});
  for (int k = 1; k < 5; ++k) model.signature.mutable_outputs()->erase(absl::StrCat("bn:", k));
  model.output_nodes = {"bn"};
  absl::StatusOr<std::vector<runtime::Tensor>> want =
      testing::RunGraph(model.graph, {}, {"bn", "bn:1", "bn:2", "bn:3", "bn:4"});
  ASSERT_TRUE(want.ok()) << want.status();
  ASSERT_TRUE(SplitBatchNormOutputs(&model).ok());
  absl::StatusOr<std::vector<runtime::Tensor>> got =
      testing::RunGraph(model.graph, {}, {"bn", "bn:1", "bn:2", "bn:3", "bn:4"});
  ASSERT_TRUE(got.ok()) << got.status();
  for (int k = 0; k < 5; ++k) {
    for (int64_t i = 0; i < (*want)[k].num_elements(); ++i) {
      const float w = (*want)[k].data<float>()[i];
      ASSERT_NEAR((*got)[k].data<float>()[i], w, 1e-5 * std::max(1.f, std::abs(w))) << k;
    }
  }
}

TEST(SplitBatchNormOutputsTest, TrainingNchwBlendedByTheAverageFactor) {
  ExpectSameValues(Model({{"bn", "FusedBatchNormV3", "NCHW", "true", 0.25f}}));
}

TEST(SplitBatchNormOutputsTest, TrainingV1AndV2) {
  ExpectSameValues(Model({{"v1", "FusedBatchNorm", "NHWC", "true", 1.f},
                          {"v2", "FusedBatchNormV2", "NCHW", "true", 1.f}}));
}

TEST(SplitBatchNormOutputsTest, InferenceForwardsTheStatisticsInputs) {
  FrozenModel model = Model({{"bn", "FusedBatchNormV3", "NHWC", "false", 1.f}});
  ExpectSameValues(model);
  ASSERT_TRUE(SplitBatchNormOutputs(&model).ok());
  // Output 0 stays with the op, which TF.js computes right in inference.
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    if (node.name() == "bn") {
      EXPECT_EQ(node.op(), "IdentityN");
      EXPECT_THAT(node.input(), ElementsAre("bn/y", "bn/mean_in", "bn/variance_in", "bn/mean_in",
                                            "bn/variance_in"));
    }
    if (node.name() == "bn/y") {
      EXPECT_EQ(node.op(), "FusedBatchNormV3");
    }
  }
}

TEST(SplitBatchNormOutputsTest, ConsumersOfStatisticsReadTheNewNodes) {
  FrozenModel model = Model({{"bn", "FusedBatchNormV3", "NHWC", "true", 1.f}});
  *model.graph.add_node() = Node("neg", "Neg", {"bn:2"});
  (*model.signature.mutable_outputs())["neg"].set_name("neg");
  ExpectSameValues(model);
  ASSERT_TRUE(SplitBatchNormOutputs(&model).ok());
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    if (node.name() == "neg") {
      EXPECT_EQ(node.input(0), "bn:2");
    }
  }
}

}  // namespace
}  // namespace tfjs::converter
