// SdcaOptimizer and SdcaOptimizerV2 (one pass of stochastic dual coordinate ascent over a
// mini-batch, TF's sdca_ops.cc and sdca_internal.cc as facts) and SdcaShrinkL1 (the L1
// proximal step on reference-variable weights).
//
// TF visits the examples in an order drawn from std::random_device (a shuffle, or with
// `adaptive` a sampling by each example's expected progress), on several threads at once, so
// its results differ from run to run. This kernel visits every example once on one thread: in
// index order, or with `adaptive` by decreasing sampling probability (TF's order for the
// examples its sampler leaves out). Its result is one of TF's possible results.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linear/sdca_losses.h"
#include "runtime/kernels/scatter/variable.h"

namespace tfjs::runtime::linear {
namespace {

// TF's Regularizations: symmetric L1 and L2, and the L1 shrinking they imply.
class Regularizations {
 public:
  Regularizations(float l1, float l2) : l2_(l2), shrinkage_(l1 / l2) {}
  float symmetric_l2() const { return l2_; }
  // sign(w) max(|w| - l1 / l2, 0), in double.
  double Shrink(double weight) const {
    const double shrinked = std::max(std::abs(weight) - shrinkage_, 0.0);
    return shrinked > 0.0 ? std::copysign(shrinked, weight) : 0.0;
  }
  // The same in float (TF's Eigen form).
  float ShrinkFloat(float weight) const {
    const float sign = weight > 0 ? 1.0f : (weight < 0 ? -1.0f : weight);
    return sign * std::max(std::abs(weight) - shrinkage_, 0.0f);
  }

 private:
  float l2_;
  float shrinkage_;
};

struct SdcaOptions {
  std::unique_ptr<DualLossUpdater> loss;
  bool adaptive = false;
  int num_sparse_features = 0;
  int num_sparse_features_with_values = 0;
  int num_dense_features = 0;
  int num_loss_partitions = 1;
  float l1 = 0;
  float l2 = 0;
};

// One sparse feature group's weights: feature id -> position, the weights and their deltas.
struct SparseWeights {
  absl::flat_hash_map<int64_t, int64_t> position;
  const float* nominals = nullptr;
  float* deltas = nullptr;
};

struct DenseWeights {
  const float* nominals = nullptr;
  float* deltas = nullptr;
  int64_t size = 0;
};

// One example's features in one sparse group: [begin, end) of the group's inputs.
struct SparseSpan {
  int64_t begin = 0;
  int64_t end = 0;
};

struct Example {
  float weight = 0;
  float label = 0;
  double squared_norm = 0;
  std::vector<SparseSpan> sparse;
};

struct SparseGroup {
  const int64_t* feature_indices = nullptr;
  // nullptr when the group has no values (all 1).
  const float* values = nullptr;
};

struct DenseGroup {
  const float* rows = nullptr;
  int64_t size = 0;
};

struct ExampleStatistics {
  double prev_wx = 0;
  double wx = 0;
  double normalized_squared_norm = 0;
};

class Sdca {
 public:
  Sdca(const SdcaOptions& options, std::vector<Example> examples,
       std::vector<SparseGroup> sparse_groups, std::vector<DenseGroup> dense_groups,
       std::vector<SparseWeights> sparse_weights, std::vector<DenseWeights> dense_weights)
      : options_(options),
        regularizations_(options.l1, options.l2),
        examples_(std::move(examples)),
        sparse_groups_(std::move(sparse_groups)),
        dense_groups_(std::move(dense_groups)),
        sparse_weights_(std::move(sparse_weights)),
        dense_weights_(std::move(dense_weights)) {}

