// Tests of the split statistics and ensemble-growing ops: sums, gains and contributions worked
// by hand from the one-logit formulas (weight -g / h, gain g^2 / h).
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/boosted_trees.pb.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using ::testing::Pointwise;
using testing::RunOp;

namespace bt = ::tensorflow::boosted_trees;

Tensor F(float value) { return Tensor::Scalar<float>(tensorflow::DT_FLOAT, value); }
Tensor I(int32_t value) { return Tensor::Scalar<int32_t>(tensorflow::DT_INT32, value); }
Tensor Int64(int64_t value) { return Tensor::Scalar<int64_t>(tensorflow::DT_INT64, value); }

std::string IntAttr(const char* name, int64_t value) {
  return std::string("attr { key: '") + name + "' value { i: " + std::to_string(value) + " } }";
}

// One node, one feature dimension, buckets 0 and 1 and the default bucket:
// (g, h) = (1, 1), (-1, 1), (0, 0). The best split is bucket 0: gains 1 + 1 over a parent of 0.
const Tensor kStats = Floats({1, 1, 3, 2}, {1, 1, -1, 1, 0, 0});

TEST(BoostedTreesStatsTest, AggregateStatsSumsPerNodeDimensionAndBucket) {
  auto stats = RunOp("BoostedTreesAggregateStats",
                     {Ints({3}, {0, 1, 1}), Floats({3, 1}, {1, 2, 3}), Floats({3, 1}, {0.5f, 1, 1}),
                      Ints({3, 1}, {0, -1, 1})},
                     IntAttr("max_splits", 2) + IntAttr("num_buckets", 2));
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(ShapeString((*stats)[0].shape()), "[2,1,3,2]");
  // -1 goes to the default bucket 2.
  EXPECT_THAT(FloatValues((*stats)[0]), ElementsAre(1, 0.5f, 0, 0, 0, 0, 0, 0, 3, 1, 2, 1));
  auto bad = RunOp("BoostedTreesAggregateStats",
                   {Ints({1}, {2}), Floats({1, 1}, {1}), Floats({1, 1}, {1}), Ints({1, 1}, {0})},
                   IntAttr("max_splits", 2) + IntAttr("num_buckets", 2));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("node id 2"));
}

TEST(BoostedTreesStatsTest, SparseAggregateStatsFillsTheDefaultBucket) {
  // Example 0 has dimension 1 = bucket 1; everything else is missing.
  auto stats = RunOp("BoostedTreesSparseAggregateStats",
                     {Ints({2}, {0, 1}), Floats({2, 1}, {1, 2}), Floats({2, 1}, {3, 4}),
                      Ints({1, 2}, {0, 1}), Ints({1}, {1}), Ints({2}, {2, 2})},
                     IntAttr("max_splits", 2) + IntAttr("num_buckets", 2), 3);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_THAT(IntValues((*stats)[0]), ElementsAre(0, 0, 2, 0, 0, 0, 2, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1,
                                                  0, 2, 0, 1, 0, 2, 1, 1, 1, 2, 0, 1, 1, 2, 1));
  EXPECT_THAT(FloatValues((*stats)[1]), ElementsAre(1, 3, 1, 3, 2, 4, 2, 4));
  EXPECT_THAT(IntValues((*stats)[2]), ElementsAre(2, 2, 3, 2));
}

