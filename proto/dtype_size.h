// Byte size of one element of a fixed-size TF dtype, as tensors lay it out in memory and files.
#ifndef TFJS_NATIVE_PROTO_DTYPE_SIZE_H_
#define TFJS_NATIVE_PROTO_DTYPE_SIZE_H_

#include <cstdint>

#include "proto/types.pb.h"

namespace tfjs {

// int4 and uint4 take one byte per element (the low 4 bits hold the value), as TF keeps them in
// memory and in tensor_content. 0 for dtypes without a fixed-size element (string, variant,
// resource, invalid, refs, int2/uint2).
int64_t DataTypeSize(tensorflow::DataType dtype);

}  // namespace tfjs

#endif  // TFJS_NATIVE_PROTO_DTYPE_SIZE_H_
