// The complex Schur decomposition and the triangular square root of schur.h.
#include "runtime/kernels/linalg/schur.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "runtime/kernels/linalg/matrix_batch.h"

namespace tfjs::runtime::linalg {
namespace {

double Norm1(Complex value) { return std::fabs(value.real()) + std::fabs(value.imag()); }

// A 2x2 unitary G = [[c, s], [-conj(s), c]] (c real) with G [a; b] = [r; 0].
struct Givens {
  double c = 1;
  Complex s = 0;
};
Givens MakeGivens(Complex a, Complex b) {
  if (b == Complex(0)) return {};
  const double rho = std::hypot(std::abs(a), std::abs(b));
  if (a == Complex(0)) return {0, std::conj(b) / std::abs(b)};
  const double abs_a = std::abs(a);
  return {abs_a / rho, (a / abs_a) * std::conj(b) / rho};
}

class SchurSolver {
 public:
  SchurSolver(std::vector<Complex> a, int64_t n) : n_(n), t_(std::move(a)), u_(n * n, 0.0) {
    for (int64_t i = 0; i < n; ++i) u_[i * n + i] = 1.0;
  }

  ComplexSchurForm Solve() {
    ReduceToHessenberg();
    const bool converged = ReduceToTriangular();
    return {std::move(t_), std::move(u_), converged};
  }

 private:
  Complex& T(int64_t r, int64_t c) { return t_[r * n_ + c]; }

  // Rows i, i+1 of T (columns from `first`) <- G [rows]; columns i, i+1 of T (rows up to
  // `last`) and of U <- [columns] G^H.
  void Rotate(int64_t i, const Givens& g, int64_t first, int64_t last) {
    for (int64_t c = first; c < n_; ++c) {
      const Complex x = T(i, c), y = T(i + 1, c);
      T(i, c) = g.c * x + g.s * y;
      T(i + 1, c) = -std::conj(g.s) * x + g.c * y;
    }
    auto rotate_columns = [&](std::vector<Complex>& m, int64_t rows) {
      for (int64_t r = 0; r < rows; ++r) {
        const Complex x = m[r * n_ + i], y = m[r * n_ + i + 1];
        m[r * n_ + i] = g.c * x + std::conj(g.s) * y;
        m[r * n_ + i + 1] = -g.s * x + g.c * y;
      }
    };
    rotate_columns(t_, last + 1);
    rotate_columns(u_, n_);
  }

  // Householder reflections M_k (matrix_batch.h's convention) on rows k+1.. of column k:
  // T <- M T M^H, U <- U M^H.
  void ReduceToHessenberg() {
    std::vector<Complex> v(n_);
    for (int64_t k = 0; k + 2 < n_; ++k) {
      const Complex head = T(k + 1, k);
      double tail = 0;
      for (int64_t i = k + 2; i < n_; ++i) tail += std::norm(T(i, k));
      if (tail <= std::numeric_limits<double>::min() &&
          head.imag() * head.imag() <= std::numeric_limits<double>::min()) {
        continue;
      }
      double beta = std::sqrt(std::norm(head) + tail);
      if (head.real() >= 0) beta = -beta;
      const Complex scale = 1.0 / (head - beta);
      v[k + 1] = 1;
      for (int64_t i = k + 2; i < n_; ++i) v[i] = T(i, k) * scale;
      const Complex sigma = std::conj((beta - head) / beta);
      // Left: T <- (I - sigma v v^H) T.
      for (int64_t c = 0; c < n_; ++c) {
        Complex dot = 0;
        for (int64_t i = k + 1; i < n_; ++i) dot += std::conj(v[i]) * T(i, c);
        const Complex factor = sigma * dot;
        for (int64_t i = k + 1; i < n_; ++i) T(i, c) -= factor * v[i];
      }
      // Right: X <- X (I - conj(sigma) v v^H) for T and U.
      auto right = [&](std::vector<Complex>& m) {
        for (int64_t r = 0; r < n_; ++r) {
          Complex dot = 0;
          for (int64_t i = k + 1; i < n_; ++i) dot += m[r * n_ + i] * v[i];
          const Complex factor = std::conj(sigma) * dot;
          for (int64_t i = k + 1; i < n_; ++i) m[r * n_ + i] -= factor * std::conj(v[i]);
        }
      };
      right(t_);
      right(u_);
      for (int64_t i = k + 2; i < n_; ++i) T(i, k) = 0;
    }
  }

