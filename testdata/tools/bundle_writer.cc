#include "testdata/tools/bundle_writer.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "converter/readers/checkpoint/coding.h"
#include "converter/readers/checkpoint/crc32c.h"
#include "proto/dtype_size.h"
#include "converter/readers/checkpoint/slice_key.h"
#include "testdata/tools/table_builder.h"

namespace tfjs::testdata {
namespace {

namespace coding = converter::coding;
namespace crc32c = converter::crc32c;
using tensorflow::TensorProto;
using tensorflow::TensorShapeProto;
using tensorflow::TensorSliceProto;

// TF's kTensorBundleVersion, written as the header's producer version.
constexpr int kBundleVersion = 1;

absl::StatusOr<int64_t> NumElements(const TensorShapeProto& shape) {
  if (shape.unknown_rank()) return absl::InvalidArgumentError("shape has unknown rank");
  int64_t count = 1;
  for (const TensorShapeProto::Dim& dim : shape.dim()) {
    if (dim.size() < 0) return absl::InvalidArgumentError("shape has an unknown dimension");
    count *= dim.size();
  }
  return count;
}

// Appends `values` as little-endian elements of `element_size` bytes (truncating wider values,
// e.g. int_val for an int8 tensor).
template <typename Values>
void AppendLittleEndian(const Values& values, size_t element_size, std::string* out) {
  for (const auto value : values) {
    uint64_t bits = 0;
    static_assert(sizeof(value) <= sizeof(bits));
    std::memcpy(&bits, &value, sizeof(value));
    for (size_t i = 0; i < element_size; ++i) out->push_back(static_cast<char>(bits >> (8 * i)));
  }
}

// The tensor's element bytes as TF lays them out, from tensor_content or the typed field.
absl::StatusOr<std::string> NumericBytes(const TensorProto& tensor, int64_t num_elements) {
  const size_t element_size = tfjs::DataTypeSize(tensor.dtype());
  if (element_size == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("dtype ", tensorflow::DataType_Name(tensor.dtype()), " cannot be written"));
  }
  const uint64_t expected = static_cast<uint64_t>(num_elements) * element_size;
  if (!tensor.tensor_content().empty() || num_elements == 0) {
    if (tensor.tensor_content().size() != expected) {
      return absl::InvalidArgumentError(absl::StrCat("tensor_content has ",
                                                     tensor.tensor_content().size(),
                                                     " bytes, the shape needs ", expected));
    }
    return tensor.tensor_content();
  }
  std::string bytes;
  switch (tensor.dtype()) {
    case tensorflow::DT_FLOAT:
      AppendLittleEndian(tensor.float_val(), element_size, &bytes);
      break;
    case tensorflow::DT_DOUBLE:
      AppendLittleEndian(tensor.double_val(), element_size, &bytes);
      break;
    case tensorflow::DT_INT32:
    case tensorflow::DT_INT16:
    case tensorflow::DT_INT8:
    case tensorflow::DT_UINT8:
    case tensorflow::DT_UINT16:
      AppendLittleEndian(tensor.int_val(), element_size, &bytes);
      break;
    case tensorflow::DT_INT64:
      AppendLittleEndian(tensor.int64_val(), element_size, &bytes);
      break;
    case tensorflow::DT_BOOL:
      AppendLittleEndian(tensor.bool_val(), element_size, &bytes);
      break;
    case tensorflow::DT_HALF:
    case tensorflow::DT_BFLOAT16:
      AppendLittleEndian(tensor.half_val(), element_size, &bytes);
      break;
    case tensorflow::DT_UINT32:
      AppendLittleEndian(tensor.uint32_val(), element_size, &bytes);
      break;
    case tensorflow::DT_UINT64:
      AppendLittleEndian(tensor.uint64_val(), element_size, &bytes);
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          "dtype ", tensorflow::DataType_Name(tensor.dtype()), " needs tensor_content"));
  }
  if (bytes.size() != expected) {
    return absl::InvalidArgumentError(absl::StrCat("typed values hold ",
                                                   bytes.size() / element_size,
                                                   " elements, the shape has ", num_elements));
  }
  return bytes;
}

// TF's string tensor layout: varint64 lengths, the masked crc32c of the lengths (each as
// little-endian uint32, or uint64 when larger), then the bytes. Returns the crc32c of the
// whole record as TF computes it (lengths as checksummed, the length crc, the bytes).
uint32_t AppendStrings(const TensorProto& tensor, std::string* out) {
  uint32_t crc = 0;
  for (const std::string& value : tensor.string_val()) {
    coding::PutVarint64(out, value.size());
    std::string checksummed_length;
    if (value.size() <= std::numeric_limits<uint32_t>::max()) {
      coding::PutFixed32(&checksummed_length, static_cast<uint32_t>(value.size()));
    } else {
      coding::PutFixed64(&checksummed_length, value.size());
    }
    crc = crc32c::Extend(crc, checksummed_length);
  }
  std::string length_crc;
  coding::PutFixed32(&length_crc, crc32c::Mask(crc));
  out->append(length_crc);
  crc = crc32c::Extend(crc, length_crc);
  for (const std::string& value : tensor.string_val()) {
    out->append(value);
    crc = crc32c::Extend(crc, value);
  }
  return crc;
}

absl::Status WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  file.close();
  if (!file) return absl::UnavailableError(absl::StrCat(path, ": cannot write"));
  return absl::OkStatus();
}

}  // namespace

BundleWriter::BundleWriter(std::string prefix, BundleWriterOptions options)
    : prefix_(std::move(prefix)),
      options_(options),
      shard_data_(options.num_shards > 0 ? options.num_shards : 0) {}

