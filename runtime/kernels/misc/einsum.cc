// Einsum over one or two operands: any equation with explicit output, ellipsis broadcasting,
// repeated subscripts (diagonals, traces) and sums, computed by one loop over all labels.
#include <complex>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/einsum_plan.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

// The dtypes TF's CPU Einsum takes.
using EinsumTypes = math::TypeList<float, double, math::Half, math::BFloat16, int32_t, int64_t,
                                   std::complex<float>, std::complex<double>>;

// Sums, for every output element, the product of the operands over the summed labels, in T's
// compute type (float32 for float16 and bfloat16, rounded once at the end).
template <typename T>
void Contract(const misc::EinsumPlan& plan, const std::vector<const T*>& inputs, T* result) {
  using Compute = math::ComputeType<T>;
  const int labels = static_cast<int>(plan.label_sizes.size());
  const int64_t output_count = NumElements(plan.output_shape);
  std::vector<Compute> sums(output_count, Compute{0});
  Compute* out = sums.data();
  auto finish = [&] {
    for (int64_t i = 0; i < output_count; ++i) result[i] = math::Narrow<T>(sums[i]);
  };
  for (int64_t size : plan.label_sizes) {
    if (size == 0) return finish();
  }
  std::vector<int64_t> index(labels, 0);
  std::vector<int64_t> offsets(inputs.size(), 0);
  int64_t out_offset = 0;
  // Output strides are row-major over the output labels, which come first.
  std::vector<int64_t> out_strides(labels, 0);
  for (int l = plan.num_output_labels - 1, stride = 1; l >= 0; --l) {
    out_strides[l] = stride;
    stride *= static_cast<int>(plan.label_sizes[l]);
  }
  while (true) {
    Compute product = Compute{1};
    for (size_t k = 0; k < inputs.size(); ++k) product *= math::Widen(inputs[k][offsets[k]]);
    out[out_offset] += product;
    int l = labels - 1;
    for (; l >= 0; --l) {
      ++index[l];
      out_offset += out_strides[l];
      for (size_t k = 0; k < inputs.size(); ++k) offsets[k] += plan.input_strides[k][l];
      if (index[l] < plan.label_sizes[l]) break;
      out_offset -= out_strides[l] * index[l];
      for (size_t k = 0; k < inputs.size(); ++k) {
        offsets[k] -= plan.input_strides[k][l] * index[l];
      }
      index[l] = 0;
    }
    if (l < 0) return finish();
  }
}

class EinsumKernel : public Kernel {
 public:
  explicit EinsumKernel(std::string equation) : equation_(std::move(equation)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 2); !status.ok()) return status;
    std::vector<Shape> shapes;
    for (const Tensor& input : context.inputs()) {
      if (input.dtype() != context.input(0).dtype()) {
        return context.Error("all inputs must have one dtype");
      }
      shapes.push_back(input.shape());
    }
    absl::StatusOr<misc::EinsumPlan> plan = misc::PlanEinsum(equation_, shapes);
    if (!plan.ok()) return context.Error(plan.status().message());
    const DataType dtype = context.input(0).dtype();
    absl::StatusOr<Tensor> output = Tensor::Allocate(dtype, plan->output_shape);
    if (!output.ok()) return context.Error(output.status().message());
    if (absl::Status status = math::DispatchDataType(EinsumTypes(), context, dtype, "input 0",
                                                     [&](auto type) {
                                                       using T = decltype(type);
                                                       std::vector<const T*> inputs;
                                                       for (const Tensor& input : context.inputs())
                                                         inputs.push_back(input.data<T>());
                                                       Contract(*plan, inputs,
                                                                output->mutable_data<T>());
                                                       return absl::OkStatus();
                                                     });
        !status.ok()) {
      return status;
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  std::string equation_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildEinsum(const KernelBuildContext& context) {
  absl::StatusOr<std::string> equation = context.attrs.GetString("equation");
  if (!equation.ok()) return equation.status();
  return std::make_unique<EinsumKernel>(*std::move(equation));
}

REGISTER_KERNEL_FACTORY("Einsum", BuildEinsum, {{"T", math::DtypesOf(EinsumTypes())}});

}  // namespace
}  // namespace tfjs::runtime
