// CompositeTensorVariantFromComponents / ToComponents: a composite tensor's component tensors
// packed into one DT_VARIANT with its type-spec `metadata`, and unpacked again.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/control/variant_value.h"

namespace tfjs::runtime {
namespace {

struct CompositeTensorVariant : public VariantValue {
  std::string metadata;
  std::vector<Tensor> components;
};

std::string MetadataAttr(const OpContext& context) {
  const auto& attrs = context.node().attr();
  const auto metadata = attrs.find("metadata");
  return metadata == attrs.end() ? "" : metadata->second.s();
}

absl::Status ComputeFromComponents(OpContext& context) {
  auto encoded = std::make_shared<CompositeTensorVariant>();
  encoded->metadata = MetadataAttr(context);
  encoded->components.assign(context.inputs().begin(), context.inputs().end());
  context.set_output(0, MakeVariant(std::shared_ptr<const CompositeTensorVariant>(encoded)));
  return absl::OkStatus();
}

absl::Status ComputeToComponents(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const CompositeTensorVariant* encoded = VariantAs<CompositeTensorVariant>(context.input(0));
  if (encoded == nullptr) return context.Error("input 0 is not a CompositeTensorVariant");
  if (encoded->metadata != MetadataAttr(context)) {
    return context.Error(
        "Expected a CompositeTensorVariant with the metadata of this op's type spec, but got "
        "one of another type spec");
  }
  const auto& attrs = context.node().attr();
  const auto types = attrs.find("Tcomponents");
  if (types != attrs.end()) {
    const auto& expected = types->second.list().type();
    if (expected.size() != static_cast<int>(encoded->components.size())) {
      return context.Error(absl::StrCat("Expected ", expected.size(), " components, got ",
                                        encoded->components.size()));
    }
    for (int i = 0; i < expected.size(); ++i) {
      if (encoded->components[i].dtype() != expected[i]) {
        return context.Error(absl::StrCat(
            "Component ", i, " has dtype ", DataTypeName(encoded->components[i].dtype()),
            ", expected ", DataTypeName(static_cast<DataType>(expected[i]))));
      }
    }
  }
  for (size_t i = 0; i < encoded->components.size(); ++i) {
    context.set_output(i, encoded->components[i]);
  }
  return absl::OkStatus();
}

REGISTER_KERNEL("CompositeTensorVariantFromComponents", ComputeFromComponents);
REGISTER_KERNEL("CompositeTensorVariantToComponents", ComputeToComponents);

}  // namespace
}  // namespace tfjs::runtime
