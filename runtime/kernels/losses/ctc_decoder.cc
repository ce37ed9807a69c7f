// CTCGreedyDecoder and CTCBeamSearchDecoder on logits [max_time, batch, num_classes], as TF's
// ctc_decoder_ops.cc: the greedy decoder takes each frame's first largest logit, drops the blank
// (blank_index, default the last class) and, with merge_repeated, repeats of the previous frame's
// class; its log_probability is minus the sum of those logits. The beam search is TF's
// CTCBeamSearchDecoder with the default (no language model) scorer, in T: a prefix tree whose
// leaves keep blank- and label-ending log probabilities, each frame normalized by its
// log-sum-exp, the beam_width best leaves kept; merge_repeated collapses equal consecutive labels
// of a path when it is read out. The blank is the last class.
#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/losses/ctc_common.h"

namespace tfjs::runtime::losses {
namespace {

constexpr int kInputs = 0;
constexpr int kSequenceLength = 1;

bool BoolAttr(const OpContext& context, const char* name, bool default_value) {
  const auto& attrs = context.node().attr();
  auto it = attrs.find(name);
  return it == attrs.end() ? default_value : it->second.b();
}
int64_t IntAttr(const OpContext& context, const char* name, int64_t default_value) {
  const auto& attrs = context.node().attr();
  auto it = attrs.find(name);
  return it == attrs.end() ? default_value : it->second.i();
}

template <typename T>
absl::Status GreedyDecode(OpContext& context, const CtcInputs& shape) {
  const int64_t num_classes = shape.num_classes;
  const int64_t blank_attr = IntAttr(context, "blank_index", -1);
  const int64_t blank = blank_attr < 0 ? num_classes + blank_attr : blank_attr;
  if (blank < 0 || blank >= num_classes) {
    return context.Error(absl::StrCat("blank_index expected to be between ", -num_classes, " and ",
                                      num_classes - 1, " but was ", blank_attr));
  }
  const bool merge_repeated = BoolAttr(context, "merge_repeated", false);
  const T* logits = context.input(kInputs).data<T>();
  std::vector<std::vector<int>> sequences(shape.batch_size);
  Tensor log_probability = *Tensor::Allocate(context.input(kInputs).dtype(), {shape.batch_size, 1});
  for (int64_t b = 0; b < shape.batch_size; ++b) {
    T sum = 0;
    int previous = -1;
    for (int64_t t = 0; t < shape.sequence_length[b]; ++t) {
      const T* row = logits + (t * shape.batch_size + b) * num_classes;
      int best = 0;
      for (int64_t c = 1; c < num_classes; ++c) {
        if (row[c] > row[best]) best = static_cast<int>(c);
      }
      sum += -row[best];
      if (best != blank && !(merge_repeated && best == previous)) sequences[b].push_back(best);
      previous = best;
    }
    log_probability.mutable_data<T>()[b] = sum;
  }
  SetSparseOutputs(context, sequences, 0, 1);
  context.set_output(3, std::move(log_probability));
  return absl::OkStatus();
}

// One node of the prefix tree: the path of labels from the root to it.
template <typename T>
struct BeamProbability {
  T total = kLogZero<T>;
  T blank = kLogZero<T>;
  T label = kLogZero<T>;
  void Reset() { total = blank = label = kLogZero<T>; }
};

template <typename T>
struct BeamEntry {
  int parent = -1;
  int label = -1;
  BeamProbability<T> newp;
  BeamProbability<T> oldp;
  int first_child = -1;  // children are entries [first_child, first_child + num_classes - 1)
  bool Active() const { return newp.total != kLogZero<T>; }
};

template <typename T>
class BeamSearch {
 public:
  BeamSearch(int num_classes, int beam_width) : num_classes_(num_classes), width_(beam_width) {
    entries_.push_back(BeamEntry<T>{});
    entries_[0].newp.total = 0;
    entries_[0].newp.blank = 0;
    leaves_.push_back(0);
  }

  void Step(const T* logits) {
    const int blank = num_classes_ - 1;
    std::vector<T> input(logits, logits + num_classes_);
    const T max = *std::max_element(input.begin(), input.end());
    T sum = 0;
    for (T& value : input) {
      value -= max;
      sum += std::exp(value);
    }
    const T norm_offset = std::log(sum);
    const std::vector<int> branches = ExtractSorted();
    leaves_.clear();
    for (int b : branches) entries_[b].oldp = entries_[b].newp;
    for (int index : branches) {
      BeamEntry<T>& b = entries_[index];
      if (b.parent >= 0) {
        const BeamEntry<T>& parent = entries_[b.parent];
        if (parent.Active()) {
          const T previous = b.label == parent.label ? parent.oldp.blank : parent.oldp.total;
          b.newp.label = LogSumExp(b.newp.label, previous);
        }
        b.newp.label += input[b.label] - norm_offset;
      }
      b.newp.blank = b.oldp.total + input[blank] - norm_offset;
      b.newp.total = LogSumExp(b.newp.blank, b.newp.label);
      leaves_.push_back(index);
    }
    for (int index : branches) {
      if (!IsCandidate(entries_[index].oldp)) continue;
      if (entries_[index].first_child < 0) AddChildren(index);
      const BeamEntry<T>& b = entries_[index];
      for (int c = b.first_child; c < b.first_child + num_classes_ - 1; ++c) {
        BeamEntry<T>& child = entries_[c];
        if (child.Active()) continue;
        child.newp.blank = kLogZero<T>;
        const T previous = child.label == b.label ? b.oldp.blank : b.oldp.total;
        child.newp.label = input[child.label] - norm_offset + previous;
        child.newp.total = child.newp.label;
        if (IsCandidate(child.newp)) {
          if (static_cast<int>(leaves_.size()) == width_) {
            const auto bottom = Bottom();
            entries_[*bottom].newp.Reset();
            leaves_.erase(bottom);
          }
          leaves_.push_back(c);
        } else {
          child.oldp.Reset();
          child.newp.Reset();
        }
      }
    }
  }

