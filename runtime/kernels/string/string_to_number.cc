// StringToNumber: parses each string as TF's safe_strto* do (strings::ParseNumber).
#include <optional>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeStringToNumber(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "string_tensor"); !status.ok()) {
    return status;
  }
  absl::StatusOr<DataType> out_type = strings::AttrsOf(context).GetType("out_type");
  if (!out_type.ok()) return context.Error(out_type.status().message());
  const Tensor& input = context.input(0);
  absl::StatusOr<Tensor> output = Tensor::Allocate(*out_type, input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  using Types = math::TypeList<float, double, int32_t, int64_t>;
  return math::DispatchDataType(Types(), context, *out_type, "out_type", [&](auto tag) {
    using T = decltype(tag);
    T* out = output->mutable_data<T>();
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      const std::string& text = input.strings()[i];
      const std::optional<T> value = strings::ParseNumber<T>(text);
      if (!value.has_value()) {
        return context.Error(
            absl::StrCat("StringToNumberOp could not correctly convert string: ", text));
      }
      out[i] = *value;
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  });
}

REGISTER_KERNEL("StringToNumber", ComputeStringToNumber,
                {{"out_type", math::DtypesOf(math::TypeList<float, double, int32_t, int64_t>())}});

}  // namespace
}  // namespace tfjs::runtime
