// Tests of the tree-ensemble resource ops and BoostedTreesPredict / TrainingPredict /
// ExampleDebugOutputs on ensembles written as text protos, with logits worked by hand.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "proto/boosted_trees.pb.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

namespace bt = ::tensorflow::boosted_trees;

// Tree 0: feature 1 <= 4 ? (feature 0 == 7 ? 0.5 : -1) : 2, weight 1; tree 1: a leaf of 10 with
// weight 0.5; tree 2: feature 0 <= 3 ? 100 : 200 on dimension 0, weight 0.1.
constexpr char kEnsemble[] = R"pb(
  trees {
    nodes {
      bucketized_split { feature_id: 1 threshold: 4 left_id: 1 right_id: 2 }
      metadata { gain: 1 }
    }
    nodes {
      categorical_split { feature_id: 0 value: 7 left_id: 3 right_id: 4 }
      metadata { original_leaf { scalar: 0.25 } }
    }
    nodes { leaf { scalar: 2 } }
    nodes { leaf { scalar: 0.5 } }
    nodes { leaf { scalar: -1 } }
  }
  trees { nodes { leaf { scalar: 10 } } }
  trees {
    nodes { bucketized_split { feature_id: 0 threshold: 3 left_id: 1 right_id: 2 } }
    nodes { leaf { scalar: 100 } }
    nodes { leaf { scalar: 200 } }
  }
  tree_weights: [ 1, 0.5, 0.1 ]
  tree_metadata {}
  tree_metadata {}
  tree_metadata {}
  growing_metadata { num_layers_attempted: 6 last_layer_node_start: 1 last_layer_node_end: 3 }
)pb";

Tensor Int64(int64_t value) { return Tensor::Scalar<int64_t>(tensorflow::DT_INT64, value); }

std::string Serialized(const char* text) {
  bt::TreeEnsemble ensemble;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &ensemble));
  return ensemble.SerializeAsString();
}

Tensor CreateEnsemble(const char* text, int64_t stamp = 7) {
  absl::StatusOr<std::vector<Tensor>> handle =
      RunOp("BoostedTreesEnsembleResourceHandleOp", {}, "");
  EXPECT_TRUE(handle.ok()) << handle.status();
  absl::StatusOr<std::vector<Tensor>> created =
      RunOp("BoostedTreesCreateEnsemble",
            {(*handle)[0], Int64(stamp), Tensor::Strings({}, {Serialized(text)})}, "", 0);
  EXPECT_TRUE(created.ok()) << created.status();
  return (*handle)[0];
}

std::string FeatureAttrs(int num_features, int logits_dimension = 1) {
  return "attr { key: 'num_bucketized_features' value { i: " + std::to_string(num_features) +
         " } } attr { key: 'logits_dimension' value { i: " + std::to_string(logits_dimension) +
         " } }";
}

TEST(BoostedTreesPredictTest, SumsWeightedLeavesOverTrees) {
  const Tensor handle = CreateEnsemble(kEnsemble);
  // Example 0: f1=4 -> left, f0=7 -> 0.5; tree 2: f0=7 > 3 -> 200. 0.5 + 5 + 20.
  // Example 1: f1=5 -> right 2; f0=1 <= 3 -> 100. 2 + 5 + 10.
  // Example 2: f1=0 -> left, f0=3 != 7 -> -1; 100. -1 + 5 + 10.
  auto logits = RunOp("BoostedTreesPredict", {handle, Ints({3}, {7, 1, 3}), Ints({3}, {4, 5, 0})},
                      FeatureAttrs(2));
  ASSERT_TRUE(logits.ok()) << logits.status();
  EXPECT_EQ(ShapeString((*logits)[0].shape()), "[3,1]");
  EXPECT_THAT(FloatValues((*logits)[0]), ElementsAre(25.5f, 17.f, 14.f));
}

TEST(BoostedTreesPredictTest, EmptyEnsembleGivesZerosAndEmptyBatchGivesNothing) {
  const Tensor handle = CreateEnsemble("");
  auto logits = RunOp("BoostedTreesPredict", {handle, Ints({2}, {1, 2})}, FeatureAttrs(1, 2));
  ASSERT_TRUE(logits.ok()) << logits.status();
  EXPECT_EQ(ShapeString((*logits)[0].shape()), "[2,2]");
  EXPECT_THAT(FloatValues((*logits)[0]), ElementsAre(0.f, 0.f, 0.f, 0.f));
  const Tensor full = CreateEnsemble(kEnsemble);
  auto empty = RunOp("BoostedTreesPredict", {full, Ints({0}, {}), Ints({0}, {})}, FeatureAttrs(2));
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(ShapeString((*empty)[0].shape()), "[0,1]");
}

