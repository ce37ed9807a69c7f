#include "converter/passes/static_shapes.h"

#include <optional>
#include <utility>

#include "converter/passes/op_kinds.h"
#include "converter/passes/tensor_name.h"
#include "converter/passes/topological_order.h"

namespace tfjs::converter {
namespace {

std::optional<StaticShape> FromProto(const tensorflow::TensorShapeProto& proto) {
  if (proto.unknown_rank()) return std::nullopt;
  StaticShape shape;
  for (const auto& dim : proto.dim()) shape.dims.push_back(dim.size() < 0 ? -1 : dim.size());
  return shape;
}

// NumPy broadcasting of two shapes; nullopt when they cannot broadcast or the result is unknown.
std::optional<StaticShape> Broadcast(const StaticShape& a, const StaticShape& b) {
  const StaticShape& longer = a.dims.size() >= b.dims.size() ? a : b;
  const StaticShape& shorter = a.dims.size() >= b.dims.size() ? b : a;
  StaticShape result = longer;
  const size_t offset = longer.dims.size() - shorter.dims.size();
  for (size_t i = 0; i < shorter.dims.size(); ++i) {
    const int64_t x = longer.dims[offset + i];
    const int64_t y = shorter.dims[i];
    int64_t& out = result.dims[offset + i];
    if (x == y || y == 1) {
      out = x;
    } else if (x == 1) {
      out = y;
    } else if (x == -1 || y == -1) {
      // The unknown side must be 1 or equal to the known one, unless the known one is 1.
      out = x == -1 ? y : x;
    } else {
      return std::nullopt;
    }
  }
  return result;
}

bool HasControlInputs(const tensorflow::NodeDef& node) {
  for (const std::string& input : node.input()) {
    if (IsControlInput(input)) return true;
  }
  return false;
}

// The known shape of data input `i` when it is output 0 of a node with a known shape.
const StaticShape* InputShape(const tensorflow::NodeDef& node, int i,
                              const absl::flat_hash_map<std::string, StaticShape>& shapes) {
  if (i >= node.input_size() || IsControlInput(node.input(i))) return nullptr;
  const TensorName input = TensorName::Parse(node.input(i));
  if (input.output_index != 0) return nullptr;
  auto it = shapes.find(input.node);
  return it == shapes.end() ? nullptr : &it->second;
}

std::optional<StaticShape> NodeShape(const tensorflow::NodeDef& node,
                                     const absl::flat_hash_map<std::string, StaticShape>& shapes) {
  if (HasControlInputs(node)) return std::nullopt;
  if (node.op() == "Placeholder") {
    auto it = node.attr().find("shape");
    if (it == node.attr().end()) return std::nullopt;
    return FromProto(it->second.shape());
  }
  if (node.op() == "Const") {
    auto it = node.attr().find("value");
    if (it == node.attr().end()) return std::nullopt;
    return FromProto(it->second.tensor().tensor_shape());
  }
  if (IsShapePreservingUnaryOp(node.op()) && node.input_size() == 1) {
    const StaticShape* input = InputShape(node, 0, shapes);
    if (input == nullptr) return std::nullopt;
    return *input;
  }
  if (IsBroadcastingBinaryOp(node.op()) && node.input_size() == 2) {
    const StaticShape* a = InputShape(node, 0, shapes);
    const StaticShape* b = InputShape(node, 1, shapes);
    if (a == nullptr || b == nullptr) return std::nullopt;
    return Broadcast(*a, *b);
  }
  return std::nullopt;
}

}  // namespace

bool StaticShape::IsFullyDefined() const {
  for (int64_t dim : dims) {
    if (dim < 0) return false;
  }
  return true;
}

absl::flat_hash_map<std::string, StaticShape> InferStaticShapes(const tensorflow::GraphDef& graph) {
  absl::flat_hash_map<std::string, StaticShape> shapes;
  // Nodes are only reached from inputs that have shapes, so nothing downstream of control flow
  // (whose ops have no shape here) gets one.
  for (int index : TopologicalOrder(graph)) {
    const tensorflow::NodeDef& node = graph.node(index);
    std::optional<StaticShape> shape = NodeShape(node, shapes);
    if (shape.has_value()) shapes.emplace(node.name(), *std::move(shape));
  }
  return shapes;
}

}  // namespace tfjs::converter
