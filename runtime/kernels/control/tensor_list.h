// TensorList: the immutable value behind TF's DT_VARIANT tensor lists (TensorListReserve, ...).
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_TENSOR_LIST_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_TENSOR_LIST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/kernels/control/variant_value.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {

struct TensorList : public VariantValue {
  std::string TypeName() const override { return "tensorflow::TensorList"; }
  std::string DebugString() const override { return "TensorList"; }
  // TF's TensorList::Encode: the set elements as tensors; the metadata holds varints of the count
  // and indices of unset elements, the element dtype and max_num_elements, then the element
  // shape's TensorShapeProto.
  absl::Status Encode(std::string* metadata, std::vector<Tensor>* tensors) const override;
  // TF's TensorListZerosLike: the same dtype, shape and length, each set element zeros.
  absl::StatusOr<std::shared_ptr<const VariantValue>> ZerosLike() const override;
  // TF's TensorListBinaryAdd: lists of one dtype, compatible element shapes and one length, added
  // element by element (an element never set takes the other list's).
  absl::StatusOr<std::shared_ptr<const VariantValue>> Add(const VariantValue& other) const override;
  // Merges `other`'s element shape into this list's (unknown dims and ranks take the known ones);
  // false when they are incompatible.
  bool MergeElementShape(const TensorList& other);

  DataType element_dtype = tensorflow::DT_INVALID;
  // Known dims; -1 for an unknown dim. `element_rank_known` is false for an unknown rank.
  Shape element_shape;
  bool element_rank_known = false;
  // Elements; an invalid Tensor is an element never set (read back as zeros).
  std::vector<Tensor> elements;
  // The most elements a push may leave in the list (EmptyTensorList's input); -1: unbounded.
  int64_t max_num_elements = -1;
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_TENSOR_LIST_H_
