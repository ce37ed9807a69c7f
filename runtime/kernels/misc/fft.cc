#include "runtime/kernels/misc/fft.h"

#include <cmath>
#include <cstddef>
#include <utility>

namespace tfjs::runtime::misc {
namespace {

using Complex = std::complex<double>;
constexpr double kPi = 3.14159265358979323846;

bool IsPowerOfTwo(size_t n) { return n != 0 && (n & (n - 1)) == 0; }

void Radix2(std::vector<Complex>& data, bool inverse) {
  const size_t n = data.size();
  for (size_t i = 1, j = 0; i < n; ++i) {
    size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(data[i], data[j]);
  }
  for (size_t length = 2; length <= n; length <<= 1) {
    const double angle = (inverse ? 2 : -2) * kPi / static_cast<double>(length);
    for (size_t start = 0; start < n; start += length) {
      for (size_t k = 0; k < length / 2; ++k) {
        // Twiddles computed directly (not by repeated multiplication) to keep precision.
        const Complex twiddle = std::polar(1.0, angle * static_cast<double>(k));
        const Complex even = data[start + k];
        const Complex odd = data[start + k + length / 2] * twiddle;
        data[start + k] = even + odd;
        data[start + k + length / 2] = even - odd;
      }
    }
  }
}

// X[k] = sum_n x[n] w^(nk) with w^(nk) = chirp[n] chirp[k] conj(chirp[k - n]), chirp[m] =
// exp(-+i pi m^2 / N): a convolution, done with power-of-two FFTs.
void Bluestein(std::vector<Complex>& data, bool inverse) {
  const size_t n = data.size();
  size_t size = 1;
  while (size < 2 * n - 1) size <<= 1;
  std::vector<Complex> chirp(n);
  for (size_t m = 0; m < n; ++m) {
    // m^2 mod 2n keeps the angle small and exact for large m.
    const unsigned long long square = static_cast<unsigned long long>(m) * m % (2 * n);
    chirp[m] = std::polar(1.0, (inverse ? 1 : -1) * kPi * static_cast<double>(square) /
                                   static_cast<double>(n));
  }
  std::vector<Complex> a(size), b(size);
  for (size_t m = 0; m < n; ++m) a[m] = data[m] * chirp[m];
  b[0] = std::conj(chirp[0]);
  for (size_t m = 1; m < n; ++m) b[m] = b[size - m] = std::conj(chirp[m]);
  Radix2(a, false);
  Radix2(b, false);
  for (size_t i = 0; i < size; ++i) a[i] *= b[i];
  Radix2(a, true);
  for (size_t k = 0; k < n; ++k) data[k] = a[k] * chirp[k] / static_cast<double>(size);
}

}  // namespace

void Fft(std::vector<Complex>& data, bool inverse) {
  if (data.size() <= 1) return;
  if (IsPowerOfTwo(data.size())) {
    Radix2(data, inverse);
  } else {
    Bluestein(data, inverse);
  }
}

}  // namespace tfjs::runtime::misc
