// The complex Schur decomposition A = U T U^H (T upper triangular, U unitary) as Eigen's
// ComplexSchur computes it: Householder reduction to Hessenberg form, then single-shift QR steps
// with Givens rotations (Wilkinson shifts, exceptional shifts at the 10th and 20th iteration of a
// row), and the square root of an upper triangular matrix (Bjorck-Hammarling recurrence), the
// basis of Eig, MatrixSquareRoot and MatrixLogarithm.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_LINALG_SCHUR_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_LINALG_SCHUR_H_

#include <cstdint>
#include <vector>

#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime::linalg {

struct ComplexSchurForm {
  std::vector<Complex> t;  // n x n, upper triangular
  std::vector<Complex> u;  // n x n, unitary
  bool converged = true;   // false after 30 n QR iterations without deflating (or non-finite A)
};

// The Schur form of the row-major n x n matrix `a`.
ComplexSchurForm ComplexSchur(std::vector<Complex> a, int64_t n);

// The principal square root of an upper triangular n x n matrix: sqrt of the diagonal, then
// column by column R_ij = (T_ij - sum_k R_ik R_kj) / (R_ii + R_jj).
std::vector<Complex> TriangularSqrt(const std::vector<Complex>& t, int64_t n);

}  // namespace tfjs::runtime::linalg

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_LINALG_SCHUR_H_
