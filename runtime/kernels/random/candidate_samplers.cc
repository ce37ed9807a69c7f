// The candidate samplers (TF's candidate_sampler_ops.cc and range_sampler.cc) and
// ComputeAccidentalHits. Each sampler op draws num_sampled classes from [0, range_max) and gives
// the expected count of each sampled and each true class, bit for bit as TF: the run reserves
// 2048 * num_sampled words of the node's seeded Philox stream (guarded_philox.h); unique sampling
// rejects repeats, and then expected counts are 1 - (1 - p)^tries, else p * num_sampled.
//   Uniform:        Uniform64(range); p = 1 / range.
//   LogUniform:     exp(RandDouble() * ln(range + 1)) - 1 (mod range); p = ln((v + 2) / (v + 1)) /
//                   ln(range + 1).
//   (ThreadUnsafe|Learned)Unigram: weights start at 1 and each run adds 1 per true class (after
//                   sampling); Uniform(total weight) picks the class whose cumulative range holds
//                   it.
//   FixedUnigram:   weights from `unigrams` or the last column of `vocab_file` lines, raised to
//                   `distortion`, num_reserved_ids zero weights first, only this shard's ids; drawn
//                   by Walker's alias method (RandFloat, then Uniform(n)).
//   All:            the classes 0 .. num_sampled - 1, each expected once.
#include <cfloat>
#include <cmath>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "runtime/kernel.h"
#include "runtime/kernels/random/guarded_philox.h"
#include "runtime/kernels/random/philox.h"

namespace tfjs::runtime {
namespace {

using random::Philox;

// TF's SimplePhilox: 32-bit words of a Philox stream as integers and floats.
class SimplePhilox {
 public:
  explicit SimplePhilox(Philox* philox) : words_(philox) {}
  uint32_t Rand32() { return words_(); }
  uint64_t Rand64() {
    const uint64_t high = words_();
    return (high << 32) | words_();
  }
  uint32_t Uniform(uint32_t n) { return n == 0 ? Rand32() * n : Rand32() % n; }
  uint64_t Uniform64(uint64_t n) { return n == 0 ? Rand64() * n : Rand64() % n; }
  float RandFloat() { return random::Uint32ToFloat(words_()); }
  double RandDouble() {
    const uint32_t x0 = words_();
    const uint32_t x1 = words_();
    return random::Uint64ToDouble(x0, x1);
  }

 private:
  random::SingleSample words_;
};

enum class Kind { kAll, kUniform, kLogUniform, kUnigram, kFixedUnigram };

// TF's expected count of a class of probability p in `batch` samples drawn in `tries` tries.
float ExpectedCount(float p, int64_t batch, int64_t tries) {
  if (tries == batch) return p * static_cast<float>(batch);
  return -std::expm1(static_cast<float>(tries) * std::log1p(-p));
}

// Walker's alias tables as TF's DistributionSampler builds them.
struct AliasTable {
  std::vector<float> prob;
  std::vector<int> alt;

  explicit AliasTable(const std::vector<float>& weights) {
    const int n = static_cast<int>(weights.size());
    prob.assign(n, 0);
    alt.assign(n, -1);
    std::vector<double> pr(n);
    double sum = 0;
    for (float w : weights) sum += w;
    std::vector<int> high, low;
    for (int i = 0; i < n; ++i) {
      pr[i] = (weights[i] * n) / sum;
      (pr[i] < 1.0 ? low : high).push_back(i);
    }
    while (!high.empty() && !low.empty()) {
      const int l = low.back();
      low.pop_back();
      const int h = high.back();
      high.pop_back();
      alt[l] = h;
      const double remaining = pr[h] - (1.0 - pr[l]);
      pr[h] = remaining;
      (remaining < 1.0 ? low : high).push_back(h);
    }
    for (int i = 0; i < n; ++i) prob[i] = static_cast<float>(pr[i]);
    for (int i : high) {
      prob[i] = 1.0f;
      alt[i] = i;
    }
    for (int i : low) {
      prob[i] = 1.0f;
      alt[i] = i;
    }
  }

