// NumPy .npy (format 1.0) encoding of io::Tensor, for dump_weights' output.
#ifndef TFJS_NATIVE_TOOLS_DUMP_WEIGHTS_NPY_H_
#define TFJS_NATIVE_TOOLS_DUMP_WEIGHTS_NPY_H_

#include <string>

#include "io/tensor.h"

namespace tfjs::tools {

// The .npy file for `tensor`: float32 '<f4', int32 '<i4', bool '|b1', complex64 '<c8', and
// strings as fixed-width bytes '|S<longest>' (NumPy drops trailing NUL bytes when reading those).
std::string EncodeNpy(const io::Tensor& tensor);

}  // namespace tfjs::tools

#endif  // TFJS_NATIVE_TOOLS_DUMP_WEIGHTS_NPY_H_
