// CompositeTensorVariantFromComponents / ToComponents: a composite tensor's component tensors
// packed into one DT_VARIANT with its type-spec `metadata`, and unpacked again.
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "runtime/kernel.h"
#include "runtime/kernels/control/variant_value.h"
#include "runtime/kernels/misc/summarize.h"

namespace tfjs::runtime {
namespace {

// The type_spec_class of a serialized CompositeTensorVariantMetadata (its type_spec_proto, field 1,
// holds TypeSpecProto, whose field 1 is the class), by TF's TypeSpecProto.TypeSpecClass names.
std::string TypeSpecClassName(const std::string& metadata) {
  static const char* const kNames[] = {"UNKNOWN",
                                       "SPARSE_TENSOR_SPEC",
                                       "INDEXED_SLICES_SPEC",
                                       "RAGGED_TENSOR_SPEC",
                                       "TENSOR_ARRAY_SPEC",
                                       "DATA_DATASET_SPEC",
                                       "DATA_ITERATOR_SPEC",
                                       "OPTIONAL_SPEC",
                                       "PER_REPLICA_SPEC",
                                       "VARIABLE_SPEC",
                                       "ROW_PARTITION_SPEC",
                                       "",
                                       "REGISTERED_TYPE_SPEC",
                                       "EXTENSION_TYPE_SPEC"};
  uint32_t type_spec_class = 0;
  google::protobuf::io::CodedInputStream outer(reinterpret_cast<const uint8_t*>(metadata.data()),
                                               static_cast<int>(metadata.size()));
  for (uint32_t tag = outer.ReadTag(); tag != 0; tag = outer.ReadTag()) {
    uint32_t length = 0;
    if (tag != ((1 << 3) | 2) || !outer.ReadVarint32(&length)) {
      if (!google::protobuf::internal::WireFormatLite::SkipField(&outer, tag)) break;
      continue;
    }
    const auto limit = outer.PushLimit(static_cast<int>(length));
    for (uint32_t inner = outer.ReadTag(); inner != 0; inner = outer.ReadTag()) {
      if (inner == (1 << 3)) {
        outer.ReadVarint32(&type_spec_class);
      } else if (!google::protobuf::internal::WireFormatLite::SkipField(&outer, inner)) {
        break;
      }
    }
    outer.PopLimit(limit);
  }
  if (type_spec_class >= std::size(kNames) || kNames[type_spec_class][0] == '\0') {
    return absl::StrCat(type_spec_class);
  }
  return kNames[type_spec_class];
}

struct CompositeTensorVariant : public VariantValue {
  std::string TypeName() const override { return "CompositeTensorVariant"; }
  std::string DebugString() const override {
    return absl::StrCat("<CompositeTensorVariant type=", TypeSpecClassName(metadata),
                        ", components=[",
                        absl::StrJoin(components, ", ",
                                      [](std::string* out, const Tensor& component) {
                                        out->append(misc::TensorDebugString(component));
                                      }),
                        "]>");
  }
  // TF's CompositeTensorVariant::Encode: the serialized metadata and the components.
  absl::Status Encode(std::string* encoded_metadata, std::vector<Tensor>* tensors) const override {
    *encoded_metadata = metadata;
    tensors->insert(tensors->end(), components.begin(), components.end());
    return absl::OkStatus();
  }

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
