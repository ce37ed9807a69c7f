#include "runtime/tensor.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <complex>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/buffer_arena.h"
#include "runtime/half.h"

namespace tfjs::runtime {

std::string DataTypeName(DataType dtype) {
  switch (dtype) {
    case tensorflow::DT_FLOAT:
      return "float32";
    case tensorflow::DT_INT32:
      return "int32";
    case tensorflow::DT_BOOL:
      return "bool";
    case tensorflow::DT_COMPLEX64:
      return "complex64";
    case tensorflow::DT_STRING:
      return "string";
    case tensorflow::DT_DOUBLE:
      return "float64";
    case tensorflow::DT_INT64:
      return "int64";
    case tensorflow::DT_HALF:
      return "float16";
    default: {
      // TF's Python name: "bfloat16", "uint8", "resource", ...
      const std::string name = tensorflow::DataType_Name(dtype);
      if (!absl::StartsWith(name, "DT_")) {
        return absl::StrCat("dtype(", static_cast<int>(dtype), ")");
      }
      return absl::AsciiStrToLower(name.substr(3));
    }
  }
}

absl::StatusOr<DataType> DataTypeFromName(absl::string_view name) {
  for (int value = tensorflow::DataType_MIN; value <= tensorflow::DataType_MAX; ++value) {
    if (tensorflow::DataType_IsValid(value) && value != tensorflow::DT_INVALID &&
        DataTypeName(static_cast<DataType>(value)) == name) {
      return static_cast<DataType>(value);
    }
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown dtype '", name, "'"));
}

int64_t NumElements(absl::Span<const int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0) return -1;
    count *= dim;
  }
  return count;
}

std::string ShapeString(absl::Span<const int64_t> shape) {
  return absl::StrCat("[", absl::StrJoin(shape, ","), "]");
}

namespace {

// TF's message when the value's kind has no variant function for `op` (a "unary_op" or a
// "binary_op").
absl::Status NoVariantFunction(absl::string_view function, absl::string_view op,
                               const VariantValue& value) {
  return absl::UnimplementedError(
      absl::StrCat("No unary variant ", function, " function found for op ", op,
                   " Variant type_name: ", value.TypeName(), " for device type: CPU"));
}

}  // namespace

absl::StatusOr<std::shared_ptr<const VariantValue>> VariantValue::ZerosLike() const {
  return NoVariantFunction("unary_op", "ZEROS_LIKE", *this);
}

absl::StatusOr<std::shared_ptr<const VariantValue>> VariantValue::Add(const VariantValue&) const {
  return NoVariantFunction("binary_op", "ADD", *this);
}

absl::StatusOr<std::shared_ptr<const VariantValue>> VariantValue::Conj() const {
  return NoVariantFunction("unary_op", "CONJ", *this);
}

bool IsHandleDtype(DataType dtype) {
  return dtype == tensorflow::DT_RESOURCE || dtype == tensorflow::DT_VARIANT;
}

bool HasNonFinite(const Tensor& tensor) {
  if (tensor.dtype() == tensorflow::DT_FLOAT) {
    for (float value : tensor.values<float>()) {
      // Finite floats stay finite times zero; NaN and infinities become NaN.
      if (value * 0.f != 0.f) return true;
    }
  } else if (tensor.dtype() == tensorflow::DT_DOUBLE) {
    for (double value : tensor.values<double>()) {
      if (value * 0.0 != 0.0) return true;
    }
  }
  return false;
}

