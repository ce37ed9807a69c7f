// TF1 control-flow primitives: Switch, Merge, Enter, Exit, NextIteration and LoopCond, their Ref
// forms (reference edges carry values here, see runtime/kernels/scatter/README.md), RefSelect and
// ControlTrigger. They move values between branches and loop frames; the frame executor does the
// scheduling.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

constexpr int kData = 0;
constexpr int kPredicate = 1;
constexpr int kSelectIndex = 0;

// Forwards the data to output 1 when the predicate is true, else to output 0; the other output
// stays dead, so nothing reading it runs.
absl::Status ComputeSwitch(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& predicate = context.input(kPredicate);
  if (predicate.dtype() != tensorflow::DT_BOOL || predicate.num_elements() != 1) {
    return context.Error(absl::StrCat("predicate must be a bool scalar, got ",
                                      DataTypeName(predicate.dtype()), " of shape ",
                                      ShapeString(predicate.shape())));
  }
  context.set_output(*predicate.data<bool>() ? 1 : 0, context.input(kData));
  return absl::OkStatus();
}

// Forwards the first available input, and its index as an int32 scalar.
absl::Status ComputeMerge(OpContext& context) {
  for (int i = 0; i < context.num_inputs(); ++i) {
    if (!context.input(i).is_valid()) continue;
    context.set_output(0, context.input(i));
    context.set_output(1, Tensor::Scalar<int32_t>(tensorflow::DT_INT32, i));
    return absl::OkStatus();
  }
  return context.Error("no input is available");
}

absl::Status ForwardSingleInput(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  context.set_output(0, context.input(0));
  return absl::OkStatus();
}

absl::Status ComputeEnter(OpContext& context) {
  FrameTransition transition;
  transition.kind = FrameTransition::Kind::kEnter;
  const auto& attrs = context.node().attr();
  if (auto it = attrs.find("frame_name"); it != attrs.end()) transition.frame_name = it->second.s();
  if (auto it = attrs.find("is_constant"); it != attrs.end())
    transition.is_constant = it->second.b();
  if (transition.frame_name.empty()) return context.Error("missing attr 'frame_name'");
  context.set_frame_transition(std::move(transition));
  return ForwardSingleInput(context);
}

absl::Status ComputeExit(OpContext& context) {
  FrameTransition transition;
  transition.kind = FrameTransition::Kind::kExit;
  context.set_frame_transition(std::move(transition));
  return ForwardSingleInput(context);
}

absl::Status ComputeNextIteration(OpContext& context) {
  FrameTransition transition;
  transition.kind = FrameTransition::Kind::kNextIteration;
  context.set_frame_transition(std::move(transition));
  return ForwardSingleInput(context);
}

absl::Status ComputeLoopCond(OpContext& context) {
  if (absl::Status status = ForwardSingleInput(context); !status.ok()) return status;
  const Tensor& predicate = context.input(0);
  if (predicate.dtype() != tensorflow::DT_BOOL || predicate.num_elements() != 1) {
    return context.Error("input must be a bool scalar");
  }
  return absl::OkStatus();
}

// RefSelect(index, inputs...): forwards inputs[index]; index must be in [0, N).
absl::Status ComputeRefSelect(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 1 << 30); !status.ok()) return status;
  const Tensor& index = context.input(kSelectIndex);
  if (index.dtype() != tensorflow::DT_INT32 || index.rank() != 0) {
    return context.Error(
        absl::StrCat("Index must be a scalar, but it has shape ", ShapeString(index.shape())));
  }
  const int32_t selected = *index.data<int32_t>();
  const int count = context.num_inputs() - 1;
  if (selected < 0 || selected >= count) {
    return context.Error(
        absl::StrCat("Index must be in the range [0, ", count, ") but got ", selected));
  }
  context.set_output(0, context.input(selected + 1));
  return absl::OkStatus();
}

// A no-op whose only use is as a control input (TF's gradient code adds them to loops).
absl::Status ComputeControlTrigger(OpContext& context) { return context.CheckNumInputs(0, 0); }

KernelFactory ControlFlow(FunctionKernel::Function function, bool runs_on_any_input = false) {
  return [function,
          runs_on_any_input](const KernelBuildContext&) -> absl::StatusOr<std::unique_ptr<Kernel>> {
    return std::make_unique<ControlFlowKernel>(function, runs_on_any_input);
  };
}

// TF's CPU Switch and RefSwitch take TF_CALL_ALL_TYPES and the quantized types, RefSelect
// TF_CALL_ALL_TYPES; the others take any dtype (control_flow_ops.cc).
KernelDtypes SwitchDtypes() { return {{"T", dtypes::Join({dtypes::All(), dtypes::Quantized()})}}; }

REGISTER_KERNEL_FACTORY("Switch", ControlFlow(ComputeSwitch), SwitchDtypes());
REGISTER_KERNEL_FACTORY("RefSwitch", ControlFlow(ComputeSwitch), SwitchDtypes());
REGISTER_KERNEL_FACTORY("Merge", ControlFlow(ComputeMerge, /*runs_on_any_input=*/true));
REGISTER_KERNEL_FACTORY("RefMerge", ControlFlow(ComputeMerge, /*runs_on_any_input=*/true));
REGISTER_KERNEL_FACTORY("Enter", ControlFlow(ComputeEnter));
REGISTER_KERNEL_FACTORY("RefEnter", ControlFlow(ComputeEnter));
REGISTER_KERNEL_FACTORY("Exit", ControlFlow(ComputeExit));
REGISTER_KERNEL_FACTORY("RefExit", ControlFlow(ComputeExit));
REGISTER_KERNEL_FACTORY("NextIteration", ControlFlow(ComputeNextIteration));
REGISTER_KERNEL_FACTORY("RefNextIteration", ControlFlow(ComputeNextIteration));
REGISTER_KERNEL_FACTORY("LoopCond", ControlFlow(ComputeLoopCond));
REGISTER_KERNEL("RefSelect", ComputeRefSelect, {{"T", dtypes::All()}});
REGISTER_KERNEL("ControlTrigger", ComputeControlTrigger);

}  // namespace
}  // namespace tfjs::runtime
