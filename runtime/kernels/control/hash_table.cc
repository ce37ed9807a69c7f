// Lookup tables and their ops. HashTable(V2) is filled once by its initializer
// (InitializeTable(V2), InitializeTableFromTextFile(V2)) and shared by every execution; the
// mutable tables (MutableHashTable(V2), MutableHashTableOfTensors(V2), MutableDenseHashTable(V2))
// also take LookupTableInsert(V2) and LookupTableRemoveV2. Every kind answers LookupTableFind,
// Size, Import and Export (V1 and V2 names). A table node's table lives as long as the model; the
// Anonymous* ops make a new table each time they run.
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

constexpr int kTable = 0;
constexpr int kKeys = 1;
constexpr int kValues = 2;
constexpr int kDefault = 2;

std::string KeyBytes(const Tensor& keys, int64_t i) {
  if (keys.dtype() == tensorflow::DT_STRING) return keys.strings()[i];
  const int64_t size = DataTypeSize(keys.dtype());
  return std::string(static_cast<const char*>(keys.raw_data()) + i * size, size);
}

// A table maps each key element to a value of `value_shape` (scalars for HashTable and
// MutableHashTable). All methods return TF's errors without a node prefix.
class LookupTable : public Resource {
 public:
  LookupTable(DataType key_dtype, DataType value_dtype, Shape value_shape, bool is_mutable)
      : key_dtype_(key_dtype),
        value_dtype_(value_dtype),
        value_shape_(std::move(value_shape)),
        value_size_(NumElements(value_shape_)),
        is_mutable_(is_mutable) {}

  DataType key_dtype() const { return key_dtype_; }
  DataType value_dtype() const { return value_dtype_; }
  bool is_mutable() const { return is_mutable_; }

