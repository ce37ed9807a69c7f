// tf.data's seed generator resources: AnonymousSeedGenerator(seed, seed2, reshuffle) and
// AnonymousRandomSeedGenerator(seed, seed2) give a resource handle holding the seeds (both 0:
// fresh random seeds, as TF's RandomSeeds) and a deleter; DeleteSeedGenerator and
// DeleteRandomSeedGenerator take both back. The runtime runs no datasets, so nothing reads the
// seeds beyond the handle itself.
#include <memory>
#include <string>
#include <vector>
#include <random>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

class SeedGenerator : public Resource {
 public:
  SeedGenerator(int64_t seed, int64_t seed2, bool reshuffle)
      : seed_(seed), seed2_(seed2), reshuffle_(reshuffle) {
    if (seed_ == 0 && seed2_ == 0) {
      std::random_device device;
      seed_ = static_cast<int64_t>((uint64_t{device()} << 32) | device());
      seed2_ = static_cast<int64_t>((uint64_t{device()} << 32) | device());
    }
  }
  int64_t seed() const { return seed_; }
  int64_t seed2() const { return seed2_; }
  bool reshuffle() const { return reshuffle_; }

 private:
  int64_t seed_;
  int64_t seed2_;
  bool reshuffle_;
};

// The deleter variant: it keeps the generator it deletes.
struct SeedGeneratorDeleter : VariantValue {
  explicit SeedGeneratorDeleter(std::shared_ptr<SeedGenerator> generator)
      : generator(std::move(generator)) {}
  // TF's ResourceDeleter, which has no names of its own and encodes nothing.
  std::string TypeName() const override { return "tensorflow::ResourceDeleter"; }
  std::string DebugString() const override { return TypeName(); }
  absl::Status Encode(std::string*, std::vector<Tensor>*) const override {
    return absl::OkStatus();
  }
  std::shared_ptr<SeedGenerator> generator;
};

absl::StatusOr<int64_t> ReadSeed(const OpContext& context, int index, const char* name) {
  const Tensor& tensor = context.input(index);
  if (tensor.dtype() != tensorflow::DT_INT64 || tensor.rank() != 0) {
    return context.Error(
        absl::StrCat(name, " must be an int64 scalar, got shape ", ShapeString(tensor.shape())));
  }
  return *tensor.data<int64_t>();
}

template <bool kWithReshuffle>
absl::Status ComputeAnonymousSeedGenerator(OpContext& context) {
  const int inputs = kWithReshuffle ? 3 : 2;
  if (absl::Status status = context.CheckNumInputs(inputs, inputs); !status.ok()) return status;
  absl::StatusOr<int64_t> seed = ReadSeed(context, 0, "seed");
  if (!seed.ok()) return seed.status();
  absl::StatusOr<int64_t> seed2 = ReadSeed(context, 1, "seed2");
  if (!seed2.ok()) return seed2.status();
  bool reshuffle = true;
  if (kWithReshuffle) {
    const Tensor& flag = context.input(2);
    if (flag.dtype() != tensorflow::DT_BOOL || flag.rank() != 0) {
      return context.Error("reshuffle must be a bool scalar");
    }
    reshuffle = *flag.data<bool>();
  }
  auto generator = std::make_shared<SeedGenerator>(*seed, *seed2, reshuffle);
  context.set_output(1, Tensor::Variant(std::make_shared<const SeedGeneratorDeleter>(generator)));
  context.set_output(0, Tensor::ForResource(std::move(generator)));
  return absl::OkStatus();
}

absl::Status ComputeDeleteSeedGenerator(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (context.input(0).resource<SeedGenerator>() == nullptr) {
    return context.Error("handle must be a seed generator resource");
  }
  if (dynamic_cast<const SeedGeneratorDeleter*>(context.input(1).variant()) == nullptr) {
    return context.Error("deleter must be a seed generator's deleter");
  }
  return absl::OkStatus();
}

REGISTER_KERNEL("AnonymousSeedGenerator", ComputeAnonymousSeedGenerator<true>);
REGISTER_KERNEL("AnonymousRandomSeedGenerator", ComputeAnonymousSeedGenerator<false>);
REGISTER_KERNEL("DeleteSeedGenerator", ComputeDeleteSeedGenerator);
REGISTER_KERNEL("DeleteRandomSeedGenerator", ComputeDeleteSeedGenerator);

}  // namespace
}  // namespace tfjs::runtime
