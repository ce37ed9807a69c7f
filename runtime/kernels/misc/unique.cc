// Unique and UniqueV2: the distinct slices along an axis in order of first occurrence, and for
// every input slice the index of its unique slice; UniqueWithCounts(V2) also output how many
// input slices each unique slice stands for.
#include <functional>
#include <unordered_map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kAxis = 1;

// The input viewed as [outer, count, inner]; slice j holds elements (o, j, i) for all o and i.
struct SliceLayout {
  int64_t outer = 1;
  int64_t count = 1;
  int64_t inner = 1;
};

// For every slice, the index of the first equal slice among the distinct ones, and the first
// occurrence of each distinct slice. Values compare with == (so NaNs never match, as in TF).
template <typename T>
void GroupSlices(const T* data, const SliceLayout& layout, std::vector<int64_t>* slice_group,
                 std::vector<int64_t>* firsts) {
  auto element = [&](int64_t slice, int64_t o, int64_t i) {
    return data[(o * layout.count + slice) * layout.inner + i];
  };
  auto hash = [&](int64_t slice) {
    size_t seed = 0;
    for (int64_t o = 0; o < layout.outer; ++o) {
      for (int64_t i = 0; i < layout.inner; ++i) {
        seed = seed * 1000003u ^ std::hash<T>()(element(slice, o, i));
      }
    }
    return seed;
  };
  auto equal = [&](int64_t a, int64_t b) {
    for (int64_t o = 0; o < layout.outer; ++o) {
      for (int64_t i = 0; i < layout.inner; ++i) {
        if (!(element(a, o, i) == element(b, o, i))) return false;
      }
    }
    return true;
  };
  std::unordered_map<int64_t, int64_t, decltype(hash), decltype(equal)> groups(
      static_cast<size_t>(layout.count), hash, equal);
  for (int64_t slice = 0; slice < layout.count; ++slice) {
    auto [it, inserted] = groups.emplace(slice, static_cast<int64_t>(firsts->size()));
    if (inserted) firsts->push_back(slice);
    slice_group->push_back(it->second);
  }
}

template <typename T>
void GatherSlices(const T* data, const SliceLayout& layout, const std::vector<int64_t>& firsts,
                  T* out) {
  const int64_t kept = static_cast<int64_t>(firsts.size());
  for (int64_t o = 0; o < layout.outer; ++o) {
    for (int64_t k = 0; k < kept; ++k) {
      const T* from = data + (o * layout.count + firsts[k]) * layout.inner;
      std::copy(from, from + layout.inner, out + (o * kept + k) * layout.inner);
    }
  }
}

