// io::Tensor: a decoded weight (dtype, shape, and its bytes or strings), the form io/ hands out.
#ifndef TFJS_NATIVE_IO_TENSOR_H_
#define TFJS_NATIVE_IO_TENSOR_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tfjs::io {

// The dtypes of weights: TF.js's (float32, int32, bool, complex64, string), then those TF.js
// cannot load: uint8 and uint16 as tensorflowjs_converter writes such Consts, and the exact
// forms the converter's native target writes (float64, int64, uint64, uint32, complex128); int8
// and int16 for completeness.
enum class DType {
  kFloat32, kInt32, kBool, kComplex64, kString,
  kFloat64, kInt64, kUint64, kUint32, kComplex128, kUint8, kUint16, kInt8, kInt16,
};

// The manifest's name: TF.js's ("float32", "int32", "bool", "complex64", "string"), numpy's for
// the others ("float64", "uint8", ...).
absl::string_view DTypeName(DType dtype);
// Inverse of DTypeName; InvalidArgument for any other name.
absl::StatusOr<DType> ParseDType(absl::string_view name);
// Bytes per element as stored in shards (complex: both parts); 0 for kString (variable length).
size_t DTypeSize(DType dtype);

// Immutable bytes with shared ownership: heap storage, or a view into storage kept alive by an
// owner (e.g. a memory-mapped shard file). Copies share the bytes.
class Buffer {
 public:
  Buffer() = default;
  // Views `size` bytes at `data`, valid while `owner` lives.
  Buffer(std::shared_ptr<const void> owner, const uint8_t* data, size_t size);

  // Views `size` bytes at `data` of a read-only file mapping that `owner` keeps alive. Its pages
  // can be dropped from memory (DropResidentPages) and are read back from the file when touched.
  static Buffer FileMapped(std::shared_ptr<const void> owner, const uint8_t* data, size_t size);
  // Zero-filled heap storage of `size` bytes, 64-byte aligned, writable via mutable_data().
  static Buffer Allocate(size_t size);
  // Heap copy of `bytes`.
  static Buffer Copy(absl::Span<const uint8_t> bytes);

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  absl::Span<const uint8_t> bytes() const { return {data_, size_}; }
  // Shares this buffer's storage; offset + size must lie within it.
  Buffer Slice(size_t offset, size_t size) const;
  // For storage from Allocate only, while its creator fills it and before it is shared.
  uint8_t* mutable_data();
  // For a view of a file mapping: drops the whole pages inside it from this process's memory
  // (MADV_DONTNEED); the bytes stay valid, read back from the file on the next access. Does
  // nothing for heap storage.
  void DropResidentPages() const;

 private:
  std::shared_ptr<const void> owner_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  bool writable_ = false;
  bool file_mapped_ = false;
};

// A dense, row-major tensor. Numeric values are little-endian in `data`, DTypeSize bytes each:
// bool one byte each (the stored byte, as TF.js keeps it), complex numbers interleaved (real,
// imaginary) pairs as TensorFlow lays them out. `data` is aligned to the element size (complex:
// to a part's). Strings are raw bytes (TF.js's Uint8Array values), one per element, in `strings`.
struct Tensor {
  DType dtype = DType::kFloat32;
  std::vector<int64_t> shape;
  Buffer data;
  std::vector<std::string> strings;

  int64_t NumElements() const;
  // The values as T (float for kFloat32 and kComplex64, int32_t, uint8_t for kBool).
  template <typename T>
  absl::Span<const T> values() const {
    return {reinterpret_cast<const T*>(data.data()), data.size() / sizeof(T)};
  }
};

struct NamedTensor {
  std::string name;
  Tensor tensor;
  // Decodes the weight again from its stored bytes (which it keeps: a view of the mapped or
  // downloaded shard), so a runtime can release `tensor` and read it later. Thread-safe. Null
  // when the weight cannot be read again.
  std::function<absl::StatusOr<Tensor>()> reread;
};

// Product of the dims, or InvalidArgument (naming `what`) for a negative dim or int64 overflow.
absl::StatusOr<int64_t> NumElementsOf(absl::Span<const int64_t> shape, absl::string_view what);

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_TENSOR_H_
