// Output allocation for elementwise kernels: reuse an input's buffer when nothing else reads it.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_OUTPUT_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_OUTPUT_H_

#include <initializer_list>

#include "absl/status/statusor.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::math {

// A tensor of `dtype` and `shape`: the buffer of the first of `candidates` (input indices) that
// has that dtype and shape and that only this node holds, else a new allocation. Only
// for kernels whose output element i depends on no input element other than element i of the
// reused input (reading it before writing it).
absl::StatusOr<Tensor> ReuseOrAllocate(const OpContext& context,
                                       std::initializer_list<int> candidates, DataType dtype,
                                       const Shape& shape);

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_OUTPUT_H_
