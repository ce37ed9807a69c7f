#include "runtime/kernels/misc/einsum_plan.h"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tfjs::runtime::misc {
namespace {

// One operand's subscripts: letters, with the ellipsis at `ellipsis` (-1 when absent).
struct Subscripts {
  std::string labels;
  int ellipsis = -1;
};

absl::StatusOr<Subscripts> ParseSubscripts(absl::string_view text) {
  Subscripts subscripts;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "...") {
      if (subscripts.ellipsis >= 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("more than one ellipsis in subscripts '", text, "'"));
      }
      subscripts.ellipsis = static_cast<int>(subscripts.labels.size());
      i += 2;
      continue;
    }
    if (!absl::ascii_isalpha(text[i])) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid character '", text.substr(i, 1), "' in einsum subscripts '", text,
                       "'"));
    }
    subscripts.labels.push_back(text[i]);
  }
  return subscripts;
}

// The label of every dim of a shape of `rank`; ellipsis dims get ids 256 + their position counted
// from the right end of the broadcast ellipsis of `ellipsis_rank` dims.
std::vector<int> DimLabels(const Subscripts& subscripts, int rank) {
  const int covered = rank - static_cast<int>(subscripts.labels.size());
  std::vector<int> labels;
  for (int i = 0; i < static_cast<int>(subscripts.labels.size()); ++i) {
    if (i == subscripts.ellipsis) {
      for (int e = 0; e < covered; ++e) labels.push_back(256 + (covered - 1 - e));
    }
    labels.push_back(static_cast<unsigned char>(subscripts.labels[i]));
  }
  if (subscripts.ellipsis == static_cast<int>(subscripts.labels.size())) {
    for (int e = 0; e < covered; ++e) labels.push_back(256 + (covered - 1 - e));
  }
  return labels;
}

}  // namespace

absl::StatusOr<EinsumPlan> PlanEinsum(absl::string_view equation,
                                      absl::Span<const Shape> input_shapes) {
  std::string compact;
  for (char c : equation) {
    if (c != ' ') compact.push_back(c);
  }
  std::vector<std::string> sides = absl::StrSplit(compact, "->");
  if (sides.size() != 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("Expecting exactly one '->' in einsum equation: ", equation));
  }
  std::vector<std::string> operands = absl::StrSplit(sides[0], ',');
  if (operands.size() != input_shapes.size()) {
    return absl::InvalidArgumentError(absl::StrCat("Expecting ", operands.size(),
                                                   " inputs for equation ", equation, ", got ",
                                                   input_shapes.size()));
  }
  absl::StatusOr<Subscripts> output = ParseSubscripts(sides[1]);
  if (!output.ok()) return output.status();

  // Sizes of every label; ellipsis labels broadcast like numpy (1 stretches).
  std::map<int, int64_t> sizes;
  std::vector<std::vector<int>> input_labels;
  int ellipsis_rank = 0;
  for (size_t k = 0; k < operands.size(); ++k) {
    absl::StatusOr<Subscripts> subscripts = ParseSubscripts(operands[k]);
    if (!subscripts.ok()) return subscripts.status();
    const int rank = static_cast<int>(input_shapes[k].size());
    const int named = static_cast<int>(subscripts->labels.size());
    if (subscripts->ellipsis < 0 ? rank != named : rank < named) {
      return absl::InvalidArgumentError(absl::StrCat(
          "Input ", k, " of rank ", rank, " does not match subscripts '", operands[k], "'"));
    }
    std::vector<int> labels = DimLabels(*subscripts, rank);
    for (int d = 0; d < rank; ++d) {
      const int64_t dim = input_shapes[k][d];
      auto [it, inserted] = sizes.emplace(labels[d], dim);
      if (inserted || it->second == dim) continue;
      if (labels[d] >= 256 && (dim == 1 || it->second == 1)) {
        it->second = std::max(it->second, dim);
        continue;
      }
      return absl::InvalidArgumentError(absl::StrCat(
          "Expected dimension ", it->second, " at axis ", d, " of input ", k, " shaped ",
          ShapeString(input_shapes[k]), " but got dimension ", dim));
    }
    ellipsis_rank = std::max(ellipsis_rank, rank - named);
    input_labels.push_back(std::move(labels));
  }

  // Output labels in order; the ellipsis expands to the full broadcast ellipsis.
  std::vector<int> output_labels;
  for (int i = 0; i <= static_cast<int>(output->labels.size()); ++i) {
    if (i == output->ellipsis) {
      for (int e = ellipsis_rank - 1; e >= 0; --e) output_labels.push_back(256 + e);
    }
    if (i == static_cast<int>(output->labels.size())) break;
    const int label = static_cast<unsigned char>(output->labels[i]);
    if (sizes.count(label) == 0) {
      return absl::InvalidArgumentError(absl::StrCat("Output subscript '", output->labels.substr(i, 1),
                                                     "' does not appear in the inputs"));
    }
    if (std::count(output_labels.begin(), output_labels.end(), label) > 0) {
      return absl::InvalidArgumentError(absl::StrCat("Output subscript '",
                                                     output->labels.substr(i, 1),
                                                     "' appears more than once"));
    }
    output_labels.push_back(label);
  }

  EinsumPlan plan;
  std::vector<int> all_labels = output_labels;
  for (const auto& [label, size] : sizes) {
    if (std::find(all_labels.begin(), all_labels.end(), label) == all_labels.end()) {
      all_labels.push_back(label);
    }
  }
  plan.num_output_labels = static_cast<int>(output_labels.size());
  for (int label : all_labels) plan.label_sizes.push_back(sizes[label]);
  for (int label : output_labels) plan.output_shape.push_back(sizes[label]);
  for (size_t k = 0; k < input_labels.size(); ++k) {
    std::vector<int64_t> strides(all_labels.size(), 0);
    int64_t stride = 1;
    for (int d = static_cast<int>(input_labels[k].size()) - 1; d >= 0; --d) {
      const int64_t dim = input_shapes[k][d];
      const size_t at = std::find(all_labels.begin(), all_labels.end(), input_labels[k][d]) -
                        all_labels.begin();
      if (dim != 1 || plan.label_sizes[at] == 1) strides[at] += stride;
      stride *= dim;
    }
    plan.input_strides.push_back(std::move(strides));
  }
  return plan;
}

}  // namespace tfjs::runtime::misc
