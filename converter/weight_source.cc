#include "converter/weight_source.h"

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "converter/readers/checkpoint/crc32c.h"
#include "converter/readers/checkpoint/random_access_file.h"

namespace tfjs::converter {

absl::Status WeightSourceCrcMismatch(const WeightSource& source) {
  return absl::DataLossError(absl::StrCat(source.path, ": tensor '", source.checkpoint_key,
                                          "': crc32c mismatch (data file corrupted)"));
}

absl::Status ReadWeightSource(const WeightSource& source, std::string* bytes) {
  absl::StatusOr<std::unique_ptr<RandomAccessFile>> file = RandomAccessFile::Open(source.path);
  if (!file.ok()) return file.status();
  // resize() zero-fills, but this path only serves weights a pass or a dtype conversion needs in
  // memory anyway; the shard writer copies the rest without reading them here.
  bytes->resize(source.size);
  if (absl::Status s = (*file)->Read(source.offset, source.size, bytes->data()); !s.ok()) return s;
  if (source.has_crc32c && crc32c::Value(*bytes) != source.crc32c) return WeightSourceCrcMismatch(source);
  return absl::OkStatus();
}

}  // namespace tfjs::converter
