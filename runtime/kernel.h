// Kernel: how one op runs. A kernel is built once per node at load time (validating attrs and
// packing constant weights) and then computes that node on every Execute call.
#ifndef TFJS_NATIVE_RUNTIME_KERNEL_H_
#define TFJS_NATIVE_RUNTIME_KERNEL_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "ops/op_table.h"
#include "proto/graph.pb.h"
#include "runtime/node_attrs.h"
#include "runtime/tensor.h"

typedef struct pthreadpool* pthreadpool_t;

namespace tfjs::runtime {

struct Epilogue;  // runtime/epilogue.h

// What a kernel sees while it is built: the node, its table row, and the values of inputs that
// are constants (weights), nullptr for the others.
struct KernelBuildContext {
  const tensorflow::NodeDef& node;
  const ops::OpDef& op_def;
  NodeAttrs attrs;
  std::vector<const Tensor*> constant_inputs;
  // The functions the graph's control-flow ops (If, While) call.
  const tensorflow::FunctionDefLibrary& library;
  // Reads constant input `index` again, for kernels that repack it after the build (e.g. for a
  // new XNNPACK operator): a constant every reader packed is released (Kernel::PackedInputs).
  // Valid while the graph lives; thread-safe.
  std::function<absl::StatusOr<Tensor>(int index)> read_constant_input;

  // "node 'name' (Op): message".
  absl::Status Error(absl::string_view message) const;
};

// How running a node moves its outputs between the frames of TF1 control-flow loops. Only
// control-flow kernels (Enter, Exit, NextIteration) set one.
struct FrameTransition {
  enum class Kind { kNone, kEnter, kExit, kNextIteration };
  Kind kind = Kind::kNone;
  std::string frame_name;    // kEnter: the loop's frame.
  bool is_constant = false;  // kEnter: the value is the same in every iteration.
};

// The inputs and outputs of one run of one node.
class OpContext {
 public:
  OpContext(const tensorflow::NodeDef& node, absl::Span<const Tensor> inputs,
            std::vector<Tensor>* outputs, pthreadpool_t threadpool, bool exact_non_finite = false)
      : node_(node),
        inputs_(inputs),
        outputs_(outputs),
        threadpool_(threadpool),
        exact_non_finite_(exact_non_finite) {}

  const tensorflow::NodeDef& node() const { return node_; }
  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  const Tensor& input(int index) const { return inputs_[index]; }
  absl::Span<const Tensor> inputs() const { return inputs_; }
  void set_output(int index, Tensor tensor);
  pthreadpool_t threadpool() const { return threadpool_; }
  // True when the run was fed NaN or infinities: kernels whose fast path loses NaN (XNNPACK
  // clamps it to the activation's lower bound) take an exact one instead.
  bool exact_non_finite() const { return exact_non_finite_; }
  void set_frame_transition(FrameTransition transition) { transition_ = std::move(transition); }
  const FrameTransition& frame_transition() const { return transition_; }

  // "node 'name' (Op): message", as InvalidArgument.
  absl::Status Error(absl::string_view message) const;
  // Fails unless the node has between min and max inputs.
  absl::Status CheckNumInputs(int min_count, int max_count) const;

 private:
  const tensorflow::NodeDef& node_;
  absl::Span<const Tensor> inputs_;
  std::vector<Tensor>* outputs_;
  pthreadpool_t threadpool_;
  bool exact_non_finite_;
  FrameTransition transition_;
};

class Kernel {
 public:
  virtual ~Kernel() = default;
  // Computes the node. Called from many threads at once: must not change the kernel.
  // Inputs may be invalid (untaken Switch branches) only for kernels that RunOnAnyInput().
  virtual absl::Status Compute(OpContext& context) const = 0;
  // True for control-flow kernels: the graph then needs the frame executor (ExecuteAsync).
  virtual bool IsControlFlow() const { return false; }
  // True when the node runs as soon as any one input is available (Merge).
  virtual bool RunsOnAnyInput() const { return false; }
  // Constant inputs the kernel packed into its own form at build and never reads in Compute
  // (it gets a placeholder instead); when it must pack again it reads them through
  // KernelBuildContext::read_constant_input. The graph releases constants all readers packed.
  virtual std::vector<int> PackedInputs() const { return {}; }
  // A kernel computing this node and then `epilogue` on its one float output (epilogue
  // fusion, at load), or nullptr when this kernel cannot take it (the default). The new kernel
  // takes this node's inputs; this one stays valid.
  virtual absl::StatusOr<std::unique_ptr<Kernel>> WithEpilogue(const Epilogue& epilogue) const {
    return nullptr;
  }
};

// A kernel with no per-node state beyond what Compute reads from the context.
class FunctionKernel : public Kernel {
 public:
  using Function = absl::Status (*)(OpContext& context);
  explicit FunctionKernel(Function function) : function_(function) {}
  absl::Status Compute(OpContext& context) const override { return function_(context); }

