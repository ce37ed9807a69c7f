// The tree-ensemble resource ops: BoostedTreesEnsembleResourceHandleOp (one ensemble per node),
// BoostedTreesCreateEnsemble / DeserializeEnsemble / SerializeEnsemble,
// IsBoostedTreesEnsembleInitialized and BoostedTreesGetEnsembleStates.
#include <algorithm>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/trees/tree_ensemble.h"

namespace tfjs::runtime::trees {
namespace {

constexpr int kHandle = 0;
constexpr int kStampToken = 1;
constexpr int kSerialized = 2;

class EnsembleHandleKernel : public Kernel {
 public:
  absl::Status Compute(OpContext& context) const override {
    context.set_output(0, Tensor::ForResource(ensemble_));
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<TreeEnsembleResource> ensemble_ = std::make_shared<TreeEnsembleResource>();
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildEnsembleHandle(const KernelBuildContext&) {
  return std::make_unique<EnsembleHandleKernel>();
}

absl::StatusOr<TreeEnsembleResource*> Handle(const OpContext& context) {
  TreeEnsembleResource* resource = context.input(kHandle).resource<TreeEnsembleResource>();
  if (resource == nullptr) return context.Error("input 0 is not a tree ensemble handle");
  return resource;
}

// The stamp and serialized proto inputs of Create and Deserialize.
absl::Status ReadStampAndProto(const OpContext& context, int64_t* stamp,
                               const std::string** serialized) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& stamp_token = context.input(kStampToken);
  const Tensor& proto = context.input(kSerialized);
  if (stamp_token.dtype() != tensorflow::DT_INT64 || stamp_token.num_elements() != 1) {
    return context.Error("stamp_token must be an int64 scalar");
  }
  if (proto.dtype() != tensorflow::DT_STRING || proto.num_elements() != 1) {
    return context.Error("tree_ensemble_serialized must be a string scalar");
  }
  *stamp = stamp_token.data<int64_t>()[0];
  *serialized = &proto.strings()[0];
  return absl::OkStatus();
}

// Creates the ensemble from the proto; a second creation leaves the first one (TF ignores
// ALREADY_EXISTS), but the proto must still parse.
absl::Status ComputeCreate(OpContext& context) {
  absl::StatusOr<TreeEnsembleResource*> resource = Handle(context);
  if (!resource.ok()) return resource.status();
  int64_t stamp;
  const std::string* serialized;
  if (absl::Status status = ReadStampAndProto(context, &stamp, &serialized); !status.ok()) {
    return status;
  }
  bt::TreeEnsemble ensemble;
  if (!ensemble.ParseFromString(*serialized)) {
    return context.Error("Unable to parse tree ensemble proto.");
  }
  absl::MutexLock lock(&(*resource)->mutex);
  if ((*resource)->created) return absl::OkStatus();
  (*resource)->ensemble = std::move(ensemble);
  (*resource)->stamp = stamp;
  (*resource)->created = true;
  return absl::OkStatus();
}

// Replaces an existing ensemble (restoring a checkpoint).
absl::Status ComputeDeserialize(OpContext& context) {
  absl::StatusOr<TreeEnsembleResource*> resource = LookupEnsemble(context, kHandle);
  if (!resource.ok()) return resource.status();
  int64_t stamp;
  const std::string* serialized;
  if (absl::Status status = ReadStampAndProto(context, &stamp, &serialized); !status.ok()) {
    return status;
  }
  absl::MutexLock lock(&(*resource)->mutex);
  (*resource)->stamp = -1;
  (*resource)->ensemble.Clear();
  if (!(*resource)->ensemble.ParseFromString(*serialized)) {
    (*resource)->ensemble.Clear();
    return context.Error("Unable to parse tree ensemble proto.");
  }
  (*resource)->stamp = stamp;
  return absl::OkStatus();
}

absl::Status ComputeSerialize(OpContext& context) {
  absl::StatusOr<TreeEnsembleResource*> resource = LookupEnsemble(context, kHandle);
  if (!resource.ok()) return resource.status();
  absl::MutexLock lock(&(*resource)->mutex);
  context.set_output(0, Tensor::Scalar<int64_t>(tensorflow::DT_INT64, (*resource)->stamp));
  context.set_output(1, Tensor::Strings({}, {(*resource)->ensemble.SerializeAsString()}));
  return absl::OkStatus();
}

absl::Status ComputeIsInitialized(OpContext& context) {
  absl::StatusOr<TreeEnsembleResource*> resource = Handle(context);
  if (!resource.ok()) return resource.status();
  absl::MutexLock lock(&(*resource)->mutex);
  context.set_output(0, Tensor::Scalar<bool>(tensorflow::DT_BOOL, (*resource)->created));
  return absl::OkStatus();
}

// Stamp, tree counts, attempted layers and the last layer's node range, for training.
absl::Status ComputeGetStates(OpContext& context) {
  absl::StatusOr<TreeEnsembleResource*> resource = LookupEnsemble(context, kHandle);
  if (!resource.ok()) return resource.status();
  absl::MutexLock lock(&(*resource)->mutex);
  const bt::TreeEnsemble& ensemble = (*resource)->ensemble;
  const int32_t num_trees = ensemble.trees_size();
  const bool last_finalized = num_trees > 0 && num_trees - 1 < ensemble.tree_metadata_size() &&
                              ensemble.tree_metadata(num_trees - 1).is_finalized();
  const int32_t num_finalized = num_trees <= 0 || last_finalized ? num_trees : num_trees - 1;
  const bt::GrowingMetadata& growing = ensemble.growing_metadata();
  context.set_output(0, Tensor::Scalar<int64_t>(tensorflow::DT_INT64, (*resource)->stamp));
  context.set_output(1, Tensor::Scalar<int32_t>(tensorflow::DT_INT32, num_trees));
  context.set_output(2, Tensor::Scalar<int32_t>(tensorflow::DT_INT32, num_finalized));
  context.set_output(3,
                     Tensor::Scalar<int32_t>(tensorflow::DT_INT32,
                                             static_cast<int32_t>(growing.num_layers_attempted())));
  Tensor range = *Tensor::Allocate(tensorflow::DT_INT32, {2});
  range.mutable_data<int32_t>()[0] = growing.last_layer_node_start();
  // An empty ensemble's range [0, 0) is widened to the root, [0, 1).
  range.mutable_data<int32_t>()[1] = std::max(1, growing.last_layer_node_end());
  context.set_output(4, std::move(range));
  return absl::OkStatus();
}

REGISTER_KERNEL_FACTORY("BoostedTreesEnsembleResourceHandleOp", BuildEnsembleHandle);
REGISTER_KERNEL("BoostedTreesCreateEnsemble", ComputeCreate);
REGISTER_KERNEL("BoostedTreesDeserializeEnsemble", ComputeDeserialize);
REGISTER_KERNEL("BoostedTreesSerializeEnsemble", ComputeSerialize);
REGISTER_KERNEL("IsBoostedTreesEnsembleInitialized", ComputeIsInitialized);
REGISTER_KERNEL("BoostedTreesGetEnsembleStates", ComputeGetStates);

}  // namespace
}  // namespace tfjs::runtime::trees
