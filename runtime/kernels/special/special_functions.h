// Special functions in double precision, with the domain conventions of TF's CPU kernels
// (Eigen): NaN outside the domain, +inf at poles of zeta.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SPECIAL_SPECIAL_FUNCTIONS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SPECIAL_SPECIAL_FUNCTIONS_H_

namespace tfjs::runtime::special {

// psi(x) = d/dx log Gamma(x); NaN at 0 and the negative integers.
double Digamma(double x);

// The Hurwitz zeta function sum_{k>=0} (q + k)^-x: +inf for x == 1, NaN for x < 1; for q <= 0,
// +inf at the integers and NaN unless x is an integer.
double Zeta(double x, double q);

// The n-th derivative of digamma: Digamma for n == 0, (-1)^(n+1) n! Zeta(n+1, x) for integer
// n >= 1, NaN for non-integer n.
double Polygamma(double n, double x);

// The regularized incomplete gamma functions P(a, x) (Igamma) and Q(a, x) = 1 - P (Igammac):
// NaN for x < 0 or a <= 0; P(a, 0) = 0.
double Igamma(double a, double x);
double Igammac(double a, double x);

}  // namespace tfjs::runtime::special

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SPECIAL_SPECIAL_FUNCTIONS_H_
