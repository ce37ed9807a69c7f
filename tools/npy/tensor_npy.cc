#include "tools/npy/tensor_npy.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "runtime/half.h"

namespace tfjs::tools {
namespace {

struct DtypeDescr {
  runtime::DataType dtype;
  const char* descr;
};

constexpr DtypeDescr kDescrs[] = {
    {tensorflow::DT_FLOAT, "<f4"},     {tensorflow::DT_DOUBLE, "<f8"},
    {tensorflow::DT_HALF, "<f2"},      {tensorflow::DT_INT32, "<i4"},
    {tensorflow::DT_INT64, "<i8"},     {tensorflow::DT_INT16, "<i2"},
    {tensorflow::DT_INT8, "|i1"},      {tensorflow::DT_UINT8, "|u1"},
    {tensorflow::DT_UINT16, "<u2"},    {tensorflow::DT_UINT32, "<u4"},
    {tensorflow::DT_UINT64, "<u8"},    {tensorflow::DT_BOOL, "|b1"},
    {tensorflow::DT_COMPLEX64, "<c8"}, {tensorflow::DT_COMPLEX128, "<c16"},
};

}  // namespace

absl::StatusOr<NpyArray> NpyFromTensor(const runtime::Tensor& tensor) {
  NpyArray array;
  array.shape.assign(tensor.shape().begin(), tensor.shape().end());
  if (tensor.dtype() == tensorflow::DT_STRING) {
    size_t width = 1;
    for (const std::string& s : tensor.strings()) width = std::max(width, s.size());
    array.descr = absl::StrCat("|S", width);
    for (const std::string& s : tensor.strings()) {
      array.data += s;
      array.data.append(width - s.size(), '\0');
    }
    return array;
  }
  if (tensor.dtype() == tensorflow::DT_BFLOAT16) {
    array.descr = "<f4";
    array.data.resize(tensor.num_elements() * sizeof(float));
    const uint16_t* bits = tensor.data<uint16_t>();
    for (int64_t i = 0; i < tensor.num_elements(); ++i) {
      const float value = runtime::BFloat16ToFloat(bits[i]);
      std::memcpy(&array.data[i * sizeof(float)], &value, sizeof(float));
    }
    return array;
  }
  for (const DtypeDescr& entry : kDescrs) {
    if (entry.dtype != tensor.dtype()) continue;
    array.descr = entry.descr;
    array.data.assign(static_cast<const char*>(tensor.raw_data()), tensor.byte_size());
    return array;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(".npy cannot hold tensors of dtype ", runtime::DataTypeName(tensor.dtype())));
}

absl::StatusOr<runtime::Tensor> TensorFromNpy(const NpyArray& array) {
  runtime::Shape shape(array.shape.begin(), array.shape.end());
  if (array.descr.size() > 2 && array.descr[1] == 'S') {
    int64_t width = 0;
    if (!absl::SimpleAtoi(array.descr.substr(2), &width) || width <= 0) {
      return absl::InvalidArgumentError(absl::StrCat("bad string dtype ", array.descr));
    }
    std::vector<std::string> values;
    for (size_t at = 0; at + width <= array.data.size(); at += width) {
      std::string value = array.data.substr(at, width);
      value.erase(value.find_last_not_of('\0') + 1);
      values.push_back(std::move(value));
    }
    return runtime::Tensor::Strings(std::move(shape), std::move(values));
  }
  for (const DtypeDescr& entry : kDescrs) {
    if (array.descr != entry.descr) continue;
    absl::StatusOr<runtime::Tensor> tensor = runtime::Tensor::Allocate(entry.dtype, shape);
    if (!tensor.ok()) return tensor.status();
    if (static_cast<size_t>(tensor->byte_size()) != array.data.size()) {
      return absl::InvalidArgumentError("array data does not match its shape");
    }
    std::memcpy(tensor->mutable_data<char>(), array.data.data(), array.data.size());
    return tensor;
  }
  return absl::InvalidArgumentError(absl::StrCat("unsupported .npy dtype '", array.descr, "'"));
}

absl::StatusOr<runtime::Tensor> TensorFromNpyAs(const NpyArray& array, runtime::DataType dtype) {
  absl::StatusOr<runtime::Tensor> tensor = TensorFromNpy(array);
  if (!tensor.ok() || dtype != tensorflow::DT_BFLOAT16 ||
      tensor->dtype() != tensorflow::DT_FLOAT) {
    return tensor;
  }
  absl::StatusOr<runtime::Tensor> narrowed =
      runtime::Tensor::Allocate(tensorflow::DT_BFLOAT16, tensor->shape());
  if (!narrowed.ok()) return narrowed.status();
  for (int64_t i = 0; i < tensor->num_elements(); ++i) {
    narrowed->mutable_data<uint16_t>()[i] = runtime::FloatToBFloat16(tensor->data<float>()[i]);
  }
  return narrowed;
}

}  // namespace tfjs::tools
