// The regularized incomplete beta function I_x(a, b), in double precision, with the domain
// conventions of TF's Betainc (Eigen): NaN for a <= 0, b <= 0 or x outside [0, 1].
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SPECIAL_INCOMPLETE_BETA_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SPECIAL_INCOMPLETE_BETA_H_

namespace tfjs::runtime::special {

// I_x(a, b) = B(x; a, b) / B(a, b); I_0 = 0 and I_1 = 1 for positive a and b.
double RegularizedIncompleteBeta(double a, double b, double x);

}  // namespace tfjs::runtime::special

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SPECIAL_INCOMPLETE_BETA_H_
