#include "converter/passes/separate_signature_outputs.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "converter/passes/graph_index.h"
#include "converter/passes/op_kinds.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

// When `tensor` is an output of an IdentityN, the tensor it forwards, followed on through
// identity ops (the inlined function's own Identity nodes); otherwise `tensor` itself, so that
// an output the user named stays. Their control inputs are not followed: as for any identity
// nothing reads, RemoveIdentities drops what they waited on.
TensorName ThroughIdentities(const GraphIndex& index, TensorName tensor) {
  const tensorflow::NodeDef* first = index.Find(tensor.node);
  if (first == nullptr || first->op() != "IdentityN") return tensor;
  // Bounded so that an identity cycle cannot hang the walk.
  for (int hops = 0; hops < 64; ++hops) {
    const tensorflow::NodeDef* node = index.Find(tensor.node);
    if (node == nullptr || !IsIdentityOp(node->op())) return tensor;
    std::vector<std::string> data;
    for (const std::string& input : node->input()) {
      if (!IsControlInput(input)) data.push_back(input);
    }
    if (tensor.output_index >= static_cast<int>(data.size())) return tensor;
    tensor = TensorName::Parse(data[tensor.output_index]);
  }
  return tensor;
}

}  // namespace

void SeparateSignatureOutputs(tensorflow::SignatureDef* signature, tensorflow::GraphDef* graph) {
  std::vector<std::string> keys;
  for (const auto& [key, info] : signature->outputs()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  absl::flat_hash_set<std::string> names;
  for (const tensorflow::NodeDef& node : graph->node()) names.insert(node.name());
  // Nodes already standing for a signature input or output.
  absl::flat_hash_set<std::string> taken;
  for (const auto& [key, info] : signature->inputs()) taken.insert(InputNodeName(info.name()));

  std::vector<tensorflow::NodeDef> added;
  {
    const GraphIndex index(*graph);
    for (const std::string& key : keys) {
      tensorflow::TensorInfo& info = (*signature->mutable_outputs())[key];
      if (info.name().empty() || IsControlInput(info.name())) continue;
      const TensorName named = TensorName::Parse(info.name());
      const TensorName tensor = ThroughIdentities(index, named);
      if (taken.insert(tensor.node).second) {
        if (tensor.node != named.node || tensor.output_index != named.output_index) {
          info.set_name(absl::StrCat(tensor.node, ":", tensor.output_index));
        }
        continue;
      }
      // Keys of frozen graphs are tensor names ("split:1"); a ':' in a node name would read as
      // an output index.
      const std::string base =
          absl::StrCat(tensor.node, "/", absl::StrReplaceAll(key, {{":", "_"}}));
      std::string name = base;
      for (int suffix = 1; names.contains(name); ++suffix) name = absl::StrCat(base, "_", suffix);
      names.insert(name);
      taken.insert(name);
      tensorflow::NodeDef& identity = added.emplace_back();
      identity.set_name(name);
      identity.set_op("Identity");
      identity.add_input(tensor.ToInput());
      if (info.dtype() != tensorflow::DT_INVALID) {
        (*identity.mutable_attr())["T"].set_type(info.dtype());
      }
      info.set_name(name + ":0");
    }
  }
  for (tensorflow::NodeDef& node : added) *graph->add_node() = std::move(node);
}

}  // namespace tfjs::converter
