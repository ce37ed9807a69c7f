// Dtype-generic element access for layout kernels: every fixed-size dtype is
// moved as an unsigned integer of its width, strings as std::string, resource
// and variant elements as Handles, so one template instance serves many dtypes.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ELEMENT_TYPES_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ELEMENT_TYPES_H_

#include <cstdint>
#include <string>
#include <type_traits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::array {

// The storage of a 16-byte element (complex128).
struct Bytes16 {
  uint64_t low;
  uint64_t high;
};

// Calls `function(T{})` with T the storage type of `dtype` and returns its
// status.
template <typename Function>
absl::Status DispatchByElement(DataType dtype, Function&& function) {
  if (dtype == tensorflow::DT_STRING) return function(std::string());
  if (IsHandleDtype(dtype)) return function(Handle());
  switch (DataTypeSize(dtype)) {
    case 1:
      return function(uint8_t{});
    case 2:
      return function(uint16_t{});
    case 4:
      return function(uint32_t{});
    case 8:
      return function(uint64_t{});
    case 16:
      return function(Bytes16{});
    default:
      return absl::UnimplementedError(
          absl::StrCat("tensors of dtype ", DataTypeName(dtype), " are not supported"));
  }
}

template <typename T>
const T* ElementsOf(const Tensor& tensor) {
  if constexpr (std::is_same_v<T, std::string>) {
    return tensor.strings().data();
  } else if constexpr (std::is_same_v<T, Handle>) {
    return tensor.handles().data();
  } else {
    return tensor.data<T>();
  }
}

template <typename T>
T* MutableElementsOf(Tensor& tensor) {
  if constexpr (std::is_same_v<T, std::string>) {
    return tensor.mutable_strings().data();
  } else if constexpr (std::is_same_v<T, Handle>) {
    return tensor.mutable_handles().data();
  } else {
    return tensor.mutable_data<T>();
  }
}

}  // namespace tfjs::runtime::array

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ELEMENT_TYPES_H_
