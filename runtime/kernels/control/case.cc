// TF2 functional switch: Case/StatelessCase(branch_index, inputs...) calls
// branches[branch_index] on the inputs; as in TF, an index outside [0, branches) takes the last
// branch. The branches are library functions compiled once when the kernel is built.
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/function.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

constexpr int kBranchIndex = 0;

class CaseKernel : public Kernel {
 public:
  explicit CaseKernel(std::vector<std::unique_ptr<Function>> branches)
      : branches_(std::move(branches)) {}

  absl::Status Compute(OpContext& context) const override {
    if (context.num_inputs() < 1) return context.Error("missing the branch_index input");
    const Tensor& index = context.input(kBranchIndex);
    if (index.dtype() != tensorflow::DT_INT32) {
      return context.Error(
          absl::StrCat("branch_index must be int32, got ", DataTypeName(index.dtype())));
    }
    if (index.rank() != 0) {
      return context.Error(
          absl::StrCat("branch_index must be scalar, got shape ", ShapeString(index.shape())));
    }
    const int32_t requested = index.data<int32_t>()[0];
    const int last = static_cast<int>(branches_.size()) - 1;
    const int taken = requested < 0 || requested > last ? last : requested;
    absl::StatusOr<std::vector<Tensor>> outputs =
        branches_[taken]->Call(context.inputs().subspan(1), context.threadpool());
    if (!outputs.ok()) {
      return context.Error(absl::StrCat("branch ", taken, ": ", outputs.status().message()));
    }
    for (size_t i = 0; i < outputs->size(); ++i) context.set_output(i, (*outputs)[i]);
    return absl::OkStatus();
  }

 private:
  std::vector<std::unique_ptr<Function>> branches_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildCase(const KernelBuildContext& context) {
  auto it = context.node.attr().find("branches");
  if (it == context.node.attr().end() || it->second.list().func_size() == 0) {
    return context.Error("missing the function list attr 'branches' (at least one branch)");
  }
  std::vector<std::unique_ptr<Function>> branches;
  for (const tensorflow::NameAttrList& branch : it->second.list().func()) {
    absl::StatusOr<std::unique_ptr<Function>> function =
        Function::Build(branch.name(), context.library);
    if (!function.ok()) return context.Error(function.status().message());
    branches.push_back(*std::move(function));
  }
  return std::make_unique<CaseKernel>(std::move(branches));
}

REGISTER_KERNEL_FACTORY("Case", BuildCase);
REGISTER_KERNEL_FACTORY("StatelessCase", BuildCase);

}  // namespace
}  // namespace tfjs::runtime
