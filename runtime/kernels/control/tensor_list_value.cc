// TensorList's variant functions: its serialized form (TF's TensorList::Encode) and the functions
// behind ZerosLike and AddN of tensor lists (TF's TensorListZerosLike and TensorListBinaryAdd).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "proto/tensor.pb.h"
#include "runtime/kernels/control/element_sum.h"
#include "runtime/kernels/control/tensor_list.h"

namespace tfjs::runtime {
namespace {

// Appends `value` as a base-128 varint (TF's core::PutVarint64).
void PutVarint64(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

absl::StatusOr<Tensor> ElementZeros(const Tensor& element) {
  if (!element.is_valid()) return element;
  if (element.dtype() == tensorflow::DT_VARIANT) return VariantZerosLike(element);
  if (element.dtype() == tensorflow::DT_STRING || IsHandleDtype(element.dtype())) {
    return absl::UnimplementedError(absl::StrCat(
        "Attempted to compute zeros_like for element of dtype ", DataTypeName(element.dtype())));
  }
  return Tensor::Zeros(element.dtype(), element.shape());
}

// TF's BinaryAddTensors: an element never set takes the other's value.
absl::StatusOr<Tensor> AddElement(const Tensor& a, const Tensor& b) {
  if (!a.is_valid()) return b;
  if (!b.is_valid()) return a;
  if (a.shape() != b.shape()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Trying to add two tensors with incompatible element shapes. One is ",
                     ShapeString(a.shape()), " and the other is ", ShapeString(b.shape())));
  }
  if (a.dtype() == tensorflow::DT_VARIANT) return AddVariants(a, b);
  return AddElements(a, b);
}

}  // namespace

absl::Status TensorList::Encode(std::string* metadata, std::vector<Tensor>* tensors) const {
  std::vector<uint64_t> unset;
  for (size_t i = 0; i < elements.size(); ++i) {
    if (elements[i].is_valid()) {
      tensors->push_back(elements[i]);
    } else {
      unset.push_back(i);
    }
  }
  PutVarint64(unset.size(), metadata);
  for (uint64_t index : unset) PutVarint64(index, metadata);
  PutVarint64(static_cast<uint64_t>(element_dtype), metadata);
  PutVarint64(static_cast<uint64_t>(max_num_elements), metadata);
  tensorflow::TensorShapeProto shape;
  if (element_rank_known) {
    for (int64_t dim : element_shape) shape.add_dim()->set_size(dim);
  } else {
    shape.set_unknown_rank(true);
  }
  shape.AppendToString(metadata);
  return absl::OkStatus();
}

bool TensorList::MergeElementShape(const TensorList& other) {
  if (!other.element_rank_known) return true;
  if (!element_rank_known) {
    element_rank_known = true;
    element_shape = other.element_shape;
    return true;
  }
  if (element_shape.size() != other.element_shape.size()) return false;
  for (size_t i = 0; i < element_shape.size(); ++i) {
    const int64_t dim = other.element_shape[i];
    if (element_shape[i] >= 0 && dim >= 0 && element_shape[i] != dim) return false;
    if (element_shape[i] < 0) element_shape[i] = dim;
  }
  return true;
}

absl::StatusOr<std::shared_ptr<const VariantValue>> TensorList::ZerosLike() const {
  auto zeros = std::make_shared<TensorList>();
  zeros->element_dtype = element_dtype;
  zeros->element_shape = element_shape;
  zeros->element_rank_known = element_rank_known;
  for (const Tensor& element : elements) {
    absl::StatusOr<Tensor> zero = ElementZeros(element);
    if (!zero.ok()) return zero.status();
    zeros->elements.push_back(*std::move(zero));
  }
  return zeros;
}

absl::StatusOr<std::shared_ptr<const VariantValue>> TensorList::Add(
    const VariantValue& other) const {
  const auto* b = dynamic_cast<const TensorList*>(&other);
  if (b == nullptr)
    return absl::InvalidArgumentError("cannot add a tensor list and another variant");
  if (element_dtype != b->element_dtype) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Trying to add two lists of tensors of different dtypes. One is ",
        DataTypeName(element_dtype), " and the other is ", DataTypeName(b->element_dtype)));
  }
  auto sum = std::make_shared<TensorList>();
  sum->element_dtype = element_dtype;
  sum->element_shape = element_shape;
  sum->element_rank_known = element_rank_known;
  if (!sum->MergeElementShape(*b)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Trying to add two lists of tensors with incompatible element shapes. One is ",
        ShapeString(element_shape), " and the other is ", ShapeString(b->element_shape)));
  }
  if (elements.size() != b->elements.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Trying to add two lists of tensors with different lengths. One is ",
                     elements.size(), " and the other is ", b->elements.size()));
  }
  for (size_t i = 0; i < elements.size(); ++i) {
    absl::StatusOr<Tensor> element = AddElement(elements[i], b->elements[i]);
    if (!element.ok()) return element.status();
    sum->elements.push_back(*std::move(element));
  }
  return sum;
}

}  // namespace tfjs::runtime
