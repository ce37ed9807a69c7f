// Boosted-trees split statistics: gradient/hessian sums per node, feature dimension and bucket
// (BoostedTreesAggregateStats, BoostedTreesSparseAggregateStats), and the best split per node
// from them (BoostedTreesCalculateBestGainsPerFeature, BoostedTreesCalculateBestFeatureSplit and
// V2, BoostedTreesSparseCalculateBestFeatureSplit).
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/trees/split_gains.h"

namespace tfjs::runtime::trees {
namespace {

constexpr float kLowest = std::numeric_limits<float>::lowest();
constexpr char kInequalityDefaultLeft[] = "INEQUALITY_DEFAULT_LEFT";
constexpr char kInequalityDefaultRight[] = "INEQUALITY_DEFAULT_RIGHT";
constexpr char kEqualityDefaultRight[] = "EQUALITY_DEFAULT_RIGHT";

// The regularization inputs every split op takes after its statistics.
struct Regularization {
  float l1, l2, tree_complexity, min_node_weight;
};

absl::StatusOr<float> FloatScalar(const OpContext& context, int index, const char* name) {
  const Tensor& tensor = context.input(index);
  if (tensor.dtype() != tensorflow::DT_FLOAT || tensor.num_elements() != 1) {
    return context.Error(absl::StrCat(name, " must be a float32 scalar"));
  }
  return tensor.data<float>()[0];
}

absl::StatusOr<Regularization> ReadRegularization(const OpContext& context, int first) {
  Regularization r;
  float* fields[] = {&r.l1, &r.l2, &r.tree_complexity, &r.min_node_weight};
  const char* names[] = {"l1", "l2", "tree_complexity", "min_node_weight"};
  for (int i = 0; i < 4; ++i) {
    absl::StatusOr<float> value = FloatScalar(context, first + i, names[i]);
    if (!value.ok()) return value.status();
    *fields[i] = *value;
  }
  return r;
}

// [first, last) of node_id_range, which must lie within `max_nodes` rows of the statistics.
absl::Status ReadNodeRange(const OpContext& context, int64_t max_nodes, int32_t* first,
                           int32_t* last) {
  const Tensor& range = context.input(0);
  if (range.dtype() != tensorflow::DT_INT32 || range.num_elements() != 2) {
    return context.Error("node_id_range must be an int32 vector of 2");
  }
  *first = range.data<int32_t>()[0];
  *last = range.data<int32_t>()[1];
  if (*first < 0 || *last > max_nodes) {
    return context.Error(absl::StrCat("node_id_range [", *first, ", ", *last,
                                      ") is outside the statistics' ", max_nodes, " nodes"));
  }
  return absl::OkStatus();
}

Tensor IntVector(const std::vector<int32_t>& values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_INT32, {static_cast<int64_t>(values.size())});
  std::copy(values.begin(), values.end(), tensor.mutable_data<int32_t>());
  return tensor;
}

Tensor FloatMatrix(const std::vector<std::vector<float>>& rows, int64_t cols) {
  Tensor tensor = *Tensor::Zeros(tensorflow::DT_FLOAT, {static_cast<int64_t>(rows.size()), cols});
  float* out = tensor.mutable_data<float>();
  for (const std::vector<float>& row : rows) {
    for (int64_t j = 0; j < cols; ++j) *out++ = j < static_cast<int64_t>(row.size()) ? row[j] : 0;
  }
  return tensor;
}

// The best split found so far for one node.
struct Best {
  float gain = kLowest;
  int32_t bucket = 0;
  int32_t feature_dim = 0;
  int32_t feature_id = 0;
  std::string split_type;
  std::vector<float> left, right;
};

// The nodes with a split, as the split ops output them; gains lose the parent's gain and the
// tree complexity.
struct SplitOutputs {
  std::vector<int32_t> node_ids, feature_ids, feature_dimensions, thresholds;
  std::vector<float> gains;
  std::vector<std::vector<float>> left, right;
  std::vector<std::string> split_types;

  void Add(int32_t node_id, const Best& best, float parent_gain) {
    node_ids.push_back(node_id);
    gains.push_back(best.gain - parent_gain);
    feature_ids.push_back(best.feature_id);
    feature_dimensions.push_back(best.feature_dim);
    thresholds.push_back(best.bucket);
    left.push_back(best.left);
    right.push_back(best.right);
    split_types.push_back(best.split_type);
  }

