// Op examples of the boosted-trees resources (ensemble_ops.cc, prediction_ops.cc,
// training_ops.cc, quantile_ops.cc) as small graphs: an ensemble created from a serialized proto
// (encoded by hand below), predicted with, serialized and deserialized; ensembles grown from
// empty by CenterBias and UpdateEnsemble(V2), with the values training_ops_test works by hand;
// a quantile stream filled, flushed and deserialized. They have no type attr: each runs once.
#include <string>

#include "runtime/kernels/control/graph_text.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using graph_text::Bool;
using graph_text::Const;
using graph_text::Graph;
using graph_text::Input;
using graph_text::Int;
using graph_text::Node;
using tensorflow::DT_BOOL;
using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

ExampleTensor F(Shape shape, std::vector<double> values) {
  return Fixed(DT_FLOAT, std::move(shape), std::move(values));
}
ExampleTensor I(Shape shape, std::vector<double> values) {
  return Fixed(DT_INT32, std::move(shape), std::move(values));
}

// A TreeEnsemble in protobuf wire format: a bias tree (leaf 1.5) and a tree splitting feature 0
// at 2 into leaves 0.5 and -0.5, with tree weights 1 and 2:
//   trees { nodes { leaf { scalar: 1.5 } } }
//   trees { nodes { bucketized_split { threshold: 2 left_id: 1 right_id: 2 } }
//           nodes { leaf { scalar: 0.5 } } nodes { leaf { scalar: -0.5 } } }
//   tree_weights: [1, 2] tree_metadata {} tree_metadata {}
// Field tags: trees 0x0a, tree_weights 0x12 (packed), tree_metadata 0x1a; Tree.nodes 0x0a;
// Node.leaf 0x0a, Node.bucketized_split 0x12; Leaf.scalar 0x1d (float); split threshold 0x10,
// left_id 0x18, right_id 0x20. Floats little-endian: 1.5 = 3fc00000, 0.5 = 3f000000, 1 = 3f800000,
// 2 = 40000000.
constexpr char kEnsemble[] =
    "\x0a\x09\x0a\x07\x0a\x05\x1d\x00\x00\xc0\x3f"
    "\x0a\x1c"
    "\x0a\x08\x12\x06\x10\x02\x18\x01\x20\x02"
    "\x0a\x07\x0a\x05\x1d\x00\x00\x00\x3f"
    "\x0a\x07\x0a\x05\x1d\x00\x00\x00\xbf"
    "\x12\x08\x00\x00\x80\x3f\x00\x00\x00\x40"
    "\x1a\x00\x1a\x00";
// DebugOutput {feature_ids 0x0a, logits_path 0x12, leaf_node_ids 0x1a, all packed}. Feature 0 = 1
// goes left: path 1.5, then 1.5 + 2 * 0.5 = 2.5 (0x40200000), leaves 0 and 1; feature 0 = 3 goes
// right: 1.5, then 1.5 - 1 = 0.5, leaves 0 and 2.
constexpr char kLeftPath[] = "\x0a\x01\x00\x12\x08\x00\x00\xc0\x3f\x00\x00\x20\x40\x1a\x02\x00\x01";
constexpr char kRightPath[] =
    "\x0a\x01\x00\x12\x08\x00\x00\xc0\x3f\x00\x00\x00\x3f\x1a\x02\x00\x02";

// The bytes of a literal, zeros included.
template <size_t kSize>
std::string Wire(const char (&text)[kSize]) {
  return std::string(text, kSize - 1);
}

const graph_text::Attrs kOneFeature = {{"num_bucketized_features", Int(1)},
                                       {"logits_dimension", Int(1)}};

