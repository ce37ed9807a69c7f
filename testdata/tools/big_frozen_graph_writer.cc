#include "testdata/tools/big_frozen_graph_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/readers/checkpoint/coding.h"
#include "proto/graph.pb.h"

namespace tfjs::testdata {
namespace {

using converter::coding::PutVarint64;

constexpr uint64_t kMarkerBytes = 4096;
constexpr size_t kChunkBytes = size_t{1} << 20;
// Field numbers: GraphDef.node, NodeDef.attr, the attr map entry's key and value,
// AttrValue.tensor, TensorProto.tensor_content.
constexpr uint32_t kGraphNode = 1;
constexpr uint32_t kNodeAttr = 5;
constexpr uint32_t kEntryKey = 1;
constexpr uint32_t kEntryValue = 2;
constexpr uint32_t kAttrTensor = 8;
constexpr uint32_t kTensorContent = 4;

// Tag and length of a length-delimited field whose payload follows.
std::string FieldHeader(uint32_t number, uint64_t payload_size) {
  std::string header;
  PutVarint64(&header, (uint64_t{number} << 3) | 2);
  PutVarint64(&header, payload_size);
  return header;
}

std::string Field(uint32_t number, const std::string& payload) {
  return FieldHeader(number, payload.size()) + payload;
}

uint64_t PatternWord(int index, uint64_t word) {
  uint64_t x = (word + 1) * 0x9E3779B97F4A7C15ull ^ (static_cast<uint64_t>(index + 1) << 56);
  return x ^ (x >> 29);
}

struct ByteRange {
  uint64_t begin;
  uint64_t end;
};

// The ranges of a value that hold data, in order: all of it, or (sparse) its first, middle and
// last 4 KiB.
std::vector<ByteRange> DataRanges(const BigFrozenGraphSpec& spec) {
  const uint64_t size = static_cast<uint64_t>(spec.const_bytes);
  if (!spec.sparse || size <= 3 * kMarkerBytes) return {{0, size}};
  const uint64_t middle = size / 2 / kMarkerBytes * kMarkerBytes;
  return {{0, kMarkerBytes}, {middle, middle + kMarkerBytes}, {size - kMarkerBytes, size}};
}

tensorflow::AttrValue TypeAttr(tensorflow::DataType dtype) {
  tensorflow::AttrValue attr;
  attr.set_type(dtype);
  return attr;
}

class OutputFile {
 public:
  explicit OutputFile(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  }
  ~OutputFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  absl::Status OpenStatus() const { return fd_ >= 0 ? absl::OkStatus() : Error("cannot create"); }
  uint64_t offset() const { return offset_; }

  absl::Status Append(const char* data, size_t size) {
    if (absl::Status s = WriteAt(offset_, data, size); !s.ok()) return s;
    offset_ += size;
    return absl::OkStatus();
  }
  absl::Status Append(const std::string& bytes) { return Append(bytes.data(), bytes.size()); }
  // Leaves a hole of `size` bytes (zeros) to be filled, or not, by WriteAt.
  void Skip(uint64_t size) { offset_ += size; }

