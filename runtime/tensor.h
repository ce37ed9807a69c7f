// Tensor: a dtype, a shape and a reference-counted buffer, shared without copying.
#ifndef TFJS_NATIVE_RUNTIME_TENSOR_H_
#define TFJS_NATIVE_RUNTIME_TENSOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "proto/dtype_size.h"
#include "proto/types.pb.h"

namespace tfjs::runtime {

using DataType = tensorflow::DataType;
using Shape = absl::InlinedVector<int64_t, 6>;

// "float32", "int32", ... as TF.js names dtypes; TF's Python name ("bfloat16", "uint8") for the
// rest.
std::string DataTypeName(DataType dtype);
// The dtype DataTypeName names (TF's Python name, e.g. "float32", "uint8"); InvalidArgument for
// any other text.
absl::StatusOr<DataType> DataTypeFromName(absl::string_view name);
// Product of dims; -1 when a dim is negative.
int64_t NumElements(absl::Span<const int64_t> shape);
// "[2,3]".
std::string ShapeString(absl::Span<const int64_t> shape);

// True for DT_RESOURCE and DT_VARIANT, whose elements are Handles.
bool IsHandleDtype(DataType dtype);

class Tensor;
// True when a float32 or float64 tensor holds a NaN or an infinity.
bool HasNonFinite(const Tensor& tensor);

// Base of the mutable state DT_RESOURCE elements point to (tensor arrays, hash tables).
class Resource {
 public:
  virtual ~Resource() = default;
};

// Base of the immutable values DT_VARIANT elements hold (tensor lists and maps, optionals,
// serialized sparse components, ...), so a kernel handed another kind refuses it by type.
class VariantValue {
 public:
  virtual ~VariantValue() = default;
  // TF's name of this kind of value ("tensorflow::TensorList"), as its serialized form and
  // AsString show it.
  virtual std::string TypeName() const = 0;
  // TF's DebugString of the value ("TensorList"), which AsString prints.
  virtual std::string DebugString() const = 0;
  // TF's Encode: the metadata and tensors of the value's VariantTensorDataProto (both left empty
  // by kinds TF does not encode, such as resource deleters, as TF leaves them).
  virtual absl::Status Encode(std::string* metadata, std::vector<Tensor>* tensors) const = 0;
  // What TF's ZerosLike, AddN and Conj compute on this kind of value (its ZEROS_LIKE, ADD and
  // CONJ variant functions); Unimplemented for kinds TF registers none for.
  virtual absl::StatusOr<std::shared_ptr<const VariantValue>> ZerosLike() const;
  virtual absl::StatusOr<std::shared_ptr<const VariantValue>> Add(const VariantValue& other) const;
  virtual absl::StatusOr<std::shared_ptr<const VariantValue>> Conj() const;
};

// One element of a DT_RESOURCE or DT_VARIANT tensor: the shared object it points to (a Resource
// or a VariantValue, as the dtype says), or null. Layout kernels copy these as values.
using Handle = std::shared_ptr<const void>;

class Tensor {
 public:
  Tensor() = default;

  // Uninitialized storage (strings: empty strings). Fails on negative dims or unknown dtypes.
  static absl::StatusOr<Tensor> Allocate(DataType dtype, Shape shape);
  // Zero-filled storage.
  static absl::StatusOr<Tensor> Zeros(DataType dtype, Shape shape);
  // A view of `data`, which `owner` keeps alive (e.g. a mapped weight shard). Never written to.
  static Tensor View(DataType dtype, Shape shape, std::shared_ptr<const void> owner,
                     const void* data);
  static Tensor Strings(Shape shape, std::vector<std::string> values);
  // A DT_VARIANT scalar holding `value` (e.g. a tensor list).
  static Tensor Variant(std::shared_ptr<const VariantValue> value);
  // A DT_VARIANT tensor of `shape` holding `values` (row-major).
  static Tensor Variants(Shape shape, std::vector<std::shared_ptr<const VariantValue>> values);
  // A DT_RESOURCE scalar pointing to shared mutable state.
  static Tensor ForResource(std::shared_ptr<Resource> resource);
  template <typename T>
  static Tensor Scalar(DataType dtype, T value);

