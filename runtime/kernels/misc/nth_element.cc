// NthElement: for each vector along the last axis, the value that would sit at index n if the
// vector were sorted ascending (descending with reverse = true). Output drops the last axis.
#include <algorithm>
#include <functional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kN = 1;

absl::Status ComputeNthElement(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const Tensor& n_tensor = context.input(kN);
  if (n_tensor.rank() != 0 || n_tensor.dtype() != tensorflow::DT_INT32) {
    return context.Error(
        absl::StrCat("n must be an int32 scalar, got shape ", ShapeString(n_tensor.shape())));
  }
  const int64_t n = *n_tensor.data<int32_t>();
  if (n < 0) return context.Error(absl::StrCat("Need n >= 0, got ", n));
  if (input.rank() < 1) {
    return context.Error(
        absl::StrCat("Input must be >= 1-D, got shape ", ShapeString(input.shape())));
  }
  const int64_t depth = input.dim(input.rank() - 1);
  if (depth <= n) {
    return context.Error(
        absl::StrCat("Input must have at least n+1 columns, got ", depth, " columns and n = ", n));
  }
  const auto& attrs = context.node().attr();
  const bool reverse = attrs.count("reverse") && attrs.at("reverse").b();
  Shape shape(input.shape().begin(), input.shape().end() - 1);
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  if (absl::Status status = math::DispatchDataType(
          math::AllNumericTypes(), context, input.dtype(), "input 'input'",
          [&](auto type) {
            using T = decltype(type);
            // float16 and bfloat16 order as their (exact) float32 values.
            using Compute = math::ComputeType<T>;
            const T* in = input.data<T>();
            T* out = output->mutable_data<T>();
            std::vector<Compute> row(depth);
            for (int64_t r = 0; r < output->num_elements(); ++r) {
              for (int64_t j = 0; j < depth; ++j) row[j] = math::Widen(in[r * depth + j]);
              if (reverse) {
                std::nth_element(row.begin(), row.begin() + n, row.end(), std::greater<Compute>());
              } else {
                std::nth_element(row.begin(), row.begin() + n, row.end());
              }
              out[r] = math::Narrow<T>(row[n]);
            }
            return absl::OkStatus();
          });
      !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("NthElement", ComputeNthElement, {{"T", math::DtypesOf(math::AllNumericTypes())}});

}  // namespace
}  // namespace tfjs::runtime