  // The best `n` paths (merged as asked) and their log probabilities, best first.
  absl::Status TopPaths(int n, bool merge_repeated, std::vector<std::vector<int>>* paths,
                        std::vector<T>* log_probs) const {
    if (n > width_) return absl::InvalidArgumentError("Requested more paths than the beam width.");
    if (n > static_cast<int>(leaves_.size())) {
      return absl::InvalidArgumentError("Less leaves in the beam search than requested.");
    }
    const std::vector<int> sorted = ExtractSorted();
    for (int i = 0; i < n; ++i) {
      std::vector<int> labels;
      int previous = -1;
      for (int e = sorted[i]; entries_[e].parent >= 0; e = entries_[e].parent) {
        if (!merge_repeated || entries_[e].label != previous) labels.push_back(entries_[e].label);
        previous = entries_[e].label;
      }
      std::reverse(labels.begin(), labels.end());
      paths->push_back(std::move(labels));
      log_probs->push_back(entries_[sorted[i]].newp.total);
    }
    return absl::OkStatus();
  }

 private:
  // Worth a place in the beam: a probability above zero and room, or better than the worst.
  bool IsCandidate(const BeamProbability<T>& probability) const {
    return probability.total > kLogZero<T> && (static_cast<int>(leaves_.size()) < width_ ||
                                               probability.total > entries_[*Bottom()].newp.total);
  }

  std::vector<int>::const_iterator Bottom() const {
    return std::min_element(leaves_.begin(), leaves_.end(), [&](int a, int b) {
      return entries_[a].newp.total < entries_[b].newp.total;
    });
  }

  // The leaves by descending total log probability.
  std::vector<int> ExtractSorted() const {
    std::vector<int> sorted = leaves_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](int a, int b) { return entries_[a].newp.total > entries_[b].newp.total; });
    return sorted;
  }

  void AddChildren(int parent) {
    entries_[parent].first_child = static_cast<int>(entries_.size());
    for (int label = 0; label < num_classes_ - 1; ++label) {
      BeamEntry<T> child;
      child.parent = parent;
      child.label = label;
      entries_.push_back(child);
    }
  }

  int num_classes_;
  int width_;
  std::vector<BeamEntry<T>> entries_;
  std::vector<int> leaves_;
};

template <typename T>
absl::Status BeamSearchDecode(OpContext& context, const CtcInputs& shape) {
  const int64_t beam_width = IntAttr(context, "beam_width", 1);
  const int64_t top_paths = IntAttr(context, "top_paths", 1);
  if (beam_width < 1) return context.Error("beam_width must be at least 1");
  if (top_paths < 1) return context.Error("top_paths must be at least 1");
  if (top_paths > beam_width) return context.Error("top_paths must be <= beam_width");
  const bool merge_repeated = BoolAttr(context, "merge_repeated", true);
  const T* logits = context.input(kInputs).data<T>();
  const int k = static_cast<int>(top_paths);
  std::vector<std::vector<std::vector<int>>> paths(k,
                                                   std::vector<std::vector<int>>(shape.batch_size));
  Tensor log_probability =
      *Tensor::Allocate(context.input(kInputs).dtype(), {shape.batch_size, top_paths});
  for (int64_t b = 0; b < shape.batch_size; ++b) {
    BeamSearch<T> search(static_cast<int>(shape.num_classes), static_cast<int>(beam_width));
    for (int64_t t = 0; t < shape.sequence_length[b]; ++t) {
      search.Step(logits + (t * shape.batch_size + b) * shape.num_classes);
    }
    std::vector<std::vector<int>> best;
    std::vector<T> log_probs;
    if (absl::Status status = search.TopPaths(k, merge_repeated, &best, &log_probs); !status.ok()) {
      return context.Error(status.message());
    }
    for (int p = 0; p < k; ++p) {
      paths[p][b] = std::move(best[p]);
      log_probability.mutable_data<T>()[b * k + p] = log_probs[p];
    }
  }
  for (int p = 0; p < k; ++p) SetSparseOutputs(context, paths[p], p, k);
  context.set_output(3 * k, std::move(log_probability));
  return absl::OkStatus();
}

template <bool kBeam>
absl::Status ComputeCtcDecoder(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& inputs = context.input(kInputs);
  absl::StatusOr<CtcInputs> shape =
      CheckCtcInputs(context, inputs, context.input(kSequenceLength), "max_time is 0");
  if (!shape.ok()) return shape.status();
  if (shape->num_classes == 0) return context.Error("num_classes must be positive");
  if (inputs.dtype() == tensorflow::DT_DOUBLE) {
    return kBeam ? BeamSearchDecode<double>(context, *shape)
                 : GreedyDecode<double>(context, *shape);
  }
  return kBeam ? BeamSearchDecode<float>(context, *shape) : GreedyDecode<float>(context, *shape);
}

REGISTER_KERNEL("CTCGreedyDecoder", ComputeCtcDecoder<false>,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});
REGISTER_KERNEL("CTCBeamSearchDecoder", ComputeCtcDecoder<true>,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime::losses
