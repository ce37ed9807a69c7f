#include "runtime/kernels/misc/kernel_util.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::misc {

bool IsIndexType(DataType dtype) {
  return dtype == tensorflow::DT_INT32 || dtype == tensorflow::DT_INT64;
}

absl::StatusOr<std::vector<int64_t>> IndexValues(const Tensor& tensor, absl::string_view what) {
  std::vector<int64_t> values;
  if (tensor.dtype() == tensorflow::DT_INT32) {
    for (int32_t value : tensor.values<int32_t>()) values.push_back(value);
  } else if (tensor.dtype() == tensorflow::DT_INT64) {
    for (int64_t value : tensor.values<int64_t>()) values.push_back(value);
  } else {
    return absl::InvalidArgumentError(absl::StrCat(what, " must be int32 or int64, got ",
                                                   DataTypeName(tensor.dtype())));
  }
  return values;
}

absl::StatusOr<int64_t> IndexScalar(const Tensor& tensor, absl::string_view what) {
  absl::StatusOr<std::vector<int64_t>> values = IndexValues(tensor, what);
  if (!values.ok()) return values.status();
  if (values->size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat(what, " must be a scalar, got shape ",
                                                   ShapeString(tensor.shape())));
  }
  return (*values)[0];
}

absl::StatusOr<Tensor> IndexTensor(DataType dtype, Shape shape, absl::Span<const int64_t> values) {
  absl::StatusOr<Tensor> tensor = Tensor::Allocate(dtype, std::move(shape));
  if (!tensor.ok()) return tensor.status();
  if (dtype == tensorflow::DT_INT32) {
    int32_t* out = tensor->mutable_data<int32_t>();
    for (size_t i = 0; i < values.size(); ++i) out[i] = static_cast<int32_t>(values[i]);
  } else if (dtype == tensorflow::DT_INT64) {
    int64_t* out = tensor->mutable_data<int64_t>();
    for (size_t i = 0; i < values.size(); ++i) out[i] = values[i];
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("index output dtype must be int32 or int64, got ", DataTypeName(dtype)));
  }
  return tensor;
}

std::optional<std::vector<int64_t>> PartialShapeAttr(const tensorflow::NodeDef& node,
                                                     absl::string_view name) {
  auto it = node.attr().find(std::string(name));
  if (it == node.attr().end() || !it->second.has_shape() || it->second.shape().unknown_rank()) {
    return std::nullopt;
  }
  std::vector<int64_t> dims;
  for (const auto& dim : it->second.shape().dim()) dims.push_back(dim.size());
  return dims;
}

bool IsCompatibleShape(absl::Span<const int64_t> shape, absl::Span<const int64_t> partial) {
  if (shape.size() != partial.size()) return false;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (partial[i] >= 0 && partial[i] != shape[i]) return false;
  }
  return true;
}

absl::StatusOr<Shape> BroadcastShapes(const Shape& a, const Shape& b) {
  const size_t rank = std::max(a.size(), b.size());
  Shape out(rank, 1);
  for (size_t d = 0; d < rank; ++d) {
    const int64_t a_dim = d + a.size() >= rank ? a[d + a.size() - rank] : 1;
    const int64_t b_dim = d + b.size() >= rank ? b[d + b.size() - rank] : 1;
    if (a_dim != b_dim && a_dim != 1 && b_dim != 1) {
      return absl::InvalidArgumentError(absl::StrCat("Incompatible shapes: ", ShapeString(a),
                                                     " vs. ", ShapeString(b)));
    }
    out[d] = a_dim == 1 ? b_dim : a_dim;
  }
  return out;
}

}  // namespace tfjs::runtime::misc
