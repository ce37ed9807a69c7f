// More special functions: series where they converge without cancellation, asymptotic expansions
// and continued fractions beyond, and the trapezoid rule where the integrand makes it converge
// exponentially (the modified Bessel functions K).
#include "runtime/kernels/special/more_special_functions.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>

#include "runtime/kernels/special/special_functions.h"

namespace tfjs::runtime::special {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kEulerGamma = 0.57721566490153286061;
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// Relative size at which a series term no longer changes a double sum.
constexpr double kEpsilon = 1e-17;

// exp(-x) I_nu(x) for x >= 0 and nu 0 or 1: the power series (positive terms) up to 30, the
// asymptotic expansion (summed while its terms shrink) beyond.
double ScaledBesselI(int nu, double x) {
  if (std::isinf(x)) return 0;
  if (x <= 30) {
    const double quarter_square = x * x / 4;
    double term = nu == 0 ? 1 : x / 2;
    double sum = term;
    for (int k = 1; k < 1000 && term > kEpsilon * sum; ++k) {
      term *= quarter_square / (k * static_cast<double>(k + nu));
      sum += term;
    }
    return sum * std::exp(-x);
  }
  const double mu = 4.0 * nu * nu;
  double term = 1;
  double sum = 1;
  for (int k = 1; k < 200; ++k) {
    const double odd = 2.0 * k - 1;
    const double next = -term * (mu - odd * odd) / (8.0 * k * x);
    if (std::fabs(next) >= std::fabs(term)) break;
    term = next;
    sum += term;
    if (std::fabs(term) < kEpsilon * std::fabs(sum)) break;
  }
  return sum / std::sqrt(2 * kPi * x);
}

// I_nu(x) for x >= 0 from its scaled value, without overflowing exp(x) before I_nu does.
double UnscaledBesselI(int nu, double x) {
  const double scaled = ScaledBesselI(nu, x);
  if (x <= 700) return scaled * std::exp(x);
  return std::exp(x + std::log(scaled));
}

// K_nu(x) for 0 < x <= 1 and nu 0 or 1, from the series of Abramowitz & Stegun 9.6.11/9.6.13.
double SmallBesselK(int nu, double x) {
  const double quarter_square = x * x / 4;
  const double log_half = std::log(x / 2);
  if (nu == 0) {
    double term = 1;  // (x^2/4)^k / (k!)^2
    double i0 = 1;
    double harmonic = 0;
    double sum = 0;
    for (int k = 1; k < 100 && term > kEpsilon; ++k) {
      term *= quarter_square / (static_cast<double>(k) * k);
      harmonic += 1.0 / k;
      i0 += term;
      sum += harmonic * term;
    }
    return -(log_half + kEulerGamma) * i0 + sum;
  }
  double term = 1;  // (x^2/4)^k / (k! (k + 1)!)
  double i1_sum = 1;
  double harmonic_k = 0;
  double harmonic_k1 = 1;
  double sum = -2 * kEulerGamma + harmonic_k + harmonic_k1;  // psi(1) + psi(2)
  for (int k = 1; k < 100 && term > kEpsilon; ++k) {
    term *= quarter_square / (static_cast<double>(k) * (k + 1));
    harmonic_k += 1.0 / k;
    harmonic_k1 += 1.0 / (k + 1);
    i1_sum += term;
    sum += (-2 * kEulerGamma + harmonic_k + harmonic_k1) * term;
  }
  return 1 / x + log_half * (x / 2) * i1_sum - (x / 4) * sum;
}

// exp(x) K_nu(x) for x > 1 and nu 0 or 1: the trapezoid rule on
// integral_0^inf exp(-x (cosh t - 1)) cosh(nu t) dt, which converges exponentially in the step
// (the integrand is analytic in a strip); the step shrinks with the integrand's width 1/sqrt(x).
double LargeScaledBesselK(int nu, double x) {
  if (std::isinf(x)) return 0;
  const double step = std::min(0.1, 0.5 / std::sqrt(x));
  double sum = 0.5;
  for (int j = 1; j < 100000; ++j) {
    const double t = j * step;
    const double half_sinh = std::sinh(t / 2);
    const double value = std::exp(-2 * x * half_sinh * half_sinh) * (nu == 0 ? 1.0 : std::cosh(t));
    sum += value;
    if (value < kEpsilon * sum) break;
  }
  return sum * step;
}

double ScaledBesselK(int nu, double x) {
  if (std::isnan(x) || x < 0) return kNan;
  if (x == 0) return kInf;
  if (x <= 1) return SmallBesselK(nu, x) * std::exp(x);
  return LargeScaledBesselK(nu, x);
}

double UnscaledBesselK(int nu, double x) {
  if (std::isnan(x) || x < 0) return kNan;
  if (x == 0) return kInf;
  if (x <= 1) return SmallBesselK(nu, x);
  return LargeScaledBesselK(nu, x) * std::exp(-x);
}

// Li2(z) = sum z^k / k^2 for |z| <= 1/2.
double DilogSeries(double z) {
  double power = z;
  double sum = 0;
  for (int k = 1; k < 200; ++k) {
    const double term = power / (static_cast<double>(k) * k);
    sum += term;
    if (std::fabs(term) <= kEpsilon * std::fabs(sum)) break;
    power *= z;
  }
  return sum;
}

// A first guess at erfinv(y), |y| < 1, good to about 2e-3 (Winitzki's approximation).
double ErfinvGuess(double y) {
  constexpr double kA = 0.147;
  const double log_term = std::log((1 - y) * (1 + y));
  const double t = 2 / (kPi * kA) + log_term / 2;
  return std::copysign(std::sqrt(std::sqrt(t * t - log_term / kA) - t), y);
}

// The t >= 0 with erfc(t) = q, 0 < q <= 1, by Halley's method on erf for q >= 1/2 (where 1 - q
// is exact) and on erfc below; both have f'' = -2 t f'.
double Erfcinv(double q) {
  double t;
  if (q > 1e-3) {
    t = ErfinvGuess(1 - q);
  } else {
    // erfc(t) ~ exp(-t^2) / (t sqrt(pi)).
    t = std::sqrt(-std::log(q));
    for (int i = 0; i < 3; ++i) t = std::sqrt(-std::log(q * std::sqrt(kPi) * t));
  }
  for (int i = 0; i < 6; ++i) {
    const double f = q >= 0.5 ? (1 - q) - std::erf(t) : std::erfc(t) - q;
    const double derivative = -2 / std::sqrt(kPi) * std::exp(-t * t);
    if (derivative == 0 || f == 0) break;
    const double u = f / derivative;
    t -= u / (1 + t * u);
  }
  return t;
}

}  // namespace

