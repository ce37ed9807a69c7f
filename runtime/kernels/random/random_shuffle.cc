// RandomShuffle (seeded) and StatelessShuffle (key, counter, alg): the input's slices along axis 0
// in a random order, any dtype, bit for bit as TF's CPU kernels: for i = 0 .. n-2, slice i swaps
// with slice i + (word % (n - i)), one 32-bit word of the stream each (RandomShuffle reserves
// n - 1 words). An input with at most one element or one slice is returned as is.
#include <cstring>
#include <numeric>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/random/guarded_philox.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/random/random_inputs.h"

namespace tfjs::runtime {
namespace {

using random::Philox;

// True when TF returns the input unshuffled (and draws nothing).
bool NothingToShuffle(const Tensor& input) {
  return input.num_elements() <= 1 || input.dim(0) <= 1;
}

absl::Status Shuffle(OpContext& context, const Tensor& input, Philox philox) {
  const int64_t rows = input.dim(0);
  std::vector<int64_t> order(rows);
  std::iota(order.begin(), order.end(), 0);
  random::SingleSample words(&philox);
  for (int64_t i = 0; i + 1 < rows; ++i) {
    const uint32_t n = static_cast<uint32_t>(rows - i);
    std::swap(order[i], order[i + words() % n]);
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t row_elements = input.num_elements() / rows;
  if (input.dtype() == tensorflow::DT_STRING) {
    for (int64_t r = 0; r < rows; ++r) {
      std::copy_n(input.strings().begin() + order[r] * row_elements, row_elements,
                  output->mutable_strings().begin() + r * row_elements);
    }
  } else {
    const int64_t row_bytes = row_elements * DataTypeSize(input.dtype());
    if (row_bytes == 0) {
      return context.Error(absl::StrCat("cannot shuffle a ", DataTypeName(input.dtype()),
                                        " tensor of shape ", ShapeString(input.shape())));
    }
    for (int64_t r = 0; r < rows; ++r) {
      std::memcpy(static_cast<char*>(output->mutable_data<void>()) + r * row_bytes,
                  static_cast<const char*>(input.raw_data()) + order[r] * row_bytes, row_bytes);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

class RandomShuffleKernel : public Kernel {
 public:
  explicit RandomShuffleKernel(const tensorflow::NodeDef& node) : generator_(node) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(0);
    if (NothingToShuffle(input)) {
      context.set_output(0, input);
      return absl::OkStatus();
    }
    return Shuffle(context, input, generator_.ReserveSamples32(input.dim(0) - 1));
  }

 private:
  random::GuardedPhilox generator_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildRandomShuffle(const KernelBuildContext& context) {
  return std::make_unique<RandomShuffleKernel>(context.node);
}

absl::Status ComputeStatelessShuffle(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  absl::StatusOr<Philox> philox =
      random::ReadKeyCounterAlg(context.input(1), context.input(2), context.input(3));
  if (!philox.ok()) return context.Error(philox.status().message());
  const Tensor& input = context.input(0);
  if (NothingToShuffle(input)) {
    context.set_output(0, input);
    return absl::OkStatus();
  }
  return Shuffle(context, input, *philox);
}

// Every dtype TF's CPU kernels take (TF_CALL_ALL_TYPES plus resource and variant).
const std::vector<DataType> kAllDtypes = {
    tensorflow::DT_HALF,       tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
    tensorflow::DT_DOUBLE,     tensorflow::DT_INT8,     tensorflow::DT_INT16,
    tensorflow::DT_INT32,      tensorflow::DT_INT64,    tensorflow::DT_UINT8,
    tensorflow::DT_UINT16,     tensorflow::DT_UINT32,   tensorflow::DT_UINT64,
    tensorflow::DT_BOOL,       tensorflow::DT_STRING,   tensorflow::DT_COMPLEX64,
    tensorflow::DT_COMPLEX128, tensorflow::DT_RESOURCE, tensorflow::DT_VARIANT};

REGISTER_KERNEL_FACTORY("RandomShuffle", BuildRandomShuffle, {{"T", kAllDtypes}});
REGISTER_KERNEL("StatelessShuffle", ComputeStatelessShuffle, {{"T", kAllDtypes}});

}  // namespace
}  // namespace tfjs::runtime