  absl::Status WriteAt(uint64_t offset, const char* data, size_t size) {
    while (size > 0) {
      const ssize_t n = ::pwrite(fd_, data, size, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Error("cannot write");
      data += n;
      offset += static_cast<uint64_t>(n);
      size -= static_cast<size_t>(n);
    }
    return absl::OkStatus();
  }

  absl::Status Finish() {
    if (::ftruncate(fd_, static_cast<off_t>(offset_)) != 0) return Error("cannot resize");
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return Error("cannot close");
    return absl::OkStatus();
  }

 private:
  absl::Status Error(absl::string_view what) const {
    return absl::UnavailableError(absl::StrCat(path_, ": ", what, ": ", std::strerror(errno)));
  }

  std::string path_;
  int fd_ = -1;
  uint64_t offset_ = 0;
};

// Writes Const `index` as one GraphDef node field, its tensor_content in place.
absl::Status WriteConst(const BigFrozenGraphSpec& spec, int index, OutputFile* file) {
  const uint64_t content_size = static_cast<uint64_t>(spec.const_bytes);
  tensorflow::NodeDef node;
  node.set_name(absl::StrCat("w", index));
  node.set_op("Const");
  (*node.mutable_attr())["dtype"] = TypeAttr(tensorflow::DT_FLOAT);
  tensorflow::TensorProto tensor;
  tensor.set_dtype(tensorflow::DT_FLOAT);
  tensor.mutable_tensor_shape()->add_dim()->set_size(spec.const_bytes / 4);
  // Protobuf cannot serialize a value this large: the nested lengths are encoded by hand.
  const std::string content_header = FieldHeader(kTensorContent, content_size);
  const std::string tensor_head = tensor.SerializeAsString() + content_header;
  const uint64_t tensor_size = tensor_head.size() + content_size;
  const std::string attr_head = FieldHeader(kAttrTensor, tensor_size);
  const uint64_t attr_size = attr_head.size() + tensor_size;
  const std::string entry_head = Field(kEntryKey, "value") + FieldHeader(kEntryValue, attr_size);
  const uint64_t entry_size = entry_head.size() + attr_size;
  const std::string node_head = node.SerializeAsString() + FieldHeader(kNodeAttr, entry_size);
  const uint64_t node_size = node_head.size() + entry_size;
  const std::string head =
      FieldHeader(kGraphNode, node_size) + node_head + entry_head + attr_head + tensor_head;
  if (absl::Status s = file->Append(head); !s.ok()) return s;

  const uint64_t content_begin = file->offset();
  file->Skip(content_size);
  std::vector<char> chunk(kChunkBytes);
  for (const ByteRange& range : DataRanges(spec)) {
    for (uint64_t offset = range.begin; offset < range.end; offset += kChunkBytes) {
      absl::Span<char> piece(chunk.data(), std::min<uint64_t>(kChunkBytes, range.end - offset));
      BigConstBytes(spec, index, offset, piece);
      absl::Status status = file->WriteAt(content_begin + offset, piece.data(), piece.size());
      if (!status.ok()) return status;
    }
  }
  return absl::OkStatus();
}

}  // namespace

void BigConstBytes(const BigFrozenGraphSpec& spec, int index, uint64_t offset,
                   absl::Span<char> out) {
  std::memset(out.data(), 0, out.size());
  const uint64_t end = offset + out.size();
  for (const ByteRange& range : DataRanges(spec)) {
    for (uint64_t at = std::max(range.begin, offset); at < std::min(range.end, end); at += 8) {
      const uint64_t word = PatternWord(index, at / 8);
      std::memcpy(out.data() + (at - offset), &word, 8);
    }
  }
}

absl::Status WriteBigFrozenGraph(const std::string& path, const BigFrozenGraphSpec& spec) {
  if (spec.consts < 1 || spec.const_bytes <= 0 || spec.const_bytes % 8 != 0) {
    return absl::InvalidArgumentError(
        "a big frozen graph needs at least one Const of a positive multiple of 8 bytes");
  }
  OutputFile file(path);
  if (absl::Status s = file.OpenStatus(); !s.ok()) return s;
  for (int i = 0; i < spec.consts; ++i) {
    if (absl::Status s = WriteConst(spec, i, &file); !s.ok()) return s;
  }
  tensorflow::GraphDef rest;
  tensorflow::NodeDef* axis = rest.add_node();
  axis->set_name("axis");
  axis->set_op("Const");
  (*axis->mutable_attr())["dtype"] = TypeAttr(tensorflow::DT_INT32);
  tensorflow::TensorProto* zero = (*axis->mutable_attr())["value"].mutable_tensor();
  zero->set_dtype(tensorflow::DT_INT32);
  zero->add_int_val(0);
  tensorflow::NodeDef* concat = rest.add_node();
  concat->set_name(kBigGraphOutput);
  concat->set_op("ConcatV2");
  for (int i = 0; i < spec.consts; ++i) concat->add_input(absl::StrCat("w", i));
  concat->add_input("axis");
  (*concat->mutable_attr())["N"].set_i(spec.consts);
  (*concat->mutable_attr())["T"] = TypeAttr(tensorflow::DT_FLOAT);
  (*concat->mutable_attr())["Tidx"] = TypeAttr(tensorflow::DT_INT32);
  rest.mutable_versions()->set_producer(1087);
  if (absl::Status s = file.Append(rest.SerializeAsString()); !s.ok()) return s;
  return file.Finish();
}

}  // namespace tfjs::testdata
