// Quantile ops of boosted trees: the quantile-stream resource
// (BoostedTreesQuantileStreamResourceHandleOp, BoostedTreesCreateQuantileStreamResource,
// IsBoostedTreesQuantileStreamResourceInitialized, ...AddSummaries, ...Flush,
// ...GetBucketBoundaries, ...Deserialize, BoostedTreesFlushQuantileSummaries), per-batch
// summaries (BoostedTreesMakeQuantileSummaries) and BoostedTreesBucketize.
#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "runtime/kernel.h"
#include "runtime/kernels/trees/quantile_stream.h"

namespace tfjs::runtime::trees {
namespace {

constexpr int kHandle = 0;

// One stream per feature, with the epsilon and element bound they share, and each feature's
// boundaries once flushed or restored. It exists once created.
class QuantileStreamResource : public Resource {
 public:
  absl::Mutex mutex;
  bool created ABSL_GUARDED_BY(mutex) = false;
  float epsilon ABSL_GUARDED_BY(mutex) = 0;
  int64_t max_elements ABSL_GUARDED_BY(mutex) = 0;
  std::vector<QuantileStream> streams ABSL_GUARDED_BY(mutex);
  std::vector<std::vector<float>> boundaries ABSL_GUARDED_BY(mutex);
  bool buckets_ready ABSL_GUARDED_BY(mutex) = false;

