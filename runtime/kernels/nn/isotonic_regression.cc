// IsotonicRegression: the non-increasing least-squares fit of each innermost row (pool adjacent
// violators: a block whose mean exceeds its predecessor's merges into it), and each element's
// segment index (the fit's constant pieces, numbered from 0 per row).
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime::nn {
namespace {

absl::Status ComputeIsotonicRegression(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  if (input.rank() < 1) return context.Error("input must be at least 1-D");
  auto output_dtype = context.node().attr().find("output_dtype");
  const DataType dtype = output_dtype == context.node().attr().end() ? tensorflow::DT_FLOAT
                                                                     : output_dtype->second.type();
  const int64_t n = input.dim(input.rank() - 1);
  const int64_t rows = n == 0 ? 0 : input.num_elements() / n;
  const std::vector<double> x = linalg::ValuesAs<double>(input);
  std::vector<double> fit(x.size());
  absl::StatusOr<Tensor> segments = Tensor::Allocate(tensorflow::DT_INT32, input.shape());
  if (!segments.ok()) return context.Error(segments.status().message());
  struct Block {
    double sum;
    int64_t count;
  };
  std::vector<Block> blocks;
  for (int64_t r = 0; r < rows; ++r) {
    blocks.clear();
    for (int64_t i = 0; i < n; ++i) {
      blocks.push_back({x[r * n + i], 1});
      while (blocks.size() > 1) {
        const Block& last = blocks.back();
        const Block& previous = blocks[blocks.size() - 2];
        // Merge while the later block's mean is above the earlier one's.
        if (last.sum * previous.count <= previous.sum * last.count) break;
        blocks[blocks.size() - 2] = {previous.sum + last.sum, previous.count + last.count};
        blocks.pop_back();
      }
    }
    int64_t at = r * n;
    for (size_t b = 0; b < blocks.size(); ++b) {
      const double mean = blocks[b].sum / static_cast<double>(blocks[b].count);
      for (int64_t j = 0; j < blocks[b].count; ++j, ++at) {
        fit[at] = mean;
        segments->mutable_data<int32_t>()[at] = static_cast<int32_t>(b);
      }
    }
  }
  absl::StatusOr<Tensor> output = linalg::TensorFrom(dtype, input.shape(), fit);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  context.set_output(1, *std::move(segments));
  return absl::OkStatus();
}

REGISTER_KERNEL("IsotonicRegression", ComputeIsotonicRegression,
                {{"T",
                  {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                   tensorflow::DT_DOUBLE, tensorflow::DT_INT8, tensorflow::DT_INT16,
                   tensorflow::DT_INT32, tensorflow::DT_INT64}},
                 {"output_dtype", linalg::HalfAndFloatTypes()}});

}  // namespace
}  // namespace tfjs::runtime::nn
