// DecodeProtoV2 and EncodeProto: fields of protobuf messages to and from tensors through
// protobuf's reflection. Message types come from `descriptor_source`: "local://" (the messages
// compiled into this binary: TF's own wire formats in proto/), "bytes://" followed by a
// serialized FileDescriptorSet, or a path to a file holding one.
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/text_format.h"
#include "runtime/kernel.h"
#include "runtime/kernels/string/example_parsing.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// A message type with the pool and factory that keep it alive.
struct MessageType {
  std::unique_ptr<DescriptorPool> own_pool;
  std::unique_ptr<google::protobuf::DynamicMessageFactory> factory;
  const Descriptor* descriptor = nullptr;
  const Message* prototype = nullptr;
};

absl::StatusOr<MessageType> FindMessageType(const std::string& source, const std::string& name) {
  MessageType type;
  const DescriptorPool* pool = DescriptorPool::generated_pool();
  if (source != "local://") {
    std::string bytes;
    if (absl::StartsWith(source, "bytes://")) {
      bytes = source.substr(8);
    } else {
      std::ifstream file(source, std::ios::binary);
      if (!file) {
        return absl::InvalidArgumentError(
            absl::StrCat("Could not open descriptor_source file: ", source));
      }
      std::stringstream content;
      content << file.rdbuf();
      bytes = content.str();
    }
    google::protobuf::FileDescriptorSet set;
    if (!set.ParseFromString(bytes)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "descriptor_source does not hold a FileDescriptorSet: ", source.substr(0, 64)));
    }
    type.own_pool = std::make_unique<DescriptorPool>();
    for (const auto& file : set.file()) {
      if (type.own_pool->BuildFile(file) == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("Could not build descriptor for file ", file.name()));
      }
    }
    pool = type.own_pool.get();
  }
  type.descriptor = pool->FindMessageTypeByName(name);
  if (type.descriptor == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("No descriptor found for message type ", name));
  }
  type.factory = std::make_unique<google::protobuf::DynamicMessageFactory>(pool);
  type.prototype = type.factory->GetPrototype(type.descriptor);
  return type;
}

// Whether a field of `field`'s type may be read as `dtype` (TF's CheckOutputType).
bool CompatibleDtype(const FieldDescriptor& field, DataType dtype) {
  switch (field.type()) {
    case FieldDescriptor::TYPE_DOUBLE:
      return dtype == tensorflow::DT_DOUBLE;
    case FieldDescriptor::TYPE_FLOAT:
      return dtype == tensorflow::DT_FLOAT || dtype == tensorflow::DT_DOUBLE;
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_SFIXED64:
    case FieldDescriptor::TYPE_SINT64:
      return dtype == tensorflow::DT_INT64;
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_FIXED64:
      return dtype == tensorflow::DT_UINT64;
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SFIXED32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_ENUM:
      return dtype == tensorflow::DT_INT32 || dtype == tensorflow::DT_INT64;
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32:
      return dtype == tensorflow::DT_UINT32 || dtype == tensorflow::DT_INT64;
    case FieldDescriptor::TYPE_BOOL:
      return dtype == tensorflow::DT_BOOL;
    default:
      return dtype == tensorflow::DT_STRING;
  }
}

absl::StatusOr<std::vector<const FieldDescriptor*>> FindFields(
    const OpContext& context, const MessageType& type, const std::vector<std::string>& names,
    const std::vector<DataType>& dtypes) {
  if (names.size() != dtypes.size()) {
    return context.Error(absl::StrCat("field_names has ", names.size(), " entries but there are ",
                                      dtypes.size(), " value dtypes"));
  }
  std::vector<const FieldDescriptor*> fields;
  for (size_t i = 0; i < names.size(); ++i) {
    const FieldDescriptor* field = type.descriptor->FindFieldByName(names[i]);
    if (field == nullptr) {
      return context.Error(absl::StrCat("Unknown field: ", names[i], " in message type ",
                                        type.descriptor->full_name()));
    }
    if (!CompatibleDtype(*field, dtypes[i])) {
      return context.Error(absl::StrCat("Unexpected output type for ", field->full_name(), ": ",
                                        field->type_name(), " to ", DataTypeName(dtypes[i])));
    }
    fields.push_back(field);
  }
  return fields;
}

