// Elementwise math of the binary ops with TF's semantics per dtype: integer ops wrap on overflow,
// FloorDiv rounds toward -inf, FloorMod takes the divisor's sign, Maximum/Minimum propagate NaN.
// Integer division by zero is rejected by the kernels before these run.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_BINARY_FUNCTORS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_BINARY_FUNCTORS_H_

#include <cmath>
#include <complex>
#include <type_traits>

namespace tfjs::runtime::math {

// Two's-complement wrapping arithmetic for integers (signed overflow is undefined in C++).
template <typename T>
using Unsigned = std::make_unsigned_t<T>;

struct AddFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<Unsigned<T>>(a) + static_cast<Unsigned<T>>(b));
    } else {
      return a + b;
    }
  }
};

struct SubFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<Unsigned<T>>(a) - static_cast<Unsigned<T>>(b));
    } else {
      return a - b;
    }
  }
};

struct MulFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<Unsigned<T>>(a) * static_cast<Unsigned<T>>(b));
    } else {
      return a * b;
    }
  }
};

// Division truncating toward zero for integers (C++ and TF's Div); divisor must be non-zero.
struct DivFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_signed_v<T> && std::is_integral_v<T>) {
      // min / -1 overflows (and traps on x86): negate with wrapping instead.
      if (b == -1) return SubFn()(T{0}, a);
    }
    return a / b;
  }
};

// Division rounding toward zero: DivFn for integers, trunc(a / b) for floats.
struct TruncateDivFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      return DivFn()(a, b);
    } else {
      return std::trunc(a / b);
    }
  }
};

// Division rounding toward -inf; for floats floor(a / b).
struct FloorDivFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      if (std::is_signed_v<T> && b == static_cast<T>(-1)) return SubFn()(T{0}, a);
      const T quotient = a / b;
      // Truncation rounded toward zero; step down when the exact quotient was negative.
      return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient;
    } else {
      return std::floor(a / b);
    }
  }
};

// Remainder of FloorDiv: a - floor(a / b) * b, so its sign follows the divisor.
struct FloorModFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      if (std::is_signed_v<T> && b == static_cast<T>(-1)) return T{0};
      const T remainder = a % b;
      return (remainder != 0 && ((remainder < 0) != (b < 0))) ? remainder + b : remainder;
    } else {
      const T remainder = std::fmod(a, b);
      return (remainder != 0 && ((remainder < 0) != (b < 0))) ? remainder + b : remainder;
    }
  }
};

// Remainder of truncating division (C's %, fmod for floats): its sign follows the dividend.
struct TruncateModFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      if (std::is_signed_v<T> && b == static_cast<T>(-1)) return T{0};
      return a % b;
    } else {
      return std::fmod(a, b);
    }
  }
};

// a / b, but 0 wherever b is 0 (even for a NaN or infinite a).
struct DivNoNanFn {
  template <typename T>
  T operator()(T a, T b) const {
    return b == T{0} ? T{0} : a / b;
  }
};

// a * b, but 0 wherever b is 0 (even for a NaN or infinite a).
struct MulNoNanFn {
  template <typename T>
  T operator()(T a, T b) const {
    return b == T{0} ? T{0} : a * b;
  }
};

// a / b, but 0 wherever a is 0 (even for a zero or NaN b).
struct XdivyFn {
  template <typename T>
  T operator()(T a, T b) const {
    return a == T{0} ? T{0} : a / b;
  }
};

// a * log(b), but 0 wherever a is 0.
struct XlogyFn {
  template <typename T>
  T operator()(T a, T b) const {
    return a == T{0} ? T{0} : a * std::log(b);
  }
};

// a * log(1 + b), but 0 wherever a is 0.
struct Xlog1pyFn {
  template <typename T>
  T operator()(T a, T b) const {
    if (a == T{0}) return T{0};
    if constexpr (std::is_floating_point_v<T>) {
      return a * std::log1p(b);
    } else {
      return a * std::log(T{1} + b);
    }
  }
};

// The next representable value after a in the direction of b.
struct NextAfterFn {
  template <typename T>
  T operator()(T a, T b) const {
    return std::nextafter(a, b);
  }
};

struct Atan2Fn {
  template <typename T>
  T operator()(T a, T b) const {
    return std::atan2(a, b);
  }
};

struct MaximumFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a)) return a;
      if (std::isnan(b)) return b;
    }
    return a < b ? b : a;
  }
};

struct MinimumFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a)) return a;
      if (std::isnan(b)) return b;
    }
    return b < a ? b : a;
  }
};

// (a - b)^2; for complex (a - b) * conj(a - b), as TF's.
struct SquaredDifferenceFn {
  template <typename T>
  T operator()(T a, T b) const {
    const T difference = SubFn()(a, b);
    if constexpr (std::is_integral_v<T> || std::is_floating_point_v<T>) {
      return MulFn()(difference, difference);
    } else {
      return difference * std::conj(difference);
    }
  }
};

// a ** b; for integers by repeated squaring with wrapping (negative exponents are rejected by
// the kernel, as TF does).
struct PowFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      T result = 1;
      for (T exponent = b; exponent > 0; exponent >>= 1) {
        if (exponent & 1) result = MulFn()(result, a);
        a = MulFn()(a, a);
      }
      return result;
    } else {
      return std::pow(a, b);
    }
  }
};

struct LogicalAndFn {
  bool operator()(bool a, bool b) const { return a && b; }
};

struct LogicalOrFn {
  bool operator()(bool a, bool b) const { return a || b; }
};

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_BINARY_FUNCTORS_H_