  absl::Status CheckKeysAndValues(const Tensor& keys, const Tensor& values) const {
    if (keys.dtype() != key_dtype_ || values.dtype() != value_dtype_) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the table maps ", DataTypeName(key_dtype_), " to ", DataTypeName(value_dtype_), ", got ",
          DataTypeName(keys.dtype()), " keys and ", DataTypeName(values.dtype()), " values"));
    }
    Shape expected = keys.shape();
    expected.insert(expected.end(), value_shape_.begin(), value_shape_.end());
    if (values.shape() != expected &&
        !(values.num_elements() == keys.num_elements() * value_size_ && value_shape_.empty())) {
      return absl::InvalidArgumentError(absl::StrCat("Expected shape ", ShapeString(expected),
                                                     " for value, got ",
                                                     ShapeString(values.shape())));
    }
    return absl::OkStatus();
  }

  // Replaces the contents (Import; Initialize when `only_if_empty` and the table was never
  // filled). Duplicate keys keep the last value.
  absl::Status Fill(const Tensor& keys, const Tensor& values, bool only_if_uninitialized) {
    if (absl::Status status = CheckKeysAndValues(keys, values); !status.ok()) return status;
    absl::MutexLock lock(&mutex_);
    if (only_if_uninitialized && initialized_) return absl::OkStatus();
    entries_.clear();
    order_.clear();
    initialized_ = true;
    return InsertLocked(keys, values);
  }

  absl::Status Insert(const Tensor& keys, const Tensor& values) {
    if (absl::Status status = CheckKeysAndValues(keys, values); !status.ok()) return status;
    absl::MutexLock lock(&mutex_);
    return InsertLocked(keys, values);
  }

  absl::Status Remove(const Tensor& keys) {
    if (keys.dtype() != key_dtype_) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the table's keys are ", DataTypeName(key_dtype_), ", got ", DataTypeName(keys.dtype())));
    }
    absl::MutexLock lock(&mutex_);
    for (int64_t i = 0; i < keys.num_elements(); ++i) {
      const std::string key = KeyBytes(keys, i);
      if (absl::Status status = CheckReserved(key); !status.ok()) return status;
      entries_.erase(key);
    }
    return absl::OkStatus();
  }

  // values[i] for each key, or `fallback` (one value, or one per key) for missing keys.
  absl::StatusOr<Tensor> Find(const Tensor& keys, const Tensor& fallback) {
    if (keys.dtype() != key_dtype_ || fallback.dtype() != value_dtype_) {
      return absl::InvalidArgumentError(
          "keys or default value have the wrong dtype for this table");
    }
    Shape shape = keys.shape();
    shape.insert(shape.end(), value_shape_.begin(), value_shape_.end());
    const bool one_fallback = fallback.num_elements() == value_size_;
    if (!one_fallback && fallback.shape() != shape) {
      return absl::InvalidArgumentError(
          absl::StrCat("Expected shape ", ShapeString(value_shape_), " or ", ShapeString(shape),
                       " for default value, got ", ShapeString(fallback.shape())));
    }
    absl::MutexLock lock(&mutex_);
    if (DataTypeSize(value_dtype_) == 0 && value_dtype_ != tensorflow::DT_STRING) {
      // Resource and variant values: one scalar at a time, handed out as they are.
      if (keys.num_elements() != 1 || value_size_ != 1) {
        return absl::UnimplementedError(
            absl::StrCat("looking up several ", DataTypeName(value_dtype_), " values at once"));
      }
      auto it = entries_.find(KeyBytes(keys, 0));
      return it == entries_.end() ? fallback : it->second;
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(value_dtype_, shape);
    if (!output.ok()) return output.status();
    for (int64_t i = 0; i < keys.num_elements(); ++i) {
      const std::string key = KeyBytes(keys, i);
      if (absl::Status status = CheckReserved(key); !status.ok()) return status;
      auto it = entries_.find(key);
      if (it == entries_.end()) {
        CopyElements(fallback, one_fallback ? 0 : i * value_size_, *output, i * value_size_,
                     value_size_);
      } else {
        CopyElements(it->second, 0, *output, i * value_size_, value_size_);
      }
    }
    return output;
  }

  int64_t Size() {
    absl::MutexLock lock(&mutex_);
    return static_cast<int64_t>(entries_.size());
  }

  // The keys (shape [n]) and values ([n] + value_shape), in insertion order.
  absl::StatusOr<std::pair<Tensor, Tensor>> Export() {
    absl::MutexLock lock(&mutex_);
    std::vector<std::string> live;
    for (const std::string& key : order_) {
      if (entries_.contains(key)) live.push_back(key);
    }
    const int64_t count = static_cast<int64_t>(live.size());
    absl::StatusOr<Tensor> keys = Tensor::Allocate(key_dtype_, {count});
    if (!keys.ok()) return keys.status();
    Shape shape = {count};
    shape.insert(shape.end(), value_shape_.begin(), value_shape_.end());
    absl::StatusOr<Tensor> values = Tensor::Allocate(value_dtype_, shape);
    if (!values.ok()) return values.status();
    for (int64_t i = 0; i < count; ++i) {
      if (key_dtype_ == tensorflow::DT_STRING) {
        keys->mutable_strings()[i] = live[i];
      } else {
        std::memcpy(keys->mutable_data<char>() + i * live[i].size(), live[i].data(),
                    live[i].size());
      }
      CopyElements(entries_.at(live[i]), 0, *values, i * value_size_, value_size_);
    }
    return std::make_pair(*std::move(keys), *std::move(values));
  }

  // MutableDenseHashTable's empty and deleted keys, which may not be used as keys.
  void Reserve(std::string empty_key, std::optional<std::string> deleted_key) {
    empty_key_ = std::move(empty_key);
    deleted_key_ = std::move(deleted_key);
  }

 private:
  absl::Status CheckReserved(const std::string& key) const {
    if (empty_key_ && key == *empty_key_) {
      return absl::InvalidArgumentError("Using the empty_key as a table key is not allowed");
    }
    if (deleted_key_ && key == *deleted_key_) {
      return absl::InvalidArgumentError("Using the deleted_key as a table key is not allowed");
    }
    return absl::OkStatus();
  }

  absl::Status InsertLocked(const Tensor& keys, const Tensor& values)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    const bool whole = DataTypeSize(value_dtype_) == 0 && value_dtype_ != tensorflow::DT_STRING;
    if (whole && keys.num_elements() != 1) {
      return absl::UnimplementedError(
          absl::StrCat("inserting several ", DataTypeName(value_dtype_), " values at once"));
    }
    for (int64_t i = 0; i < keys.num_elements(); ++i) {
      const std::string key = KeyBytes(keys, i);
      if (absl::Status status = CheckReserved(key); !status.ok()) return status;
      Tensor value = values;
      if (!whole) {
        absl::StatusOr<Tensor> row = Tensor::Allocate(value_dtype_, value_shape_);
        if (!row.ok()) return row.status();
        CopyElements(values, i * value_size_, *row, 0, value_size_);
        value = *std::move(row);
      }
      if (entries_.insert_or_assign(key, std::move(value)).second) order_.push_back(key);
    }
    return absl::OkStatus();
  }

  const DataType key_dtype_;
  const DataType value_dtype_;
  const Shape value_shape_;
  const int64_t value_size_;
  const bool is_mutable_;
  std::optional<std::string> empty_key_;
  std::optional<std::string> deleted_key_;

  absl::Mutex mutex_;
  bool initialized_ ABSL_GUARDED_BY(mutex_) = false;
  absl::flat_hash_map<std::string, Tensor> entries_ ABSL_GUARDED_BY(mutex_);
  // Keys in first-insertion order (removed ones are skipped when exporting).
  std::vector<std::string> order_ ABSL_GUARDED_BY(mutex_);
};

