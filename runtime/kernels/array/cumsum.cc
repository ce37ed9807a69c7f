// Cumsum: running sums along an axis, optionally exclusive (shifted by one) and/or reversed.
#include <complex>
#include <memory>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/index_inputs.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kAxis = 1;

// x viewed as [outer, length, inner]; sums run along the middle dim.
template <typename T>
void CumulativeSum(const T* x, int64_t outer, int64_t length, int64_t inner, bool exclusive,
                   bool reverse, T* out) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const int64_t base = o * length * inner + i;
      T sum = T(0);
      for (int64_t step = 0; step < length; ++step) {
        const int64_t j = reverse ? length - 1 - step : step;
        const int64_t at = base + j * inner;
        if (exclusive) {
          out[at] = sum;
          sum += x[at];
        } else {
          sum += x[at];
          out[at] = sum;
        }
      }
    }
  }
}

class CumsumKernel : public Kernel {
 public:
  CumsumKernel(bool exclusive, bool reverse) : exclusive_(exclusive), reverse_(reverse) {}

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
    auto run = [&](auto tag) {
      using T = decltype(tag);
      CumulativeSum<T>(input.data<T>(), outer, length, inner, exclusive_, reverse_,
                       output->mutable_data<T>());
    };
    switch (input.dtype()) {
      case tensorflow::DT_FLOAT:
        run(float{});
        break;
      case tensorflow::DT_DOUBLE:
        run(double{});
        break;
      case tensorflow::DT_INT8:
        run(int8_t{});
        break;
      case tensorflow::DT_UINT8:
        run(uint8_t{});
        break;
      case tensorflow::DT_INT16:
        run(int16_t{});
        break;
      case tensorflow::DT_UINT16:
        run(uint16_t{});
        break;
      case tensorflow::DT_INT32:
        run(int32_t{});
        break;
      case tensorflow::DT_INT64:
        run(int64_t{});
        break;
      case tensorflow::DT_COMPLEX64:
        run(std::complex<float>{});
        break;
      default:
        return context.Error(
            absl::StrCat("Cumsum does not support dtype ", DataTypeName(input.dtype())));
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  bool exclusive_;
  bool reverse_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildCumsum(const KernelBuildContext& context) {
  bool flags[2] = {false, false};
  const char* names[2] = {"exclusive", "reverse"};
  for (int i = 0; i < 2; ++i) {
    if (!context.attrs.Has(names[i])) continue;
    absl::StatusOr<bool> value = context.attrs.GetBool(names[i]);
    if (!value.ok()) return value.status();
    flags[i] = *value;
  }
  return std::make_unique<CumsumKernel>(flags[0], flags[1]);
}

REGISTER_KERNEL_FACTORY("Cumsum", BuildCumsum);

}  // namespace
}  // namespace tfjs::runtime::array
