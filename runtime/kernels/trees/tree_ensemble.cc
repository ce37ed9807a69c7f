// The boosted-trees ensemble resource: lookup, the tree walk and TF's ensemble edits.
#include "runtime/kernels/trees/tree_ensemble.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::trees {
namespace {

// The children of a bucketized or categorical split; false for other nodes.
bool SplitChildren(const bt::Node& node, int32_t* left_id, int32_t* right_id) {
  switch (node.node_case()) {
    case bt::Node::kBucketizedSplit:
      *left_id = node.bucketized_split().left_id();
      *right_id = node.bucketized_split().right_id();
      return true;
    case bt::Node::kCategoricalSplit:
      *left_id = node.categorical_split().left_id();
      *right_id = node.categorical_split().right_id();
      return true;
    default:
      return false;
  }
}

void SetSplitChildren(bt::Node& node, int32_t left_id, int32_t right_id) {
  if (node.has_bucketized_split()) {
    node.mutable_bucketized_split()->set_left_id(left_id);
    node.mutable_bucketized_split()->set_right_id(right_id);
  } else if (node.has_categorical_split()) {
    node.mutable_categorical_split()->set_left_id(left_id);
    node.mutable_categorical_split()->set_right_id(right_id);
  }
}

// Per node: the node it was pruned into (itself when kept) and parent minus own logits.
using PruneChanges = std::vector<std::pair<int32_t, std::vector<float>>>;

void PreparePostPrune(bt::Tree& tree, int32_t node_id, std::vector<int32_t>& nodes_to_delete,
                      PruneChanges& changes) {
  bt::Node* node = tree.mutable_nodes(node_id);
  int32_t left_id, right_id;
  if (!SplitChildren(*node, &left_id, &right_id)) return;
  // A malformed tree (children out of range or not after their parent) is left as it is.
  if (left_id <= node_id || right_id <= node_id || left_id >= tree.nodes_size() ||
      right_id >= tree.nodes_size()) {
    return;
  }
  PreparePostPrune(tree, left_id, nodes_to_delete, changes);
  PreparePostPrune(tree, right_id, nodes_to_delete, changes);
  const bool children_are_leaves =
      tree.nodes(left_id).has_leaf() && tree.nodes(right_id).has_leaf();
  if (!(node->metadata().gain() < 0 && children_are_leaves)) return;
  nodes_to_delete.push_back(left_id);
  nodes_to_delete.push_back(right_id);
  const bool had_original_leaf = node->metadata().has_original_leaf();
  *node->mutable_leaf() = node->metadata().original_leaf();
  changes[left_id].first = node_id;
  changes[right_id].first = node_id;
  const std::vector<float> left_values = NodeValue(tree.nodes(left_id));
  const std::vector<float> right_values = NodeValue(tree.nodes(right_id));
  std::vector<float> parent_values(left_values.size(), 0.0f);
  if (had_original_leaf) parent_values = NodeValue(*node);
  for (size_t i = 0; i < parent_values.size(); ++i) {
    const float left = i < left_values.size() ? left_values[i] : 0.0f;
    const float right = i < right_values.size() ? right_values[i] : 0.0f;
    changes[left_id].second.push_back(parent_values[i] - left);
    changes[right_id].second.push_back(parent_values[i] - right);
  }
  node->clear_metadata();
}

// The kept node a pruned node ended in, and the sum of the logit changes on the way there.
int32_t PrunedParentAndChange(int32_t start, const PruneChanges& changes,
                              std::vector<float>* total) {
  total->assign(changes[start].second.size(), 0.0f);
  int32_t node_id = start;
  int32_t parent = changes[node_id].first;
  while (parent != node_id) {
    for (size_t i = 0; i < total->size() && i < changes[node_id].second.size(); ++i) {
      (*total)[i] += changes[node_id].second[i];
    }
    node_id = parent;
    parent = changes[node_id].first;
  }
  return parent;
}

}  // namespace