  bool is_valid() const { return buffer_ != nullptr || strings_ != nullptr || handles_ != nullptr; }
  DataType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int rank() const { return static_cast<int>(shape_.size()); }
  int64_t dim(int i) const { return shape_[i]; }
  int64_t num_elements() const { return NumElements(shape_); }
  int64_t byte_size() const { return num_elements() * DataTypeSize(dtype_); }

  template <typename T>
  const T* data() const {
    return static_cast<const T*>(data_);
  }
  template <typename T>
  absl::Span<const T> values() const {
    return absl::Span<const T>(data<T>(), num_elements());
  }
  // Writable elements; only for tensors this call allocated and has not shared yet.
  template <typename T>
  T* mutable_data() {
    return static_cast<T*>(const_cast<void*>(data_));
  }
  const void* raw_data() const { return data_; }
  // The resource of kind T element `i` points to; nullptr when it is not a T (or no resource).
  template <typename T>
  T* resource(int64_t i = 0) const {
    if (dtype_ != tensorflow::DT_RESOURCE || !HasHandle(i)) return nullptr;
    return dynamic_cast<T*>(static_cast<Resource*>(const_cast<void*>((*handles_)[i].get())));
  }
  // The value element `i` of a DT_VARIANT tensor holds; nullptr when empty or no variant.
  const VariantValue* variant(int64_t i = 0) const {
    if (dtype_ != tensorflow::DT_VARIANT || !HasHandle(i)) return nullptr;
    return static_cast<const VariantValue*>((*handles_)[i].get());
  }
  const std::vector<std::string>& strings() const { return *strings_; }
  std::vector<std::string>& mutable_strings() { return *strings_; }
  // The elements of a DT_RESOURCE or DT_VARIANT tensor.
  const std::vector<Handle>& handles() const { return *handles_; }
  std::vector<Handle>& mutable_handles() { return *handles_; }

  // The same buffer under another shape with the same element count.
  absl::StatusOr<Tensor> Reshaped(Shape shape) const;
  // True when the buffer is writable and no other Tensor shares it, so a kernel may compute its
  // output in place.
  bool can_reuse_buffer() const;

 private:
  bool HasHandle(int64_t i) const {
    return handles_ != nullptr && i >= 0 && i < static_cast<int64_t>(handles_->size()) &&
           (*handles_)[i] != nullptr;
  }

  DataType dtype_ = tensorflow::DT_INVALID;
  Shape shape_;
  std::shared_ptr<const void> buffer_;
  const void* data_ = nullptr;
  bool writable_ = false;
  std::shared_ptr<std::vector<std::string>> strings_;
  std::shared_ptr<std::vector<Handle>> handles_;
};

// Copies `count` elements of `from` starting at element `from_index` into `to` at `to_index`.
// Both have one dtype with storage (fixed-size, string, resource or variant) and `to` is
// writable: strings and handles are copied as values, the rest as bytes.
void CopyElements(const Tensor& from, int64_t from_index, Tensor& to, int64_t to_index,
                  int64_t count);
// A writable copy of `tensor` in a fresh buffer, of any dtype (strings and handles copied as
// values).
absl::StatusOr<Tensor> CopyTensor(const Tensor& tensor);
// TF's ZerosLike of a DT_VARIANT tensor: each element's VariantValue::ZerosLike.
absl::StatusOr<Tensor> VariantZerosLike(const Tensor& tensor);
// TF's AddN step on two DT_VARIANT tensors of one shape: element by element VariantValue::Add.
absl::StatusOr<Tensor> AddVariants(const Tensor& a, const Tensor& b);
// True when element `i` of `a` equals element `j` of `b` (same dtype), as TF's == compares them:
// floats by value (0 == -0, NaN differs from itself), strings by text, resources and variants
// by the object they point to, other dtypes by their bytes.
bool ElementsEqual(const Tensor& a, int64_t i, const Tensor& b, int64_t j);

template <typename T>
Tensor Tensor::Scalar(DataType dtype, T value) {
  Tensor tensor = *Allocate(dtype, {});
  *tensor.mutable_data<T>() = value;
  return tensor;
}

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_TENSOR_H_