  void ResetStreams() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex) {
    for (QuantileStream& stream : streams) stream = QuantileStream(epsilon, max_elements);
  }
};

absl::StatusOr<QuantileStreamResource*> Handle(const OpContext& context) {
  if (context.num_inputs() < 1) return context.Error("missing the quantile stream handle");
  QuantileStreamResource* resource = context.input(kHandle).resource<QuantileStreamResource>();
  if (resource == nullptr) return context.Error("input 0 is not a quantile stream handle");
  return resource;
}

absl::Status NotCreated(const OpContext& context) {
  return absl::NotFoundError(absl::StrCat("node '", context.node().name(), "' (",
                                          context.node().op(),
                                          "): the quantile stream resource does not exist (run "
                                          "BoostedTreesCreateQuantileStreamResource first)"));
}

// The epsilon a stream can take: TF refuses 0 and needs eps < 1.
absl::StatusOr<float> ReadEpsilon(const OpContext& context, int index) {
  const Tensor& tensor = context.input(index);
  if (tensor.dtype() != tensorflow::DT_FLOAT || tensor.num_elements() != 1) {
    return context.Error("epsilon must be a float32 scalar");
  }
  const float epsilon = tensor.data<float>()[0];
  if (!(epsilon > 0)) return context.Error("An epsilon value of zero is not allowed.");
  if (!(epsilon < 1)) return context.Error(absl::StrCat("epsilon must be below 1, got ", epsilon));
  return epsilon;
}

// A [n, 4] float32 tensor of (value, weight, min rank, max rank) rows.
Tensor SummaryTensor(const QuantileSummary& summary) {
  const std::vector<SummaryEntry>& entries = summary.entries();
  Tensor output =
      *Tensor::Allocate(tensorflow::DT_FLOAT, {static_cast<int64_t>(entries.size()), 4});
  float* out = output.mutable_data<float>();
  for (const SummaryEntry& entry : entries) {
    *out++ = entry.value;
    *out++ = entry.weight;
    *out++ = entry.min_rank;
    *out++ = entry.max_rank;
  }
  return output;
}

Tensor FloatVector(const std::vector<float>& values) {
  Tensor output = *Tensor::Allocate(tensorflow::DT_FLOAT, {static_cast<int64_t>(values.size())});
  if (!values.empty()) std::memcpy(output.mutable_data<float>(), values.data(), values.size() * 4);
  return output;
}

absl::StatusOr<int64_t> IntAttr(const KernelBuildContext& context, const char* name) {
  absl::StatusOr<int64_t> value = context.attrs.GetInt(name);
  if (!value.ok()) return value.status();
  if (*value < 0) return context.Error(absl::StrCat(name, " must not be negative"));
  return *value;
}

class HandleKernel : public Kernel {
 public:
  absl::Status Compute(OpContext& context) const override {
    context.set_output(0, Tensor::ForResource(resource_));
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<QuantileStreamResource> resource_ = std::make_shared<QuantileStreamResource>();
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildHandle(const KernelBuildContext&) {
  return std::make_unique<HandleKernel>();
}

class CreateKernel : public Kernel {
 public:
  explicit CreateKernel(int64_t max_elements) : max_elements_(max_elements) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    absl::StatusOr<QuantileStreamResource*> resource = Handle(context);
    if (!resource.ok()) return resource.status();
    absl::StatusOr<float> epsilon = ReadEpsilon(context, 1);
    if (!epsilon.ok()) return epsilon.status();
    const Tensor& num_streams = context.input(2);
    if (num_streams.dtype() != tensorflow::DT_INT64 || num_streams.num_elements() != 1) {
      return context.Error("num_streams must be an int64 scalar");
    }
    const int64_t count = num_streams.data<int64_t>()[0];
    if (count < 0) return context.Error(absl::StrCat("num_streams must not be negative"));
    absl::MutexLock lock(&(*resource)->mutex);
    if ((*resource)->created) return absl::OkStatus();  // TF keeps the first resource.
    (*resource)->epsilon = *epsilon;
    (*resource)->max_elements = max_elements_;
    (*resource)->streams.assign(count, QuantileStream(*epsilon, max_elements_));
    (*resource)->boundaries.assign(count, {});
    (*resource)->created = true;
    return absl::OkStatus();
  }

 private:
  int64_t max_elements_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildCreate(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> max_elements = context.attrs.GetInt("max_elements");
  if (!max_elements.ok()) return max_elements.status();
  if (*max_elements <= 0) return context.Error("max_elements must be positive");
  return std::make_unique<CreateKernel>(*max_elements);
}

absl::Status ComputeIsInitialized(OpContext& context) {
  absl::StatusOr<QuantileStreamResource*> resource = Handle(context);
  if (!resource.ok()) return resource.status();
  absl::MutexLock lock(&(*resource)->mutex);
  context.set_output(0, Tensor::Scalar<bool>(tensorflow::DT_BOOL, (*resource)->created));
  return absl::OkStatus();
}

// Summarizes each feature's batch (weights per example or one for all) in a fresh stream of
// batch + 1 elements.
class MakeSummariesKernel : public Kernel {
 public:
  explicit MakeSummariesKernel(int num_features) : num_features_(num_features) {}

  absl::Status Compute(OpContext& context) const override {
    const int n = num_features_;
    if (absl::Status status = context.CheckNumInputs(n + 2, n + 2); !status.ok()) return status;
    if (n < 1) return context.Error("Got empty feature list");
    const Tensor& weights = context.input(n);
    if (weights.dtype() != tensorflow::DT_FLOAT) return context.Error("weights must be float32");
    const int64_t batch = context.input(0).num_elements();
    const int64_t weight_size = weights.num_elements();
    if (weight_size != 1 && weight_size != batch) {
      return context.Error("Weights should be a single value or same size as features.");
    }
    absl::StatusOr<float> epsilon = ReadEpsilon(context, n + 1);
    if (!epsilon.ok()) return epsilon.status();
    for (int f = 0; f < n; ++f) {
      const Tensor& values = context.input(f);
      if (values.dtype() != tensorflow::DT_FLOAT || values.num_elements() != batch) {
        return context.Error(absl::StrCat("float_values ", f, " must be float32 with ", batch,
                                          " values, got ", ShapeString(values.shape())));
      }
      QuantileStream stream(*epsilon, batch + 1);
      const float* w = weights.data<float>();
      for (int64_t j = 0; j < batch; ++j) {
        stream.PushEntry(values.data<float>()[j], weight_size > 1 ? w[j] : w[0]);
      }
      stream.Finalize();
      context.set_output(f, SummaryTensor(stream.GetFinalSummary()));
    }
    return absl::OkStatus();
  }

 private:
  int num_features_;
};

// Finalizes the first num_features streams, outputs their summaries and resets every stream.
class FlushSummariesKernel : public Kernel {
 public:
  explicit FlushSummariesKernel(int num_features) : num_features_(num_features) {}

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<QuantileStreamResource*> resource = Handle(context);
    if (!resource.ok()) return resource.status();
    absl::MutexLock lock(&(*resource)->mutex);
    if (!(*resource)->created) return NotCreated(context);
    if (num_features_ > static_cast<int>((*resource)->streams.size())) {
      return context.Error(absl::StrCat("num_features ", num_features_, " exceeds the ",
                                        (*resource)->streams.size(), " streams"));
    }
    for (int f = 0; f < num_features_; ++f) {
      QuantileStream& stream = (*resource)->streams[f];
      stream.Finalize();
      context.set_output(f, SummaryTensor(stream.GetFinalSummary()));
    }
    (*resource)->ResetStreams();
    return absl::OkStatus();
  }

 private:
  int num_features_;
};

// Pushes one summary per stream into streams not finalized yet.
absl::Status ComputeAddSummaries(OpContext& context) {
  absl::StatusOr<QuantileStreamResource*> resource = Handle(context);
  if (!resource.ok()) return resource.status();
  absl::MutexLock lock(&(*resource)->mutex);
  if (!(*resource)->created) return NotCreated(context);
  const int num_streams = static_cast<int>((*resource)->streams.size());
  if (context.num_inputs() - 1 != num_streams) {
    return context.Error(
        absl::StrCat("got ", context.num_inputs() - 1, " summaries for ", num_streams, " streams"));
  }
  for (int f = 0; f < num_streams; ++f) {
    const Tensor& summary = context.input(f + 1);
    if (summary.dtype() != tensorflow::DT_FLOAT || summary.rank() != 2 || summary.dim(1) != 4) {
      return context.Error(absl::StrCat("summary ", f, " must be a float32 [n, 4] matrix, got ",
                                        ShapeString(summary.shape())));
    }
  }
  for (int f = 0; f < num_streams; ++f) {
    QuantileStream& stream = (*resource)->streams[f];
    if (stream.IsFinalized()) continue;
    const Tensor& summary = context.input(f + 1);
    std::vector<SummaryEntry> entries(summary.dim(0));
    const float* rows = summary.data<float>();
    for (SummaryEntry& entry : entries) {
      entry = SummaryEntry{rows[0], rows[1], rows[2], rows[3]};
      rows += 4;
    }
    stream.PushSummary(entries);
  }
  return absl::OkStatus();
}

// Sets the boundaries of the first num_streams streams from a checkpoint.
class DeserializeKernel : public Kernel {
 public:
  explicit DeserializeKernel(int num_streams) : num_streams_(num_streams) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(num_streams_ + 1, num_streams_ + 1);
        !status.ok()) {
      return status;
    }
    absl::StatusOr<QuantileStreamResource*> resource = Handle(context);
    if (!resource.ok()) return resource.status();
    absl::MutexLock lock(&(*resource)->mutex);
    if (!(*resource)->created) return NotCreated(context);
    if (num_streams_ > static_cast<int>((*resource)->boundaries.size())) {
      return context.Error(absl::StrCat("num_streams ", num_streams_, " exceeds the ",
                                        (*resource)->boundaries.size(), " streams"));
    }
    for (int s = 0; s < num_streams_; ++s) {
      const Tensor& boundaries = context.input(s + 1);
      if (boundaries.dtype() != tensorflow::DT_FLOAT || boundaries.rank() != 1) {
        return context.Error(absl::StrCat("bucket_boundaries ", s,
                                          " must be a float32 vector, got ",
                                          ShapeString(boundaries.shape())));
      }
      const absl::Span<const float> values = boundaries.values<float>();
      (*resource)->boundaries[s].assign(values.begin(), values.end());
    }
    return absl::OkStatus();
  }