  int64_t Sample(SimplePhilox& rnd) const {
    const float r = rnd.RandFloat();
    const int idx = static_cast<int>(rnd.Uniform(static_cast<uint32_t>(prob.size())));
    return r < prob[idx] ? idx : alt[idx];
  }
};

class CandidateSamplerKernel : public Kernel {
 public:
  CandidateSamplerKernel(Kind kind, const tensorflow::NodeDef& node, int64_t num_true,
                         int64_t num_sampled, bool unique, int64_t range)
      : kind_(kind),
        generator_(node),
        num_true_(num_true),
        num_sampled_(num_sampled),
        unique_(unique),
        range_(range) {
    if (kind_ == Kind::kUnigram) {
      weights_.assign(range_, 1);
      total_weight_ = range_;
    }
    log_range_ = std::log1p(static_cast<double>(range_));
  }

  // FixedUnigram's weights (already distorted; reserved ids 0), and their sum.
  void SetFixedWeights(std::vector<float> weights, double total) {
    fixed_weights_ = std::move(weights);
    fixed_total_ = total;
    alias_ = std::make_unique<AliasTable>(fixed_weights_);
  }

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& true_classes = context.input(0);
    if (true_classes.dtype() != tensorflow::DT_INT64 || true_classes.rank() != 2) {
      return context.Error("true_classes must be a matrix");
    }
    if (true_classes.dim(1) != num_true_) {
      return context.Error(absl::StrCat("true_classes must have num_true columns, expected: ",
                                        true_classes.dim(1), " was: ", num_true_));
    }
    if (unique_ && num_sampled_ > range_) return context.Error("Sampler's range is too small.");
    const int64_t* truth = true_classes.data<int64_t>();
    const int64_t true_count = true_classes.num_elements();
    for (int64_t i = 0; i < true_count; ++i) {
      if (truth[i] < 0 || truth[i] >= range_) {
        return context.Error(
            absl::StrCat("`true_candidate` out of range [0, ", range_, "), received ", truth[i]));
      }
    }
    Tensor sampled = *Tensor::Allocate(tensorflow::DT_INT64, {num_sampled_});
    Tensor true_expected = *Tensor::Allocate(tensorflow::DT_FLOAT, true_classes.shape());
    Tensor sampled_expected = *Tensor::Allocate(tensorflow::DT_FLOAT, {num_sampled_});
    int64_t* picked = sampled.mutable_data<int64_t>();
    Philox philox = generator_.ReserveSamples32(2048 * static_cast<uint64_t>(num_sampled_));
    SimplePhilox rnd(&philox);
    std::lock_guard<std::mutex> lock(mutex_);
    int64_t tries = num_sampled_;
    if (kind_ == Kind::kAll) {
      for (int64_t i = 0; i < num_sampled_; ++i) picked[i] = i;
    } else if (unique_) {
      std::unordered_set<int64_t> used;
      tries = 0;
      for (int64_t count = 0; count < num_sampled_;) {
        ++tries;
        const int64_t value = Sample(rnd);
        if (used.insert(value).second) picked[count++] = value;
      }
    } else {
      for (int64_t i = 0; i < num_sampled_; ++i) picked[i] = Sample(rnd);
    }
    auto expected = [&](int64_t value) {
      if (kind_ == Kind::kAll) return 1.0f;
      return ExpectedCount(Probability(value), num_sampled_, tries);
    };
    for (int64_t i = 0; i < num_sampled_; ++i) {
      sampled_expected.mutable_data<float>()[i] = expected(picked[i]);
    }
    for (int64_t i = 0; i < true_count; ++i) {
      true_expected.mutable_data<float>()[i] = expected(truth[i]);
    }
    if (kind_ == Kind::kUnigram) {
      const int64_t room = std::numeric_limits<int32_t>::max() - total_weight_;
      for (int64_t i = 0; i < std::min(true_count, room); ++i) {
        ++weights_[truth[i]];
        ++total_weight_;
      }
    }
    context.set_output(0, std::move(sampled));
    context.set_output(1, std::move(true_expected));
    context.set_output(2, std::move(sampled_expected));
    return absl::OkStatus();
  }

