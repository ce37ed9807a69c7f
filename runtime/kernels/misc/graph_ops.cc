// Graph-plumbing ops: NoOp, PlaceholderWithDefault, EnsureShape and Print.
#include <atomic>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/misc/summarize.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;

absl::Status ComputeNoOp(OpContext& context) { return context.CheckNumInputs(0, 0); }

// Runs only when the placeholder is not fed: forwards the default, which must fit `shape`.
absl::Status ComputePlaceholderWithDefault(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& value = context.input(kInput);
  std::optional<std::vector<int64_t>> shape = misc::PartialShapeAttr(context.node(), "shape");
  if (shape && !misc::IsCompatibleShape(value.shape(), *shape)) {
    return context.Error(absl::StrCat("default value of shape ", ShapeString(value.shape()),
                                      " does not fit the placeholder shape ",
                                      ShapeString(*shape)));
  }
  context.set_output(0, value);
  return absl::OkStatus();
}

// TF keeps the expected shape in the `shape` attr; TF.js's op list reads it from input 1.
absl::Status ComputeEnsureShape(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 2); !status.ok()) return status;
  const Tensor& value = context.input(kInput);
  std::optional<std::vector<int64_t>> expected = misc::PartialShapeAttr(context.node(), "shape");
  if (!expected && context.num_inputs() == 2) {
    absl::StatusOr<std::vector<int64_t>> dims = misc::IndexValues(context.input(1), "shape");
    if (!dims.ok()) return context.Error(dims.status().message());
    expected = *std::move(dims);
  }
  if (expected && !misc::IsCompatibleShape(value.shape(), *expected)) {
    return context.Error(absl::StrCat("Shape of tensor ", context.node().name(), " ",
                                      ShapeString(value.shape()),
                                      " is not compatible with expected shape ",
                                      ShapeString(*expected), "."));
  }
  context.set_output(0, value);
  return absl::OkStatus();
}

// Forwards input 0 and writes `message` plus a summary of every data input to stderr, for the
// first `first_n` runs (every run when negative).
class PrintKernel : public Kernel {
 public:
  PrintKernel(std::string message, int64_t first_n, int64_t summarize)
      : message_(std::move(message)), first_n_(first_n), summarize_(summarize) {}

  absl::Status Compute(OpContext& context) const override {
    if (context.num_inputs() < 1) return context.CheckNumInputs(1, 1 << 30);
    context.set_output(0, context.input(kInput));
    if (first_n_ >= 0 && runs_.fetch_add(1) >= first_n_) return absl::OkStatus();
    std::string line = message_;
    for (int i = 1; i < context.num_inputs(); ++i) {
      absl::StrAppend(&line, "[", misc::SummarizeValue(context.input(i), summarize_), "]");
    }
    std::cerr << line << std::endl;
    return absl::OkStatus();
  }

 private:
  std::string message_;
  int64_t first_n_;
  int64_t summarize_;
  mutable std::atomic<int64_t> runs_{0};
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildPrint(const KernelBuildContext& context) {
  std::string message;
  if (context.attrs.Has("message")) {
    absl::StatusOr<std::string> value = context.attrs.GetString("message");
    if (!value.ok()) return value.status();
    message = *value;
  }
  int64_t first_n = -1;
  if (context.attrs.Has("first_n")) {
    absl::StatusOr<int64_t> value = context.attrs.GetInt("first_n");
    if (!value.ok()) return value.status();
    first_n = *value;
  }
  absl::StatusOr<int64_t> summarize = context.attrs.GetInt("summarize");
  if (!summarize.ok()) return summarize.status();
  return std::make_unique<PrintKernel>(std::move(message), first_n, *summarize);
}

REGISTER_KERNEL("NoOp", ComputeNoOp);
REGISTER_KERNEL("PlaceholderWithDefault", ComputePlaceholderWithDefault);
REGISTER_KERNEL("EnsureShape", ComputeEnsureShape);
REGISTER_KERNEL_FACTORY("Print", BuildPrint);

}  // namespace
}  // namespace tfjs::runtime
