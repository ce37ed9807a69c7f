// TensorScatterUpdate/Add/Sub/Min/Max: a copy of `tensor` with the slices addressed by the
// rows of `indices` combined with `updates`, in the dtypes TF's CPU kernels register.
// ScatterNdUpdate/Add/Sub/Min/Max, which write into a TF1 ref variable, compute the same thing from
// the frozen variable's value (value semantics, see runtime/kernels/scatter/README.md).
#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kTensor = 0;
constexpr int kIndices = 1;
constexpr int kUpdates = 2;

enum class Combine { kUpdate, kAdd, kSub, kMin, kMax };

// The dtypes each combination takes, TF's CPU registrations (scatter_nd_op.cc): every number
// type for Add and Sub, the real ones for Min and Max; Update also copies bool and string
// elements (strings are handled apart from the TypeList).
using AddSubTypes = math::NumberTypes;
using MinMaxTypes = math::AllNumericTypes;
using UpdateTypes = math::PodTypes;

template <Combine kCombine>
auto TypesOf() {
  if constexpr (kCombine == Combine::kUpdate) {
    return UpdateTypes();
  } else if constexpr (kCombine == Combine::kAdd || kCombine == Combine::kSub) {
    return AddSubTypes();
  } else {
    return MinMaxTypes();
  }
}

// `current` combined with `update`; float16 and bfloat16 compute in float32 and round once.
template <Combine kCombine, typename T>
T CombineValues(T current, T update) {
  if constexpr (kCombine == Combine::kUpdate) {
    return update;
  } else {
    const math::ComputeType<T> a = math::Widen(current);
    const math::ComputeType<T> b = math::Widen(update);
    if constexpr (kCombine == Combine::kAdd) {
      return math::Narrow<T>(a + b);
    } else if constexpr (kCombine == Combine::kSub) {
      return math::Narrow<T>(a - b);
    } else if constexpr (kCombine == Combine::kMin) {
      return math::Narrow<T>(std::min(a, b));
    } else {
      return math::Narrow<T>(std::max(a, b));
    }
  }
}

template <Combine kCombine>
absl::Status ComputeTensorScatter(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& tensor = context.input(kTensor);
  const Tensor& indices = context.input(kIndices);
  const Tensor& updates = context.input(kUpdates);
  absl::StatusOr<std::vector<int64_t>> index_values = misc::IndexValues(indices, "indices");
  if (!index_values.ok()) return context.Error(index_values.status().message());
  if (indices.rank() < 1) return context.Error("indices must be at least a vector");
  const int depth = static_cast<int>(indices.dim(indices.rank() - 1));
  if (depth > tensor.rank()) {
    return context.Error(absl::StrCat("Index innermost dimension length must be <= tensor rank; ",
                                      "saw: ", depth, " vs. ", tensor.rank()));
  }
  if (updates.dtype() != tensor.dtype()) {
    return context.Error("tensor and updates must have one dtype");
  }
  // updates must be indices.shape[:-1] + tensor.shape[depth:].
  Shape expected(indices.shape().begin(), indices.shape().end() - 1);
  expected.insert(expected.end(), tensor.shape().begin() + depth, tensor.shape().end());
  if (updates.shape() != expected) {
    return context.Error(absl::StrCat("updates must have shape ", ShapeString(expected), ", got ",
                                      ShapeString(updates.shape())));
  }
  int64_t slice = 1;
  for (int d = depth; d < tensor.rank(); ++d) slice *= tensor.dim(d);
  const int64_t rows = NumElements(Shape(indices.shape().begin(), indices.shape().end() - 1));
  // The flat offset of each row's slice, checked against the tensor's shape.
  std::vector<int64_t> offsets(rows, 0);
  for (int64_t r = 0; r < rows; ++r) {
    int64_t offset = 0;
    for (int k = 0; k < depth; ++k) {
      const int64_t at = (*index_values)[r * depth + k];
      if (at < 0 || at >= tensor.dim(k)) {
        std::vector<int64_t> row(index_values->begin() + r * depth,
                                 index_values->begin() + (r + 1) * depth);
        return context.Error(absl::StrCat("indices[", r, "] = [", absl::StrJoin(row, ", "),
                                          "] does not index into shape ",
                                          ShapeString(tensor.shape())));
      }
      offset = offset * tensor.dim(k) + at;
    }
    offsets[r] = offset * slice;
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensor.dtype(), tensor.shape());
  if (!output.ok()) return context.Error(output.status().message());
  if (kCombine == Combine::kUpdate && tensor.dtype() == tensorflow::DT_STRING) {
    output->mutable_strings() = tensor.strings();
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t i = 0; i < slice; ++i) {
        output->mutable_strings()[offsets[r] + i] = updates.strings()[r * slice + i];
      }
    }
  } else if (absl::Status status = math::DispatchDataType(
                 TypesOf<kCombine>(), context, tensor.dtype(), "input 'tensor'",
                 [&](auto type) {
                   using T = decltype(type);
                   const T* in = tensor.data<T>();
                   T* out = output->mutable_data<T>();
                   std::copy(in, in + tensor.num_elements(), out);
                   const T* update = updates.data<T>();
                   for (int64_t r = 0; r < rows; ++r) {
                     for (int64_t i = 0; i < slice; ++i) {
                       T& slot = out[offsets[r] + i];
                       slot = CombineValues<kCombine, T>(slot, update[r * slice + i]);
                     }
                   }
                   return absl::OkStatus();
                 });
             !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

template <Combine kCombine>
KernelDtypes ScatterDtypes() {
  std::vector<DataType> dtypes = math::DtypesOf(TypesOf<kCombine>());
  if (kCombine == Combine::kUpdate) dtypes.push_back(tensorflow::DT_STRING);
  return {{"T", dtypes}, {"Tindices", {tensorflow::DT_INT32, tensorflow::DT_INT64}}};
}

REGISTER_KERNEL("TensorScatterUpdate", ComputeTensorScatter<Combine::kUpdate>,
                ScatterDtypes<Combine::kUpdate>());
REGISTER_KERNEL("TensorScatterAdd", ComputeTensorScatter<Combine::kAdd>,
                ScatterDtypes<Combine::kAdd>());
REGISTER_KERNEL("TensorScatterSub", ComputeTensorScatter<Combine::kSub>,
                ScatterDtypes<Combine::kSub>());
REGISTER_KERNEL("TensorScatterMin", ComputeTensorScatter<Combine::kMin>,
                ScatterDtypes<Combine::kMin>());
REGISTER_KERNEL("TensorScatterMax", ComputeTensorScatter<Combine::kMax>,
                ScatterDtypes<Combine::kMax>());
REGISTER_KERNEL("ScatterNdUpdate", ComputeTensorScatter<Combine::kUpdate>,
                ScatterDtypes<Combine::kUpdate>());
REGISTER_KERNEL("ScatterNdAdd", ComputeTensorScatter<Combine::kAdd>,
                ScatterDtypes<Combine::kAdd>());
REGISTER_KERNEL("ScatterNdSub", ComputeTensorScatter<Combine::kSub>,
                ScatterDtypes<Combine::kSub>());
REGISTER_KERNEL("ScatterNdMin", ComputeTensorScatter<Combine::kMin>,
                ScatterDtypes<Combine::kMin>());
REGISTER_KERNEL("ScatterNdMax", ComputeTensorScatter<Combine::kMax>,
                ScatterDtypes<Combine::kMax>());

}  // namespace
}  // namespace tfjs::runtime
