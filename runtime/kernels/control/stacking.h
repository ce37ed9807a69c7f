// Stacking tensors along a new leading dim and taking rows back out, shared by tensor lists and
// tensor arrays.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_STACKING_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_STACKING_H_

#include <vector>

#include "absl/status/statusor.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {

// One tensor of shape [items.size()] + element_shape; every item must have element_shape.
absl::StatusOr<Tensor> StackTensors(const std::vector<Tensor>& items, DataType dtype,
                                    const Shape& element_shape);
// Rows [begin, end) of `tensor` along dim 0, as a tensor of shape [end - begin] + the rest.
absl::StatusOr<Tensor> SliceRows(const Tensor& tensor, int64_t begin, int64_t end);
// Row `index` of `tensor` along dim 0, without the leading dim.
absl::StatusOr<Tensor> TakeRow(const Tensor& tensor, int64_t index);

// Concatenates `elements` (each of rank >= 1) along dim 0. Returns the result and an int64
// vector of each element's length; `row_shape` is the result's row shape when there are no rows.
struct Concatenated {
  Tensor values;
  Tensor lengths;
};
absl::StatusOr<Concatenated> ConcatElements(const std::vector<Tensor>& elements, DataType dtype,
                                            Shape row_shape);

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_STACKING_H_