TEST(BoostedTreesStatsTest, BestGainsPerFeature) {
  auto split =
      RunOp("BoostedTreesCalculateBestGainsPerFeature",
            {Ints({2}, {0, 1}), Floats({1, 2, 2}, {1, 1, -1, 1}), F(0), F(0), F(0.5f), F(0)},
            IntAttr("max_splits", 1) + IntAttr("num_features", 1), 5);
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_THAT(IntValues((*split)[0]), ElementsAre(0));
  EXPECT_THAT(FloatValues((*split)[1]), ElementsAre(1.5f));  // 2 - parent 0 - complexity 0.5.
  EXPECT_THAT(IntValues((*split)[2]), ElementsAre(0));
  EXPECT_THAT(FloatValues((*split)[3]), ElementsAre(-1));
  EXPECT_THAT(FloatValues((*split)[4]), ElementsAre(1));
  // A min node weight above the hessian sum 2 drops the node.
  auto heavy = RunOp("BoostedTreesCalculateBestGainsPerFeature",
                     {Ints({2}, {0, 1}), Floats({1, 2, 2}, {1, 1, -1, 1}), F(0), F(0), F(0), F(3)},
                     IntAttr("max_splits", 1) + IntAttr("num_features", 1), 5);
  ASSERT_TRUE(heavy.ok());
  EXPECT_EQ((*heavy)[0].num_elements(), 0);
}

TEST(BoostedTreesStatsTest, BestFeatureSplitInequalityAndEquality) {
  const std::string attrs = IntAttr("logits_dimension", 1);
  auto inequality = RunOp("BoostedTreesCalculateBestFeatureSplit",
                          {Ints({2}, {0, 1}), kStats, F(0), F(0), F(0), F(0)},
                          attrs + "attr { key: 'split_type' value { s: 'inequality' } }", 7);
  ASSERT_TRUE(inequality.ok()) << inequality.status();
  EXPECT_THAT(IntValues((*inequality)[0]), ElementsAre(0));
  EXPECT_THAT(FloatValues((*inequality)[1]), ElementsAre(2));
  EXPECT_THAT(IntValues((*inequality)[3]), ElementsAre(0));
  EXPECT_THAT(FloatValues((*inequality)[4]), ElementsAre(-1));
  EXPECT_THAT(FloatValues((*inequality)[5]), ElementsAre(1));
  // Default-left is tried first; default-right ties and does not replace it.
  EXPECT_THAT((*inequality)[6].strings(), ElementsAre("INEQUALITY_DEFAULT_LEFT"));
  auto equality = RunOp("BoostedTreesCalculateBestFeatureSplit",
                        {Ints({2}, {0, 1}), kStats, F(0), F(0), F(0), F(0)},
                        attrs + "attr { key: 'split_type' value { s: 'equality' } }", 7);
  ASSERT_TRUE(equality.ok()) << equality.status();
  EXPECT_THAT((*equality)[6].strings(), ElementsAre("EQUALITY_DEFAULT_RIGHT"));
  // L2 of 1: each side -g / (h + 1) = -+0.5, gain 0.5 each.
  auto l2 = RunOp("BoostedTreesCalculateBestFeatureSplit",
                  {Ints({2}, {0, 1}), kStats, F(0), F(1), F(0), F(0)},
                  attrs + "attr { key: 'split_type' value { s: 'inequality' } }", 7);
  ASSERT_TRUE(l2.ok());
  EXPECT_THAT(FloatValues((*l2)[1]), ElementsAre(1));
  EXPECT_THAT(FloatValues((*l2)[4]), ElementsAre(-0.5f));
  auto range = RunOp("BoostedTreesCalculateBestFeatureSplit",
                     {Ints({2}, {0, 2}), kStats, F(0), F(0), F(0), F(0)},
                     attrs + "attr { key: 'split_type' value { s: 'inequality' } }", 7);
  EXPECT_THAT(std::string(range.status().message()), HasSubstr("node_id_range"));
}

