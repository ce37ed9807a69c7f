// TopKV2: the k largest entries of each last-dim row, ties by lower index. sorted=true (the
// default) orders them descending; sorted=false gives them in the order TF's CPU kernel leaves
// them, that of its size-k heap, except for k == 1 and k == columns, which TF sorts anyway.
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kK = 1;

// a ranks before b: larger value first (NaN above everything), then lower index.
template <typename T>
bool RanksBefore(T a, int32_t a_index, T b, int32_t b_index) {
  if constexpr (std::is_floating_point_v<T>) {
    const bool a_nan = std::isnan(a);
    const bool b_nan = std::isnan(b);
    if (a_nan || b_nan) return a_nan && (!b_nan || a_index < b_index);
  }
  if (a != b) return a > b;
  return a_index < b_index;
}

// The row's top k column indices in the order gtl::TopN (TF's unsorted top-k) leaves them: the
// first k + 1 columns become a heap whose least element goes to the back, then each later column
// that beats the heap's least replaces it there and is pushed, the least popped again. The heap
// calls are the ones TopN makes, so libstdc++ leaves the same order TensorFlow's does.
template <typename Before>
void HeapOrder(int64_t columns, int64_t k, Before before, std::vector<int32_t>& heap) {
  heap.clear();
  for (int32_t c = 0; c < columns; ++c) {
    if (static_cast<int64_t>(heap.size()) <= k) {
      heap.push_back(c);
      if (static_cast<int64_t>(heap.size()) == k + 1) {
        std::make_heap(heap.begin(), heap.end(), before);
        std::pop_heap(heap.begin(), heap.end(), before);
      }
    } else if (before(c, heap.front())) {
      heap.back() = c;
      std::push_heap(heap.begin(), heap.end(), before);
      std::pop_heap(heap.begin(), heap.end(), before);
    }
  }
}

// The row's top k column indices, best first, kept in a size-k heap whose front is the worst of
// them (so memory is k indices, not a row's worth); `before` is a strict total order.
template <typename Before>
void SortedTopK(int64_t columns, int64_t k, Before before, std::vector<int32_t>& heap) {
  heap.resize(k);
  if (k == 0) return;
  std::iota(heap.begin(), heap.end(), 0);
  std::make_heap(heap.begin(), heap.end(), before);
  for (int32_t c = static_cast<int32_t>(k); c < columns; ++c) {
    if (!before(c, heap.front())) continue;
    std::pop_heap(heap.begin(), heap.end(), before);
    heap.back() = c;
    std::push_heap(heap.begin(), heap.end(), before);
  }
  std::sort_heap(heap.begin(), heap.end(), before);
}

// float16 and bfloat16 rank by their (exact) float32 values; indices are written as Index.
template <typename T, typename Index>
void TopKRows(const Tensor& input, int64_t k, bool sorted, Tensor& values, Tensor& indices) {
  const int64_t columns = input.dim(input.rank() - 1);
  const int64_t rows = columns == 0 ? 0 : input.num_elements() / columns;
  const T* src = input.data<T>();
  T* out_values = values.mutable_data<T>();
  Index* out_indices = indices.mutable_data<Index>();
  const bool heap_order = !sorted && k > 1 && k < columns;
  std::vector<int32_t> order;
  for (int64_t row = 0; row < rows; ++row) {
    const T* row_values = src + row * columns;
    auto before = [row_values](int32_t a, int32_t b) {
      return RanksBefore(math::Widen(row_values[a]), a, math::Widen(row_values[b]), b);
    };
    if (heap_order) {
      HeapOrder(columns, k, before, order);
    } else {
      SortedTopK(columns, k, before, order);
    }
    for (int64_t i = 0; i < k; ++i) {
      out_values[row * k + i] = row_values[order[i]];
      out_indices[row * k + i] = static_cast<Index>(order[i]);
    }
  }
}

absl::Status ComputeTopK(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  absl::StatusOr<int64_t> k = IndexScalar(context, kK, "k");
  if (!k.ok()) return k.status();
  if (*k < 0) return context.Error(absl::StrCat("Need k >= 0, got ", *k));
  if (input.rank() < 1) {
    return context.Error(
        absl::StrCat("input must be >= 1-D, got shape ", ShapeString(input.shape())));
  }
  const int64_t columns = input.dim(input.rank() - 1);
  if (columns < *k) {
    return context.Error(
        absl::StrCat("input must have at least k columns. Had ", columns, ", needed ", *k));
  }
  const auto& attrs = context.node().attr();
  const auto sorted_attr = attrs.find("sorted");
  const bool sorted = sorted_attr == attrs.end() || sorted_attr->second.b();
  Shape output_shape = input.shape();
  output_shape.back() = *k;
  absl::StatusOr<Tensor> values = AllocateOutput(context, input.dtype(), output_shape);
  if (!values.ok()) return values.status();
  auto index_type = context.node().attr().find("index_type");
  const DataType index_dtype =
      index_type == context.node().attr().end() ? tensorflow::DT_INT32 : index_type->second.type();
  absl::StatusOr<Tensor> indices = AllocateOutput(context, index_dtype, output_shape);
  if (!indices.ok()) return indices.status();
  using IndexTypes = math::TypeList<int16_t, int32_t, int64_t>;
  if (absl::Status status = math::DispatchDataType(
          math::AllNumericTypes(), context, input.dtype(), "input 'input'",
          [&](auto type) {
            using T = decltype(type);
            return math::DispatchDataType(
                IndexTypes(), context, index_dtype, "index_type", [&](auto index) {
                  using Index = decltype(index);
                  TopKRows<T, Index>(input, *k, sorted, *values, *indices);
                  return absl::OkStatus();
                });
          });
      !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(values));
  context.set_output(1, *std::move(indices));
  return absl::OkStatus();
}

REGISTER_KERNEL("TopKV2", ComputeTopK,
                {{"T", math::DtypesOf(math::AllNumericTypes())},
                 {"Tk", {tensorflow::DT_INT16, tensorflow::DT_INT32, tensorflow::DT_INT64}},
                 {"index_type",
                  {tensorflow::DT_INT16, tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::array
