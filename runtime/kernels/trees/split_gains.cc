// Leaf weights and gains: the one-logit closed form, the diagonal-hessian form and a
// column-pivoted Householder QR solve for full hessians.
#include "runtime/kernels/trees/split_gains.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

namespace tfjs::runtime::trees {
namespace {

// Solves a x = b (a: n x n row-major) by Householder QR with column pivoting, the basic solution
// of Eigen's ColPivHouseholderQR::solve: pivots below n * epsilon * |largest pivot| count as
// zero and their unknowns are set to 0.
std::vector<float> ColPivQrSolve(std::vector<float> a, std::vector<float> b, int n) {
  std::vector<int> permutation(n);
  std::iota(permutation.begin(), permutation.end(), 0);
  auto at = [&](int row, int col) -> float& { return a[row * n + col]; };
  for (int k = 0; k < n; ++k) {
    // The remaining column of largest norm goes next.
    int best = k;
    float best_norm = -1;
    for (int col = k; col < n; ++col) {
      float norm = 0;
      for (int row = k; row < n; ++row) norm += at(row, col) * at(row, col);
      if (norm > best_norm) {
        best_norm = norm;
        best = col;
      }
    }
    if (best != k) {
      for (int row = 0; row < n; ++row) std::swap(at(row, k), at(row, best));
      std::swap(permutation[k], permutation[best]);
    }
    // Householder reflection zeroing column k below the diagonal.
    float tail = 0;
    for (int row = k + 1; row < n; ++row) tail += at(row, k) * at(row, k);
    const float c0 = at(k, k);
    if (tail == 0) continue;
    const float beta = c0 >= 0 ? -std::sqrt(c0 * c0 + tail) : std::sqrt(c0 * c0 + tail);
    const float tau = (beta - c0) / beta;
    const float scale = 1 / (c0 - beta);
    std::vector<float> v(n, 0.0f);
    v[k] = 1;
    for (int row = k + 1; row < n; ++row) v[row] = at(row, k) * scale;
    at(k, k) = beta;
    for (int row = k + 1; row < n; ++row) at(row, k) = 0;
    for (int col = k + 1; col < n; ++col) {
      float dot = 0;
      for (int row = k; row < n; ++row) dot += v[row] * at(row, col);
      for (int row = k; row < n; ++row) at(row, col) -= tau * v[row] * dot;
    }
    float dot = 0;
    for (int row = k; row < n; ++row) dot += v[row] * b[row];
    for (int row = k; row < n; ++row) b[row] -= tau * v[row] * dot;
  }
  float max_pivot = 0;
  for (int k = 0; k < n; ++k) max_pivot = std::max(max_pivot, std::fabs(at(k, k)));
  const float threshold = n * std::numeric_limits<float>::epsilon() * max_pivot;
  int rank = 0;
  while (rank < n && std::fabs(at(rank, rank)) > threshold) ++rank;
  std::vector<float> z(n, 0.0f);
  for (int row = rank - 1; row >= 0; --row) {
    float sum = b[row];
    for (int col = row + 1; col < rank; ++col) sum -= at(row, col) * z[col];
    z[row] = sum / at(row, row);
  }
  std::vector<float> x(n, 0.0f);
  for (int k = 0; k < n; ++k) x[permutation[k]] = z[k];
  return x;
}

// weight = -solve(hessian_and_reg, g); gain = -g . weight.
void SolveForWeightAndGain(std::vector<float> hessian_and_reg, const std::vector<float>& g,
                           std::vector<float>* weight, float* gain) {
  const int n = static_cast<int>(g.size());
  std::vector<float> x = ColPivQrSolve(std::move(hessian_and_reg), g, n);
  weight->resize(n);
  float dot = 0;
  for (int i = 0; i < n; ++i) {
    (*weight)[i] = -x[i];
    dot += g[i] * (*weight)[i];
  }
  *gain = -dot;
}

}  // namespace

void CalculateWeightsAndGains(const std::vector<float>& gradient, const std::vector<float>& hessian,
                              float l1, float l2, std::vector<float>* weight, float* gain) {
  constexpr float kEps = 1e-15f;
  const int logits_dim = static_cast<int>(gradient.size());
  if (logits_dim == 1) {
    weight->assign(1, 0.0f);
    float g_with_l1 = gradient[0];
    if (l1 > 0) {
      // w > 0 needs g < -l1, w < 0 needs g > l1; between them the weight is 0.
      if (gradient[0] > l1) {
        g_with_l1 -= l1;
      } else if (gradient[0] < -l1) {
        g_with_l1 += l1;
      } else {
        *gain = 0;
        return;
      }
    }
    if (hessian[0] + l2 <= kEps) {
      *gain = 0;
    } else {
      (*weight)[0] = -g_with_l1 / (hessian[0] + l2);
      *gain = -g_with_l1 * (*weight)[0];
    }
    return;
  }
  const int n = logits_dim;
  if (static_cast<int>(hessian.size()) == n * n) {
    std::vector<float> hessian_and_reg = hessian;
    for (int i = 0; i < n; ++i) hessian_and_reg[i * n + i] += l2;
    SolveForWeightAndGain(std::move(hessian_and_reg), gradient, weight, gain);
    return;
  }
  if (static_cast<int>(hessian.size()) != n) {
    weight->assign(n, 0.0f);
    *gain = 0;
    return;
  }
  std::vector<float> diagonal(n);
  bool invertible = true;
  for (int i = 0; i < n; ++i) {
    diagonal[i] = hessian[i] + l2;
    if (diagonal[i] == 0.0f) invertible = false;
  }
  if (!invertible) {
    std::vector<float> matrix(n * n, 0.0f);
    for (int i = 0; i < n; ++i) matrix[i * n + i] = diagonal[i];
    SolveForWeightAndGain(std::move(matrix), gradient, weight, gain);
    return;
  }
  weight->resize(n);
  float sum = 0;
  for (int i = 0; i < n; ++i) {
    (*weight)[i] = -(1.0f / diagonal[i]) * gradient[i];
    sum += -gradient[i] * (*weight)[i];
  }
  *gain = sum;
}

}  // namespace tfjs::runtime::trees