absl::StatusOr<LookupTable*> Table(const OpContext& context) {
  if (context.num_inputs() < 1) return context.Error("missing the table handle");
  LookupTable* table = context.input(kTable).resource<LookupTable>();
  if (table == nullptr) return context.Error("input 0 is not a lookup table handle");
  return table;
}

enum class Kind { kStatic, kMutable, kOfTensors, kDense };

// What a table node's attrs ask for.
struct TableSpec {
  DataType key_dtype;
  DataType value_dtype;
  Shape value_shape;
  Kind kind;
};

absl::StatusOr<TableSpec> ReadSpec(const NodeAttrs& attrs, const tensorflow::NodeDef& node,
                                   Kind kind) {
  TableSpec spec{tensorflow::DT_INVALID, tensorflow::DT_INVALID, {}, kind};
  absl::StatusOr<DataType> key_dtype = attrs.GetType("key_dtype");
  if (!key_dtype.ok()) return key_dtype.status();
  absl::StatusOr<DataType> value_dtype = attrs.GetType("value_dtype");
  if (!value_dtype.ok()) return value_dtype.status();
  spec.key_dtype = *key_dtype;
  spec.value_dtype = *value_dtype;
  if (kind == Kind::kOfTensors || kind == Kind::kDense) {
    auto it = node.attr().find("value_shape");
    if (it != node.attr().end()) {
      for (const auto& dim : it->second.shape().dim()) {
        if (dim.size() < 0) return absl::InvalidArgumentError("value_shape must be fully defined");
        spec.value_shape.push_back(dim.size());
      }
    }
  }
  return spec;
}

std::shared_ptr<LookupTable> MakeTable(const TableSpec& spec) {
  return std::make_shared<LookupTable>(spec.key_dtype, spec.value_dtype, spec.value_shape,
                                       spec.kind != Kind::kStatic);
}

