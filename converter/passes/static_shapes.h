// StaticShapes: output shapes known without running the graph, from Placeholder shape attrs and
// Const values carried through elementwise ops, so Shape, Size and Rank can be folded.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_STATIC_SHAPES_H_
#define TFJS_NATIVE_CONVERTER_PASSES_STATIC_SHAPES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// A shape of known rank; -1 marks a dim of unknown size.
struct StaticShape {
  std::vector<int64_t> dims;
  bool IsFullyDefined() const;
};

// The shape of output 0 of every node whose rank is known statically. Only nodes that run
// unconditionally get one: nothing downstream of control flow (Switch, Enter, ...) and nothing
// with control inputs. Sources are Placeholders (their `shape` attr) and Consts; shapes pass
// through shape-preserving unary ops and broadcasting binary ops.
absl::flat_hash_map<std::string, StaticShape> InferStaticShapes(const tensorflow::GraphDef& graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_STATIC_SHAPES_H_
