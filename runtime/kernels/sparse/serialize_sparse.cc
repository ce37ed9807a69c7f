// SerializeSparse / SerializeManySparse (a SparseTensor, or each minibatch entry of one, as its
// three components: serialized TensorProtos, or variants holding the tensors) and
// DeserializeSparse / DeserializeManySparse (the reverse, stacking the parts along new leading
// dims with each dim the largest of the parts').
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "proto/tensor.pb.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/sparse/sparse_util.h"
#include "runtime/kernels/sparse/variant_tensors.h"
#include "runtime/tensor_proto.h"

namespace tfjs::runtime {
namespace {

using sparse::SparseInput;
using sparse::TensorsVariant;

// The tensor as TF's AsProtoTensorContent serializes it.
absl::StatusOr<std::string> SerializeTensor(const Tensor& tensor) {
  absl::StatusOr<tensorflow::TensorProto> proto = TensorToProto(tensor);
  if (!proto.ok()) return proto.status();
  return proto->SerializeAsString();
}

// One SparseTensor's three components.
struct Components {
  Tensor indices, values, shape;
};

// The output of the Serialize ops: [batch..., 3] strings or variants.
absl::StatusOr<Tensor> SerializeAll(const std::vector<Components>& parts, Shape shape,
                                    DataType out_type) {
  if (out_type == tensorflow::DT_STRING) {
    std::vector<std::string> out;
    for (const Components& part : parts) {
      for (const Tensor* tensor : {&part.indices, &part.values, &part.shape}) {
        absl::StatusOr<std::string> text = SerializeTensor(*tensor);
        if (!text.ok()) return text.status();
        out.push_back(*std::move(text));
      }
    }
    return Tensor::Strings(std::move(shape), std::move(out));
  }
  if (out_type != tensorflow::DT_VARIANT) {
    return absl::InvalidArgumentError(
        absl::StrCat("out_type must be string or variant, got ", DataTypeName(out_type)));
  }
  std::vector<TensorsVariant> out;
  for (const Components& part : parts) {
    for (const Tensor* tensor : {&part.indices, &part.values, &part.shape}) {
      out.push_back(TensorsVariant{TensorsVariant::Kind::kSparseComponent, {*tensor}});
    }
  }
  return sparse::MakeVariantTensor(std::move(shape), std::move(out));
}

absl::StatusOr<DataType> OutType(const OpContext& context) {
  absl::StatusOr<DataType> out_type = sparse::AttrsOf(context).GetType("out_type");
  if (!out_type.ok()) return context.Error(out_type.status().message());
  return out_type;
}

absl::Status ComputeSerializeSparse(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, 0);
  if (!input.ok()) return input.status();
  absl::StatusOr<DataType> out_type = OutType(context);
  if (!out_type.ok()) return out_type.status();
  absl::StatusOr<Tensor> out =
      SerializeAll({{*input->indices, *input->values, context.input(2)}}, {3}, *out_type);
  if (!out.ok()) return context.Error(out.status().message());
  context.set_output(0, *std::move(out));
  return absl::OkStatus();
}

absl::Status ComputeSerializeManySparse(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, 0);
  if (!input.ok()) return input.status();
  absl::StatusOr<DataType> out_type = OutType(context);
  if (!out_type.ok()) return out_type.status();
  const int rank = input->rank;
  if (rank < 2) {
    return context.Error(
        absl::StrCat("Rank of input SparseTensor should be > 1, but saw rank: ", rank));
  }
  const int64_t batch = input->shape[0];
  std::vector<std::vector<int64_t>> members(batch);
  for (int64_t k = 0; k < input->nnz; ++k) {
    const int64_t b = input->index(k)[0];
    if (b < 0 || b >= batch) {
      return context.Error(
          absl::StrCat("Received unexpected column 0 value in input SparseTensor: ", b,
                       " < 0 or >= N (= ", batch, ")"));
    }
    members[b].push_back(k);
  }
  const std::vector<int64_t> inner_shape(input->shape.begin() + 1, input->shape.end());
  std::vector<Components> parts;
  for (int64_t b = 0; b < batch; ++b) {
    std::vector<int64_t> indices;
    for (int64_t k : members[b]) {
      indices.insert(indices.end(), input->index(k) + 1, input->index(k) + rank);
    }
    absl::StatusOr<Tensor> indices_out =
        sparse::Int64Tensor({static_cast<int64_t>(members[b].size()), rank - 1}, indices);
    absl::StatusOr<Tensor> values_out = sparse::Gather(*input->values, members[b]);
    absl::StatusOr<Tensor> shape_out = sparse::Int64Tensor({rank - 1}, inner_shape);
    for (const auto* result : {&indices_out, &values_out, &shape_out}) {
      if (!result->ok()) return context.Error(result->status().message());
    }
    parts.push_back({*std::move(indices_out), *std::move(values_out), *std::move(shape_out)});
  }
  absl::StatusOr<Tensor> out = SerializeAll(parts, {batch, 3}, *out_type);
  if (!out.ok()) return context.Error(out.status().message());
  context.set_output(0, *std::move(out));
  return absl::OkStatus();
}

// Component `c` of serialized element `i` as a tensor.
absl::StatusOr<Tensor> ReadComponent(const Tensor& serialized, int64_t i) {
  if (serialized.dtype() == tensorflow::DT_STRING) {
    tensorflow::TensorProto proto;
    if (!proto.ParseFromString(serialized.strings()[i])) {
      return absl::InvalidArgumentError(
          absl::StrCat("Could not parse serialized proto at position ", i));
    }
    return TensorFromProto(proto);
  }
  const TensorsVariant* element =
      sparse::VariantElement(serialized, i, TensorsVariant::Kind::kSparseComponent);
  if (element == nullptr || element->tensors.size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat("serialized_sparse variant at position ", i,
                                                   " does not hold a SparseTensor component"));
  }
  return element->tensors[0];
}