 private:
  int num_streams_;
};

// Finalizes every stream and keeps its boundaries: num_buckets deduplicated boundaries, or
// with generate_quantiles exactly num_buckets quantiles.
class FlushKernel : public Kernel {
 public:
  explicit FlushKernel(bool generate_quantiles) : generate_quantiles_(generate_quantiles) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    absl::StatusOr<QuantileStreamResource*> resource = Handle(context);
    if (!resource.ok()) return resource.status();
    const Tensor& num_buckets_tensor = context.input(1);
    if (num_buckets_tensor.dtype() != tensorflow::DT_INT64 ||
        num_buckets_tensor.num_elements() != 1) {
      return context.Error("num_buckets must be an int64 scalar");
    }
    const int64_t num_buckets = num_buckets_tensor.data<int64_t>()[0];
    absl::MutexLock lock(&(*resource)->mutex);
    if (!(*resource)->created) return NotCreated(context);
    std::vector<std::vector<float>> boundaries;
    for (QuantileStream& stream : (*resource)->streams) {
      stream.Finalize();
      if (generate_quantiles_) {
        std::vector<float> quantiles = stream.GenerateQuantiles(num_buckets - 1);
        if (static_cast<int64_t>(quantiles.size()) != num_buckets) {
          (*resource)->ResetStreams();
          return context.Error(absl::StrCat("generated ", quantiles.size(),
                                            " quantiles for num_buckets ", num_buckets,
                                            " (needs at least 3 buckets and a non-empty stream)"));
        }
        boundaries.push_back(std::move(quantiles));
      } else {
        std::vector<float> values = stream.GenerateBoundaries(num_buckets);
        values.erase(std::unique(values.begin(), values.end()), values.end());
        boundaries.push_back(std::move(values));
      }
    }
    (*resource)->boundaries = std::move(boundaries);
    (*resource)->ResetStreams();
    (*resource)->buckets_ready = true;
    return absl::OkStatus();
  }

 private:
  bool generate_quantiles_;
};

