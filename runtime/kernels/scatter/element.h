// Elements of the variable kernels' tensors: the scatter arithmetic on every TF number type (float16 and bfloat16 widened to float32
// and rounded once, as Eigen does), bool and complex.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_ELEMENT_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_ELEMENT_H_

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::scatter {

enum class Combine { kUpdate, kAdd, kSub, kMul, kDiv, kMin, kMax };

// `current` combined with `update`. Integers wrap on overflow (two's complement, as TF's
// kernels do in practice); bool adds as or, subtracts as xor and multiplies as and; Min and Max
// are never called for complex or bool, nor Div for bool (their kernels do not take them).
template <Combine kCombine, typename T>
T Apply(T current, T update) {
  if constexpr (kCombine == Combine::kUpdate) {
    return update;
  } else if constexpr (std::is_same_v<T, bool>) {
    if constexpr (kCombine == Combine::kAdd) return current || update;
    if constexpr (kCombine == Combine::kSub) return current != update;
    return current && update;
  } else if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    const U a = static_cast<U>(current);
    const U b = static_cast<U>(update);
    switch (kCombine) {
      case Combine::kAdd:
        return static_cast<T>(static_cast<U>(a + b));
      case Combine::kSub:
        return static_cast<T>(static_cast<U>(a - b));
      case Combine::kMul:
        return static_cast<T>(static_cast<U>(a * b));
      case Combine::kDiv:
        // The one signed quotient that overflows: min / -1 wraps to min.
        if (std::is_signed_v<T> && update == -1) return static_cast<T>(static_cast<U>(0 - a));
        return static_cast<T>(current / update);
      case Combine::kMin:
        return std::min(current, update);
      case Combine::kMax:
        return std::max(current, update);
      default:
        return update;
    }
  } else {
    using W = math::ComputeType<T>;
    const W a = math::Widen(current);
    const W b = math::Widen(update);
    W result = b;
    if constexpr (kCombine == Combine::kAdd) result = a + b;
    if constexpr (kCombine == Combine::kSub) result = a - b;
    if constexpr (kCombine == Combine::kMul) result = a * b;
    if constexpr (kCombine == Combine::kDiv) result = a / b;
    if constexpr (!math::kIsComplex<T>) {
      // NaN propagates as in Eigen's scalar_min/max (std::min/max return the first operand).
      if constexpr (kCombine == Combine::kMin) result = b < a ? b : a;
      if constexpr (kCombine == Combine::kMax) result = b > a ? b : a;
    }
    return math::Narrow<T>(result);
  }
}

// True for a zero element (ResourceScatterDiv refuses zero updates of every dtype).
template <typename T>
bool IsZero(T value) {
  if constexpr (std::is_same_v<T, math::Half> || std::is_same_v<T, math::BFloat16>) {
    return math::Widen(value) == 0.f;
  } else {
    return value == T{};
  }
}

}  // namespace tfjs::runtime::scatter

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_ELEMENT_H_