  // TF's ComputeWxAndWeightedExampleNorm with one weight vector: w.x before (prev_wx) and with the
  // deltas so far (scaled by the loss partitions), both after shrinking.
  ExampleStatistics Statistics(int64_t id) const {
    const Example& example = examples_[id];
    ExampleStatistics result;
    result.normalized_squared_norm = example.squared_norm / regularizations_.symmetric_l2();
    for (size_t g = 0; g < sparse_groups_.size(); ++g) {
      const SparseGroup& group = sparse_groups_[g];
      const SparseWeights& weights = sparse_weights_[g];
      for (int64_t k = example.sparse[g].begin; k < example.sparse[g].end; ++k) {
        const int64_t position = weights.position.at(group.feature_indices[k]);
        const double value = group.values == nullptr ? 1.0 : group.values[k];
        const float nominal = weights.nominals[position];
        const double feature_weight =
            nominal + weights.deltas[position] * options_.num_loss_partitions;
        result.prev_wx += value * regularizations_.Shrink(nominal);
        result.wx += value * regularizations_.Shrink(feature_weight);
      }
    }
    for (size_t g = 0; g < dense_groups_.size(); ++g) {
      const DenseWeights& weights = dense_weights_[g];
      const float* row = dense_groups_[g].rows + id * weights.size;
      float prev_prediction = 0;
      float prediction = 0;
      for (int64_t j = 0; j < weights.size; ++j) {
        const float feature_weight =
            weights.nominals[j] +
            weights.deltas[j] * static_cast<float>(options_.num_loss_partitions);
        prev_prediction += row[j] * regularizations_.ShrinkFloat(weights.nominals[j]);
        prediction += row[j] * regularizations_.ShrinkFloat(feature_weight);
      }
      result.prev_wx += prev_prediction;
      result.wx += prediction;
    }
    return result;
  }

  // TF's SampleAdaptiveProbabilities' probability of an example.
  double Probability(int64_t id, const float* state) const {
    const Example& example = examples_[id];
    float label = example.label;
    // TF ignores a bad label here; the training step reports it.
    options_.loss->ConvertLabel(&label).IgnoreError();
    const ExampleStatistics statistics = Statistics(id);
    const double kappa =
        state[id * 4] + options_.loss->PrimalLossDerivative(statistics.wx, label, 1.0);
    return example.weight *
           std::sqrt(example.squared_norm +
                     regularizations_.symmetric_l2() * options_.loss->SmoothnessConstant()) *
           std::abs(kappa);
  }

  // Updates the dual of example `id` in `state` and the weight deltas.
  absl::Status Step(int64_t id, float* state) {
    const Example& example = examples_[id];
    const float dual = state[id * 4];
    float label = example.label;
    if (absl::Status status = options_.loss->ConvertLabel(&label); !status.ok()) return status;
    const ExampleStatistics statistics = Statistics(id);
    const double new_dual =
        options_.loss->ComputeUpdatedDual(options_.num_loss_partitions, label, example.weight, dual,
                                          statistics.wx, statistics.normalized_squared_norm);
    const double delta = (new_dual - dual) * example.weight / regularizations_.symmetric_l2();
    for (size_t g = 0; g < sparse_groups_.size(); ++g) {
      const SparseGroup& group = sparse_groups_[g];
      SparseWeights& weights = sparse_weights_[g];
      for (int64_t k = example.sparse[g].begin; k < example.sparse[g].end; ++k) {
        const double value = group.values == nullptr ? 1.0 : group.values[k];
        float& target = weights.deltas[weights.position.at(group.feature_indices[k])];
        target = static_cast<float>(target + value * delta);
      }
    }
    for (size_t g = 0; g < dense_groups_.size(); ++g) {
      DenseWeights& weights = dense_weights_[g];
      const float* row = dense_groups_[g].rows + id * weights.size;
      for (int64_t j = 0; j < weights.size; ++j) {
        weights.deltas[j] += row[j] * static_cast<float>(delta);
      }
    }
    state[id * 4] = static_cast<float>(new_dual);
    state[id * 4 + 1] = static_cast<float>(
        options_.loss->ComputePrimalLoss(statistics.prev_wx, label, example.weight));
    state[id * 4 + 2] =
        static_cast<float>(options_.loss->ComputeDualLoss(dual, label, example.weight));
    state[id * 4 + 3] = example.weight;
    return absl::OkStatus();
  }

 private:
  const SdcaOptions& options_;
  Regularizations regularizations_;
  std::vector<Example> examples_;
  std::vector<SparseGroup> sparse_groups_;
  std::vector<DenseGroup> dense_groups_;
  std::vector<SparseWeights> sparse_weights_;
  std::vector<DenseWeights> dense_weights_;
};

class SdcaOptimizerKernel : public Kernel {
 public:
  explicit SdcaOptimizerKernel(SdcaOptions options) : options_(std::move(options)) {}