// Predict: 2.5 and 0.5. TrainingPredict from cached (tree 0, node 0), whose bias was counted,
// adds 2 * 0.5 = 1; from (tree 1, leaf 1) adds nothing. States: stamp 3, 2 trees, 1 finalized
// (the last has no metadata), no layers, nodes [0, 1). A copy deserialized from the serialized
// ensemble predicts the same.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "BoostedTreesCreateEnsemble",
    .inputs = {Bytes({}, {Wire(kEnsemble)}), I({2}, {1, 3}), Bytes({}, {""})},
    .outputs = {Fixed(DT_BOOL, {}, {0}), Fixed(DT_BOOL, {}, {1}), F({2, 1}, {2.5, 0.5}),
                Bytes({2}, {Wire(kLeftPath), Wire(kRightPath)}), F({2, 1}, {1, 0}), I({2}, {1, 1}),
                I({2}, {1, 1}), Fixed(DT_INT64, {}, {3}), I({}, {2}), I({}, {1}), I({}, {0}),
                I({2}, {0, 1}), Fixed(DT_INT64, {}, {3}), Bytes({}, {Wire(kEnsemble)}),
                F({2, 1}, {2.5, 0.5})},
    .dtype_attr = "",
    .graph = Graph(
        {Input(0, "DT_STRING"),
         Input(1, "DT_INT32"),
         Input(2, "DT_STRING"),
         Const("stamp", "DT_INT64", {}, {3}),
         Const("zero_stamp", "DT_INT64", {}, {0}),
         Const("cached_trees", "DT_INT32", {2}, {0, 1}),
         Const("cached_nodes", "DT_INT32", {2}, {0, 1}),
         Node("ensemble", "BoostedTreesEnsembleResourceHandleOp"),
         Node("before", "IsBoostedTreesEnsembleInitialized", {"ensemble"}),
         Node("create", "BoostedTreesCreateEnsemble", {"ensemble", "stamp", "input_0", "^before"}),
         Node("initialized", "IsBoostedTreesEnsembleInitialized", {"ensemble", "^create"}),
         Node("predict", "BoostedTreesPredict", {"ensemble", "input_1", "^create"}, kOneFeature),
         Node("debug", "BoostedTreesExampleDebugOutputs", {"ensemble", "input_1", "^create"},
              kOneFeature),
         Node("training", "BoostedTreesTrainingPredict",
              {"ensemble", "cached_trees", "cached_nodes", "input_1", "^create"}, kOneFeature),
         Node("states", "BoostedTreesGetEnsembleStates", {"ensemble", "^create"}),
         Node("serialized", "BoostedTreesSerializeEnsemble", {"ensemble", "^create"}),
         Node("copy", "BoostedTreesEnsembleResourceHandleOp"),
         Node("create_copy", "BoostedTreesCreateEnsemble", {"copy", "zero_stamp", "input_2"}),
         Node("deserialize", "BoostedTreesDeserializeEnsemble",
              {"copy", "serialized:0", "serialized:1", "^create_copy"}),
         Node("predict_copy", "BoostedTreesPredict", {"copy", "input_1", "^deserialize"},
              kOneFeature)}),
    .fetches = {"before:0", "initialized:0", "predict:0", "debug:0", "training:0", "training:1",
                "training:2", "states:0", "states:1", "states:2", "states:3", "states:4",
                "serialized:0", "serialized:1", "predict_copy:0"},
    .other_ops = {"BoostedTreesEnsembleResourceHandleOp", "IsBoostedTreesEnsembleInitialized",
                  "BoostedTreesPredict", "BoostedTreesExampleDebugOutputs",
                  "BoostedTreesTrainingPredict", "BoostedTreesGetEnsembleStates",
                  "BoostedTreesSerializeEnsemble", "BoostedTreesDeserializeEnsemble"}});

// The nodes every growing example starts with: an empty ensemble "ensemble" ("create").
std::vector<std::string> EmptyEnsembleNodes() {
  return {Input(0, "DT_STRING"), Const("stamp", "DT_INT64", {}, {0}),
          Const("zero", "DT_FLOAT", {}, {0}),
          Node("ensemble", "BoostedTreesEnsembleResourceHandleOp"),
          Node("create", "BoostedTreesCreateEnsemble", {"ensemble", "stamp", "input_0"})};
}

// Center bias: -g / h = 0.5 (continue), then a step of 0.004 under 1% of it (stop); every
// example predicts the bias.
std::vector<std::string> CenterBiasNodes() {
  std::vector<std::string> nodes = EmptyEnsembleNodes();
  nodes.insert(
      nodes.end(),
      {Const("feature", "DT_INT32", {1}, {0}), Const("g", "DT_FLOAT", {1, 1}, {-2}),
       Const("h", "DT_FLOAT", {1, 1}, {4}), Const("small_g", "DT_FLOAT", {1, 1}, {-0.004}),
       Const("one", "DT_FLOAT", {1, 1}, {1}),
       Node("center", "BoostedTreesCenterBias", {"ensemble", "g", "h", "zero", "zero", "^create"}),
       Node("bias", "BoostedTreesPredict", {"ensemble", "feature", "^center"}, kOneFeature),
       Node("center_again", "BoostedTreesCenterBias",
            {"ensemble", "small_g", "one", "zero", "zero", "^bias"}),
       Node("centered", "BoostedTreesPredict", {"ensemble", "feature", "^center_again"},
            kOneFeature)});
  return nodes;
}
REGISTER_OP_EXAMPLES(OpExample{.op = "BoostedTreesCenterBias",
                               .inputs = {Bytes({}, {""})},
                               .outputs = {Fixed(DT_BOOL, {}, {1}), F({1, 1}, {0.5}),
                                           Fixed(DT_BOOL, {}, {0}), F({1, 1}, {0.504})},
                               .dtype_attr = "",
                               .graph = Graph(CenterBiasNodes()),
                               .fetches = {"center:0", "bias:0", "center_again:0", "centered:0"}});