  // node_ids, gains, [feature_ids,] feature_dimensions, thresholds, left and right contribs,
  // split types.
  void SetOutputs(OpContext& context, float tree_complexity, int64_t logits_dim,
                  bool with_feature_ids) const {
    Tensor gains_tensor =
        *Tensor::Allocate(tensorflow::DT_FLOAT, {static_cast<int64_t>(gains.size())});
    for (size_t i = 0; i < gains.size(); ++i) {
      gains_tensor.mutable_data<float>()[i] = gains[i] - tree_complexity;
    }
    int out = 0;
    context.set_output(out++, IntVector(node_ids));
    context.set_output(out++, std::move(gains_tensor));
    if (with_feature_ids) context.set_output(out++, IntVector(feature_ids));
    context.set_output(out++, IntVector(feature_dimensions));
    context.set_output(out++, IntVector(thresholds));
    context.set_output(out++, FloatMatrix(left, logits_dim));
    context.set_output(out++, FloatMatrix(right, logits_dim));
    context.set_output(out++,
                       Tensor::Strings({static_cast<int64_t>(split_types.size())}, split_types));
  }
};

void MaybeUpdateBestSplit(const std::vector<float>& grad_left, const std::vector<float>& grad_right,
                          const std::vector<float>& hess_left, const std::vector<float>& hess_right,
                          int32_t bucket, int32_t f_dim, const Regularization& r,
                          const char* split_type, Best* best) {
  std::vector<float> contrib_left, contrib_right;
  float gain_left, gain_right;
  CalculateWeightsAndGains(grad_left, hess_left, r.l1, r.l2, &contrib_left, &gain_left);
  CalculateWeightsAndGains(grad_right, hess_right, r.l1, r.l2, &contrib_right, &gain_right);
  if (GainIsLarger(gain_left + gain_right, best->gain)) {
    best->gain = gain_left + gain_right;
    best->bucket = bucket;
    best->feature_dim = f_dim;
    best->left = std::move(contrib_left);
    best->right = std::move(contrib_right);
    best->split_type = split_type;
  }
}

std::vector<float> Minus(const std::vector<float>& a, const std::vector<float>& b) {
  std::vector<float> result(a.size());
  for (size_t i = 0; i < a.size(); ++i) result[i] = a[i] - b[i];
  return result;
}

std::vector<float> Plus(const std::vector<float>& a, const std::vector<float>& b) {
  std::vector<float> result(a.size());
  for (size_t i = 0; i < a.size(); ++i) result[i] = a[i] + b[i];
  return result;
}

// A dense [nodes, feature_dims, buckets + 1, logits + hessians] statistics tensor.
class DenseStats {
 public:
  DenseStats(const Tensor& tensor, int logits_dim)
      : data_(tensor.data<float>()),
        feature_dims_(tensor.dim(1)),
        buckets_(tensor.dim(2)),
        stats_(tensor.dim(3)),
        logits_dim_(logits_dim) {}

  static absl::Status Check(const OpContext& context, const Tensor& tensor, int logits_dim) {
    if (tensor.dtype() != tensorflow::DT_FLOAT || tensor.rank() != 4 || tensor.dim(2) < 1) {
      return context.Error(absl::StrCat(
          "stats summaries must be float32 [nodes, feature dims, buckets + 1, stats], got ",
          ShapeString(tensor.shape())));
    }
    const int64_t hessian_dim = tensor.dim(3) - logits_dim;
    if (hessian_dim != logits_dim && hessian_dim != int64_t{logits_dim} * logits_dim) {
      return context.Error(absl::StrCat("stats dimension ", tensor.dim(3), " holds neither ",
                                        logits_dim, " gradients with diagonal hessians nor with ",
                                        "full hessians"));
    }
    return absl::OkStatus();
  }

  int64_t feature_dims() const { return feature_dims_; }
  int64_t num_buckets() const { return buckets_ - 1; }  // Without the default bucket.
  // Gradients (first logits_dim stats) or hessians (the rest) of one bucket.
  std::vector<float> Grad(int64_t node, int64_t f_dim, int64_t bucket) const {
    const float* row = Row(node, f_dim, bucket);
    return std::vector<float>(row, row + logits_dim_);
  }
  std::vector<float> Hess(int64_t node, int64_t f_dim, int64_t bucket) const {
    const float* row = Row(node, f_dim, bucket);
    return std::vector<float>(row + logits_dim_, row + stats_);
  }

 private:
  const float* Row(int64_t node, int64_t f_dim, int64_t bucket) const {
    return data_ + ((node * feature_dims_ + f_dim) * buckets_ + bucket) * stats_;
  }