  absl::Status Compute(OpContext& context) const override {
    const int ns = options_.num_sparse_features;
    const int nv = options_.num_sparse_features_with_values;
    const int nd = options_.num_dense_features;
    // Input positions of the lists.
    const int example_indices_at = 0;
    const int feature_indices_at = ns;
    const int feature_values_at = 2 * ns;
    const int dense_features_at = 2 * ns + nv;
    const int example_weights_at = dense_features_at + nd;
    const int example_labels_at = example_weights_at + 1;
    const int sparse_indices_at = example_labels_at + 1;
    const int sparse_weights_at = sparse_indices_at + ns;
    const int dense_weights_at = sparse_weights_at + ns;
    const int state_at = dense_weights_at + nd;
    if (absl::Status status = context.CheckNumInputs(state_at + 1, state_at + 1); !status.ok()) {
      return status;
    }
    // Weights and their zeroed deltas (the outputs).
    std::vector<Tensor> sparse_deltas, dense_deltas;
    std::vector<SparseWeights> sparse_weights(ns);
    for (int g = 0; g < ns; ++g) {
      const Tensor& indices = context.input(sparse_indices_at + g);
      const Tensor& weights = context.input(sparse_weights_at + g);
      if (indices.num_elements() != weights.num_elements()) {
        return context.Error(absl::StrCat("sparse_indices[", g, "] has ", indices.num_elements(),
                                          " elements but sparse_weights[", g, "] has ",
                                          weights.num_elements()));
      }
      sparse_deltas.push_back(*Tensor::Zeros(tensorflow::DT_FLOAT, weights.shape()));
      for (int64_t j = 0; j < indices.num_elements(); ++j) {
        sparse_weights[g].position[indices.data<int64_t>()[j]] = j;
      }
      sparse_weights[g].nominals = weights.data<float>();
      sparse_weights[g].deltas = sparse_deltas.back().mutable_data<float>();
    }
    std::vector<DenseWeights> dense_weights(nd);
    for (int g = 0; g < nd; ++g) {
      const Tensor& weights = context.input(dense_weights_at + g);
      dense_deltas.push_back(*Tensor::Zeros(tensorflow::DT_FLOAT, weights.shape()));
      dense_weights[g] = {weights.data<float>(), dense_deltas.back().mutable_data<float>(),
                          weights.num_elements()};
    }
    // Examples.
    const Tensor& example_weights = context.input(example_weights_at);
    const Tensor& example_labels = context.input(example_labels_at);
    const int64_t num_examples = example_weights.num_elements();
    if (example_labels.num_elements() != num_examples) {
      return context.Error(absl::StrCat("Expected ", num_examples, " example labels but got ",
                                        example_labels.num_elements()));
    }
    std::vector<Example> examples(num_examples);
    for (int64_t e = 0; e < num_examples; ++e) {
      examples[e].weight = example_weights.data<float>()[e];
      examples[e].label = example_labels.data<float>()[e];
      examples[e].sparse.resize(ns);
    }
    std::vector<SparseGroup> sparse_groups(ns);
    for (int g = 0; g < ns; ++g) {
      const Tensor& example_indices = context.input(example_indices_at + g);
      const Tensor& feature_indices = context.input(feature_indices_at + g);
      const int64_t count = example_indices.num_elements();
      if (feature_indices.num_elements() != count ||
          (g < nv && context.input(feature_values_at + g).num_elements() != count)) {
        return context.Error(absl::StrCat(
            "sparse_example_indices, sparse_feature_indices and sparse_feature_values of sparse "
            "feature group ",
            g, " must have the same size"));
      }
      sparse_groups[g].feature_indices = feature_indices.data<int64_t>();
      sparse_groups[g].values =
          g < nv ? context.input(feature_values_at + g).data<float>() : nullptr;
      // Each example's features are the run of its id in the (sorted) example indices; ids out
      // of order are skipped, as TF's parse does.
      const int64_t* ids = example_indices.data<int64_t>();
      int64_t end = 0;
      for (int64_t e = 0; e < num_examples; ++e) {
        const int64_t begin = end;
        while (end < count && ids[end] == e) ++end;
        examples[e].sparse[g] = {begin, end};
        for (int64_t k = begin; k < end; ++k) {
          if (!sparse_weights[g].position.contains(sparse_groups[g].feature_indices[k])) {
            return context.Error(absl::StrCat("Found sparse feature indices out of valid range: ",
                                              sparse_groups[g].feature_indices[k]));
          }
        }
      }
    }
    std::vector<DenseGroup> dense_groups(nd);
    for (int g = 0; g < nd; ++g) {
      const Tensor& features = context.input(dense_features_at + g);
      if (features.rank() != 2 || features.dim(0) != num_examples ||
          features.dim(1) != dense_weights[g].size) {
        return context.Error(
            absl::StrCat("dense_features[", g, "] must be a [num_examples, dense_weights[", g,
                         "].size] matrix = [", num_examples, ", ", dense_weights[g].size,
                         "], got shape ", ShapeString(features.shape())));
      }
      dense_groups[g] = {features.data<float>(), features.dim(1)};
    }
    // TF's ComputeSquaredNormPerExample: float sums per group, added in double.
    for (int64_t e = 0; e < num_examples; ++e) {
      double squared_norm = 0;
      for (int g = 0; g < ns; ++g) {
        const SparseSpan& span = examples[e].sparse[g];
        if (sparse_groups[g].values == nullptr) {
          squared_norm += static_cast<double>(span.end - span.begin);
          continue;
        }
        float sum = 0;
        for (int64_t k = span.begin; k < span.end; ++k) {
          sum += sparse_groups[g].values[k] * sparse_groups[g].values[k];
        }
        squared_norm += sum;
      }
      for (int g = 0; g < nd; ++g) {
        float sum = 0;
        const float* row = dense_groups[g].rows + e * dense_groups[g].size;
        for (int64_t j = 0; j < dense_groups[g].size; ++j) sum += row[j] * row[j];
        squared_norm += sum;
      }
      examples[e].squared_norm = squared_norm;
    }
    const Tensor& state_in = context.input(state_at);
    if (state_in.shape() != Shape{num_examples, 4}) {
      return context.Error(absl::StrCat("Expected shape [", num_examples,
                                        ", 4] for example_state_data, got ",
                                        ShapeString(state_in.shape())));
    }
    Tensor state = *Tensor::Allocate(tensorflow::DT_FLOAT, state_in.shape());
    std::copy(state_in.data<float>(), state_in.data<float>() + state_in.num_elements(),
              state.mutable_data<float>());
    float* state_data = state.mutable_data<float>();
    Sdca sdca(options_, std::move(examples), std::move(sparse_groups), std::move(dense_groups),
              std::move(sparse_weights), std::move(dense_weights));
    std::vector<int64_t> order(num_examples);
    std::iota(order.begin(), order.end(), 0);
    if (options_.adaptive) {
      std::vector<double> probabilities(num_examples);
      for (int64_t e = 0; e < num_examples; ++e) {
        probabilities[e] = sdca.Probability(e, state_data);
      }
      std::stable_sort(order.begin(), order.end(),
                       [&](int64_t a, int64_t b) { return probabilities[a] > probabilities[b]; });
    }
    for (int64_t id : order) {
      if (absl::Status status = sdca.Step(id, state_data); !status.ok()) {
        return context.Error(status.message());
      }
    }
    context.set_output(0, std::move(state));
    for (int g = 0; g < ns; ++g) context.set_output(1 + g, std::move(sparse_deltas[g]));
    for (int g = 0; g < nd; ++g) context.set_output(1 + ns + g, std::move(dense_deltas[g]));
    return absl::OkStatus();
  }

