// NodeBuilder: adds nodes under fresh names to a graph, for passes that rewrite one node into
// several (the TF.js rewrites).
#ifndef TFJS_NATIVE_CONVERTER_PASSES_NODE_BUILDER_H_
#define TFJS_NATIVE_CONVERTER_PASSES_NODE_BUILDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

class NodeBuilder {
 public:
  // `graph` must outlive the builder; nodes added to it elsewhere meanwhile must be Reserve()d.
  explicit NodeBuilder(tensorflow::GraphDef* graph);

  // `base`, or `base` with "_1", "_2"... added, whichever no node has; the name is then taken.
  std::string Reserve(const std::string& base);
  // Appends a node of `op` reading `inputs`, named Reserve(base), with attr T = `type` unless
  // `type` is DT_INVALID; returns it (valid until the next node is added).
  tensorflow::NodeDef* Add(const std::string& base, const std::string& op,
                           const std::vector<std::string>& inputs,
                           tensorflow::DataType type = tensorflow::DT_INVALID);
  // Add() under exactly `name`, which no node may have now (such as one a renamed node gave up:
  // Reserve()d names stay taken).
  tensorflow::NodeDef* AddNamed(const std::string& name, const std::string& op,
                                const std::vector<std::string>& inputs,
                                tensorflow::DataType type = tensorflow::DT_INVALID);
  // Const nodes, returning their names: int32 of `shape` (empty: a scalar), float32 scalars.
  std::string IntConst(const std::string& base, const std::vector<int32_t>& values,
                       const std::vector<int64_t>& shape);
  std::string FloatScalar(const std::string& base, float value);

 private:
  tensorflow::GraphDef* graph_;
  absl::flat_hash_set<std::string> names_;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_NODE_BUILDER_H_
