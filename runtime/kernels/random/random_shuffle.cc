// RandomShuffle: the input with its slices along axis 0 in a random order (Fisher-Yates), any
// dtype; a scalar is returned as is. Seeded like the other random kernels
// (misc/random_stream.h); the order cannot equal TF's.
#include <atomic>
#include <cstring>
#include <numeric>
#include <vector>

#include "runtime/kernel.h"
#include "runtime/kernels/misc/random_stream.h"

namespace tfjs::runtime {
namespace {

class RandomShuffleKernel : public Kernel {
 public:
  explicit RandomShuffleKernel(uint64_t seed) : seed_(seed) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(0);
    misc::RandomStream stream = misc::StreamForRun(seed_, runs_.fetch_add(1));
    if (input.rank() == 0 || input.dim(0) <= 1) {
      context.set_output(0, input);
      return absl::OkStatus();
    }
    const int64_t rows = input.dim(0);
    std::vector<int64_t> order(rows);
    std::iota(order.begin(), order.end(), 0);
    for (int64_t i = rows - 1; i > 0; --i) {
      std::swap(order[i], order[stream.Next() % static_cast<uint64_t>(i + 1)]);
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
    if (!output.ok()) return context.Error(output.status().message());
    const int64_t row_elements = input.num_elements() / rows;
    if (input.dtype() == tensorflow::DT_STRING) {
      for (int64_t r = 0; r < rows; ++r) {
        for (int64_t j = 0; j < row_elements; ++j) {
          output->mutable_strings()[r * row_elements + j] =
              input.strings()[order[r] * row_elements + j];
        }
      }
    } else {
      const int64_t row_bytes = row_elements * DataTypeSize(input.dtype());
      if (row_bytes == 0 && row_elements > 0) return context.Error("unsupported dtype");
      for (int64_t r = 0; r < rows; ++r) {
        std::memcpy(static_cast<char*>(output->mutable_data<void>()) + r * row_bytes,
                    static_cast<const char*>(input.raw_data()) + order[r] * row_bytes, row_bytes);
      }
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  uint64_t seed_;
  mutable std::atomic<uint64_t> runs_{0};
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildRandomShuffle(const KernelBuildContext& context) {
  return std::make_unique<RandomShuffleKernel>(misc::KernelSeed(context.node));
}

REGISTER_KERNEL_FACTORY("RandomShuffle", BuildRandomShuffle);

}  // namespace
}  // namespace tfjs::runtime
