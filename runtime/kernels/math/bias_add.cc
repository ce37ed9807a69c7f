// BiasAdd: adds a 1-D bias along the channel dim (last for NHWC, second for NCHW).
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/binary_kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/output.h"

namespace tfjs::runtime::math {
namespace {

constexpr int kValue = 0;
constexpr int kBias = 1;

class BiasAddKernel : public Kernel {
 public:
  explicit BiasAddKernel(bool channels_first) : channels_first_(channels_first) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    if (absl::Status status = CheckSameDataType(context, kValue, kBias); !status.ok()) {
      return status;
    }
    const Tensor& value = context.input(kValue);
    const Tensor& bias = context.input(kBias);
    if (value.rank() < 2) {
      return context.Error(
          absl::StrCat("value must be at least 2-D, got shape ", ShapeString(value.shape())));
    }
    if (bias.rank() != 1) {
      return context.Error(absl::StrCat("bias must be 1-D, got shape ", ShapeString(bias.shape())));
    }
    const int channel_dim = channels_first_ ? 1 : value.rank() - 1;
    if (bias.dim(0) != value.dim(channel_dim)) {
      return context.Error(absl::StrCat("bias of size ", bias.dim(0),
                                        " does not match the channel dim of value ",
                                        ShapeString(value.shape())));
    }
    // The bias as a broadcastable shape: [C] for NHWC, [C, 1, ..., 1] for NCHW.
    Shape bias_shape(value.rank() - channel_dim, 1);
    bias_shape[0] = bias.dim(0);
    return DispatchDataType(NumberTypes(), context, value.dtype(), "value", [&](auto type) {
      using T = decltype(type);
      absl::StatusOr<Tensor> output =
          ReuseOrAllocate(context, {kValue}, value.dtype(), value.shape());
      if (!output.ok()) return output.status();
      BroadcastBinary(context.threadpool(), value.data<T>(), value.shape(), bias.data<T>(),
                      bias_shape, output->mutable_data<T>(), value.shape(), 1, AddFn());
      context.set_output(0, *std::move(output));
      return absl::OkStatus();
    });
  }

 private:
  bool channels_first_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildBiasAdd(const KernelBuildContext& build) {
  std::string data_format = "NHWC";
  if (build.attrs.Has("data_format")) {
    absl::StatusOr<std::string> attr = build.attrs.GetString("data_format");
    if (!attr.ok()) return attr.status();
    data_format = *attr;
  }
  if (data_format != "NHWC" && data_format != "NCHW") {
    return build.Error(absl::StrCat("data_format must be NHWC or NCHW, got '", data_format, "'"));
  }
  return std::make_unique<BiasAddKernel>(data_format == "NCHW");
}

REGISTER_KERNEL_FACTORY("BiasAdd", BuildBiasAdd, {{"T", DtypesOf(NumberTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