// Element `k` of `field` in `message` (k < 0: the field's default), stored at `out[at]`.
void ReadValue(const Message& message, const FieldDescriptor& field, int k, Tensor& out,
               int64_t at) {
  const Reflection& r = *message.GetReflection();
  const bool repeated = field.is_repeated();
  const bool fallback = k < 0;
  auto number = [&](auto value) {
    switch (out.dtype()) {
      case tensorflow::DT_DOUBLE:
        out.mutable_data<double>()[at] = value;
        break;
      case tensorflow::DT_FLOAT:
        out.mutable_data<float>()[at] = value;
        break;
      case tensorflow::DT_INT64:
        out.mutable_data<int64_t>()[at] = value;
        break;
      case tensorflow::DT_INT32:
        out.mutable_data<int32_t>()[at] = value;
        break;
      case tensorflow::DT_UINT64:
        out.mutable_data<uint64_t>()[at] = value;
        break;
      case tensorflow::DT_UINT32:
        out.mutable_data<uint32_t>()[at] = value;
        break;
      case tensorflow::DT_BOOL:
        out.mutable_data<bool>()[at] = value;
        break;
      default:
        break;
    }
  };
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_DOUBLE:
      number(fallback   ? field.default_value_double()
             : repeated ? r.GetRepeatedDouble(message, &field, k)
                        : r.GetDouble(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      number(fallback   ? field.default_value_float()
             : repeated ? r.GetRepeatedFloat(message, &field, k)
                        : r.GetFloat(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      number(fallback   ? field.default_value_int64()
             : repeated ? r.GetRepeatedInt64(message, &field, k)
                        : r.GetInt64(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      number(fallback   ? field.default_value_uint64()
             : repeated ? r.GetRepeatedUInt64(message, &field, k)
                        : r.GetUInt64(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_INT32:
      number(fallback   ? field.default_value_int32()
             : repeated ? r.GetRepeatedInt32(message, &field, k)
                        : r.GetInt32(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      number(fallback   ? field.default_value_uint32()
             : repeated ? r.GetRepeatedUInt32(message, &field, k)
                        : r.GetUInt32(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      number(fallback   ? field.default_value_bool()
             : repeated ? r.GetRepeatedBool(message, &field, k)
                        : r.GetBool(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      number(fallback   ? field.default_value_enum()->number()
             : repeated ? r.GetRepeatedEnumValue(message, &field, k)
                        : r.GetEnumValue(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_STRING:
      out.mutable_strings()[at] = fallback   ? field.default_value_string()
                                  : repeated ? r.GetRepeatedString(message, &field, k)
                                             : r.GetString(message, &field);
      break;
    case FieldDescriptor::CPPTYPE_MESSAGE:
      out.mutable_strings()[at] = fallback ? std::string()
                                  : repeated
                                      ? r.GetRepeatedMessage(message, &field, k).SerializeAsString()
                                      : r.GetMessage(message, &field).SerializeAsString();
      break;
  }
}

int FieldCount(const Message& message, const FieldDescriptor& field) {
  const Reflection& r = *message.GetReflection();
  if (field.is_repeated()) return r.FieldSize(message, &field);
  return r.HasField(message, &field) ? 1 : 0;
}

absl::Status ComputeDecodeProto(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "bytes"); !status.ok()) {
    return status;
  }
  const NodeAttrs attrs = strings::AttrsOf(context);
  absl::StatusOr<std::string> message_type = attrs.GetString("message_type");
  absl::StatusOr<std::string> source = attrs.GetString("descriptor_source");
  absl::StatusOr<std::string> format = attrs.GetString("message_format");
  for (const absl::Status& status : {message_type.status(), source.status(), format.status()}) {
    if (!status.ok()) return context.Error(status.message());
  }
  if (*format != "binary" && *format != "text") {
    return context.Error(absl::StrCat("Unsupported message_format ", *format));
  }
  absl::StatusOr<MessageType> type = FindMessageType(*source, *message_type);
  if (!type.ok()) return context.Error(type.status().message());
  const std::vector<DataType> dtypes = strings::TypeListAttr(context.node(), "output_types");
  absl::StatusOr<std::vector<const FieldDescriptor*>> fields =
      FindFields(context, *type, strings::StringListAttr(context.node(), "field_names"), dtypes);
  if (!fields.ok()) return fields.status();
  const Tensor& bytes = context.input(0);
  const int64_t batch = bytes.num_elements();
  std::vector<std::unique_ptr<Message>> messages;
  for (int64_t b = 0; b < batch; ++b) {
    std::unique_ptr<Message> message(type->prototype->New());
    const std::string& text = bytes.strings()[b];
    const bool parsed = *format == "binary"
                            ? message->ParseFromString(text)
                            : google::protobuf::TextFormat::ParseFromString(text, message.get());
    if (!parsed) return context.Error(absl::StrCat("Unable to parse proto at index ", b));
    messages.push_back(std::move(message));
  }
  const int num_fields = static_cast<int>(fields->size());
  Shape sizes_shape = bytes.shape();
  sizes_shape.push_back(num_fields);
  absl::StatusOr<Tensor> sizes = Tensor::Allocate(tensorflow::DT_INT32, sizes_shape);
  if (!sizes.ok()) return context.Error(sizes.status().message());
  for (int f = 0; f < num_fields; ++f) {
    const FieldDescriptor& field = *(*fields)[f];
    int max_count = 0;
    for (int64_t b = 0; b < batch; ++b) {
      const int count = FieldCount(*messages[b], field);
      sizes->mutable_data<int32_t>()[b * num_fields + f] = count;
      max_count = std::max(max_count, count);
    }
    Shape shape = bytes.shape();
    shape.push_back(max_count);
    absl::StatusOr<Tensor> values = Tensor::Allocate(dtypes[f], shape);
    if (!values.ok()) return context.Error(values.status().message());
    for (int64_t b = 0; b < batch; ++b) {
      const int count = FieldCount(*messages[b], field);
      for (int k = 0; k < max_count; ++k) {
        ReadValue(*messages[b], field, k < count ? k : -1, *values, b * max_count + k);
      }
    }
    context.set_output(1 + f, *std::move(values));
  }
  context.set_output(0, *std::move(sizes));
  return absl::OkStatus();
}

// Appends (or sets) element `at` of `values` to `field` of `message`.
void WriteValue(Message& message, const FieldDescriptor& field, const Tensor& values, int64_t at) {
  const Reflection& r = *message.GetReflection();
  const bool repeated = field.is_repeated();
  auto number = [&]() -> double {
    switch (values.dtype()) {
      case tensorflow::DT_DOUBLE:
        return values.data<double>()[at];
      case tensorflow::DT_FLOAT:
        return values.data<float>()[at];
      case tensorflow::DT_INT32:
        return values.data<int32_t>()[at];
      case tensorflow::DT_UINT32:
        return values.data<uint32_t>()[at];
      case tensorflow::DT_BOOL:
        return values.data<bool>()[at];
      default:
        return 0;
    }
  };
  auto integer = [&]() -> int64_t {
    if (values.dtype() == tensorflow::DT_INT64) return values.data<int64_t>()[at];
    if (values.dtype() == tensorflow::DT_UINT64) {
      return static_cast<int64_t>(values.data<uint64_t>()[at]);
    }
    return static_cast<int64_t>(number());
  };
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_DOUBLE:
      repeated ? r.AddDouble(&message, &field, number()) : r.SetDouble(&message, &field, number());
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      repeated ? r.AddFloat(&message, &field, number()) : r.SetFloat(&message, &field, number());
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      repeated ? r.AddInt64(&message, &field, integer()) : r.SetInt64(&message, &field, integer());
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      repeated ? r.AddUInt64(&message, &field, integer())
               : r.SetUInt64(&message, &field, integer());
      break;
    case FieldDescriptor::CPPTYPE_INT32:
      repeated ? r.AddInt32(&message, &field, integer()) : r.SetInt32(&message, &field, integer());
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      repeated ? r.AddUInt32(&message, &field, integer())
               : r.SetUInt32(&message, &field, integer());
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      repeated ? r.AddBool(&message, &field, integer() != 0)
               : r.SetBool(&message, &field, integer() != 0);
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      repeated ? r.AddEnumValue(&message, &field, static_cast<int>(integer()))
               : r.SetEnumValue(&message, &field, static_cast<int>(integer()));
      break;
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? r.AddString(&message, &field, values.strings()[at])
               : r.SetString(&message, &field, values.strings()[at]);
      break;
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      Message* sub = repeated ? r.AddMessage(&message, &field) : r.MutableMessage(&message, &field);
      sub->ParseFromString(values.strings()[at]);
      break;
    }
  }
}

absl::Status ComputeEncodeProto(OpContext& context) {
  const NodeAttrs attrs = strings::AttrsOf(context);
  absl::StatusOr<std::string> message_type = attrs.GetString("message_type");
  absl::StatusOr<std::string> source = attrs.GetString("descriptor_source");
  if (!message_type.ok()) return context.Error(message_type.status().message());
  if (!source.ok()) return context.Error(source.status().message());
  absl::StatusOr<MessageType> type = FindMessageType(*source, *message_type);
  if (!type.ok()) return context.Error(type.status().message());
  std::vector<DataType> dtypes;
  for (int i = 1; i < context.num_inputs(); ++i) dtypes.push_back(context.input(i).dtype());
  absl::StatusOr<std::vector<const FieldDescriptor*>> fields =
      FindFields(context, *type, strings::StringListAttr(context.node(), "field_names"), dtypes);
  if (!fields.ok()) return fields.status();
  const Tensor& sizes = context.input(0);
  const int num_fields = static_cast<int>(fields->size());
  if (sizes.dtype() != tensorflow::DT_INT32 || sizes.rank() < 1 ||
      sizes.dim(sizes.rank() - 1) != num_fields) {
    return context.Error(absl::StrCat("sizes should be an int32 tensor of shape [batch..., ",
                                      num_fields, "], got ", ShapeString(sizes.shape())));
  }
  const Shape batch_shape(sizes.shape().begin(), sizes.shape().end() - 1);
  const int64_t batch = NumElements(batch_shape);
  for (int f = 0; f < num_fields; ++f) {
    const Tensor& values = context.input(1 + f);
    Shape prefix(values.shape().begin(), values.shape().end() - (values.rank() > 0 ? 1 : 0));
    if (values.rank() != sizes.rank() || prefix != batch_shape) {
      return context.Error(absl::StrCat("values[", f, "] has shape ", ShapeString(values.shape()),
                                        "; it should be [batch..., max values]"));
    }
  }
  std::vector<std::string> out(batch);
  for (int64_t b = 0; b < batch; ++b) {
    std::unique_ptr<Message> message(type->prototype->New());
    for (int f = 0; f < num_fields; ++f) {
      const Tensor& values = context.input(1 + f);
      const int64_t width = values.dim(values.rank() - 1);
      const int32_t count = sizes.data<int32_t>()[b * num_fields + f];
      if (count < 0 || count > width) {
        return context.Error(
            absl::StrCat("sizes[", b, ", ", f, "] = ", count, " is out of range [0, ", width, "]"));
      }
      if (!(*fields)[f]->is_repeated() && count > 1) {
        return context.Error(absl::StrCat("Field ", (*fields)[f]->name(),
                                          " is not repeated but has ", count, " values"));
      }
      for (int32_t k = 0; k < count; ++k)
        WriteValue(*message, *(*fields)[f], values, b * width + k);
    }
    out[b] = message->SerializeAsString();
  }
  context.set_output(0, Tensor::Strings(batch_shape, std::move(out)));
  return absl::OkStatus();
}

REGISTER_KERNEL("DecodeProtoV2", ComputeDecodeProto);
REGISTER_KERNEL("EncodeProto", ComputeEncodeProto);

}  // namespace
}  // namespace tfjs::runtime
