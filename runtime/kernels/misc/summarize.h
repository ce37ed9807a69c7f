// TF's text forms of a tensor: its values as Tensor::SummarizeValue prints them for Print, and
// Tensor::DebugString.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MISC_SUMMARIZE_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MISC_SUMMARIZE_H_

#include <cstdint>
#include <string>

#include "runtime/tensor.h"

namespace tfjs::runtime::misc {

// The first `max_entries` values (all when negative), nested in brackets by dimension and
// followed by "..." when some were left out: [[1 2][3...]] for a 2x2 tensor and 3 entries.
std::string SummarizeValue(const Tensor& tensor, int64_t max_entries);

// TF's DataTypeString: "float", "double" and "half" where TF.js names differ ("float32", ...).
std::string TfDataTypeString(DataType dtype);

// TF's Tensor::DebugString: "Tensor<type: int64 shape: [2] values: 3 4>" (at most 3 values).
std::string TensorDebugString(const Tensor& tensor);

}  // namespace tfjs::runtime::misc

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MISC_SUMMARIZE_H_
