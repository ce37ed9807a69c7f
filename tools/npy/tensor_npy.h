// Conversions between runtime tensors and .npy arrays, for the command-line tools.
#ifndef TFJS_NATIVE_TOOLS_NPY_TENSOR_NPY_H_
#define TFJS_NATIVE_TOOLS_NPY_TENSOR_NPY_H_

#include "absl/status/statusor.h"
#include "runtime/tensor.h"
#include "tools/npy/npy.h"

namespace tfjs::tools {

// bfloat16, which .npy cannot hold, becomes float32 holding the exact values (the corpus's
// convention). Fails for dtypes .npy cannot hold otherwise (variants, resources).
absl::StatusOr<NpyArray> NpyFromTensor(const runtime::Tensor& tensor);
// Strings come from '|S<n>' arrays with trailing NULs dropped, as NumPy reads them.
absl::StatusOr<runtime::Tensor> TensorFromNpy(const NpyArray& array);
// TensorFromNpy for a tensor wanted as `dtype`: a float32 array wanted as bfloat16 is narrowed
// (rounded to nearest even, so the exact bfloat16 values NpyFromTensor writes come back as
// they were); any other array is read as it is.
absl::StatusOr<runtime::Tensor> TensorFromNpyAs(const NpyArray& array, runtime::DataType dtype);

}  // namespace tfjs::tools

#endif  // TFJS_NATIVE_TOOLS_NPY_TENSOR_NPY_H_
