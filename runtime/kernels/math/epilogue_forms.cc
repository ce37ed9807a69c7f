// The epilogue forms (runtime/epilogue.h) of float32 pointwise nodes whose other input is a
// constant scalar or channel vector: Add, AddV2 and Sub (a bias), Mul (a scale), Maximum and
// Minimum with a scalar (a clamp), Relu and Relu6 (a clamp), Prelu with one alpha per channel
// (a slope); and Mul of two computed tensors as the product joining two chains (a gate).
#include <optional>
#include <vector>

#include "runtime/epilogue.h"
#include "runtime/kernel.h"

namespace tfjs::runtime::math {
namespace {

bool IsFloat32(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = context.attrs.GetType("T");
  return dtype.ok() && *dtype == tensorflow::DT_FLOAT;
}

// Of a binary node with one constant operand: which input is the other, and the constant's
// values (a scalar or a vector); nullopt when neither or both are constants.
struct ConstantOperand {
  int data_input = 0;
  std::vector<float> values;
  int rank = 0;
};
std::optional<ConstantOperand> FindConstantOperand(const KernelBuildContext& context) {
  if (!IsFloat32(context) || context.constant_inputs.size() != 2) return std::nullopt;
  for (int constant = 0; constant < 2; ++constant) {
    const int data = 1 - constant;
    if (context.constant_inputs[data] != nullptr) continue;
    std::optional<std::vector<float>> values = ConstantChannelVector(context, constant);
    if (values) {
      return ConstantOperand{data, *std::move(values), context.constant_inputs[constant]->rank()};
    }
  }
  return std::nullopt;
}

std::optional<EpilogueForm> AddForm(const KernelBuildContext& context) {
  std::optional<ConstantOperand> operand = FindConstantOperand(context);
  if (!operand) return std::nullopt;
  EpilogueForm form{operand->data_input, {}};
  form.epilogue.rank = operand->rank;
  form.epilogue.bias = std::move(operand->values);
  return form;
}

// x - c = x + (-c); c - x = x * -1 + c.
std::optional<EpilogueForm> SubForm(const KernelBuildContext& context) {
  std::optional<ConstantOperand> operand = FindConstantOperand(context);
  if (!operand) return std::nullopt;
  EpilogueForm form{operand->data_input, {}};
  form.epilogue.rank = operand->rank;
  form.epilogue.bias = std::move(operand->values);
  if (operand->data_input == 0) {
    for (float& value : form.epilogue.bias) value = -value;
  } else {
    form.epilogue.scale = {-1.f};
  }
  return form;
}

std::optional<EpilogueForm> MulForm(const KernelBuildContext& context) {
  std::optional<ConstantOperand> operand = FindConstantOperand(context);
  if (!operand) return std::nullopt;
  EpilogueForm form{operand->data_input, {}};
  form.epilogue.rank = operand->rank;
  form.epilogue.scale = std::move(operand->values);
  return form;
}

std::optional<EpilogueForm> MaximumForm(const KernelBuildContext& context) {
  std::optional<ConstantOperand> operand = FindConstantOperand(context);
  if (!operand || operand->values.size() != 1) return std::nullopt;
  EpilogueForm form{operand->data_input, {}};
  form.epilogue.rank = operand->rank;
  form.epilogue.min = operand->values[0];
  return form;
}

std::optional<EpilogueForm> MinimumForm(const KernelBuildContext& context) {
  std::optional<ConstantOperand> operand = FindConstantOperand(context);
  if (!operand || operand->values.size() != 1) return std::nullopt;
  EpilogueForm form{operand->data_input, {}};
  form.epilogue.rank = operand->rank;
  form.epilogue.max = operand->values[0];
  return form;
}

std::optional<EpilogueForm> ReluForm(const KernelBuildContext& context) {
  if (!IsFloat32(context)) return std::nullopt;
  EpilogueForm form;
  form.epilogue.min = 0.f;
  return form;
}

std::optional<EpilogueForm> Relu6Form(const KernelBuildContext& context) {
  if (!IsFloat32(context)) return std::nullopt;
  EpilogueForm form;
  form.epilogue.min = 0.f;
  form.epilogue.max = 6.f;
  return form;
}

// Prelu whose alpha is a float32 constant shaped [1, ..., 1, C] (Keras's PReLU with shared
// spatial axes) and whose x is computed. TF.js's Prelu nodes carry no T attr; the kernel wants
// x of alpha's dtype.
std::optional<EpilogueForm> PreluForm(const KernelBuildContext& context) {
  if (context.constant_inputs.size() != 2 ||
      context.constant_inputs[0] != nullptr || context.constant_inputs[1] == nullptr) {
    return std::nullopt;
  }
  const Tensor& alpha = *context.constant_inputs[1];
  if (alpha.dtype() != tensorflow::DT_FLOAT || alpha.num_elements() == 0) return std::nullopt;
  for (int i = 0; i + 1 < alpha.rank(); ++i) {
    if (alpha.dim(i) != 1) return std::nullopt;
  }
  EpilogueForm form;
  const float* values = alpha.data<float>();
  form.epilogue.slope.assign(values, values + alpha.num_elements());
  form.epilogue.rank = alpha.rank();
  return form;
}

// Mul of two computed tensors (neither a constant): joins two chains into a gated step.
bool MulProductForm(const KernelBuildContext& context) {
  return IsFloat32(context) && context.constant_inputs.size() == 2 &&
         context.constant_inputs[0] == nullptr && context.constant_inputs[1] == nullptr;
}

}  // namespace

REGISTER_PRODUCT_FORM("Mul", MulProductForm);
REGISTER_EPILOGUE_FORM("Add", AddForm);
REGISTER_EPILOGUE_FORM("AddV2", AddForm);
REGISTER_EPILOGUE_FORM("Sub", SubForm);
REGISTER_EPILOGUE_FORM("Mul", MulForm);
REGISTER_EPILOGUE_FORM("Maximum", MaximumForm);
REGISTER_EPILOGUE_FORM("Minimum", MinimumForm);
REGISTER_EPILOGUE_FORM("Relu", ReluForm);
REGISTER_EPILOGUE_FORM("Relu6", Relu6Form);
REGISTER_EPILOGUE_FORM("Prelu", PreluForm);

}  // namespace tfjs::runtime::math