TEST(BoostedTreesPredictTest, VectorLeavesAndMatrixFeatures) {
  const Tensor handle = CreateEnsemble(R"pb(
    trees {
      nodes {
        bucketized_split { feature_id: 0 dimension_id: 1 threshold: 2 left_id: 1 right_id: 2 }
      }
      nodes { leaf { vector { value: [ 1, 2 ] } } }
      nodes { leaf { vector { value: [ 3, 4 ] } } }
    }
    tree_weights: 2
  )pb");
  // Example 0 has dimension 1 = 2 (left), example 1 has 9 (right).
  auto logits =
      RunOp("BoostedTreesPredict", {handle, Ints({2, 2}, {9, 2, 0, 9})}, FeatureAttrs(1, 2));
  ASSERT_TRUE(logits.ok()) << logits.status();
  EXPECT_THAT(FloatValues((*logits)[0]), ElementsAre(2.f, 4.f, 6.f, 8.f));
  auto wrong_dim =
      RunOp("BoostedTreesPredict", {handle, Ints({2, 2}, {9, 2, 0, 9})}, FeatureAttrs(1, 3));
  EXPECT_THAT(std::string(wrong_dim.status().message()), HasSubstr("logits_dimension"));
}

TEST(BoostedTreesPredictTest, BadInputsAreErrors) {
  const Tensor handle = CreateEnsemble(kEnsemble);
  // The ensemble splits on feature 1, which a one-feature call lacks.
  auto missing = RunOp("BoostedTreesPredict", {handle, Ints({1}, {0})}, FeatureAttrs(1));
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("splits on feature 1"));
  auto batches =
      RunOp("BoostedTreesPredict", {handle, Ints({1}, {0}), Ints({2}, {0, 0})}, FeatureAttrs(2));
  EXPECT_THAT(std::string(batches.status().message()), HasSubstr("batch"));
  auto not_created = RunOp("BoostedTreesEnsembleResourceHandleOp", {}, "");
  ASSERT_TRUE(not_created.ok());
  auto predict = RunOp("BoostedTreesPredict", {(*not_created)[0], Ints({1}, {0})}, FeatureAttrs(1));
  EXPECT_EQ(predict.status().code(), absl::StatusCode::kNotFound);
  const Tensor cyclic = CreateEnsemble(R"pb(
    trees { nodes { bucketized_split { feature_id: 0 threshold: 0 left_id: 0 right_id: 0 } } }
    tree_weights: 1
  )pb");
  auto loop = RunOp("BoostedTreesPredict", {cyclic, Ints({1}, {0})}, FeatureAttrs(1));
  EXPECT_THAT(std::string(loop.status().message()), HasSubstr("does not come after it"));
}

TEST(BoostedTreesEnsembleTest, CreateSerializeDeserializeAndStates) {
  auto handle = RunOp("BoostedTreesEnsembleResourceHandleOp", {}, "");
  ASSERT_TRUE(handle.ok());
  auto initialized = RunOp("IsBoostedTreesEnsembleInitialized", {(*handle)[0]}, "");
  ASSERT_TRUE(initialized.ok());
  EXPECT_FALSE((*initialized)[0].data<bool>()[0]);
  auto bad = RunOp("BoostedTreesCreateEnsemble",
                   {(*handle)[0], Int64(1), Tensor::Strings({}, {"\xff\xff"})}, "", 0);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("Unable to parse"));
  ASSERT_TRUE(RunOp("BoostedTreesCreateEnsemble",
                    {(*handle)[0], Int64(3), Tensor::Strings({}, {Serialized(kEnsemble)})}, "", 0)
                  .ok());
  // A second creation keeps the first ensemble.
  ASSERT_TRUE(RunOp("BoostedTreesCreateEnsemble",
                    {(*handle)[0], Int64(9), Tensor::Strings({}, {""})}, "", 0)
                  .ok());
  initialized = RunOp("IsBoostedTreesEnsembleInitialized", {(*handle)[0]}, "");
  EXPECT_TRUE((*initialized)[0].data<bool>()[0]);
  auto states = RunOp("BoostedTreesGetEnsembleStates", {(*handle)[0]}, "", 5);
  ASSERT_TRUE(states.ok()) << states.status();
  EXPECT_EQ((*states)[0].data<int64_t>()[0], 3);
  EXPECT_EQ((*states)[1].data<int32_t>()[0], 3);
  EXPECT_EQ((*states)[2].data<int32_t>()[0], 2);  // The last tree is not finalized.
  EXPECT_EQ((*states)[3].data<int32_t>()[0], 6);
  EXPECT_THAT(IntValues((*states)[4]), ElementsAre(1, 3));
  auto serialized = RunOp("BoostedTreesSerializeEnsemble", {(*handle)[0]}, "", 2);
  ASSERT_TRUE(serialized.ok());
  EXPECT_EQ((*serialized)[0].data<int64_t>()[0], 3);
  EXPECT_EQ((*serialized)[1].strings()[0], Serialized(kEnsemble));
  ASSERT_TRUE(RunOp("BoostedTreesDeserializeEnsemble",
                    {(*handle)[0], Int64(11), Tensor::Strings({}, {""})}, "", 0)
                  .ok());
  states = RunOp("BoostedTreesGetEnsembleStates", {(*handle)[0]}, "", 5);
  ASSERT_TRUE(states.ok());
  EXPECT_EQ((*states)[0].data<int64_t>()[0], 11);
  EXPECT_EQ((*states)[1].data<int32_t>()[0], 0);
  EXPECT_THAT(IntValues((*states)[4]), ElementsAre(0, 1));  // An empty range widens to [0, 1).
}

