// TF1 tensor arrays (TensorArrayV3 and its Read/Write/Gather/Scatter/Concat/Split/Size/Close
// ops, their V2 and V1 names, the V1-only Pack/Unpack, and the gradient arrays of
// TensorArrayGradV3/GradWithShape): a mutable array created each time its TensorArray node runs,
// reached through a DT_RESOURCE handle (the V1/V2 string handles carry it too); the float "flow"
// scalars only order the ops.
#include <map>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "runtime/allocation_limit.h"
#include "runtime/kernel.h"
#include "runtime/kernels/control/element_sum.h"
#include "runtime/kernels/control/stacking.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

class TensorArray : public Resource {
 public:
  DataType dtype = tensorflow::DT_INVALID;
  Shape element_shape;  // -1 dims unknown; `element_rank_known` false for unknown rank.
  bool element_rank_known = false;
  bool dynamic_size = false;
  // Gradient arrays add up writes to one index instead of refusing the second.
  bool aggregate_writes = false;

  absl::Mutex mutex;
  std::vector<Tensor> elements ABSL_GUARDED_BY(mutex);
  // TensorArrayGradV3's arrays by their `source`.
  std::map<std::string, std::shared_ptr<TensorArray>> gradients ABSL_GUARDED_BY(mutex);
};

Tensor Flow() { return Tensor::Scalar<float>(tensorflow::DT_FLOAT, 0.f); }

absl::StatusOr<TensorArray*> Array(const OpContext& context) {
  if (context.num_inputs() < 1) return context.Error("missing the tensor array handle");
  TensorArray* array = context.input(0).resource<TensorArray>();
  if (array == nullptr) return context.Error("input 0 is not a tensor array handle");
  return array;
}

absl::StatusOr<int64_t> ScalarIndex(const OpContext& context, int input) {
  const Tensor& tensor = context.input(input);
  if (tensor.num_elements() != 1 || tensor.dtype() != tensorflow::DT_INT32) {
    return context.Error("index must be an int32 scalar");
  }
  return *tensor.data<int32_t>();
}

absl::StatusOr<std::vector<int64_t>> IndexList(const OpContext& context, int input) {
  const Tensor& tensor = context.input(input);
  if (tensor.dtype() != tensorflow::DT_INT32) return context.Error("indices must be int32");
  return std::vector<int64_t>(tensor.values<int32_t>().begin(), tensor.values<int32_t>().end());
}

absl::Status CheckFits(const OpContext& context, const TensorArray& array, const Tensor& value) {
  if (value.dtype() != array.dtype) {
    return context.Error(absl::StrCat("the array holds ", DataTypeName(array.dtype),
                                      ", the value is ", DataTypeName(value.dtype())));
  }
  if (!array.element_rank_known) return absl::OkStatus();
  bool fits = static_cast<int>(array.element_shape.size()) == value.rank();
  for (int i = 0; fits && i < value.rank(); ++i) {
    fits = array.element_shape[i] < 0 || array.element_shape[i] == value.dim(i);
  }
  if (!fits) {
    return context.Error(absl::StrCat("value of shape ", ShapeString(value.shape()),
                                      " does not fit the array's element shape ",
                                      ShapeString(array.element_shape)));
  }
  return absl::OkStatus();
}

// Stores `value` at `index`, growing a dynamic array.
absl::Status Write(const OpContext& context, TensorArray& array, int64_t index, const Tensor& value)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(array.mutex) {
  if (absl::Status status = CheckFits(context, array, value); !status.ok()) return status;
  if (index < 0) return context.Error(absl::StrCat("index ", index, " is negative"));
  if (index >= static_cast<int64_t>(array.elements.size())) {
    if (!array.dynamic_size) {
      return context.Error(absl::StrCat("index ", index, " is out of range for an array of size ",
                                        array.elements.size()));
    }
    if (absl::Status status = CheckTensorCount(index + 1, "TensorArray"); !status.ok()) {
      return status;
    }
    array.elements.resize(index + 1);
  }
  Tensor& slot = array.elements[index];
  if (slot.is_valid() && array.aggregate_writes) {
    absl::StatusOr<Tensor> sum = AddElements(slot, value);
    if (!sum.ok()) return context.Error(sum.status().message());
    slot = *std::move(sum);
    return absl::OkStatus();
  }
  if (slot.is_valid()) {
    return context.Error(absl::StrCat("Could not write to TensorArray index ", index,
                                      " because it has already been written to."));
  }
  slot = value;
  return absl::OkStatus();
}

