// Staging areas: Stage / Unstage (a FIFO of tuples) and MapStage / MapUnstageNoKey (tuples by
// int64 key, filled part by part). TF keeps an area in the session's resource manager under the
// node's container and shared_name (the node's name when that is empty), so the nodes naming one
// area share it. Here nodes share an area the same way within their graph: areas are found by
// the graph (the address of its function library: one object per top-level graph, see
// Graph::Build, shared by its functions' bodies) and that name, and live as long as a kernel
// holds them; the first kernel built creates the area from its attrs (TF: the first to run).
// Putting into a full area and taking from an empty one wait, as in TF.
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

int64_t TupleBytes(const std::vector<Tensor>& tuple) {
  int64_t bytes = 0;
  for (const Tensor& tensor : tuple) bytes += tensor.byte_size();
  return bytes;
}

// What the creating node's attrs ask of an area: capacity (tuples) and memory_limit (bytes),
// 0 for unbounded, and the number of tensors a tuple holds (its `dtypes`).
struct AreaSpec {
  int64_t capacity = 0;
  int64_t memory_limit = 0;
  int64_t tuple_size = 0;
};

// The error TF gives for a tuple bigger than the whole area.
absl::Status CheckFitsAtAll(const AreaSpec& spec, int64_t bytes) {
  if (spec.memory_limit > 0 && bytes > spec.memory_limit) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "Attempted to insert tensors with combined size of '", bytes,
        "' bytes into Staging Area with a memory limit of '", spec.memory_limit, "'."));
  }
  return absl::OkStatus();
}

// Stage/Unstage's area: tuples first in, first out.
class StagingArea {
 public:
  explicit StagingArea(AreaSpec spec) : spec_(spec) {}

  absl::Status Put(std::vector<Tensor> tuple) {
    const int64_t bytes = TupleBytes(tuple);
    if (absl::Status status = CheckFitsAtAll(spec_, bytes); !status.ok()) return status;
    absl::MutexLock lock(&mutex_);
    while (!HasRoom(bytes)) changed_.Wait(&mutex_);
    bytes_ += bytes;
    tuples_.push_back(std::move(tuple));
    changed_.SignalAll();
    return absl::OkStatus();
  }

  std::vector<Tensor> Take() {
    absl::MutexLock lock(&mutex_);
    while (tuples_.empty()) changed_.Wait(&mutex_);
    std::vector<Tensor> tuple = std::move(tuples_.front());
    tuples_.pop_front();
    bytes_ -= TupleBytes(tuple);
    changed_.SignalAll();
    return tuple;
  }

 private:
  bool HasRoom(int64_t bytes) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return (spec_.capacity == 0 || static_cast<int64_t>(tuples_.size()) < spec_.capacity) &&
           (spec_.memory_limit == 0 || bytes_ + bytes <= spec_.memory_limit);
  }

  const AreaSpec spec_;
  absl::Mutex mutex_;
  absl::CondVar changed_;
  std::deque<std::vector<Tensor>> tuples_ ABSL_GUARDED_BY(mutex_);
  int64_t bytes_ ABSL_GUARDED_BY(mutex_) = 0;
};

// MapStage/MapUnstageNoKey's area: per key a tuple of tuple_size slots, set by MapStage part by
// part; a tuple with every slot set is complete and can be taken, in key order (TF's unordered
// map takes any complete one). Capacity and memory count the complete tuples.
class StagingMap {
 public:
  explicit StagingMap(AreaSpec spec) : spec_(spec) {}

  absl::Status Put(int64_t key, const std::vector<int64_t>& indices, std::vector<Tensor> values) {
    if (absl::Status status = CheckFitsAtAll(spec_, TupleBytes(values)); !status.ok()) {
      return status;
    }
    absl::MutexLock lock(&mutex_);
    if (complete_.count(key)) {
      return absl::InvalidArgumentError(absl::StrCat("Key '", key, "' already exists."));
    }
    auto [it, inserted] = incomplete_.try_emplace(key);
    if (inserted) it->second.resize(spec_.tuple_size);
    for (size_t i = 0; i < indices.size(); ++i) {
      std::optional<Tensor>& slot = it->second[indices[i]];
      if (slot.has_value()) {
        return absl::InvalidArgumentError(absl::StrCat("The tensor for index '", indices[i],
                                                       "' for key '", key,
                                                       "' was already initialized '1' times."));
      }
      slot = std::move(values[i]);
    }
    for (const std::optional<Tensor>& slot : it->second) {
      if (!slot.has_value()) return absl::OkStatus();
    }
    std::vector<std::optional<Tensor>> tuple = std::move(it->second);
    incomplete_.erase(it);
    int64_t bytes = 0;
    for (const std::optional<Tensor>& slot : tuple) bytes += slot->byte_size();
    while (!HasRoom(bytes)) changed_.Wait(&mutex_);
    bytes_ += bytes;
    complete_[key] = std::move(tuple);
    changed_.SignalAll();
    return absl::OkStatus();
  }

