// Bucketize (each value's index among sorted float boundaries: how many are <= it) and
// HistogramFixedWidth (counts of values in nbins equal bins over value_range, the outer bins
// also taking the values below and above it).
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/unary_kernel.h"

namespace tfjs::runtime::math {
namespace {

using BucketTypes = TypeList<int32_t, int64_t, float, double>;

class BucketizeKernel : public Kernel {
 public:
  explicit BucketizeKernel(std::vector<float> boundaries) : boundaries_(std::move(boundaries)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    return DispatchDataType(
        BucketTypes(), context, context.input(0).dtype(), "input 'input'", [&](auto type) {
          using T = decltype(type);
          return ComputeUnary<T, int32_t>(context, 8, [this](T value) {
            return static_cast<int32_t>(
                std::upper_bound(boundaries_.begin(), boundaries_.end(), value) -
                boundaries_.begin());
          });
        });
  }

 private:
  std::vector<float> boundaries_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildBucketize(const KernelBuildContext& build) {
  absl::StatusOr<std::vector<float>> boundaries = build.attrs.GetFloatList("boundaries");
  if (!boundaries.ok()) return boundaries.status();
  if (!std::is_sorted(boundaries->begin(), boundaries->end())) {
    return build.Error("Expected sorted boundaries");
  }
  return std::make_unique<BucketizeKernel>(*std::move(boundaries));
}

constexpr int kValues = 0;
constexpr int kValueRange = 1;
constexpr int kNbins = 2;

// Bin of v: (max(v, low) - low) / ((high - low) / nbins) in double, capped at nbins - 1 and
// truncated, as TF computes it.
absl::Status ComputeHistogramFixedWidth(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& values = context.input(kValues);
  const Tensor& range = context.input(kValueRange);
  const Tensor& nbins_tensor = context.input(kNbins);
  if (range.dtype() != values.dtype() || range.num_elements() != 2 || range.rank() != 1) {
    return context.Error(absl::StrCat("value_range should be a vector of 2 elements of dtype ",
                                      DataTypeName(values.dtype()), ", got ",
                                      DataTypeName(range.dtype()), ShapeString(range.shape())));
  }
  if (nbins_tensor.dtype() != tensorflow::DT_INT32 || nbins_tensor.num_elements() != 1) {
    return context.Error("nbins should be a scalar int32");
  }
  const int32_t nbins = nbins_tensor.data<int32_t>()[0];
  if (nbins <= 0) {
    return context.Error(absl::StrCat("nbins should be a positive number, but got '", nbins, "'"));
  }
  auto out_type = context.node().attr().find("dtype");
  const DataType out_dtype =
      out_type == context.node().attr().end() ? tensorflow::DT_INT32 : out_type->second.type();
  std::vector<int64_t> counts(nbins, 0);
  if (absl::Status status = DispatchDataType(
          BucketTypes(), context, values.dtype(), "input 'values'",
          [&](auto type) -> absl::Status {
            using T = decltype(type);
            const T low = range.data<T>()[0];
            const T high = range.data<T>()[1];
            if (!(low < high)) {
              return context.Error(absl::StrCat(
                  "value_range should satisfy value_range[0] < value_range[1], but got '[", low,
                  ", ", high, "]'"));
            }
            const double step = static_cast<double>(high - low) / static_cast<double>(nbins);
            const double last = static_cast<double>(nbins - 1);
            for (T value : values.values<T>()) {
              const double offset = static_cast<double>(std::max(value, low) - low) / step;
              ++counts[static_cast<int32_t>(std::min(offset, last))];
            }
            return absl::OkStatus();
          });
      !status.ok()) {
    return status;
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(out_dtype, {nbins});
  if (!output.ok()) return context.Error(output.status().message());
  for (int32_t i = 0; i < nbins; ++i) {
    if (out_dtype == tensorflow::DT_INT64) {
      output->mutable_data<int64_t>()[i] = counts[i];
    } else {
      output->mutable_data<int32_t>()[i] = static_cast<int32_t>(counts[i]);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL_FACTORY("Bucketize", BuildBucketize, {{"T", DtypesOf(BucketTypes())}});
REGISTER_KERNEL("HistogramFixedWidth", ComputeHistogramFixedWidth,
                {{"T", DtypesOf(BucketTypes())},
                 {"dtype", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::math