TEST(BoostedTreesTrainingPredictTest, ContinuesFromCachedNodes) {
  const Tensor handle = CreateEnsemble(kEnsemble);
  // Example 0 starts fresh (node -1): like Predict, 25.5, ending at tree 2's node 2.
  // Example 1 is cached at tree 0's split node 1 (its original leaf 0.25 counted already):
  // f0=7 -> leaf 0.5, so 0.5 - 0.25 + 5 + tree 2 (f0=7 -> 200 * 0.1) = 25.25.
  // Example 2 is cached at tree 2's leaf 1 (counted): 0.
  auto outputs = RunOp("BoostedTreesTrainingPredict",
                       {handle, Ints({3}, {0, 0, 2}), Ints({3}, {-1, 1, 1}), Ints({3}, {7, 7, 0}),
                        Ints({3}, {4, 4, 9})},
                       FeatureAttrs(2), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAre(25.5f, 25.25f, 0.f));
  EXPECT_THAT(IntValues((*outputs)[1]), ElementsAre(2, 2, 2));
  EXPECT_THAT(IntValues((*outputs)[2]), ElementsAre(2, 2, 1));
  auto bad_tree = RunOp("BoostedTreesTrainingPredict",
                        {handle, Ints({1}, {5}), Ints({1}, {0}), Ints({1}, {0}), Ints({1}, {0})},
                        FeatureAttrs(2), 3);
  EXPECT_THAT(std::string(bad_tree.status().message()), HasSubstr("tree id 5"));
}

TEST(BoostedTreesExampleDebugOutputsTest, RecordsPathFeaturesLogitsAndLeaves) {
  // A bias tree (1.5) and one split f0 <= 2 ? 0.5 : -0.5, weight 2.
  const Tensor handle = CreateEnsemble(R"pb(
    trees { nodes { leaf { scalar: 1.5 } } }
    trees {
      nodes { bucketized_split { feature_id: 0 threshold: 2 left_id: 1 right_id: 2 } }
      nodes { leaf { scalar: 0.5 } }
      nodes { leaf { scalar: -0.5 } }
    }
    tree_weights: [ 1, 2 ]
  )pb");
  auto outputs =
      RunOp("BoostedTreesExampleDebugOutputs", {handle, Ints({2}, {1, 3})}, FeatureAttrs(1));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  bt::DebugOutput left, right;
  ASSERT_TRUE(left.ParseFromString((*outputs)[0].strings()[0]));
  ASSERT_TRUE(right.ParseFromString((*outputs)[0].strings()[1]));
  // The path starts at the bias; after the split, 2 * 0.5 plus the bias.
  EXPECT_THAT(left.feature_ids(), ElementsAre(0));
  EXPECT_THAT(left.logits_path(), ElementsAre(1.5f, 2.5f));
  EXPECT_THAT(left.leaf_node_ids(), ElementsAre(0, 1));
  EXPECT_THAT(right.logits_path(), ElementsAre(1.5f, 0.5f));
  EXPECT_THAT(right.leaf_node_ids(), ElementsAre(0, 2));
  // kEnsemble's first root is a split without an original leaf: it has no path logit.
  const Tensor no_bias = CreateEnsemble(kEnsemble);
  auto refused = RunOp("BoostedTreesExampleDebugOutputs", {no_bias, Ints({1}, {7}), Ints({1}, {4})},
                       FeatureAttrs(2));
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("tree_logits.size() == 1"));
  auto multi =
      RunOp("BoostedTreesExampleDebugOutputs", {handle, Ints({1}, {1})}, FeatureAttrs(1, 2));
  EXPECT_THAT(std::string(multi.status().message()), HasSubstr("one dimensional"));
}

}  // namespace
}  // namespace tfjs::runtime