double BesselI0e(double x) { return std::isnan(x) ? x : ScaledBesselI(0, std::fabs(x)); }
double BesselI1e(double x) {
  return std::isnan(x) ? x : std::copysign(ScaledBesselI(1, std::fabs(x)), x);
}
double BesselI0(double x) { return std::isnan(x) ? x : UnscaledBesselI(0, std::fabs(x)); }
double BesselI1(double x) {
  return std::isnan(x) ? x : std::copysign(UnscaledBesselI(1, std::fabs(x)), x);
}
double BesselK0e(double x) { return ScaledBesselK(0, x); }
double BesselK1e(double x) { return ScaledBesselK(1, x); }
double BesselK0(double x) { return UnscaledBesselK(0, x); }
double BesselK1(double x) { return UnscaledBesselK(1, x); }

double Dawsn(double x) {
  if (std::isnan(x)) return x;
  const double ax = std::fabs(x);
  if (ax > 10) {
    // 1/(2x) sum (2k - 1)!! / (2x^2)^k, summed while its terms shrink.
    const double ratio = 1 / (2 * x * x);
    double term = 1;
    double sum = 1;
    for (int k = 1; k < 200; ++k) {
      const double next = term * (2 * k - 1) * ratio;
      if (next >= term || next < kEpsilon * sum) break;
      term = next;
      sum += term;
    }
    return sum / (2 * x);
  }
  // exp(-x^2) sum x^(2n+1) / (n! (2n + 1)): positive terms, no cancellation.
  const double square = x * x;
  double term = x;
  double sum = x;
  for (int n = 1; n < 1000; ++n) {
    term *= square / n;
    const double add = term / (2 * n + 1);
    sum += add;
    if (std::fabs(add) <= kEpsilon * std::fabs(sum)) break;
  }
  return sum * std::exp(-square);
}