absl::StatusOr<TreeEnsembleResource*> LookupEnsemble(const OpContext& context, int index) {
  TreeEnsembleResource* resource = context.input(index).resource<TreeEnsembleResource>();
  if (resource == nullptr) {
    return context.Error(absl::StrCat("input ", index, " is not a tree ensemble handle"));
  }
  absl::MutexLock lock(&resource->mutex);
  if (!resource->created) {
    return absl::NotFoundError(absl::StrCat("node '", context.node().name(), "' (",
                                            context.node().op(),
                                            "): the tree ensemble does not exist (run "
                                            "BoostedTreesCreateEnsemble first)"));
  }
  return resource;
}

absl::StatusOr<BucketizedFeatures> ReadBucketizedFeatures(const OpContext& context, int first,
                                                          int count) {
  if (count < 1 || context.num_inputs() < first + count) {
    return context.Error(absl::StrCat("expected ", count, " bucketized features, got ",
                                      context.num_inputs() - first));
  }
  BucketizedFeatures features;
  for (int i = 0; i < count; ++i) {
    const Tensor& tensor = context.input(first + i);
    if (tensor.dtype() != tensorflow::DT_INT32) {
      return context.Error(absl::StrCat("bucketized feature ", i, " must be int32, got ",
                                        DataTypeName(tensor.dtype())));
    }
    if (tensor.rank() != 1 && tensor.rank() != 2) {
      return context.Error(
          absl::StrCat("Cannot use tensor as matrix, expected vector or matrix, received shape ",
                       ShapeString(tensor.shape())));
    }
    if (i == 0) features.batch = tensor.dim(0);
    if (tensor.dim(0) != features.batch) {
      return context.Error(absl::StrCat("bucketized feature ", i, " has batch ", tensor.dim(0),
                                        ", feature 0 has ", features.batch));
    }
    features.values.push_back(tensor.data<int32_t>());
    features.dims.push_back(tensor.rank() == 2 ? tensor.dim(1) : 1);
  }
  return features;
}

absl::Status CheckNode(const OpContext& context, const bt::TreeEnsemble& ensemble, int32_t tree_id,
                       int32_t node_id) {
  if (tree_id < 0 || tree_id >= ensemble.trees_size()) {
    return context.Error(absl::StrCat("tree id ", tree_id, " is out of range for an ensemble of ",
                                      ensemble.trees_size(), " trees"));
  }
  if (node_id < 0 || node_id >= ensemble.trees(tree_id).nodes_size()) {
    return context.Error(absl::StrCat("node id ", node_id, " is out of range for tree ", tree_id,
                                      " of ", ensemble.trees(tree_id).nodes_size(), " nodes"));
  }
  return absl::OkStatus();
}

absl::StatusOr<float> TreeWeight(const OpContext& context, const bt::TreeEnsemble& ensemble,
                                 int32_t tree_id) {
  if (tree_id >= ensemble.tree_weights_size()) {
    return context.Error(absl::StrCat("the ensemble has no weight for tree ", tree_id));
  }
  return ensemble.tree_weights(tree_id);
}

absl::StatusOr<int32_t> NextNode(const OpContext& context, const bt::TreeEnsemble& ensemble,
                                 int32_t tree_id, int32_t node_id, int64_t example,
                                 const BucketizedFeatures& features) {
  const bt::Node& node = ensemble.trees(tree_id).nodes(node_id);
  int32_t feature_id, dimension_id, left_id, right_id;
  if (node.has_bucketized_split()) {
    feature_id = node.bucketized_split().feature_id();
    dimension_id = node.bucketized_split().dimension_id();
  } else if (node.has_categorical_split()) {
    feature_id = node.categorical_split().feature_id();
    dimension_id = node.categorical_split().dimension_id();
  } else {
    return context.Error(absl::StrCat("node ", node_id, " of tree ", tree_id,
                                      " is neither a leaf nor a bucketized or categorical split"));
  }
  SplitChildren(node, &left_id, &right_id);
  if (feature_id < 0 || feature_id >= static_cast<int32_t>(features.values.size())) {
    return context.Error(absl::StrCat("node ", node_id, " of tree ", tree_id, " splits on feature ",
                                      feature_id, " of ", features.values.size()));
  }
  if (dimension_id < 0 || dimension_id >= features.dims[feature_id]) {
    return context.Error(absl::StrCat("node ", node_id, " of tree ", tree_id,
                                      " splits on dimension ", dimension_id, " of feature ",
                                      feature_id, ", which has ", features.dims[feature_id]));
  }
  const int32_t value =
      features.values[feature_id][example * features.dims[feature_id] + dimension_id];
  const bool left = node.has_bucketized_split() ? value <= node.bucketized_split().threshold()
                                                : value == node.categorical_split().value();
  const int32_t next = left ? left_id : right_id;
  if (absl::Status status = CheckNode(context, ensemble, tree_id, next); !status.ok()) {
    return status;
  }
  // Node ids grow down the tree; a child at or before its parent would loop forever.
  if (next <= node_id) {
    return context.Error(absl::StrCat("node ", node_id, " of tree ", tree_id, " has child ", next,
                                      ", which does not come after it"));
  }
  return next;
}

