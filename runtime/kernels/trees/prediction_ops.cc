// Boosted-trees prediction: BoostedTreesPredict (the weighted sum of every tree's leaf),
// BoostedTreesTrainingPredict (the same, continued from cached tree and node ids) and
// BoostedTreesExampleDebugOutputs (each example's split features and logits path, serialized).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/trees/tree_ensemble.h"

namespace tfjs::runtime::trees {
namespace {

constexpr int kHandle = 0;
// BoostedTreesTrainingPredict's inputs after the handle.
constexpr int kCachedTreeIds = 1;
constexpr int kCachedNodeIds = 2;

struct PredictAttrs {
  int num_features = 0;
  int logits_dimension = 1;
};

absl::StatusOr<PredictAttrs> ReadPredictAttrs(const KernelBuildContext& context,
                                              bool one_logit_only) {
  absl::StatusOr<int64_t> num_features = context.attrs.GetInt("num_bucketized_features");
  if (!num_features.ok()) return num_features.status();
  absl::StatusOr<int64_t> logits_dimension = context.attrs.GetInt("logits_dimension");
  if (!logits_dimension.ok()) return logits_dimension.status();
  if (*logits_dimension < 1) return context.Error("logits_dimension must be at least 1");
  if (one_logit_only && *logits_dimension != 1) {
    return context.Error("Currently only one dimensional outputs are supported.");
  }
  return PredictAttrs{static_cast<int>(*num_features), static_cast<int>(*logits_dimension)};
}

// The logits of leaf `node_id`, which must have `logits_dimension` values.
absl::StatusOr<std::vector<float>> LeafLogits(const OpContext& context,
                                              const bt::TreeEnsemble& ensemble, int32_t tree_id,
                                              int32_t node_id, int logits_dimension) {
  std::vector<float> logits = NodeValue(ensemble.trees(tree_id).nodes(node_id));
  if (static_cast<int>(logits.size()) != logits_dimension) {
    return context.Error(absl::StrCat("Expected leaf_logits.size() == logits_dimension_, got ",
                                      logits.size(), " vs ", logits_dimension));
  }
  return logits;
}

class PredictKernel : public Kernel {
 public:
  explicit PredictKernel(PredictAttrs attrs) : attrs_(attrs) {}

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<TreeEnsembleResource*> resource = LookupEnsemble(context, kHandle);
    if (!resource.ok()) return resource.status();
    absl::StatusOr<BucketizedFeatures> features =
        ReadBucketizedFeatures(context, kHandle + 1, attrs_.num_features);
    if (!features.ok()) return features.status();
    const int dims = attrs_.logits_dimension;
    Tensor logits = *Tensor::Zeros(tensorflow::DT_FLOAT, {features->batch, dims});
    float* out = logits.mutable_data<float>();
    absl::MutexLock lock(&(*resource)->mutex);
    const bt::TreeEnsemble& ensemble = (*resource)->ensemble;
    const int32_t last_tree = ensemble.trees_size() - 1;
    for (int64_t i = 0; last_tree >= 0 && i < features->batch; ++i) {
      int32_t tree_id = 0;
      int32_t node_id = 0;
      while (true) {
        if (absl::Status status = CheckNode(context, ensemble, tree_id, node_id); !status.ok()) {
          return status;
        }
        if (!ensemble.trees(tree_id).nodes(node_id).has_leaf()) {
          absl::StatusOr<int32_t> next =
              NextNode(context, ensemble, tree_id, node_id, i, *features);
          if (!next.ok()) return next.status();
          node_id = *next;
          continue;
        }
        absl::StatusOr<float> weight = TreeWeight(context, ensemble, tree_id);
        if (!weight.ok()) return weight.status();
        absl::StatusOr<std::vector<float>> leaf =
            LeafLogits(context, ensemble, tree_id, node_id, dims);
        if (!leaf.ok()) return leaf.status();
        for (int j = 0; j < dims; ++j) out[i * dims + j] += *weight * (*leaf)[j];
        if (tree_id == last_tree) break;
        ++tree_id;
        node_id = 0;
      }
    }
    context.set_output(0, std::move(logits));
    return absl::OkStatus();
  }

