// Shape, ShapeN, Size and Rank: facts about an input's shape as int32/int64
// tensors.
#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/index_inputs.h"

namespace tfjs::runtime::array {
namespace {

// The `out_type` attr (int32 or int64), int32 when absent.
absl::StatusOr<DataType> OutputType(const KernelBuildContext& context) {
  if (!context.attrs.Has("out_type")) return tensorflow::DT_INT32;
  absl::StatusOr<DataType> type = context.attrs.GetType("out_type");
  if (!type.ok()) return type.status();
  if (!IsIndexType(*type)) {
    return context.Error(
        absl::StrCat("out_type must be int32 or int64, got ", DataTypeName(*type)));
  }
  return type;
}

class ShapeKernel : public Kernel {
 public:
  // ShapeN (`variadic`) takes any number of inputs, Shape exactly one.
  ShapeKernel(DataType out_type, bool variadic) : out_type_(out_type), variadic_(variadic) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status =
            context.CheckNumInputs(1, variadic_ ? std::max(1, context.num_inputs()) : 1);
        !status.ok()) {
      return status;
    }
    for (int i = 0; i < context.num_inputs(); ++i) {
      const Shape& shape = context.input(i).shape();
      absl::StatusOr<Tensor> output =
          MakeIndexTensor(context, out_type_, {static_cast<int64_t>(shape.size())}, shape);
      if (!output.ok()) return output.status();
      context.set_output(i, *std::move(output));
    }
    return absl::OkStatus();
  }

 private:
  DataType out_type_;
  bool variadic_;
};

class SizeKernel : public Kernel {
 public:
  explicit SizeKernel(DataType out_type) : out_type_(out_type) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const int64_t size = context.input(0).num_elements();
    absl::StatusOr<Tensor> output = MakeIndexTensor(context, out_type_, {}, {size});
    if (!output.ok()) return output.status();
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  DataType out_type_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildShape(const KernelBuildContext& context) {
  absl::StatusOr<DataType> out_type = OutputType(context);
  if (!out_type.ok()) return out_type.status();
  return std::make_unique<ShapeKernel>(*out_type, context.node.op() == "ShapeN");
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildSize(const KernelBuildContext& context) {
  absl::StatusOr<DataType> out_type = OutputType(context);
  if (!out_type.ok()) return out_type.status();
  return std::make_unique<SizeKernel>(*out_type);
}

absl::Status ComputeRank(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  context.set_output(0, Tensor::Scalar<int32_t>(tensorflow::DT_INT32, context.input(0).rank()));
  return absl::OkStatus();
}

REGISTER_KERNEL_FACTORY("Shape", BuildShape, {{"out_type", IndexDtypes()}});
REGISTER_KERNEL_FACTORY("ShapeN", BuildShape, {{"out_type", IndexDtypes()}});
REGISTER_KERNEL_FACTORY("Size", BuildSize, {{"out_type", IndexDtypes()}});
REGISTER_KERNEL("Rank", ComputeRank);

}  // namespace
}  // namespace tfjs::runtime::array
