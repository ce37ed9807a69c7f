// Elementwise math of the unary ops, with TF's formulas and NaN behaviour (NaN in, NaN out,
// except IsNan). Integer Neg/Abs/Square wrap on overflow as TF's do. The transcendental ones
// also take std::complex (Log1p and Expm1 through log and exp).
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_UNARY_FUNCTORS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_UNARY_FUNCTORS_H_

#include <cmath>
#include <limits>
#include <type_traits>

#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::math {

struct ExpFn {
  template <typename T>
  T operator()(T x) const {
    return std::exp(x);
  }
};
struct LogFn {
  template <typename T>
  T operator()(T x) const {
    return std::log(x);
  }
};
struct Log1pFn {
  template <typename T>
  T operator()(T x) const {
    if constexpr (kIsComplex<T>) {
      return std::log(T{1} + x);
    } else {
      return std::log1p(x);
    }
  }
};
struct SqrtFn {
  template <typename T>
  T operator()(T x) const {
    return std::sqrt(x);
  }
};
struct RsqrtFn {
  template <typename T>
  T operator()(T x) const {
    return T{1} / std::sqrt(x);
  }
};
struct ReciprocalFn {
  template <typename T>
  T operator()(T x) const {
    return T{1} / x;
  }
};
struct SinFn {
  template <typename T>
  T operator()(T x) const {
    return std::sin(x);
  }
};
struct CosFn {
  template <typename T>
  T operator()(T x) const {
    return std::cos(x);
  }
};
struct TanhFn {
  template <typename T>
  T operator()(T x) const {
    return std::tanh(x);
  }
};
struct ErfFn {
  template <typename T>
  T operator()(T x) const {
    return std::erf(x);
  }
};
struct ErfcFn {
  template <typename T>
  T operator()(T x) const {
    return std::erfc(x);
  }
};
// Nearest integer, halves to even (the default rounding mode), as TF's Rint.
struct RintFn {
  template <typename T>
  T operator()(T x) const {
    return std::rint(x);
  }
};
struct Expm1Fn {
  template <typename T>
  T operator()(T x) const {
    if constexpr (kIsComplex<T>) {
      return std::exp(x) - T{1};
    } else {
      return std::expm1(x);
    }
  }
};
struct TanFn {
  template <typename T>
  T operator()(T x) const {
    return std::tan(x);
  }
};
struct AsinFn {
  template <typename T>
  T operator()(T x) const {
    return std::asin(x);
  }
};
struct AcosFn {
  template <typename T>
  T operator()(T x) const {
    return std::acos(x);
  }
};
struct AtanFn {
  template <typename T>
  T operator()(T x) const {
    return std::atan(x);
  }
};
struct SinhFn {
  template <typename T>
  T operator()(T x) const {
    return std::sinh(x);
  }
};
struct CoshFn {
  template <typename T>
  T operator()(T x) const {
    return std::cosh(x);
  }
};
struct AsinhFn {
  template <typename T>
  T operator()(T x) const {
    return std::asinh(x);
  }
};
struct AcoshFn {
  template <typename T>
  T operator()(T x) const {
    return std::acosh(x);
  }
};
struct AtanhFn {
  template <typename T>
  T operator()(T x) const {
    return std::atanh(x);
  }
};
struct FloorFn {
  template <typename T>
  T operator()(T x) const {
    return std::floor(x);
  }
};
struct CeilFn {
  template <typename T>
  T operator()(T x) const {
    return std::ceil(x);
  }
};

// Halves round to even (banker's rounding), as TF's Round; integers are unchanged.
struct RoundFn {
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_integral_v<T>) {
      return x;
    } else {
      return std::nearbyint(x);
    }
  }
};

struct SigmoidFn {
  template <typename T>
  T operator()(T x) const {
    return T{1} / (T{1} + std::exp(-x));
  }
};

// x for x > 0, exp(x) - 1 otherwise.
struct EluFn {
  template <typename T>
  T operator()(T x) const {
    return x < 0 ? std::expm1(x) : x;
  }
};

// scale * (x for x > 0, alpha * (exp(x) - 1) otherwise), with the constants of Klambauer et al.
struct SeluFn {
  template <typename T>
  T operator()(T x) const {
    const T scale = static_cast<T>(1.0507009873554804934193349852946);
    const T scale_alpha = static_cast<T>(1.7580993408473768599402175208123);
    return x < 0 ? scale_alpha * std::expm1(x) : scale * x;
  }
};

// log(1 + exp(x)), switching to x and to exp(x) where those are exact to the dtype's epsilon,
// as TF does.
struct SoftplusFn {
  template <typename T>
  T operator()(T x) const {
    const T threshold = std::log(std::numeric_limits<T>::epsilon()) + T{2};
    if (x > -threshold) return x;
    if (x < threshold) return std::exp(x);
    return std::log1p(std::exp(x));
  }
};

// max(x, 0); NaN stays NaN.
struct ReluFn {
  template <typename T>
  T operator()(T x) const {
    return x < 0 ? T{0} : x;
  }
};

// min(max(x, 0), 6); NaN stays NaN.
struct Relu6Fn {
  template <typename T>
  T operator()(T x) const {
    return x < 0 ? T{0} : (T{6} < x ? T{6} : x);
  }
};

// Integers wrap; floats flip the sign bit (0 gives -0, as TF's -x).
struct NegFn {
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_integral_v<T>) {
      return SubFn()(T{0}, x);
    } else {
      return -x;
    }
  }
};

struct AbsFn {
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_integral_v<T>) {
      return x < 0 ? NegFn()(x) : x;
    } else {
      return std::fabs(x);
    }
  }
};

struct SquareFn {
  template <typename T>
  T operator()(T x) const {
    return MulFn()(x, x);
  }
};

// -1, 0 or 1; NaN stays NaN; x / |x| for complex (0 for 0).
struct SignFn {
  template <typename T>
  T operator()(T x) const {
    if constexpr (kIsComplex<T>) {
      return x == T{0} ? T{0} : x / std::abs(x);
    } else {
      if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(x)) return x;
      }
      return static_cast<T>((T{0} < x) - (x < T{0}));
    }
  }
};

struct IsNanFn {
  template <typename T>
  bool operator()(T x) const {
    return std::isnan(x);
  }
};

struct IsInfFn {
  template <typename T>
  bool operator()(T x) const {
    return std::isinf(x);
  }
};

struct IsFiniteFn {
  template <typename T>
  bool operator()(T x) const {
    return std::isfinite(x);
  }
};

// x for x >= 0, alpha * x otherwise.
template <typename T>
struct LeakyReluFn {
  T alpha;
  T operator()(T x) const { return x < 0 ? alpha * x : x; }
};

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_UNARY_FUNCTORS_H_