// The element at `index`: written, or zeros when the element shape is fully known.
absl::StatusOr<Tensor> Read(const OpContext& context, TensorArray& array, int64_t index)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(array.mutex) {
  if (index < 0 || index >= static_cast<int64_t>(array.elements.size())) {
    return context.Error(absl::StrCat("index ", index, " is out of range for an array of size ",
                                      array.elements.size()));
  }
  if (array.elements[index].is_valid()) return array.elements[index];
  bool known = array.element_rank_known;
  for (int64_t dim : array.element_shape) known = known && dim >= 0;
  if (!known) {
    return context.Error(absl::StrCat("index ", index, " has not been written to yet"));
  }
  return Tensor::Zeros(array.dtype, array.element_shape);
}

template <bool kFlowOutput>
absl::Status ComputeCreate(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<int64_t> size = ScalarIndex(context, 0);
  if (!size.ok()) return size.status();
  if (*size < 0) return context.Error("size must be non-negative");
  if (absl::Status status = CheckTensorCount(*size, "TensorArray"); !status.ok()) return status;
  auto array = std::make_shared<TensorArray>();
  const auto& attrs = context.node().attr();
  if (auto it = attrs.find("dtype"); it != attrs.end()) array->dtype = it->second.type();
  if (auto it = attrs.find("dynamic_size"); it != attrs.end()) array->dynamic_size = it->second.b();
  if (auto it = attrs.find("element_shape");
      it != attrs.end() && !it->second.shape().unknown_rank()) {
    array->element_rank_known = true;
    for (const auto& dim : it->second.shape().dim()) array->element_shape.push_back(dim.size());
  }
  {
    absl::MutexLock lock(&array->mutex);
    array->elements.resize(*size);
  }
  context.set_output(0, Tensor::ForResource(std::move(array)));
  if (kFlowOutput) context.set_output(1, Flow());
  return absl::OkStatus();
}

// TensorArrayGradV3(handle, flow) and TensorArrayGradWithShape(handle, flow, shape_to_prepend):
// the gradient array of `source` for this array, made on first use with the array's size and
// element shape (prefixed by shape_to_prepend); writes to it add up.
template <bool kWithShape>
absl::Status ComputeGrad(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(kWithShape ? 3 : 2, kWithShape ? 3 : 2);
      !status.ok()) {
    return status;
  }
  absl::StatusOr<TensorArray*> array = Array(context);
  if (!array.ok()) return array.status();
  const auto& attrs = context.node().attr();
  const auto source = attrs.find("source");
  if (source == attrs.end()) return context.Error("missing attr 'source'");
  Shape prefix;
  if (kWithShape) {
    const Tensor& shape = context.input(2);
    if (shape.dtype() != tensorflow::DT_INT32 || shape.rank() != 1) {
      return context.Error("shape_to_prepend must be an int32 vector");
    }
    prefix.assign(shape.values<int32_t>().begin(), shape.values<int32_t>().end());
  }
  absl::MutexLock lock(&(*array)->mutex);
  std::shared_ptr<TensorArray>& gradient = (*array)->gradients[source->second.s()];
  if (gradient == nullptr) {
    if (!(*array)->element_rank_known && kWithShape) {
      return context.Error("TensorArray's element shape must be known to prepend a shape");
    }
    gradient = std::make_shared<TensorArray>();
    gradient->dtype = (*array)->dtype;
    gradient->element_rank_known = (*array)->element_rank_known;
    gradient->element_shape = prefix;
    gradient->element_shape.insert(gradient->element_shape.end(), (*array)->element_shape.begin(),
                                   (*array)->element_shape.end());
    gradient->aggregate_writes = true;
    absl::MutexLock gradient_lock(&gradient->mutex);
    gradient->elements.resize((*array)->elements.size());
  }
  context.set_output(0, Tensor::ForResource(gradient));
  context.set_output(1, Flow());
  return absl::OkStatus();
}

absl::Status ComputeWrite(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  absl::StatusOr<TensorArray*> array = Array(context);
  if (!array.ok()) return array.status();
  absl::StatusOr<int64_t> index = ScalarIndex(context, 1);
  if (!index.ok()) return index.status();
  absl::MutexLock lock(&(*array)->mutex);
  if (absl::Status status = Write(context, **array, *index, context.input(2)); !status.ok()) {
    return status;
  }
  context.set_output(0, Flow());
  return absl::OkStatus();
}