 private:
  PredictAttrs attrs_;
};

// Continues each example from its cached (tree, node): the cached node's logits are taken back
// out (it was counted already) unless it is still the leaf it was, and post-pruning moves it.
class TrainingPredictKernel : public Kernel {
 public:
  explicit TrainingPredictKernel(PredictAttrs attrs) : attrs_(attrs) {}

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<TreeEnsembleResource*> resource = LookupEnsemble(context, kHandle);
    if (!resource.ok()) return resource.status();
    absl::StatusOr<BucketizedFeatures> features =
        ReadBucketizedFeatures(context, kCachedNodeIds + 1, attrs_.num_features);
    if (!features.ok()) return features.status();
    const Tensor& cached_tree_ids = context.input(kCachedTreeIds);
    const Tensor& cached_node_ids = context.input(kCachedNodeIds);
    for (const Tensor* ids : {&cached_tree_ids, &cached_node_ids}) {
      const char* name = ids == &cached_tree_ids ? "cached_tree_ids" : "cached_node_ids";
      if (ids->dtype() != tensorflow::DT_INT32 || ids->rank() != 1) {
        return context.Error(absl::StrCat(name, " must be an int32 vector, received shape ",
                                          ShapeString(ids->shape())));
      }
      if (ids->dim(0) != features->batch) {
        return context.Error(
            absl::StrCat(name, " has ", ids->dim(0), " ids for a batch of ", features->batch));
      }
    }
    const int64_t batch = features->batch;
    const int dims = attrs_.logits_dimension;
    Tensor partial_logits = *Tensor::Zeros(tensorflow::DT_FLOAT, {batch, dims});
    Tensor tree_ids = *Tensor::Allocate(tensorflow::DT_INT32, {batch});
    Tensor node_ids = *Tensor::Zeros(tensorflow::DT_INT32, {batch});
    absl::MutexLock lock(&(*resource)->mutex);
    const bt::TreeEnsemble& ensemble = (*resource)->ensemble;
    const int32_t latest_tree = ensemble.trees_size() - 1;
    for (int64_t i = 0; i < batch; ++i) {
      if (latest_tree < 0) {
        // An empty ensemble: zero logits, the cached trees, the first node.
        tree_ids.mutable_data<int32_t>()[i] = cached_tree_ids.data<int32_t>()[i];
        continue;
      }
      tree_ids.mutable_data<int32_t>()[i] = latest_tree;
      absl::StatusOr<std::vector<float>> logits = Continue(
          context, ensemble, latest_tree, cached_tree_ids.data<int32_t>()[i],
          cached_node_ids.data<int32_t>()[i], i, *features, &node_ids.mutable_data<int32_t>()[i]);
      if (!logits.ok()) return logits.status();
      for (int j = 0; j < dims; ++j)
        partial_logits.mutable_data<float>()[i * dims + j] = (*logits)[j];
    }
    context.set_output(0, std::move(partial_logits));
    context.set_output(1, std::move(tree_ids));
    context.set_output(2, std::move(node_ids));
    return absl::OkStatus();
  }

 private:
  absl::StatusOr<std::vector<float>> Continue(const OpContext& context,
                                              const bt::TreeEnsemble& ensemble, int32_t latest_tree,
                                              int32_t tree_id, int32_t node_id, int64_t example,
                                              const BucketizedFeatures& features,
                                              int32_t* final_node_id) const {
    const int dims = attrs_.logits_dimension;
    std::vector<float> partial_tree_logits(dims, 0.0f);
    if (node_id >= 0) {
      if (absl::Status status = GetPostPruneCorrection(context, ensemble, tree_id, node_id,
                                                       &node_id, &partial_tree_logits);
          !status.ok()) {
        return status;
      }
      if (absl::Status status = CheckNode(context, ensemble, tree_id, node_id); !status.ok()) {
        return status;
      }
      const std::vector<float> node_logits = NodeValue(ensemble.trees(tree_id).nodes(node_id));
      if (!node_logits.empty()) {
        if (static_cast<int>(node_logits.size()) != dims) {
          return context.Error(
              absl::StrCat("Expected node_logits.size() == logits_dimension_, got ",
                           node_logits.size(), " vs ", dims));
        }
        for (int j = 0; j < dims; ++j) partial_tree_logits[j] -= node_logits[j];
      }
    } else {
      node_id = 0;
    }
    std::vector<float> all_logits(dims, 0.0f);
    while (true) {
      if (absl::Status status = CheckNode(context, ensemble, tree_id, node_id); !status.ok()) {
        return status;
      }
      if (!ensemble.trees(tree_id).nodes(node_id).has_leaf()) {
        absl::StatusOr<int32_t> next =
            NextNode(context, ensemble, tree_id, node_id, example, features);
        if (!next.ok()) return next.status();
        node_id = *next;
        continue;
      }
      absl::StatusOr<float> weight = TreeWeight(context, ensemble, tree_id);
      if (!weight.ok()) return weight.status();
      absl::StatusOr<std::vector<float>> leaf =
          LeafLogits(context, ensemble, tree_id, node_id, dims);
      if (!leaf.ok()) return leaf.status();
      for (int j = 0; j < dims; ++j) {
        all_logits[j] += *weight * (partial_tree_logits[j] + (*leaf)[j]);
        partial_tree_logits[j] = 0;
      }
      if (tree_id >= latest_tree) break;
      ++tree_id;
      node_id = 0;
    }
    *final_node_id = node_id;
    return all_logits;
  }

