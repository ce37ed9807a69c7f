// ScatterUpdate/Add/Sub/Mul/Div/Min/Max on a frozen variable: a copy of `ref` whose rows
// ref[indices[i], ...] are combined with updates[i, ...] in index order (duplicates accumulate;
// for Update the last one wins). `updates` has shape indices.shape + ref.shape[1:], or is a
// scalar applied to every addressed row. Value semantics: see README.md.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kRef = 0;
constexpr int kIndices = 1;
constexpr int kUpdates = 2;

enum class Combine { kUpdate, kAdd, kSub, kMul, kDiv, kMin, kMax };

template <Combine kCombine, typename T>
T CombineValues(T current, T update) {
  switch (kCombine) {
    case Combine::kUpdate: return update;
    case Combine::kAdd: return static_cast<T>(current + update);
    case Combine::kSub: return static_cast<T>(current - update);
    case Combine::kMul: return static_cast<T>(current * update);
    case Combine::kDiv: return static_cast<T>(current / update);
    case Combine::kMin: return std::min(current, update);
    case Combine::kMax: return std::max(current, update);
  }
  return update;
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
    return context.Error(absl::StrCat("params must be at least 1-D, got shape ",
                                      ShapeString(ref.shape())));
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
      return context.Error(absl::StrCat("indices[", i, "] = ", (*rows)[i], " is not in [0, ",
                                        first_dim, ")"));
    }
  }
  const int64_t row_size = first_dim == 0 ? 0 : ref.num_elements() / first_dim;
  const bool scalar_update = updates.rank() == 0;
  absl::StatusOr<Tensor> output = Tensor::Allocate(ref.dtype(), ref.shape());
  if (!output.ok()) return context.Error(output.status().message());
  absl::Status status;
  auto scatter = [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* in = ref.data<T>();
    T* out = output->mutable_data<T>();
    std::copy(in, in + ref.num_elements(), out);
    const T* update = updates.data<T>();
    for (size_t i = 0; i < rows->size(); ++i) {
      T* row = out + (*rows)[i] * row_size;
      for (int64_t j = 0; j < row_size; ++j) {
        const T value = scalar_update ? update[0] : update[i * row_size + j];
        if constexpr (kCombine == Combine::kDiv && std::is_integral_v<T>) {
          if (value == 0) {
            status = context.Error("Integer division by zero");
            return;
          }
        }
        row[j] = CombineValues<kCombine, T>(row[j], value);
      }
    }
  };
  const bool known = kCombine == Combine::kUpdate
                         ? misc::DispatchRealNumberOrBool(ref.dtype(), scatter)
                         : misc::DispatchRealNumber(ref.dtype(), scatter);
  if (!known) return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(ref.dtype())));
  if (!status.ok()) return status;
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("ScatterUpdate", ComputeScatter<Combine::kUpdate>);
REGISTER_KERNEL("ScatterAdd", ComputeScatter<Combine::kAdd>);
REGISTER_KERNEL("ScatterSub", ComputeScatter<Combine::kSub>);
REGISTER_KERNEL("ScatterMul", ComputeScatter<Combine::kMul>);
REGISTER_KERNEL("ScatterDiv", ComputeScatter<Combine::kDiv>);
REGISTER_KERNEL("ScatterMin", ComputeScatter<Combine::kMin>);
REGISTER_KERNEL("ScatterMax", ComputeScatter<Combine::kMax>);

}  // namespace
}  // namespace tfjs::runtime
