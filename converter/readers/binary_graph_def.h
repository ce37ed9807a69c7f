// Reads binary GraphDef (and SavedModel) files of any size node by node (protobuf itself stops at
// 2 GiB), leaving the bytes of large Const values in the file, held by reference, instead of in
// memory.
#ifndef TFJS_NATIVE_CONVERTER_READERS_BINARY_GRAPH_DEF_H_
#define TFJS_NATIVE_CONVERTER_READERS_BINARY_GRAPH_DEF_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "converter/weight_source.h"
#include "proto/graph.pb.h"
#include "proto/saved_model.pb.h"

namespace tfjs::converter {

// tensor_content of at least this many bytes is held by reference. Above the constant folder's
// 10 MiB limit (a larger Const is never folded, inline or not) and above the 1 MiB up to which
// the optimizer reads referenced weights back before its passes, so that the passes see the same
// values as with the whole graph in memory.
inline constexpr uint64_t kMinReferencedTensorBytes = uint64_t{16} << 20;

// Reads the binary GraphDef in `path` into `*graph` (cleared first) as protobuf would parse it,
// except that a top-level Const whose "value" tensor has at least `min_referenced_bytes` of
// tensor_content, of a fixed-size dtype and a fully known shape that its size matches, gets no
// tensor_content: its bytes are recorded in `*external_weights` under the node name (file,
// offset, size; no crc32c) for the writer to copy. Other large tensor_content is read. Memory
// stays at the parsed graph without those bytes, whatever the file's size. Corrupt or truncated
// files give a DataLoss error naming the file, the byte offset and the problem.
absl::Status ReadBinaryGraphDef(const std::string& path, uint64_t min_referenced_bytes,
                                tensorflow::GraphDef* graph,
                                absl::flat_hash_map<std::string, WeightSource>* external_weights);

// The same for a binary SavedModel file: each MetaGraphDef's graph_def is read as
// ReadBinaryGraphDef reads a GraphDef, meta graph i's references going to (*external_weights)[i];
// everything else is parsed by protobuf, field by field.
absl::Status ReadBinarySavedModel(
    const std::string& path, uint64_t min_referenced_bytes, tensorflow::SavedModel* saved_model,
    std::vector<absl::flat_hash_map<std::string, WeightSource>>* external_weights);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_BINARY_GRAPH_DEF_H_