  const float* data_;
  int64_t feature_dims_, buckets_, stats_;
  int logits_dim_;
};

// Sums over every bucket (default included) of feature dimension 0.
void NodeTotals(const DenseStats& stats, int64_t node, std::vector<float>* grad,
                std::vector<float>* hess) {
  *grad = stats.Grad(node, 0, 0);
  *hess = stats.Hess(node, 0, 0);
  for (int64_t bucket = 1; bucket <= stats.num_buckets(); ++bucket) {
    *grad = Plus(*grad, stats.Grad(node, 0, bucket));
    *hess = Plus(*hess, stats.Hess(node, 0, bucket));
  }
}

float Norm(const std::vector<float>& values) {
  float sum = 0;
  for (float value : values) sum += value * value;
  return std::sqrt(sum);
}

// Every "x <= bucket" split of every feature dimension, the default bucket going left, then
// right.
void BestInequalitySplit(const DenseStats& stats, int64_t node, const Regularization& r,
                         Best* best) {
  for (int64_t f_dim = 0; f_dim < stats.feature_dims(); ++f_dim) {
    const int64_t num_buckets = stats.num_buckets();
    const std::vector<float> missing_grad = stats.Grad(node, f_dim, num_buckets);
    const std::vector<float> missing_hess = stats.Hess(node, f_dim, num_buckets);
    std::vector<std::vector<float>> cum_grad, cum_hess;
    std::vector<float> total_grad(missing_grad.size(), 0.0f);
    std::vector<float> total_hess(missing_hess.size(), 0.0f);
    for (int64_t bucket = 0; bucket <= num_buckets; ++bucket) {
      total_grad = Plus(total_grad, stats.Grad(node, f_dim, bucket));
      total_hess = Plus(total_hess, stats.Hess(node, f_dim, bucket));
      if (bucket < num_buckets) {
        cum_grad.push_back(total_grad);
        cum_hess.push_back(total_hess);
      }
    }
    for (int64_t bucket = 0; bucket < num_buckets; ++bucket) {
      const std::vector<float> left_grad = Plus(cum_grad[bucket], missing_grad);
      const std::vector<float> left_hess = Plus(cum_hess[bucket], missing_hess);
      MaybeUpdateBestSplit(left_grad, Minus(total_grad, left_grad), left_hess,
                           Minus(total_hess, left_hess), bucket, f_dim, r, kInequalityDefaultLeft,
                           best);
      MaybeUpdateBestSplit(cum_grad[bucket], Minus(total_grad, cum_grad[bucket]), cum_hess[bucket],
                           Minus(total_hess, cum_hess[bucket]), bucket, f_dim, r,
                           kInequalityDefaultRight, best);
    }
  }
}

// Every "x == bucket" split, against the node's totals.
void BestEqualitySplit(const DenseStats& stats, int64_t node, const std::vector<float>& total_grad,
                       const std::vector<float>& total_hess, const Regularization& r, Best* best) {
  for (int64_t f_dim = 0; f_dim < stats.feature_dims(); ++f_dim) {
    for (int64_t bucket = 0; bucket < stats.num_buckets(); ++bucket) {
      const std::vector<float> grad = stats.Grad(node, f_dim, bucket);
      const std::vector<float> hess = stats.Hess(node, f_dim, bucket);
      MaybeUpdateBestSplit(grad, Minus(total_grad, grad), hess, Minus(total_hess, hess), bucket,
                           f_dim, r, kEqualityDefaultRight, best);
    }
  }
}

// V1: one logit, per feature a [max_splits, buckets, 2] summary; the best bucket per node and
// feature.
class BestGainsPerFeatureKernel : public Kernel {
 public:
  explicit BestGainsPerFeatureKernel(int num_features) : num_features_(num_features) {}

