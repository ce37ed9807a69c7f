#include "testdata/tools/streaming_bundle_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "converter/readers/checkpoint/crc32c.h"
#include "proto/dtype_size.h"
#include "converter/readers/checkpoint/slice_key.h"
#include "testdata/tools/table_builder.h"

namespace tfjs::testdata {
namespace {

namespace crc32c = converter::crc32c;

// TF's kTensorBundleVersion, written as the header's producer version.
constexpr int kBundleVersion = 1;
// Bytes generated and written at a time.
constexpr size_t kChunkBytes = 4 << 20;

absl::Status WriteError(const std::string& path) {
  return absl::UnavailableError(absl::StrCat(path, ": cannot write: ", std::strerror(errno)));
}

}  // namespace

StreamingBundleWriter::StreamingBundleWriter(std::string prefix, std::vector<Shard> shards)
    : prefix_(std::move(prefix)), shards_(std::move(shards)), chunk_(kChunkBytes) {}

StreamingBundleWriter::~StreamingBundleWriter() {
  for (Shard& shard : shards_) {
    if (shard.file != nullptr) std::fclose(shard.file);
  }
}

absl::StatusOr<std::unique_ptr<StreamingBundleWriter>> StreamingBundleWriter::Create(
    std::string prefix, int num_shards) {
  if (num_shards <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(prefix, ": num_shards must be positive, is ", num_shards));
  }
  std::vector<Shard> shards(num_shards);
  for (int i = 0; i < num_shards; ++i) {
    shards[i].path = absl::StrFormat("%s.data-%05d-of-%05d", prefix, i, num_shards);
  }
  // Owned by the writer from here on, so that files opened before a failure are closed.
  auto writer = std::unique_ptr<StreamingBundleWriter>(
      new StreamingBundleWriter(std::move(prefix), std::move(shards)));
  for (Shard& shard : writer->shards_) {
    shard.file = std::fopen(shard.path.c_str(), "wb");
    if (shard.file == nullptr) {
      return absl::UnavailableError(
          absl::StrCat(shard.path, ": cannot create: ", std::strerror(errno)));
    }
  }
  return writer;
}

absl::Status StreamingBundleWriter::Add(const std::string& key, tensorflow::DataType dtype,
                                        const tensorflow::TensorShapeProto& shape, int shard_id,
                                        const TensorBytesFiller& fill) {
  auto error = [&](absl::string_view problem) {
    return absl::InvalidArgumentError(absl::StrCat(prefix_, ": tensor '", key, "': ", problem));
  };
  if (key.empty() || key.front() == converter::kSliceKeyFirstByte) {
    return error("key is empty or starts with a NUL byte");
  }
  if (entries_.count(key) > 0) return error("added twice");
  if (shard_id < 0 || shard_id >= static_cast<int>(shards_.size())) {
    return error(absl::StrCat("shard ", shard_id, " outside [0, ", shards_.size(), ")"));
  }
  const size_t element_size = tfjs::DataTypeSize(dtype);
  if (element_size == 0 || dtype == tensorflow::DT_STRING) {
    return error(absl::StrCat("dtype ", tensorflow::DataType_Name(dtype), " cannot be streamed"));
  }
  if (shape.unknown_rank()) return error("shape has unknown rank");
  uint64_t num_elements = 1;
  for (const tensorflow::TensorShapeProto::Dim& dim : shape.dim()) {
    if (dim.size() < 0) return error("shape has an unknown dimension");
    num_elements *= static_cast<uint64_t>(dim.size());
  }

  Shard& shard = shards_[shard_id];
  if (shard.file == nullptr) return error("the writer is already finished");
  const uint64_t total = num_elements * element_size;
  const size_t chunk_capacity = chunk_.size() / element_size * element_size;
  uint32_t crc = 0;
  for (uint64_t offset = 0; offset < total;) {
    const size_t length = static_cast<size_t>(std::min<uint64_t>(chunk_capacity, total - offset));
    absl::Span<char> chunk(chunk_.data(), length);
    fill(offset, chunk);
    crc = crc32c::Extend(crc, absl::string_view(chunk.data(), chunk.size()));
    if (std::fwrite(chunk.data(), 1, length, shard.file) != length) return WriteError(shard.path);
    offset += length;
  }

  tensorflow::BundleEntryProto entry;
  entry.set_dtype(dtype);
  *entry.mutable_shape() = shape;
  entry.set_shard_id(shard_id);
  entry.set_offset(shard.size);
  entry.set_size(static_cast<int64_t>(total));
  entry.set_crc32c(crc32c::Mask(crc));
  shard.size += static_cast<int64_t>(total);
  entries_[key] = std::move(entry);
  return absl::OkStatus();
}

absl::Status StreamingBundleWriter::Finish() {
  for (Shard& shard : shards_) {
    if (shard.file == nullptr) {
      return absl::FailedPreconditionError(absl::StrCat(prefix_, ": Finish called twice"));
    }
    std::FILE* file = shard.file;
    shard.file = nullptr;
    if (std::fclose(file) != 0) return WriteError(shard.path);
  }
  tensorflow::BundleHeaderProto header;
  header.set_num_shards(static_cast<int>(shards_.size()));
  header.set_endianness(tensorflow::BundleHeaderProto::LITTLE);
  header.mutable_version()->set_producer(kBundleVersion);

  TableBuilder table;
  table.Add("", header.SerializeAsString());
  for (const auto& [key, entry] : entries_) table.Add(key, entry.SerializeAsString());
  const std::string index = table.Finish();
  const std::string index_path = prefix_ + ".index";
  std::FILE* file = std::fopen(index_path.c_str(), "wb");
  if (file == nullptr) return WriteError(index_path);
  const bool written = std::fwrite(index.data(), 1, index.size(), file) == index.size();
  if (std::fclose(file) != 0 || !written) return WriteError(index_path);
  return absl::OkStatus();
}

}  // namespace tfjs::testdata
