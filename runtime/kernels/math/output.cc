#include "runtime/kernels/math/output.h"

namespace tfjs::runtime::math {

absl::StatusOr<Tensor> ReuseOrAllocate(const OpContext& context,
                                       std::initializer_list<int> candidates, DataType dtype,
                                       const Shape& shape) {
  for (int index : candidates) {
    const Tensor& input = context.input(index);
    if (input.dtype() == dtype && input.shape() == shape && input.can_reuse_buffer()) {
      return input;
    }
  }
  return Tensor::Allocate(dtype, shape);
}

}  // namespace tfjs::runtime::math
