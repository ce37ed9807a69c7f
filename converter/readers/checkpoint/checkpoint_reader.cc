#include "converter/readers/checkpoint/checkpoint_reader.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "converter/readers/checkpoint/coding.h"
#include "converter/readers/checkpoint/crc32c.h"
#include "proto/dtype_size.h"
#include "converter/readers/checkpoint/random_access_file.h"
#include "converter/readers/checkpoint/slice_key.h"
#include "converter/readers/checkpoint/table_reader.h"

namespace tfjs::converter {
namespace {

using tensorflow::BundleEntryProto;
using tensorflow::BundleHeaderProto;
using tensorflow::TensorProto;
using tensorflow::TensorShapeProto;
using tensorflow::TensorSliceProto;
using StringList = google::protobuf::RepeatedPtrField<std::string>;

// The newest bundle format version this reader understands (TF's kTensorBundleVersion).
constexpr int kBundleVersion = 1;
// How many keys a "not found" error lists.
constexpr int kKeysInNotFoundError = 5;

std::string DataFilename(absl::string_view prefix, int shard, int num_shards) {
  return absl::StrFormat("%s.data-%05d-of-%05d", prefix, shard, num_shards);
}

bool IsSliceKey(absl::string_view key) { return !key.empty() && key.front() == kSliceKeyFirstByte; }

absl::StatusOr<std::vector<int64_t>> Dims(const TensorShapeProto& shape) {
  if (shape.unknown_rank()) return absl::DataLossError("shape has unknown rank");
  std::vector<int64_t> dims;
  for (const TensorShapeProto::Dim& dim : shape.dim()) {
    if (dim.size() < 0) return absl::DataLossError(absl::StrCat("negative dimension ", dim.size()));
    dims.push_back(dim.size());
  }
  return dims;
}

absl::StatusOr<uint64_t> NumElements(const std::vector<int64_t>& dims) {
  uint64_t count = 1;
  for (const int64_t dim : dims) {
    if (dim != 0 && count > std::numeric_limits<int64_t>::max() / static_cast<uint64_t>(dim)) {
      return absl::DataLossError("shape has too many elements");
    }
    count *= static_cast<uint64_t>(dim);
  }
  return count;
}

// Copies one slice of a row-major tensor into the full tensor: calls
// copy_run(slice_index, full_index, count) for every run of elements contiguous in both.
template <typename CopyRun>
void ForEachSliceRun(const std::vector<int64_t>& full_dims, const std::vector<int64_t>& starts,
                     const std::vector<int64_t>& lengths, CopyRun copy_run) {
  const size_t rank = full_dims.size();
  for (const int64_t length : lengths) {
    if (length == 0) return;
  }
  if (rank == 0) {
    copy_run(0, 0, 1);
    return;
  }
  std::vector<int64_t> full_strides(rank, 1);
  for (size_t d = rank - 1; d > 0; --d) full_strides[d - 1] = full_strides[d] * full_dims[d];
  const int64_t run = lengths[rank - 1];
  std::vector<int64_t> position(rank, 0);  // Index within the slice; last dim stays 0.
  uint64_t slice_index = 0;
  while (true) {
    uint64_t full_index = 0;
    for (size_t d = 0; d < rank; ++d) full_index += (starts[d] + position[d]) * full_strides[d];
    copy_run(slice_index, full_index, static_cast<uint64_t>(run));
    slice_index += static_cast<uint64_t>(run);
    // Advance like an odometer over every dimension but the last (which is the run).
    int d = static_cast<int>(rank) - 2;
    for (; d >= 0; --d) {
      if (++position[d] < lengths[d]) break;
      position[d] = 0;
    }
    if (d < 0) return;
  }
}

class BundleReader final : public CheckpointReader {
 public:
  BundleReader(std::string prefix, std::string index_path, int num_shards,
               std::vector<std::string> keys,
               absl::flat_hash_map<std::string, BundleEntryProto> entries)
      : prefix_(std::move(prefix)),
        index_path_(std::move(index_path)),
        num_shards_(num_shards),
        keys_(std::move(keys)),
        entries_(std::move(entries)),
        shards_(num_shards) {}

