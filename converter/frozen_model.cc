#include "converter/frozen_model.h"

#include "absl/strings/str_cat.h"

namespace tfjs::converter {

absl::Status MaterializeConst(FrozenModel* model, tensorflow::NodeDef* node) {
  auto entry = model->external_weights.find(node->name());
  if (entry == model->external_weights.end()) return absl::OkStatus();
  auto value = node->mutable_attr()->find("value");
  if (node->op() != "Const" || value == node->mutable_attr()->end()) {
    return absl::InternalError(
        absl::StrCat("node '", node->name(), "' is held by reference but is not a Const"));
  }
  absl::Status status =
      ReadWeightSource(entry->second, value->second.mutable_tensor()->mutable_tensor_content());
  if (!status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat("Const '", node->name(), "': ", status.message()));
  }
  model->external_weights.erase(entry);
  return absl::OkStatus();
}

absl::Status MaterializeAllConsts(FrozenModel* model) {
  for (tensorflow::NodeDef& node : *model->graph.mutable_node()) {
    if (absl::Status status = MaterializeConst(model, &node); !status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
