// Bincount and DenseBincount: per-bin counts (or weight sums) of non-negative integer values;
// values at or past `size` are dropped.
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kValues = 0;
constexpr int kSize = 1;
constexpr int kWeights = 2;

// Counts each row of `values` (one row when `rows` is 1) into `rows` x `size` bins.
absl::Status CountBins(OpContext& context, int64_t rows, bool binary_output) {
  const Tensor& values = context.input(kValues);
  const Tensor& weights = context.input(kWeights);
  absl::StatusOr<int64_t> size = misc::IndexScalar(context.input(kSize), "size");
  if (!size.ok()) return context.Error(size.status().message());
  if (*size < 0) return context.Error(absl::StrCat("size (", *size, ") must be non-negative"));
  absl::StatusOr<std::vector<int64_t>> bins = misc::IndexValues(values, "input");
  if (!bins.ok()) return context.Error(bins.status().message());
  const bool weighted = weights.num_elements() > 0;
  if (weighted && weights.shape() != values.shape()) {
    return context.Error(absl::StrCat("weights must be empty or have the input's shape ",
                                      ShapeString(values.shape()), ", got ",
                                      ShapeString(weights.shape())));
  }
  for (int64_t bin : *bins) {
    if (bin < 0) return context.Error("Input arr must be non-negative!");
  }
  Shape out_shape = {*size};
  if (values.rank() == 2) out_shape = {rows, *size};
  absl::StatusOr<Tensor> output = Tensor::Zeros(weights.dtype(), out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t per_row = rows == 0 ? 0 : static_cast<int64_t>(bins->size()) / rows;
  const bool known = math::DispatchTag(misc::NoHalfRealTypes(), weights.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* out = output->mutable_data<T>();
    for (size_t i = 0; i < bins->size(); ++i) {
      const int64_t bin = (*bins)[i];
      if (bin >= *size) continue;
      T& slot = out[static_cast<int64_t>(i) / per_row * *size + bin];
      if (binary_output)
        slot = T(1);
      else
        slot += weighted ? weights.data<T>()[i] : T(1);
    }
  });
  if (!known) {
    return context.Error(absl::StrCat("unsupported weights dtype ", DataTypeName(weights.dtype())));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeBincount(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  if (context.input(kValues).dtype() != tensorflow::DT_INT32) {
    return context.Error("arr must be int32");
  }
  return CountBins(context, 1, /*binary_output=*/false);
}

absl::Status ComputeDenseBincount(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& values = context.input(kValues);
  if (values.rank() > 2) {
    return context.Error(
        absl::StrCat("input must be at most 2-D, got shape ", ShapeString(values.shape())));
  }
  NodeAttrs attrs(context.node(), nullptr);
  const bool binary_output =
      attrs.Has("binary_output") && attrs.GetBool("binary_output").value_or(false);
  return CountBins(context, values.rank() == 2 ? values.dim(0) : 1, binary_output);
}

// The weight dtypes TF's bincount kernels take.
const std::vector<DataType>& WeightDtypes() {
  static const auto* const kDtypes = new std::vector<DataType>{
      tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE, tensorflow::DT_INT32, tensorflow::DT_INT64};
  return *kDtypes;
}

REGISTER_KERNEL("Bincount", ComputeBincount, {{"T", WeightDtypes()}});
REGISTER_KERNEL("DenseBincount", ComputeDenseBincount,
                {{"T", WeightDtypes()}, {"Tidx", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
