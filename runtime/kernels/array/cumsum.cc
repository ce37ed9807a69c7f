// Cumsum and CumulativeLogsumexp: running sums (or log-sum-exps) along an axis, optionally
// exclusive (shifted by one) and/or reversed.
#include <cmath>
#include <complex>
#include <limits>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kAxis = 1;

// Running sums: each partial sum is stored as T, so 16-bit floats round after every add as TF's
// do; integers wrap.
struct SumScan {
  template <typename T>
  static T Identity() {
    return T{0};
  }
  template <typename T>
  static T Combine(T accumulated, T value) {
    return math::Narrow<T>(math::AddFn()(math::Widen(accumulated), math::Widen(value)));
  }
};

// Running log(sum(exp(x))), computed as max + log1p(exp(-|a - b|)) so nothing overflows.
struct LogSumExpScan {
  template <typename T>
  static T Identity() {
    return math::Narrow<T>(-std::numeric_limits<math::ComputeType<T>>::infinity());
  }
  template <typename T>
  static T Combine(T accumulated, T value) {
    const auto a = math::Widen(accumulated);
    const auto b = math::Widen(value);
    if (std::isnan(a) || std::isnan(b)) return math::Narrow<T>(a + b);
    const auto high = a < b ? b : a;
    const auto low = a < b ? a : b;
    if (std::isinf(low) && low < 0) return math::Narrow<T>(high);
    if (std::isinf(high)) return math::Narrow<T>(high);
    return math::Narrow<T>(high + std::log1p(std::exp(low - high)));
  }
};

// x viewed as [outer, length, inner]; the scan runs along the middle dim.
template <typename Scan, typename T>
void CumulativeScan(const T* x, int64_t outer, int64_t length, int64_t inner, bool exclusive,
                    bool reverse, T* out) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const int64_t base = o * length * inner + i;
      T accumulated = Scan::template Identity<T>();
      for (int64_t step = 0; step < length; ++step) {
        const int64_t j = reverse ? length - 1 - step : step;
        const int64_t at = base + j * inner;
        if (exclusive) {
          out[at] = accumulated;
          accumulated = Scan::Combine(accumulated, x[at]);
        } else {
          accumulated = Scan::Combine(accumulated, x[at]);
          out[at] = accumulated;
        }
      }
    }
  }
}

template <typename Scan, typename Types>
class ScanKernel : public Kernel {
 public:
  ScanKernel(bool exclusive, bool reverse) : exclusive_(exclusive), reverse_(reverse) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    if (context.input(kAxis).rank() != 0) {
      return context.Error(absl::StrCat("ScanOp: axis must be a scalar, not ",
                                        ShapeString(context.input(kAxis).shape())));
    }
    absl::StatusOr<int64_t> axis_value = IndexScalar(context, kAxis, "axis");
    if (!axis_value.ok()) return axis_value.status();
    const int rank = input.rank();
    const int axis = NormalizeAxis(*axis_value, rank);
    if (axis < 0) {
      return context.Error(absl::StrCat("ScanOp: Expected scan axis in the range [", -rank, ", ",
                                        rank, "), but got ", *axis_value));
    }
    absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), input.shape());
    if (!output.ok()) return output.status();
    const int64_t outer = DimProduct(input.shape(), 0, axis);
    const int64_t length = input.dim(axis);
    const int64_t inner = DimProduct(input.shape(), axis + 1, rank);
    if (absl::Status status = math::DispatchDataType(
            Types(), context, input.dtype(), "input 'x'",
            [&](auto type) {
              using T = decltype(type);
              CumulativeScan<Scan, T>(input.data<T>(), outer, length, inner, exclusive_, reverse_,
                                      output->mutable_data<T>());
              return absl::OkStatus();
            });
        !status.ok()) {
      return status;
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  bool exclusive_;
  bool reverse_;
};

template <typename Scan, typename Types>
absl::StatusOr<std::unique_ptr<Kernel>> BuildScan(const KernelBuildContext& context) {
  bool flags[2] = {false, false};
  const char* names[2] = {"exclusive", "reverse"};
  for (int i = 0; i < 2; ++i) {
    if (!context.attrs.Has(names[i])) continue;
    absl::StatusOr<bool> value = context.attrs.GetBool(names[i]);
    if (!value.ok()) return value.status();
    flags[i] = *value;
  }
  return std::make_unique<ScanKernel<Scan, Types>>(flags[0], flags[1]);
}

const std::vector<DataType>& IndexDtypes() {
  static const auto* const kDtypes =
      new std::vector<DataType>{tensorflow::DT_INT32, tensorflow::DT_INT64};
  return *kDtypes;
}

REGISTER_KERNEL_FACTORY("Cumsum", (BuildScan<SumScan, math::NumberTypes>),
                        {{"T", math::DtypesOf(math::NumberTypes())}, {"Tidx", IndexDtypes()}});
REGISTER_KERNEL_FACTORY("CumulativeLogsumexp", (BuildScan<LogSumExpScan, math::AllFloatTypes>),
                        {{"T", math::DtypesOf(math::AllFloatTypes())}, {"Tidx", IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime::array