  absl::Status Compute(OpContext& context) const override {
    const int n = num_features_;
    if (absl::Status status = context.CheckNumInputs(n + 5, n + 5); !status.ok()) return status;
    for (int f = 0; f < n; ++f) {
      const Tensor& summary = context.input(1 + f);
      if (summary.dtype() != tensorflow::DT_FLOAT || summary.rank() != 3 || summary.dim(2) != 2 ||
          summary.dim(0) != context.input(1).dim(0) || summary.dim(1) != context.input(1).dim(1)) {
        return context.Error(absl::StrCat("stats_summary_list ", f,
                                          " must be float32 [max_splits, buckets, 2] like the "
                                          "first, got ",
                                          ShapeString(summary.shape())));
      }
    }
    int32_t first, last;
    if (absl::Status status =
            ReadNodeRange(context, n > 0 ? context.input(1).dim(0) : 0, &first, &last);
        !status.ok()) {
      return status;
    }
    absl::StatusOr<Regularization> r = ReadRegularization(context, n + 1);
    if (!r.ok()) return r.status();
    for (int f = 0; f < n; ++f) {
      const Tensor& summary = context.input(1 + f);
      const int64_t num_buckets = summary.dim(1);
      const float* stats = summary.data<float>();
      std::vector<int32_t> node_ids, thresholds;
      std::vector<float> gains;
      std::vector<std::vector<float>> left, right;
      for (int32_t node = first; node < last; ++node) {
        std::vector<float> cum_grad, cum_hess;
        float total_grad = 0, total_hess = 0;
        for (int64_t bucket = 0; bucket < num_buckets; ++bucket) {
          total_grad += stats[(node * num_buckets + bucket) * 2];
          total_hess += stats[(node * num_buckets + bucket) * 2 + 1];
          cum_grad.push_back(total_grad);
          cum_hess.push_back(total_hess);
        }
        if (total_hess < r->min_node_weight) continue;
        std::vector<float> unused;
        float parent_gain;
        CalculateWeightsAndGains({total_grad}, {total_hess}, r->l1, r->l2, &unused, &parent_gain);
        Best best;
        best.left = best.right = {0.0f};
        for (int64_t bucket = 0; bucket < num_buckets; ++bucket) {
          MaybeUpdateBestSplit({cum_grad[bucket]}, {total_grad - cum_grad[bucket]},
                               {cum_hess[bucket]}, {total_hess - cum_hess[bucket]},
                               static_cast<int32_t>(bucket), 0, *r, "", &best);
        }
        node_ids.push_back(node);
        gains.push_back(best.gain - parent_gain - r->tree_complexity);
        thresholds.push_back(best.bucket);
        left.push_back(best.left);
        right.push_back(best.right);
      }
      Tensor gains_tensor =
          *Tensor::Allocate(tensorflow::DT_FLOAT, {static_cast<int64_t>(gains.size())});
      std::copy(gains.begin(), gains.end(), gains_tensor.mutable_data<float>());
      context.set_output(f, IntVector(node_ids));
      context.set_output(n + f, std::move(gains_tensor));
      context.set_output(2 * n + f, IntVector(thresholds));
      context.set_output(3 * n + f, FloatMatrix(left, 1));
      context.set_output(4 * n + f, FloatMatrix(right, 1));
    }
    return absl::OkStatus();
  }

 private:
  int num_features_;
};

// One dense summary; inequality or equality splits by the split_type attr.
class BestFeatureSplitKernel : public Kernel {
 public:
  BestFeatureSplitKernel(int logits_dim, bool equality)
      : logits_dim_(logits_dim), equality_(equality) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
    const Tensor& summary = context.input(1);
    if (absl::Status status = DenseStats::Check(context, summary, logits_dim_); !status.ok()) {
      return status;
    }
    int32_t first, last;
    if (absl::Status status = ReadNodeRange(context, summary.dim(0), &first, &last); !status.ok()) {
      return status;
    }
    absl::StatusOr<Regularization> r = ReadRegularization(context, 2);
    if (!r.ok()) return r.status();
    const DenseStats stats(summary, logits_dim_);
    SplitOutputs outputs;
    for (int32_t node = first; node < last; ++node) {
      std::vector<float> total_grad, total_hess;
      NodeTotals(stats, node, &total_grad, &total_hess);
      if (Norm(total_hess) < r->min_node_weight) continue;
      std::vector<float> unused;
      float parent_gain;
      CalculateWeightsAndGains(total_grad, total_hess, r->l1, r->l2, &unused, &parent_gain);
      Best best;
      if (equality_) {
        BestEqualitySplit(stats, node, total_grad, total_hess, *r, &best);
      } else {
        BestInequalitySplit(stats, node, *r, &best);
      }
      if (best.gain == kLowest) continue;
      outputs.Add(node, best, parent_gain);
    }
    outputs.SetOutputs(context, r->tree_complexity, logits_dim_, /*with_feature_ids=*/false);
    return absl::OkStatus();
  }

 private:
  int logits_dim_;
  bool equality_;
};

// One dense summary per candidate feature, each with its split type; the best over features.
class BestFeatureSplitV2Kernel : public Kernel {
 public:
  BestFeatureSplitV2Kernel(int logits_dim, int num_features)
      : logits_dim_(logits_dim), num_features_(num_features) {}

