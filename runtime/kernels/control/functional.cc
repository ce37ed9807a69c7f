// TF2 functional control flow and calls: If/StatelessIf, While/StatelessWhile, For and
// PartitionedCall/StatefulPartitionedCall, whose branches, bodies and callees are library
// functions compiled once when the kernel is built.
#include "absl/strings/str_cat.h"
#include "runtime/function.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

constexpr int kIfCondition = 0;

// TF's truth value of a condition tensor: a scalar's value (a string's non-emptiness), or for
// any other shape whether it has elements.
absl::StatusOr<bool> TruthValue(const OpContext& context, const Tensor& tensor) {
  if (tensor.rank() != 0) return tensor.num_elements() > 0;
  switch (tensor.dtype()) {
    case tensorflow::DT_BOOL:
      return *tensor.data<bool>();
    case tensorflow::DT_FLOAT:
      return *tensor.data<float>() != 0.f;
    case tensorflow::DT_DOUBLE:
      return *tensor.data<double>() != 0.0;
    case tensorflow::DT_INT32:
      return *tensor.data<int32_t>() != 0;
    case tensorflow::DT_INT64:
      return *tensor.data<int64_t>() != 0;
    case tensorflow::DT_UINT8:
      return *tensor.data<uint8_t>() != 0;
    case tensorflow::DT_INT8:
      return *tensor.data<int8_t>() != 0;
    case tensorflow::DT_STRING:
      return !tensor.strings()[0].empty();
    default:
      return context.Error(
          absl::StrCat("cannot use a ", DataTypeName(tensor.dtype()), " scalar as a condition"));
  }
}

absl::StatusOr<std::unique_ptr<Function>> BuildAttrFunction(const KernelBuildContext& context,
                                                            absl::string_view attr) {
  auto it = context.node.attr().find(std::string(attr));
  if (it == context.node.attr().end() || !it->second.has_func()) {
    return context.Error(absl::StrCat("missing function attr '", attr, "'"));
  }
  absl::StatusOr<std::unique_ptr<Function>> function =
      Function::Build(it->second.func().name(), context.library);
  if (!function.ok()) return context.Error(function.status().message());
  return function;
}

class IfKernel : public Kernel {
 public:
  IfKernel(std::unique_ptr<Function> then_branch, std::unique_ptr<Function> else_branch)
      : then_branch_(std::move(then_branch)), else_branch_(std::move(else_branch)) {}

  absl::Status Compute(OpContext& context) const override {
    if (context.num_inputs() < 1) return context.Error("missing the condition input");
    absl::StatusOr<bool> taken = TruthValue(context, context.input(kIfCondition));
    if (!taken.ok()) return taken.status();
    const Function& branch = *taken ? *then_branch_ : *else_branch_;
    absl::StatusOr<std::vector<Tensor>> outputs =
        branch.Call(context.inputs().subspan(1), context.threadpool());
    if (!outputs.ok()) return context.Error(outputs.status().message());
    for (size_t i = 0; i < outputs->size(); ++i) context.set_output(i, (*outputs)[i]);
    return absl::OkStatus();
  }

 private:
  std::unique_ptr<Function> then_branch_;
  std::unique_ptr<Function> else_branch_;
};

class WhileKernel : public Kernel {
 public:
  WhileKernel(std::unique_ptr<Function> cond, std::unique_ptr<Function> body)
      : cond_(std::move(cond)), body_(std::move(body)) {}

  absl::Status Compute(OpContext& context) const override {
    std::vector<Tensor> loop_vars(context.inputs().begin(), context.inputs().end());
    while (true) {
      absl::StatusOr<std::vector<Tensor>> condition = cond_->Call(loop_vars, context.threadpool());
      if (!condition.ok()) return context.Error(condition.status().message());
      if (condition->size() != 1) return context.Error("the condition must return one tensor");
      absl::StatusOr<bool> again = TruthValue(context, condition->front());
      if (!again.ok()) return again.status();
      if (!*again) break;
      absl::StatusOr<std::vector<Tensor>> next = body_->Call(loop_vars, context.threadpool());
      if (!next.ok()) return context.Error(next.status().message());
      if (next->size() != loop_vars.size()) {
        return context.Error(absl::StrCat("the body returns ", next->size(), " tensors for ",
                                          loop_vars.size(), " loop variables"));
      }
      loop_vars = *std::move(next);
    }
    for (size_t i = 0; i < loop_vars.size(); ++i) context.set_output(i, loop_vars[i]);
    return absl::OkStatus();
  }