namespace {

// The limits of allocation_limit.h, defined here beside Tensor::Allocate, their main caller.
thread_local int64_t max_allocation_bytes = 0;  // 0: DefaultMaxAllocationBytes().
thread_local std::string last_failure;

int64_t RlimitBytes(int resource) {
  struct rlimit limit;
  if (getrlimit(resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY ||
      limit.rlim_cur > static_cast<rlim_t>(std::numeric_limits<int64_t>::max())) {
    return std::numeric_limits<int64_t>::max();
  }
  return static_cast<int64_t>(limit.rlim_cur);
}

absl::Status Exceeded(std::string message) {
  last_failure = message;
  return absl::ResourceExhaustedError(std::move(message));
}

}  // namespace

int64_t DefaultMaxAllocationBytes() {
  static const int64_t bytes = [] {
    int64_t available = std::numeric_limits<int64_t>::max();
    if (std::FILE* meminfo = std::fopen("/proc/meminfo", "r"); meminfo != nullptr) {
      char line[256];
      long long kib = 0;
      while (std::fgets(line, sizeof(line), meminfo) != nullptr) {
        if (std::sscanf(line, "MemAvailable: %lld kB", &kib) == 1) available = kib * 1024;
      }
      std::fclose(meminfo);
    }
    if (available == std::numeric_limits<int64_t>::max()) {
      const long pages = sysconf(_SC_PHYS_PAGES);
      const long page_size = sysconf(_SC_PAGESIZE);
      if (pages > 0 && page_size > 0) available = static_cast<int64_t>(pages) * page_size;
    }
    if (std::FILE* cgroup = std::fopen("/sys/fs/cgroup/memory.max", "r"); cgroup != nullptr) {
      long long limit = 0;
      if (std::fscanf(cgroup, "%lld", &limit) == 1 && limit > 0) {
        available = std::min<int64_t>(available, limit);
      }
      std::fclose(cgroup);
    }
    available = std::min(available, RlimitBytes(RLIMIT_AS));
    return std::min(available, RlimitBytes(RLIMIT_DATA)) / 2;
  }();
  return bytes;
}

int64_t SetMaxAllocationBytes(int64_t max_bytes) {
  const int64_t previous = max_allocation_bytes;
  max_allocation_bytes = std::max<int64_t>(max_bytes, 0);
  return previous;
}

int64_t MaxAllocationBytes() {
  return max_allocation_bytes > 0 ? max_allocation_bytes : DefaultMaxAllocationBytes();
}

absl::Status CheckAllocation(int64_t count, int64_t item_bytes, absl::string_view what) {
  const int64_t limit = MaxAllocationBytes();
  int64_t bytes = 0;
  if (count < 0 || item_bytes < 0) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": negative size"));
  }
  if (__builtin_mul_overflow(count, item_bytes, &bytes)) {
    return Exceeded(absl::StrCat(what, " needs ", count, " x ", item_bytes,
                                 " bytes (2^63 or more), over the limit of ", limit,
                                 " bytes per allocation"));
  }
  if (bytes <= limit) return absl::OkStatus();
  return Exceeded(absl::StrCat(what, " needs ", bytes, " bytes, over the limit of ", limit,
                               " bytes per allocation"));
}

absl::StatusOr<int64_t> CheckedNumElements(absl::Span<const int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("shape ", ShapeString(shape), " has a negative dimension"));
    }
    if (dim == 0) return 0;
  }
  for (int64_t dim : shape) {
    if (__builtin_mul_overflow(count, dim, &count)) {
      return Exceeded(absl::StrCat("a ", ShapeString(shape),
                                   " tensor has 2^63 or more elements, over the limit of ",
                                   MaxAllocationBytes(), " bytes per allocation"));
    }
  }
  return count;
}

std::string TakeAllocationFailure() {
  std::string failure = std::move(last_failure);
  last_failure.clear();
  return failure;
}

