#include "runtime/tensor_proto.h"

#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime {
namespace {

// Fills `tensor` from a repeated proto field; a shorter list repeats its last value, as TF does.
template <typename Element, typename Field>
absl::Status FillFromField(const Field& field, Tensor& tensor) {
  const int64_t count = tensor.num_elements();
  Element* out = tensor.mutable_data<Element>();
  if (field.size() > count) {
    return absl::InvalidArgumentError(absl::StrCat("tensor has ", field.size(),
                                                   " values for shape ",
                                                   ShapeString(tensor.shape())));
  }
  if (field.empty()) {
    std::memset(out, 0, count * sizeof(Element));
    return absl::OkStatus();
  }
  for (int64_t i = 0; i < count; ++i) {
    out[i] = static_cast<Element>(field.Get(i < field.size() ? i : field.size() - 1));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Tensor> TensorFromProto(const tensorflow::TensorProto& proto) {
  Shape shape;
  if (proto.tensor_shape().unknown_rank()) {
    return absl::InvalidArgumentError("constant tensor has an unknown rank");
  }
  for (const auto& dim : proto.tensor_shape().dim()) shape.push_back(dim.size());
  const DataType dtype = proto.dtype();

  if (dtype == tensorflow::DT_STRING) {
    const int64_t count = NumElements(shape);
    if (count < 0 || proto.string_val_size() > count) {
      return absl::InvalidArgumentError(absl::StrCat("string tensor has ", proto.string_val_size(),
                                                     " values for shape ", ShapeString(shape)));
    }
    std::vector<std::string> values(count);
    for (int64_t i = 0; i < count && proto.string_val_size() > 0; ++i) {
      values[i] = proto.string_val(std::min<int64_t>(i, proto.string_val_size() - 1));
    }
    return Tensor::Strings(std::move(shape), std::move(values));
  }

  absl::StatusOr<Tensor> tensor = Tensor::Allocate(dtype, shape);
  if (!tensor.ok()) return tensor.status();
  if (!proto.tensor_content().empty()) {
    if (static_cast<int64_t>(proto.tensor_content().size()) != tensor->byte_size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "tensor_content has ", proto.tensor_content().size(), " bytes, shape ",
          ShapeString(shape), " of ", DataTypeName(dtype), " needs ", tensor->byte_size()));
    }
    std::memcpy(tensor->mutable_data<char>(), proto.tensor_content().data(),
                proto.tensor_content().size());
    return tensor;
  }

  absl::Status filled;
  switch (dtype) {
    case tensorflow::DT_FLOAT: filled = FillFromField<float>(proto.float_val(), *tensor); break;
    case tensorflow::DT_DOUBLE: filled = FillFromField<double>(proto.double_val(), *tensor); break;
    case tensorflow::DT_INT32: filled = FillFromField<int32_t>(proto.int_val(), *tensor); break;
    case tensorflow::DT_INT16: filled = FillFromField<int16_t>(proto.int_val(), *tensor); break;
    case tensorflow::DT_INT8: filled = FillFromField<int8_t>(proto.int_val(), *tensor); break;
    case tensorflow::DT_UINT8: filled = FillFromField<uint8_t>(proto.int_val(), *tensor); break;
    case tensorflow::DT_INT4: filled = FillFromField<int8_t>(proto.int_val(), *tensor); break;
    case tensorflow::DT_UINT4: filled = FillFromField<uint8_t>(proto.int_val(), *tensor); break;
    case tensorflow::DT_UINT16: filled = FillFromField<uint16_t>(proto.int_val(), *tensor); break;
    case tensorflow::DT_INT64: filled = FillFromField<int64_t>(proto.int64_val(), *tensor); break;
    case tensorflow::DT_UINT32: filled = FillFromField<uint32_t>(proto.uint32_val(), *tensor); break;
    case tensorflow::DT_UINT64: filled = FillFromField<uint64_t>(proto.uint64_val(), *tensor); break;
    case tensorflow::DT_BOOL: filled = FillFromField<bool>(proto.bool_val(), *tensor); break;
    case tensorflow::DT_HALF:
    case tensorflow::DT_BFLOAT16:
      filled = FillFromField<uint16_t>(proto.half_val(), *tensor);
      break;
    case tensorflow::DT_COMPLEX64: {
      // Pairs of (real, imaginary); repeat the last pair to fill.
      const auto& field = proto.scomplex_val();
      float* out = tensor->mutable_data<float>();
      const int64_t count = tensor->num_elements();
      const int pairs = field.size() / 2;
      if (pairs > count) return absl::InvalidArgumentError("too many complex64 values for shape");
      for (int64_t i = 0; i < count; ++i) {
        const int p = pairs == 0 ? -1 : static_cast<int>(std::min<int64_t>(i, pairs - 1));
        out[2 * i] = p < 0 ? 0.f : field.Get(2 * p);
        out[2 * i + 1] = p < 0 ? 0.f : field.Get(2 * p + 1);
      }
      break;
    }
    default:
      return absl::UnimplementedError(
          absl::StrCat("constant tensors of dtype ", DataTypeName(dtype), " are not supported"));
  }
  if (!filled.ok()) return filled;
  return tensor;
}

absl::StatusOr<tensorflow::TensorProto> TensorToProto(const Tensor& tensor) {
  tensorflow::TensorProto proto;
  proto.set_dtype(tensor.dtype());
  // A scalar's empty shape is written too, as TF writes it.
  tensorflow::TensorShapeProto* shape = proto.mutable_tensor_shape();
  for (int64_t dim : tensor.shape()) shape->add_dim()->set_size(dim);
  if (tensor.dtype() == tensorflow::DT_STRING) {
    for (const std::string& value : tensor.strings()) proto.add_string_val(value);
  } else if (tensor.dtype() == tensorflow::DT_VARIANT) {
    for (int64_t i = 0; i < tensor.num_elements(); ++i) {
      tensorflow::VariantTensorDataProto* encoded = proto.add_variant_val();
      const VariantValue* value = tensor.variant(i);
      if (value == nullptr) continue;
      std::vector<Tensor> parts;
      if (absl::Status status = value->Encode(encoded->mutable_metadata(), &parts); !status.ok()) {
        return status;
      }
      encoded->set_type_name(value->TypeName());
      for (const Tensor& part : parts) {
        absl::StatusOr<tensorflow::TensorProto> part_proto = TensorToProto(part);
        if (!part_proto.ok()) return part_proto.status();
        *encoded->add_tensors() = *std::move(part_proto);
      }
    }
  } else if (DataTypeSize(tensor.dtype()) > 0) {
    proto.set_tensor_content(static_cast<const char*>(tensor.raw_data()),
                             static_cast<size_t>(tensor.byte_size()));
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot serialize values of dtype ", DataTypeName(tensor.dtype()),
                     " (resource handles have no TensorProto form outside TensorFlow)"));
  }
  return proto;
}

}  // namespace tfjs::runtime