 private:
  int64_t Sample(SimplePhilox& rnd) const {
    switch (kind_) {
      case Kind::kUniform:
        return static_cast<int64_t>(rnd.Uniform64(range_));
      case Kind::kLogUniform: {
        const int64_t value = static_cast<int64_t>(std::exp(rnd.RandDouble() * log_range_)) - 1;
        return value % range_;
      }
      case Kind::kUnigram: {
        const uint32_t target = rnd.Uniform(static_cast<uint32_t>(total_weight_));
        int64_t cumulative = 0;
        for (int64_t i = 0; i < range_; ++i) {
          cumulative += weights_[i];
          if (target < cumulative) return i;
        }
        return range_ - 1;
      }
      case Kind::kFixedUnigram:
        return alias_->Sample(rnd);
      default:
        return 0;
    }
  }

  float Probability(int64_t value) const {
    switch (kind_) {
      case Kind::kUniform:
        return static_cast<float>(1.0 / range_);
      case Kind::kLogUniform:
        return static_cast<float>(std::log((value + 2.0) / (value + 1.0)) / log_range_);
      case Kind::kUnigram:
        return static_cast<float>(weights_[value]) / static_cast<float>(total_weight_);
      case Kind::kFixedUnigram:
        if (value < 0 || value >= static_cast<int64_t>(fixed_weights_.size())) return 0.0f;
        return static_cast<float>(fixed_weights_[value] / fixed_total_);
      default:
        return 1.0f;
    }
  }

