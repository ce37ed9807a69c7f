// Discrete Fourier transform of any length: iterative radix-2 for powers of two, Bluestein's
// chirp-z algorithm (on top of radix-2) for the rest.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MISC_FFT_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MISC_FFT_H_

#include <complex>
#include <vector>

namespace tfjs::runtime::misc {

// In place, unnormalized: X[k] = sum_n x[n] exp(-+2 pi i k n / N), the sign + when `inverse`.
void Fft(std::vector<std::complex<double>>& data, bool inverse);

}  // namespace tfjs::runtime::misc

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MISC_FFT_H_
