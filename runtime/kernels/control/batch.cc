// Batching (Batch, BatchFunction, Unbatch) for a runtime with one caller. TF gathers the tensors
// of concurrent calls into one batch; here each call is a batch of its own, emitted at once
// (no batch_timeout_micros wait), which is what TF computes for a call that no other call joins:
// - Batch outputs its inputs padded to the smallest allowed_batch_sizes entry that holds them
//   (padding rows repeat row 0, as TF's do), batch_index [[id, 0, rows]] and a new id;
// - BatchFunction runs f on those padded inputs (and the captured tensors) and returns the first
//   `rows` rows of each output; with enable_large_batch_splitting a call of more rows than the
//   largest batch is cut into batches of that size, each padded and run, outputs rejoined;
// - Unbatch returns the rows batch_index gives its id.
#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/function.h"
#include "runtime/kernel.h"
#include "runtime/kernels/control/stacking.h"

namespace tfjs::runtime {
namespace {

// The batching attrs Batch and BatchFunction share.
struct BatchLimits {
  int64_t max_batch_size = 0;
  std::vector<int64_t> allowed_batch_sizes;
  bool large_batch_splitting = false;

  // The most rows one execution takes: the largest allowed size, else max_batch_size.
  int64_t max_execution_batch_size() const {
    return allowed_batch_sizes.empty() ? max_batch_size : allowed_batch_sizes.back();
  }
  // The smallest allowed size holding `rows`; `rows` itself when none is given or none holds it.
  int64_t Padded(int64_t rows) const {
    for (int64_t size : allowed_batch_sizes) {
      if (size >= rows) return size;
    }
    return rows;
  }
};

absl::StatusOr<BatchLimits> ReadLimits(const KernelBuildContext& context) {
  BatchLimits limits;
  absl::StatusOr<int64_t> max_batch_size = context.attrs.GetInt("max_batch_size");
  if (!max_batch_size.ok()) return context.Error(max_batch_size.status().message());
  limits.max_batch_size = *max_batch_size;
  if (auto it = context.node.attr().find("allowed_batch_sizes"); it != context.node.attr().end()) {
    limits.allowed_batch_sizes.assign(it->second.list().i().begin(), it->second.list().i().end());
  }
  if (auto it = context.node.attr().find("enable_large_batch_splitting");
      it != context.node.attr().end()) {
    limits.large_batch_splitting = it->second.b();
  }
  if (limits.max_batch_size < 1) return context.Error("max_batch_size must be positive");
  for (size_t i = 0; i < limits.allowed_batch_sizes.size(); ++i) {
    const int64_t size = limits.allowed_batch_sizes[i];
    if (i > 0 && size <= limits.allowed_batch_sizes[i - 1]) {
      return context.Error("allowed_batch_sizes entries must be monotonically increasing");
    }
  }
  if (!limits.allowed_batch_sizes.empty()) {
    const int64_t last = limits.allowed_batch_sizes.back();
    if (!limits.large_batch_splitting && last != limits.max_batch_size) {
      return context.Error(
          "final entry in allowed_batch_sizes must equal max_batch_size when "
          "enable_large_batch_splitting is False");
    }
    if (limits.large_batch_splitting && last > limits.max_batch_size) {
      return context.Error(
          "final entry in allowed_batch_sizes must be less than or equal to max_batch_size when "
          "enable_large_batch_splitting is True");
    }
  }
  return limits;
}

// The rows of the call's batched inputs (the first `count` inputs): all of rank >= 1 with one
// 0th-dimension size, at most max_batch_size.
absl::StatusOr<int64_t> TaskRows(const OpContext& context, int count, const BatchLimits& limits) {
  if (count < 1) return context.Error("there are no tensors to batch");
  int64_t rows = -1;
  for (int i = 0; i < count; ++i) {
    const Tensor& input = context.input(i);
    if (input.rank() < 1) {
      return context.Error("Batching input tensors must have at least one dimension");
    }
    if (rows >= 0 && input.dim(0) != rows) {
      return context.Error(
          "Batching input tensors supplied in a given op invocation must have equal 0th-dimension "
          "size");
    }
    rows = input.dim(0);
  }
  if (rows > limits.max_batch_size) {
    return context.Error(absl::StrCat(
        "Task size ", rows, " is larger than maximum input batch size ", limits.max_batch_size));
  }
  return rows;
}

// Rows [begin, end) of `input` padded to `padded` rows with copies of its row `begin`.
absl::StatusOr<Tensor> PaddedRows(const Tensor& input, int64_t begin, int64_t end, int64_t padded,
                                  int index) {
  absl::StatusOr<Tensor> rows = SliceRows(input, begin, end);
  if (!rows.ok() || padded == end - begin) return rows;
  if (end == begin) {
    return absl::InvalidArgumentError(
        absl::StrCat("Cannot use an empty tensor with zero rows as padding when batching. (Input ",
                     index, " got shape ", ShapeString(input.shape()), ".)"));
  }
  absl::StatusOr<Tensor> first = SliceRows(input, begin, begin + 1);
  if (!first.ok()) return first.status();
  std::vector<Tensor> parts = {*std::move(rows)};
  parts.resize(1 + padded - (end - begin), *first);
  Shape row_shape(input.shape().begin() + 1, input.shape().end());
  absl::StatusOr<Concatenated> joined = ConcatElements(parts, input.dtype(), std::move(row_shape));
  if (!joined.ok()) return joined.status();
  return std::move(joined->values);
}

// A new id per call; TF's are random 64-bit numbers, only ever matched against each other.
int64_t NewBatchId() {
  static std::atomic<int64_t> next{1};
  return next.fetch_add(1);
}

class BatchKernel : public Kernel {
 public:
  explicit BatchKernel(BatchLimits limits) : limits_(std::move(limits)) {}

