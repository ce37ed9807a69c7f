// ReadVariablePart: one part of a TF1 partitioned variable ("<name>/part_<k>"), cut from the
// sliced checkpoint tensor <name> the Saver stored for the whole variable.
#ifndef TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_VARIABLE_PART_H_
#define TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_VARIABLE_PART_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "converter/readers/checkpoint/checkpoint_reader.h"
#include "proto/tensor.pb.h"

namespace tfjs::converter {

// For `key` = "<name>/part_<k>": the k-th of <name>'s slices, ordered along the one dimension
// they partition (tensor_content for numbers, string_val for strings). NotFound when `key` is not
// of that form, <name> is not in the checkpoint, is not sliced along one dimension, or has no
// k-th slice.
absl::StatusOr<tensorflow::TensorProto> ReadVariablePart(const CheckpointReader& reader,
                                                         absl::string_view key);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_VARIABLE_PART_H_