  absl::Status Compute(OpContext& context) const override {
    const int n = num_features_;
    if (absl::Status status = context.CheckNumInputs(n + 7, n + 7); !status.ok()) return status;
    if (n < 1) return context.Error("stats_summaries_list is empty");
    for (int f = 0; f < n; ++f) {
      const Tensor& summary = context.input(1 + f);
      if (absl::Status status = DenseStats::Check(context, summary, logits_dim_); !status.ok()) {
        return status;
      }
      if (summary.shape() != context.input(1).shape()) {
        return context.Error(absl::StrCat("stats summary ", f, " has shape ",
                                          ShapeString(summary.shape()), ", the first has ",
                                          ShapeString(context.input(1).shape())));
      }
    }
    const Tensor& split_types = context.input(n + 1);
    const Tensor& feature_ids = context.input(n + 2);
    if (split_types.dtype() != tensorflow::DT_STRING || split_types.num_elements() != n ||
        feature_ids.dtype() != tensorflow::DT_INT32 || feature_ids.num_elements() != n) {
      return context.Error(absl::StrCat("split_types and candidate_feature_ids must hold ", n,
                                        " strings and int32s"));
    }
    for (const std::string& type : split_types.strings()) {
      if (type != "inequality" && type != "equality") {
        return absl::AbortedError("Operation received an exception: Incorrect split type");
      }
    }
    int32_t first, last;
    if (absl::Status status = ReadNodeRange(context, context.input(1).dim(0), &first, &last);
        !status.ok()) {
      return status;
    }
    absl::StatusOr<Regularization> r = ReadRegularization(context, n + 3);
    if (!r.ok()) return r.status();
    SplitOutputs outputs;
    for (int32_t node = first; node < last; ++node) {
      std::vector<float> total_grad, total_hess;
      NodeTotals(DenseStats(context.input(1), logits_dim_), node, &total_grad, &total_hess);
      if (Norm(total_hess) < r->min_node_weight) continue;
      std::vector<float> unused;
      float parent_gain;
      CalculateWeightsAndGains(total_grad, total_hess, r->l1, r->l2, &unused, &parent_gain);
      Best best;
      for (int f = 0; f < n; ++f) {
        const DenseStats stats(context.input(1 + f), logits_dim_);
        Best feature_best;
        if (split_types.strings()[f] == "inequality") {
          BestInequalitySplit(stats, node, *r, &feature_best);
        } else {
          BestEqualitySplit(stats, node, total_grad, total_hess, *r, &feature_best);
        }
        if (feature_best.gain > best.gain) {
          best = std::move(feature_best);
          best.feature_id = feature_ids.data<int32_t>()[f];
        }
      }
      if (best.gain == kLowest) continue;
      outputs.Add(node, best, parent_gain);
    }
    outputs.SetOutputs(context, r->tree_complexity, logits_dim_, /*with_feature_ids=*/true);
    return absl::OkStatus();
  }

 private:
  int logits_dim_;
  int num_features_;
};

// Sparse statistics of one node: feature dimension -> bucket -> stats, in key order.
using BucketMap = std::map<int32_t, std::vector<float>>;
using FeatureMap = std::map<int32_t, BucketMap>;

// One logit; "x <= bucket" splits with the default bucket right, then left.
void SparseProcessNode(const FeatureMap& features, int32_t node_id, int32_t num_buckets,
                       const Regularization& r, SplitOutputs* outputs) {
  if (features.empty()) return;
  float parent_gain = 0;
  Best best;
  best.split_type = kInequalityDefaultLeft;
  best.left = best.right = {0.0f};
  float total_grad = 0, total_hess = 0;
  for (auto f = features.begin(); f != features.end(); ++f) {
    const BucketMap& buckets = f->second;
    const auto default_bucket = buckets.find(num_buckets);
    const float default_grad = default_bucket == buckets.end() ? 0 : default_bucket->second[0];
    const float default_hess = default_bucket == buckets.end() ? 0 : default_bucket->second[1];
    if (f == features.begin()) {
      for (const auto& [bucket, stats] : buckets) {
        total_grad += stats[0];
        total_hess += stats[1];
      }
      if (total_hess < r.min_node_weight) break;
      std::vector<float> unused;
      CalculateWeightsAndGains({total_grad}, {total_hess}, r.l1, r.l2, &unused, &parent_gain);
    }
    float left_grad = 0, left_hess = 0;
    for (const auto& [bucket, stats] : buckets) {
      if (bucket == num_buckets) break;
      left_grad += stats[0];
      left_hess += stats[1];
      MaybeUpdateBestSplit({left_grad}, {total_grad - left_grad}, {left_hess},
                           {total_hess - left_hess}, bucket, f->first, r, kInequalityDefaultRight,
                           &best);
      MaybeUpdateBestSplit({left_grad + default_grad}, {total_grad - default_grad - left_grad},
                           {left_hess + default_hess}, {total_hess - default_hess - left_hess},
                           bucket, f->first, r, kInequalityDefaultLeft, &best);
    }
  }
  if (best.gain != kLowest) outputs->Add(node_id, best, parent_gain);
}