 private:
  SdcaOptions options_;
};

// `adaptive_attr` is "adaptative" for SdcaOptimizer, "adaptive" for SdcaOptimizerV2.
absl::StatusOr<std::unique_ptr<Kernel>> BuildSdca(const KernelBuildContext& context,
                                                  const char* adaptive_attr) {
  absl::StatusOr<std::string> loss_type = context.attrs.GetString("loss_type");
  absl::StatusOr<bool> adaptive = context.attrs.GetBool(adaptive_attr);
  absl::StatusOr<int64_t> ns = context.attrs.GetInt("num_sparse_features");
  absl::StatusOr<int64_t> nv = context.attrs.GetInt("num_sparse_features_with_values");
  absl::StatusOr<int64_t> nd = context.attrs.GetInt("num_dense_features");
  absl::StatusOr<float> l1 = context.attrs.GetFloat("l1");
  absl::StatusOr<float> l2 = context.attrs.GetFloat("l2");
  absl::StatusOr<int64_t> partitions = context.attrs.GetInt("num_loss_partitions");
  absl::StatusOr<int64_t> inner_iterations = context.attrs.GetInt("num_inner_iterations");
  for (const absl::Status& status :
       {loss_type.status(), adaptive.status(), ns.status(), nv.status(), nd.status(), l1.status(),
        l2.status(), partitions.status(), inner_iterations.status()}) {
    if (!status.ok()) return status;
  }
  SdcaOptions options;
  options.loss = MakeLossUpdater(*loss_type);
  if (options.loss == nullptr) {
    return context.Error(absl::StrCat("Unsupported loss type: ", *loss_type));
  }
  if (*ns + *nd <= 0) return context.Error("Requires at least one feature to train.");
  if (*nv > *ns) {
    return context.Error(absl::StrCat("num_sparse_features_with_values (", *nv,
                                      ") must not exceed num_sparse_features (", *ns, ")"));
  }
  if (*partitions < 1) return context.Error("num_loss_partitions must be at least 1");
  options.adaptive = *adaptive;
  options.num_sparse_features = static_cast<int>(*ns);
  options.num_sparse_features_with_values = static_cast<int>(*nv);
  options.num_dense_features = static_cast<int>(*nd);
  options.num_loss_partitions = static_cast<int>(*partitions);
  options.l1 = *l1;
  options.l2 = *l2;
  return std::make_unique<SdcaOptimizerKernel>(std::move(options));
}

REGISTER_KERNEL_FACTORY("SdcaOptimizer", [](const KernelBuildContext& context) {
  return BuildSdca(context, "adaptative");
});
REGISTER_KERNEL_FACTORY("SdcaOptimizerV2", [](const KernelBuildContext& context) {
  return BuildSdca(context, "adaptive");
});

// --- SdcaShrinkL1 -------------------------------------------------------------------------------

class SdcaShrinkL1Kernel : public Kernel {
 public:
  explicit SdcaShrinkL1Kernel(Regularizations regularizations)
      : regularizations_(regularizations) {}

