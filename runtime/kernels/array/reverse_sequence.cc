// ReverseSequence: for each batch entry b (along batch_dim), the first seq_lengths[b] elements
// along seq_dim reversed; the rest copied unchanged.
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/element_types.h"
#include "runtime/kernels/array/index_inputs.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kSeqLengths = 1;

class ReverseSequenceKernel : public Kernel {
 public:
  ReverseSequenceKernel(int64_t seq_dim, int64_t batch_dim)
      : seq_dim_(seq_dim), batch_dim_(batch_dim) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    const int rank = input.rank();
    if (batch_dim_ == seq_dim_) {
      return context.Error(absl::StrCat("batch_dim == seq_dim == ", seq_dim_));
    }
    if (seq_dim_ < 0 || seq_dim_ >= rank) {
      return context.Error(
          absl::StrCat("seq_dim must be < input rank (", seq_dim_, " vs. ", rank, ")"));
    }
    if (batch_dim_ < 0 || batch_dim_ >= rank) {
      return context.Error(
          absl::StrCat("batch_dim must be < input rank (", batch_dim_, " vs. ", rank, ")"));
    }
    const Tensor& lengths_tensor = context.input(kSeqLengths);
    if (lengths_tensor.rank() != 1 || lengths_tensor.dim(0) != input.dim(batch_dim_)) {
      return context.Error(absl::StrCat("seq_lengths must be a vector of length ",
                                        input.dim(batch_dim_), " (input.dims(", batch_dim_,
                                        ")), got shape ", ShapeString(lengths_tensor.shape())));
    }
    absl::StatusOr<std::vector<int64_t>> lengths = IndexValues(context, kSeqLengths, "seq_lengths");
    if (!lengths.ok()) return lengths.status();
    for (size_t b = 0; b < lengths->size(); ++b) {
      const int64_t length = (*lengths)[b];
      if (length < 0 || length > input.dim(seq_dim_)) {
        return context.Error(absl::StrCat("seq_lengths[", b, "] = ", length,
                                          " is outside [0, input.dims(", seq_dim_,
                                          ") = ", input.dim(seq_dim_), "]"));
      }
    }
    absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), input.shape());
    if (!output.ok()) return output.status();
    const std::vector<int64_t> strides = RowMajorStrides(input.shape());
    const int64_t seq_stride = strides[seq_dim_];
    const int64_t seq_size = input.dim(seq_dim_);
    const int64_t batch_stride = strides[batch_dim_];
    const int64_t batch_size = input.dim(batch_dim_);
    const int64_t count = input.num_elements();
    absl::Status status = DispatchByElement(input.dtype(), [&](auto element) -> absl::Status {
      using E = decltype(element);
      const E* in = ElementsOf<E>(input);
      E* out = MutableElementsOf<E>(*output);
      for (int64_t i = 0; i < count; ++i) {
        const int64_t s = (i / seq_stride) % seq_size;
        const int64_t length = (*lengths)[(i / batch_stride) % batch_size];
        out[i] = s < length ? in[i + (length - 1 - 2 * s) * seq_stride] : in[i];
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return context.Error(status.message());
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  int64_t seq_dim_;
  int64_t batch_dim_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildReverseSequence(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> seq_dim = context.attrs.GetInt("seq_dim");
  if (!seq_dim.ok()) return seq_dim.status();
  absl::StatusOr<int64_t> batch_dim = context.attrs.GetInt("batch_dim");
  if (!batch_dim.ok()) return batch_dim.status();
  return std::make_unique<ReverseSequenceKernel>(*seq_dim, *batch_dim);
}

REGISTER_KERNEL_FACTORY(
    "ReverseSequence", BuildReverseSequence,
    {{"T",
      {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
       tensorflow::DT_INT8, tensorflow::DT_INT16, tensorflow::DT_INT32, tensorflow::DT_INT64,
       tensorflow::DT_UINT8, tensorflow::DT_UINT16, tensorflow::DT_UINT32, tensorflow::DT_UINT64,
       tensorflow::DT_BOOL, tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}},
     {"Tlen", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::array
