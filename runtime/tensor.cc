#include "runtime/tensor.h"

#include <cstdlib>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/buffer_arena.h"

namespace tfjs::runtime {

std::string DataTypeName(DataType dtype) {
  switch (dtype) {
    case tensorflow::DT_FLOAT: return "float32";
    case tensorflow::DT_INT32: return "int32";
    case tensorflow::DT_BOOL: return "bool";
    case tensorflow::DT_COMPLEX64: return "complex64";
    case tensorflow::DT_STRING: return "string";
    case tensorflow::DT_DOUBLE: return "float64";
    case tensorflow::DT_INT64: return "int64";
    case tensorflow::DT_HALF: return "float16";
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

absl::StatusOr<Tensor> Tensor::Allocate(DataType dtype, Shape shape) {
  const int64_t count = NumElements(shape);
  if (count < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot allocate a tensor of shape ", ShapeString(shape)));
  }
  Tensor tensor;
  tensor.dtype_ = dtype;
  tensor.shape_ = std::move(shape);
  if (dtype == tensorflow::DT_STRING) {
    tensor.strings_ = std::make_shared<std::vector<std::string>>(count);
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
      tensor.buffer_ = std::shared_ptr<const void>(memory, [](const void* p) {
        std::free(const_cast<void*>(p));
      });
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
  if (tensor.ok() && dtype != tensorflow::DT_STRING) {
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
  return writable_ && buffer_.use_count() == 1;
}

}  // namespace tfjs::runtime