  Kind kind_;
  random::GuardedPhilox generator_;
  int64_t num_true_;
  int64_t num_sampled_;
  bool unique_;
  int64_t range_;
  double log_range_ = 0;
  // Unigram weights, learned over runs.
  mutable std::mutex mutex_;
  mutable std::vector<int32_t> weights_;
  mutable int64_t total_weight_ = 0;
  std::vector<float> fixed_weights_;
  double fixed_total_ = 0;
  std::unique_ptr<AliasTable> alias_;
};

template <Kind kKind>
absl::StatusOr<std::unique_ptr<Kernel>> BuildSampler(const KernelBuildContext& context) {
  const auto& attrs = context.attrs;
  absl::StatusOr<int64_t> num_true = attrs.GetInt("num_true");
  absl::StatusOr<int64_t> num_sampled = attrs.GetInt("num_sampled");
  absl::StatusOr<bool> unique = attrs.GetBool("unique");
  if (!num_true.ok()) return context.Error(num_true.status().message());
  if (!num_sampled.ok()) return context.Error(num_sampled.status().message());
  if (!unique.ok()) return context.Error(unique.status().message());
  int64_t range = *num_sampled;
  if (kKind != Kind::kAll) {
    absl::StatusOr<int64_t> range_max = attrs.GetInt("range_max");
    if (!range_max.ok()) return context.Error(range_max.status().message());
    range = *range_max;
    if (range < 1) return context.Error(absl::StrCat("range_max must be >= 1, got ", range));
    if (kKind == Kind::kUnigram && range >= std::numeric_limits<int32_t>::max()) {
      return context.Error("range_max must be below 2^31 - 1");
    }
  }
  if (*num_sampled < 0 || *num_true < 1) {
    return context.Error("num_sampled must be >= 0 and num_true >= 1");
  }
  auto kernel = std::make_unique<CandidateSamplerKernel>(kKind, context.node, *num_true,
                                                         *num_sampled, *unique, range);
  if constexpr (kKind == Kind::kFixedUnigram) {
    const float distortion = attrs.GetFloat("distortion").value_or(1.0f);
    const int64_t reserved = attrs.GetInt("num_reserved_ids").value_or(0);
    const int64_t shards = attrs.GetInt("num_shards").value_or(1);
    const int64_t shard = attrs.GetInt("shard").value_or(0);
    const std::string vocab_file = attrs.GetString("vocab_file").value_or("");
    if (shards < 1 || shard < 0 || shard >= shards) {
      return context.Error(
          absl::StrCat("shard must be in [0, num_shards), got ", shard, " of ", shards));
    }
    std::vector<float> weights;
    for (int64_t id = 0; id < reserved; ++id) {
      if (id % shards == shard) weights.push_back(0.0f);
    }
    std::vector<float> unigrams;
    if (!vocab_file.empty()) {
      std::ifstream file(vocab_file);
      if (!file) return context.Error(absl::StrCat("cannot open vocab_file ", vocab_file));
      std::string line;
      while (std::getline(file, line)) {
        if (line.empty()) continue;
        const std::vector<std::string> columns = absl::StrSplit(line, ',');
        float w = 0;
        if (!absl::SimpleAtof(columns.back(), &w)) {
          return context.Error(absl::StrCat("Wrong vocabulary format at line: ", line));
        }
        unigrams.push_back(w);
      }
    } else {
      absl::StatusOr<std::vector<float>> list = attrs.GetFloatList("unigrams");
      if (list.ok()) unigrams = *list;
    }
    // As TF, ids continue from the count of this shard's reserved ids.
    int64_t id = static_cast<int64_t>(weights.size());
    double total = 0;
    for (float w : unigrams) {
      if (id % shards == shard) {
        const float distorted = std::pow(w, distortion);
        total += distorted;
        weights.push_back(distorted);
      }
      ++id;
    }
    if (static_cast<int64_t>(weights.size()) != range) {
      return context.Error(absl::StrCat("range_max (", range, ") must equal the number of ",
                                        "reserved ids and unigrams in this shard (", weights.size(),
                                        ")"));
    }
    kernel->SetFixedWeights(std::move(weights), total);
  }
  return kernel;
}

absl::Status ComputeAccidentalHits(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& true_classes = context.input(0);
  const Tensor& sampled = context.input(1);
  const auto it = context.node().attr().find("num_true");
  const int64_t num_true = it == context.node().attr().end() ? 0 : it->second.i();
  if (true_classes.dtype() != tensorflow::DT_INT64 || true_classes.rank() != 2 ||
      true_classes.dim(1) != num_true) {
    return context.Error("true_candidates must be a batch_size * num_true matrix");
  }
  if (sampled.dtype() != tensorflow::DT_INT64 || sampled.rank() != 1) {
    return context.Error(
        "sampled_candidates must be a vector, which is typically an output from "
        "CandidateSampler");
  }
  std::unordered_map<int64_t, int64_t> position;
  for (int64_t i = 0; i < sampled.dim(0); ++i) position[sampled.data<int64_t>()[i]] = i;
  std::vector<int32_t> indices;
  std::vector<int64_t> ids;
  for (int64_t i = 0; i < true_classes.dim(0); ++i) {
    for (int64_t j = 0; j < num_true; ++j) {
      const auto found = position.find(true_classes.data<int64_t>()[i * num_true + j]);
      if (found == position.end()) continue;
      indices.push_back(static_cast<int32_t>(i));
      ids.push_back(found->second);
    }
  }
  const int64_t hits = static_cast<int64_t>(indices.size());
  Tensor out_indices = *Tensor::Allocate(tensorflow::DT_INT32, {hits});
  Tensor out_ids = *Tensor::Allocate(tensorflow::DT_INT64, {hits});
  Tensor out_weights = *Tensor::Allocate(tensorflow::DT_FLOAT, {hits});
  std::copy(indices.begin(), indices.end(), out_indices.mutable_data<int32_t>());
  std::copy(ids.begin(), ids.end(), out_ids.mutable_data<int64_t>());
  std::fill_n(out_weights.mutable_data<float>(), hits, -FLT_MAX);
  context.set_output(0, std::move(out_indices));
  context.set_output(1, std::move(out_ids));
  context.set_output(2, std::move(out_weights));
  return absl::OkStatus();
}

REGISTER_KERNEL_FACTORY("AllCandidateSampler", BuildSampler<Kind::kAll>);
REGISTER_KERNEL_FACTORY("UniformCandidateSampler", BuildSampler<Kind::kUniform>);
REGISTER_KERNEL_FACTORY("LogUniformCandidateSampler", BuildSampler<Kind::kLogUniform>);
REGISTER_KERNEL_FACTORY("LearnedUnigramCandidateSampler", BuildSampler<Kind::kUnigram>);
REGISTER_KERNEL_FACTORY("ThreadUnsafeUnigramCandidateSampler", BuildSampler<Kind::kUnigram>);
REGISTER_KERNEL_FACTORY("FixedUnigramCandidateSampler", BuildSampler<Kind::kFixedUnigram>);
REGISTER_KERNEL("ComputeAccidentalHits", ComputeAccidentalHits);

}  // namespace
}  // namespace tfjs::runtime
