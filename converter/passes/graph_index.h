// GraphIndex: looks nodes up by name and follows tensors back through Identity nodes.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_GRAPH_INDEX_H_
#define TFJS_NATIVE_CONVERTER_PASSES_GRAPH_INDEX_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "converter/passes/tensor_name.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

class GraphIndex {
 public:
  // `graph` must outlive the index and keep its nodes in place.
  explicit GraphIndex(const tensorflow::GraphDef& graph);

  // nullptr when no node has that name.
  const tensorflow::NodeDef* Find(absl::string_view name) const;

  // The tensor that `input` forwards: follows Identity (input 0), IdentityN (input k) and
  // Snapshot until another op. A missing node ends the walk at the name given.
  TensorName ResolveIdentities(absl::string_view input) const;

 private:
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> nodes_;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_GRAPH_INDEX_H_
