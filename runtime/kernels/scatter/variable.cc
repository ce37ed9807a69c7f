#include "runtime/kernels/scatter/variable.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "runtime/buffer_arena.h"
#include "runtime/kernels/scatter/element.h"

namespace tfjs::runtime::scatter {
namespace {

// What identifies a tensor's storage: its element buffer, or its string vector.
const void* StorageKey(const Tensor& tensor) {
  if (!tensor.is_valid()) return nullptr;
  if (tensor.dtype() == tensorflow::DT_STRING) return &tensor.strings();
  return tensor.raw_data();
}

// Reference variables by their current storage.
struct Registry {
  absl::Mutex mutex;
  absl::flat_hash_map<const void*, RefVariable*> variables ABSL_GUARDED_BY(mutex);
};

Registry& TheRegistry() {
  static auto* registry = new Registry();
  return *registry;
}

}  // namespace

absl::StatusOr<Tensor> ResourceVariable::Read() const {
  absl::MutexLock lock(&mutex_);
  if (!value_.is_valid()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "Could not find variable ", name_,
        ". This could mean that the variable has been deleted. In TF1, it can also mean the "
        "variable is uninitialized."));
  }
  return value_;
}

bool ResourceVariable::initialized() const {
  absl::MutexLock lock(&mutex_);
  return value_.is_valid();
}

void ResourceVariable::Write(Tensor value) {
  absl::MutexLock lock(&mutex_);
  value_ = std::move(value);
}

void ResourceVariable::Destroy() {
  absl::MutexLock lock(&mutex_);
  value_ = Tensor();
}

absl::StatusOr<std::shared_ptr<RefVariable>> RefVariable::Create(DataType dtype, Shape shape) {
  if (NumElements(shape) < 0) shape.clear();
  // Storage outlives runs: take it from the system allocator, never a run's arena.
  BufferArena::Scope no_arena(nullptr);
  absl::StatusOr<Tensor> zeros = Tensor::Zeros(dtype, std::move(shape));
  if (!zeros.ok()) return zeros.status();
  std::shared_ptr<RefVariable> variable(new RefVariable(dtype));
  absl::MutexLock lock(&variable->mutex_);
  variable->SetStorage(*std::move(zeros));
  return variable;
}

RefVariable::~RefVariable() {
  Registry& registry = TheRegistry();
  absl::MutexLock lock(&registry.mutex);
  registry.variables.erase(StorageKey(storage_));
}

std::shared_ptr<RefVariable> RefVariable::Find(const Tensor& ref) {
  const void* key = StorageKey(ref);
  if (key == nullptr) return nullptr;
  Registry& registry = TheRegistry();
  absl::MutexLock lock(&registry.mutex);
  auto it = registry.variables.find(key);
  // A variable being destroyed has no owners left: weak_from_this() is expired.
  return it == registry.variables.end() ? nullptr : it->second->weak_from_this().lock();
}

void RefVariable::SetStorage(Tensor storage) {
  Registry& registry = TheRegistry();
  absl::MutexLock lock(&registry.mutex);
  registry.variables.erase(StorageKey(storage_));
  storage_ = std::move(storage);
  registry.variables[StorageKey(storage_)] = this;
}

bool RefVariable::initialized() const {
  absl::MutexLock lock(&mutex_);
  return initialized_;
}

Tensor RefVariable::storage() const {
  absl::MutexLock lock(&mutex_);
  return storage_;
}

absl::StatusOr<Tensor> RefVariable::Assign(const Tensor& value) {
  absl::MutexLock lock(&mutex_);
  if (value.dtype() != dtype_) {
    return absl::InvalidArgumentError(absl::StrCat("the variable holds ", DataTypeName(dtype_),
                                                   ", the value is ", DataTypeName(value.dtype())));
  }
  if (storage_.shape() == value.shape()) {
    CopyElements(value, 0, storage_, 0, value.num_elements());
  } else {
    BufferArena::Scope no_arena(nullptr);
    absl::StatusOr<Tensor> copy = CopyTensor(value);
    if (!copy.ok()) return copy.status();
    SetStorage(*std::move(copy));
  }
  initialized_ = true;
  return storage_;
}

}  // namespace tfjs::runtime::scatter
