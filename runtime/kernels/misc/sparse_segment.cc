// SparseSegmentSum, SparseSegmentMean and SparseSegmentSqrtN, each also WithNumSegments: rows
// data[indices[i]] summed into segment segment_ids[i] (ids sorted), then divided by the
// segment's size (Mean) or its square root (SqrtN); empty segments are 0. The output has
// num_segments rows, or last id + 1 without that input. float16 and bfloat16 sum in float32.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kData = 0;
constexpr int kIndices = 1;
constexpr int kSegmentIds = 2;
constexpr int kNumSegments = 3;

enum class Reduce { kSum, kMean, kSqrtN };

// float16 / bfloat16 elements, held as their bits.
struct Half16 {
  uint16_t bits;
};
struct BFloat16 {
  uint16_t bits;
};

template <typename T>
auto Widen(T value) {
  if constexpr (std::is_same_v<T, Half16>) {
    return HalfToFloat(value.bits);
  } else if constexpr (std::is_same_v<T, BFloat16>) {
    return BFloat16ToFloat(value.bits);
  } else {
    return value;
  }
}

template <typename T, typename A>
T Narrow(A value) {
  if constexpr (std::is_same_v<T, Half16>) {
    return Half16{FloatToHalf(value)};
  } else if constexpr (std::is_same_v<T, BFloat16>) {
    return BFloat16{FloatToBFloat16(value)};
  } else {
    return static_cast<T>(value);
  }
}

template <Reduce kReduce, bool kWithNumSegments>
absl::Status ComputeSparseSegment(OpContext& context) {
  const int inputs = kWithNumSegments ? 4 : 3;
  if (absl::Status status = context.CheckNumInputs(inputs, inputs); !status.ok()) return status;
  const Tensor& data = context.input(kData);
  if (context.input(kIndices).rank() != 1) return context.Error("indices should be a vector.");
  if (context.input(kSegmentIds).rank() != 1) {
    return context.Error("segment_ids should be a vector.");
  }
  if (data.rank() < 1) return context.Error("data must be at least 1-D");
  absl::StatusOr<std::vector<int64_t>> indices =
      misc::IndexValues(context.input(kIndices), "indices");
  absl::StatusOr<std::vector<int64_t>> segment_ids =
      misc::IndexValues(context.input(kSegmentIds), "segment_ids");
  if (!indices.ok()) return context.Error(indices.status().message());
  if (!segment_ids.ok()) return context.Error(segment_ids.status().message());
  const size_t count = indices->size();
  if (segment_ids->size() != count) {
    return context.Error("segment_ids and indices should have same size.");
  }
  int64_t num_segments = count == 0 ? 0 : segment_ids->back() + 1;
  if (kWithNumSegments) {
    absl::StatusOr<int64_t> given = misc::IndexScalar(context.input(kNumSegments), "num_segments");
    if (!given.ok()) return context.Error(given.status().message());
    if (*given < 0) return context.Error("num_segments must be >= 0");
    if (count > 0 && segment_ids->back() >= *given) {
      return context.Error(absl::StrCat("segment ids must be < num_segments, got ",
                                        segment_ids->back(), " >= ", *given));
    }
    num_segments = *given;
  }
  for (size_t i = 0; i < count; ++i) {
    if ((*segment_ids)[i] < 0 || (i > 0 && (*segment_ids)[i] < (*segment_ids)[i - 1])) {
      return context.Error("segment ids are not increasing");
    }
    if ((*indices)[i] < 0 || (*indices)[i] >= data.dim(0)) {
      return context.Error(absl::StrCat("Bad: indices[", i, "] == ", (*indices)[i],
                                        " out of range [0, ", data.dim(0), ")"));
    }
  }
  const int64_t row = data.dim(0) == 0 ? 0 : data.num_elements() / data.dim(0);
  Shape out_shape = data.shape();
  out_shape[0] = num_segments;
  absl::StatusOr<Tensor> output = Tensor::Allocate(data.dtype(), out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  auto reduce = [&](auto tag) {
    using T = typename decltype(tag)::type;
    using A = decltype(Widen(T{}));
    std::vector<A> sums(num_segments * row, A(0));
    std::vector<int64_t> sizes(num_segments, 0);
    const T* in = data.data<T>();
    for (size_t i = 0; i < count; ++i) {
      A* to = sums.data() + (*segment_ids)[i] * row;
      const T* from = in + (*indices)[i] * row;
      for (int64_t j = 0; j < row; ++j) to[j] += Widen(from[j]);
      ++sizes[(*segment_ids)[i]];
    }
    T* out = output->mutable_data<T>();
    for (int64_t s = 0; s < num_segments; ++s) {
      for (int64_t j = 0; j < row; ++j) {
        A value = sums[s * row + j];
        if (kReduce == Reduce::kMean && sizes[s] > 1) value /= static_cast<A>(sizes[s]);
        if (kReduce == Reduce::kSqrtN && sizes[s] > 1) {
          value /= static_cast<A>(std::sqrt(static_cast<double>(sizes[s])));
        }
        out[s * row + j] = Narrow<T>(value);
      }
    }
  };
  bool known = true;
  switch (data.dtype()) {
    case tensorflow::DT_HALF:
      reduce(math::Tag<Half16>{});
      break;
    case tensorflow::DT_BFLOAT16:
      reduce(math::Tag<BFloat16>{});
      break;
    case tensorflow::DT_FLOAT:
      reduce(math::Tag<float>{});
      break;
    case tensorflow::DT_DOUBLE:
      reduce(math::Tag<double>{});
      break;
    default:
      known =
          kReduce == Reduce::kSum && math::DispatchTag(math::IntegralTypes(), data.dtype(), reduce);
  }
  if (!known) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(data.dtype())));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