TEST(BoostedTreesStatsTest, BestFeatureSplitV2PicksTheBestFeature) {
  // Feature 7 (equality): bucket 1 holds (3, 1) against totals (0, 2): gains 9 + 9.
  const Tensor other = Floats({1, 1, 3, 2}, {0, 1, 3, 1, 0, 0});
  auto split =
      RunOp("BoostedTreesCalculateBestFeatureSplitV2",
            {Ints({2}, {0, 1}), kStats, other, Tensor::Strings({2}, {"inequality", "equality"}),
             Ints({2}, {4, 7}), F(0), F(0), F(0), F(0)},
            IntAttr("logits_dimension", 1) + IntAttr("num_features", 2), 8);
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_THAT(FloatValues((*split)[1]), ElementsAre(18));
  EXPECT_THAT(IntValues((*split)[2]), ElementsAre(7));
  EXPECT_THAT(IntValues((*split)[4]), ElementsAre(1));
  EXPECT_THAT(FloatValues((*split)[5]), ElementsAre(-3));
  EXPECT_THAT(FloatValues((*split)[6]), ElementsAre(3));
  EXPECT_THAT((*split)[7].strings(), ElementsAre("EQUALITY_DEFAULT_RIGHT"));
  auto bad_type = RunOp("BoostedTreesCalculateBestFeatureSplitV2",
                        {Ints({2}, {0, 1}), kStats, other, Tensor::Strings({2}, {"x", "equality"}),
                         Ints({2}, {4, 7}), F(0), F(0), F(0), F(0)},
                        IntAttr("logits_dimension", 1) + IntAttr("num_features", 2), 8);
  EXPECT_EQ(bad_type.status().code(), absl::StatusCode::kAborted);
}

TEST(BoostedTreesStatsTest, MultiClassDiagonalAndFullHessians) {
  // Two logits: g = (1, -2) in bucket 0 and (-1, 2) in bucket 1. Diagonal h = (1, 2) each:
  // left weight (-1, 1), gain 1 + 2 = 3 per side.
  const Tensor diagonal = Floats({1, 1, 3, 4}, {1, -2, 1, 2, -1, 2, 1, 2, 0, 0, 0, 0});
  auto split = RunOp(
      "BoostedTreesCalculateBestFeatureSplit",
      {Ints({2}, {0, 1}), diagonal, F(0), F(0), F(0), F(0)},
      IntAttr("logits_dimension", 2) + "attr { key: 'split_type' value { s: 'inequality' } }", 7);
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_THAT(FloatValues((*split)[1]), ElementsAre(6));
  EXPECT_THAT(FloatValues((*split)[4]), ElementsAre(-1, 1));
  // The same as full hessians [[1, 0], [0, 2]] solved by QR.
  const Tensor full =
      Floats({1, 1, 3, 6}, {1, -2, 1, 0, 0, 2, -1, 2, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0});
  auto full_split = RunOp(
      "BoostedTreesCalculateBestFeatureSplit", {Ints({2}, {0, 1}), full, F(0), F(0), F(0), F(0)},
      IntAttr("logits_dimension", 2) + "attr { key: 'split_type' value { s: 'inequality' } }", 7);
  ASSERT_TRUE(full_split.ok()) << full_split.status();
  EXPECT_THAT(FloatValues((*full_split)[1]), Pointwise(FloatNear(1e-5), {6.f}));
  EXPECT_THAT(FloatValues((*full_split)[4]), Pointwise(FloatNear(1e-6), {-1.f, 1.f}));
}

TEST(BoostedTreesStatsTest, SparseBestFeatureSplit) {
  auto split =
      RunOp("BoostedTreesSparseCalculateBestFeatureSplit",
            {Ints({2}, {0, 1}), Ints({4, 4}, {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1}),
             Floats({4}, {1, 1, -1, 1}), Ints({4}, {1, 1, 3, 2}), F(0), F(0), F(0), F(0)},
            IntAttr("logits_dimension", 1), 7);
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_THAT(IntValues((*split)[0]), ElementsAre(0));
  EXPECT_THAT(FloatValues((*split)[1]), ElementsAre(2));
  EXPECT_THAT(IntValues((*split)[3]), ElementsAre(0));
  EXPECT_THAT(FloatValues((*split)[4]), ElementsAre(-1));
  // Here default-right is tried first.
  EXPECT_THAT((*split)[6].strings(), ElementsAre("INEQUALITY_DEFAULT_RIGHT"));
}

