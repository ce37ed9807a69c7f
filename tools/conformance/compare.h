// Output comparison for the conformance run: a runtime output against TensorFlow's reference,
// with per-dtype float tolerances and TF.js's dtype narrowing (int64 -> int32, float64 -> float32).
#ifndef TFJS_NATIVE_TOOLS_CONFORMANCE_COMPARE_H_
#define TFJS_NATIVE_TOOLS_CONFORMANCE_COMPARE_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "runtime/tensor.h"

namespace tfjs::conformance {

// Passes when |got - want| <= atol + rtol * |want|.
struct Tolerance {
  double atol = 0;
  double rtol = 0;
};

// The tolerance for a float reference of TF dtype `tf_dtype` ("float32", "bfloat16", ...);
// nullopt for non-float dtypes, which compare exactly. The same numbers as the TF.js test's
// converter/tests/compare.js.
std::optional<Tolerance> FloatTolerance(absl::string_view tf_dtype);

// One paragraph stating the comparison rules, for the report.
std::string ComparisonRules();

// nullopt when `got` matches `want`; otherwise what differs: the dtype, the shape, or the first
// differing element (flat index, got, want) with the count of differing elements.
// `want` is the reference as read from its .npy and `tf_dtype` its TF dtype (bfloat16
// references are stored as float32). The dtypes must match, except that an int32 output may
// stand for an int64 reference (compared after wrapping to 32 bits) and a float32 output for a
// float64 one, as TF.js narrows them. Floats: NaN equals NaN, infinities must match exactly.
std::optional<std::string> CompareOutput(const runtime::Tensor& got, const runtime::Tensor& want,
                                         absl::string_view tf_dtype);

}  // namespace tfjs::conformance

#endif  // TFJS_NATIVE_TOOLS_CONFORMANCE_COMPARE_H_
