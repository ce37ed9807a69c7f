// Tensor maps (EmptyTensorMap, TensorMapInsert/Lookup/Erase/HasKey/Size/StackKeys): an immutable
// DT_VARIANT map from tensors to tensors; each op returns a new map sharing the tensors.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/control/stacking.h"
#include "runtime/kernels/control/variant_value.h"

namespace tfjs::runtime {
namespace {

constexpr int kMap = 0;
constexpr int kKey = 1;
constexpr int kValue = 2;

// Two keys are the same key when dtype, shape and elements are.
std::string KeyOf(const Tensor& key) {
  std::string bytes = absl::StrCat(key.dtype(), ShapeString(key.shape()), ":");
  if (key.dtype() == tensorflow::DT_STRING) {
    for (const std::string& item : key.strings()) absl::StrAppend(&bytes, item.size(), ":", item);
  } else {
    bytes.append(static_cast<const char*>(key.raw_data()), key.byte_size());
  }
  return bytes;
}

struct TensorMap : public VariantValue {
  std::string TypeName() const override { return "tensorflow::TensorMap"; }
  std::string DebugString() const override { return "TensorMap"; }
  // TF's TensorMap::Encode: key and value tensors, alternating.
  absl::Status Encode(std::string* metadata, std::vector<Tensor>* tensors) const override {
    for (const auto& [bytes, entry] : entries) {
      tensors->push_back(entry.first);
      tensors->push_back(entry.second);
    }
    return absl::OkStatus();
  }

  // Key bytes -> (key, value), ordered by key bytes.
  std::map<std::string, std::pair<Tensor, Tensor>> entries;
};

absl::StatusOr<const TensorMap*> InputMap(const OpContext& context) {
  if (context.num_inputs() < 1) return context.Error("missing the map input");
  const TensorMap* map = VariantAs<TensorMap>(context.input(kMap));
  if (map == nullptr) return context.Error("input 0 is not a tensor map");
  return map;
}

void SetMap(OpContext& context, TensorMap map) {
  context.set_output(0, MakeVariant(std::make_shared<const TensorMap>(std::move(map))));
}

absl::Status ComputeEmpty(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(0, 0); !status.ok()) return status;
  SetMap(context, TensorMap());
  return absl::OkStatus();
}

absl::Status ComputeSize(OpContext& context) {
  absl::StatusOr<const TensorMap*> map = InputMap(context);
  if (!map.ok()) return map.status();
  context.set_output(0, Tensor::Scalar<int32_t>(tensorflow::DT_INT32,
                                                static_cast<int32_t>((*map)->entries.size())));
  return absl::OkStatus();
}

absl::Status ComputeInsert(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<const TensorMap*> map = InputMap(context);
  if (!map.ok()) return map.status();
  TensorMap updated = **map;
  updated.entries[KeyOf(context.input(kKey))] = {context.input(kKey), context.input(kValue)};
  SetMap(context, std::move(updated));
  return absl::OkStatus();
}

absl::Status ComputeLookup(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<const TensorMap*> map = InputMap(context);
  if (!map.ok()) return map.status();
  auto it = (*map)->entries.find(KeyOf(context.input(kKey)));
  if (it == (*map)->entries.end()) return context.Error("Trying to lookup non-existent key.");
  context.set_output(0, it->second.second);
  return absl::OkStatus();
}

absl::Status ComputeErase(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<const TensorMap*> map = InputMap(context);
  if (!map.ok()) return map.status();
  const std::string key = KeyOf(context.input(kKey));
  if (!(*map)->entries.count(key)) return context.Error("Trying to erase non-existent item.");
  TensorMap updated = **map;
  updated.entries.erase(key);
  SetMap(context, std::move(updated));
  return absl::OkStatus();
}

absl::Status ComputeHasKey(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<const TensorMap*> map = InputMap(context);
  if (!map.ok()) return map.status();
  context.set_output(0, Tensor::Scalar<bool>(tensorflow::DT_BOOL,
                                             (*map)->entries.count(KeyOf(context.input(kKey)))));
  return absl::OkStatus();
}

// The keys, which must be scalars of `key_dtype`, stacked into a vector.
absl::Status ComputeStackKeys(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<const TensorMap*> map = InputMap(context);
  if (!map.ok()) return map.status();
  const auto& attrs = context.node().attr();
  const auto key_dtype = attrs.find("key_dtype");
  if (key_dtype == attrs.end()) return context.Error("missing attr 'key_dtype'");
  std::vector<Tensor> keys;
  for (const auto& [bytes, entry] : (*map)->entries) {
    if (entry.first.rank() != 0) {
      return context.Error("TensorMapStackKeys only supports scalar keys currently.");
    }
    if (entry.first.dtype() != key_dtype->second.type()) {
      return context.Error(
          absl::StrCat("Key does not match requested dtype: ", DataTypeName(entry.first.dtype()),
                       " vs. ", DataTypeName(key_dtype->second.type())));
    }
    keys.push_back(entry.first);
  }
  absl::StatusOr<Tensor> stacked = StackTensors(keys, key_dtype->second.type(), {});
  if (!stacked.ok()) return context.Error(stacked.status().message());
  context.set_output(0, *std::move(stacked));
  return absl::OkStatus();
}

REGISTER_KERNEL("EmptyTensorMap", ComputeEmpty);
REGISTER_KERNEL("TensorMapSize", ComputeSize);
REGISTER_KERNEL("TensorMapInsert", ComputeInsert);
REGISTER_KERNEL("TensorMapLookup", ComputeLookup);
REGISTER_KERNEL("TensorMapErase", ComputeErase);
REGISTER_KERNEL("TensorMapHasKey", ComputeHasKey);
REGISTER_KERNEL("TensorMapStackKeys", ComputeStackKeys);

}  // namespace
}  // namespace tfjs::runtime
