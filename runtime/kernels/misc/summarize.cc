// A tensor's values as text, as TF's Tensor::SummarizeValue prints them for Print.
#include "runtime/kernels/misc/summarize.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::misc {
namespace {

// The element types printed as numbers (16-bit floats as their float value, as TF prints them).
using NumberTypes = math::TypeList<float, double, math::Half, math::BFloat16, int32_t, int64_t,
                                   uint8_t, int8_t, int16_t, uint16_t, uint32_t, uint64_t>;

// Appends the elements of dimension `dim` onwards, bracketing every dimension but the last,
// until `limit` elements are written (TF's PrintOneDim).
void AppendDim(int dim, const Shape& shape, int64_t limit,
               const std::function<std::string(int64_t)>& element, int64_t* next,
               std::string* out) {
  if (*next >= limit) return;
  const int64_t count = shape[dim];
  if (dim == static_cast<int>(shape.size()) - 1) {
    for (int64_t i = 0; i < count; ++i) {
      if (*next >= limit) {
        if (dim != 0) absl::StrAppend(out, "...");
        return;
      }
      if (i > 0) absl::StrAppend(out, " ");
      absl::StrAppend(out, element((*next)++));
    }
    return;
  }
  for (int64_t i = 0; i < count; ++i) {
    bool opened = false;
    if (*next < limit) {
      absl::StrAppend(out, "[");
      opened = true;
    }
    AppendDim(dim + 1, shape, limit, element, next, out);
    if (*next < limit || opened) absl::StrAppend(out, "]");
  }
}

// The text of element i, or nullptr when the dtype has no printable elements.
std::function<std::string(int64_t)> ElementPrinter(const Tensor& tensor) {
  if (tensor.dtype() == tensorflow::DT_STRING) {
    return [&tensor](int64_t i) { return absl::Utf8SafeCEscape(tensor.strings()[i]); };
  }
  if (tensor.dtype() == tensorflow::DT_BOOL) {
    return [&tensor](int64_t i) -> std::string { return tensor.data<bool>()[i] ? "1" : "0"; };
  }
  std::function<std::string(int64_t)> printer;
  math::DispatchTag(NumberTypes(), tensor.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    printer = [&tensor](int64_t i) {
      const auto value = math::Widen(tensor.data<T>()[i]);
      if constexpr (sizeof(T) == 1)
        return absl::StrCat(static_cast<int>(value));
      else
        return absl::StrCat(value);
    };
  });
  if (tensor.dtype() == tensorflow::DT_COMPLEX64) {
    printer = [&tensor](int64_t i) {
      const float* pair = tensor.data<float>() + 2 * i;
      return absl::StrCat("(", pair[0], ",", pair[1], ")");
    };
  }
  return printer;
}

}  // namespace

std::string SummarizeValue(const Tensor& tensor, int64_t max_entries) {
  const int64_t count = tensor.num_elements();
  if (max_entries < 0) max_entries = count;
  const int64_t limit = std::min(max_entries, count);
  std::function<std::string(int64_t)> element = ElementPrinter(tensor);
  if (!element) return absl::StrCat("<", DataTypeName(tensor.dtype()), " tensor>");
  std::string out;
  if (tensor.rank() == 0) {
    if (limit > 0) out = element(0);
  } else {
    int64_t next = 0;
    AppendDim(0, tensor.shape(), limit, element, &next, &out);
  }
  if (count > limit) absl::StrAppend(&out, "...");
  return out;
}

std::string TfDataTypeString(DataType dtype) {
  switch (dtype) {
    case tensorflow::DT_FLOAT:
      return "float";
    case tensorflow::DT_DOUBLE:
      return "double";
    case tensorflow::DT_HALF:
      return "half";
    default:
      return DataTypeName(dtype);
  }
}

std::string TensorDebugString(const Tensor& tensor) {
  return absl::StrCat("Tensor<type: ", TfDataTypeString(tensor.dtype()),
                      " shape: ", ShapeString(tensor.shape()),
                      " values: ", SummarizeValue(tensor, 3), ">");
}

}  // namespace tfjs::runtime::misc