double Expint(double x) {
  if (std::isnan(x)) return x;
  if (x == 0) return -kInf;
  if (x == kInf) return kInf;
  if (x == -kInf) return -0.0;
  if (x < 0) {
    // -E1(y), y = -x.
    const double y = -x;
    if (y <= 1) {
      double term = 1;
      double sum = 0;
      for (int k = 1; k < 100; ++k) {
        term *= -y / k;
        sum += term / k;
        if (std::fabs(term) < kEpsilon) break;
      }
      return -(-kEulerGamma - std::log(y) - sum);
    }
    // E1(y) = exp(-y) / (y + 1 - 1^2 / (y + 3 - 2^2 / (y + 5 - ...))), by Lentz's method.
    constexpr double kTiny = 1e-300;
    double b = y + 1;
    double c = 1 / kTiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 1000; ++i) {
      const double a = -static_cast<double>(i) * i;
      b += 2;
      d = 1 / (a * d + b);
      c = b + a / c;
      const double delta = c * d;
      h *= delta;
      if (std::fabs(delta - 1) < 1e-16) break;
    }
    return -h * std::exp(-y);
  }
  if (x <= 40) {
    // gamma + log(x) + sum x^k / (k k!).
    double term = 1;
    double sum = 0;
    for (int k = 1; k < 1000; ++k) {
      term *= x / k;
      const double add = term / k;
      sum += add;
      if (add <= kEpsilon * sum) break;
    }
    return kEulerGamma + std::log(x) + sum;
  }
  // exp(x) / x sum k! / x^k, summed while its terms shrink.
  double term = 1;
  double sum = 1;
  for (int k = 1; k < 200; ++k) {
    const double next = term * k / x;
    if (next >= term || next < kEpsilon * sum) break;
    term = next;
    sum += term;
  }
  return std::exp(x - std::log(x)) * sum;
}

namespace {

// C(|x|) and S(|x|): the power series below 1.6, the continued fraction of erfc (Lentz's method)
// from C + iS = (1 + i)/2 erf((1 - i) sqrt(pi)/2 x) above.
void FresnelIntegrals(double ax, double& c, double& s) {
  if (ax < 1.6) {
    // term_m = (pi/2 x^2)^m x / m!; even m go to C, odd m to S, with alternating signs.
    const double z = kPi / 2 * ax * ax;
    double term = ax;
    c = 0;
    s = 0;
    for (int m = 0; m < 100; ++m) {
      const double add = term / (2 * m + 1);
      const double sign = (m / 2) % 2 == 0 ? 1.0 : -1.0;
      if (m % 2 == 0) {
        c += sign * add;
      } else {
        s += sign * add;
      }
      if (add <= kEpsilon * ax && m > 2) break;
      term *= z / (m + 1);
    }
    return;
  }
  if (std::isinf(ax)) {
    c = 0.5;
    s = 0.5;
    return;
  }
  const double pi_square = kPi * ax * ax;
  std::complex<double> b(1, -pi_square);
  std::complex<double> cf = 1 / 1e-300;
  std::complex<double> d = 1.0 / b;
  std::complex<double> h = d;
  double n = -1;
  for (int k = 2; k < 1000; ++k) {
    n += 2;
    const double a = -n * (n + 1);
    b += 4.0;
    d = 1.0 / (a * d + b);
    cf = b + a / cf;
    const std::complex<double> delta = cf * d;
    h *= delta;
    if (std::fabs(delta.real() - 1) + std::fabs(delta.imag()) < 1e-16) break;
  }
  h *= std::complex<double>(ax, -ax);
  const std::complex<double> result =
      std::complex<double>(0.5, 0.5) *
      (1.0 - std::complex<double>(std::cos(pi_square / 2), std::sin(pi_square / 2)) * h);
  c = result.real();
  s = result.imag();
}

}  // namespace

double FresnelCos(double x) {
  if (std::isnan(x)) return x;
  double c, s;
  FresnelIntegrals(std::fabs(x), c, s);
  return std::copysign(c, x);
}

double FresnelSin(double x) {
  if (std::isnan(x)) return x;
  double c, s;
  FresnelIntegrals(std::fabs(x), c, s);
  return std::copysign(s, x);
}