Tensor EmptyEnsemble() {
  auto handle = RunOp("BoostedTreesEnsembleResourceHandleOp", {}, "");
  EXPECT_TRUE(handle.ok());
  EXPECT_TRUE(RunOp("BoostedTreesCreateEnsemble",
                    {(*handle)[0], Int64(0), Tensor::Strings({}, {""})}, "", 0)
                  .ok());
  return (*handle)[0];
}

bt::TreeEnsemble Read(const Tensor& handle) {
  auto serialized = RunOp("BoostedTreesSerializeEnsemble", {handle}, "", 2);
  EXPECT_TRUE(serialized.ok()) << serialized.status();
  bt::TreeEnsemble ensemble;
  EXPECT_TRUE(ensemble.ParseFromString((*serialized)[1].strings()[0]));
  return ensemble;
}

TEST(BoostedTreesTrainingTest, CenterBiasAddsNewtonSteps) {
  const Tensor handle = EmptyEnsemble();
  auto first = RunOp("BoostedTreesCenterBias",
                     {handle, Floats({1, 1}, {-2}), Floats({1, 1}, {4}), F(0), F(0)}, "");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE((*first)[0].data<bool>()[0]);
  EXPECT_FLOAT_EQ(Read(handle).trees(0).nodes(0).leaf().scalar(), 0.5f);
  // A step of 0.004 is under 1% of the bias 0.5: centering stops.
  auto second = RunOp("BoostedTreesCenterBias",
                      {handle, Floats({1, 1}, {-0.004f}), Floats({1, 1}, {1}), F(0), F(0)}, "");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_FALSE((*second)[0].data<bool>()[0]);
  const bt::TreeEnsemble ensemble = Read(handle);
  EXPECT_FLOAT_EQ(ensemble.trees(0).nodes(0).leaf().scalar(), 0.504f);
  EXPECT_THAT(ensemble.tree_weights(), ElementsAre(1.f));
}

TEST(BoostedTreesTrainingTest, UpdateEnsembleGrowsAndFinalizesALayer) {
  const Tensor handle = EmptyEnsemble();
  // Two features tie on node 0; feature id 3 (the smaller) wins.
  auto updated = RunOp(
      "BoostedTreesUpdateEnsemble",
      {handle, Ints({2}, {5, 3}), Ints({1}, {0}), Ints({1}, {0}), Floats({1}, {1}),
       Floats({1}, {1}), Ints({1}, {4}), Ints({1}, {7}), Floats({1, 1}, {0.5f}),
       Floats({1, 1}, {0.2f}), Floats({1, 1}, {-0.5f}), Floats({1, 1}, {-0.2f}), I(1), F(0.1f)},
      IntAttr("num_features", 2) + IntAttr("pruning_mode", 0), 0);
  ASSERT_TRUE(updated.ok()) << updated.status();
  const bt::TreeEnsemble ensemble = Read(handle);
  ASSERT_EQ(ensemble.trees_size(), 2);
  const bt::Node& root = ensemble.trees(0).nodes(0);
  EXPECT_EQ(root.bucketized_split().feature_id(), 3);
  EXPECT_EQ(root.bucketized_split().threshold(), 7);
  EXPECT_EQ(root.bucketized_split().left_id(), 1);
  EXPECT_FALSE(root.metadata().has_original_leaf());  // The root's zero leaf is not kept.
  EXPECT_FLOAT_EQ(root.metadata().gain(), 1);
  EXPECT_FLOAT_EQ(ensemble.trees(0).nodes(1).leaf().scalar(), 0.02f);
  EXPECT_FLOAT_EQ(ensemble.trees(0).nodes(2).leaf().scalar(), -0.02f);
  EXPECT_TRUE(ensemble.tree_metadata(0).is_finalized());
  EXPECT_EQ(ensemble.tree_metadata(0).num_layers_grown(), 1);
  EXPECT_EQ(ensemble.trees(1).nodes_size(), 1);
  auto states = RunOp("BoostedTreesGetEnsembleStates", {handle}, "", 5);
  ASSERT_TRUE(states.ok());
  EXPECT_EQ((*states)[0].data<int64_t>()[0], 1);  // The stamp moved from 0.
  EXPECT_EQ((*states)[2].data<int32_t>()[0], 1);
  EXPECT_EQ((*states)[3].data<int32_t>()[0], 1);
  EXPECT_THAT(IntValues((*states)[4]), ElementsAre(0, 1));
  // Feature 3 at 7 goes left, at 8 right.
  const Tensor zeros = Ints({2}, {0, 0});
  auto logits = RunOp("BoostedTreesPredict", {handle, zeros, zeros, zeros, Ints({2}, {7, 8})},
                      IntAttr("num_bucketized_features", 4) + IntAttr("logits_dimension", 1));
  ASSERT_TRUE(logits.ok()) << logits.status();
  EXPECT_THAT(FloatValues((*logits)[0]), Pointwise(FloatNear(1e-8), {0.02f, -0.02f}));
}

