// Tensor-list ops (TF2 control flow's accumulators): each op returns a new list value, sharing
// element buffers with its input list.
#include "runtime/kernels/control/tensor_list.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "runtime/allocation_limit.h"
#include "runtime/kernel.h"
#include "runtime/kernels/control/stacking.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

using ListPtr = std::shared_ptr<const TensorList>;

absl::StatusOr<const TensorList*> InputList(const OpContext& context, int index) {
  if (index >= context.num_inputs()) return context.Error("missing tensor-list input");
  const TensorList* list = VariantAs<TensorList>(context.input(index));
  if (list == nullptr) {
    return context.Error(absl::StrCat("input ", index, " is not a tensor list"));
  }
  return list;
}

absl::StatusOr<int64_t> ScalarInt(const OpContext& context, int index) {
  if (index >= context.num_inputs()) return context.Error("missing scalar input");
  const Tensor& tensor = context.input(index);
  if (tensor.num_elements() != 1) return context.Error("expected an int scalar input");
  if (tensor.dtype() == tensorflow::DT_INT32) return *tensor.data<int32_t>();
  if (tensor.dtype() == tensorflow::DT_INT64) return *tensor.data<int64_t>();
  return context.Error("expected an int32 or int64 scalar input");
}

// Reads an element_shape input: a -1 scalar for an unknown rank, else dims with -1 for unknown.
absl::Status ReadElementShape(const OpContext& context, int index, TensorList& list) {
  const Tensor& shape = context.input(index);
  if (shape.rank() == 0) {
    list.element_rank_known = false;
    list.element_shape.clear();
    return absl::OkStatus();
  }
  list.element_rank_known = true;
  list.element_shape.clear();
  for (int64_t i = 0; i < shape.num_elements(); ++i) {
    if (shape.dtype() == tensorflow::DT_INT32) {
      list.element_shape.push_back(shape.data<int32_t>()[i]);
    } else if (shape.dtype() == tensorflow::DT_INT64) {
      list.element_shape.push_back(shape.data<int64_t>()[i]);
    } else {
      return context.Error("element_shape must be int32 or int64");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<DataType> ElementDtype(const OpContext& context) {
  auto it = context.node().attr().find("element_dtype");
  if (it == context.node().attr().end()) return context.Error("missing attr 'element_dtype'");
  return it->second.type();
}

void SetList(OpContext& context, int index, TensorList list) {
  context.set_output(index, MakeVariant(std::make_shared<const TensorList>(std::move(list))));
}

absl::Status CheckElement(const OpContext& context, const TensorList& list, const Tensor& item) {
  if (item.dtype() != list.element_dtype) {
    return context.Error(absl::StrCat("list holds ", DataTypeName(list.element_dtype),
                                      " but the item is ", DataTypeName(item.dtype())));
  }
  if (!list.element_rank_known) return absl::OkStatus();
  bool compatible = static_cast<int>(list.element_shape.size()) == item.rank();
  for (int i = 0; compatible && i < item.rank(); ++i) {
    compatible = list.element_shape[i] < 0 || list.element_shape[i] == item.dim(i);
  }
  if (!compatible) {
    return context.Error(absl::StrCat("item of shape ", ShapeString(item.shape()),
                                      " does not fit the list's element shape ",
                                      ShapeString(list.element_shape)));
  }
  return absl::OkStatus();
}

// The shape an unset element reads as: the list's shape merged with a requested one, which
// must then be fully known.
absl::StatusOr<Shape> ZerosShape(const OpContext& context, const TensorList& list,
                                 const TensorList& requested) {
  const TensorList* known = list.element_rank_known ? &list : &requested;
  if (!known->element_rank_known) {
    return context.Error("cannot read an unset element of a list whose element shape is unknown");
  }
  Shape shape = known->element_shape;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0 && requested.element_rank_known && i < requested.element_shape.size()) {
      shape[i] = requested.element_shape[i];
    }
    if (shape[i] < 0) {
      return context.Error("cannot read an unset element: its shape is not fully known");
    }
  }
  return shape;
}

absl::StatusOr<Tensor> ElementOrZeros(const OpContext& context, const TensorList& list,
                                      int64_t index, const TensorList& requested) {
  const Tensor& element = list.elements[index];
  if (element.is_valid()) return element;
  absl::StatusOr<Shape> shape = ZerosShape(context, list, requested);
  if (!shape.ok()) return shape.status();
  return Tensor::Zeros(list.element_dtype, *std::move(shape));
}

absl::Status ComputeReserve(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  TensorList list;
  absl::StatusOr<DataType> dtype = ElementDtype(context);
  if (!dtype.ok()) return dtype.status();
  list.element_dtype = *dtype;
  if (absl::Status status = ReadElementShape(context, 0, list); !status.ok()) return status;
  absl::StatusOr<int64_t> count = ScalarInt(context, 1);
  if (!count.ok()) return count.status();
  if (*count < 0) return context.Error("num_elements must be non-negative");
  if (absl::Status status = CheckTensorCount(*count, "TensorList"); !status.ok()) return status;
  list.elements.resize(*count);
  SetList(context, 0, std::move(list));
  return absl::OkStatus();
}

absl::Status ComputeEmptyTensorList(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  TensorList list;
  absl::StatusOr<DataType> dtype = ElementDtype(context);
  if (!dtype.ok()) return dtype.status();
  list.element_dtype = *dtype;
  if (absl::Status status = ReadElementShape(context, 0, list); !status.ok()) return status;
  if (context.input(1).rank() != 0) {
    return context.Error(absl::StrCat("max_num_elements expected to be a scalar but got shape: ",
                                      ShapeString(context.input(1).shape())));
  }
  absl::StatusOr<int64_t> max_num_elements = ScalarInt(context, 1);
  if (!max_num_elements.ok()) return max_num_elements.status();
  list.max_num_elements = *max_num_elements;
  SetList(context, 0, std::move(list));
  return absl::OkStatus();
}

absl::Status ComputeFromTensor(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& tensor = context.input(0);
  if (tensor.rank() < 1) return context.Error("tensor must have rank >= 1");
  TensorList list;
  list.element_dtype = tensor.dtype();
  if (absl::Status status = ReadElementShape(context, 1, list); !status.ok()) return status;
  for (int64_t i = 0; i < tensor.dim(0); ++i) {
    absl::StatusOr<Tensor> row = TakeRow(tensor, i);
    if (!row.ok()) return row.status();
    if (absl::Status status = CheckElement(context, list, *row); !status.ok()) return status;
    list.elements.push_back(*std::move(row));
  }
  SetList(context, 0, std::move(list));
  return absl::OkStatus();
}

absl::Status ComputeGetItem(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 3); !status.ok()) return status;
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  absl::StatusOr<int64_t> index = ScalarInt(context, 1);
  if (!index.ok()) return index.status();
  if (*index < 0 || *index >= static_cast<int64_t>((*list)->elements.size())) {
    return context.Error(absl::StrCat("index ", *index, " is out of range for a list of ",
                                      (*list)->elements.size(), " elements"));
  }
  TensorList requested;
  if (context.num_inputs() == 3) {
    if (absl::Status status = ReadElementShape(context, 2, requested); !status.ok()) return status;
  }
  absl::StatusOr<Tensor> item = ElementOrZeros(context, **list, *index, requested);
  if (!item.ok()) return item.status();
  context.set_output(0, *std::move(item));
  return absl::OkStatus();
}