  std::vector<std::string> Keys() const override { return keys_; }

  bool Contains(absl::string_view key) const override {
    return !key.empty() && !IsSliceKey(key) && entries_.contains(key);
  }

  absl::StatusOr<BundleEntryProto> Entry(absl::string_view key) const override {
    absl::StatusOr<const BundleEntryProto*> entry = Find(key);
    if (!entry.ok()) return entry.status();
    return **entry;
  }

  absl::StatusOr<TensorProto> Read(absl::string_view key) const override {
    absl::StatusOr<const BundleEntryProto*> found = Find(key);
    if (!found.ok()) return found.status();
    const BundleEntryProto& entry = **found;
    TensorProto tensor;
    tensor.set_dtype(entry.dtype());
    *tensor.mutable_tensor_shape() = entry.shape();
    absl::Status status =
        entry.slices_size() > 0 ? ReadSliced(key, entry, &tensor) : ReadWhole(key, entry, &tensor);
    if (!status.ok()) return status;
    return tensor;
  }

  absl::StatusOr<std::optional<WeightSource>> Locate(absl::string_view key) const override {
    absl::StatusOr<const BundleEntryProto*> found = Find(key);
    if (!found.ok()) return found.status();
    const BundleEntryProto& entry = **found;
    if (entry.slices_size() > 0 || entry.dtype() == tensorflow::DT_STRING) return std::nullopt;
    uint64_t num_elements = 0;
    absl::StatusOr<const RandomAccessFile*> shard = CheckedShard(key, entry, &num_elements);
    if (!shard.ok()) return shard.status();
    if (absl::Status s = (*shard)->CheckRange(entry.offset(), entry.size()); !s.ok()) return s;
    WeightSource source;
    source.path = (*shard)->path();
    source.offset = static_cast<uint64_t>(entry.offset());
    source.size = static_cast<uint64_t>(entry.size());
    source.crc32c = crc32c::Unmask(entry.crc32c());
    source.dtype = entry.dtype();
    source.shape = entry.shape();
    source.checkpoint_key = std::string(key);
    return source;
  }

 private:
  absl::StatusOr<const BundleEntryProto*> Find(absl::string_view key) const {
    if (!Contains(key)) {
      std::vector<std::string> examples(
          keys_.begin(), keys_.begin() + std::min<size_t>(keys_.size(), kKeysInNotFoundError));
      return absl::NotFoundError(
          absl::StrCat(index_path_, ": tensor '", key, "' not found in checkpoint (", keys_.size(),
                       " tensors, e.g. '", absl::StrJoin(examples, "', '"), "')"));
    }
    return &entries_.find(key)->second;
  }

  absl::Status TensorError(absl::string_view file, absl::string_view key,
                           absl::string_view problem) const {
    return absl::DataLossError(absl::StrCat(file, ": tensor '", key, "': ", problem));
  }

  absl::Status UnsupportedDtype(absl::string_view key, tensorflow::DataType dtype) const {
    return absl::UnimplementedError(absl::StrCat(index_path_, ": tensor '", key, "' has dtype ",
                                                 tensorflow::DataType_Name(dtype),
                                                 ", which checkpoint reading does not support"));
  }

  absl::StatusOr<const RandomAccessFile*> Shard(int shard_id) const {
    absl::MutexLock lock(&mu_);
    std::unique_ptr<RandomAccessFile>& shard = shards_[shard_id];
    if (shard == nullptr) {
      const std::string path = DataFilename(prefix_, shard_id, num_shards_);
      absl::StatusOr<std::unique_ptr<RandomAccessFile>> opened = RandomAccessFile::Open(path);
      if (!opened.ok()) {
        return absl::Status(opened.status().code(),
                            absl::StrCat("missing or unreadable data shard ", shard_id, " of ",
                                         num_shards_, ": ", opened.status().message()));
      }
      shard = *std::move(opened);
    }
    return shard.get();
  }

