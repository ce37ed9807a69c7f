// The dual loss updaters of TF's SDCA (tensorflow/core/kernels/loss.h and its logistic, squared,
// hinge, smooth hinge and Poisson implementations, as facts): the label conversion, the updated
// dual of one example, the primal and dual losses and what adaptive sampling needs.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_LINEAR_SDCA_LOSSES_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_LINEAR_SDCA_LOSSES_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tfjs::runtime::linear {

class DualLossUpdater {
 public:
  virtual ~DualLossUpdater() = default;
  // The dual value maximizing the dual objective for one example, the others kept.
  virtual double ComputeUpdatedDual(int num_loss_partitions, double label, double example_weight,
                                    double current_dual, double wx,
                                    double weighted_example_norm) const = 0;
  virtual double ComputeDualLoss(double current_dual, double example_label,
                                 double example_weight) const = 0;
  virtual double ComputePrimalLoss(double wx, double example_label,
                                   double example_weight) const = 0;
  virtual double PrimalLossDerivative(double wx, double label, double example_weight) const = 0;
  virtual double SmoothnessConstant() const = 0;
  // The label as the loss reads it (binary losses: 0 -> -1), or TF's error.
  virtual absl::Status ConvertLabel(float* example_label) const = 0;
};

// nullptr for a loss TF does not know.
std::unique_ptr<DualLossUpdater> MakeLossUpdater(absl::string_view loss_type);

}  // namespace tfjs::runtime::linear

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_LINEAR_SDCA_LOSSES_H_
