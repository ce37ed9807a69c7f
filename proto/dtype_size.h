// Byte size of one element of a fixed-size TF dtype, as tensors lay it out in memory and files.
#ifndef TFJS_NATIVE_PROTO_DTYPE_SIZE_H_
#define TFJS_NATIVE_PROTO_DTYPE_SIZE_H_

#include <cstdint>

#include "proto/types.pb.h"

namespace tfjs {

// 0 for dtypes without a fixed-size element (string, variant, resource, invalid, refs,
// sub-byte types).
int64_t DataTypeSize(tensorflow::DataType dtype);

}  // namespace tfjs

#endif  // TFJS_NATIVE_PROTO_DTYPE_SIZE_H_
