// The converter's op check and the runtime's dispatch read one table: every op TF.js runs has a
// kernel (or is graph structure the Graph itself handles), and every kernel has a row.
#include <set>
#include <string>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "ops/op_table.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

// Graph structure, not computation: Graph::Build binds these without kernels.
const std::set<std::string> kGraphStructureOps = {"Const", "Placeholder", "PlaceholderV2"};

TEST(OpTableAgreementTest, EveryTfjsOpRuns) {
  std::vector<std::string> missing;
  for (const ops::OpDef& op : ops::AllOps()) {
    if (op.tfjs_supported && kGraphStructureOps.count(op.tf_name) == 0 &&
        FindKernel(op.tf_name) == nullptr) {
      missing.push_back(op.tf_name);
    }
  }
  EXPECT_TRUE(missing.empty()) << "TF.js ops without a kernel: " << absl::StrJoin(missing, ", ");
}

TEST(OpTableAgreementTest, EveryKernelHasATableRow) {
  const std::vector<std::string> kernels = RegisteredKernelOps();
  EXPECT_GT(kernels.size(), 200u);
  for (const std::string& op : kernels) EXPECT_NE(ops::FindOp(op), nullptr) << op;
}

}  // namespace
}  // namespace tfjs::runtime
