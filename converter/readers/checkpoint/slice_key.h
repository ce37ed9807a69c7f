// The index key under which a tensor bundle stores one slice of a partitioned variable
// (TF's checkpoint::EncodeTensorNameSlice, built from "ordered code").
#ifndef TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_SLICE_KEY_H_
#define TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_SLICE_KEY_H_

#include <string>

#include "absl/strings/string_view.h"
#include "proto/tensor_bundle.pb.h"

namespace tfjs::converter {

// Slice keys start with this byte, so they sort before every ordinary tensor name.
constexpr char kSliceKeyFirstByte = '\0';

// An extent without `length` spans its whole dimension and is encoded as start 0, length -1.
std::string EncodeSliceKey(absl::string_view tensor_name, const tensorflow::TensorSliceProto& slice);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_SLICE_KEY_H_
