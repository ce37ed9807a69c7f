// Whole-tensor float16 <-> float32 conversions, for kernels that compute float16 tensors in
// float32.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::nn {

// A DT_FLOAT copy of a DT_HALF tensor, and back.
absl::StatusOr<Tensor> HalfTensorToFloat(const Tensor& half);
absl::StatusOr<Tensor> FloatTensorToHalf(const Tensor& value);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_
