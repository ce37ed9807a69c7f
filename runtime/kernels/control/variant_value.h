// Making DT_VARIANT scalars from VariantValues (tensor lists and maps, optionals, mutex locks,
// composite tensors) and reading them back by type.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_VARIANT_VALUE_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_VARIANT_VALUE_H_

#include <memory>

#include "runtime/tensor.h"

namespace tfjs::runtime {

// A DT_VARIANT scalar holding `value`.
template <typename T>
Tensor MakeVariant(std::shared_ptr<const T> value) {
  return Tensor::Variant(std::shared_ptr<const VariantValue>(std::move(value)));
}

// The T element `i` of `tensor` holds; nullptr when it holds something else or is no variant.
template <typename T>
const T* VariantAs(const Tensor& tensor, int64_t i = 0) {
  const VariantValue* value = tensor.variant(i);
  return value == nullptr ? nullptr : dynamic_cast<const T*>(value);
}

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_VARIANT_VALUE_H_
