// Each kernel's declared dtypes (runtime/kernel.h) against the dtypes TF's own CPU kernel takes
// for the same op (the op table's TfCpuDtypes: TF's CPU registrations where recorded, else the
// op's allowed dtypes). A known difference is listed with its reason in
// runtime/kernel_dtype_differences.txt; the test fails on a difference that is not listed and on
// a listed one that no longer differs.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "ops/op_table.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

// "Op attr" -> reason, from the differences file ("Op attr: reason" per line, '#' comments).
std::map<std::string, std::string> ListedDifferences() {
  std::map<std::string, std::string> listed;
  // Tests run in the workspace root of their runfiles.
  std::ifstream file("runtime/kernel_dtype_differences.txt");
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    listed[std::string(absl::StripAsciiWhitespace(line.substr(0, colon)))] =
        std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
  }
  return listed;
}

// The kernel's dtypes for `attr` by name, sorted; empty when it leaves the attr open.
std::vector<std::string> DeclaredDtypeNames(const KernelDtypes& dtypes, const std::string& attr) {
  std::vector<std::string> names;
  for (const TypeConstraint& constraint : dtypes) {
    if (constraint.attr != attr) continue;
    for (DataType dtype : constraint.dtypes) names.push_back(DataTypeName(dtype));
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(KernelDtypesTest, DeclaredDtypesAreTfsCpuDtypes) {
  const std::map<std::string, std::string> listed = ListedDifferences();
  std::set<std::string> seen_differences;
  std::vector<std::string> unlisted;
  int compared = 0;
  for (const std::string& op : RegisteredKernelOps()) {
    const ops::OpDef* def = ops::FindOp(op);
    ASSERT_NE(def, nullptr) << op;
    if (!def->in_tf_registry || def->tf_cpu_kernel == ops::TfCpuKernel::kNone) continue;
    for (const ops::AttrDef& attr : def->attrs) {
      if (attr.tf_type != "type" && attr.tf_type != "list(type)") continue;
      std::vector<std::string> tf = ops::TfCpuDtypes(*def, attr.tf_name);
      std::sort(tf.begin(), tf.end());
      const std::vector<std::string> ours = DeclaredDtypeNames(*FindKernelDtypes(op), attr.tf_name);
      ++compared;
      if (tf == ours) continue;
      const std::string key = absl::StrCat(op, " ", attr.tf_name);
      seen_differences.insert(key);
      if (!listed.count(key)) {
        unlisted.push_back(absl::StrCat(key, ": TF [", absl::StrJoin(tf, ","), "], kernel [",
                                        absl::StrJoin(ours, ","), "]"));
      }
    }
  }
  EXPECT_GT(compared, 100);
  EXPECT_TRUE(unlisted.empty()) << unlisted.size() << " kernels' dtypes differ from TF's:\n"
                                << absl::StrJoin(unlisted, "\n");
  std::vector<std::string> stale;
  for (const auto& [key, reason] : listed) {
    if (!seen_differences.count(key)) stale.push_back(key);
  }
  EXPECT_TRUE(stale.empty()) << "listed in kernel_dtype_differences.txt but agreeing with TF: "
                             << absl::StrJoin(stale, ", ");
}

}  // namespace
}  // namespace tfjs::runtime
