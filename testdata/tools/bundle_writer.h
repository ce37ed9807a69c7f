// BundleWriter: writes a TF checkpoint (tensor bundle: `PREFIX.index` + `PREFIX.data-*`) in the
// exact format TF writes, from TensorProtos; used by tests and tools that make test SavedModels.
#ifndef TFJS_NATIVE_TESTDATA_TOOLS_BUNDLE_WRITER_H_
#define TFJS_NATIVE_TESTDATA_TOOLS_BUNDLE_WRITER_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "proto/tensor.pb.h"
#include "proto/tensor_bundle.pb.h"

namespace tfjs::testdata {

struct BundleWriterOptions {
  // Data files PREFIX.data-00000-of-N ... ; every one is written, even if empty.
  int num_shards = 1;
  // Index table layout (TF's defaults); tests shrink these to get many blocks and restarts.
  size_t index_block_size = 256 * 1024;
  int index_restart_interval = 16;
};

class BundleWriter {
 public:
  explicit BundleWriter(std::string prefix, BundleWriterOptions options = {});

  // Adds tensor `key` to data shard `shard`. `tensor` needs dtype and tensor_shape; values come
  // from tensor_content (little-endian) or from the typed field for the dtype (float_val,
  // double_val, int_val, int64_val, bool_val, half_val, uint32_val, uint64_val, string_val)
  // holding exactly one value per element.
  absl::Status Add(const std::string& key, const tensorflow::TensorProto& tensor, int shard = 0);

  // Adds one slice of partitioned variable `key`, whose full shape is `full_shape`; as TF does,
  // the full key lists the slices and each slice is stored under its encoded slice key. A slice
  // covering the whole tensor is stored as a plain tensor.
  absl::Status AddSlice(const std::string& key, const tensorflow::TensorShapeProto& full_shape,
                        const tensorflow::TensorSliceProto& slice,
                        const tensorflow::TensorProto& slice_tensor, int shard = 0);

  // Writes the data files and the index. Errors name the file or key.
  absl::Status Finish();

 private:
  absl::Status AddEntry(const std::string& index_key, const tensorflow::TensorProto& tensor,
                        int shard);

  const std::string prefix_;
  const BundleWriterOptions options_;
  std::vector<std::string> shard_data_;
  // Sorted bytewise, as the index table needs.
  std::map<std::string, tensorflow::BundleEntryProto> entries_;
};

}  // namespace tfjs::testdata

#endif  // TFJS_NATIVE_TESTDATA_TOOLS_BUNDLE_WRITER_H_
