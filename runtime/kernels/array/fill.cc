// Fill, ZerosLike and OnesLike: tensors of one repeated value.
#include <complex>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/element_types.h"
#include "runtime/kernels/array/index_inputs.h"

namespace tfjs::runtime::array {
namespace {

absl::Status ComputeFill(OpContext& context) {
  constexpr int kDims = 0;
  constexpr int kValue = 1;
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& value = context.input(kValue);
  if (context.input(kDims).rank() != 1) {
    return context.Error(absl::StrCat("dims must be a vector, got shape ",
                                      ShapeString(context.input(kDims).shape())));
  }
  if (value.rank() != 0) {
    return context.Error(
        absl::StrCat("value must be a scalar, got shape ", ShapeString(value.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> dims = IndexValues(context, kDims, "dims");
  if (!dims.ok()) return dims.status();
  for (size_t i = 0; i < dims->size(); ++i) {
    if ((*dims)[i] < 0) {
      return context.Error(absl::StrCat("Dimension ", (*dims)[i], " must be >= 0"));
    }
  }
  absl::StatusOr<Tensor> output =
      AllocateOutput(context, value.dtype(), Shape(dims->begin(), dims->end()));
  if (!output.ok()) return output.status();
  absl::Status status = DispatchByElement(value.dtype(), [&](auto tag) {
    using T = decltype(tag);
    std::fill_n(MutableElementsOf<T>(*output), output->num_elements(), ElementsOf<T>(value)[0]);
    return absl::OkStatus();
  });
  if (!status.ok()) return context.Error(status.message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeZerosLike(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  // Variants (tensor lists) are zeroed by their own kind's function, as TF's ZEROS_LIKE.
  absl::StatusOr<Tensor> output = input.dtype() == tensorflow::DT_VARIANT
                                      ? VariantZerosLike(input)
                                      : Tensor::Zeros(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Writes the bytes of `one` in every element of `tensor`.
template <typename T>
void FillWith(Tensor& tensor, T one) {
  std::fill_n(tensor.mutable_data<T>(), tensor.num_elements(), one);
}

absl::Status ComputeOnesLike(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), input.shape());
  if (!output.ok()) return output.status();
  switch (input.dtype()) {
    case tensorflow::DT_FLOAT:
      FillWith<float>(*output, 1.f);
      break;
    case tensorflow::DT_DOUBLE:
      FillWith<double>(*output, 1.0);
      break;
    case tensorflow::DT_HALF:
      FillWith<uint16_t>(*output, 0x3C00);
      break;
    case tensorflow::DT_BFLOAT16:
      FillWith<uint16_t>(*output, 0x3F80);
      break;
    case tensorflow::DT_BOOL:
      FillWith<bool>(*output, true);
      break;
    case tensorflow::DT_INT8:
      FillWith<int8_t>(*output, 1);
      break;
    case tensorflow::DT_UINT8:
      FillWith<uint8_t>(*output, 1);
      break;
    case tensorflow::DT_INT16:
      FillWith<int16_t>(*output, 1);
      break;
    case tensorflow::DT_UINT16:
      FillWith<uint16_t>(*output, 1);
      break;
    case tensorflow::DT_INT32:
      FillWith<int32_t>(*output, 1);
      break;
    case tensorflow::DT_UINT32:
      FillWith<uint32_t>(*output, 1);
      break;
    case tensorflow::DT_INT64:
      FillWith<int64_t>(*output, 1);
      break;
    case tensorflow::DT_UINT64:
      FillWith<uint64_t>(*output, 1);
      break;
    case tensorflow::DT_COMPLEX64:
      FillWith<std::complex<float>>(*output, 1.f);
      break;
    case tensorflow::DT_COMPLEX128:
      FillWith<std::complex<double>>(*output, 1.0);
      break;
    default:
      return context.Error(
          absl::StrCat("OnesLike does not support dtype ", DataTypeName(input.dtype())));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Fill", ComputeFill,
                {{"T", With(With(dtypes::All(), kQuantized), kInt4)}, {"index_type", IndexDtypes()}});
REGISTER_KERNEL("ZerosLike", ComputeZerosLike,
                {{"T", With(dtypes::PodString(), {tensorflow::DT_VARIANT})}});
REGISTER_KERNEL("OnesLike", ComputeOnesLike, {{"T", dtypes::Pod()}});

}  // namespace
}  // namespace tfjs::runtime::array
