// Element conversions of Cast with TF's CPU results: float to integer truncates toward zero, and
// NaN or out-of-range floats give what x86's conversion gives (the 32- or 64-bit integer
// minimum, then wrapped to narrower types); anything to bool is x != 0. float16 and bfloat16
// go through float32 and round to nearest even (bfloat16 truncates when asked).
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_CAST_FUNCTORS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_CAST_FUNCTORS_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "runtime/half.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::math {

template <typename T>
constexpr bool kIsFloat16 = std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;

// Truncation to Wide (int32_t or int64_t), or Wide's minimum when out of range or NaN.
template <typename Wide, typename F>
Wide TruncateOrMinimum(F value) {
  // 2^31 or 2^63, exact in every float type.
  const F limit = std::ldexp(F{1}, sizeof(Wide) * 8 - 1);
  if (value >= -limit && value < limit) return static_cast<Wide>(value);
  return std::numeric_limits<Wide>::min();
}

template <typename To, typename From>
To CastElement(From value, bool truncate = false) {
  if constexpr (kIsFloat16<From>) {
    return CastElement<To>(Widen(value), truncate);
  } else if constexpr (std::is_same_v<To, BFloat16>) {
    return BFloat16{FloatToBFloat16(static_cast<float>(value), truncate)};
  } else if constexpr (kIsFloat16<To>) {
    return Narrow<To>(static_cast<float>(value));
  } else if constexpr (std::is_same_v<To, bool>) {
    return value != From{0};
  } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    if constexpr (std::is_same_v<To, uint64_t>) {
      // Above 2^63 only an unsigned conversion holds the value.
      const From two_to_63 = static_cast<From>(uint64_t{1} << 63);
      if (value >= two_to_63 && value < two_to_63 * From{2}) return static_cast<uint64_t>(value);
      return static_cast<uint64_t>(TruncateOrMinimum<int64_t>(value));
    } else if constexpr (sizeof(To) == 8 || std::is_same_v<To, uint32_t>) {
      return static_cast<To>(TruncateOrMinimum<int64_t>(value));
    } else {
      return static_cast<To>(TruncateOrMinimum<int32_t>(value));
    }
  } else {
    return static_cast<To>(value);
  }
}

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_CAST_FUNCTORS_H_
