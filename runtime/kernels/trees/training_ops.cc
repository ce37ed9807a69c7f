// Growing a boosted-trees ensemble: BoostedTreesCenterBias (the bias tree's logit, moved by
// one Newton step of the mean gradient), BoostedTreesUpdateEnsemble and V2 (each node's best
// split among the features' candidates becomes a layer of the last tree, which is finalized,
// maybe post-pruned and followed by a fresh tree at max_depth).
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/trees/split_gains.h"
#include "runtime/kernels/trees/tree_ensemble.h"

namespace tfjs::runtime::trees {
namespace {

constexpr float kLayerByLayerTreeWeight = 1.0f;
constexpr float kMinDeltaForCenterBias = 0.01f;
enum PruningMode { kNoPruning = 0, kPrePruning = 1, kPostPruning = 2 };

absl::StatusOr<float> FloatScalar(const OpContext& context, int index, const char* name) {
  const Tensor& tensor = context.input(index);
  if (tensor.dtype() != tensorflow::DT_FLOAT || tensor.num_elements() != 1) {
    return context.Error(absl::StrCat(name, " must be a float32 scalar"));
  }
  return tensor.data<float>()[0];
}

absl::StatusOr<int32_t> IntScalar(const OpContext& context, int index, const char* name) {
  const Tensor& tensor = context.input(index);
  if (tensor.dtype() != tensorflow::DT_INT32 || tensor.num_elements() != 1) {
    return context.Error(absl::StrCat(name, " must be an int32 scalar"));
  }
  return tensor.data<int32_t>()[0];
}

absl::Status ComputeCenterBias(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
  absl::StatusOr<TreeEnsembleResource*> resource = LookupEnsemble(context, 0);
  if (!resource.ok()) return resource.status();
  const Tensor& mean_gradients = context.input(1);
  const Tensor& mean_hessians = context.input(2);
  if (mean_gradients.dtype() != tensorflow::DT_FLOAT || mean_gradients.rank() != 2 ||
      mean_gradients.num_elements() < 1 || mean_hessians.dtype() != tensorflow::DT_FLOAT ||
      mean_hessians.num_elements() < 1) {
    return context.Error("mean_gradients and mean_hessians must be non-empty float32 [1, logits]");
  }
  absl::StatusOr<float> l1 = FloatScalar(context, 3, "l1");
  if (!l1.ok()) return l1.status();
  absl::StatusOr<float> l2 = FloatScalar(context, 4, "l2");
  if (!l2.ok()) return l2.status();
  std::vector<float> weight;
  float unused_gain;
  CalculateWeightsAndGains({mean_gradients.data<float>()[0]}, {mean_hessians.data<float>()[0]}, *l1,
                           *l2, &weight, &unused_gain);
  const float logits = weight[0];
  absl::MutexLock lock(&(*resource)->mutex);
  ++(*resource)->stamp;
  bt::TreeEnsemble& ensemble = (*resource)->ensemble;
  bool continue_centering = true;
  if (ensemble.trees_size() == 0) {
    AddNewTreeWithLogits(ensemble, kLayerByLayerTreeWeight, {logits});
  } else {
    if (ensemble.trees(0).nodes_size() == 0) return context.Error("the bias tree has no nodes");
    const std::vector<float> biases = NodeValue(ensemble.trees(0).nodes(0));
    if (biases.size() != 1) {
      return context.Error(absl::StrCat("the bias node holds ", biases.size(), " logits, not 1"));
    }
    continue_centering = std::abs(logits / biases[0]) > kMinDeltaForCenterBias;
    ensemble.mutable_trees(0)->mutable_nodes(0)->mutable_leaf()->set_scalar(biases[0] + logits);
  }
  context.set_output(0, Tensor::Scalar<bool>(tensorflow::DT_BOOL, continue_centering));
  return absl::OkStatus();
}

// The per-feature candidate lists of UpdateEnsemble(V2), by input position.
struct CandidateInputs {
  int num_features;
  int feature_ids;    // One vector (V1) or the first of the groups (V2).
  int dimension_ids;  // -1 in V1.
  int node_ids, gains, thresholds, left, right;
  int split_types;  // -1 in V1.
  int max_depth, learning_rate;
  int pruning_mode;  // -1 in V1 (an attr there).
};

struct Candidate {
  SplitCandidate split;
  int64_t candidate_idx = 0;
};

class UpdateEnsembleKernel : public Kernel {
 public:
  UpdateEnsembleKernel(CandidateInputs inputs, int logits_dim, int pruning_mode)
      : in_(inputs), logits_dim_(logits_dim), pruning_mode_(pruning_mode) {}

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<TreeEnsembleResource*> resource = LookupEnsemble(context, 0);
    if (!resource.ok()) return resource.status();
    absl::StatusOr<int32_t> max_depth = IntScalar(context, in_.max_depth, "max_depth");
    if (!max_depth.ok()) return max_depth.status();
    absl::StatusOr<float> learning_rate = FloatScalar(context, in_.learning_rate, "learning_rate");
    if (!learning_rate.ok()) return learning_rate.status();
    int pruning_mode = pruning_mode_;
    if (in_.pruning_mode >= 0) {
      absl::StatusOr<int32_t> mode = IntScalar(context, in_.pruning_mode, "pruning_mode");
      if (!mode.ok()) return mode.status();
      pruning_mode = *mode;
    }
    std::map<int32_t, Candidate> best_splits;
    if (absl::Status status = FindBestSplits(context, *learning_rate, &best_splits); !status.ok()) {
      return status;
    }
    absl::MutexLock lock(&(*resource)->mutex);
    ++(*resource)->stamp;
    bt::TreeEnsemble& ensemble = (*resource)->ensemble;
    // Every split must turn a leaf of the growing tree (a fresh one-leaf tree when empty).
    const bool empty = ensemble.trees_size() == 0;
    for (const auto& [node_id, candidate] : best_splits) {
      const bool valid =
          empty
              ? node_id == 0
              : node_id >= 0 && node_id < ensemble.trees(ensemble.trees_size() - 1).nodes_size() &&
                    ensemble.trees(ensemble.trees_size() - 1).nodes(node_id).has_leaf();
      if (!valid) {
        return context.Error(absl::StrCat("node ", node_id, " is not a leaf of the growing tree"));
      }
    }
    const int32_t num_trees = ensemble.trees_size();
    int32_t current_tree = num_trees - 1;
    UpdateGrowingMetadata(ensemble);
    if (num_trees <= 0) {
      current_tree = AddNewTreeWithLogits(ensemble, kLayerByLayerTreeWeight,
                                          std::vector<float>(logits_dim_, 0.0f));
    }
    if (best_splits.empty()) return absl::OkStatus();  // No good splits: nothing grows.
    if (current_tree >= ensemble.tree_metadata_size()) {
      return context.Error(absl::StrCat("tree ", current_tree, " has no metadata"));
    }
    const int32_t new_num_layers = ensemble.tree_metadata(current_tree).num_layers_grown() + 1;
    bool split_happened = false;
    int32_t node_id_start = ensemble.trees(current_tree).nodes_size();
    for (const auto& [node_id, candidate] : best_splits) {
      if (pruning_mode == kPrePruning && candidate.split.gain < 0) continue;
      AddSplit(ensemble, current_tree, node_id, candidate.split);
      split_happened = true;
    }
    int32_t node_id_end = ensemble.trees(current_tree).nodes_size();
    if (!split_happened) return absl::OkStatus();
    bt::TreeMetadata* metadata = ensemble.mutable_tree_metadata(current_tree);
    metadata->set_num_layers_grown(new_num_layers);
    if (new_num_layers >= *max_depth) {
      // A finalized tree: the next layer starts a new tree at its root.
      node_id_start = 0;
      node_id_end = 1;
      metadata->set_is_finalized(true);
      if (pruning_mode == kPostPruning) PostPruneTree(ensemble, current_tree, logits_dim_);
      AddNewTreeWithLogits(ensemble, kLayerByLayerTreeWeight,
                           std::vector<float>(logits_dim_, 0.0f));
    }
    ensemble.mutable_growing_metadata()->set_last_layer_node_start(node_id_start);
    ensemble.mutable_growing_metadata()->set_last_layer_node_end(node_id_end);
    return absl::OkStatus();
  }