  // Validates an unsliced entry of `key` (shape, shard id, offset and size, and for fixed-size
  // dtypes the size against the shape) and opens its data file.
  absl::StatusOr<const RandomAccessFile*> CheckedShard(absl::string_view key,
                                                       const BundleEntryProto& entry,
                                                       uint64_t* num_elements) const {
    absl::StatusOr<std::vector<int64_t>> dims = Dims(entry.shape());
    if (!dims.ok()) return TensorError(index_path_, key, dims.status().message());
    absl::StatusOr<uint64_t> elements = NumElements(*dims);
    if (!elements.ok()) return TensorError(index_path_, key, elements.status().message());
    *num_elements = *elements;
    if (entry.shard_id() < 0 || entry.shard_id() >= num_shards_) {
      return TensorError(
          index_path_, key,
          absl::StrCat("shard id ", entry.shard_id(), " outside [0, ", num_shards_, ")"));
    }
    if (entry.offset() < 0 || entry.size() < 0) {
      return TensorError(index_path_, key, "negative offset or size");
    }
    if (entry.dtype() != tensorflow::DT_STRING) {
      const size_t element_size = DataTypeSize(entry.dtype());
      if (element_size == 0) return UnsupportedDtype(key, entry.dtype());
      if (*elements > std::numeric_limits<uint64_t>::max() / element_size ||
          static_cast<uint64_t>(entry.size()) != *elements * element_size) {
        return TensorError(index_path_, key,
                           absl::StrCat("entry size ", entry.size(), " bytes does not match ",
                                        tensorflow::DataType_Name(entry.dtype()), " x ",
                                        *elements, " elements"));
      }
    }
    return Shard(entry.shard_id());
  }

  // Reads tensor `key` (one whole tensor, or one slice) into `tensor`'s tensor_content or
  // string_val, verifying size and crc32c.
  absl::Status ReadWhole(absl::string_view key, const BundleEntryProto& entry,
                         TensorProto* tensor) const {
    uint64_t num_elements = 0;
    absl::StatusOr<const RandomAccessFile*> shard = CheckedShard(key, entry, &num_elements);
    if (!shard.ok()) return shard.status();
    if (entry.dtype() == tensorflow::DT_STRING) {
      return ReadStrings(key, entry, num_elements, **shard, tensor->mutable_string_val());
    }
    std::string* content = tensor->mutable_tensor_content();
    content->resize(entry.size());
    if (absl::Status s = (*shard)->Read(entry.offset(), entry.size(), content->data()); !s.ok()) {
      return s;
    }
    if (crc32c::Value(*content) != crc32c::Unmask(entry.crc32c())) {
      return TensorError((*shard)->path(), key, "crc32c mismatch (data file corrupted)");
    }
    return absl::OkStatus();
  }

