// DT_VARIANT elements that hold tensors, as TF's Variant does for SerializeSparse(out_type =
// variant) and the ragged variant ops: a variant tensor of any shape whose elements each hold a
// list of tensors. Elements carry their kind, so a variant made by another op is refused rather
// than misread.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_VARIANT_TENSORS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_VARIANT_TENSORS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/tensor.h"

namespace tfjs::runtime::sparse {

struct TensorsVariant : VariantValue {
  // What the tensors are: one component of a serialized SparseTensor; a ragged tensor's values
  // followed by its nested row splits (outermost first); or a CSR sparse matrix's dense_shape,
  // batch_pointers, row_pointers, col_indices and values (TF's CSRSparseMatrix).
  enum class Kind : uint32_t {
    kSparseComponent = 0x53505231,
    kRagged = 0x52414731,
    kCsrMatrix = 0x43535231
  };
  TensorsVariant(Kind kind, std::vector<Tensor> tensors)
      : kind(kind), tensors(std::move(tensors)) {}

  // TF's names and encodings of the three: a Tensor held in a Variant, RaggedTensorVariant
  // (splits, then values) and CSRSparseMatrix (its metadata struct, then the five tensors).
  std::string TypeName() const override;
  std::string DebugString() const override;
  absl::Status Encode(std::string* metadata, std::vector<Tensor>* tensors) const override;
  // TF's CONJ of a CSR sparse matrix: its values conjugated. Other kinds have none.
  absl::StatusOr<std::shared_ptr<const VariantValue>> Conj() const override;

  Kind kind;
  std::vector<Tensor> tensors;
};

// A DT_VARIANT tensor of `shape` holding `elements` (row-major).
Tensor MakeVariantTensor(Shape shape, std::vector<TensorsVariant> elements);

// Element `i` of a variant tensor made by MakeVariantTensor with elements of `kind`; nullptr
// for any other tensor.
const TensorsVariant* VariantElement(const Tensor& tensor, int64_t i, TensorsVariant::Kind kind);

}  // namespace tfjs::runtime::sparse

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_VARIANT_TENSORS_H_
