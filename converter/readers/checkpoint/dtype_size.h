// Byte size of one element of a fixed-size TF dtype, as tensors are laid out in checkpoints.
#ifndef TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_DTYPE_SIZE_H_
#define TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_DTYPE_SIZE_H_

#include <cstddef>

#include "proto/types.pb.h"

namespace tfjs::converter {

// 0 for dtypes without a fixed-size element (string, variant, resource, invalid, refs,
// sub-byte types).
size_t DataTypeSize(tensorflow::DataType dtype);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_DTYPE_SIZE_H_