 private:
  void AddSplit(bt::TreeEnsemble& ensemble, int32_t tree_id, int32_t node_id,
                const SplitCandidate& candidate) const {
    int32_t left_id, right_id;
    bt::Node* node =
        AddSplitNodes(ensemble, tree_id, node_id, candidate, logits_dim_, &left_id, &right_id);
    if (candidate.split_type == "EQUALITY_DEFAULT_RIGHT") {
      bt::CategoricalSplit* split = node->mutable_categorical_split();
      split->set_feature_id(static_cast<int32_t>(candidate.feature_id));
      split->set_value(candidate.threshold);
      split->set_dimension_id(candidate.dimension_id);
      split->set_left_id(left_id);
      split->set_right_id(right_id);
      return;
    }
    bt::BucketizedSplit* split = node->mutable_bucketized_split();
    split->set_feature_id(static_cast<int32_t>(candidate.feature_id));
    split->set_threshold(candidate.threshold);
    split->set_dimension_id(candidate.dimension_id);
    split->set_left_id(left_id);
    split->set_right_id(right_id);
    split->set_default_direction(
        candidate.split_type == "INEQUALITY_DEFAULT_RIGHT" ? bt::DEFAULT_RIGHT : bt::DEFAULT_LEFT);
  }

  // The best candidate per node over all features: larger gain, ties to the smaller feature id.
  absl::Status FindBestSplits(const OpContext& context, float learning_rate,
                              std::map<int32_t, Candidate>* best) const {
    const Tensor& feature_ids = context.input(in_.feature_ids);
    if (feature_ids.dtype() != tensorflow::DT_INT32 ||
        feature_ids.num_elements() < in_.num_features) {
      return context.Error(absl::StrCat("feature_ids must hold ", in_.num_features, " int32s"));
    }
    for (int f = 0; f < in_.num_features; ++f) {
      const Tensor& node_ids = context.input(in_.node_ids + f);
      const int64_t n = node_ids.num_elements();
      const Tensor& gains = context.input(in_.gains + f);
      const Tensor& thresholds = context.input(in_.thresholds + f);
      const Tensor& left = context.input(in_.left + f);
      const Tensor& right = context.input(in_.right + f);
      const bool shapes_ok =
          node_ids.dtype() == tensorflow::DT_INT32 && gains.num_elements() == n &&
          gains.dtype() == tensorflow::DT_FLOAT && thresholds.num_elements() == n &&
          thresholds.dtype() == tensorflow::DT_INT32 && left.rank() == 2 && left.dim(0) == n &&
          left.dim(1) >= logits_dim_ && left.shape() == right.shape() &&
          left.dtype() == tensorflow::DT_FLOAT && right.dtype() == tensorflow::DT_FLOAT;
      const Tensor* dimension_ids =
          in_.dimension_ids >= 0 ? &context.input(in_.dimension_ids + f) : nullptr;
      const Tensor* split_types =
          in_.split_types >= 0 ? &context.input(in_.split_types + f) : nullptr;
      if (!shapes_ok ||
          (dimension_ids != nullptr && (dimension_ids->num_elements() != n ||
                                        dimension_ids->dtype() != tensorflow::DT_INT32)) ||
          (split_types != nullptr &&
           (split_types->num_elements() != n || split_types->dtype() != tensorflow::DT_STRING))) {
        return context.Error(absl::StrCat("the candidates of feature ", f,
                                          " disagree in count, dtype or logits dimension"));
      }
      const int64_t cols = left.dim(1);
      for (int64_t i = 0; i < n; ++i) {
        Candidate candidate;
        candidate.candidate_idx = i;
        SplitCandidate& split = candidate.split;
        split.feature_id = feature_ids.data<int32_t>()[f];
        split.gain = gains.data<float>()[i];
        split.threshold = thresholds.data<int32_t>()[i];
        split.dimension_id = dimension_ids != nullptr ? dimension_ids->data<int32_t>()[i] : 0;
        split.split_type =
            split_types != nullptr ? split_types->strings()[i] : "INEQUALITY_DEFAULT_LEFT";
        bt::SplitTypeWithDefault parsed;
        if (!bt::SplitTypeWithDefault_Parse(split.split_type, &parsed)) {
          return context.Error(absl::StrCat("unknown split type '", split.split_type, "'"));
        }
        for (int j = 0; j < logits_dim_; ++j) {
          split.left_node_contribs.push_back(learning_rate * left.data<float>()[i * cols + j]);
          split.right_node_contribs.push_back(learning_rate * right.data<float>()[i * cols + j]);
        }
        const int32_t node_id = node_ids.data<int32_t>()[i];
        auto it = best->find(node_id);
        if (it != best->end() && GainsAreEqual(split.gain, it->second.split.gain)) {
          if (split.feature_id < it->second.split.feature_id) it->second = std::move(candidate);
        } else if (it == best->end() || GainIsLarger(split.gain, it->second.split.gain)) {
          (*best)[node_id] = std::move(candidate);
        }
      }
    }
    return absl::OkStatus();
  }

