// Floating-point operation counts of the compute-heavy TF ops, from the shapes seen at run time.
#ifndef TFJS_NATIVE_TOOLS_BENCHMARK_MODEL_FLOPS_H_
#define TFJS_NATIVE_TOOLS_BENCHMARK_MODEL_FLOPS_H_

#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tfjs::tools {

// True for Conv2D, _FusedConv2D, DepthwiseConv2dNative, FusedDepthwiseConv2dNative, MatMul and
// _FusedMatMul: the ops whose FLOPs the benchmark counts.
bool IsCountedOp(absl::string_view op);

// Multiply-adds counted as 2 FLOPs; fused bias/activation work is not counted. `first_input`
// is the data input (the MatMul's `a`), `second_input` the filter (the MatMul's `b`). Returns
// nullopt for other ops or shapes that do not fit the op.
std::optional<int64_t> NodeFlops(absl::string_view op, absl::Span<const int64_t> first_input,
                                 absl::Span<const int64_t> second_input,
                                 absl::Span<const int64_t> output);

}  // namespace tfjs::tools

#endif  // TFJS_NATIVE_TOOLS_BENCHMARK_MODEL_FLOPS_H_
