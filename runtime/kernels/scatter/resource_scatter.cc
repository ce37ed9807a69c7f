// Reads and writes of parts of a resource variable: ResourceGather, ResourceGatherNd,
// ResourceScatter{Update,Add,Sub,Mul,Div,Min,Max}, ResourceScatterNd{Update,Add,Sub,Min,Max}
// and ResourceStridedSliceAssign; and ScatterNdNonAliasingAdd, their value-semantics cousin.
// Writes compute the new value into a copy that then replaces the variable's (copy-on-write).
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/strided_slice_spec.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/scatter/slices.h"
#include "runtime/kernels/scatter/variable.h"

namespace tfjs::runtime {
namespace {

using scatter::Combine;
using scatter::ResourceVariable;

constexpr int kHandle = 0;
constexpr int kIndices = 1;
constexpr int kUpdates = 2;

absl::StatusOr<ResourceVariable*> Variable(const OpContext& context) {
  ResourceVariable* variable = context.input(kHandle).resource<ResourceVariable>();
  if (variable == nullptr) return context.Error("input 0 is not a variable handle");
  return variable;
}

absl::StatusOr<Tensor> ReadValue(const OpContext& context, ResourceVariable& variable) {
  absl::StatusOr<Tensor> value = variable.Read();
  if (!value.ok()) return context.Error(value.status().message());
  return value;
}

// Runs `write` on a copy of the variable's value, which then becomes the value.
template <typename Write>
absl::Status WriteCopy(OpContext& context, Write&& write) {
  absl::StatusOr<ResourceVariable*> variable = Variable(context);
  if (!variable.ok()) return variable.status();
  absl::StatusOr<Tensor> value = ReadValue(context, **variable);
  if (!value.ok()) return value.status();
  absl::StatusOr<Tensor> copy = CopyTensor(*value);
  if (!copy.ok()) return context.Error(copy.status().message());
  if (absl::Status status = write(*copy); !status.ok()) return context.Error(status.message());
  (*variable)->Write(*std::move(copy));
  return absl::OkStatus();
}

template <Combine kCombine>
absl::Status ComputeResourceScatter(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  return WriteCopy(context, [&](Tensor& params) {
    return scatter::ScatterRows<kCombine>(params, context.input(kIndices), context.input(kUpdates),
                                          /*refuse_zero_updates=*/kCombine == Combine::kDiv);
  });
}

template <Combine kCombine>
absl::Status ComputeResourceScatterNd(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  return WriteCopy(context, [&](Tensor& params) {
    return scatter::ScatterNd<kCombine>(params, context.input(kIndices), context.input(kUpdates));
  });
}

// ScatterNdNonAliasingAdd(input, indices, updates): a copy of input with updates added.
absl::Status ComputeNonAliasingAdd(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<Tensor> output = CopyTensor(context.input(0));
  if (!output.ok()) return context.Error(output.status().message());
  if (absl::Status status = scatter::ScatterNd<Combine::kAdd>(*output, context.input(kIndices),
                                                              context.input(kUpdates));
      !status.ok()) {
    return context.Error(status.message());
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeResourceGather(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<ResourceVariable*> variable = Variable(context);
  if (!variable.ok()) return variable.status();
  absl::StatusOr<Tensor> params = ReadValue(context, **variable);
  if (!params.ok()) return params.status();
  const auto& attrs = context.node().attr();
  const auto batch_dims = attrs.find("batch_dims");
  absl::StatusOr<Tensor> output =
      scatter::GatherRows(*params, context.input(kIndices),
                          batch_dims == attrs.end() ? 0 : static_cast<int>(batch_dims->second.i()));
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeResourceGatherNd(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<ResourceVariable*> variable = Variable(context);
  if (!variable.ok()) return variable.status();
  absl::StatusOr<Tensor> params = ReadValue(context, **variable);
  if (!params.ok()) return params.status();
  absl::StatusOr<Tensor> output = scatter::GatherNd(*params, context.input(kIndices));
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// ResourceStridedSliceAssign(ref, begin, end, strides, value): variable[slice] = value, value
// having the slice's shape (no broadcasting, as in TF).
class StridedSliceAssignKernel : public Kernel {
 public:
  explicit StridedSliceAssignKernel(array::StridedSliceMasks masks) : masks_(masks) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
    std::vector<int64_t> spec[3];
    const char* names[3] = {"begin", "end", "strides"};
    for (int i = 0; i < 3; ++i) {
      absl::StatusOr<std::vector<int64_t>> values =
          misc::IndexValues(context.input(i + 1), names[i]);
      if (!values.ok()) return context.Error(values.status().message());
      if (context.input(i + 1).rank() != 1 || (i > 0 && values->size() != spec[0].size())) {
        return context.Error("Expected begin, end, and strides to be 1D equal size tensors");
      }
      spec[i] = *std::move(values);
    }
    const Tensor& value = context.input(4);
    return WriteCopy(context, [&](Tensor& params) -> absl::Status {
      absl::StatusOr<array::StridedSlicePlan> plan =
          array::PlanStridedSlice(params.shape(), spec[0], spec[1], spec[2], masks_);
      if (!plan.ok()) return plan.status();
      if (value.shape() != plan->final_shape) {
        return absl::InvalidArgumentError(
            absl::StrCat("sliced l-value shape ", ShapeString(plan->final_shape),
                         " does not match r-value shape ", ShapeString(value.shape()),
                         ". Automatic broadcasting not yet implemented."));
      }
      if (value.dtype() != params.dtype()) {
        return absl::InvalidArgumentError("the variable and the value must have one dtype");
      }
      // Walk the processing shape in row-major order; element k of value goes to the offset
      // begin + index * stride along every dim.
      const int rank = params.rank();
      std::vector<int64_t> params_strides(rank, 1);
      for (int d = rank - 2; d >= 0; --d)
        params_strides[d] = params_strides[d + 1] * params.dim(d + 1);
      std::vector<int64_t> at(rank, 0);
      const int64_t count = NumElements(plan->processing_shape);
      for (int64_t k = 0; k < count; ++k) {
        int64_t offset = 0;
        for (int d = 0; d < rank; ++d) {
          offset += (plan->begin[d] + at[d] * plan->strides[d]) * params_strides[d];
        }
        CopyElements(value, k, params, offset, 1);
        for (int d = rank - 1; d >= 0; --d) {
          if (++at[d] < plan->processing_shape[d]) break;
          at[d] = 0;
        }
      }
      return absl::OkStatus();
    });
  }

 private:
  array::StridedSliceMasks masks_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildStridedSliceAssign(const KernelBuildContext& context) {
  absl::StatusOr<array::StridedSliceMasks> masks = array::ReadStridedSliceMasks(context);
  if (!masks.ok()) return masks.status();
  return std::make_unique<StridedSliceAssignKernel>(*masks);
}

const std::vector<DataType> kIndexTypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

KernelDtypes ScatterDtypes(std::vector<DataType> dtypes, const char* attr = "dtype") {
  return {{attr, std::move(dtypes)}, {"Tindices", kIndexTypes}};
}

// TF's CPU registrations (resource_variable_ops.cc, scatter_nd_op.cc, strided_slice_op.cc).
REGISTER_KERNEL("ResourceGather", ComputeResourceGather,
                ScatterDtypes(dtypes::Join({dtypes::All(), dtypes::Quantized()})));
REGISTER_KERNEL("ResourceGatherNd", ComputeResourceGatherNd,
                ScatterDtypes(dtypes::Join({dtypes::All(), dtypes::Quantized()})));
REGISTER_KERNEL("ResourceScatterUpdate", ComputeResourceScatter<Combine::kUpdate>,
                ScatterDtypes(dtypes::Join({dtypes::Number(),
                                            {tensorflow::DT_STRING, tensorflow::DT_BOOL,
                                             tensorflow::DT_VARIANT}})));
REGISTER_KERNEL("ResourceScatterAdd", ComputeResourceScatter<Combine::kAdd>,
                ScatterDtypes(dtypes::Number()));
REGISTER_KERNEL("ResourceScatterSub", ComputeResourceScatter<Combine::kSub>,
                ScatterDtypes(dtypes::Number()));
REGISTER_KERNEL("ResourceScatterMul", ComputeResourceScatter<Combine::kMul>,
                ScatterDtypes(dtypes::Number()));
REGISTER_KERNEL("ResourceScatterDiv", ComputeResourceScatter<Combine::kDiv>,
                ScatterDtypes(dtypes::Number()));
REGISTER_KERNEL("ResourceScatterMin", ComputeResourceScatter<Combine::kMin>,
                ScatterDtypes(dtypes::RealNumber()));
REGISTER_KERNEL("ResourceScatterMax", ComputeResourceScatter<Combine::kMax>,
                ScatterDtypes(dtypes::RealNumber()));
REGISTER_KERNEL("ResourceScatterNdUpdate", ComputeResourceScatterNd<Combine::kUpdate>,
                ScatterDtypes(dtypes::Join({dtypes::Number(),
                                            {tensorflow::DT_STRING, tensorflow::DT_BOOL}}),
                              "T"));
REGISTER_KERNEL("ResourceScatterNdAdd", ComputeResourceScatterNd<Combine::kAdd>,
                ScatterDtypes(dtypes::Join({dtypes::Number(), {tensorflow::DT_BOOL}}), "T"));
REGISTER_KERNEL("ResourceScatterNdSub", ComputeResourceScatterNd<Combine::kSub>,
                ScatterDtypes(dtypes::Join({dtypes::Number(), {tensorflow::DT_BOOL}}), "T"));
REGISTER_KERNEL("ResourceScatterNdMin", ComputeResourceScatterNd<Combine::kMin>,
                ScatterDtypes(dtypes::RealNumber(), "T"));
REGISTER_KERNEL("ResourceScatterNdMax", ComputeResourceScatterNd<Combine::kMax>,
                ScatterDtypes(dtypes::RealNumber(), "T"));
REGISTER_KERNEL("ScatterNdNonAliasingAdd", ComputeNonAliasingAdd,
                ScatterDtypes(dtypes::Join({dtypes::Number(), {tensorflow::DT_BOOL}}), "T"));
REGISTER_KERNEL_FACTORY(
    "ResourceStridedSliceAssign", BuildStridedSliceAssign,
    {{"T", dtypes::Join({dtypes::All(),
                         dtypes::Quantized(),
                         {tensorflow::DT_FLOAT8_E5M2, tensorflow::DT_FLOAT8_E4M3FN}})},
     {"Index", kIndexTypes}});

}  // namespace
}  // namespace tfjs::runtime