  absl::Status Compute(OpContext& context) const override {
    const int count = context.num_inputs();
    absl::StatusOr<int64_t> rows = TaskRows(context, count, limits_);
    if (!rows.ok()) return rows.status();
    const int64_t padded = limits_.Padded(*rows);
    for (int i = 0; i < count; ++i) {
      absl::StatusOr<Tensor> batched = PaddedRows(context.input(i), 0, *rows, padded, i);
      if (!batched.ok()) return context.Error(batched.status().message());
      context.set_output(i, *std::move(batched));
    }
    const int64_t id = NewBatchId();
    Tensor index = *Tensor::Allocate(tensorflow::DT_INT64, {1, 3});
    index.mutable_data<int64_t>()[0] = id;
    index.mutable_data<int64_t>()[1] = 0;
    index.mutable_data<int64_t>()[2] = *rows;
    context.set_output(count, std::move(index));
    context.set_output(count + 1, Tensor::Scalar<int64_t>(tensorflow::DT_INT64, id));
    return absl::OkStatus();
  }

 private:
  BatchLimits limits_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildBatch(const KernelBuildContext& context) {
  absl::StatusOr<BatchLimits> limits = ReadLimits(context);
  if (!limits.ok()) return limits.status();
  return std::make_unique<BatchKernel>(*std::move(limits));
}

// BatchFunction(in_tensors..., captured_tensors...): f on the batch, cut back to the call's rows.
class BatchFunctionKernel : public Kernel {
 public:
  BatchFunctionKernel(BatchLimits limits, int num_batched, std::unique_ptr<Function> function)
      : limits_(std::move(limits)), num_batched_(num_batched), function_(std::move(function)) {}

  absl::Status Compute(OpContext& context) const override {
    if (context.num_inputs() < num_batched_) return context.Error("missing in_tensors");
    absl::StatusOr<int64_t> rows = TaskRows(context, num_batched_, limits_);
    if (!rows.ok()) return rows.status();
    // The call's rows in batches of at most max_execution_batch_size (one unless splitting); a
    // call of no rows is one empty batch.
    const int64_t step = limits_.large_batch_splitting ? limits_.max_execution_batch_size() : *rows;
    std::vector<std::pair<int64_t, int64_t>> batches;
    for (int64_t begin = 0; begin < *rows; begin += step) {
      batches.emplace_back(begin, std::min(*rows, begin + step));
    }
    if (batches.empty()) batches.emplace_back(0, 0);
    std::vector<std::vector<Tensor>> parts;  // Per output, per batch.
    for (const auto& [begin, end] : batches) {
      const int64_t padded = limits_.Padded(end - begin);
      std::vector<Tensor> args;
      for (int i = 0; i < num_batched_; ++i) {
        absl::StatusOr<Tensor> batched = PaddedRows(context.input(i), begin, end, padded, i);
        if (!batched.ok()) return context.Error(batched.status().message());
        args.push_back(*std::move(batched));
      }
      args.insert(args.end(), context.inputs().begin() + num_batched_, context.inputs().end());
      absl::StatusOr<std::vector<Tensor>> outputs = function_->Call(args, context.threadpool());
      if (!outputs.ok()) return context.Error(outputs.status().message());
      parts.resize(outputs->size());
      for (size_t k = 0; k < outputs->size(); ++k) {
        const Tensor& output = (*outputs)[k];
        if (output.rank() < 1) return context.Error("Batched output tensor has 0 dimensions");
        if (output.dim(0) != padded) {
          return context.Error(
              "Batched output tensor's 0th dimension does not equal the sum of the 0th dimension "
              "sizes of the input tensors");
        }
        absl::StatusOr<Tensor> unpadded = SliceRows(output, 0, end - begin);
        if (!unpadded.ok()) return context.Error(unpadded.status().message());
        parts[k].push_back(*std::move(unpadded));
      }
    }
    for (size_t k = 0; k < parts.size(); ++k) {
      if (parts[k].size() == 1) {
        context.set_output(static_cast<int>(k), std::move(parts[k][0]));
        continue;
      }
      const Tensor& first = parts[k][0];
      absl::StatusOr<Concatenated> joined = ConcatElements(
          parts[k], first.dtype(), Shape(first.shape().begin() + 1, first.shape().end()));
      if (!joined.ok()) return context.Error(joined.status().message());
      context.set_output(static_cast<int>(k), std::move(joined->values));
    }
    return absl::OkStatus();
  }

