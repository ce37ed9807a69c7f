#include "io/tensor.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cassert>
#include <cstdlib>
#include <cstring>
#include <new>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tfjs::io {

namespace {

struct DTypeInfo {
  DType dtype;
  absl::string_view name;
  size_t size;
};

constexpr DTypeInfo kDTypes[] = {
    {DType::kFloat32, "float32", 4}, {DType::kInt32, "int32", 4},
    {DType::kBool, "bool", 1},       {DType::kComplex64, "complex64", 8},
    {DType::kString, "string", 0},   {DType::kFloat64, "float64", 8},
    {DType::kInt64, "int64", 8},     {DType::kUint64, "uint64", 8},
    {DType::kUint32, "uint32", 4},   {DType::kComplex128, "complex128", 16},
    {DType::kUint8, "uint8", 1},     {DType::kUint16, "uint16", 2},
    {DType::kInt8, "int8", 1},       {DType::kInt16, "int16", 2},
};

const DTypeInfo* Find(DType dtype) {
  for (const DTypeInfo& info : kDTypes) {
    if (info.dtype == dtype) return &info;
  }
  return nullptr;
}

}  // namespace

absl::string_view DTypeName(DType dtype) {
  const DTypeInfo* info = Find(dtype);
  return info == nullptr ? "unknown" : info->name;
}

absl::StatusOr<DType> ParseDType(absl::string_view name) {
  for (const DTypeInfo& info : kDTypes) {
    if (name == info.name) return info.dtype;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unsupported dtype '", name,
      "' (weights are float32, int32, bool, complex64 or string as TF.js reads them, or float64, "
      "int64, uint64, uint32, complex128, uint8, uint16, int8 or int16)"));
}

size_t DTypeSize(DType dtype) {
  const DTypeInfo* info = Find(dtype);
  return info == nullptr ? 0 : info->size;
}

Buffer::Buffer(std::shared_ptr<const void> owner, const uint8_t* data, size_t size)
    : owner_(std::move(owner)), data_(data), size_(size) {}

Buffer Buffer::FileMapped(std::shared_ptr<const void> owner, const uint8_t* data, size_t size) {
  Buffer buffer(std::move(owner), data, size);
  buffer.file_mapped_ = true;
  return buffer;
}

Buffer Buffer::Allocate(size_t size) {
  // Large buffers are pages of their own: freeing one (a released weight) returns its memory at
  // once, and leaves malloc's mmap threshold alone (freeing a large malloc'd block raises it,
  // after which later large blocks fragment the heap instead).
  constexpr size_t kMapThreshold = 64 * 1024;
  if (size >= kMapThreshold) {
    void* mapping = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapping == MAP_FAILED) throw std::bad_alloc();
    Buffer buffer(std::shared_ptr<const void>(
                      mapping, [size](const void* p) { munmap(const_cast<void*>(p), size); }),
                  static_cast<const uint8_t*>(mapping), size);
    buffer.writable_ = true;
    return buffer;
  }
  constexpr size_t kAlignment = 64;
  const size_t rounded = (size + kAlignment - 1) / kAlignment * kAlignment;
  void* storage = std::aligned_alloc(kAlignment, rounded == 0 ? kAlignment : rounded);
  if (storage == nullptr) throw std::bad_alloc();
  std::memset(storage, 0, size);
  Buffer buffer(std::shared_ptr<const void>(storage, [](const void* p) { std::free(const_cast<void*>(p)); }),
                static_cast<const uint8_t*>(storage), size);
  buffer.writable_ = true;
  return buffer;
}

Buffer Buffer::Copy(absl::Span<const uint8_t> bytes) {
  Buffer buffer = Allocate(bytes.size());
  if (!bytes.empty()) std::memcpy(buffer.mutable_data(), bytes.data(), bytes.size());
  return buffer;
}

Buffer Buffer::Slice(size_t offset, size_t size) const {
  assert(offset <= size_ && size <= size_ - offset);
  Buffer slice(owner_, data_ + offset, size);
  slice.writable_ = writable_;
  slice.file_mapped_ = file_mapped_;
  return slice;
}

uint8_t* Buffer::mutable_data() {
  assert(writable_);
  return const_cast<uint8_t*>(data_);
}

void Buffer::DropResidentPages() const {
  if (!file_mapped_ || size_ == 0) return;
  static const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  // Only pages wholly inside the view: neighbouring bytes may be in use.
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data_) + page - 1) / page * page;
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data_) + size_) / page * page;
  // The mapping is private and never written, so a failure only leaves the pages resident.
  if (begin < end) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

int64_t Tensor::NumElements() const {
  int64_t n = 1;
  for (int64_t dim : shape) n *= dim;
  return n;
}

absl::StatusOr<int64_t> NumElementsOf(absl::Span<const int64_t> shape, absl::string_view what) {
  int64_t n = 1;
  for (int64_t dim : shape) {
    if (dim < 0) {
      return absl::InvalidArgumentError(absl::StrCat(what, " has negative dimension in shape [",
                                                     absl::StrJoin(shape, ","), "]"));
    }
    if (dim != 0 && n > std::numeric_limits<int64_t>::max() / dim) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " has too many elements: shape [", absl::StrJoin(shape, ","), "]"));
    }
    n *= dim;
  }
  return n;
}

}  // namespace tfjs::io
