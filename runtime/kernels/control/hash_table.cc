// Hash tables (HashTable/HashTableV2 and their Initialize/Import/Find/Size ops): one table per
// HashTable node of a loaded model, filled by its initializer and shared by every execution.
#include <cstring>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

constexpr int kTable = 0;
constexpr int kKeys = 1;
constexpr int kValues = 2;
constexpr int kDefault = 2;

class HashTable : public Resource {
 public:
  HashTable(DataType key_dtype, DataType value_dtype)
      : key_dtype(key_dtype), value_dtype(value_dtype) {}
  const DataType key_dtype;
  const DataType value_dtype;

  absl::Mutex mutex;
  bool initialized ABSL_GUARDED_BY(mutex) = false;
  // Key bytes (the string, or the element's bytes) -> row of `values`.
  absl::flat_hash_map<std::string, int64_t> rows ABSL_GUARDED_BY(mutex);
  Tensor values ABSL_GUARDED_BY(mutex);
};

std::string KeyBytes(const Tensor& keys, int64_t i) {
  if (keys.dtype() == tensorflow::DT_STRING) return keys.strings()[i];
  const int64_t size = DataTypeSize(keys.dtype());
  return std::string(static_cast<const char*>(keys.raw_data()) + i * size, size);
}

// Copies element `from_index` of `from` into element `to_index` of `to` (same dtype).
void CopyElement(const Tensor& from, int64_t from_index, Tensor& to, int64_t to_index) {
  if (from.dtype() == tensorflow::DT_STRING) {
    to.mutable_strings()[to_index] = from.strings()[from_index];
    return;
  }
  const int64_t size = DataTypeSize(from.dtype());
  std::memcpy(to.mutable_data<char>() + to_index * size,
              static_cast<const char*>(from.raw_data()) + from_index * size, size);
}

absl::StatusOr<HashTable*> Table(const OpContext& context) {
  HashTable* table = context.input(kTable).resource<HashTable>();
  if (table == nullptr) return context.Error("input 0 is not a hash table handle");
  return table;
}

class HashTableKernel : public Kernel {
 public:
  explicit HashTableKernel(std::shared_ptr<HashTable> table) : table_(std::move(table)) {}
  absl::Status Compute(OpContext& context) const override {
    context.set_output(0, Tensor::ForResource(table_));
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<HashTable> table_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildHashTable(const KernelBuildContext& context) {
  absl::StatusOr<DataType> key_dtype = context.attrs.GetType("key_dtype");
  if (!key_dtype.ok()) return key_dtype.status();
  absl::StatusOr<DataType> value_dtype = context.attrs.GetType("value_dtype");
  if (!value_dtype.ok()) return value_dtype.status();
  if (DataTypeSize(*key_dtype) == 0 && *key_dtype != tensorflow::DT_STRING) {
    return context.Error(absl::StrCat("unsupported key dtype ", DataTypeName(*key_dtype)));
  }
  return std::make_unique<HashTableKernel>(std::make_shared<HashTable>(*key_dtype, *value_dtype));
}

// Fills the table from keys and values: Import replaces the contents, Initialize only fills an
// uninitialized table (it runs once per model; later runs are no-ops).
absl::Status Fill(OpContext& context, bool replace) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<HashTable*> table = Table(context);
  if (!table.ok()) return table.status();
  const Tensor& keys = context.input(kKeys);
  const Tensor& values = context.input(kValues);
  if (keys.dtype() != (*table)->key_dtype || values.dtype() != (*table)->value_dtype) {
    return context.Error(absl::StrCat("the table maps ", DataTypeName((*table)->key_dtype), " to ",
                                      DataTypeName((*table)->value_dtype), ", got ",
                                      DataTypeName(keys.dtype()), " keys and ",
                                      DataTypeName(values.dtype()), " values"));
  }
  if (keys.num_elements() != values.num_elements()) {
    return context.Error("keys and values must have the same number of elements");
  }
  absl::MutexLock lock(&(*table)->mutex);
  if ((*table)->initialized && !replace) return absl::OkStatus();
  (*table)->rows.clear();
  absl::StatusOr<Tensor> stored = values.Reshaped({values.num_elements()});
  if (!stored.ok()) return stored.status();
  (*table)->values = *std::move(stored);
  for (int64_t i = 0; i < keys.num_elements(); ++i) (*table)->rows[KeyBytes(keys, i)] = i;
  (*table)->initialized = true;
  return absl::OkStatus();
}

absl::Status ComputeInitialize(OpContext& context) { return Fill(context, /*replace=*/false); }
absl::Status ComputeImport(OpContext& context) { return Fill(context, /*replace=*/true); }

absl::Status ComputeFind(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<HashTable*> table = Table(context);
  if (!table.ok()) return table.status();
  const Tensor& keys = context.input(kKeys);
  const Tensor& fallback = context.input(kDefault);
  if (keys.dtype() != (*table)->key_dtype || fallback.dtype() != (*table)->value_dtype) {
    return context.Error("keys or default value have the wrong dtype for this table");
  }
  if (fallback.num_elements() != 1 && fallback.shape() != keys.shape()) {
    return context.Error("the default value must be a scalar or have the keys' shape");
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate((*table)->value_dtype, keys.shape());
  if (!output.ok()) return output.status();
  absl::MutexLock lock(&(*table)->mutex);
  for (int64_t i = 0; i < keys.num_elements(); ++i) {
    auto row = (*table)->rows.find(KeyBytes(keys, i));
    if (row == (*table)->rows.end()) {
      CopyElement(fallback, fallback.num_elements() == 1 ? 0 : i, *output, i);
    } else {
      CopyElement((*table)->values, row->second, *output, i);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeSize(OpContext& context) {
  absl::StatusOr<HashTable*> table = Table(context);
  if (!table.ok()) return table.status();
  absl::MutexLock lock(&(*table)->mutex);
  context.set_output(0, Tensor::Scalar<int64_t>(tensorflow::DT_INT64,
                                                static_cast<int64_t>((*table)->rows.size())));
  return absl::OkStatus();
}

REGISTER_KERNEL_FACTORY("HashTable", BuildHashTable);
REGISTER_KERNEL_FACTORY("HashTableV2", BuildHashTable);
REGISTER_KERNEL("InitializeTable", ComputeInitialize);
REGISTER_KERNEL("InitializeTableV2", ComputeInitialize);
REGISTER_KERNEL("LookupTableImport", ComputeImport);
REGISTER_KERNEL("LookupTableImportV2", ComputeImport);
REGISTER_KERNEL("LookupTableFind", ComputeFind);
REGISTER_KERNEL("LookupTableFindV2", ComputeFind);
REGISTER_KERNEL("LookupTableSize", ComputeSize);
REGISTER_KERNEL("LookupTableSizeV2", ComputeSize);

}  // namespace
}  // namespace tfjs::runtime
