// Conversions between runtime tensors and .npy arrays, for the command-line tools.
#ifndef TFJS_NATIVE_TOOLS_NPY_TENSOR_NPY_H_
#define TFJS_NATIVE_TOOLS_NPY_TENSOR_NPY_H_

#include "absl/status/statusor.h"
#include "runtime/tensor.h"
#include "tools/npy/npy.h"

namespace tfjs::tools {

// Fails for dtypes .npy cannot hold (variants, resources).
absl::StatusOr<NpyArray> NpyFromTensor(const runtime::Tensor& tensor);
// Strings come from '|S<n>' arrays with trailing NULs dropped, as NumPy reads them.
absl::StatusOr<runtime::Tensor> TensorFromNpy(const NpyArray& array);

}  // namespace tfjs::tools

#endif  // TFJS_NATIVE_TOOLS_NPY_TENSOR_NPY_H_
