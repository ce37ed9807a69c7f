// Einsum over one or two operands: any equation with explicit output, ellipsis broadcasting,
// repeated subscripts (diagonals, traces) and sums, computed by one loop over all labels.
// float16 and bfloat16 operands are widened to float32 and the result rounded once.
#include <complex>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"
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
    auto contract = [&](auto tag) {
      using T = typename decltype(tag)::type;
      std::vector<const T*> inputs;
      for (const Tensor& input : context.inputs()) inputs.push_back(input.data<T>());
      Contract(*plan, inputs, output->mutable_data<T>());
    };
    if (dtype == tensorflow::DT_HALF || dtype == tensorflow::DT_BFLOAT16) {
      ContractWidened(context, *plan, &*output);
    } else if (dtype == tensorflow::DT_COMPLEX64) {
      contract(misc::TypeTag<std::complex<float>>{});
    } else if (dtype == tensorflow::DT_COMPLEX128) {
      contract(misc::TypeTag<std::complex<double>>{});
    } else if (!misc::DispatchRealNumber(dtype, contract)) {
      return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(dtype)));
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  // float16 / bfloat16 operands contracted in float32, the output rounded once.
  static void ContractWidened(const OpContext& context, const misc::EinsumPlan& plan,
                              Tensor* output) {
    const bool half = output->dtype() == tensorflow::DT_HALF;
    std::vector<std::vector<float>> wide;
    std::vector<const float*> inputs;
    for (const Tensor& input : context.inputs()) {
      const uint16_t* bits = input.data<uint16_t>();
      std::vector<float>& values = wide.emplace_back(input.num_elements());
      for (size_t i = 0; i < values.size(); ++i) {
        values[i] = half ? HalfToFloat(bits[i]) : BFloat16ToFloat(bits[i]);
      }
    }
    for (const std::vector<float>& values : wide) inputs.push_back(values.data());
    std::vector<float> result(output->num_elements());
    Contract(plan, inputs, result.data());
    uint16_t* out = output->mutable_data<uint16_t>();
    for (size_t i = 0; i < result.size(); ++i) {
      out[i] = half ? FloatToHalf(result[i]) : FloatToBFloat16(result[i]);
    }
  }

  std::string equation_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildEinsum(const KernelBuildContext& context) {
  absl::StatusOr<std::string> equation = context.attrs.GetString("equation");
  if (!equation.ok()) return equation.status();
  return std::make_unique<EinsumKernel>(*std::move(equation));
}

REGISTER_KERNEL_FACTORY("Einsum", BuildEinsum,
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                           tensorflow::DT_DOUBLE, tensorflow::DT_INT32, tensorflow::DT_INT64,
                           tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}}});

}  // namespace
}  // namespace tfjs::runtime
