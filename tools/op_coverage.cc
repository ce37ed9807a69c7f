// Prints which TF.js ops the op table covers, grouped by category, and its native-only ops.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/types/span.h"
#include "ops/op_table.h"

namespace {

constexpr size_t kLineWidth = 100;

// Prints `names` after a two-space indent, wrapped at kLineWidth.
void PrintWrapped(const std::vector<std::string>& names) {
  std::string line = " ";
  for (const std::string& name : names) {
    if (line.size() + 1 + name.size() > kLineWidth && line.size() > 1) {
      std::printf("%s\n", line.c_str());
      line = " ";
    }
    absl::StrAppend(&line, " ", name);
  }
  if (line.size() > 1) std::printf("%s\n", line.c_str());
}

}  // namespace

int main() {
  std::map<std::string, std::vector<std::string>> tfjs_by_category;
  std::vector<std::string> native_only;
  int tfjs_rows = 0;
  absl::Span<const tfjs::ops::OpDef> ops = tfjs::ops::AllOps();
  for (const tfjs::ops::OpDef& op : ops) {
    if (op.tfjs_supported) {
      tfjs_by_category[op.category].push_back(op.tf_name);
      ++tfjs_rows;
    } else {
      native_only.push_back(op.tf_name);
    }
  }

  const int tfjs_ops = tfjs::ops::TfjsOpListCount();
  std::printf("TF.js 4.22 converter op lists: %d ops\n", tfjs_ops);
  std::printf("Op table: %zu rows\n\n", ops.size());
  std::printf("TF.js ops covered: %d of %d (%.1f%%)\n", tfjs_rows, tfjs_ops,
              tfjs_ops > 0 ? 100.0 * tfjs_rows / tfjs_ops : 0.0);
  if (tfjs_rows != tfjs_ops) {
    std::printf("  %d TF.js ops are missing from the table: regenerate ops/tfjs_op_rows.cc\n",
                tfjs_ops - tfjs_rows);
  }
  for (const auto& [category, names] : tfjs_by_category) {
    std::printf("%s (%zu):\n", category.c_str(), names.size());
    PrintWrapped(names);
  }
  std::printf("\nNative-only ops (tfjs_supported=false): %zu\n", native_only.size());
  if (native_only.empty()) {
    std::printf("  (none)\n");
  } else {
    PrintWrapped(native_only);
  }
  return 0;
}
