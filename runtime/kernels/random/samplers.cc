// TF's gamma, Poisson and binomial samplers (see samplers.h).
#include "runtime/kernels/random/samplers.h"

#include <algorithm>

namespace tfjs::runtime::random {
namespace {

// Below this rate Poisson samples by the product of uniforms.
constexpr double kPoissonRejectionThreshold = 10;

// Stirling's approximation's error term log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2],
// tabulated for k <= 9 as TF.
double StirlingApproxTail(double k) {
  static constexpr double kTailValues[] = {
      0.0810614667953272,  0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
      0.0166446911898211,  0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
      0.00925546218271273, 0.00833056343336287};
  if (k <= 9) return kTailValues[static_cast<int>(k)];
  const double kp1sq = (k + 1) * (k + 1);
  return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

// Hormann (1993), "The generation of binomial random variates" (BTRS).
double Btrs(double count, double prob, DoubleDraws& draws) {
  const double stddev = std::sqrt(count * prob * (1 - prob));
  const double b = 1.15 + 2.53 * stddev;
  const double a = -0.0873 + 0.0248 * b + 0.01 * prob;
  const double c = count * prob + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double r = prob / (1 - prob);
  const double alpha = (2.83 + 5.1 / b) * stddev;
  const double m = std::floor((count + 1) * prob);
  while (true) {
    double u = draws.Uniform();
    double v = draws.Uniform();
    u = u - 0.5;
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / us + b) * u + c);
    if (us >= 0.07 && v <= v_r) return k;
    if (k < 0 || k > count) continue;
    v = std::log(v * alpha / (a / (us * us) + b));
    const double upperbound =
        ((m + 0.5) * std::log((m + 1) / (r * (count - m + 1))) +
         (count + 1) * std::log((count - m + 1) / (count - k + 1)) +
         (k + 0.5) * std::log(r * (count - k + 1) / (k + 1)) + StirlingApproxTail(m) +
         StirlingApproxTail(count - m) - StirlingApproxTail(k) - StirlingApproxTail(count - k));
    if (v <= upperbound) return k;
  }
}

// The number of geometric(prob) draws whose sum stays within count.
double BinomialInversion(double count, double prob, DoubleDraws& draws) {
  double geom_sum = 0;
  double num_geom = 0;
  const double log_q = std::log1p(-prob);
  while (true) {
    const double u = draws.Uniform();
    geom_sum += std::ceil(std::log(u) / log_q);
    if (geom_sum > count) break;
    ++num_geom;
  }
  return num_geom;
}

}  // namespace

double SampleGamma(double alpha, Philox philox) {
  DoubleDraws draws(&philox);
  if (alpha == 1.0) return -std::log1p(-draws.Uniform());
  const bool alpha_less_than_one = alpha < 1;
  const double d = alpha + (alpha_less_than_one ? 2.0 / 3 : -1.0 / 3);
  if (!(d > 0)) return std::numeric_limits<double>::quiet_NaN();
  const double c = 1.0 / 3 / std::sqrt(d);
  while (true) {
    const double x = draws.Normal();
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = draws.Uniform();
    if ((u < 1 - 0.0331 * (x * x) * (x * x)) ||
        (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v)))) {
      double result = d * v;
      if (alpha_less_than_one) result *= std::pow(draws.Uniform(), 1 / alpha);
      return result;
    }
  }
}

double SamplePoisson(double rate, double highest, Philox philox) {
  DoubleDraws draws(&philox);
  if (rate < kPoissonRejectionThreshold) {
    const double exp_neg_rate = std::exp(-rate);
    double product = 1;
    double x = 0;
    while (true) {
      product *= draws.Uniform();
      if (product <= exp_neg_rate && x <= highest) return x;
      x += 1;
    }
  }
  if (std::isinf(rate) && rate > 0) return std::numeric_limits<double>::infinity();
  // NaN rates, and rates whose draws would all exceed the output type.
  if (!(rate <= 2 * highest)) return std::numeric_limits<double>::quiet_NaN();
  const double log_rate = std::log(rate);
  const double b = 0.931 + 2.53 * std::sqrt(rate);
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  while (true) {
    double u = draws.Uniform();
    u -= 0.5;
    const double v = draws.Uniform();
    const double u_shifted = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / u_shifted + b) * u + rate + 0.43);
    if (k > highest) continue;
    if (u_shifted >= 0.07 && v <= 0.9277 - 3.6224 / (b - 2)) return k;
    if (k < 0 || (u_shifted < 0.013 && v > u_shifted)) continue;
    const double s = std::log(v * inv_alpha / (a / (u_shifted * u_shifted) + b));
    const double t = -rate + k * log_rate - std::lgamma(k + 1);
    if (s <= t) return k;
  }
}

double SampleBinomialLowProb(double count, double prob, bool count_times_prob_large,
                             Philox philox) {
  DoubleDraws draws(&philox);
  return count_times_prob_large ? Btrs(count, prob, draws) : BinomialInversion(count, prob, draws);
}

}  // namespace tfjs::runtime::random