  // Eigen's test: the subdiagonal entry is negligible next to its two diagonal neighbours (it
  // is then set to zero).
  bool SubdiagonalIsNegligible(int64_t i) {
    const double d = Norm1(T(i, i)) + Norm1(T(i + 1, i + 1));
    const double sd = Norm1(T(i + 1, i));
    if (std::fabs(sd) <= std::fabs(d) * std::numeric_limits<double>::epsilon()) {
      T(i + 1, i) = 0;
      return true;
    }
    return false;
  }

  Complex Shift(int64_t iu, int iter) {
    if ((iter == 10 || iter == 20) && iu >= 2) {
      // EISPACK's exceptional shift.
      return std::fabs(T(iu, iu - 1).real()) + std::fabs(T(iu - 1, iu - 2).real());
    }
    Complex t00 = T(iu - 1, iu - 1), t01 = T(iu - 1, iu), t10 = T(iu, iu - 1), t11 = T(iu, iu);
    const double norm = std::abs(t00) + std::abs(t01) + std::abs(t10) + std::abs(t11);
    t00 /= norm;
    t01 /= norm;
    t10 /= norm;
    t11 /= norm;
    const Complex b = t01 * t10;
    const Complex c = t00 - t11;
    const Complex disc = std::sqrt(c * c + 4.0 * b);
    const Complex det = t00 * t11 - b;
    const Complex trace = t00 + t11;
    Complex eival1 = (trace + disc) / 2.0;
    Complex eival2 = (trace - disc) / 2.0;
    const double norm1 = Norm1(eival1), norm2 = Norm1(eival2);
    if (norm1 > norm2) {
      eival2 = det / eival1;
    } else if (norm2 != 0) {
      eival1 = det / eival2;
    }
    return norm * (Norm1(eival1 - t11) < Norm1(eival2 - t11) ? eival1 : eival2);
  }

  bool ReduceToTriangular() {
    const int64_t max_iterations = 30 * n_;
    int64_t iu = n_ - 1;
    int iter = 0;
    int64_t total = 0;
    while (true) {
      while (iu > 0) {
        if (!SubdiagonalIsNegligible(iu - 1)) break;
        iter = 0;
        --iu;
      }
      if (iu <= 0) return true;
      ++iter;
      if (++total > max_iterations) return false;
      int64_t il = iu - 1;
      while (il > 0 && !SubdiagonalIsNegligible(il - 1)) --il;
      const Complex shift = Shift(iu, iter);
      Givens g = MakeGivens(T(il, il) - shift, T(il + 1, il));
      Rotate(il, g, il, std::min(il + 2, iu));
      for (int64_t i = il + 1; i < iu; ++i) {
        g = MakeGivens(T(i, i - 1), T(i + 1, i - 1));
        Rotate(i, g, i - 1, std::min(i + 2, iu));
        T(i + 1, i - 1) = 0;
      }
    }
  }

  int64_t n_;
  std::vector<Complex> t_;
  std::vector<Complex> u_;
};

}  // namespace

ComplexSchurForm ComplexSchur(std::vector<Complex> a, int64_t n) {
  return SchurSolver(std::move(a), n).Solve();
}

std::vector<Complex> TriangularSqrt(const std::vector<Complex>& t, int64_t n) {
  std::vector<Complex> r(n * n, 0.0);
  for (int64_t i = 0; i < n; ++i) r[i * n + i] = std::sqrt(t[i * n + i]);
  for (int64_t j = 1; j < n; ++j) {
    for (int64_t i = j - 1; i >= 0; --i) {
      Complex sum = 0;
      for (int64_t k = i + 1; k < j; ++k) sum += r[i * n + k] * r[k * n + j];
      r[i * n + j] = (t[i * n + j] - sum) / (r[i * n + i] + r[j * n + j]);
    }
  }
  return r;
}

}  // namespace tfjs::runtime::linalg