// Features 5 and 3 tie on node 0 (gain 1); feature 3 at threshold 7 wins, with leaves
// 0.1 * 0.2 and 0.1 * -0.2. The layer (max depth 1) is finalized and a new tree started.
std::vector<std::string> UpdateNodes() {
  std::vector<std::string> nodes = EmptyEnsembleNodes();
  nodes.insert(
      nodes.end(),
      {Const("feature_ids", "DT_INT32", {2}, {5, 3}), Const("node", "DT_INT32", {1}, {0}),
       Const("gain", "DT_FLOAT", {1}, {1}), Const("threshold_5", "DT_INT32", {1}, {4}),
       Const("threshold_3", "DT_INT32", {1}, {7}), Const("left_5", "DT_FLOAT", {1, 1}, {0.5}),
       Const("left_3", "DT_FLOAT", {1, 1}, {0.2}), Const("right_5", "DT_FLOAT", {1, 1}, {-0.5}),
       Const("right_3", "DT_FLOAT", {1, 1}, {-0.2}), Const("max_depth", "DT_INT32", {}, {1}),
       Const("learning_rate", "DT_FLOAT", {}, {0.1}), Const("zeros", "DT_INT32", {2}, {0, 0}),
       Const("feature_3", "DT_INT32", {2}, {7, 8}),
       Node(
           "update", "BoostedTreesUpdateEnsemble",
           {"ensemble", "feature_ids", "node", "node", "gain", "gain", "threshold_5", "threshold_3",
            "left_5", "left_3", "right_5", "right_3", "max_depth", "learning_rate", "^create"},
           {{"num_features", Int(2)}, {"pruning_mode", Int(0)}}),
       Node("predict", "BoostedTreesPredict",
            {"ensemble", "zeros", "zeros", "zeros", "feature_3", "^update"},
            {{"num_bucketized_features", Int(4)}, {"logits_dimension", Int(1)}}),
       Node("states", "BoostedTreesGetEnsembleStates", {"ensemble", "^update"})});
  return nodes;
}
REGISTER_OP_EXAMPLES(OpExample{
    .op = "BoostedTreesUpdateEnsemble",
    .inputs = {Bytes({}, {""})},
    .outputs = {F({2, 1}, {0.02, -0.02}), Fixed(DT_INT64, {}, {1}), I({}, {2}), I({}, {1}),
                I({}, {1}), I({2}, {0, 1})},
    .dtype_attr = "",
    .graph = Graph(UpdateNodes()),
    .fetches = {"predict:0", "states:0", "states:1", "states:2", "states:3", "states:4"}});

// A split of gain -1 (leaves 0.5 * 1 and 0.5 * -1) post-pruned back to the root: an example
// cached at the old node 1 (0.5 counted) gets -0.5 back.
std::vector<std::string> UpdateV2Nodes() {
  std::vector<std::string> nodes = EmptyEnsembleNodes();
  nodes.insert(
      nodes.end(),
      {Input(1, "DT_STRING"), Const("feature_ids", "DT_INT32", {1}, {2}),
       Const("zero_ids", "DT_INT32", {1}, {0}), Const("gain", "DT_FLOAT", {1}, {-1}),
       Const("threshold", "DT_INT32", {1}, {3}), Const("left", "DT_FLOAT", {1, 1}, {1}),
       Const("right", "DT_FLOAT", {1, 1}, {-1}), Const("max_depth", "DT_INT32", {}, {1}),
       Const("learning_rate", "DT_FLOAT", {}, {0.5}), Const("post_prune", "DT_INT32", {}, {2}),
       Const("cached_node", "DT_INT32", {1}, {1}),
       Node("update", "BoostedTreesUpdateEnsembleV2",
            {"ensemble", "feature_ids", "zero_ids", "zero_ids", "gain", "threshold", "left",
             "right", "input_1", "max_depth", "learning_rate", "post_prune", "^create"},
            {{"num_features", Int(1)}, {"logits_dimension", Int(1)}, {"num_groups", Int(1)}}),
       Node("predict", "BoostedTreesTrainingPredict",
            {"ensemble", "zero_ids", "cached_node", "zero_ids", "^update"}, kOneFeature)});
  return nodes;
}
REGISTER_OP_EXAMPLES(OpExample{
    .op = "BoostedTreesUpdateEnsembleV2",
    .inputs = {Bytes({}, {""}), Bytes({1}, {"INEQUALITY_DEFAULT_RIGHT"})},
    .outputs = {F({1, 1}, {-0.5})},
    .dtype_attr = "",
    .graph = Graph(UpdateV2Nodes()),
    .fetches = {"predict:0"}});

