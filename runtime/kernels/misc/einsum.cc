// Einsum over one or two operands: any equation with explicit output, ellipsis broadcasting,
// repeated subscripts (diagonals, traces) and sums, computed by one loop over all labels.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/einsum_plan.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

// Sums, for every output element, the product of the operands over the summed labels.
template <typename T>
void Contract(const misc::EinsumPlan& plan, const std::vector<const T*>& inputs, T* out) {
  const int labels = static_cast<int>(plan.label_sizes.size());
  const int64_t output_count = NumElements(plan.output_shape);
  std::fill(out, out + output_count, T(0));
  for (int64_t size : plan.label_sizes) {
    if (size == 0) return;
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
    T product = T(1);
    for (size_t k = 0; k < inputs.size(); ++k) product *= inputs[k][offsets[k]];
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
    if (l < 0) return;
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
    const bool known = misc::DispatchRealNumber(dtype, [&](auto tag) {
      using T = typename decltype(tag)::type;
      std::vector<const T*> inputs;
      for (const Tensor& input : context.inputs()) inputs.push_back(input.data<T>());
      Contract(*plan, inputs, output->mutable_data<T>());
    });
    if (!known) return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(dtype)));
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

REGISTER_KERNEL_FACTORY("Einsum", BuildEinsum,
                        {{"T",
                          {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE, tensorflow::DT_INT32,
                           tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
