// Writes binary frozen GraphDefs of any size (past protobuf's 2 GiB limit) quickly: float32
// Consts concatenated by one ConcatV2, their values written sparse (mostly holes) or dense, for
// the converter's big-graph test and benchmark.
#ifndef TFJS_NATIVE_TESTDATA_TOOLS_BIG_FROZEN_GRAPH_WRITER_H_
#define TFJS_NATIVE_TESTDATA_TOOLS_BIG_FROZEN_GRAPH_WRITER_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/types/span.h"

namespace tfjs::testdata {

struct BigFrozenGraphSpec {
  // Consts "w0" ... "w<consts - 1>", float32 vectors of `const_bytes` bytes each (a positive
  // multiple of 8), then Const "axis" (int32 0) and "concat" = ConcatV2(w0, ..., axis), the
  // graph's output.
  int consts = 4;
  int64_t const_bytes = int64_t{1} << 20;
  // Sparse: only the first, middle and last 4 KiB of each value hold data, the rest are holes
  // (zeros) the file system does not store, so that gigabytes are written in milliseconds.
  // Dense: every byte is written.
  bool sparse = true;
};

inline constexpr char kBigGraphOutput[] = "concat";

// The bytes [offset, offset + out.size()) of Const `index`'s value (offset and size multiples
// of 8), as WriteBigFrozenGraph writes them.
void BigConstBytes(const BigFrozenGraphSpec& spec, int index, uint64_t offset,
                   absl::Span<char> out);

// Writes the graph to `path` (replacing it); errors name the file.
absl::Status WriteBigFrozenGraph(const std::string& path, const BigFrozenGraphSpec& spec);

}  // namespace tfjs::testdata

#endif  // TFJS_NATIVE_TESTDATA_TOOLS_BIG_FROZEN_GRAPH_WRITER_H_
