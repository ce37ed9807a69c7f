// CTCLoss: the connectionist temporal classification loss -log p(labels | logits) per batch
// entry and its gradient with respect to the logits, as TF's ctc_loss_op.cc and
// ctc_loss_calculator.h compute them in T: softmax per frame, forward (alpha) and backward (beta)
// variables in log space over the label sequence with blanks around every label, the blank
// being the last class. Labels come as a SparseTensor (indices [n, 2] in row-major order, values
// [n]); a label >= num_classes - 1 ends its sequence. preprocess_collapse_repeated merges
// repeated labels first; ctc_merge_repeated=false makes a repeated non-blank frame a new label;
// ignore_longer_outputs_than_inputs gives loss 0 and gradient 0 to sequences too short for
// their labels instead of failing. CTCLossV2 has no CPU kernel in TF (cuDNN only).
#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/losses/ctc_common.h"

namespace tfjs::runtime::losses {
namespace {

constexpr int kInputs = 0;
constexpr int kLabelsIndices = 1;
constexpr int kLabelsValues = 2;
constexpr int kSequenceLength = 3;

bool BoolAttr(const OpContext& context, const char* name, bool default_value) {
  const auto& attrs = context.node().attr();
  auto it = attrs.find(name);
  return it == attrs.end() ? default_value : it->second.b();
}

struct CtcOptions {
  bool preprocess_collapse_repeated = false;
  bool ctc_merge_repeated = true;
  bool ignore_longer_outputs_than_inputs = false;
};

// The label sequence of each batch entry from the sparse labels, checked as TF's SparseTensor
// (indices in bounds of [batch, max_label_len] and in strictly increasing row-major order).
absl::StatusOr<std::vector<std::vector<int>>> LabelSequences(const OpContext& context,
                                                             int64_t batch_size) {
  const Tensor& indices = context.input(kLabelsIndices);
  const Tensor& values = context.input(kLabelsValues);
  if (indices.rank() != 2) return context.Error("labels_indices is not a matrix");
  if (indices.dim(1) <= 1) {
    return context.Error(
        absl::StrCat("labels_indices second dimension must be >= 1. Received ", indices.dim(1)));
  }
  if (values.rank() != 1) return context.Error("labels_values is not a vector");
  if (indices.dim(0) != values.dim(0)) {
    return context.Error(absl::StrCat(
        "labels_indices and labels_values must contain the same number of rows, but saw "
        "shapes: ",
        ShapeString(indices.shape()), " vs. ", ShapeString(values.shape())));
  }
  if (batch_size == 0) return context.Error("batch_size must not be 0");
  const int64_t* index = indices.data<int64_t>();
  const int64_t n = indices.dim(0), stride = indices.dim(1);
  int64_t max_label_len = 0;
  for (int64_t i = 0; i < n; ++i)
    max_label_len = std::max(max_label_len, index[i * stride + 1] + 1);
  std::vector<std::vector<int>> labels(batch_size);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t b = index[i * stride], position = index[i * stride + 1];
    if (b < 0 || b >= batch_size || position < 0 || position >= max_label_len) {
      return context.Error(absl::StrCat("label SparseTensor is not valid: indices[", i, "] = [", b,
                                        ",", position, "] is out of bounds: need 0 <= index < [",
                                        batch_size, ",", max_label_len, "]"));
    }
    if (i > 0) {
      const int64_t previous_b = index[(i - 1) * stride];
      const int64_t previous_position = index[(i - 1) * stride + 1];
      if (b < previous_b || (b == previous_b && position <= previous_position)) {
        return context.Error(absl::StrCat(
            "label SparseTensor is not valid: indices[", i, "] = [", b, ",", position, "] is ",
            b == previous_b && position == previous_position ? "repeated" : "out of order"));
      }
    }
    labels[b].push_back(values.data<int32_t>()[i]);
  }
  return labels;
}

// l' of TF's PopulateLPrimes: the label sequence (collapsed when asked, ended at the first label
// >= num_classes - 1) with a blank before each label and at the end.
absl::StatusOr<std::vector<int>> LPrime(const OpContext& context, const std::vector<int>& label,
                                        int64_t b, int num_classes, int sequence_length,
                                        const CtcOptions& options) {
  const int blank = num_classes - 1;
  std::vector<int> l;
  bool finished = false;
  for (size_t i = 0; i < label.size(); ++i) {
    if (i > 0 && options.preprocess_collapse_repeated && label[i] == label[i - 1]) continue;
    if (label[i] >= num_classes - 1) {
      finished = true;
    } else if (finished) {
      return context.Error(absl::StrCat(
          "Saw a non-null label (index >= num_classes - 1) following a null label, batch: ", b,
          " num_classes: ", num_classes, " labels: ", absl::StrJoin(l, ",")));
    } else {
      l.push_back(label[i]);
    }
  }
  for (int value : l) {
    if (value < 0) {
      return context.Error(absl::StrCat("All labels must be nonnegative integers, batch: ", b,
                                        " labels: ", absl::StrJoin(l, ",")));
    }
  }
  if (!options.ignore_longer_outputs_than_inputs &&
      static_cast<int64_t>(label.size()) > sequence_length) {
    return context.Error(absl::StrCat("Not enough time for target transition sequence (required: ",
                                      label.size(), ", available: ", sequence_length, ")", b,
                                      "You can turn this error into a warning by using the flag "
                                      "ignore_longer_outputs_than_inputs"));
  }
  std::vector<int> l_prime(2 * l.size() + 1, blank);
  for (size_t i = 0; i < l.size(); ++i) l_prime[2 * i + 1] = l[i];
  return l_prime;
}

// Loss and gradient [time, classes] of one batch entry, y its softmax [time, classes].
template <typename T>
T CtcLossOf(const std::vector<int>& l_prime, const std::vector<T>& y, int64_t time, int64_t classes,
            bool merge_repeated, T* gradient) {
  const int blank = static_cast<int>(classes) - 1;
  const int64_t u_count = l_prime.size();
  auto log_y = [&](int label, int64_t t) { return std::log(y[t * classes + label]); };
  std::vector<T> alpha(u_count * time, kLogZero<T>), beta(u_count * time, kLogZero<T>);
  auto a = [&](int64_t u, int64_t t) -> T& { return alpha[u * time + t]; };
  auto be = [&](int64_t u, int64_t t) -> T& { return beta[u * time + t]; };
  a(0, 0) = log_y(blank, 0);
  if (u_count > 1) a(1, 0) = log_y(l_prime[1], 0);
  for (int64_t t = 1; t < time; ++t) {
    for (int64_t u = std::max<int64_t>(0, u_count - 2 * (time - t));
         u < std::min<int64_t>(u_count, 2 * (t + 1)); ++u) {
      T sum = kLogZero<T>;
      if (merge_repeated || l_prime[u] == blank) sum = a(u, t - 1);
      if (u > 0) sum = LogSumExp(sum, a(u - 1, t - 1));
      if (u > 1 && l_prime[u] != blank && !(merge_repeated && l_prime[u] == l_prime[u - 2])) {
        sum = LogSumExp(sum, a(u - 2, t - 1));
      }
      a(u, t) = log_y(l_prime[u], t) + sum;
    }
  }
  for (int64_t u = std::max<int64_t>(0, u_count - 2); u < u_count; ++u) be(u, time - 1) = 0;
  for (int64_t t = time - 2; t >= 0; --t) {
    for (int64_t u = std::max<int64_t>(0, u_count - 2 * (time - t));
         u < std::min<int64_t>(u_count, 2 * (t + 1)); ++u) {
      if (merge_repeated || l_prime[u] == blank) {
        be(u, t) = LogSumExp(be(u, t), be(u, t + 1) + log_y(l_prime[u], t + 1));
      }
      if (u + 1 < u_count) {
        be(u, t) = LogSumExp(be(u, t), be(u + 1, t + 1) + log_y(l_prime[u + 1], t + 1));
      }
      if (u + 2 < u_count && l_prime[u] != blank &&
          !(merge_repeated && l_prime[u] == l_prime[u + 2])) {
        be(u, t) = LogSumExp(be(u, t), be(u + 2, t + 1) + log_y(l_prime[u + 2], t + 1));
      }
    }
  }
  T log_p = kLogZero<T>;
  for (int64_t u = 0; u < u_count; ++u) log_p = LogSumExp(log_p, a(u, 0) + be(u, 0));
  if (log_p == kLogZero<T>) {
    // No valid alignment: TF's gradient is the softmax itself.
    std::copy(y.begin(), y.end(), gradient);
    return -log_p;
  }
  std::vector<T> prob_sum(classes);
  for (int64_t t = 0; t < time; ++t) {
    std::fill(prob_sum.begin(), prob_sum.end(), kLogZero<T>);
    for (int64_t u = 0; u < u_count; ++u) {
      T& sum = prob_sum[l_prime[u]];
      sum = LogSumExp(sum, a(u, t) + be(u, t));
    }
    for (int64_t c = 0; c < classes; ++c) {
      gradient[t * classes + c] = y[t * classes + c] - std::exp(prob_sum[c] - log_p);
    }
  }
  return -log_p;
}

template <typename T>
absl::Status CtcLoss(OpContext& context, const CtcInputs& shape,
                     const std::vector<std::vector<int>>& labels, const CtcOptions& options) {
  const int64_t classes = shape.num_classes;
  const T* logits = context.input(kInputs).data<T>();
  std::vector<std::vector<int>> l_primes(shape.batch_size);
  for (int64_t b = 0; b < shape.batch_size; ++b) {
    absl::StatusOr<std::vector<int>> l_prime =
        LPrime(context, labels[b], b, static_cast<int>(classes), shape.sequence_length[b], options);
    if (!l_prime.ok()) return l_prime.status();
    l_primes[b] = *std::move(l_prime);
  }
  const DataType dtype = context.input(kInputs).dtype();
  Tensor loss = *Tensor::Zeros(dtype, {shape.batch_size});
  Tensor gradient = *Tensor::Zeros(dtype, context.input(kInputs).shape());
  for (int64_t b = 0; b < shape.batch_size; ++b) {
    const int64_t time = shape.sequence_length[b];
    if (time <= 0 || (options.ignore_longer_outputs_than_inputs &&
                      static_cast<int64_t>(labels[b].size()) > time)) {
      continue;
    }
    // Softmax of each frame.
    std::vector<T> y(time * classes);
    for (int64_t t = 0; t < time; ++t) {
      const T* row = logits + (t * shape.batch_size + b) * classes;
      const T max = *std::max_element(row, row + classes);
      T sum = 0;
      for (int64_t c = 0; c < classes; ++c) sum += y[t * classes + c] = std::exp(row[c] - max);
      for (int64_t c = 0; c < classes; ++c) y[t * classes + c] /= sum;
    }
    std::vector<T> dy(time * classes);
    loss.mutable_data<T>()[b] =
        CtcLossOf(l_primes[b], y, time, classes, options.ctc_merge_repeated, dy.data());
    for (int64_t t = 0; t < time; ++t) {
      std::copy(dy.begin() + t * classes, dy.begin() + (t + 1) * classes,
                gradient.mutable_data<T>() + (t * shape.batch_size + b) * classes);
    }
  }
  context.set_output(0, std::move(loss));
  context.set_output(1, std::move(gradient));
  return absl::OkStatus();
}

absl::Status ComputeCtcLoss(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& inputs = context.input(kInputs);
  if (inputs.rank() != 3) return context.Error("inputs is not a 3-Tensor");
  if (context.input(kSequenceLength).rank() != 1) {
    return context.Error("sequence_length is not a vector");
  }
  absl::StatusOr<std::vector<std::vector<int>>> labels = LabelSequences(context, inputs.dim(1));
  if (!labels.ok()) return labels.status();
  absl::StatusOr<CtcInputs> shape =
      CheckCtcInputs(context, inputs, context.input(kSequenceLength),
                     "Max time or first dimension of input cannot be 0.");
  if (!shape.ok()) return shape.status();
  if (shape->num_classes == 0) return context.Error("num_classes must be positive");
  CtcOptions options;
  options.preprocess_collapse_repeated = BoolAttr(context, "preprocess_collapse_repeated", false);
  options.ctc_merge_repeated = BoolAttr(context, "ctc_merge_repeated", true);
  options.ignore_longer_outputs_than_inputs =
      BoolAttr(context, "ignore_longer_outputs_than_inputs", false);
  if (inputs.dtype() == tensorflow::DT_DOUBLE) {
    return CtcLoss<double>(context, *shape, *labels, options);
  }
  return CtcLoss<float>(context, *shape, *labels, options);
}

REGISTER_KERNEL("CTCLoss", ComputeCtcLoss, {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime::losses