  CandidateInputs in_;
  int logits_dim_;
  int pruning_mode_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildUpdateEnsemble(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> num_features = context.attrs.GetInt("num_features");
  if (!num_features.ok()) return num_features.status();
  absl::StatusOr<int64_t> pruning_mode = context.attrs.GetInt("pruning_mode");
  if (!pruning_mode.ok()) return pruning_mode.status();
  const int n = static_cast<int>(*num_features);
  const CandidateInputs inputs{n,         1,         -1, 2,         2 + n,     2 + 2 * n,
                               2 + 3 * n, 2 + 4 * n, -1, 2 + 5 * n, 3 + 5 * n, -1};
  return std::make_unique<UpdateEnsembleKernel>(inputs, 1, static_cast<int>(*pruning_mode));
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildUpdateEnsembleV2(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> num_features = context.attrs.GetInt("num_features");
  if (!num_features.ok()) return num_features.status();
  absl::StatusOr<int64_t> logits_dim = context.attrs.GetInt("logits_dimension");
  if (!logits_dim.ok()) return logits_dim.status();
  absl::StatusOr<int64_t> num_groups = context.attrs.GetInt("num_groups");
  if (!num_groups.ok()) return num_groups.status();
  if (*logits_dim < 1 || *num_groups < 1) {
    return context.Error("logits_dimension and num_groups must be at least 1");
  }
  const int n = static_cast<int>(*num_features);
  const int g = static_cast<int>(*num_groups);
  // feature_ids (groups; the first is read), dimension_ids, node_ids, gains, thresholds, left,
  // right, split_types, max_depth, learning_rate, pruning_mode.
  const CandidateInputs inputs{n,
                               1,
                               1 + g,
                               1 + g + n,
                               1 + g + 2 * n,
                               1 + g + 3 * n,
                               1 + g + 4 * n,
                               1 + g + 5 * n,
                               1 + g + 6 * n,
                               1 + g + 7 * n,
                               2 + g + 7 * n,
                               3 + g + 7 * n};
  return std::make_unique<UpdateEnsembleKernel>(inputs, static_cast<int>(*logits_dim), 0);
}

REGISTER_KERNEL("BoostedTreesCenterBias", ComputeCenterBias);
REGISTER_KERNEL_FACTORY("BoostedTreesUpdateEnsemble", BuildUpdateEnsemble);
REGISTER_KERNEL_FACTORY("BoostedTreesUpdateEnsembleV2", BuildUpdateEnsembleV2);

}  // namespace
}  // namespace tfjs::runtime::trees