absl::StatusOr<Tensor> Tensor::Allocate(DataType dtype, Shape shape) {
  absl::StatusOr<int64_t> checked_count = CheckedNumElements(shape);
  if (!checked_count.ok()) {
    if (absl::IsResourceExhausted(checked_count.status())) return checked_count.status();
    return absl::InvalidArgumentError(
        absl::StrCat("cannot allocate a tensor of shape ", ShapeString(shape)));
  }
  const int64_t count = *checked_count;
  const int64_t item_bytes = dtype == tensorflow::DT_STRING ? sizeof(std::string)
                             : IsHandleDtype(dtype)         ? sizeof(Handle)
                                                            : DataTypeSize(dtype);
  if (absl::Status status = CheckAllocation(
          count, item_bytes,
          absl::StrCat("a ", ShapeString(shape), " ", DataTypeName(dtype), " tensor"));
      !status.ok()) {
    return status;
  }
  Tensor tensor;
  tensor.dtype_ = dtype;
  tensor.shape_ = std::move(shape);
  if (dtype == tensorflow::DT_STRING) {
    tensor.strings_ = std::make_shared<std::vector<std::string>>(count);
    return tensor;
  }
  if (IsHandleDtype(dtype)) {
    tensor.handles_ = std::make_shared<std::vector<Handle>>(count);
    return tensor;
  }
  const int64_t element_size = DataTypeSize(dtype);
  if (element_size == 0) {
    return absl::UnimplementedError(
        absl::StrCat("tensors of dtype ", DataTypeName(dtype), " are not supported"));
  }
  const size_t bytes = count * element_size;
  if (BufferArena* arena = BufferArena::Current(); arena != nullptr) {
    tensor.buffer_ = arena->Allocate(bytes);
  } else {
    // 64-byte alignment suits every SIMD width XNNPACK uses; never a zero-byte allocation, and
    // 64 readable bytes past the end for XNNPACK's vector loads.
    void* memory = std::aligned_alloc(64, (bytes + 63) / 64 * 64 + 64);
    if (memory != nullptr) {
      tensor.buffer_ = std::shared_ptr<const void>(
          memory, [](const void* p) { std::free(const_cast<void*>(p)); });
    }
  }
  if (tensor.buffer_ == nullptr) {
    return absl::ResourceExhaustedError(absl::StrCat("out of memory allocating ", bytes, " bytes"));
  }
  tensor.data_ = tensor.buffer_.get();
  tensor.writable_ = true;
  return tensor;
}

absl::StatusOr<Tensor> Tensor::Zeros(DataType dtype, Shape shape) {
  absl::StatusOr<Tensor> tensor = Allocate(dtype, std::move(shape));
  if (tensor.ok() && dtype != tensorflow::DT_STRING && !IsHandleDtype(dtype)) {
    std::memset(tensor->mutable_data<char>(), 0, tensor->byte_size());
  }
  return tensor;
}

Tensor Tensor::View(DataType dtype, Shape shape, std::shared_ptr<const void> owner,
                    const void* data) {
  Tensor tensor;
  tensor.dtype_ = dtype;
  tensor.shape_ = std::move(shape);
  tensor.buffer_ = std::move(owner);
  tensor.data_ = data;
  return tensor;
}

Tensor Tensor::Strings(Shape shape, std::vector<std::string> values) {
  Tensor tensor;
  tensor.dtype_ = tensorflow::DT_STRING;
  tensor.shape_ = std::move(shape);
  tensor.strings_ = std::make_shared<std::vector<std::string>>(std::move(values));
  return tensor;
}

Tensor Tensor::Variant(std::shared_ptr<const VariantValue> value) {
  return Variants({}, {std::move(value)});
}

Tensor Tensor::Variants(Shape shape, std::vector<std::shared_ptr<const VariantValue>> values) {
  Tensor tensor;
  tensor.dtype_ = tensorflow::DT_VARIANT;
  tensor.shape_ = std::move(shape);
  tensor.handles_ = std::make_shared<std::vector<Handle>>(values.begin(), values.end());
  return tensor;
}

Tensor Tensor::ForResource(std::shared_ptr<Resource> resource) {
  Tensor tensor;
  tensor.dtype_ = tensorflow::DT_RESOURCE;
  tensor.handles_ = std::make_shared<std::vector<Handle>>(1, std::move(resource));
  return tensor;
}

absl::StatusOr<Tensor> Tensor::Reshaped(Shape shape) const {
  if (NumElements(shape) != num_elements()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot reshape a tensor of shape ",
                                                   ShapeString(shape_), " (", num_elements(),
                                                   " elements) to ", ShapeString(shape)));
  }
  Tensor tensor = *this;
  tensor.shape_ = std::move(shape);
  return tensor;
}

bool Tensor::can_reuse_buffer() const {
  if (dtype_ == tensorflow::DT_STRING) return strings_.use_count() == 1;
  if (IsHandleDtype(dtype_)) return handles_.use_count() == 1;
  return writable_ && buffer_.use_count() == 1;
}

