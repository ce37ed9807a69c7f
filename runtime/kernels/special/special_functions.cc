#include "runtime/kernels/special/special_functions.h"

#include <cmath>
#include <limits>

namespace tfjs::runtime::special {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Bernoulli numbers B_2, B_4, ..., B_24.
constexpr double kBernoulli[] = {
    1.0 / 6, -1.0 / 30,     1.0 / 42,      -1.0 / 30,       5.0 / 66,       -691.0 / 2730,
    7.0 / 6, -3617.0 / 510, 43867.0 / 798, -174611.0 / 330, 854513.0 / 138, -236364091.0 / 2730};

}  // namespace

double Digamma(double x) {
  if (std::isnan(x)) return x;
  double reflection = 0;
  if (x <= 0) {
    if (x == std::floor(x)) return kNan;
    // psi(x) = psi(1 - x) - pi / tan(pi x).
    reflection = kPi / std::tan(kPi * x);
    x = 1 - x;
  }
  // psi(x) = psi(x + n) - sum 1/(x + k), then the asymptotic series at x + n >= 10.
  double shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const double inv2 = 1 / (x * x);
  double series = 0;
  double power = inv2;
  for (int k = 1; k <= 7; ++k) {
    series += kBernoulli[k - 1] / (2 * k) * power;
    power *= inv2;
  }
  return std::log(x) - 0.5 / x - series - shift - reflection;
}

double Zeta(double x, double q) {
  if (std::isnan(x) || std::isnan(q)) return kNan;
  if (x == 1) return kInf;
  if (x < 1) return kNan;
  if (q <= 0) {
    if (q == std::floor(q)) return kInf;
    if (x != std::floor(x)) return kNan;
  }
  // Euler-Maclaurin: sum the first N terms directly, then the integral and correction terms.
  constexpr int kDirectTerms = 9;
  double sum = 0;
  double a = q;
  for (int k = 0; k < kDirectTerms || a <= 9; ++k) {
    sum += std::pow(a, -x);
    a += 1;
  }
  const double tail = std::pow(a, -x);
  sum += tail * a / (x - 1) + 0.5 * tail;
  // + sum_j B_2j / (2j)! * x (x+1) ... (x+2j-2) * a^(-x-2j+1).
  double rising = x;        // x (x+1) ... (x+2j-2)
  double factorial = 2;     // (2j)!
  double power = tail / a;  // a^(-x-2j+1)
  for (int j = 1; j <= 12; ++j) {
    const double term = kBernoulli[j - 1] / factorial * rising * power;
    sum += term;
    if (std::fabs(term) < 1e-17 * std::fabs(sum)) break;
    rising *= (x + 2 * j - 1) * (x + 2 * j);
    factorial *= (2 * j + 1) * (2 * j + 2);
    power /= a * a;
  }
  return sum;
}

namespace {

constexpr double kEpsilon = 1e-16;
constexpr int kMaxIterations = 2000;

// log(x^a e^-x / Gamma(a)), the prefactor of both incomplete gamma expansions.
double LogPrefactor(double a, double x) { return a * std::log(x) - x - std::lgamma(a); }

// P(a, x) by its power series, for x < a + 1.
double LowerSeries(double a, double x) {
  double term = 1 / a;
  double sum = term;
  for (int n = 1; n < kMaxIterations; ++n) {
    term *= x / (a + n);
    sum += term;
    if (std::fabs(term) < std::fabs(sum) * kEpsilon) break;
  }
  return sum * std::exp(LogPrefactor(a, x));
}

// Q(a, x) by its continued fraction (modified Lentz), for x >= a + 1.
double UpperContinuedFraction(double a, double x) {
  constexpr double kTiny = 1e-300;
  double b = x + 1 - a;
  double c = 1 / kTiny;
  double d = 1 / b;
  double h = d;
  for (int i = 1; i < kMaxIterations; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEpsilon) break;
  }
  return std::exp(LogPrefactor(a, x)) * h;
}

}  // namespace

double Igamma(double a, double x) {
  if (std::isnan(a) || std::isnan(x)) return kNan;
  if (x == 0) return 0;
  if (x < 0 || a <= 0) return kNan;
  if (std::isinf(x)) return 1;
  return x < a + 1 ? LowerSeries(a, x) : 1 - UpperContinuedFraction(a, x);
}

double Igammac(double a, double x) {
  if (std::isnan(a) || std::isnan(x)) return kNan;
  if (x < 0 || a <= 0) return kNan;
  if (x == 0) return 1;
  if (std::isinf(x)) return 0;
  return x < a + 1 ? 1 - LowerSeries(a, x) : UpperContinuedFraction(a, x);
}

double Polygamma(double n, double x) {
  if (std::isnan(n) || n != std::floor(n) || n < 0) return kNan;
  if (n == 0) return Digamma(x);
  const double factorial = std::exp(std::lgamma(n + 1));
  const double sign = std::fmod(n, 2) == 0 ? -1 : 1;  // (-1)^(n+1)
  return sign * factorial * Zeta(n + 1, x);
}

}  // namespace tfjs::runtime::special
