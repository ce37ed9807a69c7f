// ScatterUpdate/Add/Sub/Mul/Div/Min/Max on a frozen variable: a copy of `ref` whose rows
// ref[indices[i], ...] are combined with updates[i, ...] in index order (duplicates accumulate;
// for Update the last one wins). `updates` has shape indices.shape + ref.shape[1:], or is a
// scalar applied to every addressed row. Value semantics: see README.md.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/scatter/scatter_types.h"

namespace tfjs::runtime {
namespace {

constexpr int kRef = 0;
constexpr int kIndices = 1;
constexpr int kUpdates = 2;

enum class Combine { kUpdate, kAdd, kSub, kMul, kDiv, kMin, kMax };

// One combine step in the arithmetic type A (float32 for the 16-bit floats).
template <Combine kCombine, typename A>
A CombineValues(A current, A update) {
  if constexpr (kCombine == Combine::kAdd) return current + update;
  if constexpr (kCombine == Combine::kSub) return current - update;
  if constexpr (kCombine == Combine::kMul) return current * update;
  if constexpr (kCombine == Combine::kDiv) return current / update;
  if constexpr (kCombine == Combine::kMin) return update < current ? update : current;
  if constexpr (kCombine == Combine::kMax) return current < update ? update : current;
  return update;
}

// ScatterUpdate copies elements, so it takes every dtype with a fixed size, and strings.
void CopyElement(const Tensor& from, int64_t at, Tensor& to, int64_t to_at) {
  if (from.dtype() == tensorflow::DT_STRING) {
    to.mutable_strings()[to_at] = from.strings()[at];
    return;
  }
  const int64_t size = DataTypeSize(from.dtype());
  std::copy(static_cast<const char*>(from.raw_data()) + at * size,
            static_cast<const char*>(from.raw_data()) + (at + 1) * size,
            to.mutable_data<char>() + to_at * size);
}

// TF's shape rule: updates is a scalar or has shape indices.shape + ref.shape[1:].
bool ValidUpdatesShape(const Tensor& ref, const Tensor& indices, const Tensor& updates) {
  if (updates.rank() == 0) return true;
  if (updates.rank() != indices.rank() + ref.rank() - 1) return false;
  for (int d = 0; d < indices.rank(); ++d) {
    if (updates.dim(d) != indices.dim(d)) return false;
  }
  for (int d = 1; d < ref.rank(); ++d) {
    if (updates.dim(indices.rank() + d - 1) != ref.dim(d)) return false;
  }
  return true;
}

template <Combine kCombine>
absl::Status ComputeScatter(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& ref = context.input(kRef);
  const Tensor& indices = context.input(kIndices);
  const Tensor& updates = context.input(kUpdates);
  if (ref.rank() < 1) {
    return context.Error(
        absl::StrCat("params must be at least 1-D, got shape ", ShapeString(ref.shape())));
  }
  if (!ValidUpdatesShape(ref, indices, updates)) {
    return context.Error(absl::StrCat(
        "Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got ",
        "updates.shape ", ShapeString(updates.shape()), ", indices.shape ",
        ShapeString(indices.shape()), ", params.shape ", ShapeString(ref.shape())));
  }
  if (updates.dtype() != ref.dtype()) return context.Error("ref and updates must have one dtype");
  absl::StatusOr<std::vector<int64_t>> rows = misc::IndexValues(indices, "indices");
  if (!rows.ok()) return context.Error(rows.status().message());
  const int64_t first_dim = ref.dim(0);
  for (size_t i = 0; i < rows->size(); ++i) {
    if ((*rows)[i] < 0 || (*rows)[i] >= first_dim) {
      return context.Error(
          absl::StrCat("indices[", i, "] = ", (*rows)[i], " is not in [0, ", first_dim, ")"));
    }
  }
  const int64_t row_size = first_dim == 0 ? 0 : ref.num_elements() / first_dim;
  const bool scalar_update = updates.rank() == 0;
  absl::StatusOr<Tensor> output = Tensor::Allocate(ref.dtype(), ref.shape());
  if (!output.ok()) return context.Error(output.status().message());
  absl::Status status;
  if constexpr (kCombine == Combine::kUpdate) {
    if (ref.dtype() != tensorflow::DT_STRING && DataTypeSize(ref.dtype()) == 0) {
      return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(ref.dtype())));
    }
    for (int64_t i = 0; i < ref.num_elements(); ++i) CopyElement(ref, i, *output, i);
    for (size_t i = 0; i < rows->size(); ++i) {
      for (int64_t j = 0; j < row_size; ++j) {
        CopyElement(updates, scalar_update ? 0 : i * row_size + j, *output,
                    (*rows)[i] * row_size + j);
      }
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }
  auto scatter = [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* in = ref.data<T>();
    T* out = output->mutable_data<T>();
    std::copy(in, in + ref.num_elements(), out);
    const T* update = updates.data<T>();
    for (size_t i = 0; i < rows->size(); ++i) {
      T* row = out + (*rows)[i] * row_size;
      for (int64_t j = 0; j < row_size; ++j) {
        const auto value = math::Widen<T>(scalar_update ? update[0] : update[i * row_size + j]);
        if constexpr (kCombine == Combine::kDiv && std::is_integral_v<T>) {
          if (value == 0) {
            status = context.Error("Integer division by zero");
            return;
          }
        }
        row[j] = math::Narrow<T>(CombineValues<kCombine>(math::Widen<T>(row[j]), value));
      }
    }
  };
  constexpr bool kComplex = kCombine != Combine::kMin && kCombine != Combine::kMax;
  const bool known = scatter::DispatchNumber<kComplex>(ref.dtype(), scatter);
  if (!known) return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(ref.dtype())));
  if (!status.ok()) return status;
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

const std::vector<DataType> kIndexTypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

std::vector<DataType> UpdateTypes() {
  std::vector<DataType> types = scatter::NumberTypes();
  types.push_back(tensorflow::DT_BOOL);
  types.push_back(tensorflow::DT_STRING);
  return types;
}

KernelDtypes Dtypes(std::vector<DataType> values) {
  return {{"T", std::move(values)}, {"Tindices", kIndexTypes}};
}

const std::vector<DataType> kMinMaxTypes = {tensorflow::DT_HALF,  tensorflow::DT_BFLOAT16,
                                            tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
                                            tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL("ScatterUpdate", ComputeScatter<Combine::kUpdate>, Dtypes(UpdateTypes()));
REGISTER_KERNEL("ScatterAdd", ComputeScatter<Combine::kAdd>, Dtypes(scatter::NumberTypes()));
REGISTER_KERNEL("ScatterSub", ComputeScatter<Combine::kSub>, Dtypes(scatter::NumberTypes()));
REGISTER_KERNEL("ScatterMul", ComputeScatter<Combine::kMul>, Dtypes(scatter::NumberTypes()));
REGISTER_KERNEL("ScatterDiv", ComputeScatter<Combine::kDiv>, Dtypes(scatter::NumberTypes()));
REGISTER_KERNEL("ScatterMin", ComputeScatter<Combine::kMin>, Dtypes(kMinMaxTypes));
REGISTER_KERNEL("ScatterMax", ComputeScatter<Combine::kMax>, Dtypes(kMinMaxTypes));

}  // namespace
}  // namespace tfjs::runtime
