// OneHot: on_value where an index equals the position along the new depth axis, else off_value.
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/element_types.h"
#include "runtime/kernels/array/index_inputs.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kIndices = 0;
constexpr int kDepth = 1;
constexpr int kOnValue = 2;
constexpr int kOffValue = 3;

// The indices as int64; uint8, int8, int32 and int64 are accepted, like TF.
absl::StatusOr<std::vector<int64_t>> ReadIndices(const OpContext& context) {
  const Tensor& indices = context.input(kIndices);
  std::vector<int64_t> values(indices.num_elements());
  for (int64_t i = 0; i < indices.num_elements(); ++i) {
    switch (indices.dtype()) {
      case tensorflow::DT_UINT8:
        values[i] = indices.data<uint8_t>()[i];
        break;
      case tensorflow::DT_INT8:
        values[i] = indices.data<int8_t>()[i];
        break;
      case tensorflow::DT_INT32:
        values[i] = indices.data<int32_t>()[i];
        break;
      case tensorflow::DT_INT64:
        values[i] = indices.data<int64_t>()[i];
        break;
      default:
        return context.Error(absl::StrCat("indices must be uint8, int8, int32 or int64, got ",
                                          DataTypeName(indices.dtype())));
    }
  }
  return values;
}

class OneHotKernel : public Kernel {
 public:
  explicit OneHotKernel(int64_t axis) : axis_(axis) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
    const Tensor& indices = context.input(kIndices);
    const Tensor& on_value = context.input(kOnValue);
    const Tensor& off_value = context.input(kOffValue);
    const int rank = indices.rank();
    if (axis_ != -1 && (axis_ < 0 || axis_ > rank)) {
      return context.Error(absl::StrCat("Expected axis to be -1 or between [0, ", rank,
                                        "].  But received: ", axis_));
    }
    if (context.input(kDepth).rank() != 0) {
      return context.Error(absl::StrCat("depth must be a scalar, but got: ",
                                        ShapeString(context.input(kDepth).shape())));
    }
    if (on_value.rank() != 0) {
      return context.Error(
          absl::StrCat("on_value must be a scalar, but got: ", ShapeString(on_value.shape())));
    }
    if (off_value.rank() != 0) {
      return context.Error(
          absl::StrCat("off_value must be a scalar, but got: ", ShapeString(off_value.shape())));
    }
    if (on_value.dtype() != off_value.dtype()) {
      return context.Error("on_value and off_value must have the same dtype");
    }
    absl::StatusOr<int64_t> depth = IndexScalar(context, kDepth, "depth");
    if (!depth.ok()) return depth.status();
    if (*depth < 0) return context.Error(absl::StrCat("depth must be non-negative, got: ", *depth));
    absl::StatusOr<std::vector<int64_t>> index_values = ReadIndices(context);
    if (!index_values.ok()) return index_values.status();

    const int axis = axis_ == -1 ? rank : static_cast<int>(axis_);
    Shape output_shape = indices.shape();
    output_shape.insert(output_shape.begin() + axis, *depth);
    const int64_t prefix = DimProduct(indices.shape(), 0, axis);
    const int64_t suffix = DimProduct(indices.shape(), axis, rank);
    absl::StatusOr<Tensor> output = AllocateOutput(context, on_value.dtype(), output_shape);
    if (!output.ok()) return output.status();
    absl::Status status = DispatchByElement(on_value.dtype(), [&](auto tag) {
      using T = decltype(tag);
      const T on = ElementsOf<T>(on_value)[0];
      const T off = ElementsOf<T>(off_value)[0];
      T* out = MutableElementsOf<T>(*output);
      // out[p, d, s] = indices[p, s] == d ? on : off
      for (int64_t p = 0; p < prefix; ++p) {
        for (int64_t d = 0; d < *depth; ++d) {
          for (int64_t s = 0; s < suffix; ++s) {
            *out++ = (*index_values)[p * suffix + s] == d ? on : off;
          }
        }
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return context.Error(status.message());
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  int64_t axis_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildOneHot(const KernelBuildContext& context) {
  int64_t axis = -1;
  if (context.attrs.Has("axis")) {
    absl::StatusOr<int64_t> value = context.attrs.GetInt("axis");
    if (!value.ok()) return value.status();
    axis = *value;
  }
  return std::make_unique<OneHotKernel>(axis);
}

REGISTER_KERNEL_FACTORY("OneHot", BuildOneHot,
                        {{"T", dtypes::All()},
                         {"TI",
                          {tensorflow::DT_INT8, tensorflow::DT_INT32, tensorflow::DT_INT64,
                           tensorflow::DT_UINT8}}});

}  // namespace
}  // namespace tfjs::runtime::array