  PredictAttrs attrs_;
};

// The single logit of a node on an example's path; Internal-style error for vector leaves.
absl::StatusOr<float> PathLogit(const OpContext& context, const bt::TreeEnsemble& ensemble,
                                int32_t tree_id, int32_t node_id) {
  const std::vector<float> logits = NodeValue(ensemble.trees(tree_id).nodes(node_id));
  if (logits.size() != 1) {
    return context.Error(absl::StrCat("Expected tree_logits.size() == 1, got ", logits.size()));
  }
  absl::StatusOr<float> weight = TreeWeight(context, ensemble, tree_id);
  if (!weight.ok()) return weight.status();
  return *weight * logits[0];
}

class DebugOutputsKernel : public Kernel {
 public:
  explicit DebugOutputsKernel(PredictAttrs attrs) : attrs_(attrs) {}

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<TreeEnsembleResource*> resource = LookupEnsemble(context, kHandle);
    if (!resource.ok()) return resource.status();
    absl::StatusOr<BucketizedFeatures> features =
        ReadBucketizedFeatures(context, kHandle + 1, attrs_.num_features);
    if (!features.ok()) return features.status();
    std::vector<std::string> serialized(features->batch);
    absl::MutexLock lock(&(*resource)->mutex);
    const bt::TreeEnsemble& ensemble = (*resource)->ensemble;
    for (int64_t i = 0; i < features->batch; ++i) {
      absl::StatusOr<std::string> output = DebugOutput(context, ensemble, i, *features);
      if (!output.ok()) return output.status();
      serialized[i] = *std::move(output);
    }
    context.set_output(0, Tensor::Strings({features->batch}, std::move(serialized)));
    return absl::OkStatus();
  }

 private:
  // The path's logits start with the bias tree's root; each split adds its feature and the
  // logits after it (plus the earlier trees' leaves); each tree adds its leaf's id.
  static absl::StatusOr<std::string> DebugOutput(const OpContext& context,
                                                 const bt::TreeEnsemble& ensemble, int64_t example,
                                                 const BucketizedFeatures& features) {
    if (absl::Status status = CheckNode(context, ensemble, 0, 0); !status.ok()) return status;
    bt::DebugOutput debug;
    absl::StatusOr<float> tree_logit = PathLogit(context, ensemble, 0, 0);
    if (!tree_logit.ok()) return tree_logit.status();
    debug.add_logits_path(*tree_logit);
    float past_trees_logit = 0;
    int32_t tree_id = 0;
    int32_t node_id = 0;
    while (tree_id < ensemble.trees_size()) {
      const bt::Node& node = ensemble.trees(tree_id).nodes(node_id);
      if (node.has_leaf()) {
        if (tree_id == 0 || node_id > 0) past_trees_logit += *tree_logit;
        debug.add_leaf_node_ids(node_id);
        ++tree_id;
        node_id = 0;
        if (tree_id < ensemble.trees_size()) {
          if (absl::Status status = CheckNode(context, ensemble, tree_id, 0); !status.ok()) {
            return status;
          }
        }
        continue;
      }
      debug.add_feature_ids(node.has_bucketized_split() ? node.bucketized_split().feature_id()
                                                        : node.categorical_split().feature_id());
      absl::StatusOr<int32_t> next =
          NextNode(context, ensemble, tree_id, node_id, example, features);
      if (!next.ok()) return next.status();
      node_id = *next;
      tree_logit = PathLogit(context, ensemble, tree_id, node_id);
      if (!tree_logit.ok()) return tree_logit.status();
      debug.add_logits_path(*tree_logit + past_trees_logit);
    }
    return debug.SerializeAsString();
  }

  PredictAttrs attrs_;
};

template <typename KernelType, bool kOneLogitOnly>
absl::StatusOr<std::unique_ptr<Kernel>> Build(const KernelBuildContext& context) {
  absl::StatusOr<PredictAttrs> attrs = ReadPredictAttrs(context, kOneLogitOnly);
  if (!attrs.ok()) return attrs.status();
  return std::make_unique<KernelType>(*attrs);
}

REGISTER_KERNEL_FACTORY("BoostedTreesPredict", (Build<PredictKernel, false>));
REGISTER_KERNEL_FACTORY("BoostedTreesTrainingPredict", (Build<TrainingPredictKernel, false>));
REGISTER_KERNEL_FACTORY("BoostedTreesExampleDebugOutputs", (Build<DebugOutputsKernel, true>));

}  // namespace
}  // namespace tfjs::runtime::trees