  // String tensors: varint64 length of every element, the masked crc32c of those lengths (each
  // as a little-endian uint32, or uint64 when it does not fit), then the bytes. The entry's
  // crc32c covers the lengths (as checksummed), the length crc, and the bytes.
  absl::Status ReadStrings(absl::string_view key, const BundleEntryProto& entry,
                           uint64_t num_elements, const RandomAccessFile& shard,
                           StringList* out) const {
    std::string raw(entry.size(), '\0');
    if (absl::Status s = shard.Read(entry.offset(), entry.size(), raw.data()); !s.ok()) return s;
    if (raw.empty() && num_elements == 0) return absl::OkStatus();
    absl::string_view input = raw;
    std::vector<uint64_t> lengths;
    uint32_t crc = 0;
    uint64_t total_bytes = 0;
    for (uint64_t i = 0; i < num_elements; ++i) {
      uint64_t length;
      if (!coding::GetVarint64(&input, &length)) {
        return TensorError(shard.path(), key, "truncated string lengths");
      }
      std::string encoded_length;
      if (length <= std::numeric_limits<uint32_t>::max()) {
        coding::PutFixed32(&encoded_length, static_cast<uint32_t>(length));
      } else {
        coding::PutFixed64(&encoded_length, length);
      }
      crc = crc32c::Extend(crc, encoded_length);
      total_bytes += length;
      lengths.push_back(length);
    }
    if (input.size() < 4) return TensorError(shard.path(), key, "truncated string length crc");
    const absl::string_view length_crc = input.substr(0, 4);
    if (crc32c::Unmask(coding::DecodeFixed32(length_crc.data())) != crc) {
      return TensorError(shard.path(), key, "crc32c mismatch in string lengths");
    }
    crc = crc32c::Extend(crc, length_crc);
    input.remove_prefix(4);
    if (input.size() != total_bytes) {
      return TensorError(shard.path(), key,
                         absl::StrCat("string lengths sum to ", total_bytes,
                                      " bytes but the entry holds ", input.size()));
    }
    crc = crc32c::Extend(crc, input);
    if (crc != crc32c::Unmask(entry.crc32c())) {
      return TensorError(shard.path(), key, "crc32c mismatch (data file corrupted)");
    }
    out->Reserve(static_cast<int>(num_elements));
    for (const uint64_t length : lengths) {
      out->Add(std::string(input.substr(0, length)));
      input.remove_prefix(length);
    }
    return absl::OkStatus();
  }

  // A partitioned variable: each listed slice is its own entry; copy them into place.
  absl::Status ReadSliced(absl::string_view key, const BundleEntryProto& entry,
                          TensorProto* tensor) const {
    absl::StatusOr<std::vector<int64_t>> full_dims = Dims(entry.shape());
    if (!full_dims.ok()) return TensorError(index_path_, key, full_dims.status().message());
    absl::StatusOr<uint64_t> num_elements = NumElements(*full_dims);
    if (!num_elements.ok()) return TensorError(index_path_, key, num_elements.status().message());
    const bool is_string = entry.dtype() == tensorflow::DT_STRING;
    const size_t element_size = DataTypeSize(entry.dtype());
    if (!is_string && element_size == 0) {
      return UnsupportedDtype(key, entry.dtype());
    }
    if (is_string) {
      for (uint64_t i = 0; i < *num_elements; ++i) tensor->add_string_val();
    } else {
      tensor->mutable_tensor_content()->resize(*num_elements * element_size);
    }
    const size_t rank = full_dims->size();
    uint64_t covered = 0;
    for (const TensorSliceProto& slice : entry.slices()) {
      if (static_cast<size_t>(slice.extent_size()) != rank) {
        return TensorError(index_path_, key, "slice rank differs from the tensor's rank");
      }
      std::vector<int64_t> starts(rank);
      std::vector<int64_t> lengths(rank);
      for (size_t d = 0; d < rank; ++d) {
        const TensorSliceProto::Extent& extent = slice.extent(static_cast<int>(d));
        const bool full = extent.has_length_case() != TensorSliceProto::Extent::kLength;
        starts[d] = full ? 0 : extent.start();
        lengths[d] = full ? (*full_dims)[d] : extent.length();
        if (starts[d] < 0 || lengths[d] < 0 || starts[d] > (*full_dims)[d] ||
            lengths[d] > (*full_dims)[d] - starts[d]) {
          return TensorError(index_path_, key, "slice extent outside the tensor");
        }
      }
      const std::string slice_key = EncodeSliceKey(key, slice);
      const auto slice_entry = entries_.find(slice_key);
      if (slice_entry == entries_.end()) {
        return TensorError(index_path_, key, "a listed slice has no entry in the index");
      }
      absl::StatusOr<std::vector<int64_t>> slice_dims = Dims(slice_entry->second.shape());
      if (slice_entry->second.dtype() != entry.dtype() || !slice_dims.ok() ||
          *slice_dims != lengths) {
        return TensorError(index_path_, key, "a slice's dtype or shape disagrees with its extent");
      }
      TensorProto part;
      if (absl::Status s = ReadWhole(key, slice_entry->second, &part); !s.ok()) return s;
      ForEachSliceRun(*full_dims, starts, lengths, [&](uint64_t from, uint64_t to, uint64_t count) {
        if (is_string) {
          for (uint64_t i = 0; i < count; ++i) {
            tensor->mutable_string_val(static_cast<int>(to + i))
                ->swap(*part.mutable_string_val(static_cast<int>(from + i)));
          }
        } else {
          std::memcpy(tensor->mutable_tensor_content()->data() + to * element_size,
                      part.tensor_content().data() + from * element_size, count * element_size);
        }
      });
      absl::StatusOr<uint64_t> slice_elements = NumElements(lengths);
      covered += *slice_elements;
    }
    if (covered != *num_elements) {
      return TensorError(index_path_, key,
                         absl::StrCat("slices cover ", covered, " elements of ", *num_elements));
    }
    return absl::OkStatus();
  }