class SparseBestFeatureSplitKernel : public Kernel {
 public:
  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(8, 8); !status.ok()) return status;
    const Tensor& indices = context.input(1);
    const Tensor& values = context.input(2);
    const Tensor& shape = context.input(3);
    if (indices.dtype() != tensorflow::DT_INT32 || indices.rank() != 2 || indices.dim(1) != 4 ||
        values.dtype() != tensorflow::DT_FLOAT || values.num_elements() != indices.dim(0) ||
        shape.dtype() != tensorflow::DT_INT32 || shape.num_elements() != 4) {
      return context.Error(
          "stats_summary_indices must be int32 [n, 4], stats_summary_values float32 [n] and "
          "stats_summary_shape int32 [4]");
    }
    const int32_t* dims = shape.data<int32_t>();
    const int32_t num_buckets = dims[2] - 1;
    const int32_t stats_dims = dims[3];
    if (stats_dims < 2) return context.Error("the statistics need a gradient and a hessian");
    int32_t first, last;
    if (absl::Status status = ReadNodeRange(context, dims[0], &first, &last); !status.ok()) {
      return status;
    }
    absl::StatusOr<Regularization> r = ReadRegularization(context, 4);
    if (!r.ok()) return r.status();
    SplitOutputs outputs;
    FeatureMap features;
    int32_t previous_node = -1;
    const int32_t* index = indices.data<int32_t>();
    for (int64_t i = 0; i < indices.dim(0); ++i, index += 4) {
      const int32_t node_id = index[0];
      if (index[3] < 0 || index[3] >= stats_dims) {
        return context.Error(
            absl::StrCat("stat dimension ", index[3], " is outside [0, ", stats_dims, ")"));
      }
      if (node_id != previous_node) {
        SparseProcessNode(features, previous_node, num_buckets, *r, &outputs);
        features.clear();
      }
      previous_node = node_id;
      std::vector<float>& stats =
          features[index[1]].emplace(index[2], std::vector<float>(stats_dims)).first->second;
      stats[index[3]] = values.data<float>()[i];
    }
    SparseProcessNode(features, previous_node, num_buckets, *r, &outputs);
    outputs.SetOutputs(context, r->tree_complexity, 1, /*with_feature_ids=*/false);
    return absl::OkStatus();
  }
};

// Checks node_ids [batch], gradients [batch, logits], hessians [batch, h]; returns batch.
absl::StatusOr<int64_t> CheckExampleStats(const OpContext& context) {
  const Tensor& node_ids = context.input(0);
  const Tensor& gradients = context.input(1);
  const Tensor& hessians = context.input(2);
  if (node_ids.dtype() != tensorflow::DT_INT32 || node_ids.rank() != 1 ||
      gradients.dtype() != tensorflow::DT_FLOAT || gradients.rank() != 2 ||
      hessians.dtype() != tensorflow::DT_FLOAT || hessians.rank() != 2 ||
      gradients.dim(0) != node_ids.dim(0) || hessians.dim(0) != node_ids.dim(0)) {
    return context.Error(absl::StrCat(
        "node_ids must be int32 [batch], gradients and hessians float32 [batch, n]; got ",
        ShapeString(node_ids.shape()), ", ", ShapeString(gradients.shape()), ", ",
        ShapeString(hessians.shape())));
  }
  return node_ids.dim(0);
}

// Sums each example's gradients and hessians into [node, feature dim, bucket] (a feature value
// of -1 into the default bucket), in double, rounded to float once.
class AggregateStatsKernel : public Kernel {
 public:
  AggregateStatsKernel(int64_t max_splits, int64_t num_buckets)
      : max_splits_(max_splits), num_buckets_(num_buckets) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
    absl::StatusOr<int64_t> batch = CheckExampleStats(context);
    if (!batch.ok()) return batch.status();
    const Tensor& feature = context.input(3);
    if (feature.dtype() != tensorflow::DT_INT32 || feature.rank() != 2 ||
        feature.dim(0) != *batch) {
      return context.Error(absl::StrCat("feature must be int32 [batch, feature dims], got ",
                                        ShapeString(feature.shape())));
    }
    const int64_t logits = context.input(1).dim(1);
    const int64_t stats_dims = logits + context.input(2).dim(1);
    const int64_t feature_dims = feature.dim(1);
    const int64_t buckets = num_buckets_ + 1;
    std::vector<double> sums(max_splits_ * feature_dims * buckets * stats_dims, 0.0);
    const int32_t* node_ids = context.input(0).data<int32_t>();
    const float* gradients = context.input(1).data<float>();
    const float* hessians = context.input(2).data<float>();
    for (int64_t i = 0; i < *batch; ++i) {
      const int32_t node = node_ids[i];
      if (node < 0 || node >= max_splits_) {
        return context.Error(absl::StrCat("node id ", node, " is outside [0, ", max_splits_, ")"));
      }
      for (int64_t f_dim = 0; f_dim < feature_dims; ++f_dim) {
        const int32_t value = feature.data<int32_t>()[i * feature_dims + f_dim];
        const int64_t bucket = value == -1 ? num_buckets_ : value;
        if (bucket < 0 || bucket > num_buckets_) {
          return context.Error(absl::StrCat("feature value ", value, " is outside [0, ",
                                            num_buckets_, ") and not -1"));
        }
        double* out = &sums[((node * feature_dims + f_dim) * buckets + bucket) * stats_dims];
        for (int64_t s = 0; s < logits; ++s) out[s] += gradients[i * logits + s];
        for (int64_t s = logits; s < stats_dims; ++s) {
          out[s] += hessians[i * (stats_dims - logits) + s - logits];
        }
      }
    }
    Tensor summary =
        *Tensor::Allocate(tensorflow::DT_FLOAT, {max_splits_, feature_dims, buckets, stats_dims});
    std::copy(sums.begin(), sums.end(), summary.mutable_data<float>());
    context.set_output(0, std::move(summary));
    return absl::OkStatus();
  }

 private:
  int64_t max_splits_, num_buckets_;
};