absl::Status ComputeSetItem(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  absl::StatusOr<int64_t> index = ScalarInt(context, 1);
  if (!index.ok()) return index.status();
  TensorList updated = **list;
  bool resize = false;
  if (auto it = context.node().attr().find("resize_if_index_out_of_bounds");
      it != context.node().attr().end()) {
    resize = it->second.b();
  }
  if (*index < 0 || (*index >= static_cast<int64_t>(updated.elements.size()) && !resize)) {
    return context.Error(absl::StrCat("index ", *index, " is out of range for a list of ",
                                      updated.elements.size(), " elements"));
  }
  if (absl::Status status = CheckTensorCount(*index + 1, "TensorList"); !status.ok()) {
    return status;
  }
  if (*index >= static_cast<int64_t>(updated.elements.size())) updated.elements.resize(*index + 1);
  if (absl::Status status = CheckElement(context, updated, context.input(2)); !status.ok()) {
    return status;
  }
  updated.elements[*index] = context.input(2);
  SetList(context, 0, std::move(updated));
  return absl::OkStatus();
}

// Stacks the list's elements at `indices` (zeros for unset ones) into output 0; an empty
// selection stacks to [0, element shape...].
absl::Status StackElements(OpContext& context, const TensorList& list,
                           absl::Span<const int64_t> indices, const TensorList& requested) {
  std::vector<Tensor> items;
  for (int64_t index : indices) {
    absl::StatusOr<Tensor> item = ElementOrZeros(context, list, index, requested);
    if (!item.ok()) return item.status();
    items.push_back(*std::move(item));
  }
  Shape element_shape;
  if (!items.empty()) {
    element_shape = items.front().shape();
  } else {
    absl::StatusOr<Shape> shape = ZerosShape(context, list, requested);
    if (!shape.ok()) return shape.status();
    element_shape = *std::move(shape);
  }
  absl::StatusOr<Tensor> stacked = StackTensors(items, list.element_dtype, element_shape);
  if (!stacked.ok()) return context.Error(stacked.status().message());
  context.set_output(0, *std::move(stacked));
  return absl::OkStatus();
}