  // Each weights input is a reference variable's storage: shrunk in place. A tensor no variable
  // stores (a frozen graph's constant) has nothing to write to and is left as it is.
  absl::Status Compute(OpContext& context) const override {
    for (int i = 0; i < context.num_inputs(); ++i) {
      const Tensor& weights = context.input(i);
      if (weights.dtype() != tensorflow::DT_FLOAT) {
        return context.Error(
            absl::StrCat("weights[", i, "] must be float32, got ", DataTypeName(weights.dtype())));
      }
      std::shared_ptr<scatter::RefVariable> variable = scatter::RefVariable::Find(weights);
      if (variable == nullptr) continue;
      Tensor shrunk = *Tensor::Allocate(tensorflow::DT_FLOAT, weights.shape());
      for (int64_t j = 0; j < weights.num_elements(); ++j) {
        shrunk.mutable_data<float>()[j] = regularizations_.ShrinkFloat(weights.data<float>()[j]);
      }
      if (absl::StatusOr<Tensor> stored = variable->Assign(shrunk); !stored.ok()) {
        return context.Error(stored.status().message());
      }
    }
    return absl::OkStatus();
  }

 private:
  Regularizations regularizations_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildSdcaShrinkL1(const KernelBuildContext& context) {
  absl::StatusOr<float> l1 = context.attrs.GetFloat("l1");
  absl::StatusOr<float> l2 = context.attrs.GetFloat("l2");
  for (const absl::Status& status : {l1.status(), l2.status()}) {
    if (!status.ok()) return status;
  }
  return std::make_unique<SdcaShrinkL1Kernel>(Regularizations(*l1, *l2));
}

REGISTER_KERNEL_FACTORY("SdcaShrinkL1", BuildSdcaShrinkL1);

}  // namespace
}  // namespace tfjs::runtime::linear
