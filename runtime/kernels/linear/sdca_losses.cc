// The five SDCA losses, with TF's Newton iterations (10 steps) for logistic and Poisson.
#include "runtime/kernels/linear/sdca_losses.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::linear {
namespace {

constexpr int kNewtonSteps = 10;

// Binary losses take labels 0 and 1, 0 read as -1.
absl::Status ConvertBinaryLabel(float* example_label) {
  if (*example_label == 0.0f) {
    *example_label = -1;
    return absl::OkStatus();
  }
  if (*example_label == 1.0f) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("Only labels of 0.0 or 1.0 are supported right now. Found example with label: ",
                   *example_label));
}

class LogisticLossUpdater : public DualLossUpdater {
 public:
  double ComputeUpdatedDual(int num_loss_partitions, double label, double example_weight,
                            double current_dual, double wx,
                            double weighted_example_norm) const override {
    double x = 0;
    for (int i = 0; i < kNewtonSteps; ++i) {
      const double tanhx = std::tanh(x);
      const double numerator = -2 * label * x - wx -
                               num_loss_partitions * weighted_example_norm * example_weight *
                                   (0.5 * (1 + tanhx) / label - current_dual);
      const double denominator = -2 * label - num_loss_partitions * weighted_example_norm *
                                                  example_weight * (1 - tanhx * tanhx) * 0.5 /
                                                  label;
      x -= numerator / denominator;
    }
    return 0.5 * (1 + std::tanh(x)) / label;
  }
  double ComputeDualLoss(double current_dual, double example_label,
                         double example_weight) const override {
    const double ay = current_dual * example_label;
    const double log_ay = ay > 0 ? std::log(ay) : 0;
    const double one_minus_ay = 1 - ay;
    const double log_one_minus_ay = one_minus_ay > 0 ? std::log(one_minus_ay) : 0;
    return (ay * log_ay + one_minus_ay * log_one_minus_ay) * example_weight;
  }
  double ComputePrimalLoss(double wx, double example_label, double example_weight) const override {
    const double y_wx = example_label * wx;
    if (y_wx > 0) return std::log1p(std::exp(-y_wx)) * example_weight;
    return (std::log1p(std::exp(y_wx)) - y_wx) * example_weight;
  }
  double PrimalLossDerivative(double wx, double label, double example_weight) const override {
    const double inverse_exp_term = label * wx > 0
                                        ? std::exp(-label * wx) / (1 + std::exp(-label * wx))
                                        : 1 / (1 + std::exp(label * wx));
    return -inverse_exp_term * label * example_weight;
  }
  double SmoothnessConstant() const override { return 4.0; }
  absl::Status ConvertLabel(float* example_label) const override {
    return ConvertBinaryLabel(example_label);
  }
};

class SquaredLossUpdater : public DualLossUpdater {
 public:
  double ComputeUpdatedDual(int num_loss_partitions, double label, double example_weight,
                            double current_dual, double wx,
                            double weighted_example_norm) const override {
    const double numerator = label - current_dual - wx;
    const double denominator = 1 + num_loss_partitions * weighted_example_norm * example_weight;
    return current_dual + numerator / denominator;
  }
  double ComputeDualLoss(double current_dual, double example_label,
                         double example_weight) const override {
    return current_dual * (0.5 * current_dual - example_label) * example_weight;
  }
  double ComputePrimalLoss(double wx, double example_label, double example_weight) const override {
    const double error = wx - example_label;
    return error * error * example_weight * 0.5;
  }
  double PrimalLossDerivative(double wx, double label, double example_weight) const override {
    return (wx - label) * example_weight;
  }
  double SmoothnessConstant() const override { return 1.0; }
  absl::Status ConvertLabel(float*) const override { return absl::OkStatus(); }
};

// Hinge (gamma 0) and smooth hinge (gamma 1) share the clipped update.
class HingeLossUpdater : public DualLossUpdater {
 public:
  explicit HingeLossUpdater(double gamma) : gamma_(gamma) {}

