// GatherNd: slices of params addressed by the innermost dim of indices.
#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/element_types.h"
#include "runtime/kernels/array/index_inputs.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kParams = 0;
constexpr int kIndices = 1;

absl::Status ComputeGatherNd(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& params = context.input(kParams);
  const Tensor& indices = context.input(kIndices);
  if (params.rank() < 1) return context.Error("params must be at least a vector");
  if (indices.rank() < 1) return context.Error("indices must be at least a vector");
  if (!IsIndexInputType(indices.dtype())) {
    return context.Error(
        absl::StrCat("indices must be int32 or int64, got ", DataTypeName(indices.dtype())));
  }
  const int depth = static_cast<int>(indices.dim(indices.rank() - 1));
  if (depth > params.rank()) {
    return context.Error(
        absl::StrCat("index innermost dimension length must be <= params rank; saw: ", depth,
                     " vs. ", params.rank()));
  }
  const Shape indices_outer(indices.shape().begin(), indices.shape().end() - 1);
  const int64_t count = NumElements(indices_outer);
  Shape output_shape = indices_outer;
  output_shape.insert(output_shape.end(), params.shape().begin() + depth, params.shape().end());
  const int64_t slice_size = DimProduct(params.shape(), depth, params.rank());
  if (count > 0 && params.num_elements() == 0 && slice_size > 0) {
    return context.Error(absl::StrCat("Requested more than 0 entries, but params is empty.  ",
                                      "Params shape: ", ShapeString(params.shape())));
  }
  const std::vector<int64_t> params_strides = RowMajorStrides(params.shape());
  std::vector<int64_t> offsets(count);
  for (int64_t n = 0; n < count; ++n) {
    int64_t offset = 0;
    for (int k = 0; k < depth; ++k) {
      const int64_t index = IndexAt(indices, n * depth + k);
      if (index < 0 || index >= params.dim(k)) {
        std::vector<int64_t> position(depth);
        for (int j = 0; j < depth; ++j) position[j] = IndexAt(indices, n * depth + j);
        std::vector<int64_t> where(indices_outer.size());
        int64_t rest = n;
        for (int d = static_cast<int>(where.size()) - 1; d >= 0; --d) {
          where[d] = rest % indices_outer[d];
          rest /= indices_outer[d];
        }
        return context.Error(absl::StrCat(
            "indices[", absl::StrJoin(where, ","), "] = [", absl::StrJoin(position, ", "),
            "] does not index into param shape ", ShapeString(params.shape())));
      }
      offset += index * params_strides[k];
    }
    offsets[n] = offset;
  }
  absl::StatusOr<Tensor> output = AllocateOutput(context, params.dtype(), output_shape);
  if (!output.ok()) return output.status();
  if (output->num_elements() > 0) {
    absl::Status status = DispatchByElement(params.dtype(), [&](auto tag) {
      using T = decltype(tag);
      const T* src = ElementsOf<T>(params);
      T* dst = MutableElementsOf<T>(*output);
      for (int64_t offset : offsets) dst = std::copy_n(src + offset, slice_size, dst);
      return absl::OkStatus();
    });
    if (!status.ok()) return context.Error(status.message());
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("GatherNd", ComputeGatherNd,
                {{"Tparams", With(With(dtypes::All(), kQuantized8And32), kFloat8)},
                 {"Tindices", {tensorflow::DT_INT16, tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::array