class GetBoundariesKernel : public Kernel {
 public:
  explicit GetBoundariesKernel(int num_features) : num_features_(num_features) {}

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<QuantileStreamResource*> resource = Handle(context);
    if (!resource.ok()) return resource.status();
    absl::MutexLock lock(&(*resource)->mutex);
    if (!(*resource)->created) return NotCreated(context);
    if (num_features_ != static_cast<int>((*resource)->boundaries.size())) {
      return context.Error(absl::StrCat("num_features ", num_features_, " differs from the ",
                                        (*resource)->boundaries.size(), " streams"));
    }
    for (int f = 0; f < num_features_; ++f) {
      context.set_output(f, FloatVector((*resource)->boundaries[f]));
    }
    return absl::OkStatus();
  }

 private:
  int num_features_;
};

// Each value's bucket: the first boundary not below it, the last bucket past the end, 0 for
// features without boundaries.
class BucketizeKernel : public Kernel {
 public:
  explicit BucketizeKernel(int num_features) : num_features_(num_features) {}

  absl::Status Compute(OpContext& context) const override {
    const int n = num_features_;
    if (absl::Status status = context.CheckNumInputs(2 * n, 2 * n); !status.ok()) return status;
    for (int f = 0; f < n; ++f) {
      const Tensor& values = context.input(f);
      const Tensor& boundaries = context.input(n + f);
      if (boundaries.rank() != 1) return context.Error("Buckets should be flat vectors.");
      if (values.dtype() != tensorflow::DT_FLOAT || boundaries.dtype() != tensorflow::DT_FLOAT) {
        return context.Error("float_values and bucket_boundaries must be float32");
      }
      if (values.rank() != 1) {
        return context.Error(absl::StrCat("float_values ", f, " must be a vector, got shape ",
                                          ShapeString(values.shape())));
      }
      const absl::Span<const float> bounds = boundaries.values<float>();
      Tensor buckets = *Tensor::Allocate(tensorflow::DT_INT32, {values.dim(0)});
      int32_t* out = buckets.mutable_data<int32_t>();
      for (int64_t i = 0; i < values.dim(0); ++i) {
        if (bounds.empty()) {
          out[i] = 0;
          continue;
        }
        auto it = std::lower_bound(bounds.begin(), bounds.end(), values.data<float>()[i]);
        if (it == bounds.end()) --it;
        out[i] = static_cast<int32_t>(it - bounds.begin());
      }
      context.set_output(f, std::move(buckets));
    }
    return absl::OkStatus();
  }

 private:
  int num_features_;
};

// Builds a kernel taking one non-negative int attr.
template <typename KernelType>
absl::StatusOr<std::unique_ptr<Kernel>> BuildWithCount(const KernelBuildContext& context,
                                                       const char* attr) {
  absl::StatusOr<int64_t> count = IntAttr(context, attr);
  if (!count.ok()) return count.status();
  return std::make_unique<KernelType>(static_cast<int>(*count));
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildFlush(const KernelBuildContext& context) {
  absl::StatusOr<bool> generate_quantiles = context.attrs.GetBool("generate_quantiles");
  if (!generate_quantiles.ok()) return generate_quantiles.status();
  return std::make_unique<FlushKernel>(*generate_quantiles);
}

REGISTER_KERNEL_FACTORY("BoostedTreesQuantileStreamResourceHandleOp", BuildHandle);
REGISTER_KERNEL_FACTORY("BoostedTreesCreateQuantileStreamResource", BuildCreate);
REGISTER_KERNEL("IsBoostedTreesQuantileStreamResourceInitialized", ComputeIsInitialized);
REGISTER_KERNEL_FACTORY("BoostedTreesMakeQuantileSummaries", [](const KernelBuildContext& c) {
  return BuildWithCount<MakeSummariesKernel>(c, "num_features");
});
REGISTER_KERNEL_FACTORY("BoostedTreesFlushQuantileSummaries", [](const KernelBuildContext& c) {
  return BuildWithCount<FlushSummariesKernel>(c, "num_features");
});
REGISTER_KERNEL("BoostedTreesQuantileStreamResourceAddSummaries", ComputeAddSummaries);
REGISTER_KERNEL_FACTORY("BoostedTreesQuantileStreamResourceDeserialize",
                        [](const KernelBuildContext& c) {
                          return BuildWithCount<DeserializeKernel>(c, "num_streams");
                        });
REGISTER_KERNEL_FACTORY("BoostedTreesQuantileStreamResourceFlush", BuildFlush);
REGISTER_KERNEL_FACTORY("BoostedTreesQuantileStreamResourceGetBucketBoundaries",
                        [](const KernelBuildContext& c) {
                          return BuildWithCount<GetBoundariesKernel>(c, "num_features");
                        });
REGISTER_KERNEL_FACTORY("BoostedTreesBucketize", [](const KernelBuildContext& c) {
  return BuildWithCount<BucketizeKernel>(c, "num_features");
});

}  // namespace
}  // namespace tfjs::runtime::trees