std::vector<float> NodeValue(const bt::Node& node) {
  const bt::Leaf* leaf = nullptr;
  if (node.has_leaf()) {
    leaf = &node.leaf();
  } else if (node.metadata().has_original_leaf()) {
    leaf = &node.metadata().original_leaf();
  } else {
    return {};
  }
  if (leaf->has_vector()) return {leaf->vector().value().begin(), leaf->vector().value().end()};
  return {leaf->scalar()};
}

int32_t AddNewTreeWithLogits(bt::TreeEnsemble& ensemble, float weight,
                             const std::vector<float>& logits) {
  const int32_t tree_id = ensemble.trees_size();
  bt::Leaf* leaf = ensemble.add_trees()->add_nodes()->mutable_leaf();
  if (logits.size() == 1) {
    leaf->set_scalar(logits[0]);
  } else {
    for (float logit : logits) leaf->mutable_vector()->add_value(logit);
  }
  ensemble.add_tree_weights(weight);
  ensemble.add_tree_metadata();
  return tree_id;
}

bt::Node* AddSplitNodes(bt::TreeEnsemble& ensemble, int32_t tree_id, int32_t node_id,
                        const SplitCandidate& candidate, int logits_dimension, int32_t* left_id,
                        int32_t* right_id) {
  bt::Tree* tree = ensemble.mutable_trees(tree_id);
  *left_id = tree->nodes_size();
  *right_id = *left_id + 1;
  bt::Node* left = tree->add_nodes();
  bt::Node* right = tree->add_nodes();
  bt::Node* node = tree->mutable_nodes(node_id);
  const bool has_leaf_value =
      node->has_leaf() &&
      ((logits_dimension == 1 && node->leaf().scalar() != 0) || node->leaf().has_vector());
  // The root's zero leaf is not kept as the original leaf; every other node's leaf is.
  if (node_id != 0 || has_leaf_value) {
    node->mutable_metadata()->mutable_original_leaf()->Swap(node->mutable_leaf());
  }
  node->mutable_metadata()->set_gain(candidate.gain);
  const bt::Leaf& previous = node->metadata().original_leaf();
  if (logits_dimension == 1) {
    left->mutable_leaf()->set_scalar(previous.scalar() + candidate.left_node_contribs[0]);
    right->mutable_leaf()->set_scalar(previous.scalar() + candidate.right_node_contribs[0]);
  } else {
    for (int i = 0; i < logits_dimension; ++i) {
      const float previous_value =
          has_leaf_value && i < previous.vector().value_size() ? previous.vector().value(i) : 0.0f;
      left->mutable_leaf()->mutable_vector()->add_value(previous_value +
                                                        candidate.left_node_contribs[i]);
      right->mutable_leaf()->mutable_vector()->add_value(previous_value +
                                                         candidate.right_node_contribs[i]);
    }
  }
  return node;
}

void UpdateGrowingMetadata(bt::TreeEnsemble& ensemble) {
  bt::GrowingMetadata* growing = ensemble.mutable_growing_metadata();
  growing->set_num_layers_attempted(growing->num_layers_attempted() + 1);
  const int num_trees = ensemble.trees_size();
  // A new tree is attempted when the ensemble is empty or the last tree is an unsplit dummy
  // after a finalized one.
  if (num_trees <= 0 || ((num_trees == 1 || ensemble.tree_metadata(num_trees - 2).is_finalized()) &&
                         ensemble.trees(num_trees - 1).nodes_size() == 1)) {
    growing->set_num_trees_attempted(growing->num_trees_attempted() + 1);
  }
}

