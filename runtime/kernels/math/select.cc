// Select (condition a scalar, a vector over the first dim, or the shape of the branches) and
// SelectV2 (condition and both branches broadcast together).
#include <cstdint>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/element_types.h"
#include "runtime/kernels/math/binary_kernel.h"
#include "runtime/kernels/math/broadcast.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"

namespace tfjs::runtime::math {
namespace {

constexpr int kCondition = 0;
constexpr int kThen = 1;
constexpr int kElse = 2;

// out[i] = condition[i] ? then[i] : else[i] over the broadcast layout; T is the branches'
// storage type (array::DispatchByElement: selection only copies).
template <typename T>
void SelectElements(pthreadpool_t pool, const BroadcastLayout& layout, const bool* condition,
                    const T* then_values, const T* else_values, T* out, int64_t count) {
  const int64_t cost = std::is_trivially_copyable_v<T> ? 1 : 1 << 16;
  ParallelFor(pool, count, cost, [&](int64_t begin, int64_t end) {
    layout.ForEachRun(begin, end, [&](int64_t position, int64_t length, const int64_t* at) {
      const bool* c = condition + at[0];
      const T* t = then_values + at[1];
      const T* e = else_values + at[2];
      T* o = out + position;
      const int64_t cs = layout.inner_stride(0);
      const int64_t ts = layout.inner_stride(1);
      const int64_t es = layout.inner_stride(2);
      if (cs != 0 && ts != 0 && es != 0) {
        for (int64_t i = 0; i < length; ++i) o[i] = c[i] ? t[i] : e[i];
      } else if (cs == 0) {
        const T* chosen = *c ? t : e;
        const int64_t stride = *c ? ts : es;
        for (int64_t i = 0; i < length; ++i) o[i] = chosen[i * stride];
      } else {
        for (int64_t i = 0; i < length; ++i) o[i] = c[i] ? t[i * ts] : e[i * es];
      }
    });
  });
}

// Output of `shape` selected from the branches, the condition read as `condition_shape`.
absl::Status Select(OpContext& context, const Shape& condition_shape, const Shape& shape) {
  const Tensor& condition = context.input(kCondition);
  const Tensor& then_tensor = context.input(kThen);
  const Tensor& else_tensor = context.input(kElse);
  const DataType dtype = then_tensor.dtype();
  const BroadcastLayout layout({condition_shape, then_tensor.shape(), else_tensor.shape()}, shape);
  const int64_t count = NumElements(shape);
  const bool* c = condition.data<bool>();
  absl::StatusOr<Tensor> output = ReuseOrAllocate(context, {kThen, kElse}, dtype, shape);
  if (!output.ok()) return output.status();
  if (count > 0) {
    absl::Status status = array::DispatchByElement(dtype, [&](auto tag) {
      using T = decltype(tag);
      SelectElements(context.threadpool(), layout, c, array::ElementsOf<T>(then_tensor),
                     array::ElementsOf<T>(else_tensor), array::MutableElementsOf<T>(*output),
                     count);
      return absl::OkStatus();
    });
    if (!status.ok()) return context.Error(status.message());
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status CheckInputs(const OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  if (context.input(kCondition).dtype() != tensorflow::DT_BOOL) {
    return context.Error(absl::StrCat("condition has dtype ",
                                      DataTypeName(context.input(kCondition).dtype()),
                                      "; it must be bool"));
  }
  return CheckSameDataType(context, kThen, kElse);
}

absl::Status ComputeSelect(OpContext& context) {
  if (absl::Status status = CheckInputs(context); !status.ok()) return status;
  const Shape& condition_shape = context.input(kCondition).shape();
  const Shape& shape = context.input(kThen).shape();
  if (shape != context.input(kElse).shape()) {
    return context.Error(absl::StrCat("'then' and 'else' must have the same shape, got ",
                                      ShapeString(shape), " and ",
                                      ShapeString(context.input(kElse).shape())));
  }
  if (condition_shape.empty() || condition_shape == shape) {
    return Select(context, condition_shape, shape);
  }
  if (condition_shape.size() == 1 && !shape.empty()) {
    if (condition_shape[0] != shape[0]) {
      return context.Error(absl::StrCat("number of batches of 'then' (", shape[0],
                                        ") must match the size of 'cond' (", condition_shape[0],
                                        ")"));
    }
    // One condition per row along the first dim.
    Shape rows(shape.size(), 1);
    rows[0] = condition_shape[0];
    return Select(context, rows, shape);
  }
  return context.Error(absl::StrCat("'cond' of shape ", ShapeString(condition_shape),
                                    " must be a scalar, a vector matching the first dim, or the "
                                    "shape of 'then' ",
                                    ShapeString(shape)));
}

absl::Status ComputeSelectV2(OpContext& context) {
  if (absl::Status status = CheckInputs(context); !status.ok()) return status;
  absl::StatusOr<Shape> branches = BroadcastInputShapes(context, kThen, kElse);
  if (!branches.ok()) return branches.status();
  absl::StatusOr<Shape> shape = BroadcastShapes(context.input(kCondition).shape(), *branches);
  if (!shape.ok()) return context.Error(shape.status().message());
  return Select(context, context.input(kCondition).shape(), *shape);
}

// TF_CALL_ALL_TYPES, as TF registers both.
REGISTER_KERNEL("Select", ComputeSelect, {{"T", dtypes::All()}});
REGISTER_KERNEL("SelectV2", ComputeSelectV2, {{"T", dtypes::All()}});

}  // namespace
}  // namespace tfjs::runtime::math
