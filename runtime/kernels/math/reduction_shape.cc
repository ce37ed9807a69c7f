#include "runtime/kernels/math/reduction_shape.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::math {

absl::StatusOr<std::vector<int>> ReadReductionAxes(const Tensor& axes, int rank) {
  if (axes.rank() > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("axis must be a scalar or 1-D, got shape ", ShapeString(axes.shape())));
  }
  std::vector<int64_t> values;
  if (axes.dtype() == tensorflow::DT_INT32) {
    for (int32_t axis : axes.values<int32_t>()) values.push_back(axis);
  } else if (axes.dtype() == tensorflow::DT_INT16) {
    for (int16_t axis : axes.values<int16_t>()) values.push_back(axis);
  } else if (axes.dtype() == tensorflow::DT_INT64) {
    for (int64_t axis : axes.values<int64_t>()) values.push_back(axis);
  } else {
    return absl::InvalidArgumentError(absl::StrCat("axis has dtype ", DataTypeName(axes.dtype()),
                                                   "; it must be int16, int32 or int64"));
  }
  std::vector<bool> seen(rank, false);
  std::vector<int> result;
  for (int64_t axis : values) {
    if (axis < -rank || axis >= rank) {
      return absl::InvalidArgumentError(absl::StrCat("Invalid reduction dimension (", axis,
                                                     " for input with ", rank, " dimension(s)"));
    }
    const int index = static_cast<int>(axis < 0 ? axis + rank : axis);
    if (seen[index]) {
      return absl::InvalidArgumentError(absl::StrCat("Axes contains duplicate dimension: ", index));
    }
    seen[index] = true;
    result.push_back(index);
  }
  std::sort(result.begin(), result.end());
  return result;
}

ReductionShape MakeReductionShape(absl::Span<const int64_t> input, const std::vector<int>& axes,
                                  bool keep_dims) {
  ReductionShape shape;
  std::vector<bool> reduced(input.size(), false);
  for (int axis : axes) reduced[axis] = true;
  // Merged groups, outermost first: size and whether reduced.
  std::vector<std::pair<int64_t, bool>> groups;
  for (size_t d = 0; d < input.size(); ++d) {
    if (reduced[d]) {
      shape.reduced_count *= input[d];
      if (keep_dims) shape.output.push_back(1);
    } else {
      shape.output.push_back(input[d]);
    }
    if (input[d] == 1) continue;
    if (!groups.empty() && groups.back().second == reduced[d]) {
      groups.back().first *= input[d];
    } else {
      groups.emplace_back(input[d], reduced[d]);
    }
  }
  // Reduce the innermost reduced group first; each step removes it from `groups`.
  for (int g = static_cast<int>(groups.size()) - 1; g >= 0; --g) {
    if (!groups[g].second) continue;
    ReductionStep step;
    for (int i = 0; i < g; ++i) step.outer *= groups[i].first;
    step.reduced = groups[g].first;
    for (size_t i = g + 1; i < groups.size(); ++i) step.inner *= groups[i].first;
    shape.steps.push_back(step);
    groups.erase(groups.begin() + g);
  }
  return shape;
}

}  // namespace tfjs::runtime::math
