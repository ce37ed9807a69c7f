// Input checks shared by the random kernels (see random_inputs.h).
#include "runtime/kernels/random/random_inputs.h"

#include "absl/strings/str_cat.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime::random {

absl::StatusOr<Shape> ReadShape(const Tensor& tensor) {
  if (tensor.rank() > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "shape must be a vector of {int32,int64}, got shape ", ShapeString(tensor.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> dims = misc::IndexValues(tensor, "shape");
  if (!dims.ok()) return dims.status();
  for (int64_t dim : *dims) {
    if (dim < 0)
      return absl::InvalidArgumentError(absl::StrCat("Dimension ", dim, " must be >= 0"));
  }
  return Shape(dims->begin(), dims->end());
}

absl::StatusOr<Philox> ReadStatelessSeed(const Tensor& seed) {
  if (seed.rank() != 1 || seed.dim(0) != 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("seed must have shape [2], not ", ShapeString(seed.shape())));
  }
  if (seed.dtype() != tensorflow::DT_INT32 && seed.dtype() != tensorflow::DT_INT64) {
    // TF's GenerateKey: some ops register unsigned seeds that no kernel can read.
    return absl::InvalidArgumentError(absl::StrCat(
        "Invalid seed type. Must be int32 or int64, got ", DataTypeName(seed.dtype())));
  }
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(seed, "seed");
  if (!values.ok()) return values.status();
  return StatelessPhilox(static_cast<uint64_t>((*values)[0]), static_cast<uint64_t>((*values)[1]));
}

absl::StatusOr<int64_t> ReadAlgorithm(const Tensor& alg) {
  if (alg.rank() != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("algorithm must have shape [], not ", ShapeString(alg.shape())));
  }
  absl::StatusOr<int64_t> id = misc::IndexScalar(alg, "algorithm");
  if (!id.ok()) return id.status();
  if (*id == kAlgAutoSelect) return kAlgPhilox;
  if (*id == kAlgThreeFry) {
    return absl::UnimplementedError("Non-XLA devices don't support the ThreeFry algorithm.");
  }
  if (*id != kAlgPhilox)
    return absl::InvalidArgumentError(absl::StrCat("Unsupported algorithm id: ", *id));
  return *id;
}

absl::StatusOr<Philox> ReadKeyCounterAlg(const Tensor& key, const Tensor& counter,
                                         const Tensor& alg) {
  if (alg.rank() != 0 || alg.dtype() != tensorflow::DT_INT32) {
    return absl::InvalidArgumentError(
        absl::StrCat("input 3 (0-based) must be an int32 scalar, got ", DataTypeName(alg.dtype()),
                     " of shape ", ShapeString(alg.shape())));
  }
  const int32_t id = *alg.data<int32_t>();
  if (id != kAlgPhilox && id != kAlgAutoSelect) {
    return absl::InvalidArgumentError(absl::StrCat("Unsupported algorithm id: ", id));
  }
  if (key.dtype() != tensorflow::DT_UINT64 || key.rank() != 1 || key.dim(0) != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("key must have shape [1], not ", ShapeString(key.shape()),
                     ". (Note that batched keys are not supported yet.)"));
  }
  if (counter.dtype() != tensorflow::DT_UINT64 || counter.rank() != 1 || counter.dim(0) < 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "counter must be a vector with length at least 2; got shape: ",
        ShapeString(counter.shape()), ". (Note that batched counters are not supported yet.)"));
  }
  return PhiloxFromKeyCounter(key.data<uint64_t>()[0], counter.data<uint64_t>());
}

}  // namespace tfjs::runtime::random