// The sparse form: a [node, feature dim, bucket, stat dim] -> value list in key order, where
// every (example, feature dim) absent from the sparse feature counts in the default bucket.
class SparseAggregateStatsKernel : public Kernel {
 public:
  SparseAggregateStatsKernel(int64_t max_splits, int64_t num_buckets)
      : max_splits_(max_splits), num_buckets_(num_buckets) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
    absl::StatusOr<int64_t> batch = CheckExampleStats(context);
    if (!batch.ok()) return batch.status();
    const Tensor& indices = context.input(3);
    const Tensor& values = context.input(4);
    const Tensor& shape = context.input(5);
    if (shape.rank() != 1) {
      return context.Error(absl::StrCat("Input shapes should be a vector but received shapes ",
                                        ShapeString(shape.shape())));
    }
    if (indices.dtype() != tensorflow::DT_INT32 || indices.rank() != 2 || indices.dim(1) != 2 ||
        values.dtype() != tensorflow::DT_INT32 || values.num_elements() != indices.dim(0) ||
        shape.dtype() != tensorflow::DT_INT32 || shape.num_elements() < 2) {
      return context.Error(
          "feature_indices must be int32 [n, 2], feature_values int32 [n], feature_shape int32 "
          "[2]");
    }
    const int32_t* node_ids = context.input(0).data<int32_t>();
    const float* gradients = context.input(1).data<float>();
    const float* hessians = context.input(2).data<float>();
    const int64_t logits = context.input(1).dim(1);
    const int64_t hessian_dims = context.input(2).dim(1);
    const int64_t stats_dims = logits + hessian_dims;
    const int32_t feature_dims = shape.data<int32_t>()[1];
    std::map<std::tuple<int32_t, int32_t, int32_t>, std::vector<float>> stats;
    auto add = [&](int32_t instance, int32_t f_dim, int32_t bucket) {
      std::vector<float>& entry = stats
                                      .emplace(std::make_tuple(node_ids[instance], f_dim, bucket),
                                               std::vector<float>(stats_dims, 0.0f))
                                      .first->second;
      for (int64_t s = 0; s < logits; ++s) entry[s] += gradients[instance * logits + s];
      for (int64_t s = 0; s < hessian_dims; ++s) {
        entry[logits + s] += hessians[instance * hessian_dims + s];
      }
    };
    // The default bucket for (start, start_f_dim) exclusive to (end, end_f_dim) exclusive.
    auto add_missing = [&](int32_t start, int32_t end, int32_t start_f_dim, int32_t end_f_dim) {
      for (int32_t instance = start; instance <= end; ++instance) {
        const int32_t from = instance == start ? start_f_dim + 1 : 0;
        const int32_t to = instance == end ? end_f_dim : feature_dims;
        for (int32_t f_dim = from; f_dim < to; ++f_dim) {
          add(instance, f_dim, static_cast<int32_t>(num_buckets_));
        }
      }
    };
    int32_t previous_instance = 0;
    int32_t previous_f_dim = -1;
    const int32_t* index = indices.data<int32_t>();
    for (int64_t i = 0; i < indices.dim(0); ++i) {
      const int32_t instance = index[2 * i];
      const int32_t f_dim = index[2 * i + 1];
      if (instance < previous_instance || instance >= *batch) {
        return context.Error(absl::StrCat("feature index ", i, " names example ", instance,
                                          "; examples must be sorted and below ", *batch));
      }
      add_missing(previous_instance, instance, previous_f_dim, f_dim);
      previous_instance = instance;
      previous_f_dim = f_dim;
      add(instance, f_dim, values.data<int32_t>()[i]);
    }
    add_missing(previous_instance, static_cast<int32_t>(*batch) - 1, previous_f_dim, feature_dims);
    const int64_t slots = static_cast<int64_t>(stats.size()) * stats_dims;
    Tensor summary_indices = *Tensor::Allocate(tensorflow::DT_INT32, {slots, 4});
    Tensor summary_values = *Tensor::Allocate(tensorflow::DT_FLOAT, {slots});
    int32_t* out_index = summary_indices.mutable_data<int32_t>();
    float* out_value = summary_values.mutable_data<float>();
    for (const auto& [key, entry] : stats) {
      for (int64_t s = 0; s < stats_dims; ++s) {
        *out_index++ = std::get<0>(key);
        *out_index++ = std::get<1>(key);
        *out_index++ = std::get<2>(key);
        *out_index++ = static_cast<int32_t>(s);
        *out_value++ = entry[s];
      }
    }
    Tensor summary_shape = *Tensor::Allocate(tensorflow::DT_INT32, {4});
    int32_t* out_shape = summary_shape.mutable_data<int32_t>();
    out_shape[0] = static_cast<int32_t>(max_splits_);
    out_shape[1] = feature_dims;
    out_shape[2] = static_cast<int32_t>(num_buckets_ + 1);
    out_shape[3] = static_cast<int32_t>(stats_dims);
    context.set_output(0, std::move(summary_indices));
    context.set_output(1, std::move(summary_values));
    context.set_output(2, std::move(summary_shape));
    return absl::OkStatus();
  }

 private:
  int64_t max_splits_, num_buckets_;
};