absl::Status BundleWriter::Add(const std::string& key, const TensorProto& tensor, int shard) {
  if (key.empty() || key.front() == converter::kSliceKeyFirstByte) {
    return absl::InvalidArgumentError(
        absl::StrCat(prefix_, ": tensor key '", key, "' is empty or starts with a NUL byte"));
  }
  if (entries_.count(key) > 0) {
    return absl::InvalidArgumentError(absl::StrCat(prefix_, ": duplicate tensor key '", key, "'"));
  }
  return AddEntry(key, tensor, shard);
}

absl::Status BundleWriter::AddEntry(const std::string& index_key, const TensorProto& tensor,
                                    int shard) {
  auto error = [&](absl::string_view problem) {
    return absl::InvalidArgumentError(
        absl::StrCat(prefix_, ": tensor '", index_key, "': ", problem));
  };
  if (shard < 0 || shard >= static_cast<int>(shard_data_.size())) {
    return error(absl::StrCat("shard ", shard, " outside [0, ", shard_data_.size(), ")"));
  }
  absl::StatusOr<int64_t> num_elements = NumElements(tensor.tensor_shape());
  if (!num_elements.ok()) return error(num_elements.status().message());

  std::string& data = shard_data_[shard];
  tensorflow::BundleEntryProto entry;
  entry.set_dtype(tensor.dtype());
  *entry.mutable_shape() = tensor.tensor_shape();
  entry.set_shard_id(shard);
  entry.set_offset(static_cast<int64_t>(data.size()));
  uint32_t crc;
  if (tensor.dtype() == tensorflow::DT_STRING) {
    if (tensor.string_val_size() != *num_elements) {
      return error(
          absl::StrCat(tensor.string_val_size(), " strings for ", *num_elements, " elements"));
    }
    crc = AppendStrings(tensor, &data);
  } else {
    absl::StatusOr<std::string> bytes = NumericBytes(tensor, *num_elements);
    if (!bytes.ok()) return error(bytes.status().message());
    data.append(*bytes);
    crc = crc32c::Value(*bytes);
  }
  entry.set_size(static_cast<int64_t>(data.size()) - entry.offset());
  entry.set_crc32c(crc32c::Mask(crc));
  entries_[index_key] = std::move(entry);
  return absl::OkStatus();
}

absl::Status BundleWriter::AddSlice(const std::string& key, const TensorShapeProto& full_shape,
                                    const TensorSliceProto& slice, const TensorProto& slice_tensor,
                                    int shard) {
  auto error = [&](absl::string_view problem) {
    return absl::InvalidArgumentError(absl::StrCat(prefix_, ": slice of '", key, "': ", problem));
  };
  if (slice.extent_size() != full_shape.dim_size() ||
      slice_tensor.tensor_shape().dim_size() != full_shape.dim_size()) {
    return error("slice rank differs from the full shape's rank");
  }
  bool covers_everything = true;
  for (int d = 0; d < full_shape.dim_size(); ++d) {
    const TensorSliceProto::Extent& extent = slice.extent(d);
    const int64_t dim = full_shape.dim(d).size();
    const bool full = extent.has_length_case() != TensorSliceProto::Extent::kLength;
    const int64_t start = full ? 0 : extent.start();
    const int64_t length = full ? dim : extent.length();
    if (start < 0 || length < 0 || start + length > dim) return error("extent outside the shape");
    if (slice_tensor.tensor_shape().dim(d).size() != length) {
      return error("slice tensor's shape differs from the extent");
    }
    covers_everything = covers_everything && length == dim;
  }
  if (covers_everything) return Add(key, slice_tensor, shard);

  auto full = entries_.find(key);
  if (full != entries_.end() && full->second.slices_size() == 0) {
    return error("key already holds a whole tensor");
  }
  if (full != entries_.end() && full->second.dtype() != slice_tensor.dtype()) {
    return error("dtype differs from earlier slices");
  }
  const std::string slice_key = converter::EncodeSliceKey(key, slice);
  if (entries_.count(slice_key) > 0) return error("slice added twice");
  if (absl::Status s = AddEntry(slice_key, slice_tensor, shard); !s.ok()) return s;
  tensorflow::BundleEntryProto& full_entry = entries_[key];
  full_entry.set_dtype(slice_tensor.dtype());
  *full_entry.mutable_shape() = full_shape;
  *full_entry.add_slices() = slice;
  return absl::OkStatus();
}

absl::Status BundleWriter::Finish() {
  if (shard_data_.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(prefix_, ": num_shards must be positive, is ", options_.num_shards));
  }
  const int num_shards = static_cast<int>(shard_data_.size());
  for (int shard = 0; shard < num_shards; ++shard) {
    const std::string path = absl::StrFormat("%s.data-%05d-of-%05d", prefix_, shard, num_shards);
    if (absl::Status s = WriteFile(path, shard_data_[shard]); !s.ok()) return s;
  }
  tensorflow::BundleHeaderProto header;
  header.set_num_shards(num_shards);
  header.set_endianness(tensorflow::BundleHeaderProto::LITTLE);
  header.mutable_version()->set_producer(kBundleVersion);

  TableBuilder table(TableOptions{options_.index_block_size, options_.index_restart_interval});
  table.Add("", header.SerializeAsString());
  for (const auto& [key, entry] : entries_) table.Add(key, entry.SerializeAsString());
  return WriteFile(prefix_ + ".index", table.Finish());
}

}  // namespace tfjs::testdata
