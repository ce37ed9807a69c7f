// Whole-tensor float16 / bfloat16 <-> float32 conversions, for kernels that compute 16-bit float
// tensors in float32.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::nn {

// DT_HALF or DT_BFLOAT16.
bool Is16BitFloat(DataType dtype);

// A DT_FLOAT copy of a DT_HALF or DT_BFLOAT16 tensor (exact).
absl::StatusOr<Tensor> WidenToFloat(const Tensor& tensor);

// `wide` (DT_FLOAT) rounded to nearest even into `output`, a DT_HALF or DT_BFLOAT16 tensor of
// the same number of elements.
void NarrowFromFloat(const Tensor& wide, Tensor* output);

// `wide` (DT_FLOAT) rounded to nearest even as a new `dtype` (DT_HALF or DT_BFLOAT16) tensor.
absl::StatusOr<Tensor> NarrowedFromFloat(const Tensor& wide, DataType dtype);

// A float32 kernel run for 16-bit float nodes: the inputs at `widen_inputs` that are float16 or
// bfloat16 are widened to float32, `inner` computes, and the outputs at `narrow_outputs` are
// rounded once back to that 16-bit dtype. Nodes without 16-bit inputs go straight to `inner`.
class WidenedKernel : public Kernel {
 public:
  WidenedKernel(std::unique_ptr<Kernel> inner, std::vector<int> widen_inputs,
                std::vector<int> narrow_outputs)
      : inner_(std::move(inner)),
        widen_inputs_(std::move(widen_inputs)),
        narrow_outputs_(std::move(narrow_outputs)) {}
  absl::Status Compute(OpContext& context) const override;
  std::vector<int> PackedInputs() const override { return inner_->PackedInputs(); }

 private:
  std::unique_ptr<Kernel> inner_;
  std::vector<int> widen_inputs_;
  std::vector<int> narrow_outputs_;
};

// A factory wrapping `build`'s kernel in a WidenedKernel.
KernelFactory Widened(KernelFactory build, std::vector<int> widen_inputs,
                      std::vector<int> narrow_outputs);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_
