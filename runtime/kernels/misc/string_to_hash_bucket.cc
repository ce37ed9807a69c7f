// StringToHashBucketFast: Fingerprint64(s) mod num_buckets, as int64.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/fingerprint.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;

class HashBucketKernel : public Kernel {
 public:
  explicit HashBucketKernel(uint64_t num_buckets) : num_buckets_(num_buckets) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    if (input.dtype() != tensorflow::DT_STRING) {
      return context.Error(absl::StrCat("input must be string, got ",
                                        DataTypeName(input.dtype())));
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_INT64, input.shape());
    if (!output.ok()) return context.Error(output.status().message());
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      output->mutable_data<int64_t>()[i] =
          static_cast<int64_t>(misc::Fingerprint64(input.strings()[i]) % num_buckets_);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  uint64_t num_buckets_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildHashBucket(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> num_buckets = context.attrs.GetInt("num_buckets");
  if (!num_buckets.ok()) return num_buckets.status();
  if (*num_buckets < 1) {
    return context.Error(absl::StrCat("num_buckets must be >= 1, got ", *num_buckets));
  }
  return std::make_unique<HashBucketKernel>(static_cast<uint64_t>(*num_buckets));
}

REGISTER_KERNEL_FACTORY("StringToHashBucketFast", BuildHashBucket);

}  // namespace
}  // namespace tfjs::runtime
