#include "tools/benchmark_model/flops.h"

namespace tfjs::tools {
namespace {

int64_t NumElements(absl::Span<const int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape) count *= dim;
  return count;
}

}  // namespace

bool IsCountedOp(absl::string_view op) {
  return op == "Conv2D" || op == "_FusedConv2D" || op == "DepthwiseConv2dNative" ||
         op == "FusedDepthwiseConv2dNative" || op == "MatMul" || op == "_FusedMatMul";
}

std::optional<int64_t> NodeFlops(absl::string_view op, absl::Span<const int64_t> first_input,
                                 absl::Span<const int64_t> second_input,
                                 absl::Span<const int64_t> output) {
  const int64_t outputs = NumElements(output);
  if (op == "Conv2D" || op == "_FusedConv2D") {
    // Filter [kh, kw, in, out]: each output sums kh * kw * in products.
    if (second_input.size() != 4 || second_input[3] <= 0) return std::nullopt;
    return 2 * outputs * (NumElements(second_input) / second_input[3]);
  }
  if (op == "DepthwiseConv2dNative" || op == "FusedDepthwiseConv2dNative") {
    // Filter [kh, kw, in, multiplier]: each output sums kh * kw products.
    if (second_input.size() != 4) return std::nullopt;
    return 2 * outputs * second_input[0] * second_input[1];
  }
  if (op == "MatMul" || op == "_FusedMatMul") {
    // a is [m, k] or [k, m]; the output is [m, n], so k = |a| / m either way.
    if (first_input.size() != 2 || output.size() != 2 || output[0] <= 0) return std::nullopt;
    return 2 * outputs * (NumElements(first_input) / output[0]);
  }
  return std::nullopt;
}

}  // namespace tfjs::tools
