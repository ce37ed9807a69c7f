// Elementwise ops on complex numbers: Conj (complex conjugate) and Angle (the argument
// atan2(imag, real), in the matching real dtype).
#include <complex>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/unary_kernel.h"

namespace tfjs::runtime::math {
namespace {

// TF's CONJ variant function of each element (CSR sparse matrices conjugate their values).
absl::Status ConjVariants(OpContext& context) {
  const Tensor& input = context.input(0);
  std::vector<std::shared_ptr<const VariantValue>> conjugated;
  conjugated.reserve(input.num_elements());
  for (int64_t i = 0; i < input.num_elements(); ++i) {
    const VariantValue* value = input.variant(i);
    if (value == nullptr) return context.Error(absl::StrCat("element ", i, " holds no value"));
    absl::StatusOr<std::shared_ptr<const VariantValue>> result = value->Conj();
    if (!result.ok()) return context.Error(result.status().message());
    conjugated.push_back(*std::move(result));
  }
  context.set_output(0, Tensor::Variants(input.shape(), std::move(conjugated)));
  return absl::OkStatus();
}

absl::Status ComputeConj(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  if (context.input(0).dtype() == tensorflow::DT_VARIANT) return ConjVariants(context);
  return DispatchDataType(ComplexTypes(), context, context.input(0).dtype(), "input 'input'",
                          [&](auto type) {
                            using T = decltype(type);
                            return ComputeUnary<T, T>(context, 1, [](T x) { return std::conj(x); });
                          });
}

absl::Status ComputeAngle(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  return DispatchDataType(
      ComplexTypes(), context, context.input(0).dtype(), "input 'input'", [&](auto type) {
        using T = decltype(type);
        using Real = typename T::value_type;
        return ComputeUnary<T, Real>(context, 16, [](T x) { return std::arg(x); });
      });
}

REGISTER_KERNEL("Conj", ComputeConj,
                {{"T", dtypes::Join({DtypesOf(ComplexTypes()), {tensorflow::DT_VARIANT}})}});
// TF registers Angle for complex64 -> float32 and complex128 -> float64 only.
absl::StatusOr<std::unique_ptr<Kernel>> BuildAngle(const KernelBuildContext& build) {
  absl::StatusOr<DataType> type = build.attrs.GetType("T");
  if (!type.ok()) return type.status();
  absl::StatusOr<DataType> out_type = build.attrs.GetType("Tout");
  if (!out_type.ok()) return out_type.status();
  const DataType real =
      *type == tensorflow::DT_COMPLEX128 ? tensorflow::DT_DOUBLE : tensorflow::DT_FLOAT;
  if (*out_type != real) {
    return build.Error(absl::StrCat("Tout must be ", DataTypeName(real), " for T ",
                                    DataTypeName(*type), ", got ", DataTypeName(*out_type)));
  }
  return std::make_unique<FunctionKernel>(ComputeAngle);
}

REGISTER_KERNEL_FACTORY("Angle", BuildAngle,
                        {{"T", DtypesOf(ComplexTypes())}, {"Tout", DtypesOf(FloatTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
