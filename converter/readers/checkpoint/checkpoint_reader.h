// CheckpointReader: reads the tensors of a TF checkpoint (tensor bundle: `PREFIX.index` +
// `PREFIX.data-NNNNN-of-MMMMM`), as SavedModels store their variables.
#ifndef TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_CHECKPOINT_READER_H_
#define TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_CHECKPOINT_READER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "converter/weight_source.h"
#include "proto/tensor.pb.h"
#include "proto/tensor_bundle.pb.h"

namespace tfjs::converter {

class CheckpointReader {
 public:
  // `prefix` is e.g. "model/variables/variables". Reads and validates the index; data files are
  // opened lazily. Errors name the file and the problem.
  static absl::StatusOr<std::unique_ptr<CheckpointReader>> Open(const std::string& prefix);
  virtual ~CheckpointReader() = default;

  // Every tensor key in index order (excluding the header and slice sub-entries).
  virtual std::vector<std::string> Keys() const = 0;
  virtual bool Contains(absl::string_view key) const = 0;
  // dtype + shape (+ slices for partitioned variables) of `key`.
  virtual absl::StatusOr<tensorflow::BundleEntryProto> Entry(absl::string_view key) const = 0;
  // The full tensor: numeric data in `tensor_content` (little-endian), strings in `string_val`.
  // Sliced variables are assembled; crc32c is checked.
  virtual absl::StatusOr<tensorflow::TensorProto> Read(absl::string_view key) const = 0;
  // Where the bytes of `key` lie, without reading them: the entry is validated (dtype, size
  // against shape, byte range inside the data file) but the crc32c is left to whoever reads the
  // bytes. nullopt for tensors that are not one contiguous run of fixed-size elements (strings,
  // sliced variables), which only Read can assemble.
  virtual absl::StatusOr<std::optional<WeightSource>> Locate(absl::string_view key) const = 0;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_CHECKPOINT_READER_H_