absl::Status ComputeStack(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  TensorList requested;
  if (absl::Status status = ReadElementShape(context, 1, requested); !status.ok()) return status;
  std::vector<int64_t> all((*list)->elements.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int64_t>(i);
  return StackElements(context, **list, all, requested);
}

absl::Status ComputeGather(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  const Tensor& indices = context.input(1);
  if (indices.dtype() != tensorflow::DT_INT32) return context.Error("indices must be int32");
  TensorList requested;
  if (absl::Status status = ReadElementShape(context, 2, requested); !status.ok()) return status;
  std::vector<int64_t> selected;
  for (int32_t index : indices.values<int32_t>()) {
    if (index < 0 || index >= static_cast<int64_t>((*list)->elements.size())) {
      return context.Error(absl::StrCat("index ", index, " is out of range"));
    }
    selected.push_back(index);
  }
  return StackElements(context, **list, selected, requested);
}

absl::Status ComputeLength(OpContext& context) {
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  context.set_output(0, Tensor::Scalar<int32_t>(tensorflow::DT_INT32,
                                                static_cast<int32_t>((*list)->elements.size())));
  return absl::OkStatus();
}

absl::Status ComputePushBack(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  TensorList updated = **list;
  if (absl::Status status = CheckElement(context, updated, context.input(1)); !status.ok()) {
    return status;
  }
  if (updated.max_num_elements != -1 &&
      static_cast<int64_t>(updated.elements.size()) >= updated.max_num_elements) {
    return context.Error(
        absl::StrCat("Tried to push item into a full list list size: ", updated.elements.size(),
                     " max_num_elements: ", updated.max_num_elements));
  }
  updated.elements.push_back(context.input(1));
  SetList(context, 0, std::move(updated));
  return absl::OkStatus();
}

absl::Status ComputePopBack(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  if ((*list)->elements.empty()) return context.Error("cannot pop from an empty list");
  TensorList requested;
  if (absl::Status status = ReadElementShape(context, 1, requested); !status.ok()) return status;
  absl::StatusOr<Tensor> item =
      ElementOrZeros(context, **list, (*list)->elements.size() - 1, requested);
  if (!item.ok()) return item.status();
  TensorList updated = **list;
  updated.elements.pop_back();
  SetList(context, 0, std::move(updated));
  context.set_output(1, *std::move(item));
  return absl::OkStatus();
}

absl::Status ComputeResize(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  absl::StatusOr<int64_t> size = ScalarInt(context, 1);
  if (!size.ok()) return size.status();
  if (*size < 0) return context.Error("size must be non-negative");
  if (absl::Status status = CheckTensorCount(*size, "TensorList"); !status.ok()) return status;
  TensorList updated = **list;
  updated.elements.resize(*size);
  SetList(context, 0, std::move(updated));
  return absl::OkStatus();
}

// TensorListScatterV2(tensor, indices, element_shape, num_elements) and
// TensorListScatter(tensor, indices, element_shape): row i of tensor goes to indices[i].
absl::Status ComputeScatter(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 4); !status.ok()) return status;
  const Tensor& tensor = context.input(0);
  const Tensor& indices = context.input(1);
  if (indices.dtype() != tensorflow::DT_INT32) return context.Error("indices must be int32");
  if (tensor.rank() < 1 || tensor.dim(0) != indices.num_elements()) {
    return context.Error("tensor's first dim must match the number of indices");
  }
  TensorList list;
  list.element_dtype = tensor.dtype();
  if (absl::Status status = ReadElementShape(context, 2, list); !status.ok()) return status;
  int64_t size = 0;
  for (int32_t index : indices.values<int32_t>()) {
    if (index < 0) return context.Error("indices must be non-negative");
    size = std::max<int64_t>(size, index + 1);
  }
  if (context.num_inputs() == 4) {
    absl::StatusOr<int64_t> count = ScalarInt(context, 3);
    if (!count.ok()) return count.status();
    if (*count >= 0) {
      if (*count < size) return context.Error("num_elements is smaller than max index + 1");
      size = *count;
    }
  }
  if (absl::Status status = CheckTensorCount(size, "TensorList"); !status.ok()) return status;
  list.elements.resize(size);
  for (int64_t i = 0; i < indices.num_elements(); ++i) {
    absl::StatusOr<Tensor> row = TakeRow(tensor, i);
    if (!row.ok()) return row.status();
    list.elements[indices.data<int32_t>()[i]] = *std::move(row);
  }
  SetList(context, 0, std::move(list));
  return absl::OkStatus();
}