  // The first complete tuple's key and its tensors at `indices`, which leave it; the tuple goes
  // when it has none left.
  absl::StatusOr<std::pair<int64_t, std::vector<Tensor>>> TakeFirst(
      const std::vector<int64_t>& indices) {
    absl::MutexLock lock(&mutex_);
    while (complete_.empty()) changed_.Wait(&mutex_);
    auto it = complete_.begin();
    std::vector<Tensor> values;
    for (int64_t index : indices) {
      if (!it->second[index].has_value()) {
        return absl::InvalidArgumentError(absl::StrCat("Tensor at index '", index, "' for key '",
                                                       it->first, "' has already been removed."));
      }
    }
    for (int64_t index : indices) {
      bytes_ -= it->second[index]->byte_size();
      values.push_back(*std::move(it->second[index]));
      it->second[index].reset();
    }
    const int64_t key = it->first;
    bool empty = true;
    for (const std::optional<Tensor>& slot : it->second) empty = empty && !slot.has_value();
    if (empty) complete_.erase(it);
    changed_.SignalAll();
    return std::make_pair(key, std::move(values));
  }

  int64_t tuple_size() const { return spec_.tuple_size; }

 private:
  bool HasRoom(int64_t bytes) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return (spec_.capacity == 0 || static_cast<int64_t>(complete_.size()) < spec_.capacity) &&
           (spec_.memory_limit == 0 || bytes_ + bytes <= spec_.memory_limit);
  }

  const AreaSpec spec_;
  absl::Mutex mutex_;
  absl::CondVar changed_;
  std::map<int64_t, std::vector<std::optional<Tensor>>> incomplete_ ABSL_GUARDED_BY(mutex_);
  std::map<int64_t, std::vector<std::optional<Tensor>>> complete_ ABSL_GUARDED_BY(mutex_);
  int64_t bytes_ ABSL_GUARDED_BY(mutex_) = 0;
};

// The areas of every live graph, by graph, container and name.
template <typename Area>
class AreaRegistry {
 public:
  std::shared_ptr<Area> FindOrCreate(const void* graph, const std::string& container,
                                     const std::string& name, const AreaSpec& spec) {
    absl::MutexLock lock(&mutex_);
    absl::erase_if(areas_, [](const auto& entry) { return entry.second.expired(); });
    std::weak_ptr<Area>& entry = areas_[std::make_tuple(graph, container, name)];
    std::shared_ptr<Area> area = entry.lock();
    if (area == nullptr) {
      area = std::make_shared<Area>(spec);
      entry = area;
    }
    return area;
  }

 private:
  absl::Mutex mutex_;
  absl::flat_hash_map<std::tuple<const void*, std::string, std::string>, std::weak_ptr<Area>> areas_
      ABSL_GUARDED_BY(mutex_);
};

template <typename Area>
AreaRegistry<Area>& Registry() {
  static auto* registry = new AreaRegistry<Area>();
  return *registry;
}

// The node's area: container and shared_name (else the node's name) in its graph.
template <typename Area>
absl::StatusOr<std::shared_ptr<Area>> NodeArea(const KernelBuildContext& context) {
  AreaSpec spec;
  absl::StatusOr<int64_t> capacity = context.attrs.GetInt("capacity");
  absl::StatusOr<int64_t> memory_limit = context.attrs.GetInt("memory_limit");
  absl::StatusOr<std::string> container = context.attrs.GetString("container");
  absl::StatusOr<std::string> shared_name = context.attrs.GetString("shared_name");
  for (const absl::Status& status :
       {capacity.status(), memory_limit.status(), container.status(), shared_name.status()}) {
    if (!status.ok()) return context.Error(status.message());
  }
  spec.capacity = *capacity;
  spec.memory_limit = *memory_limit;
  if (auto it = context.node.attr().find("dtypes"); it != context.node.attr().end()) {
    spec.tuple_size = it->second.list().type_size();
  }
  const std::string name = shared_name->empty() ? context.node.name() : *shared_name;
  return Registry<Area>().FindOrCreate(&context.library, *container, name, spec);
}

// Stage(values...) and Unstage() -> values...
template <bool kStage>
class StageKernel : public Kernel {
 public:
  explicit StageKernel(std::shared_ptr<StagingArea> area) : area_(std::move(area)) {}

