// The boosted-trees ensemble resource (TF's BoostedTreesEnsembleResource, as facts): a
// TreeEnsemble proto and its stamp behind a DT_RESOURCE handle, the tree walk the prediction ops
// share, and the edits the training ops make (new trees, splits, post-pruning).
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_TREES_TREE_ENSEMBLE_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_TREES_TREE_ENSEMBLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "proto/boosted_trees.pb.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::trees {

namespace bt = ::tensorflow::boosted_trees;

// One ensemble per BoostedTreesEnsembleResourceHandleOp node. It exists (TF: the resource is
// in the resource manager) once BoostedTreesCreateEnsemble ran.
class TreeEnsembleResource : public Resource {
 public:
  absl::Mutex mutex;
  bool created ABSL_GUARDED_BY(mutex) = false;
  int64_t stamp ABSL_GUARDED_BY(mutex) = -1;
  bt::TreeEnsemble ensemble ABSL_GUARDED_BY(mutex);
};

// The created ensemble behind input `index`; InvalidArgument for another handle, NotFound when
// BoostedTreesCreateEnsemble has not run.
absl::StatusOr<TreeEnsembleResource*> LookupEnsemble(const OpContext& context, int index);

// The bucketized feature inputs of the prediction ops: int32 [batch] vectors (one dimension) or
// [batch, dims] matrices, all with the same batch.
struct BucketizedFeatures {
  std::vector<const int32_t*> values;
  std::vector<int64_t> dims;
  int64_t batch = 0;
};
absl::StatusOr<BucketizedFeatures> ReadBucketizedFeatures(const OpContext& context, int first,
                                                          int count);

// The child of split node `node_id` of `tree_id` that `example` goes to; InvalidArgument when the
// node is not a bucketized or categorical split or names a feature, dimension or child that does
// not exist.
absl::StatusOr<int32_t> NextNode(const OpContext& context, const bt::TreeEnsemble& ensemble,
                                 int32_t tree_id, int32_t node_id, int64_t example,
                                 const BucketizedFeatures& features);

// The logits a node holds: its leaf's vector or scalar; for a split, the leaf it was before the
// split (empty when it has none).
std::vector<float> NodeValue(const bt::Node& node);
// InvalidArgument unless `tree_id` and `node_id` name a node of the ensemble.
absl::Status CheckNode(const OpContext& context, const bt::TreeEnsemble& ensemble, int32_t tree_id,
                       int32_t node_id);
// The weight of tree `tree_id`; InvalidArgument when the ensemble lists fewer weights.
absl::StatusOr<float> TreeWeight(const OpContext& context, const bt::TreeEnsemble& ensemble,
                                 int32_t tree_id);

// A split chosen by the training ops (TF's boosted_trees::SplitCandidate).
struct SplitCandidate {
  int64_t feature_id = 0;
  float gain = 0;
  int32_t threshold = 0;
  int32_t dimension_id = 0;
  std::vector<float> left_node_contribs;
  std::vector<float> right_node_contribs;
  std::string split_type;  // A SplitTypeWithDefault name.
};

// Appends a tree of one leaf holding `logits` (a scalar when there is one logit), its weight and
// metadata; returns its id.
int32_t AddNewTreeWithLogits(bt::TreeEnsemble& ensemble, float weight,
                             const std::vector<float>& logits);
// Turns leaf `node_id` of `tree_id` into a split with two new leaf children; returns the split
// node. The children hold the old leaf's value plus the candidate's contributions.
bt::Node* AddSplitNodes(bt::TreeEnsemble& ensemble, int32_t tree_id, int32_t node_id,
                        const SplitCandidate& candidate, int logits_dimension, int32_t* left_id,
                        int32_t* right_id);
// Counts an attempted layer (and an attempted tree when the layer starts one).
void UpdateGrowingMetadata(bt::TreeEnsemble& ensemble);
// Post-prunes a finalized tree: splits of negative gain whose children are leaves become leaves
// again, bottom up; the metadata records where each old node id went and its logit change.
void PostPruneTree(bt::TreeEnsemble& ensemble, int32_t tree_id, int logits_dimension);
// For a node id cached before tree `tree_id` was post-pruned: its node now and the change of its
// cached logits (`logit_updates` keeps its size). No-op for trees that were not pruned;
// InvalidArgument when the pruning metadata does not cover the node.
absl::Status GetPostPruneCorrection(const OpContext& context, const bt::TreeEnsemble& ensemble,
                                    int32_t tree_id, int32_t initial_node_id,
                                    int32_t* current_node_id, std::vector<float>* logit_updates);

}  // namespace tfjs::runtime::trees

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_TREES_TREE_ENSEMBLE_H_