absl::Status ComputeRead(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<TensorArray*> array = Array(context);
  if (!array.ok()) return array.status();
  absl::StatusOr<int64_t> index = ScalarIndex(context, 1);
  if (!index.ok()) return index.status();
  absl::MutexLock lock(&(*array)->mutex);
  absl::StatusOr<Tensor> value = Read(context, **array, *index);
  if (!value.ok()) return value.status();
  context.set_output(0, *std::move(value));
  return absl::OkStatus();
}

// Gather(handle, indices, flow), or Pack(handle, flow): the elements at indices (all of them)
// stacked.
template <bool kAll>
absl::Status ComputeGather(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(kAll ? 2 : 3, kAll ? 2 : 3); !status.ok()) {
    return status;
  }
  absl::StatusOr<TensorArray*> array = Array(context);
  if (!array.ok()) return array.status();
  absl::MutexLock lock(&(*array)->mutex);
  absl::StatusOr<std::vector<int64_t>> indices = std::vector<int64_t>();
  if (kAll) {
    for (size_t i = 0; i < (*array)->elements.size(); ++i) indices->push_back(i);
  } else {
    indices = IndexList(context, 1);
    if (!indices.ok()) return indices.status();
  }
  if (absl::Status status = CheckTensorCount(indices->size(), "TensorArray gather");
      !status.ok()) {
    return status;
  }
  std::vector<Tensor> items;
  for (int64_t index : *indices) {
    absl::StatusOr<Tensor> value = Read(context, **array, index);
    if (!value.ok()) return value.status();
    items.push_back(*std::move(value));
  }
  Shape element_shape = items.empty() ? (*array)->element_shape : items.front().shape();
  absl::StatusOr<Tensor> stacked = StackTensors(items, (*array)->dtype, element_shape);
  if (!stacked.ok()) return context.Error(stacked.status().message());
  context.set_output(0, *std::move(stacked));
  return absl::OkStatus();
}

// Scatter(handle, indices, value, flow), or Unpack(handle, value, flow): row i of value to
// indices[i] (to i).
template <bool kAll>
absl::Status ComputeScatter(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(kAll ? 3 : 4, kAll ? 3 : 4); !status.ok()) {
    return status;
  }
  absl::StatusOr<TensorArray*> array = Array(context);
  if (!array.ok()) return array.status();
  const Tensor& value = context.input(kAll ? 1 : 2);
  absl::StatusOr<std::vector<int64_t>> indices = std::vector<int64_t>();
  if (kAll) {
    for (int64_t i = 0; i < (value.rank() < 1 ? 0 : value.dim(0)); ++i) indices->push_back(i);
  } else {
    indices = IndexList(context, 1);
    if (!indices.ok()) return indices.status();
  }
  if (value.rank() < 1 || value.dim(0) != static_cast<int64_t>(indices->size())) {
    return context.Error("value's first dim must match the number of indices");
  }
  absl::MutexLock lock(&(*array)->mutex);
  for (size_t i = 0; i < indices->size(); ++i) {
    absl::StatusOr<Tensor> row = TakeRow(value, i);
    if (!row.ok()) return context.Error(row.status().message());
    if (absl::Status status = Write(context, **array, (*indices)[i], *row); !status.ok()) {
      return status;
    }
  }
  context.set_output(0, Flow());
  return absl::OkStatus();
}

absl::Status ComputeConcat(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<TensorArray*> array = Array(context);
  if (!array.ok()) return array.status();
  absl::MutexLock lock(&(*array)->mutex);
  Shape row_shape;
  if ((*array)->element_shape.size() > 1) {
    row_shape.assign((*array)->element_shape.begin() + 1, (*array)->element_shape.end());
  }
  absl::StatusOr<Concatenated> result =
      ConcatElements((*array)->elements, (*array)->dtype, std::move(row_shape));
  if (!result.ok()) return context.Error(result.status().message());
  context.set_output(0, std::move(result->values));
  context.set_output(1, std::move(result->lengths));
  return absl::OkStatus();
}

absl::Status ComputeSplit(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  absl::StatusOr<TensorArray*> array = Array(context);
  if (!array.ok()) return array.status();
  const Tensor& value = context.input(1);
  const Tensor& lengths = context.input(2);
  if (lengths.dtype() != tensorflow::DT_INT64) return context.Error("lengths must be int64");
  if (value.rank() < 1) return context.Error("value must have rank >= 1");
  absl::MutexLock lock(&(*array)->mutex);
  int64_t offset = 0;
  int64_t index = 0;
  for (int64_t length : lengths.values<int64_t>()) {
    absl::StatusOr<Tensor> rows = SliceRows(value, offset, offset + length);
    if (!rows.ok()) return context.Error(rows.status().message());
    if (absl::Status status = Write(context, **array, index++, *rows); !status.ok()) return status;
    offset += length;
  }
  if (offset != value.dim(0)) return context.Error("lengths must add up to value's first dim");
  context.set_output(0, Flow());
  return absl::OkStatus();
}

