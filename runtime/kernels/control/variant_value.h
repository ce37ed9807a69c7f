// The payloads of DT_VARIANT tensors (tensor lists and maps, optionals, mutex locks, composite
// tensors) share one base, so a kernel handed another kind of variant refuses it instead of
// misreading it.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_VARIANT_VALUE_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_VARIANT_VALUE_H_

#include <memory>

#include "runtime/tensor.h"

namespace tfjs::runtime {

class VariantValue {
 public:
  virtual ~VariantValue() = default;
};

// A DT_VARIANT scalar holding `value`.
template <typename T>
Tensor MakeVariant(std::shared_ptr<const T> value) {
  return Tensor::Variant<VariantValue>(std::shared_ptr<const VariantValue>(std::move(value)));
}

// The T `tensor` holds; nullptr when it holds something else or is no variant.
template <typename T>
const T* VariantAs(const Tensor& tensor) {
  const VariantValue* value = tensor.variant<VariantValue>();
  return value == nullptr ? nullptr : dynamic_cast<const T*>(value);
}

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_VARIANT_VALUE_H_
