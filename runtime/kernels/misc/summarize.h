// Text summary of a tensor's values, as TF's Tensor::SummarizeValue prints them for Print.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MISC_SUMMARIZE_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MISC_SUMMARIZE_H_

#include <cstdint>
#include <string>

#include "runtime/tensor.h"

namespace tfjs::runtime::misc {

// The first `max_entries` values (all when negative), nested in brackets by dimension and
// followed by "..." when some were left out: [[1 2][3...]] for a 2x2 tensor and 3 entries.
std::string SummarizeValue(const Tensor& tensor, int64_t max_entries);

}  // namespace tfjs::runtime::misc

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MISC_SUMMARIZE_H_
