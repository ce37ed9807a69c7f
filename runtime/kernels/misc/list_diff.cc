// ListDiff: the values of x that are not in y, in x's order, with their positions in x.
#include <unordered_set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kX = 0;
constexpr int kY = 1;

// The positions in x of values absent from y.
template <typename T>
std::vector<int64_t> KeptPositions(absl::Span<const T> x, absl::Span<const T> y) {
  std::unordered_set<T> removed(y.begin(), y.end());
  std::vector<int64_t> kept;
  for (size_t i = 0; i < x.size(); ++i) {
    if (removed.count(x[i]) == 0) kept.push_back(static_cast<int64_t>(i));
  }
  return kept;
}

absl::Status ComputeListDiff(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& x = context.input(kX);
  const Tensor& y = context.input(kY);
  if (x.rank() != 1 || y.rank() != 1) {
    return context.Error(absl::StrCat("x and y must be 1-D, got shapes ", ShapeString(x.shape()),
                                      " and ", ShapeString(y.shape())));
  }
  if (x.dtype() != y.dtype()) {
    return context.Error(absl::StrCat("x and y must have one dtype, got ", DataTypeName(x.dtype()),
                                      " and ", DataTypeName(y.dtype())));
  }
  NodeAttrs attrs(context.node(), nullptr);
  absl::StatusOr<DataType> index_type =
      attrs.Has("out_idx") ? attrs.GetType("out_idx") : tensorflow::DT_INT32;
  if (!index_type.ok()) return index_type.status();
  if (!misc::IsIndexType(*index_type)) return context.Error("out_idx must be int32 or int64");

  std::vector<int64_t> kept;
  Tensor out;
  if (x.dtype() == tensorflow::DT_STRING) {
    kept = KeptPositions<std::string>(x.strings(), y.strings());
    std::vector<std::string> values;
    for (int64_t i : kept) values.push_back(x.strings()[i]);
    out = Tensor::Strings({static_cast<int64_t>(kept.size())}, std::move(values));
  } else if (x.dtype() == tensorflow::DT_HALF || x.dtype() == tensorflow::DT_BFLOAT16) {
    // Compared as their float32 values, copied as stored.
    const bool half = x.dtype() == tensorflow::DT_HALF;
    auto widen = [half](const Tensor& tensor) {
      std::vector<float> values;
      for (uint16_t bits : tensor.values<uint16_t>()) {
        values.push_back(half ? HalfToFloat(bits) : BFloat16ToFloat(bits));
      }
      return values;
    };
    const std::vector<float> x_values = widen(x);
    const std::vector<float> y_values = widen(y);
    kept = KeptPositions<float>(x_values, y_values);
    out = *Tensor::Allocate(x.dtype(), {static_cast<int64_t>(kept.size())});
    for (size_t i = 0; i < kept.size(); ++i) {
      out.mutable_data<uint16_t>()[i] = x.data<uint16_t>()[kept[i]];
    }
  } else {
    const bool known = math::DispatchTag(misc::NoHalfRealOrBoolTypes(), x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kept = KeptPositions<T>(x.values<T>(), y.values<T>());
      out = *Tensor::Allocate(x.dtype(), {static_cast<int64_t>(kept.size())});
      for (size_t i = 0; i < kept.size(); ++i) out.mutable_data<T>()[i] = x.data<T>()[kept[i]];
    });
    if (!known) return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(x.dtype())));
  }
  absl::StatusOr<Tensor> positions =
      misc::IndexTensor(*index_type, {static_cast<int64_t>(kept.size())}, kept);
  if (!positions.ok()) return context.Error(positions.status().message());
  context.set_output(0, std::move(out));
  context.set_output(1, *std::move(positions));
  return absl::OkStatus();
}

REGISTER_KERNEL("ListDiff", ComputeListDiff,
                {{"T",
                  {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                   tensorflow::DT_DOUBLE, tensorflow::DT_INT8, tensorflow::DT_INT16,
                   tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_UINT8,
                   tensorflow::DT_UINT16, tensorflow::DT_UINT32, tensorflow::DT_UINT64,
                   tensorflow::DT_STRING}},
                 {"out_idx", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
