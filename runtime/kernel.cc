#include "runtime/kernel.h"

#include <cstdio>
#include <cstdlib>
#include <map>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime {
namespace {

std::map<std::string, KernelFactory, std::less<>>& Registry() {
  static auto* registry = new std::map<std::string, KernelFactory, std::less<>>();
  return *registry;
}

absl::Status NodeError(const tensorflow::NodeDef& node, absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("node '", node.name(), "' (", node.op(), "): ", message));
}

}  // namespace

absl::Status KernelBuildContext::Error(absl::string_view message) const {
  return NodeError(node, message);
}

void OpContext::set_output(int index, Tensor tensor) {
  if (index >= static_cast<int>(outputs_->size())) outputs_->resize(index + 1);
  (*outputs_)[index] = std::move(tensor);
}

absl::Status OpContext::Error(absl::string_view message) const { return NodeError(node_, message); }

absl::Status OpContext::CheckNumInputs(int min_count, int max_count) const {
  if (num_inputs() >= min_count && num_inputs() <= max_count) return absl::OkStatus();
  return Error(min_count == max_count
                   ? absl::StrCat("expects ", min_count, " inputs, got ", num_inputs())
                   : absl::StrCat("expects ", min_count, " to ", max_count, " inputs, got ",
                                  num_inputs()));
}

bool RegisterKernel(absl::string_view op, KernelFactory factory) {
  if (ops::FindOp(op) == nullptr) {
    std::fprintf(stderr, "kernel registered for op %s, which has no row in ops/\n",
                 std::string(op).c_str());
    std::abort();
  }
  if (!Registry().emplace(std::string(op), std::move(factory)).second) {
    std::fprintf(stderr, "two kernels registered for op %s\n", std::string(op).c_str());
    std::abort();
  }
  return true;
}

bool RegisterFunctionKernel(absl::string_view op, FunctionKernel::Function function) {
  return RegisterKernel(op, [function](const KernelBuildContext&)
                                -> absl::StatusOr<std::unique_ptr<Kernel>> {
    return std::make_unique<FunctionKernel>(function);
  });
}

const KernelFactory* FindKernel(absl::string_view op) {
  auto it = Registry().find(op);
  return it == Registry().end() ? nullptr : &it->second;
}

std::vector<std::string> RegisteredKernelOps() {
  std::vector<std::string> names;
  for (const auto& [name, factory] : Registry()) names.push_back(name);
  return names;
}

}  // namespace tfjs::runtime
