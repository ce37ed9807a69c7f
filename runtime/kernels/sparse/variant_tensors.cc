#include "runtime/kernels/sparse/variant_tensors.h"

#include <complex>
#include <cstring>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/kernels/misc/summarize.h"

namespace tfjs::runtime::sparse {
namespace {

// The values of a CSR matrix, conjugated when complex.
template <typename T>
absl::StatusOr<Tensor> Conjugated(const Tensor& values) {
  absl::StatusOr<Tensor> out = Tensor::Allocate(values.dtype(), values.shape());
  if (!out.ok()) return out.status();
  const T* in = values.data<T>();
  T* conjugated = out->mutable_data<T>();
  for (int64_t i = 0; i < values.num_elements(); ++i) conjugated[i] = std::conj(in[i]);
  return out;
}

}  // namespace

std::string TensorsVariant::TypeName() const {
  switch (kind) {
    case Kind::kSparseComponent:
      return "tensorflow::Tensor";
    case Kind::kRagged:
      return "RaggedTensorVariant";
    case Kind::kCsrMatrix:
      return "tensorflow::CSRSparseMatrix";
  }
  return "";
}

std::string TensorsVariant::DebugString() const {
  switch (kind) {
    case Kind::kSparseComponent:
      return misc::TensorDebugString(tensors[0]);
    case Kind::kRagged: {
      const size_t ragged_rank = tensors.size() - 1;
      return absl::StrCat("RaggedTensorVariant(dtype=", misc::TfDataTypeString(tensors[0].dtype()),
                          ", ragged_rank=", ragged_rank, ", splits_dtype=",
                          misc::TfDataTypeString(ragged_rank == 0 ? tensorflow::DT_INVALID
                                                                  : tensors.back().dtype()));
    }
    case Kind::kCsrMatrix:
      return misc::TensorDebugString(tensors[0]);
  }
  return "";
}

absl::Status TensorsVariant::Encode(std::string* metadata, std::vector<Tensor>* encoded) const {
  switch (kind) {
    case Kind::kSparseComponent:
      encoded->push_back(tensors[0]);
      break;
    case Kind::kRagged:
      encoded->insert(encoded->end(), tensors.begin() + 1, tensors.end());
      encoded->push_back(tensors[0]);
      break;
    case Kind::kCsrMatrix: {
      // TF copies its struct {bool validated; DataType dtype;}: 1, three padding bytes, the
      // values' dtype as a little-endian int32.
      const int32_t dtype = tensors[4].dtype();
      metadata->assign(8, '\0');
      (*metadata)[0] = 1;
      std::memcpy(metadata->data() + 4, &dtype, sizeof(dtype));
      encoded->insert(encoded->end(), tensors.begin(), tensors.end());
      break;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const VariantValue>> TensorsVariant::Conj() const {
  if (kind != Kind::kCsrMatrix) return VariantValue::Conj();
  std::vector<Tensor> conjugated = tensors;
  const Tensor& values = tensors[4];
  absl::StatusOr<Tensor> conjugated_values = values;
  if (values.dtype() == tensorflow::DT_COMPLEX64) {
    conjugated_values = Conjugated<std::complex<float>>(values);
  } else if (values.dtype() == tensorflow::DT_COMPLEX128) {
    conjugated_values = Conjugated<std::complex<double>>(values);
  }
  if (!conjugated_values.ok()) return conjugated_values.status();
  conjugated[4] = *std::move(conjugated_values);
  return std::make_shared<const TensorsVariant>(kind, std::move(conjugated));
}

Tensor MakeVariantTensor(Shape shape, std::vector<TensorsVariant> elements) {
  std::vector<std::shared_ptr<const VariantValue>> values;
  values.reserve(elements.size());
  for (TensorsVariant& element : elements) {
    values.push_back(std::make_shared<const TensorsVariant>(std::move(element)));
  }
  return Tensor::Variants(std::move(shape), std::move(values));
}

const TensorsVariant* VariantElement(const Tensor& tensor, int64_t i, TensorsVariant::Kind kind) {
  if (i < 0 || i >= tensor.num_elements()) return nullptr;
  const auto* element = dynamic_cast<const TensorsVariant*>(tensor.variant(i));
  return element != nullptr && element->kind == kind ? element : nullptr;
}

}  // namespace tfjs::runtime::sparse