  double ComputeUpdatedDual(int num_loss_partitions, double label, double example_weight,
                            double current_dual, double wx,
                            double weighted_example_norm) const override {
    const double candidate =
        gamma_ == 0
            ? current_dual +
                  (label - wx) / (num_loss_partitions * example_weight * weighted_example_norm)
            : current_dual +
                  (label - wx - gamma_ * current_dual) /
                      (num_loss_partitions * example_weight * weighted_example_norm + gamma_);
    if (label * candidate < 0) return 0.0;
    if (label * candidate > 1.0) return label;
    return candidate;
  }
  double ComputeDualLoss(double current_dual, double example_label,
                         double example_weight) const override {
    const double y_alpha = current_dual * example_label;
    if (y_alpha < 0 || y_alpha > 1.0) return std::numeric_limits<double>::max();
    if (gamma_ == 0) return -y_alpha * example_weight;
    return (-y_alpha + 0.5 * gamma_ * current_dual * current_dual) * example_weight;
  }
  double ComputePrimalLoss(double wx, double example_label, double example_weight) const override {
    const double y_wx = example_label * wx;
    if (gamma_ == 0) return std::max(0.0, 1 - y_wx) * example_weight;
    if (y_wx >= 1) return 0;
    if (y_wx <= 1 - gamma_) return (1 - y_wx - gamma_ / 2) * example_weight;
    return (1 - y_wx) * (1 - y_wx) / (2 * gamma_) * example_weight;
  }
  double PrimalLossDerivative(double wx, double label, double example_weight) const override {
    if (gamma_ == 0) return label * wx < 1 ? -label * example_weight : 0;
    if (label * wx >= 1) return 0;
    if (label * wx <= 1 - gamma_) return -label;
    return (wx - label) / gamma_;
  }
  double SmoothnessConstant() const override { return gamma_; }
  absl::Status ConvertLabel(float* example_label) const override {
    return ConvertBinaryLabel(example_label);
  }

 private:
  double gamma_;
};

class PoissonLossUpdater : public DualLossUpdater {
 public:
  double ComputeUpdatedDual(int num_loss_partitions, double label, double example_weight,
                            double current_dual, double wx,
                            double weighted_example_norm) const override {
    // Starts where exp(x) = label - current_dual.
    const double y_minus_a = label - current_dual;
    double x = y_minus_a > 0 ? std::log(y_minus_a) : 0;
    for (int i = 0; i < kNewtonSteps; ++i) {
      const double expx = std::exp(x);
      const double numerator = x - wx -
                               num_loss_partitions * weighted_example_norm * example_weight *
                                   (label - current_dual - expx);
      const double denominator =
          1 + num_loss_partitions * weighted_example_norm * example_weight * expx;
      x -= numerator / denominator;
    }
    return label - std::exp(x);
  }
  double ComputeDualLoss(double current_dual, double example_label,
                         double example_weight) const override {
    const double y_minus_a = example_label - current_dual;
    if (y_minus_a == 0.0) return 0.0;
    if (y_minus_a < 0.0) return std::numeric_limits<double>::max();
    return y_minus_a * (std::log(y_minus_a) - 1) * example_weight;
  }
  double ComputePrimalLoss(double wx, double example_label, double example_weight) const override {
    return (std::exp(wx) - wx * example_label) * example_weight;
  }
  double PrimalLossDerivative(double wx, double label, double example_weight) const override {
    return (std::exp(wx) - label) * example_weight;
  }
  double SmoothnessConstant() const override { return 1; }
  absl::Status ConvertLabel(float* example_label) const override {
    if (*example_label < 0.0f) {
      return absl::InvalidArgumentError(absl::StrCat(
          "Only non-negative labels can be used with the Poisson log loss. Found example with "
          "label: ",
          *example_label));
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<DualLossUpdater> MakeLossUpdater(absl::string_view loss_type) {
  if (loss_type == "logistic_loss") return std::make_unique<LogisticLossUpdater>();
  if (loss_type == "squared_loss") return std::make_unique<SquaredLossUpdater>();
  if (loss_type == "hinge_loss") return std::make_unique<HingeLossUpdater>(0.0);
  if (loss_type == "smooth_hinge_loss") return std::make_unique<HingeLossUpdater>(1.0);
  if (loss_type == "poisson_loss") return std::make_unique<PoissonLossUpdater>();
  return nullptr;
}

}  // namespace tfjs::runtime::linear