// A table node: one table for the model's lifetime.
class TableKernel : public Kernel {
 public:
  explicit TableKernel(std::shared_ptr<LookupTable> table) : table_(std::move(table)) {}
  absl::Status Compute(OpContext& context) const override {
    context.set_output(0, Tensor::ForResource(table_));
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<LookupTable> table_;
};

template <Kind kKind>
absl::StatusOr<std::unique_ptr<Kernel>> BuildTable(const KernelBuildContext& context) {
  absl::StatusOr<TableSpec> spec = ReadSpec(context.attrs, context.node, kKind);
  if (!spec.ok()) return context.Error(spec.status().message());
  return std::make_unique<TableKernel>(MakeTable(*spec));
}

// A table from the node's attrs, and for dense tables the empty/deleted keys of its inputs.
template <Kind kKind>
absl::StatusOr<std::shared_ptr<LookupTable>> NewTable(const OpContext& context) {
  const ops::OpDef* op_def = ops::FindOp(context.node().op());
  absl::StatusOr<TableSpec> spec =
      ReadSpec(NodeAttrs(context.node(), op_def), context.node(), kKind);
  if (!spec.ok()) return context.Error(spec.status().message());
  std::shared_ptr<LookupTable> table = MakeTable(*spec);
  if (kKind == Kind::kDense) {
    if (context.num_inputs() < 1) return context.Error("missing the empty_key input");
    const Tensor& empty_key = context.input(0);
    if (empty_key.dtype() != spec->key_dtype || empty_key.num_elements() != 1) {
      return context.Error("empty_key must be a scalar of the key dtype");
    }
    std::optional<std::string> deleted;
    if (context.num_inputs() > 1) {
      const Tensor& deleted_key = context.input(1);
      if (deleted_key.dtype() != spec->key_dtype || deleted_key.num_elements() != 1) {
        return context.Error("deleted_key must be a scalar of the key dtype");
      }
      deleted = KeyBytes(deleted_key, 0);
      if (*deleted == KeyBytes(empty_key, 0)) {
        return context.Error("Empty and deleted keys must have different values");
      }
    }
    table->Reserve(KeyBytes(empty_key, 0), std::move(deleted));
  }
  return table;
}

// The Anonymous* ops: a new table each run.
template <Kind kKind>
absl::Status ComputeNewTable(OpContext& context) {
  absl::StatusOr<std::shared_ptr<LookupTable>> table = NewTable<kKind>(context);
  if (!table.ok()) return table.status();
  context.set_output(0, Tensor::ForResource(*std::move(table)));
  return absl::OkStatus();
}

// MutableDenseHashTable(V2): its empty and deleted keys are inputs, so its table is made on the
// first run and kept for the model's lifetime.
class DenseTableKernel : public Kernel {
 public:
  absl::Status Compute(OpContext& context) const override {
    absl::MutexLock lock(&mutex_);
    if (table_ == nullptr) {
      absl::StatusOr<std::shared_ptr<LookupTable>> table = NewTable<Kind::kDense>(context);
      if (!table.ok()) return table.status();
      table_ = *std::move(table);
    }
    context.set_output(0, Tensor::ForResource(table_));
    return absl::OkStatus();
  }