 private:
  std::unique_ptr<Function> cond_;
  std::unique_ptr<Function> body_;
};

// For(start, limit, delta, inputs...): inputs = body(i, inputs...) for i from start by delta
// while i < limit (i > limit for a negative delta).
class ForKernel : public Kernel {
 public:
  explicit ForKernel(std::unique_ptr<Function> body) : body_(std::move(body)) {}

  absl::Status Compute(OpContext& context) const override {
    if (context.num_inputs() < 3) return context.Error("missing start, limit or delta");
    int32_t bounds[3];
    for (int i = 0; i < 3; ++i) {
      const Tensor& bound = context.input(i);
      if (bound.dtype() != tensorflow::DT_INT32 || bound.num_elements() != 1) {
        return context.Error("start, limit and delta must be int32 scalars");
      }
      bounds[i] = *bound.data<int32_t>();
    }
    const auto [start, limit, delta] = bounds;
    if (delta == 0) return context.Error("delta must be non-zero");
    std::vector<Tensor> vars(context.inputs().begin() + 3, context.inputs().end());
    for (int64_t i = start; delta > 0 ? i < limit : i > limit; i += delta) {
      std::vector<Tensor> args = {
          Tensor::Scalar<int32_t>(tensorflow::DT_INT32, static_cast<int32_t>(i))};
      args.insert(args.end(), vars.begin(), vars.end());
      absl::StatusOr<std::vector<Tensor>> next = body_->Call(args, context.threadpool());
      if (!next.ok()) return context.Error(next.status().message());
      if (next->size() != vars.size()) {
        return context.Error(absl::StrCat("the body returns ", next->size(), " tensors for ",
                                          vars.size(), " loop variables"));
      }
      vars = *std::move(next);
    }
    for (size_t i = 0; i < vars.size(); ++i) context.set_output(i, vars[i]);
    return absl::OkStatus();
  }

 private:
  std::unique_ptr<Function> body_;
};

// PartitionedCall / StatefulPartitionedCall: f(args...).
class CallKernel : public Kernel {
 public:
  explicit CallKernel(std::unique_ptr<Function> function) : function_(std::move(function)) {}

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<std::vector<Tensor>> outputs =
        function_->Call(context.inputs(), context.threadpool());
    if (!outputs.ok()) return context.Error(outputs.status().message());
    for (size_t i = 0; i < outputs->size(); ++i) context.set_output(i, (*outputs)[i]);
    return absl::OkStatus();
  }

 private:
  std::unique_ptr<Function> function_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildFor(const KernelBuildContext& context) {
  absl::StatusOr<std::unique_ptr<Function>> body = BuildAttrFunction(context, "body");
  if (!body.ok()) return body.status();
  return std::make_unique<ForKernel>(*std::move(body));
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildCall(const KernelBuildContext& context) {
  absl::StatusOr<std::unique_ptr<Function>> function = BuildAttrFunction(context, "f");
  if (!function.ok()) return function.status();
  return std::make_unique<CallKernel>(*std::move(function));
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildIf(const KernelBuildContext& context) {
  absl::StatusOr<std::unique_ptr<Function>> then_branch = BuildAttrFunction(context, "then_branch");
  if (!then_branch.ok()) return then_branch.status();
  absl::StatusOr<std::unique_ptr<Function>> else_branch = BuildAttrFunction(context, "else_branch");
  if (!else_branch.ok()) return else_branch.status();
  return std::make_unique<IfKernel>(*std::move(then_branch), *std::move(else_branch));
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildWhile(const KernelBuildContext& context) {
  absl::StatusOr<std::unique_ptr<Function>> cond = BuildAttrFunction(context, "cond");
  if (!cond.ok()) return cond.status();
  absl::StatusOr<std::unique_ptr<Function>> body = BuildAttrFunction(context, "body");
  if (!body.ok()) return body.status();
  return std::make_unique<WhileKernel>(*std::move(cond), *std::move(body));
}

REGISTER_KERNEL_FACTORY("If", BuildIf);
REGISTER_KERNEL_FACTORY("StatelessIf", BuildIf);
REGISTER_KERNEL_FACTORY("While", BuildWhile);
REGISTER_KERNEL_FACTORY("StatelessWhile", BuildWhile);
REGISTER_KERNEL_FACTORY("For", BuildFor);
REGISTER_KERNEL_FACTORY("PartitionedCall", BuildCall);
REGISTER_KERNEL_FACTORY("StatefulPartitionedCall", BuildCall);

}  // namespace
}  // namespace tfjs::runtime