// Deserializes the [batch..., 3] input into one SparseTensor whose leading dims are the batch's.
absl::Status Deserialize(OpContext& context, const Tensor& serialized, DataType dtype) {
  if (serialized.rank() < 1 || serialized.dim(serialized.rank() - 1) != 3) {
    return context.Error(absl::StrCat("Serialized sparse should have shape [..., 3], got ",
                                      ShapeString(serialized.shape())));
  }
  const Shape batch_shape(serialized.shape().begin(), serialized.shape().end() - 1);
  const int64_t batch = NumElements(batch_shape);
  const int batch_rank = static_cast<int>(batch_shape.size());
  int inner_rank = -1;
  std::vector<int64_t> max_shape;
  std::vector<Components> parts;
  for (int64_t b = 0; b < batch; ++b) {
    Components part;
    Tensor* slots[] = {&part.indices, &part.values, &part.shape};
    for (int c = 0; c < 3; ++c) {
      absl::StatusOr<Tensor> tensor = ReadComponent(serialized, 3 * b + c);
      if (!tensor.ok()) return context.Error(tensor.status().message());
      *slots[c] = *std::move(tensor);
    }
    if (part.indices.dtype() != tensorflow::DT_INT64 || part.indices.rank() != 2 ||
        part.shape.dtype() != tensorflow::DT_INT64 || part.shape.rank() != 1 ||
        part.values.rank() != 1 || part.values.dim(0) != part.indices.dim(0) ||
        part.shape.dim(0) != part.indices.dim(1)) {
      return context.Error(absl::StrCat("Serialized SparseTensor ", b, " is malformed"));
    }
    if (part.values.dtype() != dtype) {
      return context.Error(absl::StrCat("Requested SparseTensor of type ", DataTypeName(dtype),
                                        " but SparseTensor[", b,
                                        "].values.dtype() == ", DataTypeName(part.values.dtype())));
    }
    const int rank = static_cast<int>(part.shape.dim(0));
    if (inner_rank >= 0 && rank != inner_rank) {
      return context.Error(
          absl::StrCat("Inconsistent shape across SparseTensors: rank prior to SparseTensor[", b,
                       "] was: ", inner_rank, " but rank of SparseTensor[", b, "] is: ", rank));
    }
    inner_rank = rank;
    max_shape.resize(rank, 0);
    for (int d = 0; d < rank; ++d) {
      max_shape[d] = std::max(max_shape[d], part.shape.data<int64_t>()[d]);
    }
    parts.push_back(std::move(part));
  }
  if (inner_rank < 0) inner_rank = 0;
  const int rank = batch_rank + inner_rank;
  std::vector<int64_t> indices;
  std::vector<Tensor> values;
  for (int64_t b = 0; b < batch; ++b) {
    // The batch multi-index of element b.
    std::vector<int64_t> prefix(batch_rank);
    for (int64_t d = batch_rank - 1, rest = b; d >= 0; --d) {
      prefix[d] = rest % batch_shape[d];
      rest /= batch_shape[d];
    }
    const Components& part = parts[b];
    for (int64_t k = 0; k < part.indices.dim(0); ++k) {
      indices.insert(indices.end(), prefix.begin(), prefix.end());
      const int64_t* index = part.indices.data<int64_t>() + k * inner_rank;
      indices.insert(indices.end(), index, index + inner_rank);
    }
    values.push_back(part.values);
  }
  std::vector<int64_t> shape(batch_shape.begin(), batch_shape.end());
  shape.insert(shape.end(), max_shape.begin(), max_shape.end());
  absl::StatusOr<Tensor> values_out = sparse::ConcatVectors(values, dtype);
  if (!values_out.ok()) return context.Error(values_out.status().message());
  absl::StatusOr<Tensor> indices_out =
      sparse::Int64Tensor({values_out->num_elements(), rank}, indices);
  absl::StatusOr<Tensor> shape_out = sparse::Int64Tensor({rank}, shape);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, *std::move(values_out));
  context.set_output(2, *std::move(shape_out));
  return absl::OkStatus();
}

template <bool kMany>
absl::Status ComputeDeserialize(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<DataType> dtype = sparse::AttrsOf(context).GetType("dtype");
  if (!dtype.ok()) return context.Error(dtype.status().message());
  const Tensor& serialized = context.input(0);
  if (serialized.dtype() != tensorflow::DT_STRING && serialized.dtype() != tensorflow::DT_VARIANT) {
    return context.Error("serialized_sparse must be string or variant");
  }
  if (kMany && serialized.rank() != 2) {
    return context.Error(absl::StrCat("Serialized sparse should be a matrix [N, 3], got ",
                                      ShapeString(serialized.shape())));
  }
  return Deserialize(context, serialized, *dtype);
}

REGISTER_KERNEL("SerializeSparse", ComputeSerializeSparse,
                {{"out_type", {tensorflow::DT_STRING, tensorflow::DT_VARIANT}}});
REGISTER_KERNEL("SerializeManySparse", ComputeSerializeManySparse,
                {{"T", dtypes::Join({dtypes::PodString(), {tensorflow::DT_VARIANT}})},
                 {"out_type", {tensorflow::DT_STRING, tensorflow::DT_VARIANT}}});
REGISTER_KERNEL("DeserializeSparse", ComputeDeserialize<false>,
                {{"Tserialized", {tensorflow::DT_STRING, tensorflow::DT_VARIANT}}});
REGISTER_KERNEL("DeserializeManySparse", ComputeDeserialize<true>);

}  // namespace
}  // namespace tfjs::runtime
