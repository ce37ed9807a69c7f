#include "converter/readers/checkpoint/variable_part.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "proto/dtype_size.h"

namespace tfjs::converter {
namespace {

constexpr absl::string_view kPartSuffix = "/part_";

}  // namespace

absl::StatusOr<tensorflow::TensorProto> ReadVariablePart(const CheckpointReader& reader,
                                                         absl::string_view key) {
  const size_t suffix = key.rfind(kPartSuffix);
  int part = 0;
  if (suffix == absl::string_view::npos ||
      !absl::SimpleAtoi(key.substr(suffix + kPartSuffix.size()), &part) || part < 0) {
    return absl::NotFoundError(absl::StrCat("'", key, "' is not a variable part"));
  }
  const absl::string_view name = key.substr(0, suffix);
  if (!reader.Contains(name)) {
    return absl::NotFoundError(absl::StrCat("checkpoint has neither '", key, "' nor '", name, "'"));
  }
  absl::StatusOr<tensorflow::BundleEntryProto> entry = reader.Entry(name);
  if (!entry.ok()) return entry.status();
  // The dimension the slices cut: the one where some slice does not span the whole extent.
  int axis = -1;
  for (const tensorflow::TensorSliceProto& slice : entry->slices()) {
    for (int d = 0; d < slice.extent_size(); ++d) {
      if (slice.extent(d).has_length_case() == tensorflow::TensorSliceProto::Extent::kLength) {
        if (axis >= 0 && axis != d) {
          return absl::NotFoundError(
              absl::StrCat("'", name, "' is sliced along more than one dimension"));
        }
        axis = d;
      }
    }
  }
  if (axis < 0 || part >= entry->slices_size()) {
    return absl::NotFoundError(
        absl::StrCat("'", name, "' has no part ", part, " (", entry->slices_size(), " slices)"));
  }
  std::vector<const tensorflow::TensorSliceProto::Extent*> extents;
  for (const tensorflow::TensorSliceProto& slice : entry->slices()) {
    extents.push_back(&slice.extent(axis));
  }
  std::sort(extents.begin(), extents.end(),
            [](const auto* a, const auto* b) { return a->start() < b->start(); });
  const int64_t start = extents[part]->start();
  const int64_t length = extents[part]->length();

  absl::StatusOr<tensorflow::TensorProto> whole = reader.Read(name);
  if (!whole.ok()) return whole.status();
  const auto& dims = whole->tensor_shape().dim();
  int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= dims[d].size();
  for (int d = axis + 1; d < dims.size(); ++d) inner *= dims[d].size();
  const int64_t axis_size = dims[axis].size();

  tensorflow::TensorProto result;
  result.set_dtype(whole->dtype());
  *result.mutable_tensor_shape() = whole->tensor_shape();
  result.mutable_tensor_shape()->mutable_dim(axis)->set_size(length);
  if (whole->dtype() == tensorflow::DT_STRING) {
    for (int64_t o = 0; o < outer; ++o) {
      const int64_t first = (o * axis_size + start) * inner;
      for (int64_t i = first; i < first + length * inner; ++i) {
        result.add_string_val(whole->string_val(static_cast<int>(i)));
      }
    }
    return result;
  }
  const size_t element = DataTypeSize(whole->dtype());
  const std::string& content = whole->tensor_content();
  std::string* out = result.mutable_tensor_content();
  for (int64_t o = 0; o < outer; ++o) {
    out->append(content, (o * axis_size + start) * inner * element, length * inner * element);
  }
  return result;
}

}  // namespace tfjs::converter