const std::vector<DataType> kFloatTypes = {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16,
                                           tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE};
const std::vector<DataType> kRealTypes = {
    tensorflow::DT_HALF,  tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,  tensorflow::DT_DOUBLE,
    tensorflow::DT_INT8,  tensorflow::DT_INT16,    tensorflow::DT_INT32,  tensorflow::DT_INT64,
    tensorflow::DT_UINT8, tensorflow::DT_UINT16,   tensorflow::DT_UINT32, tensorflow::DT_UINT64};
const std::vector<DataType> kIndexTypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

KernelDtypes Dtypes(const std::vector<DataType>& values, bool with_num_segments = false) {
  KernelDtypes dtypes = {{"T", values}, {"Tidx", kIndexTypes}, {"Tsegmentids", kIndexTypes}};
  if (with_num_segments) dtypes.push_back({"Tnumsegments", kIndexTypes});
  return dtypes;
}

REGISTER_KERNEL("SparseSegmentSum", (ComputeSparseSegment<Reduce::kSum, false>),
                Dtypes(kRealTypes));
REGISTER_KERNEL("SparseSegmentMean", (ComputeSparseSegment<Reduce::kMean, false>),
                Dtypes(kFloatTypes));
REGISTER_KERNEL("SparseSegmentSqrtN", (ComputeSparseSegment<Reduce::kSqrtN, false>),
                Dtypes(kFloatTypes));
REGISTER_KERNEL("SparseSegmentSumWithNumSegments", (ComputeSparseSegment<Reduce::kSum, true>),
                Dtypes(kRealTypes, true));
REGISTER_KERNEL("SparseSegmentMeanWithNumSegments", (ComputeSparseSegment<Reduce::kMean, true>),
                Dtypes(kFloatTypes, true));
REGISTER_KERNEL("SparseSegmentSqrtNWithNumSegments", (ComputeSparseSegment<Reduce::kSqrtN, true>),
                Dtypes(kFloatTypes, true));

}  // namespace
}  // namespace tfjs::runtime
