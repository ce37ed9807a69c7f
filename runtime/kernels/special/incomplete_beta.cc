// I_x(a, b) by the continued fraction of the incomplete beta integral (modified Lentz method),
// evaluated on the side of the mean where it converges fast.
#include "runtime/kernels/special/incomplete_beta.h"

#include <cmath>
#include <limits>

namespace tfjs::runtime::special {
namespace {

constexpr int kMaxTerms = 5000;
constexpr double kTolerance = 1e-16;
// Stands in for a zero denominator so the recurrence can go on.
constexpr double kTiny = 1e-300;

double AvoidZero(double value) { return std::fabs(value) < kTiny ? kTiny : value; }

// The continued fraction 1 / (1 + d1 / (1 + d2 / (1 + ...))) whose terms are
//   d(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
//   d(2m)   = m (b - m) x / ((a + 2m - 1)(a + 2m)).
// It converges quickly for x < (a + 1) / (a + b + 2).
double BetaContinuedFraction(double a, double b, double x) {
  double c = 1.0;
  double d = 1.0 / AvoidZero(1.0 - (a + b) * x / (a + 1.0));
  double fraction = d;
  for (int m = 1; m <= kMaxTerms; ++m) {
    const double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1.0 / AvoidZero(1.0 + even * d);
    c = AvoidZero(1.0 + even / c);
    fraction *= d * c;
    const double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1.0 / AvoidZero(1.0 + odd * d);
    c = AvoidZero(1.0 + odd / c);
    const double step = d * c;
    fraction *= step;
    if (std::fabs(step - 1.0) < kTolerance) break;
  }
  return fraction;
}

}  // namespace

double RegularizedIncompleteBeta(double a, double b, double x) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (std::isnan(a) || std::isnan(b) || std::isnan(x)) return nan;
  if (a <= 0 || b <= 0) return nan;
  if (x == 0) return 0;
  if (x == 1) return 1;
  if (x < 0 || x > 1) return nan;
  // x^a (1 - x)^b / B(a, b), in logarithms.
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1) / (a + b + 2)) return front * BetaContinuedFraction(a, b, x) / a;
  // I_x(a, b) = 1 - I_(1-x)(b, a).
  return 1.0 - front * BetaContinuedFraction(b, a, 1.0 - x) / b;
}

}  // namespace tfjs::runtime::special