 private:
  mutable absl::Mutex mutex_;
  mutable std::shared_ptr<LookupTable> table_ ABSL_GUARDED_BY(mutex_);
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildDenseTable(const KernelBuildContext&) {
  return std::make_unique<DenseTableKernel>();
}

absl::Status ComputeInitialize(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<LookupTable*> table = Table(context);
  if (!table.ok()) return table.status();
  if (absl::Status status = (*table)->Fill(context.input(kKeys), context.input(kValues),
                                           /*only_if_uninitialized=*/true);
      !status.ok()) {
    return context.Error(status.message());
  }
  return absl::OkStatus();
}

absl::Status ComputeImport(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<LookupTable*> table = Table(context);
  if (!table.ok()) return table.status();
  if (absl::Status status = (*table)->Fill(context.input(kKeys), context.input(kValues),
                                           /*only_if_uninitialized=*/false);
      !status.ok()) {
    return context.Error(status.message());
  }
  return absl::OkStatus();
}

absl::Status ComputeInsert(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<LookupTable*> table = Table(context);
  if (!table.ok()) return table.status();
  if (!(*table)->is_mutable()) return context.Error("the table is not mutable");
  if (absl::Status status = (*table)->Insert(context.input(kKeys), context.input(kValues));
      !status.ok()) {
    return context.Error(status.message());
  }
  return absl::OkStatus();
}

absl::Status ComputeRemove(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<LookupTable*> table = Table(context);
  if (!table.ok()) return table.status();
  if (!(*table)->is_mutable()) return context.Error("the table is not mutable");
  if (absl::Status status = (*table)->Remove(context.input(kKeys)); !status.ok()) {
    return context.Error(status.message());
  }
  return absl::OkStatus();
}

absl::Status ComputeFind(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<LookupTable*> table = Table(context);
  if (!table.ok()) return table.status();
  absl::StatusOr<Tensor> output = (*table)->Find(context.input(kKeys), context.input(kDefault));
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeSize(OpContext& context) {
  absl::StatusOr<LookupTable*> table = Table(context);
  if (!table.ok()) return table.status();
  context.set_output(0, Tensor::Scalar<int64_t>(tensorflow::DT_INT64, (*table)->Size()));
  return absl::OkStatus();
}

absl::Status ComputeExport(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<LookupTable*> table = Table(context);
  if (!table.ok()) return table.status();
  absl::StatusOr<std::pair<Tensor, Tensor>> exported = (*table)->Export();
  if (!exported.ok()) return context.Error(exported.status().message());
  context.set_output(0, std::move(exported->first));
  context.set_output(1, std::move(exported->second));
  return absl::OkStatus();
}

// One field of a vocabulary file line as a key or value: the whole line (index -2), the line
// number (-1), or the column `index` split at `delimiter`, converted to `dtype`.
absl::StatusOr<Tensor> TextField(const std::string& line, int64_t line_number, int64_t index,
                                 const std::string& delimiter, DataType dtype,
                                 const std::string& filename) {
  std::string text;
  if (index == -2) {
    text = line;
  } else if (index == -1) {
    if (dtype != tensorflow::DT_INT64) {
      return absl::InvalidArgumentError("the line number (index -1) needs an int64 key or value");
    }
    return Tensor::Scalar<int64_t>(dtype, line_number);
  } else {
    std::vector<std::string> columns = absl::StrSplit(line, delimiter);
    if (index >= static_cast<int64_t>(columns.size())) {
      return absl::InvalidArgumentError(
          absl::StrCat("Invalid number of columns in ", filename, " line ", line_number, " (", line,
                       ") : expected ", index + 1, " got ", columns.size()));
    }
    text = columns[index];
  }
  auto invalid = [&](const char* what) {
    return absl::InvalidArgumentError(
        absl::StrCat("Field ", text, " in line ", line_number, " is not a valid ", what, "."));
  };
  switch (dtype) {
    case tensorflow::DT_STRING:
      return Tensor::Strings({}, {text});
    case tensorflow::DT_INT64: {
      int64_t value;
      if (!absl::SimpleAtoi(text, &value)) return invalid("int64");
      return Tensor::Scalar<int64_t>(dtype, value);
    }
    case tensorflow::DT_INT32: {
      int32_t value;
      if (!absl::SimpleAtoi(text, &value)) return invalid("int32");
      return Tensor::Scalar<int32_t>(dtype, value);
    }
    case tensorflow::DT_FLOAT: {
      float value;
      if (!absl::SimpleAtof(text, &value)) return invalid("float");
      return Tensor::Scalar<float>(dtype, value);
    }
    case tensorflow::DT_DOUBLE: {
      double value;
      if (!absl::SimpleAtod(text, &value)) return invalid("double");
      return Tensor::Scalar<double>(dtype, value);
    }
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("unsupported dtype ", DataTypeName(dtype), " in a vocabulary file"));
  }
}

// InitializeTableFromTextFile(V2)(table, filename): one key and value per line (see TextField),
// from line `offset` on, at most vocab_size lines (which the file must have when given).
absl::Status ComputeInitializeFromTextFile(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<LookupTable*> table = Table(context);
  if (!table.ok()) return table.status();
  const Tensor& filename_tensor = context.input(1);
  if (filename_tensor.dtype() != tensorflow::DT_STRING || filename_tensor.num_elements() != 1) {
    return context.Error("filename must be a string scalar");
  }
  const std::string filename = filename_tensor.strings()[0];
  NodeAttrs attrs(context.node(), ops::FindOp(context.node().op()));
  absl::StatusOr<int64_t> key_index = attrs.GetInt("key_index");
  absl::StatusOr<int64_t> value_index = attrs.GetInt("value_index");
  absl::StatusOr<int64_t> vocab_size = attrs.GetInt("vocab_size");
  absl::StatusOr<std::string> delimiter = attrs.GetString("delimiter");
  if (!key_index.ok() || !value_index.ok() || !vocab_size.ok() || !delimiter.ok()) {
    return context.Error("missing key_index, value_index, vocab_size or delimiter");
  }
  const int64_t offset = attrs.Has("offset") ? attrs.GetInt("offset").value_or(0) : 0;
  std::ifstream file(filename);
  if (!file) return absl::NotFoundError(absl::StrCat(filename, ": cannot open"));
  std::vector<std::string> keys_text;
  std::vector<Tensor> keys, values;
  std::string line;
  int64_t line_number = 0;
  while (std::getline(file, line)) {
    if (line_number++ < offset) continue;
    if (*vocab_size >= 0 && static_cast<int64_t>(keys.size()) == *vocab_size) break;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      return context.Error(absl::StrCat("Invalid content in ", filename,
                                        ": empty line found at position ", line_number, "."));
    }
    const int64_t index = line_number - 1;
    absl::StatusOr<Tensor> key =
        TextField(line, index, *key_index, *delimiter, (*table)->key_dtype(), filename);
    if (!key.ok()) return context.Error(key.status().message());
    absl::StatusOr<Tensor> value =
        TextField(line, index, *value_index, *delimiter, (*table)->value_dtype(), filename);
    if (!value.ok()) return context.Error(value.status().message());
    keys.push_back(*std::move(key));
    values.push_back(*std::move(value));
  }
  if (*vocab_size >= 0 && static_cast<int64_t>(keys.size()) != *vocab_size) {
    return context.Error(absl::StrCat("Invalid vocab_size in ", filename, ": expected ",
                                      *vocab_size, " but got ", keys.size()));
  }
  const int64_t count = static_cast<int64_t>(keys.size());
  absl::StatusOr<Tensor> all_keys = Tensor::Allocate((*table)->key_dtype(), {count});
  absl::StatusOr<Tensor> all_values = Tensor::Allocate((*table)->value_dtype(), {count});
  if (!all_keys.ok() || !all_values.ok()) return context.Error("cannot allocate the vocabulary");
  for (int64_t i = 0; i < count; ++i) {
    CopyElements(keys[i], 0, *all_keys, i, 1);
    CopyElements(values[i], 0, *all_values, i, 1);
  }
  if (absl::Status status = (*table)->Fill(*all_keys, *all_values, /*only_if_uninitialized=*/true);
      !status.ok()) {
    return context.Error(status.message());
  }
  return absl::OkStatus();
}

// TF's CPU registrations (lookup_table_op.cc, lookup_table_init_op.cc): the table kinds' key and
// value dtypes; the table ops take any.
KernelDtypes TableDtypes(std::vector<DataType> values) {
  return {{"key_dtype", {tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_STRING}},
          {"value_dtype", std::move(values)}};
}
std::vector<DataType> ScalarValues() {
  return {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE, tensorflow::DT_INT32,
          tensorflow::DT_INT64, tensorflow::DT_BOOL,   tensorflow::DT_STRING};
}
std::vector<DataType> MutableValues() {
  return dtypes::Join({ScalarValues(), {tensorflow::DT_VARIANT}});
}
std::vector<DataType> DenseValues() {
  return {tensorflow::DT_FLOAT,  tensorflow::DT_DOUBLE, tensorflow::DT_INT32,
          tensorflow::DT_INT64,  tensorflow::DT_BOOL,   tensorflow::DT_RESOURCE,
          tensorflow::DT_VARIANT};
}

REGISTER_KERNEL_FACTORY("HashTable", BuildTable<Kind::kStatic>, TableDtypes(ScalarValues()));
REGISTER_KERNEL_FACTORY("HashTableV2", BuildTable<Kind::kStatic>, TableDtypes(ScalarValues()));
REGISTER_KERNEL("AnonymousHashTable", ComputeNewTable<Kind::kStatic>, TableDtypes(ScalarValues()));
REGISTER_KERNEL_FACTORY("MutableHashTable", BuildTable<Kind::kMutable>,
                        TableDtypes(MutableValues()));
REGISTER_KERNEL_FACTORY("MutableHashTableV2", BuildTable<Kind::kMutable>,
                        TableDtypes(MutableValues()));
REGISTER_KERNEL("AnonymousMutableHashTable", ComputeNewTable<Kind::kMutable>,
                TableDtypes(MutableValues()));
REGISTER_KERNEL_FACTORY("MutableHashTableOfTensors", BuildTable<Kind::kOfTensors>,
                        TableDtypes(ScalarValues()));
REGISTER_KERNEL_FACTORY("MutableHashTableOfTensorsV2", BuildTable<Kind::kOfTensors>,
                        TableDtypes(ScalarValues()));
REGISTER_KERNEL("AnonymousMutableHashTableOfTensors", ComputeNewTable<Kind::kOfTensors>,
                TableDtypes(ScalarValues()));
REGISTER_KERNEL_FACTORY("MutableDenseHashTable", BuildDenseTable, TableDtypes(DenseValues()));
REGISTER_KERNEL_FACTORY("MutableDenseHashTableV2", BuildDenseTable, TableDtypes(DenseValues()));
REGISTER_KERNEL("AnonymousMutableDenseHashTable", ComputeNewTable<Kind::kDense>,
                TableDtypes(DenseValues()));
REGISTER_KERNEL("InitializeTable", ComputeInitialize);
REGISTER_KERNEL("InitializeTableV2", ComputeInitialize);
REGISTER_KERNEL("InitializeTableFromTextFile", ComputeInitializeFromTextFile);
REGISTER_KERNEL("InitializeTableFromTextFileV2", ComputeInitializeFromTextFile);
REGISTER_KERNEL("LookupTableImport", ComputeImport);
REGISTER_KERNEL("LookupTableImportV2", ComputeImport);
REGISTER_KERNEL("LookupTableInsert", ComputeInsert);
REGISTER_KERNEL("LookupTableInsertV2", ComputeInsert);
REGISTER_KERNEL("LookupTableRemoveV2", ComputeRemove);
REGISTER_KERNEL("LookupTableFind", ComputeFind);
REGISTER_KERNEL("LookupTableFindV2", ComputeFind);
REGISTER_KERNEL("LookupTableSize", ComputeSize);
REGISTER_KERNEL("LookupTableSizeV2", ComputeSize);
REGISTER_KERNEL("LookupTableExport", ComputeExport);
REGISTER_KERNEL("LookupTableExportV2", ComputeExport);

}  // namespace
}  // namespace tfjs::runtime