absl::Status ComputeSize(OpContext& context) {
  absl::StatusOr<TensorArray*> array = Array(context);
  if (!array.ok()) return array.status();
  absl::MutexLock lock(&(*array)->mutex);
  context.set_output(0, Tensor::Scalar<int32_t>(tensorflow::DT_INT32,
                                                static_cast<int32_t>((*array)->elements.size())));
  return absl::OkStatus();
}

absl::Status ComputeClose(OpContext& context) {
  absl::StatusOr<TensorArray*> array = Array(context);
  return array.ok() ? absl::OkStatus() : array.status();
}

// TF's CPU registrations (tensor_array_ops.cc): reads, writes, scatters and splits take
// TF_CALL_ALL_TYPES; concats TF_CALL_POD_STRING_TYPES and the quantized types, gathers and packs
// variant as well; the rest any dtype.
KernelDtypes AllOf(const char* attr) { return {{attr, dtypes::All()}}; }
KernelDtypes Concatenable() {
  return {{"dtype", dtypes::Join({dtypes::PodString(), dtypes::Quantized()})}};
}
KernelDtypes Stackable() {
  return {{"dtype",
           dtypes::Join({dtypes::PodString(), dtypes::Quantized(), {tensorflow::DT_VARIANT}})}};
}

REGISTER_KERNEL("TensorArrayV3", ComputeCreate<true>);
REGISTER_KERNEL("TensorArrayV2", ComputeCreate<false>);
REGISTER_KERNEL("TensorArray", ComputeCreate<false>);
REGISTER_KERNEL("TensorArrayWriteV3", ComputeWrite, AllOf("T"));
REGISTER_KERNEL("TensorArrayWriteV2", ComputeWrite, AllOf("T"));
REGISTER_KERNEL("TensorArrayWrite", ComputeWrite, AllOf("T"));
REGISTER_KERNEL("TensorArrayReadV3", ComputeRead, AllOf("dtype"));
REGISTER_KERNEL("TensorArrayReadV2", ComputeRead, AllOf("dtype"));
REGISTER_KERNEL("TensorArrayRead", ComputeRead, AllOf("dtype"));
REGISTER_KERNEL("TensorArrayGatherV3", ComputeGather<false>, Stackable());
REGISTER_KERNEL("TensorArrayGatherV2", ComputeGather<false>, Stackable());
REGISTER_KERNEL("TensorArrayGather", ComputeGather<false>, Stackable());
REGISTER_KERNEL("TensorArrayPack", ComputeGather<true>, Stackable());
REGISTER_KERNEL("TensorArrayScatterV3", ComputeScatter<false>, AllOf("T"));
REGISTER_KERNEL("TensorArrayScatterV2", ComputeScatter<false>, AllOf("T"));
REGISTER_KERNEL("TensorArrayScatter", ComputeScatter<false>, AllOf("T"));
REGISTER_KERNEL("TensorArrayUnpack", ComputeScatter<true>, AllOf("T"));
REGISTER_KERNEL("TensorArrayConcatV3", ComputeConcat, Concatenable());
REGISTER_KERNEL("TensorArrayConcatV2", ComputeConcat, Concatenable());
REGISTER_KERNEL("TensorArrayConcat", ComputeConcat, Concatenable());
REGISTER_KERNEL("TensorArraySplitV3", ComputeSplit, AllOf("T"));
REGISTER_KERNEL("TensorArraySplitV2", ComputeSplit, AllOf("T"));
REGISTER_KERNEL("TensorArraySplit", ComputeSplit, AllOf("T"));
REGISTER_KERNEL("TensorArraySizeV3", ComputeSize);
REGISTER_KERNEL("TensorArraySizeV2", ComputeSize);
REGISTER_KERNEL("TensorArraySize", ComputeSize);
REGISTER_KERNEL("TensorArrayCloseV3", ComputeClose);
REGISTER_KERNEL("TensorArrayCloseV2", ComputeClose);
REGISTER_KERNEL("TensorArrayClose", ComputeClose);
REGISTER_KERNEL("TensorArrayGradV3", ComputeGrad<false>);
REGISTER_KERNEL("TensorArrayGradWithShape", ComputeGrad<true>);

}  // namespace
}  // namespace tfjs::runtime