  const std::string prefix_;
  const std::string index_path_;
  const int num_shards_;
  const std::vector<std::string> keys_;
  // Every entry but the header, slice entries included.
  const absl::flat_hash_map<std::string, BundleEntryProto> entries_;
  mutable absl::Mutex mu_;
  // Data files, opened on first use.
  mutable std::vector<std::unique_ptr<RandomAccessFile>> shards_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

absl::StatusOr<std::unique_ptr<CheckpointReader>> CheckpointReader::Open(
    const std::string& prefix) {
  const std::string index_path = prefix + ".index";
  absl::StatusOr<std::vector<table::TableEntry>> table = table::ReadTable(index_path);
  if (!table.ok()) return table.status();
  auto corrupt = [&](absl::string_view problem) {
    return absl::DataLossError(absl::StrCat(index_path, ": corrupt checkpoint index: ", problem));
  };
  if (table->empty() || !table->front().key.empty()) {
    return corrupt("no bundle header (the entry with the empty key)");
  }
  BundleHeaderProto header;
  if (!header.ParseFromString(table->front().value)) {
    return corrupt("bundle header does not parse");
  }
  if (header.endianness() == BundleHeaderProto::BIG) {
    return absl::UnimplementedError(
        absl::StrCat(index_path, ": big-endian checkpoints are not supported"));
  }
  if (header.version().min_consumer() > kBundleVersion) {
    return absl::UnimplementedError(
        absl::StrCat(index_path, ": checkpoint needs a reader of bundle version >= ",
                     header.version().min_consumer(), "; this reader is version ", kBundleVersion));
  }
  if (header.num_shards() <= 0) {
    return corrupt(absl::StrCat("bad shard count ", header.num_shards()));
  }

  std::vector<std::string> keys;
  absl::flat_hash_map<std::string, BundleEntryProto> entries;
  for (size_t i = 1; i < table->size(); ++i) {
    table::TableEntry& item = (*table)[i];
    BundleEntryProto entry;
    if (!entry.ParseFromString(item.value)) {
      return corrupt(absl::StrCat("entry for '", IsSliceKey(item.key) ? "<slice>" : item.key,
                                  "' does not parse"));
    }
    if (!IsSliceKey(item.key)) keys.push_back(item.key);
    entries.emplace(std::move(item.key), std::move(entry));
  }
  return std::unique_ptr<CheckpointReader>(new BundleReader(prefix, index_path, header.num_shards(),
                                                            std::move(keys), std::move(entries)));
}

}  // namespace tfjs::converter