absl::StatusOr<int64_t> PositiveAttr(const KernelBuildContext& context, const char* name) {
  absl::StatusOr<int64_t> value = context.attrs.GetInt(name);
  if (!value.ok()) return value.status();
  if (*value < 1) return context.Error(absl::StrCat(name, " must be at least 1"));
  return *value;
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildBestGainsPerFeature(const KernelBuildContext& c) {
  absl::StatusOr<int64_t> num_features = PositiveAttr(c, "num_features");
  if (!num_features.ok()) return num_features.status();
  return std::make_unique<BestGainsPerFeatureKernel>(static_cast<int>(*num_features));
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildBestFeatureSplit(const KernelBuildContext& c) {
  absl::StatusOr<int64_t> logits = PositiveAttr(c, "logits_dimension");
  if (!logits.ok()) return logits.status();
  absl::StatusOr<std::string> split_type = c.attrs.GetString("split_type");
  if (!split_type.ok()) return split_type.status();
  return std::make_unique<BestFeatureSplitKernel>(static_cast<int>(*logits),
                                                  *split_type != "inequality");
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildBestFeatureSplitV2(const KernelBuildContext& c) {
  absl::StatusOr<int64_t> logits = PositiveAttr(c, "logits_dimension");
  if (!logits.ok()) return logits.status();
  absl::StatusOr<int64_t> num_features = PositiveAttr(c, "num_features");
  if (!num_features.ok()) return num_features.status();
  return std::make_unique<BestFeatureSplitV2Kernel>(static_cast<int>(*logits),
                                                    static_cast<int>(*num_features));
}

template <typename KernelType>
absl::StatusOr<std::unique_ptr<Kernel>> BuildAggregate(const KernelBuildContext& c) {
  absl::StatusOr<int64_t> max_splits = PositiveAttr(c, "max_splits");
  if (!max_splits.ok()) return max_splits.status();
  absl::StatusOr<int64_t> num_buckets = PositiveAttr(c, "num_buckets");
  if (!num_buckets.ok()) return num_buckets.status();
  return std::make_unique<KernelType>(*max_splits, *num_buckets);
}

REGISTER_KERNEL_FACTORY("BoostedTreesCalculateBestGainsPerFeature", BuildBestGainsPerFeature);
REGISTER_KERNEL_FACTORY("BoostedTreesCalculateBestFeatureSplit", BuildBestFeatureSplit);
REGISTER_KERNEL_FACTORY("BoostedTreesCalculateBestFeatureSplitV2", BuildBestFeatureSplitV2);
REGISTER_KERNEL_FACTORY("BoostedTreesSparseCalculateBestFeatureSplit",
                        [](const KernelBuildContext&) -> absl::StatusOr<std::unique_ptr<Kernel>> {
                          return std::make_unique<SparseBestFeatureSplitKernel>();
                        });
REGISTER_KERNEL_FACTORY("BoostedTreesAggregateStats", BuildAggregate<AggregateStatsKernel>);
REGISTER_KERNEL_FACTORY("BoostedTreesSparseAggregateStats",
                        BuildAggregate<SparseAggregateStatsKernel>);

}  // namespace
}  // namespace tfjs::runtime::trees
