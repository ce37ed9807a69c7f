// ScatterUpdate/Add/Sub/Mul/Div/Min/Max: the rows ref[indices[i], ...] combined with
// updates[i, ...] in index order (duplicates accumulate; for Update the last one wins). `updates`
// has shape indices.shape + ref.shape[1:], or is a scalar applied to every addressed row. On a
// reference variable (variable.h) the rows are written into its storage, which is the output;
// on a frozen variable's value the output is a new tensor (see README.md).
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/scatter/slices.h"
#include "runtime/kernels/scatter/variable.h"

namespace tfjs::runtime {
namespace {

using scatter::Combine;

constexpr int kRef = 0;
constexpr int kIndices = 1;
constexpr int kUpdates = 2;

template <Combine kCombine>
absl::Status ComputeScatter(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& ref = context.input(kRef);
  if (ref.rank() < 1) {
    return context.Error(
        absl::StrCat("params must be at least 1-D, got shape ", ShapeString(ref.shape())));
  }
  absl::StatusOr<Tensor> output = CopyTensor(ref);
  if (!output.ok()) return context.Error(output.status().message());
  const Tensor& updates = context.input(kUpdates);
  if (kCombine == Combine::kDiv && DataTypeSize(ref.dtype()) > 0) {
    // Integer division by zero is an error, as in TF's scatter functor.
    bool zero = false;
    math::DispatchTag(math::PodTypes(), updates.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        for (T value : updates.values<T>()) zero = zero || value == 0;
      }
    });
    if (zero) return context.Error("Integer division by zero");
  }
  if (absl::Status status =
          scatter::ScatterRows<kCombine>(*output, context.input(kIndices), updates,
                                         /*refuse_zero_updates=*/false);
      !status.ok()) {
    return context.Error(status.message());
  }
  if (std::shared_ptr<scatter::RefVariable> variable = scatter::RefVariable::Find(ref)) {
    absl::StatusOr<Tensor> stored = variable->Assign(*output);
    if (!stored.ok()) return context.Error(stored.status().message());
    output = *std::move(stored);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

KernelDtypes Dtypes(std::vector<DataType> dtypes) {
  return {{"T", std::move(dtypes)}, {"Tindices", {tensorflow::DT_INT32, tensorflow::DT_INT64}}};
}

// TF's CPU registrations (scatter_op.cc).
REGISTER_KERNEL("ScatterUpdate", ComputeScatter<Combine::kUpdate>, Dtypes(dtypes::All()));
REGISTER_KERNEL("ScatterAdd", ComputeScatter<Combine::kAdd>, Dtypes(dtypes::Number()));
REGISTER_KERNEL("ScatterSub", ComputeScatter<Combine::kSub>, Dtypes(dtypes::Number()));
REGISTER_KERNEL("ScatterMul", ComputeScatter<Combine::kMul>, Dtypes(dtypes::Number()));
REGISTER_KERNEL("ScatterDiv", ComputeScatter<Combine::kDiv>, Dtypes(dtypes::Number()));
// Min and Max: TF_CALL_REAL_NUMBER_TYPES within the op's own dtype list.
std::vector<DataType> MinMaxDtypes() {
  return {tensorflow::DT_HALF,   tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
          tensorflow::DT_DOUBLE, tensorflow::DT_INT32,    tensorflow::DT_INT64};
}

REGISTER_KERNEL("ScatterMin", ComputeScatter<Combine::kMin>, Dtypes(MinMaxDtypes()));
REGISTER_KERNEL("ScatterMax", ComputeScatter<Combine::kMax>, Dtypes(MinMaxDtypes()));

}  // namespace
}  // namespace tfjs::runtime
