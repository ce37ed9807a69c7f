// Graph-plumbing ops: NoOp, identities (RefIdentity, GuaranteeConst, Copy, CopyHost),
// PlaceholderWithDefault (the Graph binds Placeholder and PlaceholderV2 itself), constants
// (HostConst), checks (EnsureShape, CheckNumerics, CheckNumericsV2), Print, Timestamp and Abort.
#include <atomic>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/misc/summarize.h"
#include "runtime/tensor_proto.h"

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
                                      " does not fit the placeholder shape ", ShapeString(*shape)));
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
    return context.Error(
        absl::StrCat("Shape of tensor ", context.node().name(), " ", ShapeString(value.shape()),
                     " is not compatible with expected shape ", ShapeString(*expected), "."));
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

absl::Status ForwardInput(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  context.set_output(0, context.input(kInput));
  return absl::OkStatus();
}

// TF refuses resource handles: a GuaranteeConst'd value must be constant for the whole session.
absl::Status ComputeGuaranteeConst(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  if (context.input(kInput).dtype() == tensorflow::DT_RESOURCE) {
    return context.Error("Input tensor cannot be a resource variable handle.");
  }
  return ForwardInput(context);
}

// Copy / CopyHost (the debugger's copy nodes): a deep copy of the input.
absl::Status ComputeCopy(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  // Resource handles and variants are copied as handles, as TF does.
  absl::StatusOr<Tensor> copy = CopyTensor(input);
  if (!copy.ok()) return context.Error(copy.status().message());
  context.set_output(0, *std::move(copy));
  return absl::OkStatus();
}

// HostConst: a Const whose value lives in host memory, which is all memory here.
class HostConstKernel : public Kernel {
 public:
  explicit HostConstKernel(Tensor value) : value_(std::move(value)) {}
  absl::Status Compute(OpContext& context) const override {
    context.set_output(0, value_);
    return absl::OkStatus();
  }

 private:
  Tensor value_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildHostConst(const KernelBuildContext& context) {
  auto value = context.node.attr().find("value");
  if (value == context.node.attr().end() || !value->second.has_tensor()) {
    return context.Error("missing the tensor attr 'value'");
  }
  absl::StatusOr<Tensor> tensor = TensorFromProto(value->second.tensor());
  if (!tensor.ok()) return context.Error(tensor.status().message());
  absl::StatusOr<DataType> dtype = context.attrs.GetType("dtype");
  if (!dtype.ok()) return dtype.status();
  if (tensor->dtype() != *dtype) {
    return context.Error(absl::StrCat("Type mismatch between value (",
                                      DataTypeName(tensor->dtype()), ") and dtype (",
                                      DataTypeName(*dtype), ")"));
  }
  return std::make_unique<HostConstKernel>(*std::move(tensor));
}

// Which non-finite values a float tensor holds.
struct NonFinite {
  bool nan = false;
  bool positive_inf = false;
  bool negative_inf = false;
  bool any() const { return nan || positive_inf || negative_inf; }
};

template <typename T>
void Scan(absl::Span<const T> values, NonFinite& found) {
  for (T value : values) {
    const double x = static_cast<double>(value);
    if (std::isnan(x)) found.nan = true;
    if (std::isinf(x)) (x > 0 ? found.positive_inf : found.negative_inf) = true;
  }
}

absl::StatusOr<NonFinite> FindNonFinite(const OpContext& context, const Tensor& tensor) {
  NonFinite found;
  switch (tensor.dtype()) {
    case tensorflow::DT_FLOAT:
      Scan(tensor.values<float>(), found);
      break;
    case tensorflow::DT_DOUBLE:
      Scan(tensor.values<double>(), found);
      break;
    case tensorflow::DT_HALF: {
      std::vector<float> widened;
      for (uint16_t bits : tensor.values<uint16_t>()) widened.push_back(HalfToFloat(bits));
      Scan(absl::Span<const float>(widened), found);
      break;
    }
    case tensorflow::DT_BFLOAT16: {
      std::vector<float> widened;
      for (uint16_t bits : tensor.values<uint16_t>()) widened.push_back(BFloat16ToFloat(bits));
      Scan(absl::Span<const float>(widened), found);
      break;
    }
    default:
      return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(tensor.dtype())));
  }
  return found;
}

// CheckNumerics: "<message> : Tensor had NaN values" (or Inf, or Inf and NaN); V2 tells the
// infinities' signs apart: "-Inf, +Inf, and NaN".
template <bool kV2>
absl::Status ComputeCheckNumerics(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<NonFinite> found = FindNonFinite(context, context.input(kInput));
  if (!found.ok()) return found.status();
  if (found->any()) {
    std::vector<std::string> kinds;
    if (kV2) {
      if (found->negative_inf) kinds.push_back("-Inf");
      if (found->positive_inf) kinds.push_back("+Inf");
    } else if (found->negative_inf || found->positive_inf) {
      kinds.push_back("Inf");
    }
    if (found->nan) kinds.push_back("NaN");
    std::string listed = kinds.size() == 3
                             ? absl::StrCat(kinds[0], ", ", kinds[1], ", and ", kinds[2])
                             : absl::StrJoin(kinds, " and ");
    const auto& attrs = context.node().attr();
    const auto message = attrs.find("message");
    return context.Error(absl::StrCat(message == attrs.end() ? "" : message->second.s(),
                                      " : Tensor had ", listed, " values"));
  }
  return ForwardInput(context);
}

// Seconds since the Unix epoch, with microsecond resolution as TF's Env::NowMicros.
absl::Status ComputeTimestamp(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(0, 0); !status.ok()) return status;
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count();
  context.set_output(0, Tensor::Scalar<double>(tensorflow::DT_DOUBLE, micros / 1e6));
  return absl::OkStatus();
}

// Abort: TF ends the process; a library must not end its host's, so the run fails instead with
// TF's message (Aborted), or Cancelled for exit_without_error, and the caller decides.
absl::Status ComputeAbort(OpContext& context) {
  const auto& attrs = context.node().attr();
  const auto message = attrs.find("error_msg");
  const auto clean = attrs.find("exit_without_error");
  const std::string text = message == attrs.end() ? "" : message->second.s();
  if (clean != attrs.end() && clean->second.b()) {
    return absl::CancelledError(absl::StrCat("Exiting the process: ", text));
  }
  return absl::AbortedError(absl::StrCat("Abort_op intentional failure; ", text));
}

REGISTER_KERNEL("NoOp", ComputeNoOp);
REGISTER_KERNEL("PlaceholderWithDefault", ComputePlaceholderWithDefault);
REGISTER_KERNEL("EnsureShape", ComputeEnsureShape);
REGISTER_KERNEL_FACTORY("Print", BuildPrint);
REGISTER_KERNEL("RefIdentity", ForwardInput);
REGISTER_KERNEL("GuaranteeConst", ComputeGuaranteeConst);
REGISTER_KERNEL("Copy", ComputeCopy);
REGISTER_KERNEL("CopyHost", ComputeCopy);
REGISTER_KERNEL_FACTORY("HostConst", BuildHostConst);
REGISTER_KERNEL("CheckNumerics", ComputeCheckNumerics<false>,
                {{"T",
                  {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                   tensorflow::DT_DOUBLE}}});
REGISTER_KERNEL("CheckNumericsV2", ComputeCheckNumerics<true>,
                {{"T",
                  {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                   tensorflow::DT_DOUBLE}}});
REGISTER_KERNEL("Timestamp", ComputeTimestamp);
REGISTER_KERNEL("Abort", ComputeAbort);

}  // namespace
}  // namespace tfjs::runtime
