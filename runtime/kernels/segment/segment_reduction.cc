// Segment reductions over the first axes of `data`:
//  - Segment{Sum,Mean,Prod,Min,Max}(data, segment_ids): ids are a sorted vector over data's
//    first axis; output row k reduces the rows with id k, and has ids[-1] + 1 rows. An empty
//    segment yields 0 (1 for Prod).
//  - UnsortedSegment{Sum,Prod,Min,Max}(data, segment_ids, num_segments): ids have the shape of a
//    prefix of data's shape and any order; negative ids drop their rows; output has
//    num_segments rows; an empty segment yields the reduction's identity (0, 1, the dtype's
//    highest value for Min, its lowest for Max), as TF's CPU kernels do.
// Sum, Mean and Prod take every number dtype (complex too), Min and Max the real ones.
#include <algorithm>
#include <limits>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kData = 0;
constexpr int kSegmentIds = 1;
constexpr int kNumSegments = 2;

enum class Reduce { kSum, kMean, kProd, kMin, kMax };

// The largest finite value of T (float16 and bfloat16 by their own range), in T's compute type.
template <typename T>
math::ComputeType<T> Highest() {
  if constexpr (std::is_same_v<T, math::Half>) {
    return 65504.0f;
  } else if constexpr (std::is_same_v<T, math::BFloat16>) {
    return 3.38953139e38f;
  } else {
    return std::numeric_limits<T>::max();
  }
}

template <typename T>
math::ComputeType<T> Lowest() {
  if constexpr (std::is_same_v<T, math::Half> || std::is_same_v<T, math::BFloat16>) {
    return -Highest<T>();
  } else {
    return std::numeric_limits<T>::lowest();
  }
}

template <Reduce kReduce, typename T>
T Identity() {
  using Compute = math::ComputeType<T>;
  if constexpr (kReduce == Reduce::kProd) {
    return math::Narrow<T>(Compute{1});
  } else if constexpr (kReduce == Reduce::kMin) {
    return math::Narrow<T>(Highest<T>());
  } else if constexpr (kReduce == Reduce::kMax) {
    return math::Narrow<T>(Lowest<T>());
  } else {
    return math::Narrow<T>(Compute{0});
  }
}

// One step of the reduction, rounded to T (so 16-bit floats round after every step as TF's do;
// integers wrap).
template <Reduce kReduce, typename T>
T Combine(T accumulated, T value) {
  const auto a = math::Widen(accumulated);
  const auto b = math::Widen(value);
  if constexpr (kReduce == Reduce::kProd) {
    return math::Narrow<T>(math::MulFn()(a, b));
  } else if constexpr (kReduce == Reduce::kMin) {
    return math::Narrow<T>(b < a ? b : a);
  } else if constexpr (kReduce == Reduce::kMax) {
    return math::Narrow<T>(a < b ? b : a);
  } else {
    return math::Narrow<T>(math::AddFn()(a, b));
  }
}

// Sum, Mean and Prod take every number dtype; Min and Max the ordered ones.
template <Reduce kReduce>
using ReduceTypes = std::conditional_t<kReduce == Reduce::kMin || kReduce == Reduce::kMax,
                                       math::AllNumericTypes, math::NumberTypes>;

