// TensorList: the immutable value behind TF's DT_VARIANT tensor lists (TensorListReserve, ...).
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_TENSOR_LIST_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_TENSOR_LIST_H_

#include <vector>

#include "runtime/kernels/control/variant_value.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {

struct TensorList : public VariantValue {
  DataType element_dtype = tensorflow::DT_INVALID;
  // Known dims; -1 for an unknown dim. `element_rank_known` is false for an unknown rank.
  Shape element_shape;
  bool element_rank_known = false;
  // Elements; an invalid Tensor is an element never set (read back as zeros).
  std::vector<Tensor> elements;
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_TENSOR_LIST_H_