 private:
  Function function_;
};

// A control-flow kernel: a function plus the scheduling it needs from the frame executor.
class ControlFlowKernel : public Kernel {
 public:
  ControlFlowKernel(FunctionKernel::Function function, bool runs_on_any_input)
      : function_(function), runs_on_any_input_(runs_on_any_input) {}
  absl::Status Compute(OpContext& context) const override { return function_(context); }
  bool IsControlFlow() const override { return true; }
  bool RunsOnAnyInput() const override { return runs_on_any_input_; }

 private:
  FunctionKernel::Function function_;
  bool runs_on_any_input_;
};

using KernelFactory =
    std::function<absl::StatusOr<std::unique_ptr<Kernel>>(const KernelBuildContext& context)>;

// The dtypes a kernel computes for one type attr of its op (TF's TypeConstraint): the graph
// refuses a node whose attr holds another dtype before it builds the kernel.
struct TypeConstraint {
  std::string attr;
  std::vector<DataType> dtypes;
};
// A kernel's constraints, one per type attr it restricts; attrs left out take any dtype.
using KernelDtypes = std::vector<TypeConstraint>;

// Registers `factory` for `op`, taking `dtypes`; returns true so it can initialize a static.
// Registering an op twice, or one missing from the op table, or constraining an attr the op's
// row lacks, aborts at start-up: all are programmer errors.
bool RegisterKernel(absl::string_view op, KernelFactory factory, KernelDtypes dtypes = {});
bool RegisterFunctionKernel(absl::string_view op, FunctionKernel::Function function,
                            KernelDtypes dtypes = {});
// nullptr when no kernel runs `op`.
const KernelFactory* FindKernel(absl::string_view op);
// The dtypes the kernel for `op` declared; nullptr when no kernel runs `op`.
const KernelDtypes* FindKernelDtypes(absl::string_view op);
// Empty when the kernel for `node`'s op takes the dtypes of `node`'s type attrs (the row's
// default where the node lacks one); else what it does not take, e.g.
// "attr T=uint8 is not supported: this runtime's kernel takes float32, float64".
std::string KernelDtypeMismatch(const tensorflow::NodeDef& node, const ops::OpDef& op_def);
// KernelDtypeMismatch as an InvalidArgument error naming the node and op.
absl::Status CheckKernelDtypes(const tensorflow::NodeDef& node, const ops::OpDef& op_def);
// Every op with a kernel, sorted.
std::vector<std::string> RegisteredKernelOps();

}  // namespace tfjs::runtime

#define TFJS_KERNEL_CONCAT_INNER(a, b) a##b
#define TFJS_KERNEL_CONCAT(a, b) TFJS_KERNEL_CONCAT_INNER(a, b)

// One line per op, in the kernel's own file, with the dtypes it takes per type attr:
//   REGISTER_KERNEL("Relu", ComputeRelu, {{"T", DtypesOf(SignedTypes())}});
// The op's row (ops/op_table.h) must exist: every TF op has one. //runtime:kernel_dtypes_test
// checks the declared dtypes against the ones TF's own CPU kernel takes.
#define REGISTER_KERNEL(op, function, ...)                                                 \
  static const bool TFJS_KERNEL_CONCAT(kernel_registered_, __COUNTER__) [[maybe_unused]] = \
      ::tfjs::runtime::RegisterFunctionKernel(op, function, ##__VA_ARGS__)
// For kernels built per node: REGISTER_KERNEL_FACTORY("Conv2D", BuildConv2D, {{"T", ...}});
#define REGISTER_KERNEL_FACTORY(op, factory, ...)                                          \
  static const bool TFJS_KERNEL_CONCAT(kernel_registered_, __COUNTER__) [[maybe_unused]] = \
      ::tfjs::runtime::RegisterKernel(op, factory, ##__VA_ARGS__)

#endif  // TFJS_NATIVE_RUNTIME_KERNEL_H_