// Concatenates the elements along their first dim; output 1 holds each element's length (int64).
absl::Status ComputeConcat(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 3); !status.ok()) return status;
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  Shape row_shape;
  if ((*list)->elements.empty()) {
    TensorList requested;
    if (context.num_inputs() >= 2) {
      if (absl::Status status = ReadElementShape(context, 1, requested); !status.ok())
        return status;
    }
    absl::StatusOr<Shape> shape = ZerosShape(context, **list, requested);
    if (!shape.ok()) return shape.status();
    if (shape->empty()) return context.Error("elements must have rank >= 1 to concatenate");
    row_shape.assign(shape->begin() + 1, shape->end());
  }
  absl::StatusOr<Concatenated> result =
      ConcatElements((*list)->elements, (*list)->element_dtype, std::move(row_shape));
  if (!result.ok()) return context.Error(result.status().message());
  context.set_output(0, std::move(result->values));
  context.set_output(1, std::move(result->lengths));
  return absl::OkStatus();
}

// TensorListSplit(tensor, element_shape, lengths): consecutive row ranges become elements.
absl::Status ComputeSplit(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& tensor = context.input(0);
  const Tensor& lengths = context.input(2);
  if (tensor.rank() < 1) return context.Error("tensor must have rank >= 1");
  if (lengths.dtype() != tensorflow::DT_INT64) return context.Error("lengths must be int64");
  TensorList list;
  list.element_dtype = tensor.dtype();
  if (absl::Status status = ReadElementShape(context, 1, list); !status.ok()) return status;
  int64_t offset = 0;
  for (int64_t length : lengths.values<int64_t>()) {
    absl::StatusOr<Tensor> rows = SliceRows(tensor, offset, offset + length);
    if (!rows.ok()) return context.Error(rows.status().message());
    list.elements.push_back(*std::move(rows));
    offset += length;
  }
  if (offset != tensor.dim(0)) {
    return context.Error("lengths must add up to the tensor's first dim");
  }
  SetList(context, 0, std::move(list));
  return absl::OkStatus();
}

// TensorListElementShape: the list's element shape, -1 for unknown dims, a -1 scalar for an
// unknown rank.
absl::Status ComputeElementShape(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  const auto& attrs = context.node().attr();
  const auto shape_type = attrs.find("shape_type");
  const DataType dtype =
      shape_type == attrs.end() ? tensorflow::DT_INT32 : shape_type->second.type();
  const bool known = (*list)->element_rank_known;
  const Shape dims = known ? (*list)->element_shape : Shape{-1};
  absl::StatusOr<Tensor> shape =
      Tensor::Allocate(dtype, known ? Shape{static_cast<int64_t>(dims.size())} : Shape{});
  if (!shape.ok()) return context.Error(shape.status().message());
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dtype == tensorflow::DT_INT64) {
      shape->mutable_data<int64_t>()[i] = dims[i];
    } else {
      shape->mutable_data<int32_t>()[i] = static_cast<int32_t>(dims[i]);
    }
  }
  context.set_output(0, *std::move(shape));
  return absl::OkStatus();
}

// TensorListConcatLists(a, b): a's elements then b's, the element shapes merged.
absl::Status ComputeConcatLists(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<const TensorList*> a = InputList(context, 0);
  if (!a.ok()) return a.status();
  absl::StatusOr<const TensorList*> b = InputList(context, 1);
  if (!b.ok()) return b.status();
  absl::StatusOr<DataType> dtype = ElementDtype(context);
  if (!dtype.ok()) return dtype.status();
  if ((*a)->element_dtype != *dtype || (*b)->element_dtype != *dtype) {
    return context.Error(absl::StrCat("Tried to concatenate lists with differing element_dtypes: ",
                                      DataTypeName((*a)->element_dtype), " and ",
                                      DataTypeName((*b)->element_dtype), " (element_dtype ",
                                      DataTypeName(*dtype), ")"));
  }
  TensorList joined = **a;
  if (!joined.MergeElementShape(**b)) {
    return context.Error(
        absl::StrCat("Tried to concatenate lists with incompatible element shapes: ",
                     ShapeString((*a)->element_shape), " and ", ShapeString((*b)->element_shape)));
  }
  joined.elements.insert(joined.elements.end(), (*b)->elements.begin(), (*b)->elements.end());
  SetList(context, 0, std::move(joined));
  return absl::OkStatus();
}

