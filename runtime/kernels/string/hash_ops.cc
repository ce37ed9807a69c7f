// StringToHashBucket (TF's legacy Hash64, a MurmurHash2-64 variant seeded 0xDECAFCAFFE),
// StringToHashBucketStrong (SipHash-2-4 under the 128-bit `key`) and Fingerprint (FarmHash
// Fingerprint64 of each row's bytes, as 8 little-endian bytes).
#include <cstring>

#include "absl/base/internal/endian.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/fingerprint.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

uint64_t LegacyHash64(absl::string_view text) {
  constexpr uint64_t kMul = 0xc6a4a7935bd1e995ULL;
  constexpr int kShift = 47;
  const char* data = text.data();
  size_t n = text.size();
  uint64_t h = 0xDECAFCAFFEULL ^ (n * kMul);
  for (; n >= 8; n -= 8, data += 8) {
    uint64_t k = absl::little_endian::Load64(data);
    k *= kMul;
    k ^= k >> kShift;
    k *= kMul;
    h ^= k;
    h *= kMul;
  }
  if (n > 0) {
    for (size_t i = n; i-- > 0;)
      h ^= static_cast<uint64_t>(static_cast<uint8_t>(data[i])) << (8 * i);
    h *= kMul;
  }
  h ^= h >> kShift;
  h *= kMul;
  h ^= h >> kShift;
  return h;
}

uint64_t Rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

void SipRound(uint64_t v[4]) {
  v[0] += v[1];
  v[1] = Rotl(v[1], 13);
  v[1] ^= v[0];
  v[0] = Rotl(v[0], 32);
  v[2] += v[3];
  v[3] = Rotl(v[3], 16);
  v[3] ^= v[2];
  v[0] += v[3];
  v[3] = Rotl(v[3], 21);
  v[3] ^= v[0];
  v[2] += v[1];
  v[1] = Rotl(v[1], 17);
  v[1] ^= v[2];
  v[2] = Rotl(v[2], 32);
}

// SipHash-2-4.
uint64_t SipHash(const uint64_t key[2], absl::string_view text) {
  uint64_t v[4] = {key[0] ^ 0x736f6d6570736575ULL, key[1] ^ 0x646f72616e646f6dULL,
                   key[0] ^ 0x6c7967656e657261ULL, key[1] ^ 0x7465646279746573ULL};
  const size_t full = text.size() / 8 * 8;
  for (size_t i = 0; i < full; i += 8) {
    const uint64_t m = absl::little_endian::Load64(text.data() + i);
    v[3] ^= m;
    SipRound(v);
    SipRound(v);
    v[0] ^= m;
  }
  uint64_t last = static_cast<uint64_t>(text.size() & 0xff) << 56;
  for (size_t i = full; i < text.size(); ++i) {
    last |= static_cast<uint64_t>(static_cast<uint8_t>(text[i])) << (8 * (i - full));
  }
  v[3] ^= last;
  SipRound(v);
  SipRound(v);
  v[0] ^= last;
  v[2] ^= 0xff;
  for (int i = 0; i < 4; ++i) SipRound(v);
  return v[0] ^ v[1] ^ v[2] ^ v[3];
}

absl::StatusOr<uint64_t> NumBuckets(const OpContext& context) {
  absl::StatusOr<int64_t> num_buckets = strings::AttrsOf(context).GetInt("num_buckets");
  if (!num_buckets.ok()) return context.Error(num_buckets.status().message());
  if (*num_buckets < 1) {
    return context.Error(absl::StrCat("num_buckets must be >= 1, got ", *num_buckets));
  }
  return static_cast<uint64_t>(*num_buckets);
}

template <typename Hash>
absl::Status HashToBuckets(OpContext& context, const Hash& hash) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "input"); !status.ok()) {
    return status;
  }
  absl::StatusOr<uint64_t> num_buckets = NumBuckets(context);
  if (!num_buckets.ok()) return num_buckets.status();
  const Tensor& input = context.input(0);
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_INT64, input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  int64_t* out = output->mutable_data<int64_t>();
  for (int64_t i = 0; i < input.num_elements(); ++i) {
    out[i] = static_cast<int64_t>(hash(input.strings()[i]) % *num_buckets);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeStringToHashBucket(OpContext& context) {
  return HashToBuckets(context, LegacyHash64);
}

absl::Status ComputeStringToHashBucketStrong(OpContext& context) {
  absl::StatusOr<std::vector<int64_t>> key = strings::AttrsOf(context).GetIntList("key");
  if (!key.ok()) return context.Error(key.status().message());
  if (key->size() != 2) return context.Error("Key must have 2 elements");
  const uint64_t words[2] = {static_cast<uint64_t>((*key)[0]), static_cast<uint64_t>((*key)[1])};
  return HashToBuckets(context, [&](absl::string_view text) { return SipHash(words, text); });
}

void StoreFingerprint(uint64_t fingerprint, uint8_t* out) {
  for (int b = 0; b < 8; ++b) out[b] = static_cast<uint8_t>(fingerprint >> (8 * b));
}

absl::Status ComputeFingerprint(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& data = context.input(0);
  const Tensor& method = context.input(1);
  if (absl::Status status = strings::CheckStringInput(context, 1, "method"); !status.ok()) {
    return status;
  }
  if (method.rank() != 0) {
    return context.Error(
        absl::StrCat("`method` should be a scalar string: ", ShapeString(method.shape())));
  }
  if (method.strings()[0] != "farmhash64") {
    return context.Error(absl::StrCat("Unsupported fingerprint method: ", method.strings()[0]));
  }
  const bool is_string = data.dtype() == tensorflow::DT_STRING;
  if (!is_string && DataTypeSize(data.dtype()) == 0) {
    return context.Error(absl::StrCat("Data type not supported: ", DataTypeName(data.dtype())));
  }
  if (data.rank() < 1) {
    return context.Error(
        absl::StrCat("`data` should have at least one dimension: ", ShapeString(data.shape())));
  }
  const int64_t rows = data.dim(0);
  const int64_t per_row = rows == 0 ? 0 : data.num_elements() / rows;
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_UINT8, {rows, 8});
  if (!output.ok()) return context.Error(output.status().message());
  uint8_t* out = output->mutable_data<uint8_t>();
  for (int64_t r = 0; r < rows; ++r) {
    uint64_t fingerprint;
    if (!is_string) {
      const int64_t bytes = per_row * DataTypeSize(data.dtype());
      fingerprint = misc::Fingerprint64(absl::string_view(
          static_cast<const char*>(data.raw_data()) + r * bytes, static_cast<size_t>(bytes)));
    } else if (per_row == 1) {
      fingerprint = misc::Fingerprint64(data.strings()[r]);
    } else {
      // Several strings per row: the fingerprint of their fingerprints' bytes.
      std::string buffer(per_row * 8, '\0');
      for (int64_t k = 0; k < per_row; ++k) {
        StoreFingerprint(misc::Fingerprint64(data.strings()[r * per_row + k]),
                         reinterpret_cast<uint8_t*>(buffer.data()) + 8 * k);
      }
      fingerprint = misc::Fingerprint64(buffer);
    }
    StoreFingerprint(fingerprint, out + 8 * r);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("StringToHashBucket", ComputeStringToHashBucket);
REGISTER_KERNEL("StringToHashBucketStrong", ComputeStringToHashBucketStrong);
REGISTER_KERNEL("Fingerprint", ComputeFingerprint);

}  // namespace
}  // namespace tfjs::runtime
