// GatherV2 and Gather: slices of params along an axis picked by indices, with leading batch
// dims shared by params and indices.
#include <algorithm>
#include <memory>
#include <string>

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
constexpr int kAxis = 2;

// "i,j" for flat position `flat` in a tensor of `shape`.
std::string MultiIndexString(absl::Span<const int64_t> shape, int64_t flat) {
  std::vector<int64_t> index(shape.size());
  for (int d = static_cast<int>(shape.size()) - 1; d >= 0; --d) {
    index[d] = shape[d] == 0 ? 0 : flat % shape[d];
    flat = shape[d] == 0 ? 0 : flat / shape[d];
  }
  return absl::StrJoin(index, ",");
}

// Gathers with a normalized axis and batch_dims that the caller has checked.
absl::Status Gather(OpContext& context, int axis, int batch_dims) {
  const Tensor& params = context.input(kParams);
  const Tensor& indices = context.input(kIndices);
  if (!IsIndexInputType(indices.dtype())) {
    return context.Error(
        absl::StrCat("indices must be int32 or int64, got ", DataTypeName(indices.dtype())));
  }
  const Shape& params_shape = params.shape();
  const int64_t batch_size = DimProduct(params_shape, 0, batch_dims);
  const int64_t outer = DimProduct(params_shape, batch_dims, axis);
  const int64_t gather_size = params.dim(axis);
  const int64_t inner = DimProduct(params_shape, axis + 1, params.rank());
  const int64_t per_batch = DimProduct(indices.shape(), batch_dims, indices.rank());

  Shape output_shape(params_shape.begin(), params_shape.begin() + axis);
  output_shape.insert(output_shape.end(), indices.shape().begin() + batch_dims,
                      indices.shape().end());
  output_shape.insert(output_shape.end(), params_shape.begin() + axis + 1, params_shape.end());

  for (int64_t i = 0; i < indices.num_elements(); ++i) {
    const int64_t index = IndexAt(indices, i);
    if (index < 0 || index >= gather_size) {
      return context.Error(absl::StrCat("indices[", MultiIndexString(indices.shape(), i),
                                        "] = ", index, " is not in [0, ", gather_size, ")"));
    }
  }
  absl::StatusOr<Tensor> output = AllocateOutput(context, params.dtype(), output_shape);
  if (!output.ok()) return output.status();
  if (output->num_elements() > 0) {
    absl::Status status = DispatchByElement(params.dtype(), [&](auto tag) {
      using T = decltype(tag);
      const T* src = ElementsOf<T>(params);
      T* dst = MutableElementsOf<T>(*output);
      for (int64_t batch = 0; batch < batch_size; ++batch) {
        for (int64_t o = 0; o < outer; ++o) {
          const T* slab = src + (batch * outer + o) * gather_size * inner;
          for (int64_t n = 0; n < per_batch; ++n) {
            const int64_t index = IndexAt(indices, batch * per_batch + n);
            dst = std::copy_n(slab + index * inner, inner, dst);
          }
        }
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return context.Error(status.message());
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

class GatherV2Kernel : public Kernel {
 public:
  explicit GatherV2Kernel(int64_t batch_dims) : batch_dims_(batch_dims) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& params = context.input(kParams);
    const Tensor& indices = context.input(kIndices);
    absl::StatusOr<int64_t> axis_value = IndexScalar(context, kAxis, "axis");
    if (!axis_value.ok()) return axis_value.status();
    if (params.rank() < 1) return context.Error("params must be at least 1 dimensional");
    const int axis = NormalizeAxis(*axis_value, params.rank());
    if (axis < 0) {
      return context.Error(absl::StrCat("Expected axis in the range [", -params.rank(), ", ",
                                        params.rank(), "), but got ", *axis_value));
    }
    int64_t batch_dims = batch_dims_;
    if (batch_dims != 0) {
      if (batch_dims < -indices.rank() || batch_dims > indices.rank()) {
        return context.Error(absl::StrCat("Expected batch_dims in the range [", -indices.rank(),
                                          ", ", indices.rank(), "], but got ", batch_dims));
      }
      if (batch_dims < 0) batch_dims += indices.rank();
      if (batch_dims >= params.rank()) {
        return context.Error(absl::StrCat(
            "batch_dims (", batch_dims, ") must be less than rank(params) (", params.rank(), ")."));
      }
      if (axis < batch_dims) {
        return context.Error(absl::StrCat("batch_dims (", batch_dims,
                                          ") must be less than or equal to axis (", axis, ")."));
      }
      for (int i = 0; i < batch_dims; ++i) {
        if (params.dim(i) != indices.dim(i)) {
          return context.Error(absl::StrCat("params.shape[", i, "]: ", params.dim(i),
                                            " should be equal to indices.shape[", i,
                                            "]: ", indices.dim(i)));
        }
      }
    }
    return Gather(context, axis, static_cast<int>(batch_dims));
  }

 private:
  int64_t batch_dims_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildGatherV2(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> batch_dims = context.attrs.GetInt("batch_dims");
  if (!batch_dims.ok()) return batch_dims.status();
  return std::make_unique<GatherV2Kernel>(*batch_dims);
}

absl::Status ComputeGather(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (context.input(kParams).rank() < 1) {
    return context.Error("params must be at least 1 dimensional");
  }
  return Gather(context, /*axis=*/0, /*batch_dims=*/0);
}

REGISTER_KERNEL_FACTORY("GatherV2", BuildGatherV2,
                        {{"Tparams", With(With(dtypes::All(), kQuantized), kFloat8)},
                         {"Tindices",
                          {tensorflow::DT_INT16, tensorflow::DT_INT32, tensorflow::DT_INT64}},
                         {"Taxis", IndexDtypes()}});
REGISTER_KERNEL("Gather", ComputeGather,
                {{"Tparams", With(With(dtypes::All(), kQuantized), kFloat8)},
                 {"Tindices", IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime::array
