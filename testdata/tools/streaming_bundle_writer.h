// StreamingBundleWriter: writes a TF checkpoint (`PREFIX.index` + `PREFIX.data-*`) whose tensors
// are generated chunk by chunk straight into the data files, so that checkpoints of many GiB are
// made in a few MiB of memory (benchmark models). Same on-disk format as BundleWriter.
#ifndef TFJS_NATIVE_TESTDATA_TOOLS_STREAMING_BUNDLE_WRITER_H_
#define TFJS_NATIVE_TESTDATA_TOOLS_STREAMING_BUNDLE_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "proto/tensor.pb.h"
#include "proto/tensor_bundle.pb.h"
#include "proto/types.pb.h"

namespace tfjs::testdata {

// Fills `chunk` with the tensor's little-endian bytes starting at byte `offset` of its data.
// Chunks start and end on element boundaries.
using TensorBytesFiller = std::function<void(uint64_t offset, absl::Span<char> chunk)>;

class StreamingBundleWriter {
 public:
  // Creates PREFIX.data-00000-of-N ... PREFIX.data-(N-1)-of-N; every one is written, even if empty.
  static absl::StatusOr<std::unique_ptr<StreamingBundleWriter>> Create(std::string prefix,
                                                                       int num_shards);
  ~StreamingBundleWriter();

  // Appends tensor `key` (numeric dtype, fully known shape) to data shard `shard`, its bytes
  // produced by `fill`.
  absl::Status Add(const std::string& key, tensorflow::DataType dtype,
                   const tensorflow::TensorShapeProto& shape, int shard,
                   const TensorBytesFiller& fill);

  // Closes the data files and writes the index. Errors name the file.
  absl::Status Finish();

 private:
  struct Shard {
    std::string path;
    std::FILE* file = nullptr;
    int64_t size = 0;
  };

  StreamingBundleWriter(std::string prefix, std::vector<Shard> shards);

  const std::string prefix_;
  std::vector<Shard> shards_;
  std::vector<char> chunk_;
  // Sorted bytewise, as the index table needs.
  std::map<std::string, tensorflow::BundleEntryProto> entries_;
};

}  // namespace tfjs::testdata

#endif  // TFJS_NATIVE_TESTDATA_TOOLS_STREAMING_BUNDLE_WRITER_H_