  absl::Status Compute(OpContext& context) const override {
    if (kStage) {
      absl::Status status =
          area_->Put(std::vector<Tensor>(context.inputs().begin(), context.inputs().end()));
      if (status.ok()) return status;
      // Keeps TF's code (ResourceExhausted for an oversized tuple).
      return absl::Status(status.code(), context.Error(status.message()).message());
    }
    std::vector<Tensor> tuple = area_->Take();
    const auto types = context.node().attr().find("dtypes");
    const int expected =
        types == context.node().attr().end() ? 0 : types->second.list().type_size();
    if (static_cast<int>(tuple.size()) != expected) {
      return context.Error(
          absl::StrCat("Mismatch stage/unstage: ", tuple.size(), " vs. ", expected));
    }
    for (size_t i = 0; i < tuple.size(); ++i) context.set_output(i, std::move(tuple[i]));
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<StagingArea> area_;
};

template <bool kStage>
absl::StatusOr<std::unique_ptr<Kernel>> BuildStage(const KernelBuildContext& context) {
  absl::StatusOr<std::shared_ptr<StagingArea>> area = NodeArea<StagingArea>(context);
  if (!area.ok()) return area.status();
  return std::make_unique<StageKernel<kStage>>(*std::move(area));
}

// The int32 `indices` input: slots of the map's tuples, each in range.
absl::StatusOr<std::vector<int64_t>> Indices(const OpContext& context, int input,
                                             const StagingMap& map) {
  const Tensor& tensor = context.input(input);
  if (tensor.dtype() != tensorflow::DT_INT32 || tensor.rank() != 1) {
    return context.Error("indices must be an int32 vector");
  }
  std::vector<int64_t> indices;
  for (int32_t index : tensor.values<int32_t>()) {
    if (index < 0 || index >= map.tuple_size()) {
      return context.Error(
          absl::StrCat("Index '", index, "' was out of bounds '", map.tuple_size(), "'."));
    }
    indices.push_back(index);
  }
  return indices;
}

// MapStage(key, indices, values...): values[i] to slot indices[i] of key's tuple.
class MapStageKernel : public Kernel {
 public:
  explicit MapStageKernel(std::shared_ptr<StagingMap> map) : map_(std::move(map)) {}

  absl::Status Compute(OpContext& context) const override {
    if (context.num_inputs() < 2) return context.Error("missing key or indices");
    const Tensor& key = context.input(0);
    if (key.dtype() != tensorflow::DT_INT64 || key.num_elements() != 1) {
      return context.Error("key must be an int64 scalar");
    }
    absl::StatusOr<std::vector<int64_t>> indices = Indices(context, 1, *map_);
    if (!indices.ok()) return indices.status();
    if (static_cast<int>(indices->size()) != context.num_inputs() - 2) {
      return context.Error(absl::StrCat("Number of indices '", indices->size(),
                                        "' does not match number of values '",
                                        context.num_inputs() - 2, "'."));
    }
    absl::Status status =
        map_->Put(*key.data<int64_t>(), *indices,
                  std::vector<Tensor>(context.inputs().begin() + 2, context.inputs().end()));
    return status.ok() ? status : context.Error(status.message());
  }

 private:
  std::shared_ptr<StagingMap> map_;
};

// MapUnstageNoKey(indices) -> key, values at indices of the first complete tuple.
class MapUnstageNoKeyKernel : public Kernel {
 public:
  explicit MapUnstageNoKeyKernel(std::shared_ptr<StagingMap> map) : map_(std::move(map)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    absl::StatusOr<std::vector<int64_t>> indices = Indices(context, 0, *map_);
    if (!indices.ok()) return indices.status();
    absl::StatusOr<std::pair<int64_t, std::vector<Tensor>>> taken = map_->TakeFirst(*indices);
    if (!taken.ok()) return context.Error(taken.status().message());
    context.set_output(0, Tensor::Scalar<int64_t>(tensorflow::DT_INT64, taken->first));
    for (size_t i = 0; i < taken->second.size(); ++i) {
      context.set_output(i + 1, std::move(taken->second[i]));
    }
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<StagingMap> map_;
};

template <typename MapKernel>
absl::StatusOr<std::unique_ptr<Kernel>> BuildMapKernel(const KernelBuildContext& context) {
  absl::StatusOr<std::shared_ptr<StagingMap>> map = NodeArea<StagingMap>(context);
  if (!map.ok()) return map.status();
  return std::make_unique<MapKernel>(*std::move(map));
}

REGISTER_KERNEL_FACTORY("Stage", BuildStage<true>);
REGISTER_KERNEL_FACTORY("Unstage", BuildStage<false>);
REGISTER_KERNEL_FACTORY("MapStage", BuildMapKernel<MapStageKernel>);
REGISTER_KERNEL_FACTORY("MapUnstageNoKey", BuildMapKernel<MapUnstageNoKeyKernel>);

}  // namespace
}  // namespace tfjs::runtime