TEST(BoostedTreesTrainingTest, UpdateEnsembleV2PostPrunesNegativeSplits) {
  const Tensor handle = EmptyEnsemble();
  auto updated = RunOp(
      "BoostedTreesUpdateEnsembleV2",
      {handle, Ints({1}, {2}), Ints({1}, {0}), Ints({1}, {0}), Floats({1}, {-1}), Ints({1}, {3}),
       Floats({1, 1}, {1}), Floats({1, 1}, {-1}),
       Tensor::Strings({1}, {"INEQUALITY_DEFAULT_RIGHT"}), I(1), F(0.5f), I(2)},
      IntAttr("num_features", 1) + IntAttr("logits_dimension", 1) + IntAttr("num_groups", 1), 0);
  ASSERT_TRUE(updated.ok()) << updated.status();
  const bt::TreeEnsemble ensemble = Read(handle);
  // The split (gain -1) was pruned back to the root leaf; the metadata maps old nodes 1 and 2
  // to the root with the change back from their logits 0.5 and -0.5.
  ASSERT_EQ(ensemble.trees(0).nodes_size(), 1);
  EXPECT_TRUE(ensemble.trees(0).nodes(0).has_leaf());
  const auto& meta = ensemble.tree_metadata(0).post_pruned_nodes_meta();
  ASSERT_EQ(meta.size(), 3);
  EXPECT_EQ(meta[1].new_node_id(), 0);
  EXPECT_THAT(meta[1].logit_change(), ElementsAre(-0.5f));
  EXPECT_THAT(meta[2].logit_change(), ElementsAre(0.5f));
  // An example cached at old node 1 (0.5 counted) gets -0.5 back.
  auto predicted =
      RunOp("BoostedTreesTrainingPredict", {handle, Ints({1}, {0}), Ints({1}, {1}), Ints({1}, {0})},
            IntAttr("num_bucketized_features", 1) + IntAttr("logits_dimension", 1), 3);
  ASSERT_TRUE(predicted.ok()) << predicted.status();
  EXPECT_THAT(FloatValues((*predicted)[0]), ElementsAre(-0.5f));
  auto not_leaf = RunOp(
      "BoostedTreesUpdateEnsembleV2",
      {handle, Ints({1}, {2}), Ints({1}, {0}), Ints({1}, {4}), Floats({1}, {1}), Ints({1}, {3}),
       Floats({1, 1}, {1}), Floats({1, 1}, {-1}),
       Tensor::Strings({1}, {"INEQUALITY_DEFAULT_RIGHT"}), I(1), F(0.5f), I(0)},
      IntAttr("num_features", 1) + IntAttr("logits_dimension", 1) + IntAttr("num_groups", 1), 0);
  EXPECT_THAT(std::string(not_leaf.status().message()), HasSubstr("not a leaf"));
}

}  // namespace
}  // namespace tfjs::runtime