void PostPruneTree(bt::TreeEnsemble& ensemble, int32_t tree_id, int logits_dimension) {
  bt::Tree* tree = ensemble.mutable_trees(tree_id);
  const int32_t num_nodes = tree->nodes_size();
  if (num_nodes == 0) return;
  std::vector<int32_t> nodes_to_delete;
  PruneChanges changes;
  changes.reserve(num_nodes);
  for (int32_t i = 0; i < num_nodes; ++i) changes.emplace_back(i, std::vector<float>());
  PreparePostPrune(*tree, 0, nodes_to_delete, changes);
  if (nodes_to_delete.empty()) return;
  std::sort(nodes_to_delete.begin(), nodes_to_delete.end());

  std::map<int32_t, int32_t> old_to_new_ids;
  auto* meta = ensemble.mutable_tree_metadata(tree_id)->mutable_post_pruned_nodes_meta();
  size_t next_deleted = 0;
  int32_t new_index = 0;
  for (int32_t i = 0; i < num_nodes; ++i) {
    bt::TreeMetadata::PostPruneNodeUpdate* update = meta->Add();
    if (next_deleted < nodes_to_delete.size() && i == nodes_to_delete[next_deleted]) {
      ++next_deleted;
      std::vector<float> logit_change;
      const int32_t parent = PrunedParentAndChange(i, changes, &logit_change);
      update->set_new_node_id(old_to_new_ids[parent]);
      for (int j = 0; j < logits_dimension; ++j) {
        update->add_logit_change(j < static_cast<int>(logit_change.size()) ? logit_change[j] : 0);
      }
    } else {
      old_to_new_ids[i] = new_index++;
      update->set_new_node_id(old_to_new_ids[i]);
      for (int j = 0; j < logits_dimension; ++j) update->add_logit_change(0.0f);
    }
  }
  google::protobuf::RepeatedPtrField<bt::Node> kept;
  next_deleted = 0;
  for (int32_t i = 0; i < num_nodes; ++i) {
    if (next_deleted < nodes_to_delete.size() && i == nodes_to_delete[next_deleted]) {
      ++next_deleted;
      continue;
    }
    bt::Node node = tree->nodes(i);
    int32_t left_id, right_id;
    if (SplitChildren(node, &left_id, &right_id)) {
      SetSplitChildren(node, old_to_new_ids[left_id], old_to_new_ids[right_id]);
    }
    *kept.Add() = std::move(node);
  }
  *tree->mutable_nodes() = std::move(kept);
}

absl::Status GetPostPruneCorrection(const OpContext& context, const bt::TreeEnsemble& ensemble,
                                    int32_t tree_id, int32_t initial_node_id,
                                    int32_t* current_node_id, std::vector<float>* logit_updates) {
  if (tree_id < 0 || tree_id >= ensemble.tree_metadata_size()) {
    return context.Error(absl::StrCat("cached tree id ", tree_id, " has no tree metadata"));
  }
  const bt::TreeMetadata& metadata = ensemble.tree_metadata(tree_id);
  if (!metadata.is_finalized() || metadata.post_pruned_nodes_meta_size() == 0) {
    return absl::OkStatus();
  }
  if (initial_node_id >= metadata.post_pruned_nodes_meta_size()) {
    return context.Error(absl::StrCat("cached node id ", initial_node_id,
                                      " is not covered by the pruning metadata of tree ", tree_id));
  }
  const bt::TreeMetadata::PostPruneNodeUpdate& update =
      metadata.post_pruned_nodes_meta(initial_node_id);
  *current_node_id = update.new_node_id();
  for (int i = 0; i < update.logit_change_size() && i < static_cast<int>(logit_updates->size());
       ++i) {
    (*logit_updates)[i] = update.logit_change(i);
  }
  return absl::OkStatus();
}

}  // namespace tfjs::runtime::trees