// TensorListScatterIntoExistingList(list, tensor, indices): row i of tensor replaces element
// indices[i]; the list grows to fit the largest index.
absl::Status ComputeScatterIntoExisting(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<const TensorList*> list = InputList(context, 0);
  if (!list.ok()) return list.status();
  const Tensor& tensor = context.input(1);
  const Tensor& indices = context.input(2);
  if (indices.dtype() != tensorflow::DT_INT32) return context.Error("indices must be int32");
  if (tensor.rank() < 1 || tensor.dim(0) != indices.num_elements()) {
    return context.Error(
        absl::StrCat("Expected len(indices) == tensor.shape[0], but saw: ", indices.num_elements(),
                     " vs. ", tensor.rank() < 1 ? 0 : tensor.dim(0)));
  }
  TensorList updated = **list;
  for (int64_t i = 0; i < indices.num_elements(); ++i) {
    const int32_t index = indices.data<int32_t>()[i];
    if (index < 0) {
      return context.Error(absl::StrCat("Indices in TensorListScatter must all be non-negative."));
    }
    if (absl::Status status = CheckTensorCount(index + 1, "TensorList"); !status.ok()) {
      return status;
    }
    if (index >= static_cast<int64_t>(updated.elements.size())) updated.elements.resize(index + 1);
    absl::StatusOr<Tensor> row = TakeRow(tensor, i);
    if (!row.ok()) return context.Error(row.status().message());
    if (absl::Status status = CheckElement(context, updated, *row); !status.ok()) return status;
    updated.elements[index] = *std::move(row);
  }
  SetList(context, 0, std::move(updated));
  return absl::OkStatus();
}

// TF's CPU registrations (list_kernels.cc): the ops that read or write elements take
// TF_CALL_POD_STRING_TYPES, the quantized types and variant; shape_type is int32 or int64.
std::vector<DataType> ListElementDtypes() {
  return dtypes::Join({dtypes::PodString(),
                       {tensorflow::DT_QUINT8, tensorflow::DT_QINT8, tensorflow::DT_QUINT16,
                        tensorflow::DT_QINT16, tensorflow::DT_QINT32, tensorflow::DT_VARIANT}});
}
const std::vector<DataType> kShapeTypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};
KernelDtypes Elements() { return {{"element_dtype", ListElementDtypes()}}; }
KernelDtypes ElementsAndShape(const char* shape_attr) {
  return {{"element_dtype", ListElementDtypes()}, {shape_attr, kShapeTypes}};
}

REGISTER_KERNEL("TensorListElementShape", ComputeElementShape, {{"shape_type", kShapeTypes}});
REGISTER_KERNEL("TensorListConcatLists", ComputeConcatLists);
REGISTER_KERNEL("TensorListScatterIntoExistingList", ComputeScatterIntoExisting, Elements());
REGISTER_KERNEL("TensorListConcat", ComputeConcat, Elements());
REGISTER_KERNEL("TensorListConcatV2", ComputeConcat, ElementsAndShape("shape_type"));
REGISTER_KERNEL("TensorListSplit", ComputeSplit, ElementsAndShape("shape_type"));
REGISTER_KERNEL("TensorListReserve", ComputeReserve, {{"shape_type", kShapeTypes}});
REGISTER_KERNEL("EmptyTensorList", ComputeEmptyTensorList, {{"shape_type", kShapeTypes}});
REGISTER_KERNEL("TensorListFromTensor", ComputeFromTensor, ElementsAndShape("shape_type"));
REGISTER_KERNEL("TensorListGetItem", ComputeGetItem, ElementsAndShape("Tshape"));
REGISTER_KERNEL("TensorListSetItem", ComputeSetItem);
REGISTER_KERNEL("TensorListStack", ComputeStack, Elements());
REGISTER_KERNEL("TensorListGather", ComputeGather, Elements());
REGISTER_KERNEL("TensorListLength", ComputeLength);
REGISTER_KERNEL("TensorListPushBack", ComputePushBack);
REGISTER_KERNEL("TensorListPopBack", ComputePopBack, Elements());
REGISTER_KERNEL("TensorListResize", ComputeResize);
REGISTER_KERNEL("TensorListScatter", ComputeScatter, ElementsAndShape("shape_type"));
REGISTER_KERNEL("TensorListScatterV2", ComputeScatter, ElementsAndShape("shape_type"));

}  // namespace
}  // namespace tfjs::runtime