double Spence(double x) {
  constexpr double kPiSquareOver6 = kPi * kPi / 6;
  if (std::isnan(x)) return x;
  if (x < 0) return kNan;
  if (x == 0) return kPiSquareOver6;
  if (std::isinf(x)) return -kInf;
  // Li2(1 - x), brought to a series argument of size <= 1/2 by Li2(z) + Li2(1 - z) =
  // pi^2/6 - log(z) log(1 - z) and Landen's Li2(z) = -Li2(z / (z - 1)) - log(1 - z)^2 / 2.
  if (x < 0.5) return kPiSquareOver6 - std::log(x) * std::log1p(-x) - DilogSeries(x);
  if (x <= 1.5) return DilogSeries(1 - x);
  const double log_x = std::log(x);
  if (x <= 2) return -DilogSeries((x - 1) / x) - log_x * log_x / 2;
  const double dilog_w = kPiSquareOver6 + std::log1p(-1 / x) * log_x - DilogSeries(1 / x);
  return -dilog_w - log_x * log_x / 2;
}

double Erfinv(double y) {
  if (std::isnan(y) || std::fabs(y) > 1) return kNan;
  if (std::fabs(y) == 1) return std::copysign(kInf, y);
  if (y == 0) return y;
  if (std::fabs(y) >= 0.5) return std::copysign(Erfcinv(1 - std::fabs(y)), y);
  // Halley's method on erf itself keeps the relative precision of small y.
  double x = ErfinvGuess(y);
  for (int i = 0; i < 6; ++i) {
    const double f = std::erf(x) - y;
    const double derivative = 2 / std::sqrt(kPi) * std::exp(-x * x);
    if (f == 0) break;
    const double u = f / derivative;
    x -= u / (1 + x * u);
  }
  return x;
}

double Ndtri(double p) {
  if (std::isnan(p) || p < 0 || p > 1) return kNan;
  if (p == 0) return -kInf;
  if (p == 1) return kInf;
  if (p == 0.5) return 0;
  // Phi(x) = erfc(-x / sqrt(2)) / 2.
  if (p <= 0.5) return -std::sqrt(2.0) * Erfcinv(2 * p);
  return std::sqrt(2.0) * Erfcinv(2 * (1 - p));
}

double IgammaGradA(double a, double x) {
  if (std::isnan(a) || std::isnan(x) || a <= 0 || x < 0 || std::isinf(a)) return kNan;
  if (x == 0 || std::isinf(x)) return 0;
  if (x <= a) {
    // P(a, x) = sum_n x^(a+n) exp(-x) / Gamma(a + n + 1); each term's derivative is the term
    // times log(x) - psi(a + n + 1), all negative here.
    const double log_x = std::log(x);
    double term = std::exp(a * log_x - x - std::lgamma(a + 1));
    double psi = Digamma(a + 1);
    double sum = term * (log_x - psi);
    for (int n = 1; n < 100000; ++n) {
      term *= x / (a + n);
      psi += 1 / (a + n);
      const double add = term * (log_x - psi);
      sum += add;
      if (std::fabs(add) <= kEpsilon * std::fabs(sum)) break;
    }
    return sum;
  }
  // dP/da = -dQ/da = -integral_x^inf t^(a-1) exp(-t) (log t - psi(a)) dt / Gamma(a), all of it
  // positive here; t = x + s with s = exp(pi/2 sinh(tau)) and the trapezoid rule in tau.
  const double psi = Digamma(a);
  const double log_gamma = std::lgamma(a);
  constexpr double kStep = 1.0 / 64;
  auto at = [&](double tau) {
    const double s = std::exp(kPi / 2 * std::sinh(tau));
    const double t = x + s;
    const double log_t = std::log(t);
    const double density = std::exp((a - 1) * log_t - t - log_gamma);
    return density * (log_t - psi) * kPi / 2 * std::cosh(tau) * s;
  };
  double sum = at(0);
  for (int direction = -1; direction <= 1; direction += 2) {
    for (int k = 1; k <= 6 * 64; ++k) {
      const double value = at(direction * k * kStep);
      sum += value;
      if (std::fabs(value) <= 1e-20 * std::fabs(sum)) break;
    }
  }
  return -sum * kStep;
}

}  // namespace tfjs::runtime::special
