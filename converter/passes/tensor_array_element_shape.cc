#include "converter/passes/tensor_array_element_shape.h"

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "converter/passes/static_shapes.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr int kSplitHandle = 0;
constexpr int kSplitValue = 1;

bool HasUnknownRank(const tensorflow::NodeDef& node) {
  auto it = node.attr().find("element_shape");
  return it == node.attr().end() || it->second.shape().unknown_rank();
}

}  // namespace

void RewriteTensorArrayElementShapes(tensorflow::GraphDef* graph) {
  absl::flat_hash_map<std::string, tensorflow::NodeDef*> arrays;
  for (tensorflow::NodeDef& node : *graph->mutable_node()) {
    if (node.op() == "TensorArrayV3" && HasUnknownRank(node)) arrays[node.name()] = &node;
  }
  if (arrays.empty()) return;
  const absl::flat_hash_map<std::string, StaticShape> shapes = InferStaticShapes(*graph);
  for (const tensorflow::NodeDef& split : graph->node()) {
    if (split.op() != "TensorArraySplitV3" || split.input_size() <= kSplitValue) continue;
    const TensorName handle = TensorName::Parse(split.input(kSplitHandle));
    const TensorName value = TensorName::Parse(split.input(kSplitValue));
    auto array = arrays.find(handle.node);
    auto shape = shapes.find(value.node);
    if (handle.output_index != 0 || array == arrays.end() || value.output_index != 0 ||
        shape == shapes.end() || shape->second.dims.empty()) {
      continue;
    }
    tensorflow::TensorShapeProto element_shape;
    element_shape.add_dim()->set_size(-1);
    bool known = true;
    for (size_t i = 1; i < shape->second.dims.size(); ++i) {
      known = known && shape->second.dims[i] >= 0;
      element_shape.add_dim()->set_size(shape->second.dims[i]);
    }
    if (!known || !HasUnknownRank(*array->second)) continue;
    *(*array->second->mutable_attr())["element_shape"].mutable_shape() = element_shape;
  }
}

}  // namespace tfjs::converter
