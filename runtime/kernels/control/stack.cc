// TF1 stacks (Stack/StackV2, StackPush(V2), StackPop(V2), StackClose(V2)): a stack made each time
// its Stack node runs, reached through a handle; TF's gradient code keeps forward values in them.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

constexpr int kHandle = 0;
constexpr int kElement = 1;

class Stack : public Resource {
 public:
  Stack(std::string name, DataType elem_type, int64_t max_size)
      : name(std::move(name)), elem_type(elem_type), max_size(max_size) {}
  const std::string name;
  const DataType elem_type;
  const int64_t max_size;  // <= 0: unbounded.

  absl::Mutex mutex;
  std::vector<Tensor> elements ABSL_GUARDED_BY(mutex);
  bool closed ABSL_GUARDED_BY(mutex) = false;
};

absl::StatusOr<Stack*> GetStack(const OpContext& context) {
  if (context.num_inputs() < 1) return context.Error("missing the stack handle");
  Stack* stack = context.input(kHandle).resource<Stack>();
  if (stack == nullptr) return context.Error("input 0 is not a stack handle");
  return stack;
}

// Stack (no input) or StackV2(max_size).
absl::Status ComputeCreate(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(0, 1); !status.ok()) return status;
  int64_t max_size = -1;
  if (context.num_inputs() == 1) {
    const Tensor& size = context.input(0);
    if (size.dtype() != tensorflow::DT_INT32 || size.num_elements() != 1) {
      return context.Error("max_size must be an int32 scalar");
    }
    max_size = *size.data<int32_t>();
  }
  const auto& attrs = context.node().attr();
  const auto elem_type = attrs.find("elem_type");
  if (elem_type == attrs.end()) return context.Error("missing attr 'elem_type'");
  const auto stack_name = attrs.find("stack_name");
  std::string name = stack_name == attrs.end() || stack_name->second.s().empty()
                         ? context.node().name()
                         : stack_name->second.s();
  context.set_output(0, Tensor::ForResource(std::make_shared<Stack>(
                            std::move(name), elem_type->second.type(), max_size)));
  return absl::OkStatus();
}

absl::Status ComputePush(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<Stack*> stack = GetStack(context);
  if (!stack.ok()) return stack.status();
  const Tensor& element = context.input(kElement);
  if (element.dtype() != (*stack)->elem_type) {
    return context.Error(absl::StrCat("Stack[", (*stack)->name, "] holds ",
                                      DataTypeName((*stack)->elem_type), ", got a ",
                                      DataTypeName(element.dtype()), " element"));
  }
  absl::MutexLock lock(&(*stack)->mutex);
  if ((*stack)->closed) {
    return context.Error(absl::StrCat("Stack[", (*stack)->name, "] has already been closed."));
  }
  if ((*stack)->max_size > 0 &&
      static_cast<int64_t>((*stack)->elements.size()) >= (*stack)->max_size) {
    return context.Error(absl::StrCat("Stack[", (*stack)->name, "] overflowed its max_size (",
                                      (*stack)->max_size, ")"));
  }
  (*stack)->elements.push_back(element);
  context.set_output(0, element);
  return absl::OkStatus();
}

absl::Status ComputePop(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<Stack*> stack = GetStack(context);
  if (!stack.ok()) return stack.status();
  absl::MutexLock lock(&(*stack)->mutex);
  if ((*stack)->closed) {
    return context.Error(absl::StrCat("Stack[", (*stack)->name, "] has already been closed."));
  }
  if ((*stack)->elements.empty()) {
    return context.Error(absl::StrCat("Stack[", (*stack)->name, "] is empty."));
  }
  context.set_output(0, std::move((*stack)->elements.back()));
  (*stack)->elements.pop_back();
  return absl::OkStatus();
}

absl::Status ComputeClose(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<Stack*> stack = GetStack(context);
  if (!stack.ok()) return stack.status();
  absl::MutexLock lock(&(*stack)->mutex);
  (*stack)->closed = true;
  (*stack)->elements.clear();
  return absl::OkStatus();
}

REGISTER_KERNEL("Stack", ComputeCreate);
REGISTER_KERNEL("StackV2", ComputeCreate);
REGISTER_KERNEL("StackPush", ComputePush);
REGISTER_KERNEL("StackPushV2", ComputePush);
REGISTER_KERNEL("StackPop", ComputePop);
REGISTER_KERNEL("StackPopV2", ComputePop);
REGISTER_KERNEL("StackClose", ComputeClose);
REGISTER_KERNEL("StackCloseV2", ComputeClose);

}  // namespace
}  // namespace tfjs::runtime
