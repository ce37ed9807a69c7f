// The tf.data resources TF makes on the CPU outside a dataset: AnonymousMemoryCache (a new cache
// and its deleter each run) and DeleteMemoryCache; DummyMemoryCache, DummySeedGenerator and
// DummyIterationCounter (stand-ins datasets take when they need none); StatsAggregatorHandle(V2)
// and ThreadPoolHandle (one per node for the model's lifetime). No dataset kernel runs here to
// read these resources: the ops make and check the handles as TF's do.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/control/variant_value.h"

namespace tfjs::runtime {
namespace {

constexpr int kHandle = 0;
constexpr int kDeleter = 1;

// A dataset's in-memory cache. Without dataset kernels nothing fills it; deleting it twice is
// an error, as TF's resource manager reports for a resource already gone.
class MemoryCache : public Resource {
 public:
  // False when the cache was deleted before.
  bool Delete() { return !deleted_.exchange(true); }

 private:
  std::atomic<bool> deleted_{false};
};

// What a Dummy* op points to: a resource of its kind that holds nothing.
class DummyResource : public Resource {};

// tf.data's statistics aggregator, which a dataset would report to.
class StatsAggregator : public Resource {};

// The thread pool a ThreadPoolDataset would run its functions on.
class DatasetThreadPool : public Resource {};

// AnonymousMemoryCache's deleter, which names its cache (TF's deletes it when destroyed).
class CacheDeleter : public VariantValue {
 public:
  explicit CacheDeleter(std::shared_ptr<const MemoryCache> cache) : cache_(std::move(cache)) {}
  // TF's ResourceDeleter, which has no names of its own and encodes nothing.
  std::string TypeName() const override { return "tensorflow::ResourceDeleter"; }
  std::string DebugString() const override { return TypeName(); }
  absl::Status Encode(std::string*, std::vector<Tensor>*) const override {
    return absl::OkStatus();
  }
  const MemoryCache* cache() const { return cache_.get(); }

 private:
  std::shared_ptr<const MemoryCache> cache_;
};

absl::Status ComputeAnonymousMemoryCache(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(0, 0); !status.ok()) return status;
  auto cache = std::make_shared<MemoryCache>();
  context.set_output(1, MakeVariant(std::make_shared<const CacheDeleter>(cache)));
  context.set_output(0, Tensor::ForResource(std::move(cache)));
  return absl::OkStatus();
}

// DeleteMemoryCache(handle, deleter): deletes the cache of `handle`, whose deleter it takes.
absl::Status ComputeDeleteMemoryCache(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  MemoryCache* cache = context.input(kHandle).resource<MemoryCache>();
  if (cache == nullptr) return context.Error("input 0 is not a memory cache handle");
  const CacheDeleter* deleter = VariantAs<CacheDeleter>(context.input(kDeleter));
  if (deleter == nullptr) return context.Error("input 1 is not a memory cache deleter");
  if (deleter->cache() != cache) return context.Error("the deleter belongs to another cache");
  if (!cache->Delete()) {
    return absl::NotFoundError(absl::StrCat("node '", context.node().name(),
                                            "' (DeleteMemoryCache): the memory cache was already "
                                            "deleted"));
  }
  return absl::OkStatus();
}

// A kernel whose every run outputs the handle of one resource made at build time.
class HandleKernel : public Kernel {
 public:
  explicit HandleKernel(std::shared_ptr<Resource> resource) : resource_(std::move(resource)) {}
  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(0, 0); !status.ok()) return status;
    context.set_output(0, Tensor::ForResource(resource_));
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<Resource> resource_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildDummy(const KernelBuildContext&) {
  return std::make_unique<HandleKernel>(std::make_shared<DummyResource>());
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildStatsAggregator(const KernelBuildContext&) {
  return std::make_unique<HandleKernel>(std::make_shared<StatsAggregator>());
}

// ThreadPoolHandle: num_threads must be positive (TF: "`num_threads` must be >= 1").
absl::StatusOr<std::unique_ptr<Kernel>> BuildThreadPool(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> num_threads = context.attrs.GetInt("num_threads");
  if (!num_threads.ok()) return context.Error(num_threads.status().message());
  if (*num_threads < 1) return context.Error("`num_threads` must be >= 1");
  return std::make_unique<HandleKernel>(std::make_shared<DatasetThreadPool>());
}

REGISTER_KERNEL("AnonymousMemoryCache", ComputeAnonymousMemoryCache);
REGISTER_KERNEL("DeleteMemoryCache", ComputeDeleteMemoryCache);
REGISTER_KERNEL_FACTORY("DummyMemoryCache", BuildDummy);
REGISTER_KERNEL_FACTORY("DummySeedGenerator", BuildDummy);
REGISTER_KERNEL_FACTORY("DummyIterationCounter", BuildDummy);
REGISTER_KERNEL_FACTORY("StatsAggregatorHandle", BuildStatsAggregator);
REGISTER_KERNEL_FACTORY("StatsAggregatorHandleV2", BuildStatsAggregator);
REGISTER_KERNEL_FACTORY("ThreadPoolHandle", BuildThreadPool);

}  // namespace
}  // namespace tfjs::runtime