// Reduces row i of `data` (the elements under ids' ids_rank leading axes) into output row ids[i]
// for every i with a non-negative id; rows no id reaches keep the identity, or get 0 (1 for Prod)
// with empty_is_zero; Mean divides by the row count.
template <Reduce kReduce>
absl::Status ReduceRows(OpContext& context, const Tensor& data, const std::vector<int64_t>& ids,
                        int ids_rank, int64_t num_rows, bool empty_is_zero) {
  Shape shape = {num_rows};
  shape.insert(shape.end(), data.shape().begin() + ids_rank, data.shape().end());
  int64_t row_size = 1;
  for (int d = ids_rank; d < data.rank(); ++d) row_size *= data.dim(d);
  absl::StatusOr<Tensor> output = Tensor::Allocate(data.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  if (absl::Status status = math::DispatchDataType(
          ReduceTypes<kReduce>(), context, data.dtype(), "input 'data'",
          [&](auto type) {
            using T = decltype(type);
            using Compute = math::ComputeType<T>;
            T* out = output->mutable_data<T>();
            std::fill(out, out + output->num_elements(), Identity<kReduce, T>());
            std::vector<int64_t> counts(num_rows, 0);
            const T* in = data.data<T>();
            for (size_t i = 0; i < ids.size(); ++i) {
              if (ids[i] < 0) continue;
              T* row = out + ids[i] * row_size;
              ++counts[ids[i]];
              for (int64_t j = 0; j < row_size; ++j) {
                row[j] = Combine<kReduce, T>(row[j], in[i * row_size + j]);
              }
            }
            const T empty = math::Narrow<T>(kReduce == Reduce::kProd ? Compute{1} : Compute{0});
            for (int64_t r = 0; r < num_rows; ++r) {
              T* row = out + r * row_size;
              if (counts[r] == 0 && empty_is_zero) {
                std::fill(row, row + row_size, empty);
              } else if (kReduce == Reduce::kMean && counts[r] > 0) {
                // Integer means truncate, as TF's.
                const Compute count = static_cast<Compute>(counts[r]);
                for (int64_t j = 0; j < row_size; ++j) {
                  row[j] = math::Narrow<T>(math::Widen(row[j]) / count);
                }
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

template <Reduce kReduce>
absl::Status ComputeSegment(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& data = context.input(kData);
  const Tensor& segment_ids = context.input(kSegmentIds);
  if (segment_ids.rank() != 1) return context.Error("segment_ids should be a vector.");
  if (data.rank() < 1 || data.dim(0) != segment_ids.dim(0)) {
    return context.Error(absl::StrCat(
        "segment_ids should be the same size as dimension 0 of "
        "input, got data shape ",
        ShapeString(data.shape()), " and segment_ids shape ", ShapeString(segment_ids.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> ids = misc::IndexValues(segment_ids, "segment_ids");
  if (!ids.ok()) return context.Error(ids.status().message());
  for (size_t i = 0; i < ids->size(); ++i) {
    if ((*ids)[i] < 0) return context.Error("segment ids must be >= 0");
    if (i > 0 && (*ids)[i] < (*ids)[i - 1]) {
      return context.Error("segment ids are not increasing");
    }
  }
  const int64_t num_rows = ids->empty() ? 0 : ids->back() + 1;
  return ReduceRows<kReduce>(context, data, *ids, 1, num_rows, /*empty_is_zero=*/true);
}

template <Reduce kReduce>
absl::Status ComputeUnsortedSegment(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& data = context.input(kData);
  const Tensor& segment_ids = context.input(kSegmentIds);
  bool is_prefix = segment_ids.rank() <= data.rank();
  for (int d = 0; is_prefix && d < segment_ids.rank(); ++d) {
    is_prefix = segment_ids.dim(d) == data.dim(d);
  }
  if (!is_prefix) {
    return context.Error(absl::StrCat(
        "data.shape = ", ShapeString(data.shape()),
        " does not start with segment_ids.shape = ", ShapeString(segment_ids.shape())));
  }
  absl::StatusOr<int64_t> num_segments =
      misc::IndexScalar(context.input(kNumSegments), "num_segments");
  if (!num_segments.ok()) return context.Error(num_segments.status().message());
  if (*num_segments < 0) {
    return context.Error(absl::StrCat("num_segments must be non-negative, got ", *num_segments));
  }
  absl::StatusOr<std::vector<int64_t>> ids = misc::IndexValues(segment_ids, "segment_ids");
  if (!ids.ok()) return context.Error(ids.status().message());
  for (size_t i = 0; i < ids->size(); ++i) {
    if ((*ids)[i] >= *num_segments) {
      return context.Error(absl::StrCat("segment_ids[", i, "] = ", (*ids)[i],
                                        " is out of range [0, ", *num_segments, ")"));
    }
  }
  return ReduceRows<kReduce>(context, data, *ids, segment_ids.rank(), *num_segments,
                             /*empty_is_zero=*/false);
}

const std::vector<DataType>& IndexDtypes() {
  static const auto* const kDtypes =
      new std::vector<DataType>{tensorflow::DT_INT32, tensorflow::DT_INT64};
  return *kDtypes;
}

template <Reduce kReduce>
KernelDtypes SegmentDtypes() {
  return {{"T", math::DtypesOf(ReduceTypes<kReduce>())}, {"Tindices", IndexDtypes()}};
}

template <Reduce kReduce>
KernelDtypes UnsortedSegmentDtypes() {
  return {{"T", math::DtypesOf(ReduceTypes<kReduce>())},
          {"Tindices", IndexDtypes()},
          {"Tnumsegments", IndexDtypes()}};
}

REGISTER_KERNEL("SegmentSum", ComputeSegment<Reduce::kSum>, SegmentDtypes<Reduce::kSum>());
REGISTER_KERNEL("SegmentMean", ComputeSegment<Reduce::kMean>, SegmentDtypes<Reduce::kMean>());
REGISTER_KERNEL("SegmentProd", ComputeSegment<Reduce::kProd>, SegmentDtypes<Reduce::kProd>());
REGISTER_KERNEL("SegmentMin", ComputeSegment<Reduce::kMin>, SegmentDtypes<Reduce::kMin>());
REGISTER_KERNEL("SegmentMax", ComputeSegment<Reduce::kMax>, SegmentDtypes<Reduce::kMax>());
REGISTER_KERNEL("UnsortedSegmentSum", ComputeUnsortedSegment<Reduce::kSum>,
                UnsortedSegmentDtypes<Reduce::kSum>());
REGISTER_KERNEL("UnsortedSegmentProd", ComputeUnsortedSegment<Reduce::kProd>,
                UnsortedSegmentDtypes<Reduce::kProd>());
REGISTER_KERNEL("UnsortedSegmentMin", ComputeUnsortedSegment<Reduce::kMin>,
                UnsortedSegmentDtypes<Reduce::kMin>());
REGISTER_KERNEL("UnsortedSegmentMax", ComputeUnsortedSegment<Reduce::kMax>,
                UnsortedSegmentDtypes<Reduce::kMax>());

}  // namespace
}  // namespace tfjs::runtime