void CopyElements(const Tensor& from, int64_t from_index, Tensor& to, int64_t to_index,
                  int64_t count) {
  if (count <= 0) return;
  if (from.dtype() == tensorflow::DT_STRING) {
    std::copy_n(from.strings().begin() + from_index, count,
                to.mutable_strings().begin() + to_index);
  } else if (IsHandleDtype(from.dtype())) {
    std::copy_n(from.handles().begin() + from_index, count,
                to.mutable_handles().begin() + to_index);
  } else {
    const int64_t size = DataTypeSize(from.dtype());
    std::memcpy(to.mutable_data<char>() + to_index * size,
                static_cast<const char*>(from.raw_data()) + from_index * size, count * size);
  }
}

namespace {

template <typename T>
bool ValuesEqual(const Tensor& a, int64_t i, const Tensor& b, int64_t j) {
  return a.data<T>()[i] == b.data<T>()[j];
}

}  // namespace

bool ElementsEqual(const Tensor& a, int64_t i, const Tensor& b, int64_t j) {
  switch (a.dtype()) {
    case tensorflow::DT_STRING:
      return a.strings()[i] == b.strings()[j];
    case tensorflow::DT_RESOURCE:
    case tensorflow::DT_VARIANT:
      return a.handles()[i] == b.handles()[j];
    case tensorflow::DT_FLOAT:
      return ValuesEqual<float>(a, i, b, j);
    case tensorflow::DT_DOUBLE:
      return ValuesEqual<double>(a, i, b, j);
    case tensorflow::DT_COMPLEX64:
      return ValuesEqual<std::complex<float>>(a, i, b, j);
    case tensorflow::DT_COMPLEX128:
      return ValuesEqual<std::complex<double>>(a, i, b, j);
    case tensorflow::DT_HALF:
      return HalfToFloat(a.data<uint16_t>()[i]) == HalfToFloat(b.data<uint16_t>()[j]);
    case tensorflow::DT_BFLOAT16:
      return BFloat16ToFloat(a.data<uint16_t>()[i]) == BFloat16ToFloat(b.data<uint16_t>()[j]);
    default: {
      const int64_t size = DataTypeSize(a.dtype());
      return std::memcmp(static_cast<const char*>(a.raw_data()) + i * size,
                         static_cast<const char*>(b.raw_data()) + j * size, size) == 0;
    }
  }
}

absl::StatusOr<Tensor> CopyTensor(const Tensor& tensor) {
  absl::StatusOr<Tensor> copy = Tensor::Allocate(tensor.dtype(), tensor.shape());
  if (!copy.ok()) return copy.status();
  CopyElements(tensor, 0, *copy, 0, tensor.num_elements());
  return copy;
}

absl::StatusOr<Tensor> VariantZerosLike(const Tensor& tensor) {
  absl::StatusOr<Tensor> zeros = Tensor::Allocate(tensorflow::DT_VARIANT, tensor.shape());
  if (!zeros.ok()) return zeros.status();
  for (int64_t i = 0; i < tensor.num_elements(); ++i) {
    const VariantValue* value = tensor.variant(i);
    if (value == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("variant element ", i, " holds no value"));
    }
    absl::StatusOr<std::shared_ptr<const VariantValue>> zero = value->ZerosLike();
    if (!zero.ok()) return zero.status();
    zeros->mutable_handles()[i] = *std::move(zero);
  }
  return zeros;
}

absl::StatusOr<Tensor> AddVariants(const Tensor& a, const Tensor& b) {
  if (a.shape() != b.shape()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot add variant tensors of shapes ",
                                                   ShapeString(a.shape()), " and ",
                                                   ShapeString(b.shape())));
  }
  absl::StatusOr<Tensor> sum = Tensor::Allocate(tensorflow::DT_VARIANT, a.shape());
  if (!sum.ok()) return sum.status();
  for (int64_t i = 0; i < a.num_elements(); ++i) {
    const VariantValue* x = a.variant(i);
    const VariantValue* y = b.variant(i);
    if (x == nullptr || y == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("variant element ", i, " holds no value"));
    }
    absl::StatusOr<std::shared_ptr<const VariantValue>> value = x->Add(*y);
    if (!value.ok()) return value.status();
    sum->mutable_handles()[i] = *std::move(value);
  }
  return sum;
}

}  // namespace tfjs::runtime
