// The leaf weight and gain of a node from its gradient and hessian sums, with L1/L2
// regularization (TF's boosted_trees/tree_helper.h, as facts), and TF's gain comparisons.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_TREES_SPLIT_GAINS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_TREES_SPLIT_GAINS_H_

#include <cmath>
#include <vector>

namespace tfjs::runtime::trees {

inline bool GainsAreEqual(float g1, float g2) { return std::abs(g1 - g2) < 1e-15f; }
inline bool GainIsLarger(float g1, float g2) { return g1 - g2 >= 1e-15f; }

// The weight minimizing 1/2 (h + l2) w^2 + g w + l1 |w| and its gain -g . w. One logit: the
// closed form (0 inside [-l1, l1] or when h + l2 is tiny). Several logits: `hessian` holds the
// full logits x logits matrix (solved by column-pivoted Householder QR, as TF's Eigen call) or its
// diagonal (solved elementwise, by QR when a diagonal entry is zero); L1 is ignored there.
void CalculateWeightsAndGains(const std::vector<float>& gradient, const std::vector<float>& hessian,
                              float l1, float l2, std::vector<float>* weight, float* gain);

}  // namespace tfjs::runtime::trees

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_TREES_SPLIT_GAINS_H_
