// Optionals (OptionalNone, OptionalFromValue, OptionalHasValue, OptionalGetValue): a DT_VARIANT
// holding a tuple of tensors, or nothing.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/control/variant_value.h"
#include "runtime/kernels/misc/summarize.h"

namespace tfjs::runtime {
namespace {

struct Optional : public VariantValue {
  std::string TypeName() const override { return "tensorflow::data::Optional"; }
  std::string DebugString() const override {
    if (!has_value) return "OptionalVariant<None>";
    return absl::StrCat("OptionalVariant<values: (",
                        absl::StrJoin(components, ", ",
                                      [](std::string* out, const Tensor& component) {
                                        out->append(misc::TensorDebugString(component));
                                      }),
                        ")>");
  }
  // TF's OptionalVariant::Encode: one metadata byte, whether there is a value, and its tensors.
  absl::Status Encode(std::string* metadata, std::vector<Tensor>* tensors) const override {
    metadata->assign(1, has_value ? '\1' : '\0');
    if (has_value) tensors->insert(tensors->end(), components.begin(), components.end());
    return absl::OkStatus();
  }

  bool has_value = false;
  std::vector<Tensor> components;
};

absl::StatusOr<const Optional*> InputOptional(const OpContext& context) {
  if (context.num_inputs() < 1) return context.Error("missing the optional input");
  const Optional* optional = VariantAs<Optional>(context.input(0));
  if (optional == nullptr) return context.Error("input 0 is not an optional");
  return optional;
}

absl::Status ComputeNone(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(0, 0); !status.ok()) return status;
  context.set_output(0, MakeVariant(std::make_shared<const Optional>()));
  return absl::OkStatus();
}

absl::Status ComputeFromValue(OpContext& context) {
  auto optional = std::make_shared<Optional>();
  optional->has_value = true;
  optional->components.assign(context.inputs().begin(), context.inputs().end());
  context.set_output(0, MakeVariant(std::shared_ptr<const Optional>(std::move(optional))));
  return absl::OkStatus();
}

absl::Status ComputeHasValue(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<const Optional*> optional = InputOptional(context);
  if (!optional.ok()) return optional.status();
  context.set_output(0, Tensor::Scalar<bool>(tensorflow::DT_BOOL, (*optional)->has_value));
  return absl::OkStatus();
}

// The components, which must have the dtypes of `output_types`.
absl::Status ComputeGetValue(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<const Optional*> optional = InputOptional(context);
  if (!optional.ok()) return optional.status();
  if (!(*optional)->has_value) {
    return absl::InvalidArgumentError(
        absl::StrCat("node '", context.node().name(),
                     "' (OptionalGetValue): The optional variant does not have a value."));
  }
  const auto& attrs = context.node().attr();
  const auto types = attrs.find("output_types");
  const std::vector<Tensor>& components = (*optional)->components;
  if (types != attrs.end()) {
    const auto& expected = types->second.list().type();
    if (expected.size() != static_cast<int>(components.size())) {
      return context.Error(absl::StrCat("The optional holds ", components.size(),
                                        " components, but ", expected.size(), " were expected."));
    }
    for (size_t i = 0; i < components.size(); ++i) {
      if (components[i].dtype() != expected[i]) {
        return context.Error(absl::StrCat(
            "Input optional ", i, " has dtype ", DataTypeName(components[i].dtype()), " but ",
            DataTypeName(static_cast<DataType>(expected[i])), " was expected."));
      }
    }
  }
  for (size_t i = 0; i < components.size(); ++i) context.set_output(i, components[i]);
  return absl::OkStatus();
}

REGISTER_KERNEL("OptionalNone", ComputeNone);
REGISTER_KERNEL("OptionalFromValue", ComputeFromValue);
REGISTER_KERNEL("OptionalHasValue", ComputeHasValue);
REGISTER_KERNEL("OptionalGetValue", ComputeGetValue);

}  // namespace
}  // namespace tfjs::runtime