template <bool kWithCounts>
absl::Status ComputeUnique(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  int axis = 0;
  bool flat = true;
  if (context.num_inputs() == 2) {
    const Tensor& axis_tensor = context.input(kAxis);
    absl::StatusOr<std::vector<int64_t>> axes = misc::IndexValues(axis_tensor, "axis");
    if (!axes.ok()) return context.Error(axes.status().message());
    if (axis_tensor.rank() != 1) return context.Error("axis expects a 1D vector.");
    if (axes->size() > 1) {
      return context.Error("axis does not support input tensors larger than 1 elements");
    }
    if (axes->size() == 1) {
      int64_t value = (*axes)[0];
      if (value < 0) value += input.rank();
      if (value < 0 || value >= input.rank()) {
        return context.Error(
            absl::StrCat("axis ", (*axes)[0], " is out of range for rank ", input.rank()));
      }
      axis = static_cast<int>(value);
      flat = false;
    }
  }
  if (flat && input.rank() != 1) return context.Error("unique expects a 1D vector.");
  NodeAttrs attrs(context.node(), nullptr);
  absl::StatusOr<DataType> index_type =
      attrs.Has("out_idx") ? attrs.GetType("out_idx") : tensorflow::DT_INT32;
  if (!index_type.ok()) return index_type.status();
  if (!misc::IsIndexType(*index_type)) return context.Error("out_idx must be int32 or int64");

  SliceLayout layout;
  for (int d = 0; d < input.rank(); ++d) {
    if (d < axis) layout.outer *= input.dim(d);
    if (d == axis) layout.count = input.dim(d);
    if (d > axis) layout.inner *= input.dim(d);
  }
  std::vector<int64_t> slice_group;
  std::vector<int64_t> firsts;
  Shape out_shape = input.shape();
  Tensor out;
  if (input.dtype() == tensorflow::DT_STRING) {
    GroupSlices(input.strings().data(), layout, &slice_group, &firsts);
    out_shape[axis] = static_cast<int64_t>(firsts.size());
    out = *Tensor::Allocate(tensorflow::DT_STRING, out_shape);
    GatherSlices(input.strings().data(), layout, firsts, out.mutable_strings().data());
  } else if (input.dtype() == tensorflow::DT_HALF || input.dtype() == tensorflow::DT_BFLOAT16) {
    // Grouped by their float32 values (so -0 and 0 are one value), gathered as stored.
    const bool half = input.dtype() == tensorflow::DT_HALF;
    const uint16_t* bits = input.data<uint16_t>();
    std::vector<float> values(input.num_elements());
    for (size_t i = 0; i < values.size(); ++i) {
      values[i] = half ? HalfToFloat(bits[i]) : BFloat16ToFloat(bits[i]);
    }
    GroupSlices(values.data(), layout, &slice_group, &firsts);
    out_shape[axis] = static_cast<int64_t>(firsts.size());
    out = *Tensor::Allocate(input.dtype(), out_shape);
    GatherSlices(bits, layout, firsts, out.mutable_data<uint16_t>());
  } else {
    const bool known =
        math::DispatchTag(misc::NoHalfRealOrBoolTypes(), input.dtype(), [&](auto tag) {
          using T = typename decltype(tag)::type;
          GroupSlices(input.data<T>(), layout, &slice_group, &firsts);
          out_shape[axis] = static_cast<int64_t>(firsts.size());
          out = *Tensor::Allocate(input.dtype(), out_shape);
          GatherSlices(input.data<T>(), layout, firsts, out.mutable_data<T>());
        });
    if (!known) {
      return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(input.dtype())));
    }
  }
  absl::StatusOr<Tensor> indices = misc::IndexTensor(*index_type, {layout.count}, slice_group);
  if (!indices.ok()) return context.Error(indices.status().message());
  context.set_output(0, std::move(out));
  context.set_output(1, *std::move(indices));
  if (kWithCounts) {
    std::vector<int64_t> counts(firsts.size(), 0);
    for (int64_t group : slice_group) ++counts[group];
    absl::StatusOr<Tensor> count_tensor =
        misc::IndexTensor(*index_type, {static_cast<int64_t>(counts.size())}, counts);
    if (!count_tensor.ok()) return context.Error(count_tensor.status().message());
    context.set_output(2, *std::move(count_tensor));
  }
  return absl::OkStatus();
}

// TF's dtypes for Unique*: the real numbers, bool and string.
const std::vector<DataType>& UniqueDtypes() {
  static const auto* const kDtypes = new std::vector<DataType>{
      tensorflow::DT_HALF,  tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,  tensorflow::DT_DOUBLE,
      tensorflow::DT_INT8,  tensorflow::DT_INT16,    tensorflow::DT_INT32,  tensorflow::DT_INT64,
      tensorflow::DT_UINT8, tensorflow::DT_UINT16,   tensorflow::DT_UINT32, tensorflow::DT_UINT64,
      tensorflow::DT_BOOL,  tensorflow::DT_STRING};
  return *kDtypes;
}
const std::vector<DataType>& IndexDtypes() {
  static const auto* const kDtypes =
      new std::vector<DataType>{tensorflow::DT_INT32, tensorflow::DT_INT64};
  return *kDtypes;
}

REGISTER_KERNEL("Unique", ComputeUnique<false>,
                {{"T", UniqueDtypes()}, {"out_idx", IndexDtypes()}});
REGISTER_KERNEL("UniqueV2", ComputeUnique<false>,
                {{"T", UniqueDtypes()}, {"Taxis", IndexDtypes()}, {"out_idx", IndexDtypes()}});
REGISTER_KERNEL("UniqueWithCounts", ComputeUnique<true>,
                {{"T", UniqueDtypes()}, {"out_idx", IndexDtypes()}});
REGISTER_KERNEL("UniqueWithCountsV2", ComputeUnique<true>,
                {{"T", UniqueDtypes()}, {"Taxis", IndexDtypes()}, {"out_idx", IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime
