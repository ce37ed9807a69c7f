// The op table: the generated TF.js rows and the hand-written native rows, merged and sorted.
#include "ops/op_table.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "ops/op_rows.h"

namespace tfjs::ops {
namespace {

bool NameLess(const OpDef& a, const OpDef& b) { return a.tf_name < b.tf_name; }

const std::vector<OpDef>& SortedOps() {
  static const std::vector<OpDef>* const ops = [] {
    auto* rows = new std::vector<OpDef>(TfjsOpRows());
    std::vector<OpDef> native = NativeOpRows();
    rows->insert(rows->end(), std::make_move_iterator(native.begin()),
                 std::make_move_iterator(native.end()));
    std::stable_sort(rows->begin(), rows->end(), NameLess);
    return rows;
  }();
  return *ops;
}

}  // namespace

absl::Span<const OpDef> AllOps() { return SortedOps(); }

const OpDef* FindOp(absl::string_view tf_name) {
  const std::vector<OpDef>& ops = SortedOps();
  auto it = std::lower_bound(ops.begin(), ops.end(), tf_name,
                             [](const OpDef& op, absl::string_view name) {
                               return absl::string_view(op.tf_name) < name;
                             });
  if (it == ops.end() || it->tf_name != tf_name) return nullptr;
  return &*it;
}

int TfjsOpListCount() { return kTfjsOpListCount; }

absl::StatusOr<InputRange> ResolveInputRange(const InputDef& input, int num_inputs) {
  int begin = input.start < 0 ? num_inputs + input.start : input.start;
  if (begin < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("input '", input.name, "' starts at position ", input.start,
                     " from the end, but the node has only ", num_inputs, " inputs"));
  }
  begin = std::min(begin, num_inputs);
  if (input.end == InputDef::kSingle) {
    return InputRange{begin, std::min(begin + 1, num_inputs)};
  }
  int end = input.end == InputDef::kToEnd ? num_inputs
            : input.end < 0               ? num_inputs + input.end
                                          : std::min(input.end, num_inputs);
  return InputRange{begin, std::max(begin, end)};
}

}  // namespace tfjs::ops