 private:
  BatchLimits limits_;
  int num_batched_;
  std::unique_ptr<Function> function_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildBatchFunction(const KernelBuildContext& context) {
  absl::StatusOr<BatchLimits> limits = ReadLimits(context);
  if (!limits.ok()) return limits.status();
  auto tin = context.node.attr().find("Tin");
  if (tin == context.node.attr().end()) return context.Error("missing attr 'Tin'");
  auto f = context.node.attr().find("f");
  if (f == context.node.attr().end() || !f->second.has_func()) {
    return context.Error("missing function attr 'f'");
  }
  absl::StatusOr<std::unique_ptr<Function>> function =
      Function::Build(f->second.func().name(), context.library);
  if (!function.ok()) return context.Error(function.status().message());
  return std::make_unique<BatchFunctionKernel>(*std::move(limits), tin->second.list().type_size(),
                                               *std::move(function));
}

constexpr int kBatched = 0;
constexpr int kBatchIndex = 1;
constexpr int kId = 2;

// Unbatch(batched_tensor, batch_index, id): the rows batch_index gives id.
absl::Status ComputeUnbatch(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& batched = context.input(kBatched);
  const Tensor& index = context.input(kBatchIndex);
  const Tensor& id = context.input(kId);
  if (id.dtype() != tensorflow::DT_INT64 || id.rank() != 0) {
    return context.Error(absl::StrCat("Input id should be scalar; Got: ", ShapeString(id.shape())));
  }
  if (index.dtype() != tensorflow::DT_INT64 || index.rank() != 2 || index.dim(1) != 3) {
    return context.Error(
        absl::StrCat("Input batch_index should be an int64 matrix of 3 columns; "
                     "Got: ",
                     ShapeString(index.shape())));
  }
  if (batched.rank() < 1) return context.Error("Input batched_tensor must have rank >= 1");
  const int64_t* rows = index.data<int64_t>();
  for (int64_t r = 0; r < index.dim(0); ++r) {
    const int64_t start = rows[3 * r + 1];
    const int64_t end = rows[3 * r + 2];
    if (start < 0 || end < start || end > batched.dim(0)) {
      return context.Error(absl::StrCat("Invalid batch_index row ", r, ": [", start, ", ", end,
                                        ") is not within the ", batched.dim(0), " rows"));
    }
    if (rows[3 * r] != *id.data<int64_t>()) continue;
    absl::StatusOr<Tensor> slice = SliceRows(batched, start, end);
    if (!slice.ok()) return context.Error(slice.status().message());
    context.set_output(0, *std::move(slice));
    return absl::OkStatus();
  }
  // TF waits timeout_micros for another call to bring this id's rows; here no other call can.
  return absl::DeadlineExceededError(
      absl::StrCat("node '", context.node().name(), "' (Unbatch): no row of batch_index is id ",
                   *id.data<int64_t>(), ", and with one caller no other batch can bring it"));
}

REGISTER_KERNEL_FACTORY("Batch", BuildBatch);
REGISTER_KERNEL_FACTORY("BatchFunction", BuildBatchFunction);
REGISTER_KERNEL("Unbatch", ComputeUnbatch);

}  // namespace
}  // namespace tfjs::runtime
