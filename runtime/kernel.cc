#include "runtime/kernel.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime {
namespace {

struct Registration {
  KernelFactory factory;
  KernelDtypes dtypes;
};

std::map<std::string, Registration, std::less<>>& Registry() {
  static auto* registry = new std::map<std::string, Registration, std::less<>>();
  return *registry;
}

[[noreturn]] void RegistrationError(const std::string& message) {
  std::fprintf(stderr, "kernel registration: %s\n", message.c_str());
  std::abort();
}

std::string DtypeList(const std::vector<DataType>& dtypes) {
  std::string text;
  for (DataType dtype : dtypes)
    absl::StrAppend(&text, text.empty() ? "" : ", ", DataTypeName(dtype));
  return text;
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
  return Error(
      min_count == max_count
          ? absl::StrCat("expects ", min_count, " inputs, got ", num_inputs())
          : absl::StrCat("expects ", min_count, " to ", max_count, " inputs, got ", num_inputs()));
}

bool RegisterKernel(absl::string_view op, KernelFactory factory, KernelDtypes dtypes) {
  const ops::OpDef* op_def = ops::FindOp(op);
  if (op_def == nullptr) RegistrationError(absl::StrCat("op ", op, " has no row in ops/"));
  for (const TypeConstraint& constraint : dtypes) {
    const ops::AttrDef* attr = ops::FindAttr(*op_def, constraint.attr);
    if (attr == nullptr || (attr->tf_type != "type" && attr->tf_type != "list(type)" &&
                            attr->type != ops::ParamType::kDtype)) {
      RegistrationError(
          absl::StrCat("op ", op, " has no type attr '", constraint.attr, "' to constrain"));
    }
  }
  if (!Registry()
           .emplace(std::string(op), Registration{std::move(factory), std::move(dtypes)})
           .second) {
    RegistrationError(absl::StrCat("two kernels registered for op ", op));
  }
  return true;
}

bool RegisterFunctionKernel(absl::string_view op, FunctionKernel::Function function,
                            KernelDtypes dtypes) {
  return RegisterKernel(
      op,
      [function](const KernelBuildContext&) -> absl::StatusOr<std::unique_ptr<Kernel>> {
        return std::make_unique<FunctionKernel>(function);
      },
      std::move(dtypes));
}

const KernelFactory* FindKernel(absl::string_view op) {
  auto it = Registry().find(op);
  return it == Registry().end() ? nullptr : &it->second.factory;
}

const KernelDtypes* FindKernelDtypes(absl::string_view op) {
  auto it = Registry().find(op);
  return it == Registry().end() ? nullptr : &it->second.dtypes;
}

std::string KernelDtypeMismatch(const tensorflow::NodeDef& node, const ops::OpDef& op_def) {
  const KernelDtypes* dtypes = FindKernelDtypes(node.op());
  if (dtypes == nullptr) return "";
  for (const TypeConstraint& constraint : *dtypes) {
    std::vector<DataType> node_dtypes;
    auto it = node.attr().find(constraint.attr);
    if (it != node.attr().end()) {
      if (it->second.value_case() == tensorflow::AttrValue::kType) {
        node_dtypes.push_back(it->second.type());
      } else {
        for (int dtype : it->second.list().type()) {
          node_dtypes.push_back(static_cast<DataType>(dtype));
        }
      }
    } else if (const ops::AttrDef* attr = ops::FindAttr(op_def, constraint.attr);
               attr != nullptr && attr->has_default && attr->tf_type == "type") {
      absl::StatusOr<DataType> dtype = DataTypeFromName(attr->default_value);
      if (dtype.ok()) node_dtypes.push_back(*dtype);
    }
    for (DataType dtype : node_dtypes) {
      if (std::find(constraint.dtypes.begin(), constraint.dtypes.end(), dtype) ==
          constraint.dtypes.end()) {
        return absl::StrCat("attr ", constraint.attr, "=", DataTypeName(dtype),
                            " is not supported: this runtime's kernel takes ",
                            DtypeList(constraint.dtypes));
      }
    }
  }
  return "";
}

absl::Status CheckKernelDtypes(const tensorflow::NodeDef& node, const ops::OpDef& op_def) {
  const std::string mismatch = KernelDtypeMismatch(node, op_def);
  return mismatch.empty() ? absl::OkStatus() : NodeError(node, mismatch);
}

std::vector<std::string> RegisteredKernelOps() {
  std::vector<std::string> names;
  for (const auto& [name, factory] : Registry()) names.push_back(name);
  return names;
}

}  // namespace tfjs::runtime