// One stream: two summaries merged by FlushQuantileSummaries ({1: w1 [0,1], 3: w2 [1,3]} with
// {2: w1 [0,1], 3: w1 [1,2]}), which resets it; then TF's six weighted values (summarized by
// MakeQuantileSummaries) flushed into 4 quantiles at ranks 0, 5, 10, 15 of the weight 15;
// then boundaries {-1, 1} deserialized.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "BoostedTreesCreateQuantileStreamResource",
    .inputs = {F({2, 4}, {1, 1, 0, 1, 3, 2, 1, 3}), F({2, 4}, {2, 1, 0, 1, 3, 1, 1, 2}),
               F({6}, {1.2, 12.1, 0.3, 0.5, 0.6, 2.2}), F({6}, {10, 1, 1, 1, 1, 1}),
               F({2}, {-1, 1})},
    .outputs = {Fixed(DT_BOOL, {}, {0}), Fixed(DT_BOOL, {}, {1}),
                F({3, 4}, {1, 1, 0, 1, 2, 1, 1, 2, 3, 3, 2, 5}), F({4}, {0.3, 1.2, 1.2, 12.1}),
                F({2}, {-1, 1})},
    .dtype_attr = "",
    .graph = Graph(
        {Input(0, "DT_FLOAT"),
         Input(1, "DT_FLOAT"),
         Input(2, "DT_FLOAT"),
         Input(3, "DT_FLOAT"),
         Input(4, "DT_FLOAT"),
         Const("epsilon", "DT_FLOAT", {}, {0.01}),
         Const("num_streams", "DT_INT64", {}, {1}),
         Const("num_buckets", "DT_INT64", {}, {4}),
         Node("streams", "BoostedTreesQuantileStreamResourceHandleOp"),
         Node("before", "IsBoostedTreesQuantileStreamResourceInitialized", {"streams"}),
         Node("create", "BoostedTreesCreateQuantileStreamResource",
              {"streams", "epsilon", "num_streams", "^before"}, {{"max_elements", Int(65536)}}),
         Node("initialized", "IsBoostedTreesQuantileStreamResourceInitialized",
              {"streams", "^create"}),
         Node("add", "BoostedTreesQuantileStreamResourceAddSummaries",
              {"streams", "input_0", "^create"}, {{"num_features", Int(1)}}),
         Node("add_more", "BoostedTreesQuantileStreamResourceAddSummaries",
              {"streams", "input_1", "^add"}, {{"num_features", Int(1)}}),
         Node("merged", "BoostedTreesFlushQuantileSummaries", {"streams", "^add_more"},
              {{"num_features", Int(1)}}),
         Node("summary", "BoostedTreesMakeQuantileSummaries", {"input_2", "input_3", "epsilon"},
              {{"num_features", Int(1)}}),
         Node("add_values", "BoostedTreesQuantileStreamResourceAddSummaries",
              {"streams", "summary", "^merged"}, {{"num_features", Int(1)}}),
         Node("flush", "BoostedTreesQuantileStreamResourceFlush",
              {"streams", "num_buckets", "^add_values"}, {{"generate_quantiles", Bool(true)}}),
         Node("quantiles", "BoostedTreesQuantileStreamResourceGetBucketBoundaries",
              {"streams", "^flush"}, {{"num_features", Int(1)}}),
         Node("deserialize", "BoostedTreesQuantileStreamResourceDeserialize",
              {"streams", "input_4", "^quantiles"}, {{"num_streams", Int(1)}}),
         Node("boundaries", "BoostedTreesQuantileStreamResourceGetBucketBoundaries",
              {"streams", "^deserialize"}, {{"num_features", Int(1)}})}),
    .fetches = {"before:0", "initialized:0", "merged:0", "quantiles:0", "boundaries:0"},
    .other_ops = {"BoostedTreesQuantileStreamResourceHandleOp",
                  "IsBoostedTreesQuantileStreamResourceInitialized",
                  "BoostedTreesQuantileStreamResourceAddSummaries",
                  "BoostedTreesFlushQuantileSummaries", "BoostedTreesQuantileStreamResourceFlush",
                  "BoostedTreesQuantileStreamResourceGetBucketBoundaries",
                  "BoostedTreesQuantileStreamResourceDeserialize"}});

}  // namespace
}  // namespace tfjs::runtime::testing
