// Elementwise sums of two tensors of one number dtype and shape, for the containers that add up
// what is written to one slot twice (TF's gradient tensor arrays).
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_ELEMENT_SUM_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_ELEMENT_SUM_H_

#include "absl/status/statusor.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {

// a + b, elementwise (float16 and bfloat16 rounded once, integers wrapping); InvalidArgument
// when their dtypes or shapes differ, Unimplemented for a dtype that is no number.
absl::StatusOr<Tensor> AddElements(const Tensor& a, const Tensor& b);

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_ELEMENT_SUM_H_
