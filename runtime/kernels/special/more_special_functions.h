// More special functions in double precision, with the domain conventions of TF's CPU kernels
// (Cephes via Eigen): the modified Bessel functions I and K (plain and exponentially scaled),
// Dawson's integral, the exponential integral Ei, the Fresnel integrals, Spence's function, the
// inverse error function, the inverse of the normal CDF, and dP(a, x)/da.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SPECIAL_MORE_SPECIAL_FUNCTIONS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SPECIAL_MORE_SPECIAL_FUNCTIONS_H_

namespace tfjs::runtime::special {

// exp(-|x|) I0(x) and exp(-|x|) I1(x); I0 is even, I1 odd.
double BesselI0e(double x);
double BesselI1e(double x);
// I0(x) and I1(x): +-inf past about |x| = 713.
double BesselI0(double x);
double BesselI1(double x);
// exp(x) K0(x), exp(x) K1(x), K0(x), K1(x): +inf at 0, NaN for x < 0.
double BesselK0e(double x);
double BesselK1e(double x);
double BesselK0(double x);
double BesselK1(double x);

// Dawson's integral exp(-x^2) * integral_0^x exp(t^2) dt; odd.
double Dawsn(double x);
// The exponential integral Ei(x) = -PV integral_{-x}^inf exp(-t) / t dt: -inf at 0, -E1(-x)
// for x < 0.
double Expint(double x);
// The Fresnel integrals integral_0^x cos(pi t^2 / 2) dt and integral_0^x sin(pi t^2 / 2) dt;
// odd.
double FresnelCos(double x);
double FresnelSin(double x);
// Spence's function integral_1^x log(t) / (1 - t) dt (the dilogarithm Li2(1 - x)); NaN for
// x < 0.
double Spence(double x);
// The inverse of erf on [-1, 1] (+-inf at +-1, NaN outside).
double Erfinv(double y);
// The inverse of the standard normal CDF on [0, 1] (-inf at 0, +inf at 1, NaN outside).
double Ndtri(double p);
// d/da of the regularized lower incomplete gamma function P(a, x): NaN for a <= 0 or x < 0;
// 0 at x == 0.
double IgammaGradA(double a, double x);

}  // namespace tfjs::runtime::special

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SPECIAL_MORE_SPECIAL_FUNCTIONS_H_
